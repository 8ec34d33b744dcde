"""The demo's action plans: the inventory of both offices, a published plan 2026–2028 for each
with goals, indicators typed by hand (a year of monthly values) and computed, and actions with
owners linked to the demo's work; their pages open; loading again adds nothing."""

from django.core.management import call_command
from django.urls import reverse

from samverka.plans.models import (
    Action,
    ActionPlan,
    Follow,
    ForwardItem,
    Indicator,
    IndicatorValue,
    Inventory,
    ParticipationRequest,
)


def test_the_demo_plans(db, client, time_machine):
    time_machine.move_to("2026-11-20 09:00 +01:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    plans = {p.office.slug: p for p in ActionPlan.objects.select_related("office")}
    assert set(plans) == {"kultur-och-fritidskontoret", "socialkontoret"}
    for plan in plans.values():
        assert plan.status == ActionPlan.Status.PUBLISHED and (plan.first_year, plan.last_year) == (2026, 2028)
        assert 2 <= plan.goals.count() <= 3
        assert Indicator.objects.filter(goal__plan=plan, source="manual").exists()
        assert Indicator.objects.filter(goal__plan=plan).exclude(source="manual").exists()
        assert not Action.objects.filter(plan=plan, owner__isnull=True).exists()
    typed = Indicator.objects.filter(source="manual").first()
    assert IndicatorValue.objects.filter(indicator=typed).count() == 12
    assert IndicatorValue.objects.filter(computed=True).exists()
    assert Inventory.objects.filter(office__slug="kultur-och-fritidskontoret").count() >= 3
    assert Inventory.objects.filter(office__slug="socialkontoret").count() >= 3
    linked = Action.objects.filter(processes__isnull=False) | Action.objects.filter(partnerships__isnull=False)
    assert linked.exists()

    for url in (reverse("plans:index"), reverse("plans:inventory"),
                *(p.get_absolute_url() for p in plans.values())):
        assert client.get(url).status_code == 200, url

    # The forward look: both committees' coming decisions, one moved and one withdrawn each, a
    # request to take part answered, and followers.
    coming = ForwardItem.objects.select_related("committee")
    for slug in ("socialnamnden", "kultur-och-fritidsnamnden"):
        mine = coming.filter(committee__slug=slug)
        assert mine.count() >= 4 and all(i.is_published and 2027 <= i.year <= 2028 for i in mine)
        assert mine.filter(status="moved").count() == 1 and mine.filter(status="withdrawn").count() == 1
    assert coming.filter(title__icontains="unga").exists()
    assert coming.filter(process__isnull=False).exists() and coming.filter(group__isnull=False).exists()
    answered = ParticipationRequest.objects.filter(feedback_item__status="given").select_related("item").get()
    assert Follow.objects.count() >= 3
    page = client.get(answered.item.get_absolute_url()).content.decode()
    assert "Parkinson Ekerö" in page and "arbetsgruppen för anhörigplanen" in page
    assert client.get(reverse("plans:forward_look")).status_code == 200
    requests, follows = ParticipationRequest.objects.count(), Follow.objects.count()

    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert ActionPlan.objects.count() == 2 and Inventory.objects.count() == 8
    assert (ParticipationRequest.objects.count(), Follow.objects.count()) == (requests, follows)
    assert ForwardItem.objects.count() == 10
