"""Reminders: recipients without a sent answer are reminded `remind_days_before` days before the
deadline, once each, by the daily command (or the task)."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from samverka.communication.models import OutboxMessage
from samverka.dialogue import tasks
from samverka.dialogue.services_consultations import save_answer, send_answer

from .factories_consultations import *  # noqa: F403  (its fixtures)

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = StringIO()
    call_command("send_consultation_reminders", stdout=out)
    return out.getvalue()


def test_recipients_without_a_sent_answer_are_reminded_once_seven_days_before(
        actor_recipient, council_recipient, representative, editor, council_chair, council_member):
    consultation = actor_recipient.consultation  # deadline in fourteen days, remind seven days before
    questions = list(consultation.questions.all())
    save_answer(by=council_member, recipient=council_recipient, summary="Utkast.", parts={questions[0].pk: "Ja."},
                revision=0)

    with time_machine.travel(consultation.deadline - timedelta(days=7, hours=1), tick=False):
        assert _run() == "0 consultation reminders queued.\n"
    assert not OutboxMessage.objects.exists()

    with time_machine.travel(consultation.deadline - timedelta(days=6, hours=23), tick=False):
        assert _run() == "2 consultation reminders queued.\n"
        assert _run() == "0 consultation reminders queued.\n"  # again the same day: nobody twice
    told = sorted(OutboxMessage.objects.values_list("to", flat=True))
    assert told == sorted([representative.email, editor.email, council_chair.email, council_member.email])
    council_mail = OutboxMessage.objects.get(to=council_chair.email)
    assert consultation.title in council_mail.subject
    actor_recipient.refresh_from_db()
    assert actor_recipient.reminded_at is not None

    with time_machine.travel(consultation.deadline - timedelta(days=1), tick=False):
        assert _run() == "0 consultation reminders queued.\n"
    assert OutboxMessage.objects.count() == 4


def test_a_sent_answer_is_not_reminded_nor_a_passed_deadline(actor_recipient, council_recipient, representative):
    consultation = actor_recipient.consultation
    questions = list(consultation.questions.all())
    save_answer(by=representative, recipient=actor_recipient, summary="Vårt svar.", parts={questions[0].pk: "Ja."},
                revision=0)
    send_answer(by=representative, recipient=actor_recipient, revision=1)

    with time_machine.travel(consultation.deadline - timedelta(days=3), tick=False):
        assert tasks.send_consultation_reminders.call() == 1  # the council only
    assert not OutboxMessage.objects.filter(to=representative.email).exists()

    council_recipient.reminded_at = None
    council_recipient.save()
    with time_machine.travel(consultation.deadline + timedelta(hours=1), tick=False):
        assert _run() == "0 consultation reminders queued.\n"
