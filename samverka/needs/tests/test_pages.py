"""The public list of needs and a need's page: filters, Swedish-aware search, closed needs
with what came of them, escaping."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.core.tests.helpers import h1_count, says
from samverka.municipality.models import Area, District
from samverka.needs.models import Need
from samverka.needs.tests.factories import NeedFactory
from samverka.volunteers.models import HelpKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs(official, actor):
    office = official.office_memberships.get().office
    skå = District.objects.create(slug="ska", name="Skå")
    cafe = NeedFactory(office=office, title="Ledare till språkcaféet", slug="sprakcafe", kind=Need.Kind.VOLUNTEERS,
                       description="Vi behöver fler som leder samtal på svenska.", contact=official)
    cafe.areas.set(Area.objects.filter(slug="integration"))
    cafe.help_kinds.set(HelpKind.objects.all()[:1])
    furniture = NeedFactory(office=office, title="Hämtning av möbler", slug="mobler", kind=Need.Kind.ITEMS,
                            district=skå, description="Soffor och bord till nyanlända familjer.")
    litter = NeedFactory(office=None, actor=actor, title="Skräpplockardag i Stenhamra", slug="skrapplock",
                         kind=Need.Kind.VOLUNTEERS)
    closed = NeedFactory(office=office, title="Besöksvänner till Solrosen", slug="besoksvanner",
                         status=Need.Status.CLOSED, outcome="Åtta besöksvänner träffar nu boende varje vecka.",
                         closed_at=timezone.now())
    expired = NeedFactory(office=office, title="Lokal för läxhjälp", slug="laxhjalp", kind=Need.Kind.PREMISES)
    Need.objects.filter(pk=expired.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    return {"cafe": cafe, "furniture": furniture, "litter": litter, "closed": closed, "expired": expired}


def titles(response) -> list[str]:
    return [n.title for n in response.context["page"].object_list]


def test_the_list_shows_open_needs(client, needs):
    response = client.get(reverse("needs:index"))
    assert response.status_code == 200
    assert h1_count(response.content.decode()) == 1
    assert set(titles(response)) == {"Ledare till språkcaféet", "Hämtning av möbler", "Skräpplockardag i Stenhamra"}


def test_closed_needs_show_what_came_of_them(client, needs):
    response = client.get(reverse("needs:index"), {"status": "closed"})
    assert set(titles(response)) == {"Besöksvänner till Solrosen", "Lokal för läxhjälp"}
    assert "Åtta besöksvänner träffar nu boende varje vecka." in response.content.decode()
    page = client.get(needs["closed"].get_absolute_url()).content.decode()
    assert "Åtta besöksvänner träffar nu boende varje vecka." in page
    assert says("What came of it") in page
    assert client.get(reverse("needs:index"), {"status": "all"}).context["page"].paginator.count == 5


@pytest.mark.parametrize(("query", "expected"), [
    ("sprakcafe", {"Ledare till språkcaféet"}),
    ("SPRÅKCAFÉET", {"Ledare till språkcaféet"}),
    ("mobler soffor", {"Hämtning av möbler"}),
    ("skrapplockardag", {"Skräpplockardag i Stenhamra"}),
    ("finns inte alls", set()),
])
def test_search_finds_swedish_words_with_or_without_dots(client, needs, query, expected):
    assert set(titles(client.get(reverse("needs:index"), {"q": query}))) == expected


def test_filters(client, needs):
    index = reverse("needs:index")
    assert titles(client.get(index, {"kind": "items"})) == ["Hämtning av möbler"]
    assert titles(client.get(index, {"district": "ska"})) == ["Hämtning av möbler"]
    assert titles(client.get(index, {"area": "integration"})) == ["Ledare till språkcaféet"]
    kind = HelpKind.objects.all()[0]
    assert titles(client.get(index, {"help_kind": kind.slug})) == ["Ledare till språkcaféet"]


@pytest.mark.parametrize("params", [
    {"district": "x" * 500}, {"area": "\x00"}, {"kind": "nonsense"}, {"status": "deleted"}, {"page": "999"},
    {"help_kind": "finns-inte"}, {"q": "x" * 1000},
])
def test_nonsense_in_the_filters_is_no_server_error(client, needs, params):
    assert client.get(reverse("needs:index"), params).status_code == 200


def test_the_list_is_paginated(client, official):
    office = official.office_memberships.get().office
    for n in range(45):
        NeedFactory(office=office, title=f"Behov {n}", slug=f"behov-x{n}")
    response = client.get(reverse("needs:index"))
    assert len(response.context["page"].object_list) == 20
    assert client.get(reverse("needs:index"), {"page": 3}).context["page"].object_list.__len__() == 5


def test_the_need_page(client, needs, official):
    page = client.get(needs["cafe"].get_absolute_url()).content.decode()
    assert h1_count(page) == 1
    assert "Vi behöver fler som leder samtal på svenska." in page
    assert official.display_name in page
    assert official.email not in page, "the contact's address is not published"
    assert says("Log in to answer") in page


def test_a_need_page_in_english(client, needs):
    response = client.get("/en" + needs["cafe"].get_absolute_url())
    assert response.status_code == 200
    assert says("What is needed and why", "en") in response.content.decode()


def test_an_expired_need_takes_no_answers(client, needs, resident):
    client.force_login(resident)
    page = client.get(needs["expired"].get_absolute_url()).content.decode()
    assert says("This need takes no more answers.") in page


def test_script_is_shown_as_text(client, official):
    need = NeedFactory(office=official.office_memberships.get().office, title="<script>alert(1)</script>",
                       summary="<img src=x onerror=alert(1)>", description="<b>fet</b>")
    page = client.get(need.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    listing = client.get(reverse("needs:index")).content.decode()
    assert "<script>alert(1)</script>" not in listing


def test_an_unknown_need_is_not_found(client, db):
    assert client.get(reverse("needs:detail", args=["finns-inte"])).status_code == 404


def test_htmx_gets_the_results_only(client, needs):
    response = client.get(reverse("needs:index"), {"q": "möbler"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="results"' in body
    assert "<html" not in body
