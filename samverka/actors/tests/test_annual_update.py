"""Once a year the municipality asks each association to check its page: Sara asks,
a background task e-mails the representatives, Eva confirms."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samverka.actors import tasks
from samverka.actors.models import Actor
from samverka.actors.tests.factories import MembershipFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says


def request_url(actor):
    return reverse("actors:request_update", args=[actor.slug])


def test_an_official_asks_for_an_update_and_each_representative_gets_an_email(
        client, actor, representative, editor, official, django_capture_on_commit_callbacks):
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(request_url(actor))
    assert flash(response) == [says("The representatives will get an e-mail asking them to check the details.")]
    actor.refresh_from_db()
    assert actor.update_requested_at is not None and actor.update_due
    assert AuditEvent.objects.for_object(actor).get().action == "actor.request_update"

    messages = OutboxMessage.objects.order_by("to")
    assert [m.to for m in messages] == ["eva@example.org", "oskar@example.org"]
    assert all("Parkinson Ekerö" in m.body_text and actor.get_absolute_url() in m.body_text for m in messages)
    assert "Eva Lindgren" in messages[0].body_text
    # The worker has sent them.
    assert {m.status for m in messages} == {OutboxMessage.Status.SENT}
    assert sorted(m.to[0] for m in mail.outbox) == ["eva@example.org", "oskar@example.org"]


def test_running_the_reminder_task_again_sends_nothing_twice(actor, representative, editor):
    requested_at = timezone.now().isoformat()
    tasks.send_update_reminders.call(actor_ids=[actor.pk], requested_at=requested_at)
    tasks.send_update_reminders.call(actor_ids=[actor.pk], requested_at=requested_at)
    assert OutboxMessage.objects.count() == 2


def test_a_new_request_next_year_sends_new_reminders(actor, representative):
    tasks.send_update_reminders.call(actor_ids=[actor.pk], requested_at="2026-01-01T00:00:00+00:00")
    tasks.send_update_reminders.call(actor_ids=[actor.pk], requested_at="2027-01-01T00:00:00+00:00")
    assert OutboxMessage.objects.count() == 2


def test_an_actor_without_representatives_gets_no_email(client, other_actor, official,
                                                       django_capture_on_commit_callbacks):
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(request_url(other_actor))
    assert not OutboxMessage.objects.exists()


def test_the_representative_confirms_the_details(client, actor, representative, official):
    client.force_login(official)
    client.post(request_url(actor))
    client.force_login(representative)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert says("Are the details still right? Check the page and confirm once a year.") in page
    assert says("Check the details") in client.get(reverse("accounts:dashboard")).content.decode()

    response = client.post(reverse("actors:confirm", args=[actor.slug]))
    assert flash(response) == [says("Thank you! The details are confirmed as up to date.")]
    actor.refresh_from_db()
    assert not actor.update_due
    assert actor.update_requested_at is None
    assert timezone.now() - actor.last_confirmed_at < timedelta(minutes=1)
    assert AuditEvent.objects.for_object(actor).first().action == "actor.confirm"
    page = client.get(actor.get_absolute_url()).content.decode()
    assert says("Are the details still right? Check the page and confirm once a year.") not in page


def test_a_year_after_the_last_confirmation_the_update_is_due(client, actor, representative):
    assert not actor.update_due
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        actor = Actor.objects.get(pk=actor.pk)
        assert actor.update_due
        client.force_login(representative)
        page = client.get(actor.get_absolute_url()).content.decode()
        assert reverse("actors:confirm", args=[actor.slug]) in page


def test_an_editor_may_confirm_but_a_stranger_may_not(client, actor, editor, resident):
    Actor.objects.filter(pk=actor.pk).update(update_requested_at=timezone.now())
    client.force_login(resident)
    assert client.post(reverse("actors:confirm", args=[actor.slug])).status_code == 403
    actor.refresh_from_db()
    assert actor.update_requested_at is not None
    client.force_login(editor)
    client.post(reverse("actors:confirm", args=[actor.slug]))
    actor.refresh_from_db()
    assert actor.update_requested_at is None


def test_a_new_representative_of_two_actors_gets_one_email_per_actor(actor, other_actor, representative):
    MembershipFactory(actor=other_actor, user=representative)
    tasks.send_update_reminders.call(actor_ids=[actor.pk, other_actor.pk], requested_at="2026-05-01T00:00:00+00:00")
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == ["eva@example.org", "eva@example.org"]
    subjects_and_bodies = " ".join(OutboxMessage.objects.values_list("body_text", flat=True))
    assert "Parkinson Ekerö" in subjects_and_bodies and "Öar utan gränser" in subjects_and_bodies
