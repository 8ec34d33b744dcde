import pytest

from samverka.accounts.tests.factories import UserFactory
from samverka.municipality.tests.factories import OfficeMembershipFactory

from .factories import CoachFactory, IdeaFactory


@pytest.fixture
def coach(db):
    """Karin coaches in the idea lab; she works at the culture and leisure office."""
    user = UserFactory(first_name="Karin", last_name="Ahlgren", email="karin@example.org")
    OfficeMembershipFactory(user=user, office__slug="kultur-och-fritidskontoret",
                            office__name="Kultur- och fritidskontoret")
    CoachFactory(user=user)
    return user


@pytest.fixture
def other_coach(db):
    """Omar coaches too."""
    user = UserFactory(first_name="Omar", last_name="Farah", email="omar@example.org")
    CoachFactory(user=user)
    return user


@pytest.fixture
def idea(db):
    """Ali's language café, sent without an account, not public, in the queue."""
    return IdeaFactory(title="Språkcafé på biblioteket", name="Ali Hassan", email="ali@example.org")


@pytest.fixture
def coached(idea, coach):
    """The language café, taken by Karin."""
    from django.utils import timezone

    idea.coach, idea.taken_at = coach, timezone.now()
    idea.save()
    return idea
