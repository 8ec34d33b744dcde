"""Maja, the administrator, corrects the register in /admin/. Her changes go through the
register's services: they are in the history, visitors see them at once on the cached
public pages, an actor keeps an owner. Staff without the right change nothing."""

import pytest
from django.urls import reverse

from samverka.actors.models import Actor, ActorMembership, Invitation
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form, staff_client
from samverka.core.tests.helpers import flash, says

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("actors:directory")


@pytest.fixture
def clerk():
    """Kim may open the register in the admin but is nobody's representative."""
    return staff_client("view_actor", "change_actor", "delete_actor", "add_actormembership",
                        "change_actormembership", app_label="actors")


def change_url(actor):
    return reverse("admin:actors_actor_change", args=[actor.pk])


def test_a_change_in_the_admin_is_in_the_history_and_shows_at_once(client, maja, actor, administrator):
    detail = reverse("actors:detail", args=[actor.slug])
    assert "Parkinson Ekerö" in client.get(DIRECTORY).content.decode()
    client.get(detail)  # both pages are now cached for visitors

    response = maja.post(change_url(actor), admin_form(maja, change_url(actor), summary="Vi tränar och fikar."))
    assert response.status_code == 302, response.content.decode()[:2000]

    event = AuditEvent.objects.get(action="actor.update")
    assert event.user == administrator and event.changes["summary"][1] == "Vi tränar och fikar."
    assert "Vi tränar och fikar." in client.get(DIRECTORY).content.decode()
    assert "Vi tränar och fikar." in client.get(detail).content.decode()


def test_archiving_in_the_admin_takes_the_actor_out_of_the_directory(client, maja, actor):
    assert "Parkinson Ekerö" in client.get(DIRECTORY).content.decode()
    response = maja.post(change_url(actor), admin_form(maja, change_url(actor), status="archived"))
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="actor.status").changes == {"status": ["active", "archived"]}
    assert "Parkinson Ekerö" not in client.get(DIRECTORY).content.decode()


def test_an_actor_added_in_the_admin_is_recorded_and_the_administrator_is_not_its_owner(maja, administrator):
    data = admin_form(maja, reverse("admin:actors_actor_add"), name="Ekerö schackklubb", slug="schack",
                      kind="network", summary="Vi spelar schack.", status="active")
    response = maja.post(reverse("admin:actors_actor_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    actor = Actor.objects.get(name="Ekerö schackklubb")
    assert AuditEvent.objects.get(action="actor.create").target_id == str(actor.pk)
    assert not ActorMembership.objects.filter(user=administrator).exists()


def test_representatives_are_added_and_removed_through_the_services(maja, actor, representative, resident):
    data = admin_form(maja, change_url(actor))
    data.update({"memberships-TOTAL_FORMS": "2", "memberships-1-user": resident.pk, "memberships-1-role": "editor",
                 "memberships-1-actor": actor.pk})
    assert maja.post(change_url(actor), data).status_code == 302
    assert ActorMembership.objects.get(actor=actor, user=resident).role == "editor"
    assert AuditEvent.objects.get(action="actor.add_person").changes["user"] == "Lina Sandberg"

    # Eva is the only owner: taking her away is refused, with a message, and she stays.
    data = admin_form(maja, change_url(actor))
    owner_row = next(k.split("-")[1] for k, v in data.items() if k.endswith("-user") and v == str(representative.pk))
    data[f"memberships-{owner_row}-DELETE"] = "on"
    response = maja.post(change_url(actor), data)
    assert response.status_code == 302
    assert says("An actor needs at least one owner. Make someone else owner first.") in flash(response)
    assert ActorMembership.objects.filter(actor=actor, user=representative, role="owner").exists()
    assert not AuditEvent.objects.filter(action="actor.remove_person").exists()


def test_staff_without_the_right_get_403_and_nothing_changes(client, maja, clerk, actor):
    assert "Parkinson Ekerö" in client.get(DIRECTORY).content.decode()
    data = admin_form(maja, change_url(actor), name="Kapad")
    assert clerk.get(change_url(actor)).status_code == 200  # the admin lets Kim in; the rule does not
    assert clerk.post(change_url(actor), data).status_code == 403
    assert clerk.post(reverse("admin:actors_actor_delete", args=[actor.pk]), {"post": "yes"}).status_code == 403
    actor.refresh_from_db()
    assert actor.name == "Parkinson Ekerö"
    assert not AuditEvent.objects.exists()
    assert "Kapad" not in client.get(DIRECTORY).content.decode()


def test_deleting_in_the_admin_is_recorded_and_shows_at_once(client, maja, actor):
    assert "Parkinson Ekerö" in client.get(DIRECTORY).content.decode()
    response = maja.post(reverse("admin:actors_actor_delete", args=[actor.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="actor.delete").target_label == "Parkinson Ekerö"
    assert "Parkinson Ekerö" not in client.get(DIRECTORY).content.decode()


def test_an_invitation_from_the_admin_is_sent_and_can_be_withdrawn(maja, actor):
    response = maja.post(reverse("admin:actors_invitation_add"),
                         {"actor": actor.pk, "email": "nils@example.org", "role": "editor"})
    assert response.status_code == 302, response.content.decode()[:2000]
    invitation = Invitation.objects.get(email="nils@example.org")
    assert OutboxMessage.objects.filter(to="nils@example.org").count() == 1
    assert AuditEvent.objects.filter(action="actor.invite").count() == 1

    response = maja.post(reverse("admin:actors_invitation_changelist"),
                         {"action": "withdraw", "_selected_action": [invitation.pk]})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert AuditEvent.objects.filter(action="actor.revoke_invitation").count() == 1
