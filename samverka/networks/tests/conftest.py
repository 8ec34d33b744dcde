import pytest

from samverka.accounts.tests.factories import UserFactory
from samverka.networks.models import Membership

from .factories import GroupFactory, MembershipFactory


@pytest.fixture
def office(official):
    return official.office_memberships.get().office


@pytest.fixture
def network(office):
    """Öar utan gränser, run by the culture and leisure office, open to anyone."""
    return GroupFactory(name="Öar utan gränser", slug="oar-utan-granser", office=office)


@pytest.fixture
def chair(network):
    user = UserFactory(first_name="Helena", last_name="Strand", email="helena@example.org")
    MembershipFactory(group=network, user=user, role=Membership.Role.CHAIR)
    return user


@pytest.fixture
def secretary(network):
    user = UserFactory(first_name="Tomas", last_name="Öhman", email="tomas@example.org")
    MembershipFactory(group=network, user=user, role=Membership.Role.SECRETARY)
    return user


@pytest.fixture
def member(network):
    user = UserFactory(first_name="Amira", last_name="Saleh", email="amira@example.org")
    MembershipFactory(group=network, user=user)
    return user
