"""Amal, new in Ekerö, looks for something to do: the calendar as a list, a week or a
month, with filters that combine and stay in the address, and shortcuts. A broken
address never gives a server error."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.activities.filters import period
from samverka.activities.models import Activity
from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory, at, in_days
from samverka.core.tests.helpers import h1_count, says
from samverka.municipality.models import Area, District, Language, TargetGroup

CALENDAR = reverse("activities:calendar")


def titles(response) -> set[str]:
    """The activity titles the calendar shows."""
    import re
    return set(re.findall(r'<a href="/aktiviteter/[^/"]+/"[^>]*>(?:<time[^>]*>[^<]*</time> )?'
                          r'(?:<bdi>|<span class="month__title" dir="auto">)([^<]+)</', response.content.decode()))


@pytest.fixture
def town(actor, other_actor):
    """A few activities with different facts."""
    ekero = District.objects.create(slug="ekero-centrum", name="Ekerö centrum")
    skå = District.objects.create(slug="ska", name="Skå")
    library = MeetingPlaceFactory(name="Ekerö bibliotek", slug="ekero-bibliotek", district=ekero, step_free_entry=True)
    cafe = ActivityFactory(actor=other_actor, title="Språkcafé", place=library, start=in_days(2), end=in_days(2, 20))
    cafe.areas.set([Area.objects.get(slug="integration")])
    cafe.target_groups.set([TargetGroup.objects.get(slug="nyanlanda")])
    cafe.languages.set([Language.objects.get(code="ar")])
    cafe.sdg_goals.set([4])
    walk = ActivityFactory(actor=actor, title="Stavgång i Skå", district=skå, is_free=False, cost="20 kr",
                           start=in_days(3, 10), end=in_days(3, 11), summary="Vi går i skogen.")
    walk.areas.set([Area.objects.get(slug="folkhalsa")])
    choir = ActivityFactory(actor=actor, title="Föräldrakören", start=in_days(20), end=in_days(20, 19),
                            hearing_loop=True)
    with time_machine.travel(timezone.now() - timedelta(days=40)):  # published back then
        old = ActivityFactory(actor=actor, title="Förra årets fest", start=in_days(10), end=in_days(10, 22))
    draft = ActivityFactory(actor=actor, title="Hemligt utkast", status=Activity.Status.DRAFT)
    return {"cafe": cafe, "walk": walk, "choir": choir, "old": old, "draft": draft, "library": library}


def test_the_list_shows_what_is_coming_soonest_first(client, town):
    response = client.get(CALENDAR)
    body = response.content.decode()
    assert response.status_code == 200 and h1_count(body) == 1
    assert titles(response) == {"Språkcafé", "Stavgång i Skå", "Föräldrakören"}
    assert body.index("Språkcafé") < body.index("Stavgång i Skå") < body.index("Föräldrakören")


def test_the_list_can_start_at_another_date(client, town):
    response = client.get(CALENDAR, {"date": in_days(10).date().isoformat()})
    assert titles(response) == {"Föräldrakören"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"area": "integration"}, {"Språkcafé"}),
        ({"target_group": "nyanlanda"}, {"Språkcafé"}),
        ({"district": "ekero-centrum"}, {"Språkcafé"}),  # through its meeting place
        ({"district": "ska"}, {"Stavgång i Skå"}),
        ({"language": "ar"}, {"Språkcafé"}),
        ({"sdg": "4"}, {"Språkcafé"}),
        ({"free": "on"}, {"Språkcafé", "Föräldrakören"}),
        ({"accessible": "on"}, {"Språkcafé"}),
        ({"hearing_loop": "on"}, {"Föräldrakören"}),
        ({"actor": "parkinson-ekero"}, {"Stavgång i Skå", "Föräldrakören"}),
        ({"place": "ekero-bibliotek"}, {"Språkcafé"}),
        ({"q": "sprakcafe"}, {"Språkcafé"}),
        ({"q": "FÖRÄLDRAKÖR"}, {"Föräldrakören"}),
        ({"q": "skogen"}, {"Stavgång i Skå"}),
        ({"q": "stavgång skogen"}, {"Stavgång i Skå"}),
        ({"q": "ingenting sådant"}, set()),
        ({"area": "integration", "free": "on"}, {"Språkcafé"}),
        ({"area": "folkhalsa", "free": "on"}, set()),
        ({"from_date": in_days(15).date().isoformat()}, {"Föräldrakören"}),
        ({"to_date": in_days(2).date().isoformat()}, {"Språkcafé"}),  # from today
        ({"from_date": in_days(3).date().isoformat(), "to_date": in_days(3).date().isoformat()}, {"Stavgång i Skå"}),
        ({"from_date": in_days(-31).date().isoformat(), "to_date": in_days(-29).date().isoformat()}, {"Förra årets fest"}),
    ],
)
def test_filters_narrow_the_list_and_combine(client, town, params, expected):
    response = client.get(CALENDAR, params)
    assert response.status_code == 200
    assert titles(response) == expected


@time_machine.travel("2026-10-21 09:00 +02:00", tick=False)  # a Wednesday: the whole weekend lies ahead
def test_this_weekend(client, town, actor):
    saturday, sunday = period("weekend")
    weekend = ActivityFactory(actor=actor, title="Loppis", start=at(saturday, 11), end=at(saturday, 15))
    response = client.get(CALENDAR, {"when": "weekend"})
    assert "Loppis" in titles(response)
    assert all(Activity.objects.get(title=t).start.date() >= saturday - timedelta(days=1) for t in titles(response))
    assert weekend.start.date() == saturday


@pytest.mark.parametrize(("today", "saturday", "sunday"), [
    ("2026-10-21", "2026-10-24", "2026-10-25"),  # a Wednesday
    ("2026-10-24", "2026-10-24", "2026-10-25"),  # Saturday
    ("2026-10-25", "2026-10-25", "2026-10-25"),  # Sunday: what is left of it
])
def test_the_weekend_is_the_coming_saturday_and_sunday(today, saturday, sunday):
    from datetime import date
    assert period("weekend", date.fromisoformat(today)) == (date.fromisoformat(saturday), date.fromisoformat(sunday))


def test_the_shortcuts_are_links_with_the_filter_in_the_address(client, town):
    body = client.get(CALENDAR).content.decode()
    assert f'href="{CALENDAR}?when=weekend"' in body
    assert f'href="{CALENDAR}?target_group=nyanlanda"' in body
    newcomers = client.get(CALENDAR, {"target_group": "nyanlanda"})
    assert titles(newcomers) == {"Språkcafé"}


def test_the_week_view_shows_seven_days(client, town):
    day = timezone.localtime(town["walk"].start).date()
    response = client.get(CALENDAR, {"view": "week", "date": day.isoformat()})
    body = response.content.decode()
    assert response.status_code == 200 and h1_count(body) == 1
    assert body.count('class="week__day') == 7
    assert "Stavgång i Skå" in body
    monday = day - timedelta(days=day.weekday())
    assert f"date={(monday - timedelta(days=7)).isoformat()}" in body
    assert f"date={(monday + timedelta(days=7)).isoformat()}" in body


def test_the_month_view_shows_every_day_and_how_many_more(client, actor, db):
    day = timezone.localdate() + timedelta(days=40)
    for n in range(6):
        ActivityFactory(actor=actor, title=f"Kurs {n}", start=at(day, 9 + n), end=at(day, 10 + n))
    response = client.get(CALENDAR, {"view": "month", "date": day.isoformat()})
    body = response.content.decode()
    assert response.status_code == 200
    for n in range(4):
        assert f"Kurs {n}" in body
    assert "Kurs 5" not in body
    assert f"from_date={day.isoformat()}" in body and f"to_date={day.isoformat()}" in body
    weeks = body.count("<tr>") - 1
    assert 4 <= weeks <= 6


def test_the_month_view_keeps_the_filters(client, town):
    day = timezone.localtime(town["cafe"].start).date()
    response = client.get(CALENDAR, {"view": "month", "date": day.isoformat(), "area": "folkhalsa"})
    body = response.content.decode()
    assert "Stavgång i Skå" in body or timezone.localtime(town["walk"].start).month != day.month
    assert "Språkcafé" not in body.split('id="results"')[1]


def test_an_unknown_organiser_gives_an_empty_calendar_and_says_why(client, town):
    response = client.get(CALENDAR, {"actor": "finns-inte"})
    assert titles(response) == set()
    assert says("We do not know this organiser or place, so no activity matches.") in response.content.decode()


def test_a_named_organiser_is_shown_and_can_be_removed(client, town):
    body = client.get(CALENDAR, {"actor": "parkinson-ekero", "free": "on"}).content.decode()
    assert "<strong>Parkinson Ekerö</strong>" in body
    assert 'href="?free=on"' in body


GARBAGE = [
    {"view": "year"}, {"view": "<script>"}, {"date": "2026-13-45"}, {"date": "0001-01-01"}, {"date": "9999-12-31"},
    {"date": "x" * 500}, {"page": "-1"}, {"page": "999999"}, {"page": "NaN"},
    {"area": "finns-inte"}, {"area": "x" * 5000}, {"sdg": "99999999999999999999999"}, {"sdg": "-3"}, {"sdg": "abc"},
    {"language": "\x00"}, {"target_group": "'; DROP TABLE activities_activity; --"}, {"district": "ö"},
    {"from_date": "0001-01-01"}, {"from_date": "9999-12-31"}, {"to_date": "9999-12-31"}, {"to_date": "yesterday"},
    {"when": "never"}, {"free": "banana"}, {"accessible": "2"}, {"q": "\x00"}, {"q": "a" * 10000}, {"q": "%_%"},
    {"actor": "x" * 1000}, {"place": "../../etc/passwd"}, {"office": "\x00"},
]


@pytest.mark.parametrize("view", ["list", "week", "month"])
@pytest.mark.parametrize("params", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_in_the_address_is_ignored_never_a_server_error(client, town, view, params):
    response = client.get(CALENDAR, {"view": view, **params})
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["activities:feed", "activities:export_csv", "activities:export_json"])
@pytest.mark.parametrize("params", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_in_a_feed_or_export_address_is_ignored(client, town, url, params):
    response = client.get(reverse(url), params)
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["api:occurrence-list", "api:activity-list", "api:meetingplace-list"])
@pytest.mark.parametrize("params", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_in_an_api_address_gets_an_answer_in_json(client, town, url, params):
    """The API says what is wrong (400, or 404 for a page that does not exist)."""
    response = client.get(reverse(url), params)
    assert response.status_code in (200, 400, 404)
    assert response["Content-Type"] == "application/json"
    if response.status_code == 400:
        assert set(response.json()) <= set(params)


def test_a_garbage_filter_value_is_explained_next_to_its_field(client, town):
    response = client.get(CALENDAR, {"area": "finns-inte", "free": "on"})
    body = response.content.decode()
    assert 'id="id_area_error"' in body
    assert titles(response) == {"Språkcafé", "Föräldrakören"}  # the other filter still works


def test_htmx_gets_only_the_results(client, town):
    response = client.get(CALENDAR, {"area": "integration"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'id="results"' in body and "Språkcafé" in body


def test_the_calendar_feed_link_follows_the_filters(client, town):
    body = client.get(CALENDAR, {"area": "integration", "view": "week", "page": "2"}).content.decode()
    assert f'{reverse("activities:feed")}?area=integration"' in body


def test_a_cancelled_activity_stays_in_the_calendar_marked_as_cancelled(client, town):
    Activity.objects.filter(pk=town["walk"].pk).update(status=Activity.Status.CANCELLED)
    body = client.get(CALENDAR).content.decode()
    assert "Stavgång i Skå" in body and says("Cancelled") in body


def test_the_list_in_english_and_arabic(client, town):
    for language in ("en", "ar"):
        response = client.get(f"/{language}{CALENDAR}")
        assert response.status_code == 200
        assert "Språkcafé" in response.content.decode()


def test_the_list_moves_with_the_clock(client, town):
    """The list is cached for a few minutes at a time (views.LIST_STEP): an occasion that
    has ended leaves it within those minutes, cached or not."""
    from samverka.activities.views import LIST_STEP

    with time_machine.travel(town["cafe"].end - timedelta(minutes=1), tick=False):
        assert "Språkcafé" in titles(client.get(CALENDAR))
    with time_machine.travel(town["cafe"].end + timedelta(minutes=LIST_STEP), tick=False):
        assert "Språkcafé" not in titles(client.get(CALENDAR))
    assert in_days(0) is not None
