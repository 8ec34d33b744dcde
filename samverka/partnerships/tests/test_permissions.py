"""For every object URL of partnerships and compacts: a person without the right is refused
and nothing changes. Anonymous visitors are sent to log in; signed-in people get 403 when they
can see the partnership but may not do this, 404 when it is not theirs to see (a draft)."""

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import MembershipFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent, Submission
from samverka.partnerships.models import (
    Compact,
    Contribution,
    Document,
    Goal,
    Milestone,
    Partnership,
    Party,
    Signature,
)

from .factories import (
    CompactFactory,
    ContributionFactory,
    DocumentFactory,
    GoalFactory,
    MilestoneFactory,
    PartyFactory,
    SignatureFactory,
)

ANONYMOUS, RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL = "anonymous", "resident", "other_representative", "other_official"
REPRESENTATIVE, EDITOR, PROCESS_LEADER = "representative", "editor", "process_leader"
OUTSIDERS = [ANONYMOUS, RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL, PROCESS_LEADER]
NOT_THE_OFFICE = [*OUTSIDERS, REPRESENTATIVE, EDITOR]

T = {"submission_token": "x"}
EDIT = {"kind": "other", "title": "Kapad", "summary": "Kapad", "challenge": "Kapad", "office": "", "status": "active",
        "starts_on": "2026-01-01"}
MILESTONE = {"title": "Kapad", "due_on": "2026-06-01"}

# key: (url name, what the URL takes, method, data, who is refused)
URLS = {
    "edit:get": ("edit", "slug", "get", None, NOT_THE_OFFICE),
    "edit:post": ("edit", "slug", "post", EDIT, NOT_THE_OFFICE),
    "add_party:get": ("add_party", "slug", "get", None, NOT_THE_OFFICE),
    "add_party:post": ("add_party", "slug", "post", {"actor": "", "office": "office", "role": "Kapad", **T},
                       NOT_THE_OFFICE),
    "remove_party": ("remove_party", "empty_party", "post", {}, NOT_THE_OFFICE),
    "end_party": ("end_party", "party", "post", {}, NOT_THE_OFFICE),
    "add_contribution:get": ("add_contribution", "slug", "get", None, NOT_THE_OFFICE),
    "add_contribution:post": ("add_contribution", "slug", "post",
                              {"party": "party", "kind": "other", "description": "Kapad", **T}, NOT_THE_OFFICE),
    "remove_contribution": ("remove_contribution", "contribution", "post", {}, NOT_THE_OFFICE),
    "add_goal:get": ("add_goal", "slug", "get", None, NOT_THE_OFFICE),
    "add_goal:post": ("add_goal", "slug", "post", {"text": "Kapad", **T}, NOT_THE_OFFICE),
    "remove_goal": ("remove_goal", "goal", "post", {}, NOT_THE_OFFICE),
    "add_milestone:get": ("add_milestone", "slug", "get", None, NOT_THE_OFFICE),
    "add_milestone:post": ("add_milestone", "slug", "post", {**MILESTONE, **T}, NOT_THE_OFFICE),
    "edit_milestone:get": ("edit_milestone", "milestone", "get", None, NOT_THE_OFFICE),
    "edit_milestone:post": ("edit_milestone", "milestone", "post", MILESTONE, NOT_THE_OFFICE),
    "remove_milestone": ("remove_milestone", "milestone", "post", {}, NOT_THE_OFFICE),
    "report_milestone:get": ("report_milestone", "milestone", "get", None, OUTSIDERS),
    "report_milestone:post": ("report_milestone", "milestone", "post", {"note": "Kapad"}, OUTSIDERS),
    "add_document:get": ("add_document", "slug", "get", None, NOT_THE_OFFICE),
    "add_document:post": ("add_document", "slug", "post", {"title": "Kapad", "kind": "other",
                                                            "visibility": "public", **T}, NOT_THE_OFFICE),
    "document": ("document", "document", "get", None, OUTSIDERS),
    "remove_document": ("remove_document", "document", "post", {}, NOT_THE_OFFICE),
    "edit_compact:get": ("edit_compact", "compact", "get", None, NOT_THE_OFFICE),
    "edit_compact:post": ("edit_compact", "compact", "post", {"title": "Kapad", "summary": "Kapad",
                                                               "principles": "Kapad", "office": "office"},
                          NOT_THE_OFFICE),
    "withdraw": ("withdraw", "signature", "post", {}, [*OUTSIDERS, "official"]),
    "sign": ("sign", "compact_slug", "post", {"actor": "actor", **T}, [ANONYMOUS, RESIDENT, OTHER_OFFICIAL,
                                                                        PROCESS_LEADER]),
}
CASES = [(key, who) for key, (*_, refused) in URLS.items() for who in refused]


