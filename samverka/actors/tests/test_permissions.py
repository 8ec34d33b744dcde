"""For every object URL of the register: a person without the right is refused, and
nothing changes. Anonymous visitors are sent to log in; signed-in people get 403 when
they can see the actor but may not do this, 404 when they cannot see it at all."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import Actor, ActorMembership, Invitation
from samverka.actors.tests.factories import InvitationFactory, MembershipFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent, Submission

ANONYMOUS = "anonymous"
RESIDENT = "resident"
OTHER_REPRESENTATIVE = "other_representative"
EDITOR = "editor"
OFFICIAL = "official"
PROCESS_LEADER = "process_leader"

NOT_REPRESENTATIVES = [ANONYMOUS, RESIDENT, OTHER_REPRESENTATIVE, PROCESS_LEADER]


def _post(data):
    return ("post", data)


# url name → (how to call it, who must be refused)
URLS = {
    "edit:get": ("edit", ("get", None), [*NOT_REPRESENTATIVES, OFFICIAL]),
    "edit:post": ("edit", _post({"name": "Kapad", "kind": "network", "summary": "Kapad"}),
                  [*NOT_REPRESENTATIVES, OFFICIAL]),
    "confirm": ("confirm", _post({}), [*NOT_REPRESENTATIVES, OFFICIAL]),
    "archive": ("archive", _post({"archive": "1"}), [*NOT_REPRESENTATIVES, EDITOR, OFFICIAL]),
    "verify": ("verify", _post({"verified": "1"}), [*NOT_REPRESENTATIVES, EDITOR, "representative"]),
    "request_update": ("request_update", _post({}), [*NOT_REPRESENTATIVES, EDITOR, "representative"]),
    "history": ("history", ("get", None), NOT_REPRESENTATIVES),
    "people:get": ("people", ("get", None), [*NOT_REPRESENTATIVES, EDITOR, OFFICIAL]),
    "people:post": ("people", _post({"email": "kapare@example.org", "role": "owner"}),
                    [*NOT_REPRESENTATIVES, EDITOR, OFFICIAL]),
    "change_role": ("change_role", _post({"role": "owner"}), [*NOT_REPRESENTATIVES, EDITOR, OFFICIAL]),
    "remove_person": ("remove_person", _post({}), [*NOT_REPRESENTATIVES, EDITOR, OFFICIAL]),
    "revoke_invitation": ("revoke_invitation", _post({}), [*NOT_REPRESENTATIVES, EDITOR, OFFICIAL]),
}

CASES = [(key, who) for key, (_, _, refused) in URLS.items() for who in refused]


@pytest.fixture
def scene(actor, representative, editor, official, process_leader, other_actor, resident):
    """Parkinson Ekerö with its owner, editor and a pending invitation; Öar utan gränser
    with its own representative."""
    other_representative = UserFactory(first_name="Amal", last_name="Haddad", email="amal@example.org")
    MembershipFactory(actor=other_actor, user=other_representative, role=ActorMembership.Role.OWNER)
    actor.update_requested_at = timezone.now()
    actor.save()
    invitation = InvitationFactory(actor=actor, email="vanta@example.org", invited_by=representative)
    return {
        "actor": actor,
        "editor_membership": actor.memberships.get(user=editor),
        "invitation": invitation,
        "people": {
            ANONYMOUS: None, RESIDENT: resident, OTHER_REPRESENTATIVE: other_representative, EDITOR: editor,
            OFFICIAL: official, PROCESS_LEADER: process_leader, "representative": representative,
        },
    }


def url_for(name: str, scene) -> str:
    slug = scene["actor"].slug
    if name in {"change_role", "remove_person"}:
        return reverse(f"actors:{name}", args=[slug, scene["editor_membership"].pk])
    if name == "revoke_invitation":
        return reverse(f"actors:{name}", args=[slug, scene["invitation"].pk])
    return reverse(f"actors:{name}", args=[slug])


def state(actor: Actor) -> dict:
    """Everything a refused request could have changed."""
    fresh = Actor.objects.get(pk=actor.pk)
    return {
        "actor": model_to_dict(fresh, exclude=["areas", "target_groups", "districts", "languages", "sdg_goals"]),
        "updated_at": fresh.updated_at,
        "relations": {n: sorted(getattr(fresh, n).values_list("pk", flat=True))
                      for n in ("areas", "target_groups", "districts", "languages", "sdg_goals")},
        "memberships": sorted(ActorMembership.objects.values_list("actor_id", "user_id", "role")),
        "invitations": sorted(Invitation.objects.values_list("pk", "email", "role", "accepted_at", "revoked_at")),
        "audit_events": AuditEvent.objects.count(),
        "outbox": OutboxMessage.objects.count(),
        "submissions": Submission.objects.count(),
    }


@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k}-{w}" for k, w in CASES])
def test_without_the_right_nothing_happens(client, scene, key, who, django_capture_on_commit_callbacks):
    name, (method, data), _ = URLS[key]
    user = scene["people"][who]
    if user is not None:
        client.force_login(user)
    url = url_for(name, scene)
    before = state(scene["actor"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = getattr(client, method)(url, data or {})

    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code in (403, 404)
    assert state(scene["actor"]) == before
    assert callbacks == []


@pytest.mark.parametrize("key", URLS)
def test_an_archived_actor_is_not_found_by_strangers(client, scene, key, resident):
    Actor.objects.filter(pk=scene["actor"].pk).update(status=Actor.Status.ARCHIVED)
    name, (method, data), _ = URLS[key]
    client.force_login(resident)
    before = state(scene["actor"])
    response = getattr(client, method)(url_for(name, scene), data or {})
    assert response.status_code == 404
    assert state(scene["actor"]) == before


@pytest.mark.parametrize("key", URLS)
def test_an_unknown_actor_is_not_found(client, scene, key, administrator):
    name, (method, data), _ = URLS[key]
    client.force_login(administrator)
    url = url_for(name, scene).replace(scene["actor"].slug, "finns-inte", 1)
    assert getattr(client, method)(url, data or {}).status_code == 404


@pytest.mark.parametrize("key", ["edit:get", "history", "people:get"])
def test_the_right_people_get_in(client, scene, key):
    """The refusals above are not simply broken pages: those with the right are let in."""
    name, (method, _), refused = URLS[key]
    for who, user in scene["people"].items():
        if who in refused:
            continue
        client.force_login(user)
        assert client.get(url_for(name, scene)).status_code == 200, who


@pytest.mark.parametrize("key", ["confirm", "archive", "verify", "request_update", "change_role", "remove_person",
                                 "revoke_invitation", "people:post", "edit:post"])
def test_the_administrator_may_do_everything(client, scene, key, administrator):
    name, (method, data), _ = URLS[key]
    if key == "edit:post":
        data = {**data, "name": "Parkinson Ekerö", "kind": "association",
                "organisation_number": scene["actor"].organisation_number}
    client.force_login(administrator)
    before = state(scene["actor"])
    response = getattr(client, method)(url_for(name, scene), data or {})
    assert response.status_code == 302
    assert state(scene["actor"]) != before


def test_get_is_not_allowed_on_actions(client, scene):
    client.force_login(scene["people"]["representative"])
    for key in ("confirm", "archive", "verify", "request_update", "change_role", "remove_person", "revoke_invitation"):
        name = URLS[key][0]
        assert client.get(url_for(name, scene)).status_code == 405, key
