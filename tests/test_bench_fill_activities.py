"""The benchmark's filler writes activities the calendar shows like any other."""

from django.urls import reverse

from bench import activities as bench
from samverka.activities.models import Activity, Occurrence
from samverka.activities.tests.factories import ActivityFactory


def test_the_benchmark_fill_gives_a_usable_calendar(client, actor, other_actor):
    assert bench.fill(count=30) == 30
    assert Activity.objects.count() == 30
    assert Occurrence.objects.count() == 15 * 12 + 15
    assert Activity.objects.filter(areas__isnull=False).distinct().count() == 30
    ActivityFactory(actor=actor, title="Efteråt")  # the keys go on after the bulk rows
    response = client.get(reverse("activities:calendar"), {"q": "sprakcafe"})
    assert response.status_code == 200 and "Språkcafé" in response.content.decode()
    assert client.get(reverse("activities:calendar"), {"view": "month"}).status_code == 200
