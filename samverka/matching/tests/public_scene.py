"""The public side's scene: the befriending service (Väntjänsten, Socialkontoret) with its
coordinator Birgitta and its own words for what is asked and given, the other kinds of
programme, Ekerö's parts, and helpers that post a sign-up and open its link.

The test modules import the fixtures they use from here (`from .public_scene import …`)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.communication.models import OutboxMessage
from samverka.matching.models import Choice, Participant, Programme
from samverka.municipality.models import District, Language
from samverka.municipality.tests.factories import OfficeFactory

from .factories import ChoiceFactory, CoordinatorFactory, ProgrammeFactory

PARTS = [("ekero-centrum", "Ekerö centrum", "59.29090", "17.81110", ""),
         ("stenhamra", "Stenhamra", "59.33580", "17.68650", ""),
         ("adelso", "Adelsö", "59.35710", "17.52340", "Adelsö")]


@pytest.fixture
def parts(db):
    return {slug: District.objects.get_or_create(slug=slug, defaults={
        "name": name, "name_en": name, "position": n, "latitude": Decimal(lat), "longitude": Decimal(lon),
        "zone": zone})[0] for n, (slug, name, lat, lon, zone) in enumerate(PARTS)}


@pytest.fixture
def swedish(db):
    return Language.objects.get_or_create(code="sv", defaults={"name": "svenska", "name_en": "Swedish"})[0]


@pytest.fixture
def social_office(db):
    return OfficeFactory(slug="socialkontoret", name="Socialkontoret")


def _programme(office, kind, slug, name, **extra) -> Programme:
    return ProgrammeFactory(office=office, kind=kind, slug=slug, name=name, **extra)


@pytest.fixture
def befriending(social_office, parts, swedish):
    """Väntjänsten: company, walks, reading aloud; givers show a criminal-record extract."""
    programme = _programme(social_office, Programme.Kind.BEFRIENDING, "vantjansten", "Väntjänsten",
                           request_label="Jag vill ha sällskap", offer_label="Jag vill bli besöksvän",
                           required_check=Programme.Check.RECORD_EXTRACT, retention_days=90)
    for n, name in enumerate(("Sällskap", "Promenad", "Högläsning")):
        ChoiceFactory(programme=programme, group=Choice.Group.KIND, name=name, position=n)
    return programme


@pytest.fixture
def birgitta(befriending):
    """Birgitta coordinates Väntjänsten."""
    user = UserFactory(first_name="Birgitta", last_name="Holm", email="birgitta@example.org")
    CoordinatorFactory(programme=befriending, user=user)
    return user


@pytest.fixture
def friend_families(social_office, parts, swedish):
    programme = _programme(social_office, Programme.Kind.FRIEND_FAMILY, "vanfamilj", "Vänfamilj",
                           request_label="Vi vill ha en vänfamilj", offer_label="Vi vill bli vänfamilj")
    for n, name in enumerate(("Friluftsliv", "Matlagning", "Fotboll")):
        ChoiceFactory(programme=programme, group=Choice.Group.INTEREST, name=name, position=n)
    return programme


@pytest.fixture
def association_matching(social_office, parts, swedish):
    programme = _programme(social_office, Programme.Kind.ASSOCIATION, "etablering-genom-forening",
                           "Etablering genom förening", request_label="Jag vill hitta en förening",
                           offer_label="Vår förening tar emot nya medlemmar")
    for n, name in enumerate(("Idrott", "Musik", "Natur")):
        ChoiceFactory(programme=programme, group=Choice.Group.INTEREST, name=name, position=n)
    return programme


@pytest.fixture
def language_friends(social_office, parts, swedish):
    programme = _programme(social_office, Programme.Kind.LANGUAGE_FRIEND, "sprakvan", "Språkvän",
                           request_label="Jag vill öva svenska", offer_label="Jag vill bli språkvän")
    ChoiceFactory(programme=programme, group=Choice.Group.INTEREST, name="Böcker")
    return programme


@pytest.fixture
def reuse(social_office, parts, swedish):
    programme = _programme(social_office, Programme.Kind.REUSE, "aterbruk", "Återbruk",
                           request_label="Mitt hem behöver möbler", offer_label="Jag skänker möbler")
    for n, name in enumerate(("Säng", "Soffa", "Köksbord")):
        ChoiceFactory(programme=programme, group=Choice.Group.KIND, name=name, position=n)
    return programme


def sign_up_url(programme: Programme, side: str = "be-om") -> str:
    return reverse("matching:sign_up", args=[programme.slug, side])


def kind(programme: Programme, name: str) -> Choice:
    return programme.choices.get(name=name)


def befriending_request(programme: Programme, parts, **extra) -> dict:
    """Ingrid, 84, in Stenhamra, wants company on Tuesday afternoons."""
    return {"name": "Ingrid Svensson", "email": "ingrid@example.org", "phone": "",
            "kinds": [kind(programme, "Sällskap").pk], "availability": ["1-1"],
            "district": parts["stenhamra"].pk, "about": "Jag tycker om att prata om trädgård.",
            "sensitive": "Jag hör dåligt.", "consent": "on", **extra}


def befriending_offer(programme: Programme, parts, **extra) -> dict:
    return {"name": "Anders Lind", "email": "anders@example.org", "kinds": [kind(programme, "Sällskap").pk],
            "capacity": "1", "availability": ["1-1"], "district": parts["ekero-centrum"].pk,
            "about": "Pensionerad lärare.", "record_check": "on", "consent": "on",
            "age": "67", **extra}


def link_in_message(address: str) -> str:
    """The private link in the latest message to `address`."""
    body = OutboxMessage.objects.filter(to=address).latest("pk").body_text
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


def sign_up_and_confirm(client, programme, data, side="be-om") -> Participant:
    response = client.post(sign_up_url(programme, side), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    participant = Participant.objects.get(email=data["email"], programme=programme)
    client.post(reverse("matching:confirm_email", args=[participant.token]))
    participant.refresh_from_db()
    return participant
