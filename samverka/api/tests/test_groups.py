"""Standing groups as open data (/api/v1/groups/): the public groups (pupils' councils and
councils included) with their purpose, the associations taking part and the coming open
meetings. A closed group never appears; no person does (members, their roles and messages,
seat delegates, who planned a meeting), nor a closed or cancelled meeting; a constant number
of queries however many groups, members and meetings."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import Actor
from samverka.actors.tests.factories import AssociationFactory
from samverka.municipality.models import Area, SdgGoal
from samverka.networks.models import Group, Membership
from samverka.networks.tests.factories import (
    CouncilFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/groups/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def groups(actor):
    """The pupils' council of Tappström school (Elsa a member, her message to the chair kept), the
    pensioners' council with PRO's seat (Gunnar its delegate), an open network with Parkinson Ekerö
    represented by Eva, and a closed working group."""
    elsa = UserFactory(first_name="Elsa", last_name="Lind", email="elsa.lind@example.org")
    gunnar = UserFactory(first_name="Gunnar", last_name="Ek", email="gunnar@example.org")
    eva = UserFactory(first_name="Eva", last_name="Lindgren", email="eva@example.org")
    pupils = GroupFactory(name="Elevrådet på Tappströmsskolan", slug="elevradet-tappstrom",
                          kind=Group.Kind.PUPILS_COUNCIL, join_rule=Group.JoinRule.REQUEST)
    MembershipFactory(group=pupils, user=elsa, role=Membership.Role.CHAIR, message="Jag går i klass 6B.")
    pensioners = CouncilFactory(name="Kommunala pensionärsrådet", slug="pensionarsradet")
    pro = AssociationFactory(name="PRO Ekerö", slug="pro-ekero")
    SeatFactory(group=pensioners, actor=pro, delegate=gunnar)
    archived = AssociationFactory(name="Nedlagda föreningen", slug="nedlagda", status=Actor.Status.ARCHIVED)
    SeatFactory(group=pensioners, actor=archived)
    network = GroupFactory(name="Integrationsnätverket", slug="integrationsnatverket")
    network.areas.set([Area.objects.get(slug="integration")])
    network.sdg_goals.set([SdgGoal.objects.get(number=10)])
    MembershipFactory(group=network, user=eva, actor=actor)
    MembershipFactory(group=network, user=elsa)
    MeetingFactory(group=network, title="Öppen nätverksträff", is_open=True, created_by=eva)
    MeetingFactory(group=network, title="Internt planeringsmöte", is_open=False)
    MeetingFactory(group=network, title="Inställd träff", is_open=True, cancelled_at=timezone.now())
    MeetingFactory(group=network, title="Förra årets träff", is_open=True,
                   start=timezone.now() - timedelta(days=300))
    closed = GroupFactory(name="Hemliga arbetsgruppen", slug="hemliga", is_public=False)
    return {"pupils": pupils, "pensioners": pensioners, "network": network, "closed": closed,
            "people": [elsa, gunnar, eva]}


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [group["name"] for group in response.json()["results"]]


def test_the_public_groups_and_never_a_closed_one(api, groups):
    assert names(api.get(LIST)) == ["Elevrådet på Tappströmsskolan", "Integrationsnätverket",
                                    "Kommunala pensionärsrådet"]
    assert api.get(f"{LIST}hemliga/").status_code == 404
    pupils = api.get(f"{LIST}elevradet-tappstrom/").json()
    assert (pupils["kind"], pupils["join_rule"]) == ("pupils_council", "request")
    assert pupils["page"].endswith(groups["pupils"].get_absolute_url())


def test_the_actors_taking_part_and_the_coming_open_meetings(api, groups):
    network = api.get(f"{LIST}integrationsnatverket/").json()
    assert network["taking_part"] == [{"slug": "parkinson-ekero", "name": "Parkinson Ekerö"}]
    assert [m["title"] for m in network["coming_open_meetings"]] == ["Öppen nätverksträff"]
    assert network["areas"] == ["integration"] and network["sdg_goals"] == [10]
    pensioners = api.get(f"{LIST}pensionarsradet/").json()
    assert pensioners["taking_part"] == [{"slug": "pro-ekero", "name": "PRO Ekerö"}]  # not the archived one


def test_no_person_and_no_closed_meeting(api, groups):
    body = api.get(LIST).content.decode()
    for person in groups["people"]:
        for personal in (f"{person.first_name} {person.last_name}", person.email):
            assert personal not in body
    for hidden in ("Jag går i klass 6B.", "Internt planeringsmöte", "Inställd träff", "Förra årets träff",
                   "Hemliga arbetsgruppen", "Nedlagda föreningen"):
        assert hidden not in body
    fields = set(api.get(LIST).json()["results"][0])
    assert not fields & {"members", "memberships", "seats", "message"}


@pytest.mark.parametrize(("query", "expected"), [
    ({"kind": "pupils_council"}, ["Elevrådet på Tappströmsskolan"]),
    ({"area": "integration"}, ["Integrationsnätverket"]),
    ({"goal": "10"}, ["Integrationsnätverket"]),
    ({"lifecycle": "closed"}, []),
    ({"office": "finns-inte"}, []),
])
def test_the_filters(api, groups, query, expected):
    assert names(api.get(LIST, query)) == expected


def test_the_number_of_queries_stays_the_same_with_more_groups(api, groups, actor):
    api.get(LIST)  # once before counting: what a first request alone asks
    with CaptureQueriesContext(connection) as few:
        assert api.get(LIST).status_code == 200
    for n in range(6):
        group = GroupFactory(name=f"Nätverk {n}")
        group.areas.set(Area.objects.all()[:2])
        MembershipFactory(group=group, actor=AssociationFactory())
        SeatFactory(group=group)
        MeetingFactory(group=group, is_open=True)
        MeetingFactory(group=group, is_open=True)
    with CaptureQueriesContext(connection) as many:
        assert api.get(LIST).json()["count"] == 9
    assert len(many) == len(few)


def test_the_description_has_the_list_and_its_filters(api, db):
    description = api.get("/api/openapi.json").json()
    names_ = {p["name"] for p in description["paths"]["/api/v1/groups/"]["get"]["parameters"]}
    assert {"kind", "office", "area", "goal", "lifecycle", "page"} <= names_
    assert "/api/v1/groups/{slug}/" in description["paths"]
    group = description["components"]["schemas"]["Group"]["properties"]
    assert {"taking_part", "coming_open_meetings", "purpose"} <= set(group)
    assert not set(group) & {"members", "memberships", "seats"}
