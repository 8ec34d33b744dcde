"""Sara, an official, checks registered associations against the register of
associations and marks them as verified."""

from django.urls import reverse

from samverka.actors.models import Actor
from samverka.actors.tests.factories import AssociationFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says


def verify_url(actor):
    return reverse("actors:verify", args=[actor.slug])


def test_an_official_verifies_an_association(client, actor, official):
    client.force_login(official)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert says("Not yet verified") in page
    assert verify_url(actor) in page

    response = client.post(verify_url(actor), {"verified": "1"})
    assert response["Location"] == actor.get_absolute_url()
    assert flash(response) == [says("The association is marked as verified.")]
    actor.refresh_from_db()
    assert actor.is_verified and actor.verified_by == official
    event = AuditEvent.objects.for_object(actor).get()
    assert (event.action, event.user_label) == ("actor.verify", "Sara Nyström")

    client.logout()
    assert says("Verified by the municipality") in client.get(actor.get_absolute_url()).content.decode()
    directory = client.get(reverse("actors:directory")).content.decode()
    assert 'class="badge badge--verified"' in directory
    assert [a["id"] for a in client.get(reverse("actors:directory"), {"verified": "true"}).context["actors"]] == [actor.pk]


def test_verifying_twice_records_it_once(client, actor, official):
    client.force_login(official)
    client.post(verify_url(actor), {"verified": "1"})
    client.post(verify_url(actor), {"verified": "1"})
    assert AuditEvent.objects.filter(action="actor.verify").count() == 1


def test_an_official_removes_the_mark(client, actor, official):
    client.force_login(official)
    client.post(verify_url(actor), {"verified": "1"})
    response = client.post(verify_url(actor), {"verified": "0"})
    assert flash(response)[-1] == says("The verified mark is removed.")
    actor.refresh_from_db()
    assert not actor.is_verified and actor.verified_by is None
    assert AuditEvent.objects.for_object(actor).first().action == "actor.unverify"


def test_the_administrator_may_verify_too(client, actor, administrator):
    client.force_login(administrator)
    client.post(verify_url(actor), {"verified": "1"})
    actor.refresh_from_db()
    assert actor.is_verified


def test_a_network_cannot_be_verified(client, other_actor, official):
    client.force_login(official)
    page = client.get(other_actor.get_absolute_url()).content.decode()
    assert verify_url(other_actor) not in page
    response = client.post(verify_url(other_actor), {"verified": "1"})
    assert response.status_code == 302
    assert flash(response) == [says("Only registered associations can be verified.")]
    other_actor.refresh_from_db()
    assert not other_actor.is_verified
    assert not AuditEvent.objects.exists()


def test_an_association_without_number_cannot_be_verified(client, official):
    association = AssociationFactory(organisation_number=None)
    client.force_login(official)
    response = client.post(verify_url(association), {"verified": "1"})
    assert flash(response) == [says("Add the organisation number before verifying the association.")]
    association.refresh_from_db()
    assert not association.is_verified


def test_a_resident_cannot_verify(client, actor, resident):
    client.force_login(resident)
    assert verify_url(actor) not in client.get(actor.get_absolute_url()).content.decode()
    assert client.post(verify_url(actor), {"verified": "1"}).status_code == 403
    actor.refresh_from_db()
    assert not actor.is_verified


def test_a_representative_cannot_verify_their_own_association(client, actor, representative):
    client.force_login(representative)
    assert client.post(verify_url(actor), {"verified": "1"}).status_code == 403
    actor.refresh_from_db()
    assert not actor.is_verified
    assert not AuditEvent.objects.exists()


def test_officials_see_associations_waiting_for_verification(client, actor, official):
    verified = AssociationFactory(name="Redan kollad", verified_at="2026-01-01T00:00Z")
    archived = AssociationFactory(name="Vilande förening", status=Actor.Status.ARCHIVED)
    client.force_login(official)
    body = client.get(reverse("accounts:dashboard")).content.decode()
    assert actor.get_absolute_url() in body
    assert verified.get_absolute_url() not in body
    assert archived.get_absolute_url() not in body
