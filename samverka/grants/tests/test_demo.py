"""The demo's grants: last year's operating support adds up to its 135 000 kronor with the
helpline's 84 000 counted once, BRIS among the recipients, the award only for
associations active here; loading again adds nothing."""

from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from samverka.grants.models import Application, Decision, GrantProgramme, PaymentDetails, Payout, Reclaim


def test_the_demo_grants_add_up_and_load_once(db, client, time_machine):
    time_machine.move_to("2026-05-04 09:00 +02:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    past = GrantProgramme.objects.get(slug="verksamhetsstod-2025")
    decisions = Decision.objects.filter(application__programme=past)
    assert decisions.aggregate(total=Sum("amount"))["total"] == 135_000
    assert decisions.get(application__actor__name="Brottsofferjouren Ekerö").amount == 84_000
    assert decisions.filter(application__actor__name__startswith="BRIS").exists()
    assert Payout.objects.filter(application__programme=past).aggregate(total=Sum("amount"))["total"] == 135_000
    assert "network" not in GrantProgramme.objects.get(slug="utmarkelse-2026").eligible_kinds
    assert Application.objects.filter(programme__slug="aktivitetsbidrag-2026", status="in_review").count() == 2
    numbers = list(Application.objects.exclude(case_number=None).values_list("case_number", flat=True))
    assert len(numbers) == len(set(numbers)) and "SN 2025/0001" in numbers
    page = client.get(reverse("grants:decisions"), {"committee": "socialnamnden", "year": "2025"}).content.decode()
    assert "Brottsofferjouren Ekerö" in page and "räknas inte en gång till" in page
    assert Application.objects.get(programme__slug="utmarkelse-2026").nominated_by_committee
    assert Reclaim.objects.filter(application__programme=past).count() == 1  # one report never came
    assert "Bankgiro 5402-9681" == str(PaymentDetails.objects.get(actor__name="Parkinson Ekerö"))
    count = Application.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Application.objects.count() == count
