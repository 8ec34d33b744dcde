"""A meeting from agenda to approved minutes: the open meeting in the calendar, agenda items
before the deadline, attendance, the minutes with a second editor, approval, lock, corrections
and publishing by the group's rule."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.activities.models import Activity
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.networks.models import FollowUpPoint, Group, Membership, Minutes

from .factories import CouncilFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _meeting_form(**extra):
    day = timezone.localdate() + timedelta(days=20)
    return {"title": "Nätverksträff i maj", "series": "Nätverksträffar 2026", "date": day.isoformat(),
            "start_time": "18:00", "end_time": "20:00", "place": "Ekerö bibliotek", **extra}


def test_an_open_meeting_is_an_activity_in_the_calendar_with_registration(client, network, chair):
    client.force_login(chair)
    response = client.post(reverse("networks:plan", args=[network.slug]),
                           _meeting_form(is_open="on", capacity="40"))
    assert response.status_code == 302
    meeting = network.meetings.get()
    assert meeting.is_open and meeting.activity is not None
    activity = meeting.activity
    assert activity.office == network.office and activity.status == Activity.Status.PUBLISHED
    assert activity.registration_mode == Activity.Mode.REQUIRED and activity.capacity == 40
    assert meeting.occurrence == activity.occurrences.get()
    # Registration is the activities' own page.
    client.logout()
    page = client.get(reverse("networks:group", args=[network.slug])).content.decode()
    assert activity.get_absolute_url() in page
    assert client.get(activity.get_absolute_url()).status_code == 200


def test_a_members_meeting_makes_no_activity_and_bad_times_are_told(client, network, chair):
    client.force_login(chair)
    response = client.post(reverse("networks:plan", args=[network.slug]), _meeting_form(end_time="17:00", date="2020-01-01"))
    assert response.status_code == 200 and not network.meetings.exists()
    client.post(reverse("networks:plan", args=[network.slug]), _meeting_form())
    assert network.meetings.get().activity is None and not Activity.objects.exists()


def test_a_member_may_not_plan_meetings(client, network, member):
    client.force_login(member)
    assert client.post(reverse("networks:plan", args=[network.slug]), _meeting_form()).status_code == 403
    assert not network.meetings.exists()


def test_agenda_items_are_taken_until_the_deadline(client, network, chair, member):
    meeting = MeetingFactory(group=network, agenda_deadline=timezone.now() + timedelta(days=3))
    client.force_login(member)
    url = reverse("networks:propose", args=[meeting.pk])
    assert client.post(url, {"title": "Läxhjälp i Stenhamra"}).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = client.post(url, {"title": "För sent"})
    assert response.status_code == 400
    assert list(meeting.agenda.values_list("title", flat=True)) == ["Läxhjälp i Stenhamra"]


def test_someone_outside_the_group_may_not_propose(client, network, resident):
    meeting = MeetingFactory(group=network)
    client.force_login(resident)
    assert client.post(reverse("networks:propose", args=[meeting.pk]), {"title": "Hej"}).status_code == 403
    assert not meeting.agenda.exists()


def test_from_minutes_to_approval_lock_and_correction(client, network, chair, secretary, member):
    meeting = MeetingFactory(group=network, start=timezone.now() - timedelta(days=1))
    meeting.end = meeting.start + timedelta(hours=2)
    meeting.save()
    url = reverse("networks:minutes", args=[meeting.pk])
    client.force_login(member)
    assert client.get(url).status_code == 403

    client.force_login(secretary)
    client.post(reverse("networks:attendance", args=[meeting.pk]), {"present": [chair.pk, member.pk]})
    assert set(meeting.attendees.all()) == {chair, member}
    response = client.post(url, {"text": "§1 Mötet öppnas.", "decisions": "Språkcaféet flyttar till biblioteket\n",
                                 "revision": 0})
    assert response.status_code == 302
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.revision == 1 and [d.text for d in minutes.decisions.all()] == [
        "Språkcaféet flyttar till biblioteket"]

    client.force_login(chair)
    client.post(reverse("networks:approve", args=[meeting.pk]), {"revision": 1})
    minutes.refresh_from_db()
    assert minutes.is_approved and minutes.approved_by == chair

    # Locked: the secretary's form no longer saves.
    client.force_login(secretary)
    client.post(url, {"text": "Ändrat i efterhand", "decisions": "", "revision": 1})
    minutes.refresh_from_db()
    assert minutes.text == "§1 Mötet öppnas."
    # A correction is a new version; the approved one stays.
    assert client.post(reverse("networks:correct", args=[meeting.pk])).status_code == 302
    correction = Minutes.objects.get(meeting=meeting, number=2)
    assert correction.text == minutes.text and not correction.is_approved
    client.post(url, {"text": "§1 Mötet öppnas kl. 18.", "decisions": "", "revision": correction.revision})
    minutes.refresh_from_db()
    assert minutes.text == "§1 Mötet öppnas." and minutes.is_approved
    assert AuditEvent.objects.filter(action__startswith="minutes.").count() == 4


def test_a_second_editor_is_told_and_shown_the_difference(client, network, chair, secretary):
    meeting = MeetingFactory(group=network)
    url = reverse("networks:minutes", args=[meeting.pk])
    client.force_login(secretary)
    client.post(url, {"text": "§1 Öppnande\n§2 Språkcafé", "decisions": "", "revision": 0})
    # The chair opened the form at revision 0 too and saves after the secretary.
    client.force_login(chair)
    response = client.post(url, {"text": "§1 Öppnande\n§2 Arbetsmarknad", "decisions": "", "revision": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Tomas" in page and "-§2 Språkcafé" in page and "+§2 Arbetsmarknad" in page
    assert "§2 Arbetsmarknad</textarea>" in page  # the chair's text is kept in the form
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.text == "§1 Öppnande\n§2 Språkcafé"  # nothing lost
    # Having read it, the chair saves on top of the secretary's version.
    client.post(url, {"text": "§1 Öppnande\n§2 Båda", "decisions": "", "revision": 1})
    minutes.refresh_from_db()
    assert minutes.text == "§1 Öppnande\n§2 Båda" and minutes.revision == 2


def test_a_council_s_minutes_are_public_once_approved(client, office):
    from samverka.accounts.tests.factories import UserFactory
    from samverka.networks.models import Membership

    council = CouncilFactory(office=office, slug="radet-for-funktionshinderfragor", name="Rådet för funktionshinderfrågor")
    chair = UserFactory(first_name="Karin")
    Membership.objects.create(group=council, user=chair, role=Membership.Role.CHAIR)
    meeting = MeetingFactory(group=council, start=timezone.now() - timedelta(days=2))
    Minutes.objects.create(meeting=meeting, text="Rampen vid Ekerö centrum", revision=1)
    client.logout()
    assert "Rampen vid" not in client.get(meeting.get_absolute_url()).content.decode()
    assert "Rampen vid" not in client.get(council.get_absolute_url()).content.decode()
    client.force_login(chair)
    client.post(reverse("networks:approve", args=[meeting.pk]), {"revision": 1})
    client.logout()
    assert "Rampen vid" in client.get(meeting.get_absolute_url()).content.decode()
    assert meeting.get_absolute_url() in client.get(council.get_absolute_url()).content.decode()


def test_a_network_s_minutes_stay_with_its_members(client, network, chair, resident):
    assert network.minutes_rule == Group.MinutesRule.MEMBERS
    meeting = MeetingFactory(group=network)
    Minutes.objects.create(meeting=meeting, text="Internt", status=Minutes.Status.APPROVED)
    client.force_login(resident)
    assert client.get(meeting.get_absolute_url()).status_code == 403
    client.force_login(chair)
    assert "Internt" in client.get(meeting.get_absolute_url()).content.decode()


def test_a_closed_group_is_not_found_by_outsiders(client, network, resident, official, member):
    network.is_public = False
    network.save()
    meeting = MeetingFactory(group=network, is_open=False)
    client.force_login(resident)
    assert client.get(network.get_absolute_url()).status_code == 404
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(reverse("networks:feed", args=[network.slug])).status_code == 404
    for insider in (member, official):  # its members and its office
        client.force_login(insider)
        assert client.get(meeting.get_absolute_url()).status_code == 200


def test_the_secretary_adds_a_point_owned_by_a_member(client, network, secretary, member):
    meeting = MeetingFactory(group=network)
    client.force_login(secretary)
    due = timezone.localdate() + timedelta(days=30)
    response = client.post(reverse("networks:add_point", args=[meeting.pk]),
                           {"title": "Boka lokal", "owner": f"user-{member.pk}", "due_on": due.isoformat()})
    assert response.status_code == 302
    point = FollowUpPoint.objects.get()
    assert point.owner_user == member and point.meeting == meeting
    response = client.post(reverse("networks:add_point", args=[meeting.pk]),
                           {"title": "Utan ägare", "owner": "user-0", "due_on": due.isoformat()})
    assert response.status_code == 400 and FollowUpPoint.objects.count() == 1


def _past(group, **extra):
    return MeetingFactory(group=group, start=timezone.now() - timedelta(hours=3), **extra)


def test_minutes_are_approved_only_after_the_meeting_started(client, network, chair, secretary):
    meeting = MeetingFactory(group=network, start=timezone.now() + timedelta(hours=2))
    Minutes.objects.create(meeting=meeting, text="§1 Skrivet i förväg", revision=1, edited_by=secretary)
    client.force_login(chair)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("networks:approve", args=[meeting.pk]) not in page
    response = client.post(reverse("networks:approve", args=[meeting.pk]), {"revision": 1})
    assert says("The meeting has not started yet. Minutes are approved after the meeting.", "sv") in flash(response)
    assert not Minutes.objects.get(meeting=meeting).is_approved
    assert not AuditEvent.objects.filter(action="minutes.approve").exists()
    with time_machine.travel(meeting.start + timedelta(minutes=5)):
        client.post(reverse("networks:approve", args=[meeting.pk]), {"revision": 1})
    assert Minutes.objects.get(meeting=meeting).is_approved


def test_the_writer_does_not_approve_when_the_group_has_another_approver(client, network, chair, secretary):
    meeting = _past(network)
    checker = MembershipFactory(group=network, role=Membership.Role.ADJUSTER, user__first_name="Nils").user
    client.force_login(chair)
    client.post(reverse("networks:minutes", args=[meeting.pk]), {"text": "§1 Ordföranden skrev", "decisions": "",
                                                                  "revision": 0})
    response = client.post(reverse("networks:approve", args=[meeting.pk]), {"revision": 1})
    assert any("Nils" in message for message in flash(response))
    assert not Minutes.objects.get(meeting=meeting).is_approved
    # The minutes checker approves what the chair wrote.
    client.force_login(checker)
    client.post(reverse("networks:approve", args=[meeting.pk]), {"revision": 1})
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.is_approved and minutes.approved_by == checker


def test_a_chair_alone_approves_what_they_wrote(client, network, chair):
    meeting = _past(network)
    client.force_login(chair)
    client.post(reverse("networks:minutes", args=[meeting.pk]), {"text": "§1 Ensam ordförande", "decisions": "",
                                                                  "revision": 0})
    client.post(reverse("networks:approve", args=[meeting.pk]), {"revision": 1})
    assert Minutes.objects.get(meeting=meeting).is_approved


def test_empty_minutes_are_refused_next_to_the_field(client, network, secretary):
    meeting = _past(network)
    client.force_login(secretary)
    response = client.post(reverse("networks:minutes", args=[meeting.pk]),
                           {"text": "   ", "decisions": "Beslut utan protokoll", "revision": 0})
    assert response.status_code == 200
    page = response.content.decode()
    assert says("Write the minutes before you save them.") in page
    assert "Beslut utan protokoll</textarea>" in page  # the other input is kept
    assert not Minutes.objects.exists()


def test_attendance_is_recorded_from_the_meeting_s_start(client, network, secretary, member):
    meeting = MeetingFactory(group=network, start=timezone.now() + timedelta(hours=2))
    client.force_login(secretary)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("networks:attendance", args=[meeting.pk]) not in page
    response = client.post(reverse("networks:attendance", args=[meeting.pk]), {"present": [member.pk]})
    assert says("Attendance is recorded from the start of the meeting.") in flash(response)
    assert not meeting.attendees.exists()
    with time_machine.travel(meeting.start + timedelta(minutes=1)):
        assert reverse("networks:attendance", args=[meeting.pk]) in client.get(meeting.get_absolute_url()).content.decode()
        client.post(reverse("networks:attendance", args=[meeting.pk]), {"present": [member.pk]})
    assert list(meeting.attendees.all()) == [member]


def test_a_conflict_with_oneself_in_another_window_says_so(client, network, secretary):
    meeting = MeetingFactory(group=network)
    url = reverse("networks:minutes", args=[meeting.pk])
    client.force_login(secretary)
    client.post(url, {"text": "Fönster ett", "decisions": "", "revision": 0})
    response = client.post(url, {"text": "Fönster två", "decisions": "", "revision": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert says("You saved the minutes in another window") in page
    assert "Tomas" not in page.split('id="conflict-title"')[1].split("</section>")[0]
    assert says("Someone") not in page.split('id="conflict-title"')[1].split("</h2>")[0]


def test_approved_minutes_read_justerat_and_attendance_is_registered_in_swedish(client, network, chair, secretary):
    meeting = MeetingFactory(group=network, start=timezone.now() - timedelta(days=1))
    meeting.end = meeting.start + timedelta(hours=2)
    meeting.save()
    client.force_login(secretary)
    client.post(reverse("networks:minutes", args=[meeting.pk]), {"text": "§1 Mötet öppnas.", "decisions": "",
                                                                 "revision": 0})
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Registrera närvaro" in page and "För närvaro" not in page
    client.force_login(chair)
    client.post(reverse("networks:approve", args=[meeting.pk]), {"revision": 1})
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert '<span class="badge">Justerat</span>' in page


def test_after_the_deadline_only_the_chair_adds_items_and_it_is_noted(client, network, chair, member):
    meeting = MeetingFactory(group=network, agenda_deadline=timezone.now() - timedelta(hours=2))
    url = reverse("networks:propose", args=[meeting.pk])
    client.force_login(member)
    page = client.get(meeting.get_absolute_url()).content.decode()
    told = says("The last time to propose items for this meeting has passed. Ask the chair, or propose it for "
                "the next meeting.")
    assert told in page and url not in page
    response = client.post(url, {"title": "Sommarens språkcafé", "submission_token": "m-1"})
    assert response.status_code == 400
    assert told in response.content.decode() and "Sommarens språkcafé" in response.content.decode()
    assert not meeting.agenda.exists()
    client.force_login(chair)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert says("Add an item after the deadline") in page and url in page
    assert client.post(url, {"title": "Lokalfrågan", "submission_token": "c-1"}).status_code == 302
    assert list(meeting.agenda.values_list("title", flat=True)) == ["Lokalfrågan"]
    event = AuditEvent.objects.get(action="meeting.propose_late")
    assert event.user == chair and event.changes["title"] == "Lokalfrågan"
    assert not AuditEvent.objects.filter(action="meeting.propose").exists()
