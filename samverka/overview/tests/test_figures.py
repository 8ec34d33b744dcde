"""The figures are computed from the other apps' records: known data, known numbers."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from samverka.activities.models import Activity
from samverka.activities.tests.factories import ActivityFactory
from samverka.actors.models import Actor
from samverka.actors.tests.factories import ActorFactory
from samverka.dialogue.models import FeedbackItem
from samverka.dialogue.tests.factories import FeedbackItemFactory
from samverka.municipality.models import Area, District
from samverka.municipality.tests.factories import OfficeFactory
from samverka.needs.tests.factories import AnswerFactory, NeedFactory
from samverka.overview import figures
from samverka.overview.models import CooperatingSoFar, Dimension, Figure, Metric, Tie
from samverka.partnerships.tests.factories import PartyFactory
from samverka.volunteers.models import Volunteer
from samverka.volunteers.tests.factories import HoursLogFactory, VolunteerFactory

TODAY = dt.date(2026, 6, 15)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def value(metric, month, dimension=Dimension.TOTAL, key=""):
    figure = Figure.objects.filter(metric=metric, month=month, dimension=dimension, key=str(key)).first()
    return None if figure is None else figure.count


@pytest.fixture
def city(db):
    """Two offices, one area, one part; three actors (one archived) and a month of their work."""
    culture, social = OfficeFactory(name="Kulturkontoret"), OfficeFactory(name="Socialkontoret")
    area = Area.objects.create(name="Provområde", slug="provomrade")
    part = District.objects.create(name="Provdelen", slug="provdelen")
    young, old, archived = ActorFactory(), ActorFactory(), ActorFactory(status=Actor.Status.ARCHIVED)
    young.areas.add(area)
    young.districts.add(part)
    Actor.objects.filter(pk=young.pk).update(created_at=at(dt.date(2026, 3, 10)))
    Actor.objects.filter(pk=old.pk).update(created_at=at(dt.date(2025, 1, 1)))
    Actor.objects.filter(pk=archived.pk).update(created_at=at(dt.date(2026, 3, 1)))
    for day in (dt.date(2026, 5, 4), dt.date(2026, 5, 30)):
        activity = ActivityFactory(actor=None, office=culture, district=part, start=at(day))
        activity.areas.add(area)
    ActivityFactory(actor=None, office=culture, start=at(dt.date(2026, 5, 5)), status=Activity.Status.DRAFT)
    for _ in range(2):
        VolunteerFactory(created_at=at(dt.date(2026, 4, 2)))
    need = NeedFactory(office=culture)
    for hours in (2, Decimal("1.5"), Decimal("0.5")):
        HoursLogFactory(assignment__need=need, date=dt.date(2026, 5, 3), hours=hours)
    Volunteer.objects.update(created_at=at(dt.date(2026, 4, 2)))
    given = {"status": FeedbackItem.Status.GIVEN, "response": "Vi satte upp två bänkar.", "process__office": culture}
    FeedbackItemFactory(deadline=dt.date(2026, 5, 20), given_at=at(dt.date(2026, 5, 18)), **given)
    FeedbackItemFactory(deadline=dt.date(2026, 5, 10), given_at=at(dt.date(2026, 5, 18)), **given)
    FeedbackItemFactory(process__office=culture)  # still open: counts nowhere
    PartyFactory(actor=young, partnership__office=social, partnership__starts_on=dt.date(2026, 2, 1),
                 partnership__ends_on=None)
    AnswerFactory(actor=old, need=NeedFactory(office=culture), created_at=at(dt.date(2026, 5, 20)))
    return {"culture": culture, "social": social, "area": area, "part": part, "young": young, "old": old}


@time_machine.travel(dt.datetime(2026, 6, 15, 10, tzinfo=dt.UTC), tick=False)
def test_figures_count_what_happened_per_month_and_dimension(city):
    figures.compute(today=TODAY)
    may, march = dt.date(2026, 5, 1), dt.date(2026, 3, 1)
    culture, social = city["culture"].pk, city["social"].pk
    # Actors in the register at the end of the month (the archived one never counts).
    assert value(Metric.ACTORS, dt.date(2025, 12, 1)) == 1
    assert value(Metric.ACTORS, march) == 2
    assert value(Metric.ACTORS, march, Dimension.AREA, city["area"].pk) == 1
    assert value(Metric.ACTORS, dt.date(2026, 2, 1), Dimension.AREA, city["area"].pk) == 0
    # Activities: drafts do not count.
    assert value(Metric.ACTIVITIES, may) == 2
    assert value(Metric.ACTIVITIES, may, Dimension.OFFICE, culture) == 2
    assert value(Metric.ACTIVITIES, may, Dimension.DISTRICT, city["part"].pk) == 2
    assert value(Metric.ACTIVITIES, may, Dimension.AREA, city["area"].pk) == 2
    assert value(Metric.VOLUNTEERS, dt.date(2026, 4, 1)) == 5  # two, and three behind the hours
    assert value(Metric.VOLUNTEER_HOURS, may) == 4
    assert value(Metric.VOLUNTEER_HOURS, may, Dimension.OFFICE, culture) == 4
    # Feedback: two given, one of them on time.
    assert value(Metric.FEEDBACK_GIVEN, may, Dimension.OFFICE, culture) == 2
    on_time = Figure.objects.get(metric=Metric.FEEDBACK_ON_TIME, month=may, dimension="")
    assert (on_time.count, on_time.out_of) == (1, 2)
    assert value(Metric.PARTNERSHIPS, dt.date(2026, 2, 1), Dimension.OFFICE, social) == 1
    # Cooperating actors: the party every month of its partnership, the answer in its month.
    assert value(Metric.COOPERATING_ACTORS, may) == 2
    assert value(Metric.COOPERATING_ACTORS, may, Dimension.OFFICE, culture) == 1
    assert value(Metric.COOPERATING_ACTORS, may, Dimension.OFFICE, social) == 1
    assert value(Metric.COOPERATING_ACTORS, may, Dimension.AREA, city["area"].pk) == 1
    assert value(Metric.COOPERATING_ACTORS, march) == 1
    assert value(Metric.COOPERATING_ACTORS, dt.date(2026, 1, 1)) is None
    assert set(Tie.objects.filter(actor=city["young"]).values_list("month", flat=True)) == {
        dt.date(2026, m, 1) for m in range(2, 7)}
    assert Tie.objects.filter(actor=city["old"], office=city["culture"], month=may).exists()


@time_machine.travel(dt.datetime(2026, 6, 15, 10, tzinfo=dt.UTC), tick=False)
def test_recomputing_replaces_the_numbers_and_drops_what_went(city):
    figures.compute(today=TODAY)
    first = Figure.objects.count()
    figures.compute(today=TODAY)
    assert Figure.objects.count() == first
    Activity.objects.filter(office=city["culture"]).delete()
    figures.compute(today=TODAY)
    assert value(Metric.ACTIVITIES, dt.date(2026, 5, 1)) is None


@time_machine.travel(dt.datetime(2026, 6, 15, 10, tzinfo=dt.UTC), tick=False)
def test_the_daily_command_keeps_older_months_unless_told_all(city):
    Figure.objects.create(month=dt.date(2024, 1, 1), metric=Metric.ACTIVITIES, count=7)
    call_command("compute_overview", "--today", "2026-06-15")
    assert value(Metric.ACTIVITIES, dt.date(2024, 1, 1)) == 7
    assert value(Metric.ACTIVITIES, dt.date(2026, 5, 1)) == 2
    call_command("compute_overview", "--all", "--today", "2026-06-15")
    assert value(Metric.ACTIVITIES, dt.date(2024, 1, 1)) is None
    assert value(Metric.ACTORS, dt.date(2025, 1, 1)) == 1


def so_far(month, dimension=Dimension.TOTAL, key=""):
    row = CooperatingSoFar.objects.filter(month=month, dimension=dimension, key=str(key)).first()
    return None if row is None else row.count


@time_machine.travel(dt.datetime(2026, 6, 15, 10, tzinfo=dt.UTC), tick=False)
def test_running_counts_are_the_distinct_actors_from_january(city):
    """The young actor's partnership (from February) and the old one's answer (May): distinct
    actors since January, never a sum of months."""
    figures.compute(today=TODAY)
    culture, social, area = city["culture"].pk, city["social"].pk, city["area"].pk
    assert so_far(dt.date(2026, 1, 1)) is None  # nothing yet in January
    assert so_far(dt.date(2026, 2, 1)) == 1
    assert so_far(dt.date(2026, 4, 1)) == 1  # the same actor in three months: one
    assert so_far(dt.date(2026, 5, 1)) == 2
    assert so_far(dt.date(2026, 6, 1)) == 2
    assert so_far(dt.date(2026, 7, 1)) is None  # not after today
    assert so_far(dt.date(2026, 6, 1), Dimension.OFFICE, social) == 1
    assert so_far(dt.date(2026, 6, 1), Dimension.OFFICE, culture) == 1
    assert so_far(dt.date(2026, 6, 1), Dimension.AREA, area) == 1
    assert so_far(dt.date(2026, 6, 1), Dimension.MATRIX, f"{social}:{area}") == 1
    assert so_far(dt.date(2026, 6, 1), Dimension.MATRIX, f"{culture}:{area}") is None  # the old actor has no area
    # Recomputing replaces the rows, it does not add to them.
    count = CooperatingSoFar.objects.count()
    figures.compute(today=TODAY)
    assert CooperatingSoFar.objects.count() == count
