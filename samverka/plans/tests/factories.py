from datetime import date

import factory
from django.utils import timezone

from samverka.municipality.models import Area, Committee
from samverka.municipality.tests.factories import OfficeFactory
from samverka.plans.models import Action, ActionPlan, ForwardItem, Goal, Indicator, IndicatorValue, Inventory


class InventoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inventory

    office = factory.SubFactory(OfficeFactory)
    area = factory.LazyFunction(lambda: Area.objects.get(slug="kultur"))
    description = "Föreningar kan ansöka om att använda kommunens lokaler för kulturaktiviteter."


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Handlingsplan för samverkan {n}")
    slug = factory.Sequence(lambda n: f"handlingsplan-{n}")
    summary = "Hur kontoret samverkar med civilsamhället 2026–2028."
    first_year = 2026
    last_year = 2028
    status = ActionPlan.Status.PUBLISHED


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Fler unga deltar i föreningslivet {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Ideella timmar {n}")
    unit = Indicator.Unit.HOURS
    source = Indicator.Source.MANUAL
    frequency = Indicator.Frequency.MONTHLY
    baseline = 100
    baseline_on = date(2026, 1, 1)
    target = 200
    target_on = date(2028, 12, 31)


class ValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = date(2026, 3, 1)
    value = 120


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Öppna lokaler på kvällstid {n}")
    status = Action.Status.PLANNED


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"namnd-{n}")
    name = factory.Sequence(lambda n: f"Nämnd {n}")


class ForwardItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForwardItem

    office = factory.SubFactory(OfficeFactory)
    committee = factory.SubFactory(CommitteeFactory, slug="kultur-och-fritidsnamnden", name="Kultur- och fritidsnämnden")
    title = factory.Sequence(lambda n: f"Ny lokalbidragsmodell {n}")
    why = "Dagens modell gynnar de största föreningarna; mindre föreningar och öarna får för lite."
    to_decide = "Hur lokalbidraget till föreningar ska fördelas från 2028."
    year = 2027
    quarter = 2
    level = "dialogue"
    stage = "drafting"
    take_part = "Dialogmöten med föreningarna under hösten och en skriftlig konsultation."
    published_at = factory.LazyFunction(timezone.now)
