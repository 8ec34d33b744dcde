"""The daily job erases what has passed its retention rule (docs/privacy.md) in every
model that has one, and leaves what is still within it untouched."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from samverka.activities.models import Registration
from samverka.activities.tests.factories import RegistrationActivityFactory, RegistrationFactory, in_days
from samverka.actors.models import Invitation
from samverka.actors.tests.factories import InvitationFactory
from samverka.cases.models import Case
from samverka.cases.tests.factories import CaseFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent, Submission
from samverka.crisis.models import HelpRequest, ReceivedSignUp
from samverka.crisis.tests.factories import CrisisFactory, HelpRequestFactory
from samverka.matching.models import Participant
from samverka.matching.tests.factories import MatchFactory, ProgrammeFactory, RequestFactory
from samverka.portal import tasks
from samverka.volunteers.models import Volunteer
from samverka.volunteers.tests.factories import VolunteerFactory


def message(key: str, status: str) -> OutboxMessage:
    return OutboxMessage.objects.create(idempotency_key=key, channel="email", to="lina@example.org",
                                        subject="Påminnelse", body_text="Hej Lina", status=status)


@pytest.fixture
def planted(db, actor, resident):
    """For each rule, a row past it ("old") and one within it ("new")."""
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=400)):
        old_submission = Submission.objects.create(token="gammal")
        old_message = message("gammalt", OutboxMessage.Status.SENT)
        old_failed = message("misslyckat", OutboxMessage.Status.FAILED)
        waiting = message("väntar", OutboxMessage.Status.PENDING)  # never sent: still to go
        old_invitation = InvitationFactory(actor=actor, email="gammal@example.org")
        left = VolunteerFactory(name="Gammal Volontär", status=Volunteer.Status.LEFT)
        left_with_account = VolunteerFactory(name="Kvar Med Konto", status=Volunteer.Status.LEFT, user=resident)
    with time_machine.travel(now - timedelta(days=120)):
        past = RegistrationActivityFactory(actor=actor, start=in_days(1))
        old_registration = RegistrationFactory(occurrence=past.occurrences.get(), name="Gammal Deltagare")
    programme = ProgrammeFactory(slug="vantjansten", retention_days=90)
    old_participant = RequestFactory(programme=programme, name="Gammal Deltagare", status=Participant.Status.LEFT,
                                     left_at=now - timedelta(days=100))
    old_match = MatchFactory(programme=programme, request=old_participant, status="ended")
    new_participant = RequestFactory(programme=programme, name="Nyss Lämnat", status=Participant.Status.LEFT,
                                     left_at=now - timedelta(days=30))
    waiting_participant = RequestFactory(programme=programme, name="Väntar Fortfarande",
                                         joined_at=now - timedelta(days=400))
    old_case = CaseFactory(status=Case.Status.CLOSED, closed_at=now - timedelta(days=800), name="Gammal Avsändare")
    open_case = CaseFactory(received_at=now - timedelta(days=800), name="Öppen Avsändare")
    ended = CrisisFactory(is_active=False, ended_at=now - timedelta(days=120))
    old_request = HelpRequestFactory(crisis=ended, name="Gammal Hjälp")
    ReceivedSignUp.objects.create(crisis=ended, data={"name": "Gammalt Formulär"})

    new_submission = Submission.objects.create(token="ny")
    new_message = message("nytt", OutboxMessage.Status.SENT)
    new_invitation = InvitationFactory(actor=actor, email="ny@example.org")
    new_left = VolunteerFactory(name="Nyss Slutat", status=Volunteer.Status.LEFT)
    coming = RegistrationActivityFactory(actor=actor)
    new_registration = RegistrationFactory(occurrence=coming.occurrences.get(), name="Ny Deltagare")
    recent_case = CaseFactory(status=Case.Status.CLOSED, closed_at=now - timedelta(days=30), name="Ny Avsändare")
    current = CrisisFactory()
    new_request = HelpRequestFactory(crisis=current, name="Ny Hjälp")
    return {
        "old": [old_submission, old_message, old_failed, old_invitation, left, old_registration, old_case,
                old_participant, old_match],
        "new": [new_submission, new_message, new_invitation, new_left, new_registration, recent_case,
                waiting, open_case, left_with_account, new_participant, waiting_participant, old_match.offer],
        "old_request": old_request, "new_request": new_request,
    }


def test_the_daily_task_erases_what_has_passed_its_retention(planted):
    erased = tasks.apply_retention.call()

    for row in planted["old"]:
        assert not type(row).objects.filter(pk=row.pk).exists(), f"{type(row).__name__} {row} is still here"
    for row in planted["new"]:
        assert type(row).objects.filter(pk=row.pk).exists(), f"{type(row).__name__} {row} was erased"
    old_request = HelpRequest.objects.get(pk=planted["old_request"].pk)
    assert (old_request.name, old_request.phone, old_request.what) == ("", "", "")
    assert HelpRequest.objects.get(pk=planted["new_request"].pk).name == "Ny Hjälp"
    assert not ReceivedSignUp.objects.exists()
    assert Registration.objects.get().name == "Ny Deltagare"
    assert erased["cases"] == 1 and erased["volunteers"] == 1 and erased["crisis"] == 1
    assert AuditEvent.objects.get(action="privacy.retention").changes == erased


def test_running_it_again_erases_nothing_more(planted):
    tasks.apply_retention.call()
    again = tasks.apply_retention.call()
    assert set(again.values()) == {0}


def test_the_command_runs_the_same_job(planted, capsys):
    call_command("apply_retention")
    assert "cases: 1" in capsys.readouterr().out
    assert not Invitation.objects.filter(email="gammal@example.org").exists()
