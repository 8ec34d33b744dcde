"""The needs API: anyone reads what the needs pages show, page by page and with the list's
filters. Open needs by default, closed ones (with what came of them) on request; answers,
the contact person and a reopened need's old outcome never leak; nothing is written."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from samverka.municipality.models import Area, District
from samverka.needs.models import Answer, Need
from samverka.needs.tests.factories import AnswerFactory, NeedFactory
from samverka.volunteers.models import HelpKind

pytestmark = pytest.mark.django_db

LIST = "/api/v1/needs/"


def detail(need) -> str:
    return f"{LIST}{need.slug}/"


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {n["title"] for n in response.json()["results"]}


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def needs(official, actor):
    office = official.office_memberships.get().office
    ska = District.objects.create(slug="ska", name="Skå")
    cafe = NeedFactory(office=office, title="Ledare till språkcaféet", slug="sprakcafe", contact=official,
                       created_by=official, description="Vi behöver fler som leder samtal på svenska.")
    cafe.areas.set(Area.objects.filter(slug="integration"))
    cafe.help_kinds.set(HelpKind.objects.all()[:1])
    furniture = NeedFactory(office=office, title="Hämtning av möbler", slug="mobler", kind=Need.Kind.ITEMS,
                            district=ska)
    litter = NeedFactory(office=None, actor=actor, title="Skräpplockardag i Stenhamra", slug="skrapplock")
    closed = NeedFactory(office=office, title="Besöksvänner till Solrosen", slug="besoksvanner",
                         status=Need.Status.CLOSED, outcome="Åtta besöksvänner träffar nu boende varje vecka.",
                         closed_at=timezone.now())
    expired = NeedFactory(office=office, title="Lokal för läxhjälp", slug="laxhjalp", kind=Need.Kind.PREMISES)
    Need.objects.filter(pk=expired.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    reopened = NeedFactory(office=office, title="Volontärer till julmarknaden", slug="julmarknad",
                           outcome="Hemlig anteckning från förra året.")
    return {"cafe": cafe, "furniture": furniture, "litter": litter, "closed": closed, "expired": expired,
            "reopened": reopened}


def test_anyone_reads_the_open_needs_as_the_list_shows_them(api, needs, client):
    assert titles(api.get(LIST)) == {"Ledare till språkcaféet", "Hämtning av möbler", "Skräpplockardag i Stenhamra",
                                     "Volontärer till julmarknaden"}
    page = client.get(reverse("needs:index"))
    assert titles(api.get(LIST)) == {n.title for n in page.context["page"].object_list}


def test_closed_needs_only_on_request_with_what_came_of_them(api, needs):
    response = api.get(LIST, {"status": "closed"})
    assert titles(response) == {"Besöksvänner till Solrosen", "Lokal för läxhjälp"}
    closed = next(n for n in response.json()["results"] if n["slug"] == "besoksvanner")
    assert closed["status"] == "closed" and closed["takes_answers"] is False
    assert closed["outcome"] == "Åtta besöksvänner träffar nu boende varje vecka."
    assert api.get(LIST, {"status": "all"}).json()["count"] == 6


def test_a_need_has_its_public_fields_and_nothing_personal(api, needs, official, resident):
    AnswerFactory(need=needs["cafe"], user=resident, message="Jag kan på tisdagar.", status=Answer.Status.ACCEPTED,
                  reply="Välkommen!")
    data = api.get(detail(needs["cafe"])).json()
    assert (data["title"], data["slug"], data["kind"], data["status"]) == (
        "Ledare till språkcaféet", "sprakcafe", "volunteers", "open")
    assert data["publisher"] == "Kultur- och fritidskontoret" and data["office"] == "kultur-och-fritidskontoret"
    assert data["actor"] is None and data["areas"] == ["integration"] and data["takes_answers"] is True
    assert data["url"].endswith(detail(needs["cafe"]))
    assert data["page"].endswith(needs["cafe"].get_absolute_url())
    text = json.dumps(data, ensure_ascii=False)
    for private in (official.email, official.last_name, resident.email, "tisdagar", "Välkommen!"):
        assert private not in text
    assert not {"contact", "created_by", "search_text", "answers"} & set(data)
    litter = api.get(detail(needs["litter"])).json()
    assert (litter["publisher"], litter["actor"], litter["office"]) == ("Parkinson Ekerö", "parkinson-ekero", None)


def test_a_reopened_need_does_not_show_its_old_outcome(api, needs):
    data = api.get(detail(needs["reopened"])).json()
    assert data["outcome"] == ""
    assert "Hemlig anteckning" not in json.dumps(api.get(LIST, {"status": "all"}).json(), ensure_ascii=False)


def test_a_closed_need_has_its_address_as_its_page_has(api, needs):
    assert api.get(detail(needs["closed"])).status_code == 200
    assert api.get(detail(needs["expired"])).status_code == 200
    assert api.get(f"{LIST}finns-inte/").status_code == 404


@pytest.mark.parametrize(("params", "expected"), [
    ({"kind": "items"}, {"Hämtning av möbler"}),
    ({"district": "ska"}, {"Hämtning av möbler"}),
    ({"area": "integration"}, {"Ledare till språkcaféet"}),
    ({"q": "SPRAKCAFEET"}, {"Ledare till språkcaféet"}),
    ({"q": "finns inte alls"}, set()),
])
def test_the_api_has_the_lists_filters(api, needs, params, expected):
    assert titles(api.get(LIST, params)) == expected


def test_the_help_kind_filter(api, needs):
    kind = HelpKind.objects.all()[0]
    assert titles(api.get(LIST, {"help_kind": kind.slug})) == {"Ledare till språkcaféet"}


@pytest.mark.parametrize("query", ["?kind=spaceship", "?status=deleted", "?page=abc", "?page=99"])
def test_bad_filters_are_a_client_error_not_a_crash(api, needs, query):
    response = api.get(LIST + query)
    assert response.status_code in (400, 404)
    assert response.json()


@pytest.mark.parametrize("query", ["?district=nonsense", "?area=x", "?help_kind=finns-inte"])
def test_a_word_no_vocabulary_has_finds_nothing(api, needs, query):
    response = api.get(LIST + query)
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_the_list_comes_page_by_page(api, official):
    office = official.office_memberships.get().office
    for n in range(55):
        NeedFactory(office=office, title=f"Behov {n:02d}", slug=f"behov-x{n}")
    first = api.get(LIST).json()
    assert first["count"] == 55 and len(first["results"]) == 50
    assert first["previous"] is None and "page=2" in first["next"]
    assert len(api.get(first["next"]).json()["results"]) == 5


@pytest.mark.parametrize("who", [None, "resident", "official", "administrator"])
def test_nobody_writes_needs_over_the_api(api, needs, who, request):
    if who:
        api.force_authenticate(request.getfixturevalue(who))
    before = list(Need.objects.order_by("pk").values())
    payload = {"title": "Kapad", "summary": "Kapad", "description": "Kapad", "office": "kultur-och-fritidskontoret"}
    assert api.post(LIST, payload, format="json").status_code in (403, 405)
    for method in ("put", "patch", "delete"):
        assert getattr(api, method)(detail(needs["cafe"]), {"title": "Kapad"}, format="json").status_code in (403, 405)
    assert list(Need.objects.order_by("pk").values()) == before


def test_the_query_count_does_not_grow_with_the_needs(api, official):
    office = official.office_memberships.get().office
    for n in range(5):
        NeedFactory(office=office, slug=f"behov-a{n}").areas.set(Area.objects.all()[:2])
    with CaptureQueriesContext(connection) as small:
        api.get(LIST)
    for n in range(30):
        NeedFactory(office=office, slug=f"behov-b{n}").areas.set(Area.objects.all()[:2])
    with CaptureQueriesContext(connection) as large:
        api.get(LIST)
    assert len(large) == len(small)


def test_the_openapi_document_describes_the_needs(api, db):
    response = api.get("/api/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert "/api/v1/needs/" in schema["paths"] and "/api/v1/needs/{slug}/" in schema["paths"]
    assert set(schema["paths"]["/api/v1/needs/"]) == {"get"}
    assert set(schema["paths"]["/api/v1/needs/{slug}/"]) == {"get"}
    parameters = {p["name"] for p in schema["paths"]["/api/v1/needs/"]["get"]["parameters"]}
    assert {"page", "q", "status", "kind", "help_kind", "area", "district"} <= parameters
    need = schema["components"]["schemas"]["Need"]["properties"]
    assert {"title", "publisher", "outcome", "takes_answers", "areas"} <= set(need)
    assert not {"contact", "created_by", "search_text", "answers"} & set(need)
