"""The calendar and an activity's page are cached for visitors who are not logged in
(core.pagecache); those who are get pages built for them. Whatever an organiser, a
participant or the administrator changes shows at once: no stale copy is ever served."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory, in_days
from samverka.activities.tests.helpers import activity_form, register_and_confirm
from samverka.activities.tests.test_registration import says_count
from samverka.core.tests.helpers import says

CALENDAR = reverse("activities:calendar")
MONTH = {"view": "month", "date": (timezone.localdate() + timedelta(days=5)).isoformat()}
PAGES = [({}, "list"), ({"view": "week", "date": MONTH["date"]}, "week"), (MONTH, "month"),
         ({"free": "on", "q": "stavgång"}, "filtered list")]


@pytest.fixture
def walk(actor):
    place = MeetingPlaceFactory(name="Kajutan", slug="kajutan")
    return ActivityFactory(actor=actor, title="Stavgång", slug="stavgang", place=place,
                           start=in_days(5, 10), end=in_days(5, 11), registration_mode="registration", capacity=3)


@pytest.fixture
def eva(representative):
    client = Client()
    client.force_login(representative)
    return client


def body(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        body(client, url, params)
    return len(captured)


def edit(eva, activity, **changes):
    data = activity_form(None, **{
        "title": activity.title, "summary": activity.summary,
        "date": timezone.localtime(activity.start).date().isoformat(),
        "start_time": f"{timezone.localtime(activity.start):%H:%M}",
        "end_time": f"{timezone.localtime(activity.end):%H:%M}", "place": activity.place_id or "",
        "address": activity.address, "registration_mode": activity.registration_mode,
        "capacity": activity.capacity or "", "is_free": "on" if activity.is_free else None, **changes})
    data.pop("organiser", None)
    response = eva.post(reverse("activities:edit", args=[activity.slug]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize(("params", "label"), PAGES)
def test_an_edit_shows_at_once_in_every_cached_view_of_the_calendar(client, eva, walk, params, label):
    assert "Stavgång" in body(client, CALENDAR, params)
    assert queries(client, CALENDAR, params) == 0, f"the {label} is not cached"

    edit(eva, walk, title="Stavgång runt Kajutan")

    page = body(client, CALENDAR, params)
    assert "Stavgång runt Kajutan" in page, label


def test_an_edit_shows_at_once_on_the_activitys_cached_page(client, eva, walk):
    assert "Stavgång" in body(client, walk.get_absolute_url())
    assert queries(client, walk.get_absolute_url()) == 0

    edit(eva, walk, summary="Vi går en timme i skogen och fikar efteråt.")

    assert "Vi går en timme i skogen och fikar efteråt." in body(client, walk.get_absolute_url())


def test_a_registration_shows_at_once_in_the_places_left(client, walk):
    left = says_count("%(counter)s place left.", "%(counter)s places left.", 3)
    assert left in body(client, walk.get_absolute_url())
    assert "Stavgång" in body(client, CALENDAR)
    occurrence = walk.occurrences.get()
    register = reverse("activities:register", args=[walk.slug, occurrence.pk])
    fresh = Client()  # a participant with no session cookie yet
    assert fresh.post(register, {"name": "Lina Sandberg", "email": "lina@example.org"}).status_code == 302
    # Not confirmed yet: no place taken, and no page is built again for it (a typed address
    # changes nothing the public sees).
    assert queries(client, walk.get_absolute_url()) == 0
    assert queries(client, CALENDAR) == 0
    assert left in body(client, walk.get_absolute_url())
    register_and_confirm(fresh, register, {"name": "Lina Sandberg", "email": "lina@example.org"})

    page = body(client, walk.get_absolute_url())
    assert says_count("%(counter)s place left.", "%(counter)s places left.", 2) in page
    assert left not in page


def test_a_cancelled_activity_is_marked_at_once(client, eva, walk):
    assert "is-cancelled" not in body(client, CALENDAR)
    eva.post(reverse("activities:cancel", args=[walk.slug]))
    assert "is-cancelled" in body(client, CALENDAR)
    assert says("Cancelled") in body(client, walk.get_absolute_url())


def test_a_renamed_meeting_place_and_organiser_show_at_once(client, official, walk, actor, representative):
    from samverka.activities.tests.test_meeting_places import place_form
    from samverka.actors import services as actor_services

    assert "Kajutan" in body(client, CALENDAR)
    sara = Client()
    sara.force_login(official)
    response = sara.post(reverse("places:edit", args=[walk.place.slug]), place_form(name="Träffpunkt Kajutan"))
    assert response.status_code == 302
    assert "Träffpunkt Kajutan" in body(client, CALENDAR)

    actor_services.update_actor(by=representative, actor=actor, data={"name": "Parkinsonföreningen Ekerö"})
    assert "Parkinsonföreningen Ekerö" in body(client, CALENDAR)


def test_a_new_activity_shows_at_once(client, eva, actor):
    assert "Babycafé" not in body(client, CALENDAR)
    response = eva.post(reverse("activities:create"), activity_form(f"actor:{actor.pk}", title="Babycafé"))
    assert response.status_code == 302
    assert "Babycafé" in body(client, CALENDAR)


def test_people_who_are_logged_in_get_their_own_page_around_the_shared_results(client, eva, walk):
    anonymous = body(client, CALENDAR)
    organiser = body(eva, CALENDAR)
    add = reverse("activities:create")
    assert f'href="{add}"' in organiser and f'href="{add}"' not in anonymous
    assert "Stavgång" in organiser
    assert f'href="{add}"' not in body(client, CALENDAR)
    # The organiser's calendar is built for them each time; a visitor's comes from the cache.
    assert queries(eva, CALENDAR) > 0
    assert queries(client, CALENDAR) == 0


def test_the_languages_do_not_share_their_pages(client, walk):
    assert "Vad händer" in body(client, CALENDAR, MONTH) or says("What's on") in body(client, CALENDAR, MONTH)
    english = body(client, "/en" + CALENDAR, MONTH)
    assert "What's on" in english or "What&#x27;s on" in english
    assert "Nästa månad" not in english
    assert says("Next month") in body(client, CALENDAR, MONTH)


def test_filters_in_another_order_give_the_same_results(client, walk):
    first = body(client, CALENDAR, {"free": "on", "q": "stavgång"})
    assert "Stavgång" in first
    second = client.get(CALENDAR + "?q=stavg%C3%A5ng&area=&free=on")
    assert second.status_code == 200 and "Stavgång" in second.content.decode()


def test_an_htmx_request_gets_the_results_only(client, walk):
    response = client.get(CALENDAR, {"free": "on"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="results"') and "Stavgång" in page
    assert "<html" not in page
