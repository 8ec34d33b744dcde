"""Milestone reminders: two weeks before the follow-up date (the due date when there is none),
to the office and the parties' representatives, once per milestone however often the daily
command runs; none for a milestone done or a partnership that is not active."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.partnerships import services
from samverka.partnerships.models import Partnership

from .factories import MilestoneFactory, PartnershipFactory


def run() -> str:
    out = StringIO()
    call_command("send_partnership_reminders", stdout=out)
    return out.getvalue()


@pytest.fixture
def setting(official, representative, actor, office):
    from .factories import PartyFactory

    partnership = PartnershipFactory(office=office, title="Dans för Parkinson", starts_on=date(2026, 1, 1),
                                     ends_on=date(2027, 12, 31))
    PartyFactory(partnership=partnership, actor=actor)
    milestone = MilestoneFactory(partnership=partnership, title="Vårens uppvisning", due_on=date(2026, 4, 20),
                                 follow_up_on=date(2026, 4, 30))
    return partnership, milestone


@pytest.mark.django_db
def test_a_reminder_before_the_follow_up_date_once(setting, official, representative, time_machine):
    partnership, milestone = setting
    time_machine.move_to("2026-04-15 07:00 +02:00", tick=False)  # 15 days before the follow-up
    assert run().startswith("0 ")
    assert not OutboxMessage.objects.exists()

    time_machine.move_to("2026-04-16 07:00 +02:00", tick=False)  # 14 days before
    assert run().startswith("1 ")
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == sorted([official.email,
                                                                                representative.email])
    message = OutboxMessage.objects.first()
    assert "Vårens uppvisning" in message.subject and partnership.get_absolute_url() in message.body_text

    for day in ("2026-04-16 12:00 +02:00", "2026-04-20 07:00 +02:00", "2026-04-30 07:00 +02:00"):
        time_machine.move_to(day, tick=False)
        assert run().startswith("0 ")
    assert OutboxMessage.objects.count() == 2
    assert AuditEvent.objects.filter(action="partnership.remind_milestone").count() == 1


@pytest.mark.django_db
def test_a_new_date_gets_its_own_reminder(setting, official, time_machine):
    _partnership, milestone = setting
    time_machine.move_to("2026-04-20 07:00 +02:00", tick=False)
    assert run().startswith("1 ")
    services.update_milestone(by=official, milestone=milestone, title=milestone.title, due_on=date(2026, 5, 20),
                              follow_up_on=date(2026, 5, 30))
    assert run().startswith("0 ")
    time_machine.move_to("2026-05-18 07:00 +02:00", tick=False)
    assert run().startswith("1 ")


@pytest.mark.django_db
def test_no_reminder_when_done_or_not_active(setting, representative, time_machine):
    partnership, milestone = setting
    other = MilestoneFactory(partnership=PartnershipFactory(status=Partnership.Status.DRAFT,
                                                            starts_on=date(2026, 1, 1)),
                             due_on=date(2026, 4, 25))
    time_machine.move_to("2026-04-01 07:00 +02:00", tick=False)
    services.report_milestone(by=representative, milestone=milestone, note="Klart i förväg.")
    time_machine.move_to("2026-04-20 07:00 +02:00", tick=False)
    assert run().startswith("0 ")
    other.refresh_from_db()
    assert other.reminded_at is None
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_the_task_runs_the_same(setting, time_machine):
    from samverka.partnerships.tasks import send_milestone_reminders

    time_machine.move_to("2026-04-20 07:00 +02:00", tick=False)
    assert send_milestone_reminders.enqueue().return_value == 1
    assert send_milestone_reminders.enqueue(today=(date(2026, 4, 20) + timedelta(days=1)).isoformat()).return_value == 0
