"""Each computed source against known data: what it counts, for the goal's area, the
indicator's part of the municipality and the plan's office, and None (never a false 0) when
the platform has no data of that kind yet."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from samverka.municipality.models import Area, District
from samverka.plans import sources
from samverka.plans.models import Indicator

from .factories import IndicatorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("time")]
DAY = date(2026, 12, 1)


@pytest.fixture
def time():
    with time_machine.travel("2026-12-07 10:00 +01:00", tick=False):
        yield


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.fixture
def kultur(db):
    return Area.objects.get(slug="kultur")


@pytest.fixture
def other_area(db):
    return Area.objects.exclude(slug="kultur").first()


@pytest.fixture
def district(db):
    return District.objects.create(slug="stenhamra", name="Stenhamra")


def indicator_for(goal, source, *, area=None, district=None):
    goal.area = area
    goal.save()
    return IndicatorFactory(goal=goal, source=source, unit=sources.UNITS[source], district=district)


def test_volunteers_registered_in_the_area_and_part(goal, kultur, other_area, district):
    from samverka.volunteers.models import Volunteer
    from samverka.volunteers.tests.factories import VolunteerFactory

    indicator = indicator_for(goal, Indicator.Source.VOLUNTEERS, area=kultur)
    assert sources.compute(indicator, DAY) is None  # no volunteer registered at all
    in_stenhamra = VolunteerFactory(confirmed_at=at(date(2026, 3, 1)))
    in_stenhamra.areas.set([kultur])
    in_stenhamra.districts.set([district])
    VolunteerFactory(confirmed_at=at(date(2026, 5, 1))).areas.set([kultur])
    VolunteerFactory(confirmed_at=at(date(2026, 5, 1))).areas.set([other_area])
    VolunteerFactory(confirmed_at=at(date(2026, 5, 1)), status=Volunteer.Status.PAUSED).areas.set([kultur])
    VolunteerFactory(confirmed_at=at(date(2026, 12, 3))).areas.set([kultur])  # after the date
    VolunteerFactory(confirmed_at=None).areas.set([kultur])  # never confirmed
    assert sources.compute(indicator, DAY) == 2
    assert sources.compute(indicator_for(goal, Indicator.Source.VOLUNTEERS, area=kultur, district=district),
                           DAY) == 1
    assert sources.compute(indicator_for(goal, Indicator.Source.VOLUNTEERS), DAY) == 3


def test_matches_made_in_the_offices_programmes(goal, office):
    from samverka.matching.models import Match, Programme
    from samverka.matching.tests.factories import MatchFactory, ProgrammeFactory

    indicator = indicator_for(goal, Indicator.Source.MATCHES)
    assert sources.compute(indicator, DAY) is None  # the office has no programme
    programme = ProgrammeFactory(office=office)
    Programme.objects.filter(pk=programme.pk).update(created_at=at(date(2025, 1, 1)))
    assert sources.compute(indicator, DAY) == 0  # a programme, no match yet: a true 0
    for status, made in ((Match.Status.ACTIVE, date(2026, 6, 1)), (Match.Status.ENDED, date(2026, 3, 1)),
                         (Match.Status.DECLINED, date(2026, 6, 1)), (Match.Status.AWAITING, date(2026, 11, 1)),
                         (Match.Status.ACTIVE, date(2025, 6, 1)), (Match.Status.ACTIVE, date(2026, 12, 5))):
        match = MatchFactory(programme=programme, status=status)
        Match.objects.filter(pk=match.pk).update(created_at=at(made))
    MatchFactory(programme=ProgrammeFactory(office__slug="socialkontoret"), status=Match.Status.ACTIVE)
    assert sources.compute(indicator, DAY) == 2


def test_feedback_given_on_time_as_a_share(goal, office):
    from samverka.dialogue.models import FeedbackItem
    from samverka.dialogue.tests.factories import FeedbackItemFactory

    indicator = indicator_for(goal, Indicator.Source.FEEDBACK_ON_TIME)
    assert sources.compute(indicator, DAY) is None  # nothing due yet

    def item(deadline, given=None):
        FeedbackItemFactory(process__office=office, office=office, deadline=deadline,
                            **({"status": FeedbackItem.Status.GIVEN, "given_at": at(given), "response": "Vi gjorde så"}
                               if given else {}))

    item(date(2026, 10, 1), given=date(2026, 9, 20))  # on time
    item(date(2026, 10, 1), given=date(2026, 10, 1))  # on the day: on time
    item(date(2026, 9, 1), given=date(2026, 9, 15))  # late
    item(date(2026, 11, 1))  # open and overdue
    item(date(2026, 12, 20))  # not due yet
    item(date(2025, 10, 1), given=date(2025, 9, 1))  # more than a year before
    FeedbackItemFactory(deadline=date(2026, 10, 1))  # another office's
    assert sources.compute(indicator, DAY) == Decimal("50.0")


def test_grants_followed_up_as_a_share(goal, office):
    from samverka.grants.models import Decision, FollowUpReport
    from samverka.grants.tests.factories import CommitteeFactory, SubmittedApplicationFactory
    from samverka.grants.tests.factories import ProgrammeFactory as GrantProgrammeFactory

    office.committee = CommitteeFactory()
    office.save()
    indicator = indicator_for(goal, Indicator.Source.GRANTS_FOLLOWED_UP)
    assert sources.compute(indicator, DAY) is None
    programme = GrantProgrammeFactory(committee=office.committee)

    def grant(outcome, due, submitted=None, on=programme):
        application = SubmittedApplicationFactory(programme=on)
        Decision.objects.create(application=application, outcome=outcome,
                                amount=10_000 if outcome == "granted" else 0, reasons="Enligt riktlinjerna",
                                meeting_date=date(2026, 4, 1))
        FollowUpReport.objects.create(application=application, due_on=due,
                                      submitted_at=at(submitted) if submitted else None)

    grant("granted", date(2026, 10, 1), submitted=date(2026, 9, 28))
    grant("granted", date(2026, 11, 1), submitted=date(2026, 11, 20))  # late, but in by the date
    grant("granted", date(2026, 11, 1))  # never came
    grant("granted", date(2026, 6, 1), submitted=date(2026, 12, 3))  # came after the date
    grant("granted", date(2027, 3, 1))  # not due yet
    grant("refused", date(2026, 10, 1))
    other = GrantProgrammeFactory(committee=CommitteeFactory(slug="socialnamnden", name="Socialnämnden"))
    grant("granted", date(2026, 10, 1), on=other)
    assert sources.compute(indicator, DAY) == Decimal("50.0")


def test_needs_met_in_the_area(goal, kultur, other_area, office):
    from samverka.needs.models import Need
    from samverka.needs.tests.factories import NeedFactory

    indicator = indicator_for(goal, Indicator.Source.NEEDS_MET, area=kultur)
    assert sources.compute(indicator, DAY) is None

    def need(closed=None, outcome="", area=kultur):
        item = NeedFactory(office=office, **({"status": Need.Status.CLOSED, "closed_at": at(closed),
                                              "outcome": outcome} if closed else {}))
        item.areas.set([area])
        Need.objects.filter(pk=item.pk).update(created_at=at(date(2026, 1, 1)))

    need()  # still open
    assert sources.compute(indicator, DAY) == 0
    need(date(2026, 5, 1), outcome="Tre volontärer hittades")
    need(date(2026, 6, 1), outcome="Lokalen ordnades")
    need(date(2026, 6, 1))  # closed without an outcome
    need(date(2026, 6, 1), outcome="Klart", area=other_area)
    need(date(2025, 6, 1), outcome="För länge sedan")
    assert sources.compute(indicator, DAY) == 2


def test_ideas_coached_in_the_area(goal, kultur, official):
    from samverka.ideas.models import Idea
    from samverka.ideas.tests.factories import IdeaFactory

    indicator = indicator_for(goal, Indicator.Source.IDEAS_COACHED, area=kultur)
    assert sources.compute(indicator, DAY) is None
    for taken in (date(2026, 4, 1), date(2026, 11, 30), None, date(2026, 12, 2)):
        idea = IdeaFactory(coach=official if taken else None, taken_at=at(taken) if taken else None)
        idea.areas.set([kultur])
        Idea.objects.filter(pk=idea.pk).update(created_at=at(date(2026, 1, 1)))
    assert sources.compute(indicator, DAY) == 2


def test_partnerships_under_way_of_the_office(goal, office, kultur):
    from samverka.partnerships.models import Partnership
    from samverka.partnerships.tests.factories import PartnershipFactory

    indicator = indicator_for(goal, Indicator.Source.PARTNERSHIPS)
    assert sources.compute(indicator, DAY) is None
    PartnershipFactory(office=office, starts_on=date(2026, 1, 1), ends_on=None)
    PartnershipFactory(office=office, starts_on=date(2025, 1, 1), ends_on=date(2027, 12, 31)).areas.set([kultur])
    PartnershipFactory(office=office, starts_on=date(2025, 1, 1), ends_on=date(2026, 6, 30),
                       status=Partnership.Status.ENDED)
    PartnershipFactory(office=office, starts_on=date(2026, 1, 1), status=Partnership.Status.DRAFT)
    PartnershipFactory(office=office, starts_on=date(2027, 1, 1))
    PartnershipFactory(starts_on=date(2026, 1, 1))  # another office's
    assert sources.compute(indicator, DAY) == 2
    assert sources.compute(indicator_for(goal, Indicator.Source.PARTNERSHIPS, area=kultur), DAY) == 1


def test_activities_held_in_the_area(goal, kultur, district):
    from samverka.activities.models import Activity, Occurrence
    from samverka.activities.tests.factories import ActivityFactory

    indicator = indicator_for(goal, Indicator.Source.ACTIVITIES, area=kultur)
    assert sources.compute(indicator, DAY) is None

    def activity(day, **kwargs):
        start = timezone.make_aware(datetime(day.year, day.month, day.day, 18))
        item = ActivityFactory(start=start, end=start + timedelta(hours=2), **kwargs)
        item.areas.set([kultur])
        Occurrence.objects.get_or_create(activity=item, day=day, defaults={"start": start, "end": item.end})
        return item

    activity(date(2026, 11, 20), district=district)
    activity(date(2026, 3, 20))
    activity(date(2026, 12, 10))  # after the date
    activity(date(2026, 5, 1), status=Activity.Status.CANCELLED)
    activity(date(2025, 5, 1))  # more than a year before
    no_area = ActivityFactory(start=timezone.make_aware(datetime(2026, 6, 1, 18)),
                              end=timezone.make_aware(datetime(2026, 6, 1, 20)))
    Occurrence.objects.create(activity=no_area, day=date(2026, 6, 1), start=no_area.start, end=no_area.end)
    assert sources.compute(indicator, DAY) == 2
    assert sources.compute(indicator_for(goal, Indicator.Source.ACTIVITIES, area=kultur, district=district),
                           DAY) == 1


def test_every_computed_source_has_a_function_and_a_unit():
    computed = set(Indicator.Source.values) - {Indicator.Source.MANUAL}
    assert set(sources.SOURCES) == computed == set(sources.UNITS)
