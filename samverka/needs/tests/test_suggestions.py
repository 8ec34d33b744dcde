"""'Needs you could meet': for a volunteer by their parts of the municipality, kinds of
help and areas (never while paused or after leaving); for an actor's representatives by
the actor's areas and parts of the municipality."""

import pytest
from django.urls import reverse

from samverka.core.tests.helpers import says
from samverka.municipality.models import Area, District
from samverka.needs.models import Need
from samverka.needs.tests.factories import AnswerFactory, NeedFactory
from samverka.volunteers.models import HelpKind, Volunteer
from samverka.volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs(official):
    office = official.office_memberships.get().office
    skå = District.objects.create(slug="ska", name="Skå")
    adelsö = District.objects.create(slug="adelso", name="Adelsö")
    in_skå = NeedFactory(office=office, title="Möbler i Skå", district=skå)
    dogs = NeedFactory(office=office, title="Hundpromenader", district=adelsö)
    dogs.help_kinds.set(HelpKind.objects.all()[:1])
    culture = NeedFactory(office=office, title="Kulturnatt", district=adelsö)
    culture.areas.set(Area.objects.filter(slug="kultur"))
    NeedFactory(office=office, title="Något helt annat", district=adelsö)
    NeedFactory(office=office, title="Stängt i Skå", district=skå, status=Need.Status.CLOSED, outcome="Klart")
    return {"skå": skå, "in_skå": in_skå, "dogs": dogs, "culture": culture}


def suggested(client, key="for_volunteer"):
    return {n.title for n in client.get(reverse("needs:index")).context[key]}


@pytest.fixture
def volunteer(resident, needs):
    volunteer = VolunteerFactory(user=resident, email=resident.email)
    volunteer.districts.set([needs["skå"]])
    volunteer.help_kinds.set(HelpKind.objects.all()[:1])
    volunteer.areas.set(Area.objects.filter(slug="kultur"))
    return volunteer


def test_a_volunteer_gets_matching_open_needs(client, resident, volunteer, needs):
    client.force_login(resident)
    assert suggested(client) == {"Möbler i Skå", "Hundpromenader", "Kulturnatt"}
    assert says("Needs you could meet") in client.get(reverse("needs:index")).content.decode()


def test_needs_already_answered_are_not_suggested(client, resident, volunteer, needs):
    AnswerFactory(need=needs["dogs"], user=resident)
    client.force_login(resident)
    assert suggested(client) == {"Möbler i Skå", "Kulturnatt"}


@pytest.mark.parametrize("status", [Volunteer.Status.PAUSED, Volunteer.Status.LEFT])
def test_nothing_is_suggested_to_a_paused_or_departed_volunteer(client, resident, volunteer, status):
    Volunteer.objects.filter(pk=volunteer.pk).update(status=status)
    client.force_login(resident)
    assert suggested(client) == set()
    assert says("Needs you could meet") not in client.get(reverse("needs:index")).content.decode()


def test_nothing_for_an_unconfirmed_volunteer_or_a_visitor(client, resident, volunteer):
    Volunteer.objects.filter(pk=volunteer.pk).update(confirmed_at=None)
    client.force_login(resident)
    assert suggested(client) == set()
    client.logout()
    assert suggested(client) == set()


def test_an_actors_representatives_get_needs_in_its_areas_and_districts(client, representative, actor, needs):
    actor.districts.set([needs["skå"]])
    actor.areas.set(Area.objects.filter(slug="kultur"))
    NeedFactory(office=None, actor=actor, title="Vårt eget behov", district=needs["skå"])
    client.force_login(representative)
    assert suggested(client, "for_actors") == {"Möbler i Skå", "Kulturnatt"}
