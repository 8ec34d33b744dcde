"""The matching scene: Väntjänsten, run by the culture and leisure office, coordinated by
Birgitta; Sara (an official of that office) configures it; Ekerö's parts with their centres
and island groups; a language friends programme of its own with Omar as its coordinator."""

from decimal import Decimal

import pytest

from samverka.accounts.tests.factories import UserFactory
from samverka.matching.models import Choice, Programme
from samverka.municipality.models import District, Language

from .factories import ChoiceFactory, CoordinatorFactory, ProgrammeFactory

PARTS = [  # slug, name, latitude, longitude, zone
    ("ekero-centrum", "Ekerö centrum", "59.29100", "17.81000", "malaröarna"),
    ("stenhamra", "Stenhamra", "59.33700", "17.69000", "malaröarna"),
    ("skå", "Skå", "59.35900", "17.62000", "malaröarna"),
    ("adelso", "Adelsö", "59.36000", "17.52000", "adelsö"),
]


@pytest.fixture
def districts(db):
    return {slug: District.objects.create(slug=slug, name=name, name_en=name, position=n, latitude=Decimal(lat),
                                          longitude=Decimal(lon), zone=zone)
            for n, (slug, name, lat, lon, zone) in enumerate(PARTS)}


@pytest.fixture
def programme(official, districts):
    office = official.office_memberships.get().office
    return ProgrammeFactory(office=office, slug="vantjansten", name="Väntjänsten")


@pytest.fixture
def coordinator(programme):
    """Birgitta coordinates Väntjänsten."""
    user = UserFactory(first_name="Birgitta", last_name="Holm", email="birgitta@example.org")
    CoordinatorFactory(programme=programme, user=user)
    return user


@pytest.fixture
def other_programme(db):
    return ProgrammeFactory(slug="spraakvan", name="Språkvän", kind=Programme.Kind.LANGUAGE_FRIEND)


@pytest.fixture
def other_coordinator(other_programme):
    """Omar coordinates Språkvän, not Väntjänsten."""
    user = UserFactory(first_name="Omar", last_name="Khalil", email="omar@example.org")
    CoordinatorFactory(programme=other_programme, user=user)
    return user


@pytest.fixture
def kinds(programme):
    return {slug: ChoiceFactory(programme=programme, group=Choice.Group.KIND, name=name)
            for slug, name in [("company", "Sällskap"), ("walk", "Promenad"), ("reading", "Högläsning")]}


@pytest.fixture
def interests(programme):
    return {slug: ChoiceFactory(programme=programme, group=Choice.Group.INTEREST, name=name)
            for slug, name in [("chess", "Schack"), ("garden", "Trädgård"), ("music", "Musik")]}


@pytest.fixture
def languages(db):
    return {code: Language.objects.get(code=code) for code in ("sv", "ar", "en")}


@pytest.fixture
def birgitta(client, coordinator):
    client.force_login(coordinator)
    return client
