"""The day before, everyone with a place gets a reminder, once, through the outbox.
Three months after their date, participants' details are erased."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samverka.activities import tasks
from samverka.activities.models import Registration
from samverka.activities.tests.factories import RegistrationActivityFactory, RegistrationFactory, in_days
from samverka.communication.models import OutboxMessage
from samverka.communication.services import deliver_due


def test_participants_with_a_place_are_reminded_the_day_before_once(actor):
    tomorrow = RegistrationActivityFactory(actor=actor, title="Språkcafé", start=in_days(1), end=in_days(1, 20))
    later = RegistrationActivityFactory(actor=actor, title="Senare", start=in_days(5), end=in_days(5, 20))
    occurrence = tomorrow.occurrences.get()
    RegistrationFactory(occurrence=occurrence, email="lina@example.org")
    RegistrationFactory(occurrence=occurrence, phone="+46701234567", email="")
    RegistrationFactory(occurrence=occurrence, email="vantar@example.org", status=Registration.Status.WAITLISTED)
    RegistrationFactory(occurrence=occurrence, email="avbokad@example.org", status=Registration.Status.CANCELLED)
    RegistrationFactory(occurrence=later.occurrences.get(), email="senare@example.org")

    call_command("send_activity_reminders")
    call_command("send_activity_reminders")
    tasks.send_activity_reminders.call()

    messages = OutboxMessage.objects.order_by("to")
    assert [(m.channel, m.to) for m in messages] == [("sms", "+46701234567"), ("email", "lina@example.org")]
    email = messages.get(to="lina@example.org")
    assert "Språkcafé" in email.subject and "18.00" in email.body_text
    deliver_due()
    assert [m.to for m in mail.outbox] == [["lina@example.org"]]


def test_a_cancelled_date_gets_no_reminder(actor):
    activity = RegistrationActivityFactory(actor=actor, start=in_days(1), end=in_days(1, 20))
    occurrence = activity.occurrences.get()
    RegistrationFactory(occurrence=occurrence, email="lina@example.org")
    occurrence.cancelled = True
    occurrence.save()
    call_command("send_activity_reminders")
    assert not OutboxMessage.objects.exists()


def test_old_registrations_are_erased(actor):
    activity = RegistrationActivityFactory(actor=actor, start=in_days(1), end=in_days(1, 20))
    RegistrationFactory(occurrence=activity.occurrences.get(), email="lina@example.org")
    with time_machine.travel(timezone.now() + timedelta(days=80)):
        call_command("send_activity_reminders")
        assert Registration.objects.count() == 1
    with time_machine.travel(timezone.now() + timedelta(days=95)):
        call_command("send_activity_reminders")
        assert Registration.objects.count() == 0
