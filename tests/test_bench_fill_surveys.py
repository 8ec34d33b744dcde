"""The benchmark's filler adds answers the results page counts like any other, and the page's
queries stay the same as they grow."""

from django.core.management import call_command
from django.urls import reverse

from bench import surveys as bench
from samverka.accounts.models import User


def test_the_benchmark_fill_gives_results_to_measure(db, client, time_machine, django_assert_max_num_queries):
    time_machine.move_to("2026-05-04 09:00 +02:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    survey = bench.fill(count=500)
    assert survey.responses.count() == 590
    client.force_login(User.objects.get(email="handlaggare@samverka.example"))
    with django_assert_max_num_queries(16):
        page = client.get(reverse("dialogue:survey_results", args=[survey.pk])).content.decode()
    assert '<p class="lead">590 ' in page
    bench.fill(count=10)
    assert survey.responses.count() == 600
