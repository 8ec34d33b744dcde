"""Eva looks at what Samverka keeps about her, downloads it, and deletes her account."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from samverka.actors import services
from samverka.actors.models import ActorMembership
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says

User = get_user_model()
MY_DATA = reverse("accounts:my_data")
DELETE = reverse("accounts:delete")


@pytest.fixture
def eva(client, actor, representative):
    services.update_actor(by=representative, actor=actor, data={"summary": "Eva skrev detta"})
    client.force_login(representative)
    return representative


def test_the_page_shows_what_is_kept(client, eva):
    body = client.get(MY_DATA).content.decode()
    assert "eva@example.org" in body
    assert "Eva" in body and "Lindgren" in body
    assert "Parkinson Ekerö" in body


def test_the_download_has_the_persons_data_as_json(client, eva, official):
    response = client.get(MY_DATA, {"download": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="samverka-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "eva@example.org"
    assert data["account"]["first_name"] == "Eva"
    assert data["email_addresses"] == [{"email": "eva@example.org", "verified": True, "primary": True}]
    assert data["actors"] == [{"actor": "Parkinson Ekerö", "role": "owner", "since": data["actors"][0]["since"]}]
    assert [(a["action"], a["object"]) for a in data["activity"]] == [("actor.update", "Parkinson Ekerö")]
    assert "password" not in response.content.decode()


def test_an_officials_download_names_the_office(client, official):
    client.force_login(official)
    data = json.loads(client.get(MY_DATA, {"download": "1"}).content)
    assert data["offices"][0]["office"] == "Kultur- och fritidskontoret"


def test_the_download_has_nobody_elses_data(client, eva, editor, actor):
    services.update_actor(by=editor, actor=actor, data={"summary": "Oskar skrev detta"})
    body = client.get(MY_DATA, {"download": "1"}).content.decode()
    assert "oskar@example.org" not in body
    assert "Oskar skrev detta" not in body


def test_anonymous_visitors_are_asked_to_log_in(client, db):
    for url in (MY_DATA, MY_DATA + "?download=1", DELETE):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_deleting_needs_the_confirmation_word(client, resident):
    client.force_login(resident)
    response = client.post(DELETE, {"confirm": "ja"})
    assert response.status_code == 200
    assert says("Write DELETE in capital letters to confirm.") in response.content.decode()
    assert User.objects.filter(pk=resident.pk).exists()


@pytest.mark.parametrize("word", ["DELETE", "RADERA", " radera "])
def test_a_resident_deletes_the_account(client, resident, word):
    client.force_login(resident)
    response = client.post(DELETE, {"confirm": word})
    assert response.status_code == 302
    assert not User.objects.filter(email="lina@example.org").exists()
    assert not client.get(reverse("accounts:dashboard")).wsgi_request.user.is_authenticated


def test_the_sole_owner_is_stopped_with_a_clear_message(client, eva, actor):
    response = client.post(DELETE, {"confirm": "RADERA"})
    assert response.status_code == 200
    assert says("You are the only owner of %(actors)s. Make someone else owner first, or archive it.",
                actors="Parkinson Ekerö") in response.content.decode()
    assert User.objects.filter(pk=eva.pk).exists()
    assert actor.memberships.filter(user=eva, role="owner").exists()


def test_after_deletion_the_history_keeps_the_change_but_not_the_name(client, eva, actor, editor, official):
    ActorMembership.objects.filter(user=editor).update(role="owner")
    response = client.post(DELETE, {"confirm": "RADERA"})
    assert response.status_code == 302
    assert not User.objects.filter(email="eva@example.org").exists()
    event = AuditEvent.objects.for_object(actor).get(action="actor.update")
    assert event.user is None
    assert "Eva" not in event.user_label and "Lindgren" not in event.user_label
    assert event.changes["summary"][1] == "Eva skrev detta"
    client.force_login(official)
    body = client.get(reverse("actors:history", args=[actor.slug])).content.decode()
    assert "Eva Lindgren" not in body
    assert "Eva skrev detta" in body
    assert list(actor.memberships.values_list("user__email", flat=True)) == ["oskar@example.org"]


def test_a_deleted_persons_name_is_removed_from_other_histories(client, actor, representative, editor):
    services.change_role(by=representative, membership=actor.memberships.get(user=editor), role="owner")
    client.force_login(editor)
    ActorMembership.objects.filter(user=representative).update(role="owner")
    client.post(DELETE, {"confirm": "RADERA"})
    event = AuditEvent.objects.get(action="actor.change_role")
    assert "Oskar" not in json.dumps(event.changes)


def test_the_messages_sent_to_the_person_are_in_the_download_and_erased_with_the_account(client, resident):
    from samverka.communication.models import OutboxMessage
    from samverka.communication.services import queue_message

    queue_message(channel="email", to="LINA@example.org", subject="Välkommen till Samverka", body_text="Hej Lina")
    queue_message(channel="email", to="annan@example.org", subject="Till någon annan", body_text="Hej")
    client.force_login(resident)
    data = json.loads(client.get(MY_DATA, {"download": "1"}).content)
    assert [m["subject"] for m in data["messages"]] == ["Välkommen till Samverka"]

    client.post(DELETE, {"confirm": "RADERA"})
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["annan@example.org"]


def test_invitations_to_a_deleted_person_are_erased(client, actor, representative, resident):
    services.invite_representative(by=representative, actor=actor, email="lina@example.org", role="editor")
    client.force_login(resident)
    client.post(DELETE, {"confirm": "RADERA"})
    assert not actor.invitations.exists()
    event = AuditEvent.objects.get(action="actor.invite")
    assert "lina@example.org" not in json.dumps(event.changes)


def test_a_registration_for_an_activity_is_shown_and_in_the_download(client, actor, resident):
    from samverka.activities.tests.factories import RegistrationActivityFactory

    cafe = RegistrationActivityFactory(actor=actor, title="Språkcafé", capacity=2)
    client.force_login(resident)
    client.post(reverse("activities:register", args=[cafe.slug, cafe.occurrences.get().pk]),
                {"name": "Lina Sandberg", "email": "lina@example.org", "phone": "070-123 45 67"})

    page = client.get(MY_DATA).content.decode()
    assert says("Registrations for activities") in page
    assert "Språkcafé" in page and "Lina Sandberg" in page and "+46701234567" in page
    assert says("Has a place") in page
    data = json.loads(client.get(MY_DATA, {"download": "1"}).content)
    [registration] = data["activity_registrations"]
    assert (registration["activity"], registration["status"], registration["name"], registration["email"],
            registration["phone"]) == ("Språkcafé", "confirmed", "Lina Sandberg", "lina@example.org", "+46701234567")


def test_deleting_the_account_erases_the_registrations_and_gives_the_place_on(client, actor, resident):
    from samverka.activities.models import Registration
    from samverka.activities.tests.factories import RegistrationActivityFactory
    from samverka.activities.tests.helpers import register_and_confirm

    cafe = RegistrationActivityFactory(actor=actor, title="Språkcafé", capacity=1)
    register = reverse("activities:register", args=[cafe.slug, cafe.occurrences.get().pk])
    client.force_login(resident)
    client.post(register, {"name": "Lina Sandberg", "email": "lina@example.org"})
    client.logout()
    register_and_confirm(client, register, {"name": "Per Ek", "email": "per@example.org"})
    assert dict(Registration.objects.values_list("email", "status")) == {
        "lina@example.org": "confirmed", "per@example.org": "waitlisted"}

    client.force_login(resident)
    assert client.post(DELETE, {"confirm": "RADERA"}).status_code == 302
    assert dict(Registration.objects.values_list("email", "status")) == {"per@example.org": "confirmed"}
    assert not Registration.objects.filter(name="Lina Sandberg").exists()
