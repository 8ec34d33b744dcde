"""A participant sees their proposals, comments, follows and reports in "see my data"; deleting the
account removes the follows, the reports and the link to the account while the dialogue's record
keeps the text."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.dialogue import privacy
from samverka.dialogue.models import Comment, Follow, Process, Proposal, Report

from .factories import CommentFactory, ProcessFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_my_data_and_deleting_the_account(client, process, resident):
    proposal = ProposalFactory(process=process, author=resident, title="Fler bänkar vid bryggan")
    CommentFactory(process=process, author=resident, body="Och papperskorgar")
    Follow.objects.create(user=resident, process=process)
    Report.objects.create(proposal=ProposalFactory(process=process), reporter=resident, reason="Reklam för en firma")
    client.force_login(resident)
    page = client.get(reverse("accounts:my_data")).content.decode()
    for text in ("Fler bänkar vid bryggan", "Och papperskorgar", "Reklam för en firma", process.title):
        assert text in page, text
    client.post(reverse("accounts:delete"), {"confirm": "RADERA"})
    proposal.refresh_from_db()
    assert proposal.author is None and proposal.title == "Fler bänkar vid bryggan"
    assert Comment.objects.get(body="Och papperskorgar").author is None
    assert not Follow.objects.exists() and not Report.objects.exists()


def test_retention_removes_the_authors_of_a_closed_process(office, resident):
    closed = ProcessFactory(office=office, status=Process.Status.CLOSED, retention_days=30,
                            closed_at=timezone.now() - timedelta(days=31))
    recent = ProcessFactory(office=office, status=Process.Status.CLOSED, retention_days=30,
                            closed_at=timezone.now() - timedelta(days=5))
    ProposalFactory(process=closed, author=resident)
    ProposalFactory(process=recent, author=resident)
    assert privacy.expire(now=timezone.now()) == 1
    assert list(Proposal.objects.filter(author=resident).values_list("process", flat=True)) == [recent.pk]
    closed.refresh_from_db()
    assert closed.retention_done_at is not None
    assert privacy.expire(now=timezone.now()) == 0
