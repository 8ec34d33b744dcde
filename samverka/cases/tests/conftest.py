"""The one way in's setting: the five offices of the municipality with the default routing
rules, Sara at the culture and leisure office (the `official` persona) and Ali at the social
services office."""

import pytest
from django.apps import apps

from samverka.accounts.tests.factories import UserFactory
from samverka.cases import defaults
from samverka.municipality.models import District, Office
from samverka.municipality.tests.factories import OfficeFactory, OfficeMembershipFactory

OFFICES = [
    ("kultur-och-fritidskontoret", "Kultur- och fritidskontoret"),
    ("socialkontoret", "Socialkontoret"),
    ("barn-och-utbildningsforvaltningen", "Barn- och utbildningsförvaltningen"),
    ("stadsarkitektkontoret", "Stadsarkitektkontoret"),
    ("teknik-och-exploateringskontoret", "Teknik- och exploateringskontoret"),
]


@pytest.fixture
def offices(official):
    for slug, name in OFFICES:
        OfficeFactory(slug=slug, name=name)
    # The topics come with the migrations; a test that commits (transaction=True) flushes
    # them for the tests after it, so load them again (it changes nothing when they exist).
    defaults.load(apps)
    return {o.slug: o for o in Office.objects.all()}


@pytest.fixture
def culture(offices):
    return offices["kultur-och-fritidskontoret"]


@pytest.fixture
def social(offices):
    return offices["socialkontoret"]


@pytest.fixture
def social_official(social):
    """Ali works at the social services office."""
    user = UserFactory(first_name="Ali", last_name="Hassan", email="ali@example.org")
    OfficeMembershipFactory(user=user, office=social)
    return user


@pytest.fixture
def stenhamra(db):
    return District.objects.create(slug="stenhamra", name="Stenhamra", name_en="Stenhamra")
