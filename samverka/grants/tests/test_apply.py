"""Eva applies for Parkinson Ekerö: a draft saved on every post, a budget that must add
up, attachments checked by their content, and a receipt with a case number."""

import re
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.grants.models import Application, Attachment, CaseCounter

from .factories import PDF, ApplicationFactory, ProgrammeFactory, approved_documents

IN_WINDOW = time_machine.travel(date(2026, 3, 15), tick=False)


def _form(**overrides):
    data = {"title": "Sittgympa", "purpose": "Sittgympa varje tisdag i Ekerö centrum.", "amount_asked": "10000",
            "attachment_label": "",
            "budget-TOTAL_FORMS": "3", "budget-INITIAL_FORMS": "0",
            "budget-0-kind": "income", "budget-0-label": "Medlemsavgifter", "budget-0-amount": "5000",
            "budget-1-kind": "cost", "budget-1-label": "Lokalhyra", "budget-1-amount": "15000",
            "budget-2-kind": "", "budget-2-label": "", "budget-2-amount": ""}
    data.update(overrides)
    return data


@pytest.fixture
def programme(db):
    return ProgrammeFactory(required_attachments="Verksamhetsplan")


@pytest.fixture
def eva(client, representative):
    client.force_login(representative)
    return client


def _start(client, programme, actor):
    with IN_WINDOW:
        response = client.post(reverse("grants:apply", args=[programme.slug]), {"actor": actor.pk})
    assert response.status_code == 302
    return Application.objects.get(programme=programme, actor=actor)


def test_eva_starts_saves_and_submits_and_gets_a_receipt_with_a_case_number(eva, programme, actor, representative):
    application = _start(eva, programme, actor)
    url = reverse("grants:application", args=[application.pk])
    with IN_WINDOW:
        pdf = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
        response = eva.post(url, _form(attachment_label="Verksamhetsplan", attachment=pdf, save="1"))
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.is_draft and application.title == "Sittgympa"
        assert application.budget_lines.count() == 2
        assert application.attachments.get().label == "Verksamhetsplan"

        response = eva.post(url, _form(submit="1"))
    assert response.status_code == 302 and response["Location"] == reverse("grants:receipt", args=[application.pk])
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.case_number == "KFN 2026/0001"
    receipt = eva.get(response["Location"])
    assert "KFN 2026/0001" in receipt.content.decode()
    mail = OutboxMessage.objects.get(to=representative.email)
    assert "KFN 2026/0001" in mail.subject
    assert AuditEvent.objects.filter(action="grant.submit", target_id=str(application.pk)).exists()


def test_the_page_says_before_submitting_that_the_application_becomes_a_public_record(eva, programme, actor):
    application = _start(eva, programme, actor)
    page = eva.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "allmän handling" in page


