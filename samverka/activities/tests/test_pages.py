"""Every page of activities and meeting places renders for the people who may see it, in
Swedish, English and Arabic, with one <h1>, the page's language and direction, and no
inline script or style (the Content-Security-Policy forbids them)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from samverka.activities.models import Activity, Feature, MeetingPlace
from samverka.activities.tests.factories import (
    ActivityFactory,
    MeetingPlaceFactory,
    RegistrationActivityFactory,
    RegistrationFactory,
)
from samverka.core.tests.helpers import h1_count


@pytest.fixture
def pages(actor, representative, official, resident):
    place = MeetingPlaceFactory(name="Kajutan", slug="kajutan", owner=actor)
    proposal = MeetingPlaceFactory(name="Förslag", slug="forslag", status=MeetingPlace.Status.PROPOSED,
                                   proposed_by=representative)
    activity = RegistrationActivityFactory(actor=actor, title="Språkcafé", place=place, rrule="FREQ=WEEKLY;COUNT=3")
    occurrence = activity.occurrences.first()
    registration = RegistrationFactory(occurrence=occurrence, email="lina@example.org", user=resident)
    Feature.objects.create(activity=activity, starts_on="2020-01-01", ends_on="2099-01-01", created_by=official)
    slug = activity.slug
    return [
        (None, reverse("activities:calendar")),
        (None, reverse("activities:calendar") + "?view=week"),
        (None, reverse("activities:calendar") + "?view=month"),
        (None, activity.get_absolute_url()),
        (None, reverse("activities:register", args=[slug, occurrence.pk])),
        (None, registration.get_absolute_url()),
        (None, reverse("places:list")),
        (None, place.get_absolute_url()),
        (resident, reverse("activities:my_registrations")),
        (representative, reverse("activities:create")),
        (representative, reverse("activities:edit", args=[slug])),
        (representative, reverse("activities:participants", args=[slug])),
        (representative, reverse("places:create")),
        (representative, reverse("places:edit", args=[place.slug])),
        (representative, proposal.get_absolute_url()),
        (official, reverse("activities:feature", args=[slug])),
        (official, proposal.get_absolute_url()),
        (official, activity.get_absolute_url()),
    ]


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_every_page_renders_with_one_heading(client, pages, language):
    for user, url in pages:
        client.logout()
        if user is not None:
            client.force_login(user)
        if language != "sv":
            url = f"/{language}{url}"
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert h1_count(body) == 1, url
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in body, url
        assert not re.search(r"<script(?![^>]*(src=|application/ld\+json))", body), url
        assert " style=" not in body, url


def test_the_calendar_is_reached_in_every_language(client, db):
    assert client.get("/en/aktiviteter/").status_code == 200
    assert client.get("/ar/motesplatser/").status_code == 200


def shown(response) -> str:
    """The page without its structured data (search engines read the summary there)."""
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", response.content.decode(), flags=re.S)


def test_the_summary_is_not_repeated_as_the_first_paragraph(client, actor):
    activity = ActivityFactory(actor=actor, summary="Lugn gympa till musik.",
                               description="Lugn gympa till musik.\n\nTa med en vattenflaska.")
    page = shown(client.get(activity.get_absolute_url()))
    assert page.count("Lugn gympa till musik.") == 1
    assert "Ta med en vattenflaska." in page


def test_a_description_that_only_repeats_the_summary_is_left_out(client, actor):
    activity = ActivityFactory(actor=actor, summary="Lugn gympa till musik.", description="Lugn gympa till musik.")
    page = shown(client.get(activity.get_absolute_url()))
    assert page.count("Lugn gympa till musik.") == 1
    assert 'id="about-title"' not in page


def test_the_demo_activities_do_not_repeat_their_summary(db):
    call_command("load_demo", stdout=StringIO())
    activities = Activity.objects.all()
    assert activities.exists()
    assert not [a.title for a in activities if a.description.startswith(a.summary)]
