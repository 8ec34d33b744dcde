"""The open-data API: published processes with phases and public feedback, never drafts or
feedback kept private."""

import pytest
from django.utils import timezone

from samverka.dialogue.models import Process

from .factories import FeedbackItemFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def test_the_api_lists_published_processes_with_their_public_feedback(client, process, office):
    ProcessFactory(office=office, title="Hemligt utkast", status=Process.Status.DRAFT)
    FeedbackItemFactory(process=process, title="Synlig", status="given", response="Gjort", given_at=timezone.now())
    FeedbackItemFactory(process=process, title="Privat", status="given", response="Bara till dig",
                        given_at=timezone.now(), is_public=False)
    FeedbackItemFactory(process=process, title="Väntar")
    data = client.get("/api/v1/dialogue-processes/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [row["title"] for row in rows] == [process.title]
    assert [item["title"] for item in rows[0]["feedback"]] == ["Synlig"]
    assert rows[0]["phases"][0]["kind"] == "proposals"