def test_a_budget_that_does_not_add_up_is_saved_as_a_draft_and_not_sent(eva, programme, actor):
    application = _start(eva, programme, actor)
    Attachment.objects.create(application=application, label="Verksamhetsplan", file="applications/x.pdf")
    with IN_WINDOW:
        response = eva.post(reverse("grants:application", args=[application.pk]),
                            _form(**{"budget-1-amount": "12000", "submit": "1"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="budget_error"' in page and "3\xa0000" in page  # the difference, next to the budget
    assert "Sittgympa varje tisdag" in page  # the input kept
    application.refresh_from_db()
    assert application.is_draft and application.case_number is None
    assert application.title == "Sittgympa"  # the draft saved anyway
    assert not CaseCounter.objects.exists()


def test_a_refused_send_shows_the_error_summary_with_the_budget_linked(eva, programme, actor):
    application = _start(eva, programme, actor)
    Attachment.objects.create(application=application, label="Verksamhetsplan", file="applications/x.pdf")
    with IN_WINDOW:
        response = eva.post(reverse("grants:application", args=[application.pk]),
                            _form(**{"budget-1-amount": "12000", "submit": "1"}))
    page = response.content.decode()
    assert 'class="error-summary"' in page
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#budget"' in summary and "3\xa0000 kr" in summary  # the budget's message, linked to it
    assert 'id="budget"' in page and 'aria-describedby="budget_error"' in page


def _label(page: str, field_id: str) -> str:
    return re.search(rf'<label class="field__label" for="{field_id}">(.*?)</label>', page, re.S).group(1)


def test_the_fields_needed_to_send_say_so_instead_of_optional(eva, programme, actor):
    application = _start(eva, programme, actor)
    page = eva.get(reverse("grants:application", args=[application.pk])).content.decode()
    for field_id in ("id_title", "id_purpose", "id_amount_asked"):
        label = _label(page, field_id)
        assert says("needed to send") in label and says("optional") not in label, field_id
    assert says("needed to send") in _label(page, "id_attachment")  # the programme asks for a plan
    Attachment.objects.create(application=application, label="Verksamhetsplan", file="applications/x.pdf")
    page = eva.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert says("optional") in _label(page, "id_attachment")  # attached: another file is optional


def test_a_missing_attachment_and_a_renamed_executable_are_refused_next_to_the_field(eva, programme, actor):
    application = _start(eva, programme, actor)
    with IN_WINDOW:
        fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
        response = eva.post(reverse("grants:application", args=[application.pk]),
                            _form(attachment_label="Verksamhetsplan", attachment=fake, submit="1"))
    assert response.status_code == 200
    assert 'id="id_attachment_error"' in response.content.decode()
    assert not application.attachments.exists()
    with IN_WINDOW:
        response = eva.post(reverse("grants:application", args=[application.pk]), _form(submit="1"))
    assert "Verksamhetsplan" in response.content.decode()
    application.refresh_from_db()
    assert application.is_draft


def test_applying_outside_the_window_is_refused_with_the_dates(eva, programme, actor):
    with time_machine.travel(date(2026, 4, 2), tick=False):
        page = eva.get(reverse("grants:apply", args=[programme.slug])).content.decode()
        response = eva.post(reverse("grants:apply", args=[programme.slug]), {"actor": actor.pk})
    assert "31 mars 2026" in page
    assert response.status_code == 200 and "31 mars 2026" in response.content.decode()
    assert not Application.objects.exists()


def test_a_draft_cannot_be_sent_after_the_window_closed(eva, programme, actor):
    application = _start(eva, programme, actor)
    Attachment.objects.create(application=application, label="Verksamhetsplan", file="applications/x.pdf")
    with time_machine.travel(date(2026, 4, 1), tick=False):
        response = eva.post(reverse("grants:application", args=[application.pk]), _form(submit="1"))
    assert response.status_code == 200 and "31 mars 2026" in response.content.decode()
    application.refresh_from_db()
    assert application.is_draft


def test_documents_must_be_approved_before_applying(eva, actor):
    programme = ProgrammeFactory(documents_required=True)
    with IN_WINDOW:
        response = eva.post(reverse("grants:apply", args=[programme.slug]), {"actor": actor.pk})
    assert response.status_code == 200 and "årshandlingar måste vara godkända" in response.content.decode()
    assert not Application.objects.exists()
    approved_documents(actor, 2025)
    _start(eva, programme, actor)


def test_the_award_is_not_for_networks(client, other_actor):
    from samverka.accounts.tests.factories import UserFactory
    from samverka.actors.tests.factories import MembershipFactory

    award = ProgrammeFactory(kind="award", eligible_kinds=["association", "faith", "study", "foundation"])
    amal = UserFactory(email="amal@example.org")
    MembershipFactory(actor=other_actor, user=amal)
    client.force_login(amal)
    with IN_WINDOW:
        response = client.post(reverse("grants:apply", args=[award.slug]), {"actor": other_actor.pk})
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_only_actors_active_in_the_municipality_may_apply_where_the_programme_says_so(eva, actor):
    from samverka.municipality.models import District

    programme = ProgrammeFactory(must_be_active_here=True)
    with IN_WINDOW:
        eva.post(reverse("grants:apply", args=[programme.slug]), {"actor": actor.pk})
    assert not Application.objects.exists()
    actor.districts.add(District.objects.create(slug="ekero-centrum", name="Ekerö centrum"))
    _start(eva, programme, actor)


def test_starting_twice_gives_the_same_draft(eva, programme, actor):
    first = _start(eva, programme, actor)
    second = _start(eva, programme, actor)
    assert first == second and Application.objects.count() == 1


def test_case_numbers_run_per_committee_and_year_and_are_never_reused(db, representative, programme):
    from samverka.grants import services

    from .factories import budget

    numbers = []
    with IN_WINDOW:
        for _n in range(3):
            application = ApplicationFactory(programme=programme, applicant=representative)
            budget(application)
            Attachment.objects.create(application=application, label="Verksamhetsplan", file="a.pdf")
            numbers.append(services.submit_application(by=None, application=application).case_number)
        services.withdraw_application(by=None, application=application)
        other = ApplicationFactory(programme=programme)
        budget(other)
        Attachment.objects.create(application=other, label="Verksamhetsplan", file="a.pdf")
        numbers.append(services.submit_application(by=None, application=other).case_number)
    assert numbers == ["KFN 2026/0001", "KFN 2026/0002", "KFN 2026/0003", "KFN 2026/0004"]
    with time_machine.travel(date(2027, 1, 2), tick=False):
        assert services.next_case_number(committee=programme.committee, year=2027) == "KFN 2027/0001"


def test_the_same_submit_twice_shows_the_receipt_again(eva, programme, actor):
    application = _start(eva, programme, actor)
    url = reverse("grants:application", args=[application.pk])
    with IN_WINDOW:
        pdf = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
        eva.post(url, _form(attachment_label="Verksamhetsplan", attachment=pdf, save="1"))
        first = eva.post(url, _form(submit="1"))
        second = eva.post(url, _form(submit="1"))
    assert first["Location"] == reverse("grants:receipt", args=[application.pk])
    assert second.status_code == 302, "not a refusal: the first one went through"
    assert "KFN 2026/0001" in eva.get(second["Location"]).content.decode()
    assert CaseCounter.objects.get().last == 1


def test_not_even_an_administrator_changes_a_sent_application(client, administrator, programme, actor, eva):
    application = _start(eva, programme, actor)
    url = reverse("grants:application", args=[application.pk])
    with IN_WINDOW:
        pdf = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
        eva.post(url, _form(attachment_label="Verksamhetsplan", attachment=pdf, save="1"))
        eva.post(url, _form(submit="1"))
    client.force_login(administrator)
    page = client.get(url)
    assert page.status_code == 200 and 'name="submit"' not in page.content.decode(), "no form on a sent application"
    with IN_WINDOW:
        response = client.post(url, _form(title="Ändrad av någon annan", amount_asked="99999", save="1"))
        removed = client.post(reverse("grants:remove_attachment", args=[application.attachments.get().pk]))
    assert response.status_code == 403 and removed.status_code == 403
    application.refresh_from_db()
    assert application.title == "Sittgympa" and application.amount_asked == 10000
    assert application.attachments.count() == 1
