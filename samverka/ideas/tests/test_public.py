"""The gallery shows the ideas whose authors chose so, with their stage, filtered by area and part
of the municipality; it comes from the page cache and shows a change at once. The author takes
the idea out of the gallery or puts it back from the private link."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samverka.core.models import AuditEvent
from samverka.ideas import services
from samverka.ideas.models import Idea
from samverka.municipality.models import Area, District

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gallery(coach):
    culture, _ = Area.objects.get_or_create(slug="kultur", defaults={"name": "Kultur"})
    nature, _ = Area.objects.get_or_create(slug="natur", defaults={"name": "Natur"})
    ska, _ = District.objects.get_or_create(slug="ska", defaults={"name": "Skå"})
    cafe = IdeaFactory(title="Språkcafé", is_public=True, coach=coach, taken_at=timezone.now(), step="project")
    cafe.areas.add(culture)
    garden = IdeaFactory(title="Odling i Skå", is_public=True, step="anchoring")
    garden.areas.add(nature)
    garden.districts.add(ska)
    IdeaFactory(title="Hemlig idé", is_public=False, coach=coach)
    return cafe, garden


def test_the_gallery_shows_public_ideas_with_their_stage_and_filters(client, gallery):
    page = client.get(reverse("ideas:gallery")).content.decode()
    assert "Språkcafé" in page and "Odling i Skå" in page and "Hemlig idé" not in page
    assert "ali@example.org" not in page and "Ali Hassan" not in page
    assert "4" in page  # step 4 of 7: the project starts
    only = client.get(reverse("ideas:gallery") + "?area=natur").content.decode()
    assert "Odling i Skå" in only and "Språkcafé" not in only
    only = client.get(reverse("ideas:gallery") + "?district=ska").content.decode()
    assert "Odling i Skå" in only and "Språkcafé" not in only
    assert client.get(reverse("ideas:gallery") + "?area=finns-inte").status_code == 200


def test_the_gallery_is_cached_and_shows_a_change_at_once(client, gallery, django_assert_num_queries):
    cafe, _garden = gallery
    client.get(reverse("ideas:gallery"))
    with django_assert_num_queries(0):
        client.get(reverse("ideas:gallery"))
    services.set_public(by=None, idea=cafe, public=False)
    assert "Språkcafé" not in client.get(reverse("ideas:gallery")).content.decode()


def test_the_author_takes_the_idea_out_of_the_gallery_and_back(client, gallery):
    cafe, _garden = gallery
    response = client.post(reverse("ideas:publicity", args=[cafe.token]), {"public": "0"})
    assert response.status_code == 302
    assert not Idea.objects.get(pk=cafe.pk).is_public
    assert "Språkcafé" not in client.get(reverse("ideas:gallery")).content.decode()
    client.post(reverse("ideas:publicity", args=[cafe.token]), {"public": "1"})
    assert Idea.objects.get(pk=cafe.pk).is_public
    assert AuditEvent.objects.filter(action="idea.public").count() == 2


def test_the_private_links_buttons_are_rate_limited(client, idea):
    for _ in range(20):
        client.post(idea.get_confirm_url())
    response = client.post(reverse("ideas:publicity", args=[idea.token]), {"public": "1"})
    assert response.status_code == 429 and response["Retry-After"] == str(60 * 60)
    assert not Idea.objects.get(pk=idea.pk).is_public


def test_the_private_page_shows_the_coachs_notes_but_not_the_support(client, coached, coach):
    services.move_forward(by=coach, idea=coached, note="Vi ses på biblioteket på tisdag.", on=timezone.localdate())
    services.record_support(by=coach, idea=coached, kind="premises", text="Lilla salen", on=timezone.localdate())
    page = client.get(coached.get_private_url()).content.decode()
    assert "Vi ses på biblioteket på tisdag." in page
    assert "Lilla salen" not in page
    assert client.get(coached.get_private_url())["X-Robots-Tag"] == "noindex"


def test_a_linked_activity_in_draft_is_not_shown_to_the_public(client, coach, gallery):
    from samverka.activities.models import Activity
    from samverka.activities.tests.factories import ActivityFactory

    cafe, _garden = gallery
    draft = ActivityFactory(title="Utkast: språkcafé", status=Activity.Status.DRAFT)
    services.link_activity(by=coach, idea=cafe, activity=draft)
    assert "Utkast: språkcafé" not in client.get(cafe.get_absolute_url()).content.decode()
    client.force_login(coach)
    assert "Utkast: språkcafé" in client.get(cafe.get_absolute_url()).content.decode()


def test_finished_ideas_have_their_own_section_in_the_gallery(client, gallery):
    """The garden in Skå is anchored: it is not an idea under way."""
    with translation.override("en"):
        page = client.get(reverse("ideas:gallery")).content.decode()
    under_way, ended = page.split("Ideas that reached their end", 1)
    assert "Språkcafé" in under_way and "Odling i Skå" not in under_way
    assert "Odling i Skå" in ended and "Outcome: Anchored" in ended
    for n in range(7):
        IdeaFactory(title=f"Avslutad idé {n}", is_public=True, step="closure", step_since=timezone.now())
    page = client.get(reverse("ideas:gallery")).content.decode()
    assert "Odling i Skå" not in page and "?visa=avslutade" in page  # six shown, the rest one click away
    every = client.get(reverse("ideas:gallery") + "?visa=avslutade").content.decode()
    assert "Odling i Skå" in every and "Avslutad idé 6" in every and "Språkcafé" not in every