@pytest.fixture
def scene(partnership, office, actor, other_actor, representative, editor, official, process_leader, resident,
          social_official):
    other_representative = UserFactory(first_name="Amal", last_name="Haddad", email="amal@example.org")
    MembershipFactory(actor=other_actor, user=other_representative, role=ActorMembership.Role.OWNER)
    party = partnership.parties.get()
    ContributionFactory(party=party)
    compact = CompactFactory(office=office, slug="ekero")
    return {
        "partnership": partnership, "party": party, "empty_party": PartyFactory(partnership=partnership),
        "contribution": party.contributions.get(), "goal": GoalFactory(partnership=partnership),
        "milestone": MilestoneFactory(partnership=partnership),
        "document": DocumentFactory(partnership=partnership), "compact": compact,
        "signature": SignatureFactory(compact=compact, actor=actor), "office": office, "actor": actor,
        "people": {ANONYMOUS: None, RESIDENT: resident, OTHER_REPRESENTATIVE: other_representative,
                   OTHER_OFFICIAL: social_official, EDITOR: editor, PROCESS_LEADER: process_leader,
                   REPRESENTATIVE: representative, "official": official},
    }


def url_for(name, takes, scene):
    slug = scene["partnership"].slug
    if takes == "slug":
        return reverse(f"partnerships:{name}", args=[slug])
    if takes == "compact":
        return reverse(f"partnerships:{name}", args=[scene["compact"].slug])
    if takes == "compact_slug":
        return reverse(f"partnerships:{name}", args=[scene["compact"].slug])
    if takes == "signature":
        return reverse(f"partnerships:{name}", args=[scene["compact"].slug, scene["signature"].pk])
    return reverse(f"partnerships:{name}", args=[slug, scene[takes].pk])


def data_for(data, scene):
    if data is None:
        return {}
    names = {"office": scene["office"].pk, "party": scene["party"].pk, "actor": scene["actor"].pk}
    return {k: names.get(v, v) if isinstance(v, str) else v for k, v in data.items()}


def state() -> dict:
    return {model.__name__: list(model.objects.order_by("pk").values())
            for model in (Partnership, Party, Contribution, Goal, Milestone, Document, Compact, Signature)} | {
        "audit": AuditEvent.objects.count(), "outbox": OutboxMessage.objects.count(),
        "submissions": Submission.objects.count()}


def call(client, key, scene, user):
    name, takes, method, data, _ = URLS[key]
    client.logout()
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url_for(name, takes, scene), data_for(data, scene))


@pytest.mark.django_db
@pytest.mark.parametrize("public", [True, False], ids=["public", "not-public"])
@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k}-{w}" for k, w in CASES])
def test_without_the_right_nothing_happens(client, scene, key, who, public, django_capture_on_commit_callbacks):
    if not public:
        Partnership.objects.filter(pk=scene["partnership"].pk).update(is_public=False)
    user = scene["people"][who]
    before = state()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = call(client, key, scene, user)
    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code in (403, 404)
        if not public and who in (RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL, PROCESS_LEADER) \
                and URLS[key][1] not in ("compact", "compact_slug", "signature"):
            assert response.status_code == 404
    assert state() == before
    assert callbacks == []


@pytest.mark.django_db
@pytest.mark.parametrize("key", [k for k in URLS if k.endswith(":get") or k == "document"])
def test_the_right_people_get_in(client, scene, key):
    """The refusals above are not simply broken pages."""
    name, takes, *_ = URLS[key]
    user = scene["people"][REPRESENTATIVE if name in ("report_milestone", "document") else "official"]
    client.force_login(user)
    assert client.get(url_for(name, takes, scene)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("key", [k for k, v in URLS.items() if v[1] not in ("slug", "compact", "compact_slug")])
def test_a_part_of_another_partnership_is_not_found(client, scene, key, administrator):
    from .factories import PartnershipFactory

    name, takes, method, data, _ = URLS[key]
    other = PartnershipFactory(slug="annat")
    client.force_login(administrator)
    url = url_for(name, takes, scene).replace(scene["partnership"].slug, other.slug, 1) \
        if takes != "signature" else reverse("partnerships:withdraw", args=[CompactFactory(slug="annan").slug,
                                                                            scene["signature"].pk])
    before = state()
    assert getattr(client, method)(url, data_for(data, scene)).status_code == 404
    assert state() == before
