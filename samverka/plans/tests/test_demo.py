"""The demo's action plans: the inventory of both offices, a published plan 2026–2028 for each
with goals, indicators typed by hand (a year of monthly values) and computed, and actions with
owners linked to the demo's work; their pages open; loading again adds nothing."""

from django.core.management import call_command
from django.urls import reverse

from samverka.plans.models import Action, ActionPlan, Indicator, IndicatorValue, Inventory


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

    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert ActionPlan.objects.count() == 2 and Inventory.objects.count() == 8
