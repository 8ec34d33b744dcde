"""Follow-up: Eva answers the programme's questions with a file; reminders go two weeks
before and after the due date (once each, whatever the daily task does); Sara sees the
overdue list; Nils records a reclaim when a report is missing; a late report or a late
application loses the programme's deduction per week, shown in the decision."""

from contextlib import contextmanager
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.grants import services
from samverka.grants.models import Application, Decision, FollowUpReport, Payout, Reclaim

from .factories import PDF, ProgrammeFactory, SubmittedApplicationFactory, decided, review
from .test_officials import nils  # noqa: F401 (a fixture)

DUE = date(2027, 1, 31)


@pytest.fixture
def programme(culture_committee):
    return ProgrammeFactory(committee=culture_committee, follow_up_due_on=DUE, late_deduction_percent=10,
                            follow_up_questions="Hur många deltog?\nVad lärde ni er?")


@pytest.fixture
def grant(programme, actor, representative):
    application = SubmittedApplicationFactory(programme=programme, actor=actor, applicant=representative)
    decided(application, amount=20_000)
    Payout.objects.create(application=application, instalment=1, paid_on=date(2026, 7, 1), amount=20_000)
    return FollowUpReport.objects.create(application=application, due_on=DUE)


@pytest.fixture
def eva(client, representative):
    client.force_login(representative)
    client.user = representative
    return client


@pytest.fixture
def sara(official):
    from django.test import Client

    client = Client()
    client.force_login(official)
    client.user = official
    return client


@contextmanager
def on(day, *clients):
    """Travel to `day`, logged in again there (a session lasts two weeks)."""
    with time_machine.travel(day, tick=False):
        for client in clients:
            client.force_login(client.user)
        yield


def _answers(**extra):
    return {"answer_0": "Trettio medlemmar.", "answer_1": "Att fler vill vara med.", **extra}


def test_eva_sends_the_report_with_a_file_on_time(eva, grant):
    url = reverse("grants:report", args=[grant.application.pk])
    with on(date(2027, 1, 20), eva):
        page = eva.get(url).content.decode()
        assert "Hur många deltog?" in page
        response = eva.post(url, _answers(attachment=SimpleUploadedFile("redovisning.pdf", PDF)))
        download = eva.get(reverse("grants:report_file", args=[grant.application.pk]))
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.submitted_at and grant.late_weeks == 0 and grant.deduction == 0
    assert grant.answers[0] == {"question": "Hur många deltog?", "answer": "Trettio medlemmar."}
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="grant.report").exists()


def test_a_report_without_answers_keeps_the_input_and_sends_nothing(eva, grant):
    with on(date(2027, 1, 20), eva):
        response = eva.post(reverse("grants:report", args=[grant.application.pk]),
                            {"answer_0": "Trettio medlemmar.", "answer_1": ""})
    assert response.status_code == 200 and "Trettio medlemmar." in response.content.decode()
    grant.refresh_from_db()
    assert grant.submitted_at is None


def test_a_report_two_weeks_late_loses_the_deduction_shown_with_the_decision(eva, grant):
    with on(date(2027, 2, 10), eva):  # 10 days late: two started weeks
        page = eva.get(reverse("grants:report", args=[grant.application.pk])).content.decode()
        assert "4\xa0000 kr" in page  # what it will cost, before sending
        eva.post(reverse("grants:report", args=[grant.application.pk]), _answers())
        page = eva.get(reverse("grants:application", args=[grant.application.pk])).content.decode()
    assert "4\xa0000 kr" in page
    grant.refresh_from_db()
    assert grant.late_weeks == 2 and grant.deduction == 4_000  # 2 × 10 % of 20 000


def test_reminders_before_and_after_the_due_date_are_sent_once(grant, representative):
    out = StringIO()
    call_command("send_grant_reminders", "--today", "2027-01-10", stdout=out)  # 21 days before: nothing yet
    assert not OutboxMessage.objects.exists()
    call_command("send_grant_reminders", "--today", "2027-01-20", stdout=out)
    call_command("send_grant_reminders", "--today", "2027-01-21", stdout=out)
    assert OutboxMessage.objects.filter(to=representative.email).count() == 1
    services.write_report_reminders(today=date(2027, 2, 1))
    services.write_report_reminders(today=date(2027, 2, 2))
    mails = OutboxMessage.objects.filter(to=representative.email).order_by("pk")
    assert mails.count() == 2 and grant.application.case_number in mails[1].subject
    grant.refresh_from_db()
    assert grant.reminded_at and grant.overdue_reminded_at


def test_a_sent_report_gets_no_reminder(grant):
    grant.submitted_at = grant.application.submitted_at
    grant.save()
    assert services.write_report_reminders(today=date(2027, 2, 1)) == 0


def test_sara_sees_the_overdue_list_and_a_representative_does_not(sara, eva, grant, programme):
    with on(date(2027, 2, 15), sara, eva):
        page = sara.get(reverse("grants:follow_up", args=[programme.slug]))
        assert page.status_code == 200 and grant.application.case_number in page.content.decode()
        assert page.context["overdue"] == [grant]
        assert eva.get(reverse("grants:follow_up", args=[programme.slug])).status_code == 403


