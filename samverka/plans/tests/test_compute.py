"""The daily computation writes each computed indicator's value for the day once, however
often it runs; a source without data writes nothing; an archived plan is left alone."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from samverka.plans import tasks
from samverka.plans.models import ActionPlan, Indicator, IndicatorValue
from samverka.volunteers.tests.factories import VolunteerFactory

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(goal):
    return IndicatorFactory(goal=goal, source=Indicator.Source.VOLUNTEERS, unit=Indicator.Unit.PEOPLE)


def test_the_command_writes_a_day_once_however_often_it_runs(computed, capsys):
    with time_machine.travel("2026-11-30 23:30 +01:00", tick=False):
        call_command("compute_indicators")  # no volunteer yet: nothing, not a 0
        assert not IndicatorValue.objects.exists()
        VolunteerFactory()
        VolunteerFactory()
        call_command("compute_indicators")
        call_command("compute_indicators")
    with time_machine.travel("2026-12-01 02:00 +01:00", tick=False):
        VolunteerFactory()
        call_command("compute_indicators")
        call_command("compute_indicators")
    assert "0 indicator values written." in capsys.readouterr().out
    rows = list(IndicatorValue.objects.order_by("measured_on").values_list("measured_on", "value", "computed"))
    assert rows == [(date(2026, 11, 30), 2, True), (date(2026, 12, 1), 3, True)]


def test_the_command_takes_another_day(computed):
    VolunteerFactory()
    call_command("compute_indicators", "--today", "2026-12-24")
    assert IndicatorValue.objects.get().measured_on > date(2026, 12, 1)


def test_the_task_writes_through_the_same_service(computed):
    with time_machine.travel("2026-12-07 03:00 +01:00", tick=False):
        VolunteerFactory()  # on the day: a volunteer registered later is not counted for it
        tasks.compute_indicators.enqueue()
        tasks.compute_indicators.enqueue(today="2026-12-07")
    assert IndicatorValue.objects.filter(indicator=computed, measured_on=date(2026, 12, 7)).count() == 1


def test_an_archived_plan_and_a_hand_entered_indicator_are_left_alone(computed, indicator):
    VolunteerFactory()
    ActionPlan.objects.filter(pk=computed.goal.plan_id).update(status=ActionPlan.Status.ARCHIVED)
    call_command("compute_indicators")
    assert not IndicatorValue.objects.exists()
