"""The coordinator's pages cost the same number of queries whatever the programme's size
(20 or 200 participants, with proposals, alternatives, matches and follow-ups), and so do
My pages for a coordinator."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.matching.models import CheckIn, Match, Participant, Proposal, Run


def fill(programme, districts, kinds, interests, languages, n: int) -> None:
    """n requests and n/2 offers, a proposal for half the requests (with two alternatives),
    a match with a follow-up for a tenth, and reasons naming choices and languages."""
    places = list(districts.values())
    start = Participant.objects.count()
    people = Participant.objects.bulk_create(
        [Participant(programme=programme, side=Participant.Side.REQUEST if i % 3 else Participant.Side.OFFER,
                     status=Participant.Status.WAITING, name=f"Person {start + i}", email=f"p{start + i}@example.org",
                     district=places[i % len(places)], joined_at=timezone.now() - timedelta(days=i))
         for i in range(n)])
    for p in people:
        p.kinds.set([kinds["company"]])
        p.interests.set([interests["chess"]])
        p.languages.set([languages["ar"]])
    requests = [p for p in people if p.side == Participant.Side.REQUEST]
    offers = [p for p in people if p.side == Participant.Side.OFFER]
    run = Run.objects.create(programme=programme, status=Run.Status.DONE, finished_at=timezone.now(),
                             blocked={str(p.pk): "distance" for p in requests})
    reasons = [["distance", 3.2], ["kinds", [kinds["company"].pk]], ["interests", [interests["chess"].pk]],
               ["languages", [languages["ar"].pk]], ["availability", 0b100000]]
    Proposal.objects.bulk_create([
        Proposal(run=run, programme=programme, request=r, offer=offers[i % len(offers)], score=70, reasons=reasons,
                 alternatives=[{"offer": offers[(i + 1) % len(offers)].pk, "score": 60, "others_lost": 5,
                                "unmatched": 0},
                               {"offer": offers[(i + 2) % len(offers)].pk, "score": 50, "others_lost": 0,
                                "unmatched": 1}])
        for i, r in enumerate(requests[: len(requests) // 2])])
    for i, r in enumerate(requests[len(requests) // 2:][: max(1, n // 10)]):
        match = Match.objects.create(programme=programme, request=r, offer=offers[i % len(offers)],
                                     status=Match.Status.ACTIVE, next_check_in_on=timezone.localdate())
        CheckIn.objects.create(match=match, due_on=timezone.localdate(), sent_at=timezone.now())


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["coordinate", "review", "waiting", "settings"])
def test_the_coordinators_pages_cost_the_same_with_ten_times_the_participants(
        birgitta, programme, districts, kinds, interests, languages, page):
    url = reverse(f"matching:{page}", args=[programme.slug])
    fill(programme, districts, kinds, interests, languages, 20)
    small = queries(birgitta, url)
    fill(programme, districts, kinds, interests, languages, 180)
    assert queries(birgitta, url) == small
    assert small <= 20


def test_a_match_and_a_participant_page_do_not_grow_either(birgitta, programme, districts, kinds, interests,
                                                            languages, django_assert_max_num_queries):
    fill(programme, districts, kinds, interests, languages, 200)
    match = Match.objects.first()
    with django_assert_max_num_queries(20):
        assert birgitta.get(reverse("matching:coordinate_match", args=[programme.slug, match.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert birgitta.get(reverse("matching:coordinate_participant",
                                    args=[programme.slug, match.offer_id])).status_code == 200


def test_my_pages_show_the_programme_at_the_same_cost(birgitta, programme, districts, kinds, interests, languages):
    fill(programme, districts, kinds, interests, languages, 20)
    url = reverse("accounts:dashboard")
    small = queries(birgitta, url)
    assert reverse("matching:coordinate", args=[programme.slug]) in birgitta.get(url).content.decode()
    fill(programme, districts, kinds, interests, languages, 100)
    assert queries(birgitta, url) == small
