"""The one way in's setting: the five offices of the municipality with the default routing
rules, Sara at the culture and leisure office (the `official` persona) and Ali at the social
services office."""

from datetime import date

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


@pytest.fixture
def carers_link(social, social_official, actor, other_actor, representative):
    """The carers' link, coordinated by the social services office (Ali), with two partner
    organisations: Parkinson Ekerö (Eva, its named handler) and Öar utan gränser (Amal). Cases
    about older people go to Parkinson Ekerö."""
    from samverka.actors.models import ActorMembership
    from samverka.actors.tests.factories import MembershipFactory
    from samverka.cases.models import Link, LinkParty, LinkRule, Topic

    link = Link.objects.create(name="Anhöriglänken", name_en="The carers' link", slug="anhoriglanken",
                               coordinator_office=social, answer_days=5, take_within_days=2,
                               description="Vem du än kontaktar ringer rätt part upp dig.")
    link.topics.set(Topic.objects.filter(slug__in=["aldre", "annat"]))
    coordinator = LinkParty.objects.create(link=link, office=social, joined_at=date(2026, 1, 1))
    eva_party = LinkParty.objects.create(link=link, actor=actor, joined_at=date(2026, 1, 1))
    eva_party.handlers.add(representative)
    amal = UserFactory(first_name="Amal", last_name="Haddad", email="amal@example.org")
    MembershipFactory(actor=other_actor, user=amal, role=ActorMembership.Role.OWNER)
    amal_party = LinkParty.objects.create(link=link, actor=other_actor, joined_at=date(2026, 1, 1))
    amal_party.handlers.add(amal)
    LinkRule.objects.create(link=link, topic=Topic.objects.get(slug="aldre"), party=eva_party)
    link.coordinator, link.eva_party, link.amal_party, link.amal = coordinator, eva_party, amal_party, amal
    return link
