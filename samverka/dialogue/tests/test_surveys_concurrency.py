"""Eight representatives of one association answer its survey at the same moment: one answer is
kept, every one of them gets a page (no error), on SQLite and on PostgreSQL. Each thread is one
visitor with its own database connection going through the real view."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.activities.tests.test_concurrency import database_as_in_production  # noqa: F401
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import MembershipFactory
from samverka.dialogue.models import Response, ResponseAnswer, Survey

from .factories_surveys import five_kinds, open_survey_with_phase, post_for

PEOPLE = 8


@pytest.mark.django_db(transaction=True)
def test_simultaneous_answers_for_one_actor_keep_one(request, actor):
    survey = open_survey_with_phase(respondent=Survey.Respondent.ACTOR)
    questions = five_kinds(survey)
    people = [UserFactory() for _ in range(PEOPLE)]
    for person in people:
        MembershipFactory(actor=actor, user=person, role=ActorMembership.Role.EDITOR)
    url = reverse("dialogue:survey_answer", args=[survey.pk])
    request.getfixturevalue("database_as_in_production")  # after the data is written
    barrier = threading.Barrier(PEOPLE)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def representative(n: int) -> None:
        try:
            client = Client()
            client.force_login(people[n])
            data = post_for(questions, actor=str(actor.pk), submission_token=f"token-{n}",
                            **{f"q{questions['scale'].pk}": str(1 + n % 5)})
            barrier.wait(timeout=30)
            statuses.append(client.post(url, data).status_code)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=representative, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert statuses == [302] * PEOPLE
    response = Response.objects.get()
    assert response.actor == actor
    assert ResponseAnswer.objects.filter(response=response, question=questions["scale"]).count() == 1
