"""The calendar, an activity's page, a meeting place's page, the feeds and the API cost
the same number of database queries whether the calendar holds 10 activities or 500:
no query per activity or per date."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.activities.models import Activity, Feature
from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory, RegistrationFactory, at
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup


def fill(count: int, start: int, actors, place) -> None:
    areas, groups = list(Area.objects.all()), list(TargetGroup.objects.all())
    languages, goals, districts = list(Language.objects.all()), list(SdgGoal.objects.all()), list(District.objects.all())
    today = timezone.localdate()
    for n in range(start, start + count):
        day = today + timedelta(days=1 + n % 40)
        activity = ActivityFactory(
            actor=actors[n % 2], title=f"Aktivitet {n}", slug=f"aktivitet-{n}", start=at(day, 9 + n % 10),
            end=at(day, 10 + n % 10), rrule="FREQ=WEEKLY;COUNT=6" if n % 3 == 0 else "",
            place=place if n % 4 == 0 else None, district=districts[n % len(districts)], is_free=n % 2 == 0,
            registration_mode="registration" if n % 5 == 0 else "drop_in", capacity=10 if n % 5 == 0 else None,
        )
        activity.areas.set([areas[n % len(areas)]])
        activity.target_groups.set([groups[n % len(groups)]])
        activity.languages.set([languages[n % len(languages)]])
        activity.sdg_goals.set([goals[n % len(goals)]])


def queries(client, url: str, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def districts(db):
    for n, name in enumerate(["Ekerö centrum", "Stenhamra", "Skå", "Färentuna"]):
        District.objects.create(slug=f"d{n}", name=name, position=n)


@pytest.fixture
def setting(actor, other_actor, representative, official, districts):
    place = MeetingPlaceFactory(name="Kajutan", slug="kajutan")
    day = timezone.localdate() + timedelta(days=3)
    cafe = ActivityFactory(actor=actor, title="Språkcafé", slug="sprakcafe", rrule="FREQ=WEEKLY;COUNT=30",
                           place=place, start=at(day, 18), end=at(day, 20), registration_mode="registration",
                           capacity=5)
    cafe.areas.set(Area.objects.all()[:3])
    cafe.languages.set(Language.objects.all()[:2])
    for n, occurrence in enumerate(cafe.occurrences.all()[:5]):
        RegistrationFactory(occurrence=occurrence, email=f"p{n}@example.org")
    Feature.objects.create(activity=cafe, starts_on=timezone.localdate(), ends_on=timezone.localdate() + timedelta(days=5))
    calendar = reverse("activities:calendar")
    month = (timezone.localdate() + timedelta(days=10)).isoformat()
    return {
        "actors": [actor, other_actor], "place": place,
        "pages": {
            "list": (None, calendar, {}),
            "list, page 2": (None, calendar, {"page": "2"}),
            "list, filtered": (None, calendar, {"area": "kultur", "free": "on", "q": "aktivitet", "district": "d1"}),
            "list, all filters": (None, calendar, {"target_group": "aldre", "language": "sv", "sdg": "3",
                                                   "accessible": "on", "actor": "parkinson-ekero", "when": "month"}),
            "week": (None, calendar, {"view": "week", "date": month}),
            "month": (None, calendar, {"view": "month", "date": month}),
            "month, filtered": (official, calendar, {"view": "month", "date": month, "area": "fritid"}),
            "activity, anonymous": (None, cafe.get_absolute_url(), {}),
            "activity, organiser": (representative, cafe.get_absolute_url(), {}),
            "activity, official": (official, cafe.get_absolute_url(), {}),
            "register": (None, reverse("activities:register", args=[cafe.slug, cafe.occurrences.first().pk]), {}),
            "participants": (representative, reverse("activities:participants", args=[cafe.slug]), {}),
            "place": (None, place.get_absolute_url(), {}),
            "places": (None, reverse("places:list"), {}),
            "feed, actor": (None, reverse("activities:feed"), {"actor": "oar-utan-granser", "to_date": month}),
            "api occurrences": (None, reverse("api:occurrence-list"), {}),
            "api activities": (None, reverse("api:activity-list"), {}),
            "open data": (None, reverse("activities:export_json"), {"actor": "parkinson-ekero", "to_date": month}),
        },
    }


def measure(client, pages) -> dict[str, tuple[int, int]]:
    """Per page: the queries of a page built from scratch (nothing in the cache) and of
    the same page again (cached pages and fragments)."""
    counts = {}
    for label, (user, url, params) in pages.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        queries(client, url, params)  # warm the per-process caches (content types, settings row)
        cache.clear()
        counts[label] = (queries(client, url, params), queries(client, url, params))
    return counts


def test_pages_cost_the_same_with_10_and_500_activities(client, setting):
    fill(9, 0, setting["actors"], setting["place"])
    with_10 = measure(client, setting["pages"])

    fill(490, 100, setting["actors"], setting["place"])
    assert Activity.objects.count() == 500
    with_500 = measure(client, setting["pages"])
    assert with_500 == with_10
    assert max(cold for cold, _warm in with_10.values()) < 30, with_10
    # A visitor who is not logged in gets the calendar and an activity's page from the cache.
    for label in ("list", "list, filtered", "week", "month", "activity, anonymous"):
        assert with_10[label][1] == 0, (label, with_10[label])
