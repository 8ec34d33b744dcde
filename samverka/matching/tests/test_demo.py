"""The demo's matching programmes: five kinds, each with a few dozen invented participants
over Ekerö's parts, past and current matches with follow-ups, the giving organisations, the
coordinator's account; their pages show; loading again adds nothing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samverka.matching.models import CheckIn, Choice, Match, Participant, Programme

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_the_demo_has_every_kind_of_programme_with_people_matches_and_follow_ups():
    load()
    assert set(Programme.objects.values_list("kind", flat=True)) == set(Programme.Kind.values)
    for programme in Programme.objects.all():
        participants = programme.participants.all()
        assert participants.count() >= 20, programme.name
        assert participants.filter(side="request").exists() and participants.filter(side="offer").exists()
        assert participants.values("district").distinct().count() >= 4, programme.name
        assert programme.coordinators.filter(email="samordnare@samverka.example").exists()
        assert programme.matches.filter(status=Match.Status.ACTIVE).exists()
        assert programme.matches.filter(status=Match.Status.ENDED).exclude(end_reason="").exists()
    befriending = Programme.objects.get(kind=Programme.Kind.BEFRIENDING)
    givers = set(befriending.participants.filter(side="offer").values_list("actor__name", flat=True))
    assert {"Lions Club Ekerö", "PRO Ekerö", "SPF Seniorerna Ekerö", "Röda Korset Ekerö", None} <= givers
    assert CheckIn.objects.filter(answer=CheckIn.Answer.PROBLEM).exists()
    assert CheckIn.objects.filter(answer=CheckIn.Answer.GOOD).count() > 10
    # Each participant's side is consistent with the matches they are in.
    for match in Match.objects.current():
        assert (match.request.side, match.offer.side) == ("request", "offer")
    assert Participant.objects.filter(programme__slug="aterbruk", actor__name="Svenska kyrkan Ekerö församling").exists()
    # Every choice has its English and Arabic name (the sign-up forms in three languages).
    assert Choice.objects.exists()
    assert not Choice.objects.filter(name_en="").exists() and not Choice.objects.filter(name_ar="").exists()
    assert all("\u0600" <= c.name_ar[0] <= "\u06ff" for c in Choice.objects.all())


def test_loading_again_adds_nothing_and_the_pages_show():
    load()
    counts = (Programme.objects.count(), Participant.objects.count(), Match.objects.count(), CheckIn.objects.count())
    load()
    assert counts == (Programme.objects.count(), Participant.objects.count(), Match.objects.count(),
                      CheckIn.objects.count())
    client = Client()
    assert "Väntjänsten" in client.get(reverse("matching:programmes")).content.decode()
    for programme in Programme.objects.all():
        assert client.get(programme.get_absolute_url()).status_code == 200
        for side in ("be-om", "ge"):
            assert client.get(reverse("matching:sign_up", args=[programme.slug, side])).status_code == 200
    waiting = Participant.objects.filter(status="waiting").first()
    assert client.get(reverse("matching:participant", args=[waiting.token])).status_code == 200
    active = Match.objects.filter(status="active").first()
    assert client.get(reverse("matching:match", args=[active.offer_token])).status_code == 200
    assert client.get(reverse("matching:check_in", args=[active.request_token])).status_code == 200


def test_the_association_matching_is_shared_with_upplands_bro_whose_places_the_coordinator_sees():
    from samverka.accounts.models import User
    from samverka.matching.models import RemoteOffer

    load()
    load()
    programme = Programme.objects.get(slug="etablering-genom-forening")
    assert programme.shared_regionally and programme.partners.get().name == "Upplands-Bro kommun"
    assert RemoteOffer.objects.filter(programme=programme).count() == 5
    client = Client()
    client.force_login(User.objects.get(email="samordnare@samverka.example"))
    page = client.get(reverse("matching:regional", args=[programme.slug])).content.decode()
    assert "Kungsängens schacksällskap" in page and "Upplands-Bro kommun" in page
