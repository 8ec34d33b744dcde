"""Eva, the owner of Parkinson Ekerö, invites Nils to help keep the page, and manages
who may do what."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import ActorMembership, Invitation
from samverka.actors.tests.factories import InvitationFactory, MembershipFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, link_in, says

Role = ActorMembership.Role


def people_url(actor):
    return reverse("actors:people", args=[actor.slug])


@pytest.fixture
def nils(db):
    return UserFactory(first_name="Nils", last_name="Ek", email="nils@example.org")


@pytest.fixture
def invitation(actor, representative):
    return InvitationFactory(actor=actor, email="nils@example.org", invited_by=representative)


def roles(actor) -> dict[str, str]:
    return dict(actor.memberships.values_list("user__email", "role"))


def test_the_owner_sees_the_people_of_the_page(client, actor, representative, editor):
    client.force_login(representative)
    body = client.get(people_url(actor)).content.decode()
    assert "Eva Lindgren" in body and "eva@example.org" in body
    assert "Oskar Falk" in body and "oskar@example.org" in body


def test_the_owner_invites_an_editor_by_email(client, actor, representative):
    client.force_login(representative)
    response = client.post(people_url(actor), {"email": " Nils@Example.org ", "role": "editor"})
    assert response.status_code == 302
    assert flash(response) == [says("An invitation is on its way to %(email)s. It is valid for 14 days.",
                                    email="nils@example.org")]

    invitation = Invitation.objects.get()
    assert (invitation.actor, invitation.email, invitation.role, invitation.invited_by) == (
        actor, "nils@example.org", "editor", representative)
    assert invitation.expires_at - timezone.now() > timedelta(days=13)

    message = OutboxMessage.objects.get()
    assert message.to == "nils@example.org"
    assert "Parkinson Ekerö" in message.subject
    assert invitation.get_absolute_url() in message.body_text
    assert invitation.get_absolute_url() in message.body_html
    assert "Eva Lindgren" in message.body_text

    event = AuditEvent.objects.for_object(actor).get()
    assert (event.action, event.changes) == ("actor.invite", {"email": "nils@example.org", "role": "editor"})
    assert "nils@example.org" in client.get(people_url(actor)).content.decode()


def test_inviting_the_same_person_again_sends_no_second_invitation(client, actor, representative):
    client.force_login(representative)
    client.post(people_url(actor), {"email": "nils@example.org", "role": "editor"})
    client.post(people_url(actor), {"email": "NILS@example.org", "role": "editor"})
    assert Invitation.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_a_present_representative_is_not_invited(client, actor, representative, editor):
    client.force_login(representative)
    response = client.post(people_url(actor), {"email": "OSKAR@example.org", "role": "owner"})
    assert response.status_code == 200
    assert says("%(email)s is already a representative of %(actor)s.", email="oskar@example.org",
                actor="Parkinson Ekerö") in response.content.decode()
    assert not Invitation.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("data", [{"email": "inte en adress", "role": "editor"}, {"email": "a@example.org", "role": "king"},
                                  {"email": "x" * 250 + "@example.org", "role": "editor"}])
def test_a_bad_invitation_gets_a_message(client, actor, representative, data):
    client.force_login(representative)
    response = client.post(people_url(actor), data)
    assert response.status_code == 200
    assert 'class="field__error"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_invited_person_accepts_after_logging_in(client, actor, invitation, nils):
    url = invitation.get_absolute_url()
    body = client.get(url).content.decode()
    assert "Parkinson Ekerö" in body and "Eva Lindgren" in body
    assert f"{reverse('account_login')}?next={url}" in body
    assert client.post(url).status_code == 403  # must log in first

    client.force_login(nils)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == actor.get_absolute_url()
    assert flash(response) == [says("Welcome! You now help keep %(actor)s's page up to date.", actor="Parkinson Ekerö")]
    assert roles(actor) == {"eva@example.org": "owner", "nils@example.org": "editor"}
    invitation.refresh_from_db()
    assert invitation.accepted_by == nils and invitation.accepted_at
    assert AuditEvent.objects.for_object(actor).get().action == "actor.join"

    # Nils can now edit the page.
    assert client.get(reverse("actors:edit", args=[actor.slug])).status_code == 200

    # Pressing the button again changes nothing.
    again = client.post(url)
    assert again.status_code == 302
    assert ActorMembership.objects.filter(user=nils).count() == 1


def test_an_invitation_used_once_cannot_be_used_by_someone_else(client, actor, invitation, nils, resident):
    client.force_login(nils)
    client.post(invitation.get_absolute_url())
    client.force_login(resident)
    assert says("This invitation has already been used.") in client.get(invitation.get_absolute_url()).content.decode()
    response = client.post(invitation.get_absolute_url())
    assert says("This invitation has already been used. Ask the association to send a new one.") in \
        response.content.decode()
    assert roles(actor) == {"eva@example.org": "owner", "nils@example.org": "editor"}
    assert AuditEvent.objects.filter(action="actor.join").count() == 1


def test_an_expired_invitation_says_so(client, actor, invitation, nils):
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        client.force_login(nils)
        assert says("This invitation has expired. Ask the association to send a new one.") in \
            client.get(invitation.get_absolute_url()).content.decode()
        response = client.post(invitation.get_absolute_url())
        assert says("This invitation has expired. Ask the association to send a new one.") in \
            response.content.decode()
    assert roles(actor) == {"eva@example.org": "owner"}


def test_an_invitation_on_its_last_day_still_works(client, actor, invitation, nils):
    with time_machine.travel(timezone.now() + timedelta(days=13, hours=23)):
        client.force_login(nils)
        client.post(invitation.get_absolute_url())
    assert roles(actor)["nils@example.org"] == "editor"


def test_a_withdrawn_invitation_cannot_be_used(client, actor, representative, invitation, nils):
    client.force_login(representative)
    response = client.post(reverse("actors:revoke_invitation", args=[actor.slug, invitation.pk]))
    assert flash(response) == [says("The invitation is withdrawn.")]
    assert "nils@example.org" not in client.get(people_url(actor)).content.decode()

    client.force_login(nils)
    response = client.post(invitation.get_absolute_url())
    assert says("This invitation is not valid. Ask the association to send a new one.") in response.content.decode()
    assert "nils@example.org" not in roles(actor)


def test_an_unknown_invitation_link_is_not_found(client, db):
    response = client.get(reverse("actors:invitation", args=["x" * 500]))
    assert response.status_code == 404
    assert says("The invitation was not found") in response.content.decode()


def test_an_invitation_can_make_an_owner(client, actor, representative, nils):
    invite = InvitationFactory(actor=actor, email=nils.email, role=Role.OWNER, invited_by=representative)
    client.force_login(nils)
    client.post(invite.get_absolute_url())
    assert roles(actor)["nils@example.org"] == "owner"


def test_the_owner_changes_a_role(client, actor, representative, editor):
    client.force_login(representative)
    membership = actor.memberships.get(user=editor)
    response = client.post(reverse("actors:change_role", args=[actor.slug, membership.pk]), {"role": "owner"})
    assert flash(response) == [says("The role is changed.")]
    assert roles(actor)["oskar@example.org"] == "owner"
    event = AuditEvent.objects.for_object(actor).get()
    assert event.changes == {"user": "Oskar Falk", "role": ["editor", "owner"]}


def test_the_owner_removes_an_editor(client, actor, representative, editor):
    client.force_login(representative)
    membership = actor.memberships.get(user=editor)
    response = client.post(reverse("actors:remove_person", args=[actor.slug, membership.pk]))
    assert response["Location"] == people_url(actor)
    assert flash(response) == [says("%(name)s is no longer a representative.", name="Oskar Falk")]
    assert roles(actor) == {"eva@example.org": "owner"}
    client.force_login(editor)
    assert client.get(reverse("actors:edit", args=[actor.slug])).status_code == 403


def test_the_last_owner_cannot_leave_or_step_down(client, actor, representative, editor):
    client.force_login(representative)
    own = actor.memberships.get(user=representative)
    response = client.post(reverse("actors:remove_person", args=[actor.slug, own.pk]))
    message = says("An actor needs at least one owner. Make someone else owner first.")
    assert flash(response) == [message]
    response = client.post(reverse("actors:change_role", args=[actor.slug, own.pk]), {"role": "editor"})
    assert flash(response)[-1] == message
    assert roles(actor) == {"eva@example.org": "owner", "oskar@example.org": "editor"}
    assert not AuditEvent.objects.exists()


def test_one_of_two_owners_may_leave(client, actor, representative, editor):
    actor.memberships.filter(user=editor).update(role=Role.OWNER)
    client.force_login(representative)
    own = actor.memberships.get(user=representative)
    response = client.post(reverse("actors:remove_person", args=[actor.slug, own.pk]))
    assert response["Location"] == reverse("accounts:dashboard")
    assert roles(actor) == {"oskar@example.org": "owner"}


def test_an_editor_cannot_manage_people(client, actor, representative, editor):
    client.force_login(editor)
    assert client.get(people_url(actor)).status_code == 403
    assert client.post(people_url(actor), {"email": "x@example.org", "role": "owner"}).status_code == 403
    own = actor.memberships.get(user=editor)
    response = client.post(reverse("actors:change_role", args=[actor.slug, own.pk]), {"role": "owner"})
    assert response.status_code == 403
    assert roles(actor) == {"eva@example.org": "owner", "oskar@example.org": "editor"}
    assert not Invitation.objects.exists()


def test_an_owner_cannot_reach_people_of_another_actor_through_their_own(client, actor, other_actor, representative):
    stranger = MembershipFactory(actor=other_actor, role=Role.EDITOR)
    client.force_login(representative)
    for name in ("change_role", "remove_person"):
        response = client.post(reverse(f"actors:{name}", args=[actor.slug, stranger.pk]), {"role": "owner"})
        assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.role == Role.EDITOR
    foreign = InvitationFactory(actor=other_actor)
    response = client.post(reverse("actors:revoke_invitation", args=[actor.slug, foreign.pk]))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_invitation_link_is_a_long_random_token(actor, representative):
    first = InvitationFactory(actor=actor)
    second = InvitationFactory(actor=actor)
    assert len(first.token) >= 40 and first.token != second.token
    assert re.fullmatch(r"[A-Za-z0-9_-]+", first.token)


def test_a_person_without_account_signs_up_from_the_invitation_and_accepts(client, actor, invitation):
    url = invitation.get_absolute_url()
    signup = f"{reverse('account_signup')}?next={url}"
    assert signup in client.get(url).content.decode()
    password = "ett-langt-losenord-2026"
    client.post(signup, {"first_name": "Nils", "last_name": "Ek", "email": "nils@example.org",
                         "password1": password, "password2": password, "next": url})
    confirm = link_in(OutboxMessage.objects.get(to="nils@example.org"))
    response = client.post(confirm)
    assert response.status_code == 302
    assert response["Location"] == url
    response = client.post(url)
    assert response["Location"] == actor.get_absolute_url()
    assert roles(actor)["nils@example.org"] == "editor"
