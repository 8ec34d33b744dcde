"""Two representatives of one association press "Send" at the same moment: one answer is sent,
one feedback item is opened, and the second is told it was already sent, by whom. Each press is
a thread with its own database connection going through the real view; `select_for_update` on
the answer row is what is tested, so this runs only where rows are locked. Run it with
`DATABASE_URL=postgres://… pytest -p no:xdist samverka/dialogue/tests/test_consultations_concurrency.py`."""

import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash
from samverka.dialogue.models import ConsultationAnswer, FeedbackItem
from samverka.dialogue.services_consultations import save_answer

from .factories_consultations import *  # noqa: F403  (its fixtures)


@pytest.mark.django_db(transaction=True)
def test_two_representatives_sending_at_once_send_one_answer(monkeypatch, actor_recipient, representative, editor):
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) are what is tested; SQLite locks the whole database")
    question = actor_recipient.consultation.questions.first()
    save_answer(by=representative, recipient=actor_recipient, summary="Vårt gemensamma svar.",
                parts={question.pk: "Vid 75 år."}, revision=0)
    # A slow moment between reading the answer and writing it back, so that a missing lock shows
    # as two sends instead of hiding behind the test's own timing.
    save = ConsultationAnswer.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.1)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(ConsultationAnswer, "save", slow_save)
    url = reverse("dialogue:consultation_send_answer", args=[actor_recipient.pk])
    barrier = threading.Barrier(2)
    said: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def press(user) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=30)
            response = client.post(url, {"revision": 1})
            assert response.status_code == 302
            said[user.email] = flash(response)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(user,)) for user in (representative, editor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    answer = ConsultationAnswer.objects.get(recipient=actor_recipient)
    assert answer.status == "sent"
    assert FeedbackItem.objects.filter(answer=answer).count() == 1
    assert AuditEvent.objects.filter(action="answer.send").count() == 1
    loser = editor if answer.sent_by == representative else representative
    assert any(answer.sent_by.display_name in m for m in said[loser.email]), said
