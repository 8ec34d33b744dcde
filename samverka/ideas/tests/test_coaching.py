"""Karin, a coach of the idea lab, takes Ali's language café from the queue and moves it along
the process map to its end, with a note and a date at each step; she moves it back a step when
plans change, records the support given, turns it into a need and links what it led to. Ali is
told of each step. When a coach leaves, their ideas go back to the queue, never lost."""

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from samverka.accounts.tests.factories import UserFactory
from samverka.activities.tests.factories import ActivityFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.grants.tests.factories import SubmittedApplicationFactory
from samverka.ideas import services
from samverka.ideas.models import Coach, Idea, Step, StepNote, Support
from samverka.needs.models import Need

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db


def url(name, idea):
    return reverse(f"ideas:{name}", args=[idea.pk])


def forward(client, idea, note="Vi har träffats och pratat igenom idén.", on=None, **extra):
    """As the page's form: with a one-time token of its own (a post without one counts as a
    double submit when the same content comes again)."""
    extra.setdefault("submission_token", uuid.uuid4().hex)
    return client.post(url("forward", idea), {"note": note, "on": (on or timezone.localdate()).isoformat(), **extra})


def confirmed(idea):
    idea.email_confirmed_at = timezone.now()
    idea.save()
    return idea


def test_karin_takes_an_idea_from_the_queue_and_ali_is_told(client, coach, idea):
    confirmed(idea)
    client.force_login(coach)
    board = client.get(reverse("ideas:board")).content.decode()
    assert "Språkcafé på biblioteket" in board and url("take", idea) in board
    response = client.post(url("take", idea))
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.coach == coach and idea.taken_at is not None
    assert AuditEvent.objects.filter(action="idea.take").count() == 1
    message = OutboxMessage.objects.get(to="ali@example.org")
    assert "Karin Ahlgren" in message.body_text
    assert url("take", idea) not in client.get(reverse("ideas:board")).content.decode()  # out of the queue


def test_another_coach_cannot_take_an_idea_that_has_a_coach(client, coached, other_coach):
    client.force_login(other_coach)
    response = client.post(url("take", coached))
    assert response.status_code == 302
    assert says("Another coach has this idea already.") in flash(response)
    coached.refresh_from_db()
    assert coached.coach.first_name == "Karin"
    assert not AuditEvent.objects.filter(action="idea.take").exists()


def test_the_idea_moves_through_every_step_to_its_outcome_and_the_author_is_told_each_time(client, coach, resident):
    idea = IdeaFactory(author=resident, email="", name="Lina Sandberg", coach=coach, taken_at=timezone.now())
    client.force_login(coach)
    path = [Step.INFORMATION, Step.COORDINATING, Step.PROJECT, Step.NEW_NEEDS, Step.DEVELOPMENT]
    for step in path:
        response = forward(client, idea)
        assert response.status_code == 302, response.content.decode()[:2000]
        idea.refresh_from_db()
        assert idea.step == step
    # From development the coach chooses the outcome.
    response = forward(client, idea, note="Biblioteket tar över språkcaféet.")
    assert response.status_code == 400
    assert says("Choose how the idea ends: closed, continues or anchored.") in response.content.decode()
    assert forward(client, idea, note="Biblioteket tar över språkcaféet.", outcome=Step.ANCHORING).status_code == 302
    idea.refresh_from_db()
    assert idea.step == Step.ANCHORING and idea.is_finished
    assert [n.step for n in idea.notes.all()] == [*path, Step.ANCHORING]
    assert AuditEvent.objects.filter(action="idea.step", target_id=str(idea.pk)).count() == 6
    assert OutboxMessage.objects.filter(to="lina@example.org").count() == 6
    page = client.get(idea.get_private_url()).content.decode()
    assert "Biblioteket tar över språkcaféet." in page
    # At the end there is no step after it.
    assert forward(client, idea).status_code == 400
    assert StepNote.objects.count() == 6


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"note": ""}, "note", "Write a note about what happened."),
    ({"on": ""}, "on", "Write the date it happened."),
    ({"on": "i morgon"}, "on", "Write the date like 2026-11-23."),
])
def test_a_step_needs_a_note_and_a_date(client, coached, coach, data, field, message):
    client.force_login(coach)
    post = {"note": "Vi ses på biblioteket.", "on": timezone.localdate().isoformat(), **data}
    response = client.post(url("forward", coached), post)
    page = response.content.decode()
    assert response.status_code == 400
    assert f'id="move_{field}_error"' in page and says(message) in page
    coached.refresh_from_db()
    assert coached.step == Step.NEED and not StepNote.objects.exists()


def test_a_step_cannot_be_dated_in_the_future(client, coached, coach):
    client.force_login(coach)
    response = forward(client, coached, on=timezone.localdate() + timedelta(days=3))
    assert response.status_code == 400
    assert says("The date cannot be later than today.") in response.content.decode()
    assert not StepNote.objects.exists()


