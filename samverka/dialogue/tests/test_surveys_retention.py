"""Survey answers are personal data: the process's retention rule anonymises them (who answered
removed, the answers and free text kept) or erases them once the process has been closed for
`retention_days`; once done, the process is marked and left alone. A person's own answers are
listed in their data and lose their name when the account goes."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from samverka.dialogue import privacy, services_surveys, tasks
from samverka.dialogue.models import Process, Response, ResponseAnswer

from .factories_surveys import five_kinds, open_survey_with_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(resident):
    survey = open_survey_with_phase(process__retention_days=30)
    questions = five_kinds(survey)
    services_surveys.answer(by=resident, survey=survey, answers={
        questions["scale"]: 4, questions["text"]: "Fler kvällsaktiviteter."})
    process = survey.process
    process.status, process.closed_at = Process.Status.CLOSED, timezone.now()
    process.save()
    return survey


def test_answers_are_anonymised_after_the_retention_period(answered, resident):
    key = Response.objects.get().respondent_key
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        tasks.survey_retention.enqueue()
    assert Response.objects.get().respondent == resident  # not yet
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        tasks.survey_retention.enqueue()
    response = Response.objects.get()
    assert response.respondent is None and response.actor is None
    assert response.respondent_key != key and response.respondent_key.startswith(services_surveys.ANONYMISED)
    assert ResponseAnswer.objects.get(text__isnull=False, number__isnull=True).text == "Fler kvällsaktiviteter."
    assert ResponseAnswer.objects.count() == 2
    answered.process.refresh_from_db()
    assert answered.process.retention_done_at is not None
    assert not services_surveys.personal_data(resident)["survey_responses"]


def test_answers_are_erased_when_the_process_says_so(answered):
    Process.objects.filter(pk=answered.process_id).update(after_retention=Process.AfterRetention.ERASE)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        tasks.survey_retention.enqueue()
    assert not Response.objects.exists() and not ResponseAnswer.objects.exists()


def test_a_process_done_is_left_alone(answered, resident):
    Process.objects.filter(pk=answered.process_id).update(retention_done_at=timezone.now())
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert privacy.expire(now=timezone.now()) == 0
    assert Response.objects.get().respondent == resident


def test_an_open_process_keeps_its_answers(answered, resident):
    Process.objects.filter(pk=answered.process_id).update(status=Process.Status.OPEN)
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        assert privacy.expire(now=timezone.now()) == 0
    assert Response.objects.get().respondent == resident


def test_a_persons_answers_are_theirs_to_see_and_lose_their_name_when_the_account_goes(answered, resident):
    data = services_surveys.personal_data(resident)["survey_responses"]
    assert data[0]["survey"] == answered.title
    assert {"question": "Vad borde bli bättre?", "answer": "Fler kvällsaktiviteter."} in data[0]["answers"]
    assert services_surveys.erase(resident) == 1
    assert Response.objects.get().respondent is None and ResponseAnswer.objects.count() == 2
