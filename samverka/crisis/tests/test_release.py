"""Volunteers who signed up and were not needed: told once, honestly, thanked, and asked
whether to keep their details for next time or have them erased (erased with no answer)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.crisis import privacy, services
from samverka.crisis.models import CrisisVolunteer
from samverka.volunteers.models import Volunteer

from .factories import CrisisVolunteerFactory, HelpRequestFactory, TaskFactory, VolunteerFactory


@pytest.fixture
def signups(crisis):
    """Karin helped; Nils (SMS) and Ida (e-mail) were never given a task; Olle never confirmed."""
    karin = CrisisVolunteerFactory(crisis=crisis, volunteer=VolunteerFactory(name="Karin Ek"))
    TaskFactory(help_request=HelpRequestFactory(crisis=crisis), volunteer=karin.volunteer, status="done")
    nils = CrisisVolunteerFactory(crisis=crisis, volunteer=VolunteerFactory(name="Nils Berg"), language="sv")
    declined = TaskFactory(help_request=HelpRequestFactory(crisis=crisis), volunteer=nils.volunteer, status="declined")
    ida = CrisisVolunteerFactory(crisis=crisis, volunteer=VolunteerFactory(name="Ida Lund", phone="",
                                                                           email="ida@example.org"), language="en")
    olle = CrisisVolunteerFactory(crisis=crisis, volunteer=VolunteerFactory(name="Olle Dahl"), confirmed_at=None)
    return {"karin": karin, "nils": nils, "ida": ida, "olle": olle, "declined": declined}


def released_messages():
    return OutboxMessage.objects.filter(idempotency_key__startswith="crisis-release-")


def test_closing_the_crisis_tells_those_not_needed_once(client, administrator, crisis, signups,
                                                        django_capture_on_commit_callbacks):
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("crisis:close", args=[crisis.pk]))

    sent = {m.to: m for m in released_messages()}
    assert set(sent) == {signups["nils"].volunteer.phone, "ida@example.org"}
    sms = sent[signups["nils"].volunteer.phone]
    link = reverse("crisis:release", args=[services.release_token(signups["nils"])])
    assert link in sms.body_text and crisis.name in sms.body_text
    email = sent["ida@example.org"]
    assert "did not need you this time" in email.body_text and crisis.name in email.body_text  # in her language
    signups["nils"].refresh_from_db()
    assert signups["nils"].released_at is not None
    # The coordinator's button, or the task run again: nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("crisis:release_volunteers", args=[crisis.pk]))
    services.release_unneeded(crisis_id=crisis.pk)
    assert released_messages().count() == 2


def test_the_button_during_the_crisis_and_a_batch_that_fails(crisis, triager, client, signups, monkeypatch,
                                                             django_capture_on_commit_callbacks):
    more = [CrisisVolunteerFactory(crisis=crisis) for _ in range(3)]
    real = services.queue_messages
    calls = {"n": 0}

    def fails_on_the_second_batch(messages):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("the database went away")
        real(messages)

    monkeypatch.setattr(services, "queue_messages", fails_on_the_second_batch)
    with pytest.raises(ConnectionError):
        services.release_unneeded(crisis_id=crisis.pk, size=2)
    assert released_messages().count() == 2
    assert CrisisVolunteer.objects.filter(released_at__isnull=False).count() == 2  # the failed batch rolled back

    monkeypatch.setattr(services, "queue_messages", real)
    client.force_login(triager)
    page = client.get(reverse("crisis:providers", args=[crisis.pk])).content.decode()
    assert "Tell the volunteers not needed" in page or "inte behövdes" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("crisis:release_volunteers", args=[crisis.pk]))
    to = list(released_messages().values_list("to", flat=True))
    assert len(to) == len(set(to)) == 2 + len(more)
    assert AuditEvent.objects.filter(action="crisis.release").count() == 1


def test_keep_then_erase(client, crisis, signups):
    nils = signups["nils"]
    services.release_unneeded(crisis_id=crisis.pk)
    url = reverse("crisis:release", args=[services.release_token(nils)])
    page = client.get(url).content.decode()
    assert 'name="answer" value="keep"' in page and 'name="answer" value="erase"' in page

    client.post(url, {"answer": "keep"})
    nils.refresh_from_db()
    assert nils.choice == "keep" and nils.volunteer.crisis_help  # may be asked in the next crisis
    # With an answer, the default erasure does not touch them.
    privacy.expire(now=timezone.now() + timedelta(days=services.RELEASE_ANSWER_DAYS + 1))
    assert CrisisVolunteer.objects.filter(pk=nils.pk).exists()

    client.post(url, {"answer": "erase"})
    assert not CrisisVolunteer.objects.filter(pk=nils.pk).exists()
    assert not Volunteer.objects.filter(pk=nils.volunteer_id).exists()
    assert client.get(url).status_code == 200  # the link says the details are erased
    client.post(url, {"answer": "erase"})  # pressed again: nothing more to do
    assert AuditEvent.objects.filter(action="crisis.release_erase").count() == 1


def test_no_answer_means_erased_after_the_days(crisis, signups):
    services.release_unneeded(crisis_id=crisis.pk)
    ida, karin, olle = signups["ida"], signups["karin"], signups["olle"]
    assert privacy.expire(now=timezone.now() + timedelta(days=services.RELEASE_ANSWER_DAYS - 1)) == 0
    privacy.expire(now=timezone.now() + timedelta(days=services.RELEASE_ANSWER_DAYS + 1))
    assert not Volunteer.objects.filter(pk=ida.volunteer_id).exists()
    # Those who helped, and those never told, stay.
    assert CrisisVolunteer.objects.filter(pk__in=[karin.pk, olle.pk]).count() == 2


def test_a_volunteer_with_an_account_keeps_their_profile(client, crisis, resident):
    volunteer = VolunteerFactory(name="Lina Sandberg", user=resident)
    link = CrisisVolunteerFactory(crisis=crisis, volunteer=volunteer)
    services.release_unneeded(crisis_id=crisis.pk)
    client.post(reverse("crisis:release", args=[services.release_token(link)]), {"answer": "erase"})
    assert not CrisisVolunteer.objects.filter(pk=link.pk).exists()
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()


def test_a_guessed_link_is_404_and_nobody_is_erased(client, crisis, signups):
    services.release_unneeded(crisis_id=crisis.pk)
    assert client.get(reverse("crisis:release", args=["gissat"])).status_code == 404
    assert client.post(reverse("crisis:release", args=["gissat"]), {"answer": "erase"}).status_code == 404
    assert CrisisVolunteer.objects.count() == 4


def test_only_the_triage_tells_the_volunteers(client, crisis, signups, official, representative):
    for user in (official, representative):
        client.force_login(user)
        assert client.post(reverse("crisis:release_volunteers", args=[crisis.pk])).status_code == 404
    assert not released_messages().exists()
