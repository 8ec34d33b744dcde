"""Content that people write (in Swedish, mostly) keeps its own direction on Arabic pages:
"Munsö." does not become ".Munsö". Every title, summary, description and place they write
is in a <bdi> or an element with dir="auto", on the object pages, in cards and in lists."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory
from samverka.needs.tests.factories import NeedFactory

ISOLATED = r'(?:<bdi>|<[a-z0-9]+\b[^>]*\sdir="auto"[^>]*>)(?:\s*<p>)?\s*'


def not_isolated(page: str, text: str) -> list[str]:
    """Where on the page `text` is shown without starting its own direction (with what
    comes before it); a text not shown at all is reported too."""
    shown = [m.start() for m in re.finditer(re.escape(text), page) if not in_head(page, m.start())]
    isolated_at = {m.end() - len(text) for m in re.finditer(ISOLATED + re.escape(text), page)}
    return [page[max(0, at - 80):at + len(text)] for at in shown if at not in isolated_at] or (
        [] if shown else [f"{text!r} is not on the page"])


def isolated(page: str, text: str) -> bool:
    return not not_isolated(page, text)


def in_head(page: str, at: int) -> bool:
    """The <head> (title, structured data) and attributes are not laid out as text."""
    return at < page.find("<body") or page.rfind("<", 0, at) > page.rfind(">", 0, at)


@pytest.fixture
def content(actor):
    place = MeetingPlaceFactory(name="Bygdegården Munsö", address="Munsö kyrkväg 1, Munsö",
                                offers="Kök och stor sal.", accessibility_notes="Ramp vid entrén.")
    activity = ActivityFactory(actor=actor, title="Seniorgympa på Munsö", summary="Lugn gympa till musik på Munsö.",
                               description="Ta med vattenflaska.", place=place, cost="20 kr.")
    need = NeedFactory(title="Fikavärdar till Munsö", summary="Vi söker två fikavärdar.",
                       description="Träffarna är på torsdagar.", place="Munsö bygdegård.")
    return {"place": place, "activity": activity, "need": need, "actor": actor}


def arabic(client, path) -> str:
    """The page in Arabic; `path` is called to give the address (translated paths)."""
    with override("ar"):
        path = path()
    response = client.get(path)
    assert response.status_code == 200, path
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    return page


def test_an_activity_page(client, content):
    page = arabic(client, lambda: content["activity"].get_absolute_url())
    for text in ("Seniorgympa på Munsö", "Lugn gympa till musik på Munsö.", "Ta med vattenflaska.",
                 "Bygdegården Munsö", "20 kr.", content["actor"].name):
        assert not not_isolated(page, text)


@pytest.mark.parametrize("view", ["list", "week", "month"])
def test_the_calendar(client, content, view):
    day = content["activity"].start.date().isoformat()
    page = arabic(client, lambda: f"{reverse('activities:calendar')}?view={view}&date={day}")
    assert isolated(page, "Seniorgympa på Munsö")
    if view == "list":
        assert isolated(page, "Lugn gympa till musik på Munsö.") and isolated(page, "Bygdegården Munsö")


def test_a_need_and_the_list_of_needs(client, content):
    page = arabic(client, lambda: content["need"].get_absolute_url())
    for text in ("Fikavärdar till Munsö", "Vi söker två fikavärdar.", "Träffarna är på torsdagar.", "Munsö bygdegård."):
        assert not not_isolated(page, text)
    page = arabic(client, lambda: reverse("needs:index"))
    assert isolated(page, "Fikavärdar till Munsö") and isolated(page, "Vi söker två fikavärdar.")


def test_meeting_places(client, content):
    page = arabic(client, lambda: content["place"].get_absolute_url())
    for text in ("Bygdegården Munsö", "Munsö kyrkväg 1, Munsö", "Kök och stor sal.", "Ramp vid entrén."):
        assert not not_isolated(page, text)
    page = arabic(client, lambda: reverse("places:list"))
    assert isolated(page, "Bygdegården Munsö") and isolated(page, "Kök och stor sal.")


def test_an_actor_page_and_the_directory(client, content):
    actor = content["actor"]
    page = arabic(client, lambda: actor.get_absolute_url())
    assert not_isolated(page, actor.name) == not_isolated(page, actor.summary) == []
    page = arabic(client, lambda: reverse("actors:directory"))
    assert not_isolated(page, actor.name) == not_isolated(page, actor.summary) == []


def test_the_month_view_keeps_the_whole_title_and_breaks_no_word(client, content):
    day = content["activity"].start.date().isoformat()
    page = client.get(f"{reverse('activities:calendar')}?view=month&date={day}").content.decode()  # Swedish
    item = re.search(r'<a href="[^"]+" title="([^"]+)"><time class="month__time"[^>]*>[^<]+</time> '
                     r'<span class="month__title" dir="auto">([^<]+)</span></a>', page)
    assert item and item.group(2) == "Seniorgympa på Munsö"
    assert item.group(1).endswith(" Seniorgympa på Munsö")


def test_the_crisis_banner(client, db):
    from samverka.crisis import services
    from samverka.crisis.tests.factories import CrisisFactory
    from samverka.municipality.tests.factories import OfficeFactory

    CrisisFactory(name="Storm på öarna", message="Strömmen är borta. Hjälp dina grannar.",
                  triage_offices=[OfficeFactory()])
    services.forget_active_crisis()
    page = arabic(client, lambda: reverse("needs:index"))
    for text in ("Storm på öarna", "Strömmen är borta. Hjälp dina grannar."):
        assert not not_isolated(page, text)
