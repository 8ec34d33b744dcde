"""The daily follow-ups: "how is it going?" to both sides of each match whose follow-up is
due, once; reminders to the coordinators of answers missing for a week; runs left going by a
crash marked failed."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from samverka.communication.models import OutboxMessage
from samverka.matching import tasks
from samverka.matching.models import CheckIn, Match, Run

from .factories import MatchFactory


def test_a_due_follow_up_goes_to_both_once_and_the_next_is_planned(programme, coordinator):
    today = timezone.localdate()
    match = MatchFactory(programme=programme, next_check_in_on=today, request__phone="", offer__email="",
                         offer__phone="+46701234567")
    not_yet = MatchFactory(programme=programme, next_check_in_on=today + timedelta(days=3))
    done = tasks.send_follow_ups.call()
    assert done["follow_ups"] == 1
    check_in = CheckIn.objects.get()
    assert check_in.match == match and check_in.sent_at
    email = OutboxMessage.objects.get(channel="email")
    assert f"/matchning/uppfoljning/{match.request_token}/" in email.body_text
    sms = OutboxMessage.objects.get(channel="sms")
    assert f"/matchning/uppfoljning/{match.offer_token}/" in sms.body_text
    match.refresh_from_db()
    assert match.next_check_in_on == today + timedelta(days=programme.check_in_days)
    call_command("send_matching_follow_ups", stdout=open("/dev/null", "w"))  # again: nothing new
    assert CheckIn.objects.count() == 1 and OutboxMessage.objects.count() == 2
    assert not not_yet.check_ins.exists()


def test_coordinators_are_reminded_once_of_follow_ups_left_unanswered(programme, coordinator):
    match = MatchFactory(programme=programme, status=Match.Status.ACTIVE)
    CheckIn.objects.create(match=match, due_on=timezone.localdate() - timedelta(days=10),
                           sent_at=timezone.now() - timedelta(days=10))
    tasks.send_follow_ups.call()
    tasks.send_follow_ups.call()
    reminder = OutboxMessage.objects.get(to=coordinator.email)
    assert "/matchning/vantjansten/samordna/" in reminder.body_text


def test_a_run_left_going_by_a_crash_is_marked_failed(programme):
    run = Run.objects.create(programme=programme, started_at=timezone.now() - timedelta(hours=2))
    tasks.send_follow_ups.call()
    run.refresh_from_db()
    assert run.status == Run.Status.FAILED


def test_a_volunteer_who_pauses_in_the_pool_ends_the_match_and_the_request_waits_again(programme, coordinator):
    from samverka.crisis.tests.factories import VolunteerFactory
    from samverka.matching import services
    from samverka.matching.models import Participant
    from samverka.volunteers.models import Volunteer

    volunteer = VolunteerFactory(name="Karin Ek")
    match = MatchFactory(programme=programme, offer__volunteer=volunteer, status=Match.Status.ACTIVE)
    tasks.send_follow_ups.call()
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE  # still active: nothing happens
    Volunteer.objects.filter(pk=volunteer.pk).update(status=Volunteer.Status.PAUSED)
    assert tasks.send_follow_ups.call()["ended"] == 1
    match.refresh_from_db()
    match.request.refresh_from_db()
    assert (match.status, match.end_reason) == (Match.Status.ENDED, Match.EndReason.NO_TIME)
    assert match.request.status == Participant.Status.WAITING
    # Nor is she proposed again while paused.
    run = services.run_programme(programme=programme, by=coordinator)
    assert run.matched == 0
