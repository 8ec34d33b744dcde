"""The forward look as open data (/api/v1/forward-items/): the published coming decisions and
plans of the committees, with the page's filters (committee, office, area, goal, year). A
draft never appears, the responsible official never, a closed group or an unpublished
dialogue the item links to is not named; a constant number of queries however many items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from samverka.dialogue.models import Process
from samverka.dialogue.tests.factories import ProcessFactory
from samverka.municipality.models import Area, SdgGoal
from samverka.networks.tests.factories import GroupFactory
from samverka.plans.models import ForwardItem
from samverka.plans.tests.factories import CommitteeFactory, ForwardItemFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/forward-items/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def items(official):
    """The culture and leisure committee's new premises grant (2027, with a closed working group
    and a dialogue still in draft), the social committee's plan for elderly care (2028), a
    withdrawn item and a draft."""
    office = official.office_memberships.get().office
    social = CommitteeFactory(slug="socialnamnden", name="Socialnämnden")
    premises = ForwardItemFactory(
        office=office, title="Ny lokalbidragsmodell", year=2027, contact=official,
        group=GroupFactory(name="Lokalgruppen", slug="lokalgruppen", is_public=False),
        process=ProcessFactory(office=office, title="Lokalbidragsdialogen", slug="lokalbidragsdialogen",
                               status=Process.Status.DRAFT))
    premises.areas.set([Area.objects.get(slug="kultur")])
    premises.sdg_goals.set([SdgGoal.objects.get(number=10)])
    elderly = ForwardItemFactory(title="Plan för äldreomsorgen", committee=social, year=2028, quarter=1,
                                 group=GroupFactory(name="Pensionärsrådet", slug="pensionarsradet"),
                                 process=ProcessFactory(title="Äldredialogen", slug="aldredialogen"))
    withdrawn = ForwardItemFactory(title="Nytt badhus i Skå", year=2027, status=ForwardItem.Status.WITHDRAWN,
                                   reason="Kommunen bygger inte badhuset i år.")
    draft = ForwardItemFactory(title="Hemligt utkast om fritidsgårdarna", published_at=None)
    return {"premises": premises, "elderly": elderly, "withdrawn": withdrawn, "draft": draft}


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def test_the_published_items_and_never_a_draft(api, items):
    response = api.get(LIST)
    assert titles(response) == ["Ny lokalbidragsmodell", "Nytt badhus i Skå", "Plan för äldreomsorgen"]
    assert response.json()["count"] == 3
    assert api.get(f"{LIST}{items['draft'].pk}/").status_code == 404
    found = api.get(f"{LIST}{items['premises'].pk}/").json()
    assert found["committee"] == "kultur-och-fritidsnamnden" and found["office"] == "kultur-och-fritidskontoret"
    assert (found["year"], found["quarter"], found["level"], found["stage"]) == (2027, 2, "dialogue", "drafting")
    assert found["areas"] == ["kultur"] and found["sdg_goals"] == [10]
    assert found["take_part"].startswith("Dialogmöten med föreningarna")
    assert found["page"].endswith(items["premises"].get_absolute_url())
    elderly = api.get(f"{LIST}{items['elderly'].pk}/").json()
    assert (elderly["group"], elderly["process"]) == ("pensionarsradet", "aldredialogen")


def test_no_person_a_closed_group_or_a_draft_dialogue(api, items, official):
    body = api.get(LIST).content.decode()
    assert "Hemligt utkast" not in body
    for personal in (official.email, official.first_name, official.last_name):
        assert personal not in body
    assert "contact" not in api.get(LIST).json()["results"][0]
    assert "lokalgruppen" not in body and "lokalbidragsdialogen" not in body
    premises = api.get(f"{LIST}{items['premises'].pk}/").json()
    assert (premises["group"], premises["process"]) == (None, None)


@pytest.mark.parametrize(("query", "expected"), [
    ({"committee": "socialnamnden"}, ["Plan för äldreomsorgen"]),
    ({"office": "kultur-och-fritidskontoret"}, ["Ny lokalbidragsmodell"]),
    ({"area": "kultur"}, ["Ny lokalbidragsmodell"]),
    ({"goal": "10"}, ["Ny lokalbidragsmodell"]),
    ({"year": "2027"}, ["Ny lokalbidragsmodell", "Nytt badhus i Skå"]),
    ({"year": "2027", "status": "planned"}, ["Ny lokalbidragsmodell"]),
    ({"year": "1999"}, []),
    ({"committee": "finns-inte"}, []),
    ({"area": "finns-inte"}, []),
])
def test_the_filters(api, items, query, expected):
    assert titles(api.get(LIST, query)) == expected


@pytest.mark.parametrize("query", [{"year": "nästa-år"}, {"goal": "-1"}, {"status": "kanske"}])
def test_a_filter_of_the_wrong_kind_is_refused(api, items, query):
    response = api.get(LIST, query)
    assert response.status_code == 400 and set(query) <= set(response.json())


def test_the_number_of_queries_stays_the_same_with_more_items(api, items):
    api.get(LIST)  # once before counting: what a first request alone asks
    with CaptureQueriesContext(connection) as few:
        assert api.get(LIST).status_code == 200
    for n in range(8):
        item = ForwardItemFactory(title=f"Fler planer {n}", group=GroupFactory(), process=ProcessFactory())
        item.areas.set(Area.objects.all()[:2])
        item.sdg_goals.set(SdgGoal.objects.all()[:3])
    with CaptureQueriesContext(connection) as many:
        assert api.get(LIST).json()["count"] == 11
    assert len(many) == len(few)


def test_the_description_has_the_list_and_its_filters(api, db):
    description = api.get("/api/openapi.json").json()
    operation = description["paths"]["/api/v1/forward-items/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"committee", "office", "area", "goal", "year", "status", "page"} <= names
    assert "/api/v1/forward-items/{id}/" in description["paths"]
    item = description["components"]["schemas"]["ForwardItem"]["properties"]
    assert "contact" not in item and {"title", "why", "to_decide", "take_part", "stage"} <= set(item)
