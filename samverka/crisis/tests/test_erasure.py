"""Personal details of help requests are erased `retention_days` after the crisis is
closed, unless kept for a case; the command and the task do it, and it is recorded."""

from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samverka.core.models import AuditEvent
from samverka.crisis.models import HelpRequest, ReceivedSignUp
from samverka.crisis.tasks import erase_crisis_data

from .factories import HelpRequestFactory, TaskFactory


def test_erasure_after_the_retention_period(client, administrator, crisis, districts):
    crisis.retention_days = 30
    crisis.save()
    erased = HelpRequestFactory(crisis=crisis, district=districts[0], email="greta@example.org", status="done")
    TaskFactory(help_request=erased, note="Ringde på dörren.")
    kept = HelpRequestFactory(crisis=crisis, name="Bo Lind", keep_for_case=True)
    ReceivedSignUp.objects.create(crisis=crisis, data={"name": "Karin Ek", "phone": "+46701234567"})
    client.force_login(administrator)
    client.post(reverse("crisis:close", args=[crisis.pk]))
    closed = timezone.now()

    with time_machine.travel(closed + timedelta(days=29)):
        call_command("erase_crisis_data", stdout=open("/dev/null", "w"))
    erased.refresh_from_db()
    assert erased.name == "Greta Holm" and erased.erased_at is None
    assert ReceivedSignUp.objects.exists()

    with time_machine.travel(closed + timedelta(days=31)):
        call_command("erase_crisis_data", stdout=open("/dev/null", "w"))

    erased.refresh_from_db()
    assert (erased.name, erased.phone, erased.email, erased.address, erased.what, erased.when) == ("",) * 6
    assert erased.erased_at is not None and erased.district == districts[0]  # counts stay possible
    assert erased.tasks.get().note == ""
    assert not ReceivedSignUp.objects.exists()  # the sign-up forms as they came go too
    kept.refresh_from_db()
    assert kept.name == "Bo Lind" and kept.erased_at is None
    event = AuditEvent.objects.get(action="crisis.erase")
    assert event.changes == {"erased": 1, "kept_for_case": 1}
    page = client.get(erased.get_absolute_url()).content.decode()
    assert "Greta Holm" not in page


def test_an_active_crisis_is_never_erased_and_the_task_runs(crisis):
    HelpRequestFactory(crisis=crisis)
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        erase_crisis_data.enqueue()
    assert HelpRequest.objects.get().name == "Greta Holm"
