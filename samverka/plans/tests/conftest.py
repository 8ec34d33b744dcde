import pytest

from samverka.municipality.models import SdgGoal
from samverka.municipality.tests.factories import OfficeMembershipFactory

from .factories import ActionFactory, GoalFactory, IndicatorFactory, PlanFactory


@pytest.fixture
def office(official):
    return official.office_memberships.get().office


@pytest.fixture
def social_official(db):
    """Someone of another office: Socialkontoret."""
    return OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret").user


@pytest.fixture
def sdg(db):
    goal, _ = SdgGoal.objects.get_or_create(number=4, defaults={"title_sv": "God utbildning för alla",
                                                                "title_en": "Quality education"})
    return goal


@pytest.fixture
def plan(office):
    return PlanFactory(office=office, title="Handlingsplan kultur och fritid", slug="kultur-och-fritid-2026")


@pytest.fixture
def goal(plan):
    return GoalFactory(plan=plan, title="Fler unga i föreningslivet")


@pytest.fixture
def indicator(goal):
    return IndicatorFactory(goal=goal, name="Ideella timmar i fritidsgårdarna")


@pytest.fixture
def action(plan, goal, official):
    return ActionFactory(plan=plan, goal=goal, owner=official, title="Öppna fritidsgårdarna för föreningar")
