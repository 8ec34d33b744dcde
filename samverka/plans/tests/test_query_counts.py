"""The plan pages ask the database a fixed number of times however many goals, indicators,
values, actions and links there are."""

from datetime import date, timedelta

import pytest

from samverka.plans.models import Action, ActionPlan

from .factories import ActionFactory, GoalFactory, IndicatorFactory, InventoryFactory, PlanFactory, ValueFactory

pytestmark = pytest.mark.django_db


def grow(plan, n):
    from samverka.municipality.models import Area
    from samverka.needs.tests.factories import NeedFactory
    from samverka.partnerships.tests.factories import PartnershipFactory

    for g in range(n):
        goal = GoalFactory(plan=plan, area=Area.objects.order_by("pk")[g % 3])
        for _i in range(n):
            indicator = IndicatorFactory(goal=goal)
            for m in range(n * 2):
                ValueFactory(indicator=indicator, measured_on=date(2026, 1, 1) + timedelta(days=30 * m), value=m)
        for _a in range(n):
            action = ActionFactory(plan=plan, goal=goal, status=Action.Status.ONGOING)
            action.needs.set([NeedFactory(office=plan.office)])
            action.partnerships.set([PartnershipFactory(office=plan.office)])
    ActionFactory(plan=plan)


@pytest.mark.parametrize("who", ["anonymous", "official"])
def test_the_plan_page(client, office, official, who, django_assert_max_num_queries):
    if who == "official":
        client.force_login(official)
    plan = PlanFactory(office=office)
    grow(plan, 2)
    with django_assert_max_num_queries(40) as small:
        assert client.get(plan.get_absolute_url()).status_code == 200
    grow(plan, 4)
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(plan.get_absolute_url()).status_code == 200


def test_the_list_and_the_inventory(client, office, official, django_assert_max_num_queries):
    from django.core.cache import cache

    from samverka.municipality.models import Area
    from samverka.municipality.tests.factories import OfficeFactory

    client.force_login(official)
    PlanFactory(office=office)
    with django_assert_max_num_queries(30) as small:
        client.get("/handlingsplaner/")
        client.get("/handlingsplaner/samverkansomraden/")
    for _n in range(6):
        other = OfficeFactory()
        PlanFactory(office=other).sdg_goals.set([])
        PlanFactory(office=office, status=ActionPlan.Status.DRAFT)
        for area in Area.objects.all()[:3]:
            InventoryFactory(office=other, area=area)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/handlingsplaner/")
        client.get("/handlingsplaner/samverkansomraden/")
