"""Annual documents and payment details: Eva sends Parkinson Ekerö's documents, Sara approves
or returns them, and the programme's "documents approved" rule then lets Eva apply. The
organisation number and the bankgiro change only through an official, audited; Eva asks."""

from datetime import date

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.tests.factories import MembershipFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.grants.models import AnnualDocument, Application, DetailsChangeRequest, PaymentDetails

from .factories import PDF, ProgrammeFactory

TODAY = time_machine.travel(date(2026, 3, 15), tick=False)


@pytest.fixture(autouse=True)
def _today():
    with TODAY:
        yield


@pytest.fixture
def eva(client, representative):
    client.force_login(representative)
    return client


@pytest.fixture
def sara(official):
    client = Client()
    client.force_login(official)
    return client


def _send(client, actor, kind, content=PDF, name="dokument.pdf", year="2025"):
    return client.post(reverse("grants:annual_documents", args=[actor.slug]),
                       {"year": year, "kind": kind, "file": SimpleUploadedFile(name, content)})


def _document(actor, kind="annual_report", year=2025):
    return AnnualDocument.objects.create(actor=actor, year=year, kind=kind, file=ContentFile(PDF, name="d.pdf"))


def test_eva_sends_every_document_sara_approves_them_and_eva_may_then_apply(eva, sara, actor, official):
    programme = ProgrammeFactory(documents_required=True)
    assert "årshandlingar måste vara godkända" in eva.get(reverse("grants:apply", args=[programme.slug])
                                                          ).content.decode()
    for kind in AnnualDocument.Kind.values:
        assert _send(eva, actor, kind).status_code == 302
    assert AnnualDocument.objects.filter(actor=actor, year=2025).count() == 5
    waiting = sara.get(reverse("grants:documents_to_check"))
    assert actor.name in waiting.content.decode()
    for document in AnnualDocument.objects.all():
        assert sara.post(reverse("grants:approve_document", args=[document.pk])).status_code == 302
    assert AuditEvent.objects.filter(action="grant.approve_document", user=official).count() == 5
    response = eva.post(reverse("grants:apply", args=[programme.slug]), {"actor": actor.pk})
    assert response.status_code == 302 and Application.objects.filter(actor=actor).exists()


def test_sara_returns_a_document_with_a_reason_and_eva_is_told_and_sends_it_again(eva, sara, actor, representative):
    _send(eva, actor, "accounts")
    document = AnnualDocument.objects.get()
    response = sara.post(reverse("grants:return_document", args=[document.pk]),
                         {"reason": "Balansräkningen saknas."})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == "returned" and document.return_reason == "Balansräkningen saknas."
    assert "Balansräkningen saknas." in OutboxMessage.objects.get(to=representative.email).body_text
    assert "Balansräkningen saknas." in eva.get(reverse("grants:annual_documents", args=[actor.slug])
                                                ).content.decode()
    assert _send(eva, actor, "accounts").status_code == 302
    document.refresh_from_db()
    assert document.state == "waiting" and AnnualDocument.objects.count() == 1


def test_a_return_without_a_reason_changes_nothing(sara, actor):
    document = _document(actor)
    sara.post(reverse("grants:return_document", args=[document.pk]), {"reason": " "})
    document.refresh_from_db()
    assert document.state == "waiting"
    assert not AuditEvent.objects.filter(action="grant.return_document").exists()


def test_a_renamed_program_is_refused_next_to_the_field(eva, actor):
    response = _send(eva, actor, "minutes", content=b"MZ\x90\x00 program", name="protokoll.docx")
    assert response.status_code == 200 and 'id="id_file_error"' in response.content.decode()
    assert not AnnualDocument.objects.exists()


def test_eva_cannot_approve_and_another_association_sees_nothing(eva, actor, other_actor):
    document = _document(actor)
    assert eva.post(reverse("grants:approve_document", args=[document.pk])).status_code == 403
    document.refresh_from_db()
    assert document.approved_at is None
    stranger = UserFactory(first_name="Ali")
    MembershipFactory(actor=other_actor, user=stranger)
    client = Client()
    client.force_login(stranger)
    assert client.get(reverse("grants:annual_documents", args=[actor.slug])).status_code == 404
    assert client.get(reverse("grants:annual_document", args=[document.pk])).status_code == 404
    assert _send(client, actor, "audit").status_code == 404
    assert AnnualDocument.objects.count() == 1


def test_eva_asks_for_a_new_bankgiro_and_sara_changes_it_audited(eva, sara, actor, official):
    response = eva.post(reverse("grants:details", args=[actor.slug]),
                        {"account_kind": "bankgiro", "account_number": "54029681", "note": "Ny bank."})
    assert response.status_code == 302
    assert not PaymentDetails.objects.exists()  # asking changes nothing
    request = DetailsChangeRequest.objects.get()
    assert request.account_number == "5402-9681"
    page = sara.get(reverse("grants:details", args=[actor.slug]))
    assert "5402-9681" in page.content.decode()
    response = sara.post(reverse("grants:details", args=[actor.slug]),
                         {"account_kind": "bankgiro", "account_number": "5402-9681"})
    assert response.status_code == 302
    details = PaymentDetails.objects.get(actor=actor)
    assert details.account_number == "5402-9681" and details.changed_by == official
    request.refresh_from_db()
    assert request.status == DetailsChangeRequest.Status.DONE
    event = AuditEvent.objects.get(action="grant.change_details")
    assert event.user == official and event.changes["account"] == [None, "Bankgiro 5402-9681"]


def test_sara_changes_the_organisation_number_and_the_history_keeps_the_old(sara, actor):
    old = actor.organisation_number
    response = sara.post(reverse("grants:details", args=[actor.slug]), {"organisation_number": "802400-1235"})
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.organisation_number == "802400-1235"
    assert AuditEvent.objects.get(action="grant.change_details").changes["organisation_number"] == [
        old, "802400-1235"]


@pytest.mark.parametrize(("data", "field"), [
    ({"account_kind": "bankgiro", "account_number": "5402-9682"}, "account_number"),  # wrong check digit
    ({"account_kind": "plusgiro", "account_number": "28 65 43-5"}, "account_number"),
    ({"account_kind": "", "account_number": "54029681"}, "account_kind"),
    ({"organisation_number": "802400-1234"}, "organisation_number"),
])
def test_a_wrong_number_is_refused_next_to_its_field_and_kept(sara, actor, data, field):
    response = sara.post(reverse("grants:details", args=[actor.slug]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not PaymentDetails.objects.exists()
    assert not AuditEvent.objects.filter(action="grant.change_details").exists()


def test_a_representative_cannot_change_details_directly(eva, actor):
    old = actor.organisation_number
    eva.post(reverse("grants:details", args=[actor.slug]), {"organisation_number": "802400-1235"})
    actor.refresh_from_db()
    assert actor.organisation_number == old  # a request waits instead
    assert DetailsChangeRequest.objects.get().organisation_number == "802400-1235"
    assert not AuditEvent.objects.filter(action="grant.change_details").exists()
