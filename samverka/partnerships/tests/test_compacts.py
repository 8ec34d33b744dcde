"""Local compacts: their principles and who signed are public; a representative signs for
their actor once (a double submit, a second try and another actor's name change nothing);
the office that keeps a compact edits it."""

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.partnerships.models import Compact, Signature

from .factories import CompactFactory, SignatureFactory


@pytest.fixture
def compact(office, other_actor):
    item = CompactFactory(office=office, title="Lokal överenskommelse för Ekerö", slug="ekero")
    SignatureFactory(compact=item, actor=other_actor)
    return item


@pytest.mark.django_db
def test_the_compact_and_who_signed_are_public(client, compact, other_actor):
    page = client.get(reverse("partnerships:compacts")).content.decode()
    assert "Lokal överenskommelse för Ekerö" in page
    page = client.get(compact.get_absolute_url()).content.decode()
    assert "Självständighet och oberoende." in page and other_actor.name in page
    assert reverse("partnerships:sign", args=[compact.slug]) not in page


@pytest.mark.django_db
def test_a_representative_signs_once(client, compact, representative, actor):
    client.force_login(representative)
    page = client.get(compact.get_absolute_url()).content.decode()
    assert reverse("partnerships:sign", args=[compact.slug]) in page
    sign = reverse("partnerships:sign", args=[compact.slug])
    client.post(sign, {"actor": actor.pk, "submission_token": "a"})
    client.post(sign, {"actor": actor.pk, "submission_token": "a"})
    response = client.post(sign, {"actor": actor.pk, "submission_token": "b"})
    assert Signature.objects.filter(compact=compact, actor=actor).count() == 1
    assert Signature.objects.get(actor=actor).signed_by == representative
    assert says("%(name)s has already signed this local compact.", name=actor.name) in flash(response)
    assert AuditEvent.objects.filter(action="compact.sign").count() == 1
    assert actor.name in client.get(compact.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_no_one_signs_for_an_actor_they_do_not_represent(client, compact, representative, resident, other_actor,
                                                         actor, official):
    sign = reverse("partnerships:sign", args=[compact.slug])
    client.force_login(representative)
    response = client.post(sign, {"actor": other_actor.pk, "submission_token": "x"})
    assert response.status_code == 302
    client.force_login(resident)
    assert client.post(sign, {"actor": actor.pk, "submission_token": "y"}).status_code == 403
    client.force_login(official)
    assert client.post(sign, {"actor": actor.pk, "submission_token": "z"}).status_code == 403
    assert list(Signature.objects.values_list("actor", flat=True)) == [other_actor.pk]


@pytest.mark.django_db
def test_a_signature_is_withdrawn_by_the_actor_only(client, compact, representative, other_actor, actor):
    theirs = Signature.objects.get(actor=other_actor)
    mine = SignatureFactory(compact=compact, actor=actor)
    client.force_login(representative)
    assert client.post(reverse("partnerships:withdraw", args=[compact.slug, theirs.pk])).status_code == 403
    assert client.get(reverse("partnerships:withdraw", args=[compact.slug, theirs.pk])).status_code == 403
    client.post(reverse("partnerships:withdraw", args=[compact.slug, mine.pk]))
    assert list(Signature.objects.values_list("actor", flat=True)) == [other_actor.pk]


@pytest.mark.django_db
def test_withdrawing_a_signature_asks_first(client, compact, representative, actor):
    mine = SignatureFactory(compact=compact, actor=actor)
    url = reverse("partnerships:withdraw", args=[compact.slug, mine.pk])
    client.force_login(representative)
    page = client.get(compact.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page and f'action="{url}"' not in page  # a link to the question, not a button
    with translation.override("en"):
        question = client.get(reverse("partnerships:withdraw", args=[compact.slug, mine.pk]))
    assert question.status_code == 200
    assert f"Withdraw the signature of <bdi>{actor.name}</bdi>?" in question.content.decode()
    assert Signature.objects.filter(pk=mine.pk).exists()  # asking changed nothing
    assert client.post(url).status_code == 302
    assert not Signature.objects.filter(pk=mine.pk).exists()
    assert client.post(url).status_code == 404  # a second press finds nothing to withdraw


@pytest.mark.django_db
def test_a_closed_compact_takes_no_signatures(client, compact, representative, actor):
    compact.open_for_signing = False
    compact.save()
    client.force_login(representative)
    client.post(reverse("partnerships:sign", args=[compact.slug]), {"actor": actor.pk, "submission_token": "a"})
    assert not Signature.objects.filter(actor=actor).exists()


@pytest.mark.django_db
def test_the_office_creates_and_edits_a_compact(client, official, office, social_official):
    client.force_login(official)
    create = reverse("partnerships:create_compact")
    data = {"title": "Överenskommelse om idéburen samverkan", "summary": "Sex principer.",
            "principles": "Dialog.\n\nLångsiktighet.", "office": office.pk, "open_for_signing": "on",
            "submission_token": "a"}
    client.post(create, data)
    client.post(create, data)
    item = Compact.objects.get()
    edit = reverse("partnerships:edit_compact", args=[item.slug])
    client.post(edit, {**data, "summary": "Sex principer för samverkan."})
    item.refresh_from_db()
    assert item.summary == "Sex principer för samverkan."

    client.force_login(social_official)
    assert client.get(edit).status_code == 403
    assert client.post(edit, {**data, "summary": "Kapad"}).status_code == 403
    item.refresh_from_db()
    assert item.summary == "Sex principer för samverkan."
