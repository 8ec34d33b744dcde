"""Shared fixtures: the personas every test speaks of, and a clean slate per test."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import ActorFactory, AssociationFactory, MembershipFactory
from samverka.communication.sms import LocmemBackend
from samverka.municipality.tests.factories import OfficeMembershipFactory


@pytest.fixture(autouse=True)
def _clean_slate(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SMS_BACKEND = "samverka.communication.sms.LocmemBackend"
    # A fast hasher: the real one takes most of a second per password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    LocmemBackend.outbox.clear()
    # A request in English or Arabic leaves its language active in the thread; each test
    # starts in Swedish, the default.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def resident(db):
    return UserFactory(first_name="Lina", last_name="Sandberg", email="lina@example.org")


@pytest.fixture
def actor(db):
    return AssociationFactory(name="Parkinson Ekerö", slug="parkinson-ekero")


@pytest.fixture
def other_actor(db):
    return ActorFactory(name="Öar utan gränser", slug="oar-utan-granser")


@pytest.fixture
def representative(actor):
    """Eva owns Parkinson Ekerö's page."""
    user = UserFactory(first_name="Eva", last_name="Lindgren", email="eva@example.org")
    MembershipFactory(actor=actor, user=user, role=ActorMembership.Role.OWNER)
    return user


@pytest.fixture
def editor(actor):
    """Oskar edits Parkinson Ekerö's page but does not manage its people."""
    user = UserFactory(first_name="Oskar", last_name="Falk", email="oskar@example.org")
    MembershipFactory(actor=actor, user=user, role=ActorMembership.Role.EDITOR)
    return user


@pytest.fixture
def official(db):
    """Sara works at the culture and leisure office."""
    user = UserFactory(first_name="Sara", last_name="Nyström", email="sara@example.org")
    OfficeMembershipFactory(user=user, office__slug="kultur-och-fritidskontoret", office__name="Kultur- och fritidskontoret")
    return user


@pytest.fixture
def administrator(db):
    return UserFactory(first_name="Maja", last_name="Ekström", email="maja@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def maja(administrator):
    """Maja, the administrator, logged in in a browser of her own (the admin's pages), next to
    the `client` a test uses as a visitor."""
    maja = Client()
    maja.force_login(administrator)
    return maja


@pytest.fixture
def process_leader(db):
    return UserFactory(first_name="Jonas", last_name="Berglund", email="jonas@example.org", is_process_leader=True)