def test_nils_reclaims_a_grant_whose_report_is_missing_and_it_is_public(nils, grant, client, representative,  # noqa: F811
                                                                       django_capture_on_commit_callbacks):
    url = reverse("grants:reclaim", args=[grant.application.pk])
    data = {"amount": "20000", "reasons": "Ingen uppföljning trots två påminnelser.", "meeting_date": "2027-02-24"}
    with on(date(2027, 1, 20), nils):  # not due yet: refused
        assert nils.post(url, data).status_code == 200
    assert not Reclaim.objects.exists()
    with on(date(2027, 3, 1), nils), django_capture_on_commit_callbacks(execute=True):
        assert nils.post(url, {**data, "amount": "25000"}).status_code == 200  # more than was paid
        assert not Reclaim.objects.exists()
        response = nils.post(url, data)
    assert response.status_code == 302
    found = Reclaim.objects.get()
    assert found.amount == 20_000 and found.decided_by == nils.user
    assert AuditEvent.objects.get(action="grant.reclaim").changes["amount"] == 20_000
    assert OutboxMessage.objects.filter(to=representative.email, subject__contains=grant.application.case_number
                                        ).exists()
    client.logout()
    public = client.get(reverse("grants:decisions")).content.decode()
    assert says("%(amount)s kr reclaimed: the follow-up report is missing", amount="20\xa0000") in public
    with on(date(2027, 3, 2), nils):
        assert nils.post(url, data).status_code == 200  # a second reclaim: refused
    assert Reclaim.objects.count() == 1


def test_a_reviewer_cannot_reclaim(sara, grant):
    with on(date(2027, 3, 1), sara):
        response = sara.post(reverse("grants:reclaim", args=[grant.application.pk]),
                             {"amount": "20000", "reasons": "Saknas.", "meeting_date": "2027-03-10"})
    assert response.status_code == 403 and not Reclaim.objects.exists()


def test_another_association_cannot_read_or_send_the_report(client, grant, other_actor):
    from samverka.accounts.tests.factories import UserFactory
    from samverka.actors.tests.factories import MembershipFactory

    stranger = UserFactory(first_name="Ali")
    MembershipFactory(actor=other_actor, user=stranger)
    client.force_login(stranger)
    url = reverse("grants:report", args=[grant.application.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _answers()).status_code == 404
    grant.refresh_from_db()
    assert grant.submitted_at is None


def test_a_late_application_is_taken_with_the_weekly_deduction_shown_in_the_decision(nils, official, actor,  # noqa: F811
                                                                                     representative, programme):
    with time_machine.travel(date(2026, 4, 5), tick=False):  # closed 31 March: 5 days late, one week
        assert services.eligibility_problems(programme=programme, actor=actor) == []
        application = SubmittedApplicationFactory(programme=programme, actor=actor, applicant=representative)
    review(application, official)
    response = nils.post(reverse("grants:decide", args=[application.pk]),
                         {"outcome": "granted", "amount": "10000", "reasons": "Bra.", "meeting_date": "2026-06-10"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.amount == 9_000 and decision.deduction == 1_000 and decision.late_weeks == 1
    page = nils.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "1\xa0000 kr" in page
    assert Application.objects.get().status == Application.Status.DECIDED


def test_without_a_deduction_rule_a_late_application_is_refused(actor, culture_committee):
    programme = ProgrammeFactory(committee=culture_committee, late_deduction_percent=0)
    with time_machine.travel(date(2026, 4, 5), tick=False):
        assert services.eligibility_problems(programme=programme, actor=actor)


def test_a_decision_records_a_meeting_already_held_and_its_follow_up_comes_after_it(nils, official, programme,  # noqa: F811
                                                                                    actor):
    with time_machine.travel(date(2026, 3, 20), tick=False):  # sent in the window
        application = SubmittedApplicationFactory(programme=programme, actor=actor)
    review(application, official)
    url = reverse("grants:decide", args=[application.pk])
    data = {"outcome": "granted", "amount": "8000", "reasons": "Når många invånare.", "meeting_date": "2030-06-10"}
    with on(date(2026, 6, 15), nils):
        response = nils.post(url, data)  # years ahead: refused next to the date, the rest kept
        page = response.content.decode()
        assert response.status_code == 200 and 'id="id_meeting_date_error"' in page
        assert says("Write the date of the meeting that decided: it cannot be after today, %(today)s.",
                    today="15 juni 2026") in page
        assert "Når många invånare." in page and 'href="#id_meeting_date"' in page  # in the error summary too
        assert nils.post(url, {**data, "meeting_date": "2026-06-16"}).status_code == 200  # tomorrow: refused too
    assert not Decision.objects.exists()
    with on(date(2027, 2, 20), nils):  # a meeting after the programme's follow-up due date (31 January)
        response = nils.post(url, {**data, "meeting_date": "2027-02-10"})
        assert response.status_code == 200 and 'id="id_meeting_date_error"' in response.content.decode()
        assert "31 januari 2027" in response.content.decode()
    assert not Decision.objects.exists()
    with on(date(2026, 6, 15), nils):
        assert nils.post(url, {**data, "meeting_date": "2026-06-15"}).status_code == 302  # today: recorded
    decision = Decision.objects.get()
    assert FollowUpReport.objects.get(application=application).due_on > decision.meeting_date


def test_a_reclaim_records_a_meeting_already_held(nils, grant):  # noqa: F811
    url = reverse("grants:reclaim", args=[grant.application.pk])
    with on(date(2027, 3, 1), nils):
        response = nils.post(url, {"amount": "20000", "reasons": "Ingen rapport.", "meeting_date": "2030-03-10"})
    assert response.status_code == 200 and 'id="id_meeting_date_error"' in response.content.decode()
    assert not Reclaim.objects.exists()
