"""Sara, an official, lifts an association's activity onto the home page for two weeks
(policy 8b). The actor's page lists its coming activities."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from samverka.activities import selectors
from samverka.activities.models import Activity, Feature
from samverka.activities.tests.factories import ActivityFactory, in_days
from samverka.activities.tests.helpers import field_error
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says


@pytest.fixture
def cafe(actor):
    return ActivityFactory(actor=actor, title="Språkcafé")


def test_sara_features_an_activity_and_it_is_featured_now(client, official, cafe):
    client.force_login(official)
    url = reverse("activities:feature", args=[cafe.slug])
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    response = client.post(url, {"starts_on": today.isoformat(), "ends_on": (today + timedelta(days=14)).isoformat()})
    assert flash(response) == [says("The activity is featured on the home page for the dates you chose.")]
    feature = Feature.objects.get()
    assert (feature.activity, feature.created_by) == (cafe, official)
    assert AuditEvent.objects.filter(action="activity.feature").count() == 1
    assert selectors.featured_now() == [cafe]
    assert selectors.featured_now(today=today + timedelta(days=15)) == []

    page = client.get(cafe.get_absolute_url()).content.decode()
    assert reverse("activities:unfeature", args=[cafe.slug, feature.pk]) in page
    client.post(reverse("activities:unfeature", args=[cafe.slug, feature.pk]))
    assert not Feature.objects.exists()


@pytest.mark.parametrize(("starts", "ends", "message"), [
    (0, -1, "The last day must be on or after the first day."),
    (-10, -2, "The last day has passed. Choose today or a later day."),
    (0, 400, "Feature an activity for at most a year."),
])
def test_bad_dates_are_explained(client, official, cafe, starts, ends, message):
    client.force_login(official)
    today = timezone.localdate()
    response = client.post(reverse("activities:feature", args=[cafe.slug]), {
        "starts_on": (today + timedelta(days=starts)).isoformat(), "ends_on": (today + timedelta(days=ends)).isoformat()})
    assert says(message) in field_error(response.content.decode(), "ends_on")
    assert not Feature.objects.exists()


def test_a_draft_cannot_be_featured(client, official, actor):
    draft = ActivityFactory(actor=actor, status=Activity.Status.DRAFT, office=None)
    client.force_login(official)
    assert client.get(reverse("activities:feature", args=[draft.slug])).status_code == 404


def test_the_home_page_include_shows_featured_activities_that_are_still_ahead(actor, official):
    today = timezone.localdate()
    coming = ActivityFactory(actor=actor, title="Kommande")
    over = ActivityFactory(actor=actor, title="Över", start=in_days(1), end=in_days(1, 20))
    for activity in (coming, over):
        Feature.objects.create(activity=activity, starts_on=today, ends_on=today + timedelta(days=7), created_by=official)
    Activity.objects.filter(pk=over.pk).update(status=Activity.Status.CANCELLED)
    html = Template("{% load activities %}{% featured_activities %}").render(Context({}))
    assert "Kommande" in html and "Över" not in html
    assert Template("{% load activities %}{% featured_activities %}").render(Context({})).count("<article") == 1


def test_nothing_featured_shows_nothing(db):
    assert Template("{% load activities %}{% featured_activities %}").render(Context({})).strip() == ""


def test_an_actors_page_can_list_its_coming_activities(actor, other_actor):
    weekly = ActivityFactory(actor=actor, title="Varje vecka", rrule="FREQ=WEEKLY;COUNT=10", start=in_days(3), end=in_days(3, 20))
    ActivityFactory(actor=actor, title="Utkast", status=Activity.Status.DRAFT)
    ActivityFactory(actor=other_actor, title="Någon annans")
    soon = ActivityFactory(actor=actor, title="Snart", start=in_days(1), end=in_days(1, 20))
    assert selectors.upcoming_for_actor(actor) == [soon, weekly]
    assert selectors.upcoming_for_actor(actor)[1].next_start == weekly.start
    request = RequestFactory().get("/")
    html = Template("{% load activities %}{% upcoming_activities actor %}").render(Context({"actor": actor, "request": request}))
    assert html.index("Snart") < html.index("Varje vecka")
    assert "Utkast" not in html and "Någon annans" not in html
    assert f"{reverse('activities:feed')}?actor={actor.slug}" in html
