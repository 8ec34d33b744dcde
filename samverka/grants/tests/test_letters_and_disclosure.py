"""The decision letter as a PDF for the applicant; a case exported for a disclosure request
with personal data marked for redaction, for the committee's officials only, audited."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.tests.factories import MembershipFactory
from samverka.core.models import AuditEvent
from samverka.grants.models import Attachment

from .factories import PDF, ProgrammeFactory, SubmittedApplicationFactory, budget, decided, review


@pytest.fixture
def case(culture_committee, actor, representative, official):
    application = SubmittedApplicationFactory(
        programme=ProgrammeFactory(committee=culture_committee, follow_up_due_on=date(2027, 1, 31)), actor=actor,
        applicant=representative,
        purpose="Ledaren Kalle Svensson (19811218-9876, kalle@example.org, 070-123 45 67) håller i passen.")
    budget(application)
    review(application, official)
    Attachment.objects.create(application=application, label="Verksamhetsplan", file=ContentFile(PDF, name="p.pdf"))
    decided(application, amount=8_000, reasons="Når många äldre. Kontakt: Eva Lindgren.")
    return application


def test_eva_downloads_the_decision_letter_as_a_pdf(client, representative, case):
    client.force_login(representative)
    response = client.get(reverse("grants:decision_letter", args=[case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    assert case.case_number in text and "8 000 kr" in text and "Når många äldre" in text


def test_another_association_gets_no_decision_letter(client, case, other_actor):
    stranger = UserFactory(first_name="Ali")
    MembershipFactory(actor=other_actor, user=stranger)
    client.force_login(stranger)
    assert client.get(reverse("grants:decision_letter", args=[case.pk])).status_code == 404


def test_sara_exports_the_case_with_personal_data_marked_and_it_is_audited(client, official, case):
    client.force_login(official)
    response = client.get(reverse("grants:disclosure", args=[case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "00-markerat.txt" in names and "bilaga-01.pdf" in names
    text = archive.read("01-ansokan.txt").decode()
    for detail in ("19811218-9876", "kalle@example.org", "070-123 45 67", "Eva Lindgren"):
        assert f"⟦{detail}⟧" in text, detail
    assert "Ledaren Kalle Svensson" in text  # a name only in free text is left for the official to judge
    marked = archive.read("00-markerat.txt").decode()
    assert "19811218-9876" in marked and "kalle@example.org" in marked
    assert archive.read("bilaga-01.pdf") == PDF
    assert AuditEvent.objects.get(action="grant.disclosure").user == official


@pytest.mark.parametrize("who", ["representative", "stranger"])
def test_only_the_committees_officials_export(client, case, representative, other_actor, who):
    if who == "representative":
        client.force_login(representative)
    else:
        other = UserFactory(first_name="Kim")
        from samverka.municipality.tests.factories import OfficeMembershipFactory

        OfficeMembershipFactory(user=other, office__slug="socialkontoret", office__name="Socialkontoret")
        client.force_login(other)
    assert client.get(reverse("grants:disclosure", args=[case.pk])).status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="grant.disclosure").exists()


def test_the_secretary_also_exports(case, culture_committee):
    from .factories import decision_right

    karin = UserFactory(first_name="Karin")
    decision_right(karin, culture_committee)
    client = Client()
    client.force_login(karin)
    assert client.get(reverse("grants:disclosure", args=[case.pk])).status_code == 200
