"""What matching keeps about a person: shown on "see my data", gone with the account (their
partner goes back to the waiting list), and erased a programme's retention period after they
left."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.matching import privacy
from samverka.matching.models import Match, Participant

from .factories import MatchFactory, OfferFactory, RequestFactory


def test_her_participation_is_on_my_data_and_goes_with_her_account(client, resident, programme):
    lina = RequestFactory(programme=programme, user=resident, name="Lina Sandberg", sensitive="Bor ensam.")
    match = MatchFactory(programme=programme, request=lina, offer__name="Karin Ek")
    client.force_login(resident)
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert "Bor ensam." in page and "Väntjänsten" in page
    client.post(reverse("accounts:delete"), {"confirm": "RADERA"})
    assert not Participant.objects.filter(pk=lina.pk).exists()
    karin = Participant.objects.get(name="Karin Ek")
    assert karin.status == Participant.Status.WAITING  # free for someone new
    assert not Match.objects.filter(pk=match.pk).exists()


def test_a_volunteer_who_is_erased_sends_the_one_they_helped_back_to_the_waiting_list(resident, programme):
    karin = OfferFactory(programme=programme, user=resident, name="Karin Ek")
    match = MatchFactory(programme=programme, offer=karin, request__name="Greta Holm")
    privacy.erase(resident)
    greta = Participant.objects.get(pk=match.request_id)
    assert greta.status == Participant.Status.WAITING


@pytest.mark.parametrize("days, kept", [(100, False), (30, True)])
def test_participants_are_erased_after_the_retention_period(programme, days, kept):
    programme.retention_days = 90
    programme.save()
    left = RequestFactory(programme=programme, status=Participant.Status.LEFT,
                          left_at=timezone.now() - timedelta(days=days))
    waiting = RequestFactory(programme=programme, joined_at=timezone.now() - timedelta(days=400))
    assert privacy.expire(now=timezone.now()) == (0 if kept else 1)
    assert Participant.objects.filter(pk=left.pk).exists() == kept
    assert Participant.objects.filter(pk=waiting.pk).exists()