def test_a_double_submitted_step_moves_the_idea_once(client, coached, coach):
    client.force_login(coach)
    forward(client, coached, submission_token="s" * 32)
    forward(client, coached, submission_token="s" * 32)
    coached.refresh_from_db()
    assert coached.step == Step.INFORMATION and StepNote.objects.count() == 1


def test_karin_moves_the_idea_back_a_step_with_a_reason(client, coached, coach):
    confirmed(coached)
    client.force_login(coach)
    forward(client, coached)
    response = client.post(url("back", coached), {"reason": ""})
    assert response.status_code == 400
    assert says("Write why the idea goes back a step.") in response.content.decode()
    response = client.post(url("back", coached), {"reason": "Biblioteket kan inte ta emot fler grupper i höst."})
    assert response.status_code == 302
    coached.refresh_from_db()
    assert coached.step == Step.NEED
    back = StepNote.objects.get(direction=StepNote.Direction.BACK)
    assert (back.from_step, back.step) == (Step.INFORMATION, Step.NEED)
    event = AuditEvent.objects.get(action="idea.step_back")
    assert event.changes["step"] == ["information", "need"]
    assert "Biblioteket kan inte ta emot" in OutboxMessage.objects.filter(to="ali@example.org").last().body_text
    # At the first step there is no way back.
    response = client.post(url("back", coached), {"reason": "En gång till."})
    assert response.status_code == 400
    assert says("The idea is at the first step. There is no step before it.") in response.content.decode()


def test_karin_records_the_support_given(client, coached, coach):
    client.force_login(coach)
    today = timezone.localdate().isoformat()
    response = client.post(url("support", coached), {"kind": "coaching", "hours": "", "on": today})
    assert response.status_code == 400
    assert says("Write how many hours of coaching.") in response.content.decode()
    assert client.post(url("support", coached), {"kind": "coaching", "hours": "1.5", "on": today}).status_code == 302
    assert client.post(url("support", coached), {"kind": "premises", "text": "Lilla salen på biblioteket, tisdagar",
                                                 "on": today}).status_code == 302
    assert [(s.kind, s.hours, s.text) for s in Support.objects.order_by("pk")] == [
        ("coaching", 1.5, ""), ("premises", None, "Lilla salen på biblioteket, tisdagar")]
    assert AuditEvent.objects.filter(action="idea.support").count() == 2
    page = client.get(coached.get_absolute_url()).content.decode()
    assert "Lilla salen på biblioteket, tisdagar" in page


