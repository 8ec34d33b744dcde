"""A consultation's page, the compiled report and the list of consultations to answer cost the
same number of queries with few recipients and answers as with many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import AssociationFactory, MembershipFactory
from samverka.dialogue.models import Recipient
from samverka.dialogue.services_consultations import save_answer, send_answer

from .factories_consultations import *  # noqa: F403  (its fixtures)
from .factories_consultations import SentConsultationFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(consultation, representative, n):
    """n more associations asked, each with an answer sent by its representative; and n more
    consultations asking Eva's association."""
    questions = list(consultation.questions.all())
    for _ in range(n):
        actor = AssociationFactory()
        MembershipFactory(actor=actor, user=representative, role=ActorMembership.Role.EDITOR)
        representative.__dict__.pop("_actor_memberships", None)  # asked again, as on a new request
        recipient = Recipient.objects.create(consultation=consultation, actor=actor)
        save_answer(by=representative, recipient=recipient, summary="Svar.",
                    parts={q.pk: "Ja." for q in questions}, revision=0)
        send_answer(by=representative, recipient=recipient, revision=1)
        other = SentConsultationFactory(process=consultation.process)
        Recipient.objects.create(consultation=other, actor=actor)


def test_pages_cost_the_same_with_more_recipients_and_answers(client, actor_recipient, council_recipient,
                                                              representative, ali):
    consultation = actor_recipient.consultation
    pages = {
        ali: [consultation.get_absolute_url(), reverse("dialogue:consultation_report", args=[consultation.pk]),
              reverse("dialogue:consultations")],
        representative: [consultation.get_absolute_url(), reverse("dialogue:consultations")],
    }
    grow(consultation, representative, 2)
    before = {}
    for user, urls in pages.items():
        client.force_login(user)
        before.update({(user.pk, url): queries(client, url) for url in urls})
    grow(consultation, representative, 12)
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            assert queries(client, url) == before[(user.pk, url)], url
