"""The benchmark's matching programme (bench/matching_review.py): filled as the platform would fill
it, run once by the engine, and its review page shows the proposals to the bench's
logged-in visitor, who coordinates it."""

from django.test import Client

from bench import matching_review as matching
from samverka.accounts.tests.factories import UserFactory
from samverka.matching.models import Participant, Proposal, Run


def test_the_bench_programme_is_filled_run_and_reviewable(db, official):
    owner = UserFactory(email="forening@samverka.example")
    path = matching.fill(participants=120, coordinator_email=owner.email)
    assert Participant.objects.filter(programme__slug=matching.SLUG).count() == 120
    run = Run.objects.get(programme__slug=matching.SLUG)
    assert run.status == Run.Status.DONE and run.matched > 0
    assert Proposal.objects.filter(run=run).exists()
    client = Client()
    client.force_login(owner)
    response = client.get(path)
    assert response.status_code == 200 and 'class="card__title"' in response.content.decode()
