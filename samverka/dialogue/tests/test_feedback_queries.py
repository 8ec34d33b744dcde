"""The office's feedback list, a proposal's page and My pages run the same queries however many
items, comments and proposals there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .factories import CommentFactory, FeedbackItemFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _same_queries(client, url, fill, django_assert_max_num_queries):
    fill(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    fill(12)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_the_feedback_list_and_my_pages(client, official, process, django_assert_max_num_queries):
    def fill(n):
        for i in range(n):
            FeedbackItemFactory(process=process, owner=official, deadline=timezone.localdate() + timedelta(days=i - 3))

    client.force_login(official)
    _same_queries(client, reverse("dialogue:feedback_list"), fill, django_assert_max_num_queries)
    _same_queries(client, reverse("accounts:dashboard"), fill, django_assert_max_num_queries)


def test_a_proposals_page(client, process, resident, django_assert_max_num_queries):
    proposal = ProposalFactory(process=process)

    def fill(n):
        for _ in range(n):
            root = CommentFactory(process=process, proposal=proposal)
            CommentFactory(process=process, proposal=proposal, parent=root)

    client.force_login(resident)
    _same_queries(client, proposal.get_absolute_url(), fill, django_assert_max_num_queries)


def test_a_participants_page(client, process, resident, django_assert_max_num_queries):
    def fill(n):
        for _ in range(n):
            proposal = ProposalFactory(process=process, author=resident)
            FeedbackItemFactory(process=process, proposal=proposal)
            comment = CommentFactory(process=process, author=resident)
            FeedbackItemFactory(process=process, comment=comment)

    client.force_login(resident)
    _same_queries(client, reverse("dialogue:mine"), fill, django_assert_max_num_queries)
