"""For every object URL of needs: a person without the right is refused and nothing
changes. Anonymous visitors are sent to log in; signed-in people get 403 when they can
see the need but may not do this, 404 when the object is not theirs to see. (An active
administrator may do everything, as always in Django.)"""

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import MembershipFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent, Submission
from samverka.municipality.tests.factories import OfficeMembershipFactory
from samverka.needs.models import Answer, Need
from samverka.needs.tests.factories import AnswerFactory, NeedFactory
from samverka.volunteers.models import Assignment, Volunteer

ANONYMOUS, RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL = "anonymous", "resident", "other_representative", "other_official"
REPRESENTATIVE, EDITOR, PROCESS_LEADER, ADMINISTRATOR = "representative", "editor", "process_leader", "administrator"
OUTSIDERS = [ANONYMOUS, RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL, PROCESS_LEADER]

EDIT = {"title": "Kapad", "summary": "Kapad", "description": "Kapad", "kind": "items", "contact": ""}

URLS = {
    "edit:get": ("needs:edit", ("get", None), OUTSIDERS),
    "edit:post": ("needs:edit", ("post", EDIT), OUTSIDERS),
    "close:get": ("needs:close", ("get", None), OUTSIDERS),
    "close:post": ("needs:close", ("post", {"outcome": "Kapad"}), OUTSIDERS),
    "reopen": ("needs:reopen", ("post", {}), OUTSIDERS),
    "answers": ("needs:answers", ("get", None), OUTSIDERS),
    "handle:get": ("needs:handle", ("get", None), OUTSIDERS),
    "handle:post": ("needs:handle", ("post", {"decision": "accept", "reply": "Kapad"}), OUTSIDERS),
    "answer:get": ("needs:answer", ("get", None), [ANONYMOUS, REPRESENTATIVE, EDITOR]),
    "answer:post": ("needs:answer", ("post", {"kind": "offer", "message": "Kapad", "submission_token": "x"}),
                    [ANONYMOUS, REPRESENTATIVE, EDITOR]),
}
CASES = [(key, who) for key, (_, _, refused) in URLS.items() for who in refused]


@pytest.fixture
def scene(actor, representative, editor, official, process_leader, administrator, other_actor, resident):
    """Parkinson Ekerö asks for drivers; Lina has signed up."""
    other_representative = UserFactory(first_name="Amal", last_name="Haddad", email="amal@example.org")
    MembershipFactory(actor=other_actor, user=other_representative, role=ActorMembership.Role.OWNER)
    other_official = OfficeMembershipFactory(office__slug="socialkontoret").user
    need = NeedFactory(actor=actor, office=None, title="Chaufförer", slug="chaufforer", contact=representative)
    item = AnswerFactory(need=need, user=UserFactory(email="kim@example.org"))
    return {
        "need": need, "answer": item,
        "people": {ANONYMOUS: None, RESIDENT: resident, OTHER_REPRESENTATIVE: other_representative,
                   OTHER_OFFICIAL: other_official, EDITOR: editor, PROCESS_LEADER: process_leader,
                   REPRESENTATIVE: representative, ADMINISTRATOR: administrator},
    }


def url_for(name, scene):
    if name == "needs:handle":
        return reverse(name, args=[scene["need"].slug, scene["answer"].pk])
    return reverse(name, args=[scene["need"].slug])


def state() -> dict:
    return {
        "needs": list(Need.objects.order_by("pk").values()), "answers": list(Answer.objects.order_by("pk").values()),
        "volunteers": Volunteer.objects.count(), "assignments": Assignment.objects.count(),
        "audit": AuditEvent.objects.count(), "outbox": OutboxMessage.objects.count(),
        "submissions": Submission.objects.count(),
    }


def _call(client, key, scene, user):
    name, (method, data), _ = URLS[key]
    client.logout()
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url_for(name, scene), data or {})


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k}-{w}" for k, w in CASES])
def test_without_the_right_nothing_happens(client, scene, key, who, django_capture_on_commit_callbacks):
    user = scene["people"][who]
    before = state()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _call(client, key, scene, user)
    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code in (403, 404)
    assert state() == before
    assert callbacks == []


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(URLS))
def test_an_unknown_need_is_not_found(client, scene, key, administrator):
    name, (method, data), _ = URLS[key]
    client.force_login(administrator)
    url = url_for(name, scene).replace(scene["need"].slug, "finns-inte", 1)
    assert getattr(client, method)(url, data or {}).status_code == 404


@pytest.mark.django_db
def test_an_answer_of_another_need_is_not_found(client, scene, representative, actor):
    other = AnswerFactory(need=NeedFactory(actor=actor, office=None))
    client.force_login(representative)
    url = reverse("needs:handle", args=[scene["need"].slug, other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "accept", "reply": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.status == "new"


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["edit:get", "close:get", "answers", "handle:get", "answer:get"])
def test_the_right_people_get_in(client, scene, key):
    """The refusals above are not simply broken pages."""
    refused = URLS[key][2]
    for who, user in scene["people"].items():
        if who in refused or user is None:
            continue
        assert _call(client, key, scene, user).status_code == 200, who


@pytest.mark.django_db
def test_an_office_need_is_handled_by_that_offices_officials(client, official, resident):
    need = NeedFactory(office=official.office_memberships.get().office)
    item = AnswerFactory(need=need, user=resident)
    other = OfficeMembershipFactory(office__slug="barn-och-utbildning").user
    client.force_login(other)
    assert client.get(reverse("needs:answers", args=[need.slug])).status_code == 403
    client.force_login(official)
    assert client.get(reverse("needs:answers", args=[need.slug])).status_code == 200
    assert client.get(reverse("needs:handle", args=[need.slug, item.pk])).status_code == 200


@pytest.mark.django_db
def test_get_is_not_allowed_on_actions(client, scene, representative):
    client.force_login(representative)
    assert client.get(reverse("needs:reopen", args=[scene["need"].slug])).status_code == 405


@pytest.mark.django_db
def test_pages_for_signed_in_people_send_visitors_to_log_in(client, db):
    for name in ("needs:create", "needs:mine"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
