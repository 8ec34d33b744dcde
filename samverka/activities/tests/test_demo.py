"""The demo calendar, loaded just before Christmas, meets on no public holiday and on none
of the eves that are days off: a series shows those dates as not taking place."""

from datetime import date

import pytest
from django.core.management import call_command

from samverka.activities import demo
from samverka.activities.models import Activity, Occurrence

pytestmark = pytest.mark.django_db

DAYS_OFF = [date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26), date(2026, 12, 31), date(2027, 1, 1),
            date(2027, 1, 6)]


def test_no_demo_activity_meets_on_a_holiday(time_machine):
    time_machine.move_to("2026-12-01 09:00 +01:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))

    held = Occurrence.objects.filter(day__in=DAYS_OFF, cancelled=False).select_related("activity")
    assert not held.exists(), [f"{o.activity.title} {o.day}" for o in held]
    skipped = Occurrence.objects.filter(day=date(2026, 12, 24), cancelled=True)
    assert skipped.filter(activity__title="Språkcafé i Stenhamra").exists(), "a Thursday series skips Christmas Eve"
    cafe = Activity.objects.get(title="Språkcafé i Stenhamra")
    assert "2026-12-24" in cafe.exdates and "2026-12-31" in cafe.exdates
    assert Occurrence.objects.filter(activity=cafe, cancelled=False).exists()


def test_the_days_off_include_the_eves_and_not_ordinary_sundays():
    assert demo._day_off(date(2026, 12, 24)) and demo._day_off(date(2026, 6, 19))  # midsommarafton
    assert demo._day_off(date(2027, 1, 1)) and not demo._day_off(date(2026, 12, 27))  # a Sunday
