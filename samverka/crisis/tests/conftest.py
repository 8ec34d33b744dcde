"""The crisis scene: a storm, handled by the social services office (Ali); Sara at the
culture office is an official too, but not one who triages this crisis."""

import pytest

from samverka.accounts.tests.factories import UserFactory
from samverka.crisis import services
from samverka.municipality.models import District, Office
from samverka.municipality.tests.factories import OfficeMembershipFactory
from samverka.volunteers.models import HelpKind

from .factories import CrisisFactory


@pytest.fixture
def districts(db):
    return [District.objects.create(slug=slug, name=name, name_en=name, position=n)
            for n, (slug, name) in enumerate([("ekero-centrum", "Ekerö centrum"), ("stenhamra", "Stenhamra"),
                                              ("munso", "Munsö")])]


@pytest.fixture
def kinds(db):
    # The kinds of help come with the migrations; a test that commits (transaction=True)
    # flushes them for the tests after it, so load them again (nothing changes if they exist).
    from django.apps import apps

    from samverka.volunteers.migrations import _help_kinds

    _help_kinds.add(apps, None)
    return {k.slug: k for k in HelpKind.objects.all()}


@pytest.fixture
def social_office(db):
    return Office.objects.create(slug="socialkontoret", name="Socialkontoret")


@pytest.fixture
def triager(social_office):
    """Ali works at the social services office, which triages the crisis."""
    user = UserFactory(first_name="Ali", last_name="Hassan", email="ali@example.org")
    OfficeMembershipFactory(user=user, office=social_office)
    return user


@pytest.fixture
def crisis(social_office, districts, kinds):
    crisis = CrisisFactory(triage_offices=[social_office])
    services.forget_active_crisis()
    return crisis


def offer_data(districts, kinds, **changes):
    data = {
        "name": "Karin Ek", "phone": "070-123 45 67", "email": "", "district": str(districts[0].pk),
        "help_kinds": [str(kinds["matinkop"].pk), str(kinds["apotek"].pk)], "availability": ["1-2", "3-0"],
        "consent": "on", "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def request_data(districts, kinds, **changes):
    data = {
        "for_whom": "self", "name": "Greta Holm", "contact_name": "", "phone": "08-560 123 45", "email": "",
        "district": str(districts[0].pk), "address": "Bryggvägen 3", "help_kinds": [str(kinds["matinkop"].pk)],
        "what": "Mat för veckan från Ica.", "when": "Tisdag", "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