def test_the_idea_becomes_a_need_and_stays_linked_both_ways(client, coached, coach):
    office = coach.office_memberships.get().office
    client.force_login(coach)
    data = {"publisher": f"office:{office.pk}", "title": "Fler ledare till språkcaféet",
            "summary": "Vi söker två ledare till språkcaféet på tisdagar.", "description": "Språkcaféet växer.",
            "kind": Need.Kind.VOLUNTEERS, "contact": coach.pk, "submission_token": "n" * 32}
    assert "Språkcafé på biblioteket" in client.get(url("need", coached)).content.decode()
    response = client.post(url("need", coached), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    coached.refresh_from_db()
    need = Need.objects.get()
    assert coached.need == need and need.office == office
    assert list(need.ideas.all()) == [coached]  # the need knows its idea
    assert need.get_absolute_url() in client.get(coached.get_absolute_url()).content.decode()
    client.post(url("need", coached), data)
    assert Need.objects.count() == 1


def test_karin_links_an_activity_by_its_address(client, coached, coach):
    activity = ActivityFactory(title="Språkcafé tisdagar")
    client.force_login(coach)
    response = client.post(url("link", coached), {"activity": "https://samverka.example" + activity.get_absolute_url(),
                                                  "application": ""})
    assert response.status_code == 302
    coached.refresh_from_db()
    assert coached.activity == activity and list(activity.ideas.all()) == [coached]
    assert "Språkcafé tisdagar" in client.get(coached.get_absolute_url()).content.decode()
    response = client.post(url("link", coached), {"activity": "/aktiviteter/finns-inte/", "application": ""})
    assert response.status_code == 400
    assert says("We found no activity at that address. Copy it from the activity's page.") in response.content.decode()
    coached.refresh_from_db()
    assert coached.activity == activity


def test_an_application_the_coach_may_not_see_cannot_be_linked(client, coached, coach, administrator):
    application = SubmittedApplicationFactory()
    client.force_login(coach)
    response = client.post(url("link", coached), {"activity": "", "application": application.case_number})
    assert response.status_code == 400
    coached.refresh_from_db()
    assert coached.application is None
    client.force_login(administrator)  # who sees every application
    assert client.post(url("link", coached), {"activity": "", "application": application.case_number}).status_code == 302
    coached.refresh_from_db()
    assert coached.application == application and list(application.ideas.all()) == [coached]


def test_a_coach_who_leaves_gives_their_ideas_back_to_the_queue(client, coach, administrator):
    under_way = [IdeaFactory(coach=coach, taken_at=timezone.now(), step=step) for step in (Step.NEED, Step.PROJECT)]
    done = IdeaFactory(coach=coach, step=Step.CLOSURE)
    IdeaFactory(coach=coach, step=Step.PROJECT, author=UserFactory(email="elin@example.org"), email="")
    moved = services.end_coach(by=administrator, coach=Coach.objects.get(user=coach))
    assert moved == 3
    assert Idea.objects.filter(coach=coach).get() == done  # an ended idea keeps who coached it
    assert all(Idea.objects.get(pk=i.pk).coach is None for i in under_way)
    assert StepNote.objects.count() == 0 and Idea.objects.count() == 4  # nothing lost
    assert AuditEvent.objects.filter(action="idea.release").count() == 3
    assert AuditEvent.objects.filter(action="coach.end").count() == 1
    assert OutboxMessage.objects.filter(to="elin@example.org").count() == 1
    # Karin no longer sees the board; the queue shows the ideas to the other coaches.
    client.force_login(coach)
    assert client.get(reverse("ideas:board")).status_code == 403
    omar = UserFactory()
    services.appoint_coach(by=administrator, user=omar)
    other = Client()
    other.force_login(omar)
    board = other.get(reverse("ideas:board")).content.decode()
    for item in under_way:
        assert url("take", item) in board


def test_only_the_administrator_ends_a_coach(coach, other_coach):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.end_coach(by=other_coach, coach=Coach.objects.get(user=coach))
    assert Coach.objects.get(user=coach).active


def test_the_board_shows_every_step_and_how_long_an_idea_has_waited(client, coach):
    IdeaFactory(title="Ungdomskväll i idrottshallen", step=Step.PROJECT, coach=coach,
                step_since=timezone.now() - timedelta(days=12))
    client.force_login(coach)
    page = client.get(reverse("ideas:board")).content.decode()
    assert "Ungdomskväll i idrottshallen" in page
    with translation.override("sv"):
        waited = ngettext("%(counter)s day", "%(counter)s days", 12) % {"counter": 12}
    assert waited in page
    only = client.get(reverse("ideas:board") + "?steg=project").content.decode()
    assert "Ungdomskväll i idrottshallen" in only
    assert client.get(reverse("ideas:board") + "?mina=1").status_code == 200


def test_the_ideas_of_a_coach_whose_account_was_closed_are_in_the_queue(client, coached, coach, other_coach):
    coach.is_active = False
    coach.save()
    client.force_login(other_coach)
    assert url("take", coached) in client.get(reverse("ideas:board")).content.decode()
    assert client.post(url("take", coached)).status_code == 302
    coached.refresh_from_db()
    assert coached.coach == other_coach


def test_the_idea_grew_into_a_partnership_and_both_pages_say_so(client, coached, coach):
    from samverka.partnerships.tests.factories import PartnershipFactory

    partnership = PartnershipFactory(title="Språkcafé i samverkan")
    hidden = PartnershipFactory(title="Internt utkast", is_public=False)
    client.force_login(coach)
    response = client.post(url("link", coached), {"activity": "", "application": "", "partnership": hidden.slug})
    assert response.status_code == 400  # a coach of the lab does not see another office's private partnership
    assert says("We found no partnership at that address. Copy it from the partnership's page.") in \
        response.content.decode()
    response = client.post(url("link", coached), {"activity": "", "application": "",
                                                  "partnership": "https://samverka.example" + partnership.get_absolute_url()})
    assert response.status_code == 302
    coached.refresh_from_db()
    assert coached.partnership == partnership
    assert partnership.get_absolute_url() in client.get(coached.get_absolute_url()).content.decode()
    coached.is_public = True
    coached.save(update_fields=["is_public"])
    client.logout()
    assert coached.get_absolute_url() in client.get(partnership.get_absolute_url()).content.decode()


def test_the_wait_counts_from_when_the_idea_was_sent_or_the_day_its_step_happened(client, coach, time_machine):
    time_machine.move_to("2026-12-04 10:00 +01:00")
    services.submit_idea(by=None, data={"title": "Läxhjälp i Träkvista", "what": "Läxhjälp på tisdagar.",
                                        "for_whom": "Mellanstadiebarn."}, name="Ali Hassan", email="ali@example.org")
    idea = Idea.objects.get(title="Läxhjälp i Träkvista")
    time_machine.move_to("2026-12-07 09:00 +01:00")
    client.force_login(coach)
    with translation.override("en"):
        assert "3 days" in client.get(reverse("ideas:board")).content.decode()
        client.post(url("take", idea))
        forward(client, idea, on=timezone.localdate() - timedelta(days=2))
        assert "2 days" in client.get(reverse("ideas:board")).content.decode()
