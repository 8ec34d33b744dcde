"""Every survey address by a visitor, a resident and an official of another office: the office's
pages are refused (log in, 403, or 404 for a draft they cannot see) and nothing changes; the
office that runs the process and an administrator get in."""

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import AuditEvent
from samverka.dialogue.models import FeedbackItem, Option, Question, Survey
from samverka.municipality.tests.factories import OfficeMembershipFactory

from .factories_surveys import QuestionFactory, SurveyFactory, five_kinds, open_survey_with_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_official(db):
    user = UserFactory(first_name="Ali", last_name="Hassan", email="ali@example.org")
    OfficeMembershipFactory(user=user, office__slug="socialkontoret", office__name="Socialkontoret")
    return user


@pytest.fixture
def outsider(request, resident, other_official):
    return {"anonymous": None, "resident": resident, "other_official": other_official}[request.param]


OUTSIDERS = ["anonymous", "resident", "other_official"]


def snapshot():
    return (list(Survey.objects.values_list("pk", "title", "status", "respondent", "anonymous")),
            list(Question.objects.values_list("pk", "text", "position")), Option.objects.count(),
            FeedbackItem.objects.count(), AuditEvent.objects.count())


def office_requests(survey, question):
    """(method, address, data) of every page of the office."""
    change = {"kind": "choice", "text": "Ändrad", "required": "on", "scale_min": "1", "scale_max": "5",
              "new_options": "X\nY"}
    return [
        ("get", reverse("dialogue:survey_create", args=[survey.process.slug]), {}),
        ("post", reverse("dialogue:survey_create", args=[survey.process.slug]),
         {"title": "Intrång", "respondent": "person"}),
        ("get", reverse("dialogue:survey_edit", args=[survey.pk]), {}),
        ("post", reverse("dialogue:survey_edit", args=[survey.pk]), {"title": "Intrång", "respondent": "actor"}),
        ("get", reverse("dialogue:survey_question_add", args=[survey.pk]), {}),
        ("post", reverse("dialogue:survey_question_add", args=[survey.pk]), change),
        ("get", reverse("dialogue:survey_question", args=[question.pk]), {}),
        ("post", reverse("dialogue:survey_question", args=[question.pk]), change),
        ("post", reverse("dialogue:survey_question_remove", args=[question.pk]), {}),
        ("post", reverse("dialogue:survey_question_move", args=[question.pk]), {"direction": "up"}),
        ("post", reverse("dialogue:survey_open", args=[survey.pk]), {}),
        ("post", reverse("dialogue:survey_close", args=[survey.pk]), {}),
        ("get", reverse("dialogue:survey_csv", args=[survey.pk]), {}),
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
@pytest.mark.parametrize("status", [Survey.Status.DRAFT, Survey.Status.OPEN])
def test_the_office_pages_are_refused_to_others_and_nothing_changes(client, outsider, status, official):
    survey = open_survey_with_phase(status=status)
    questions = five_kinds(survey)
    QuestionFactory(survey=survey, text="Andra frågan")
    question = questions["scale"]
    if outsider is not None:
        client.force_login(outsider)
    before = snapshot()
    for method, address, data in office_requests(survey, question):
        response = getattr(client, method)(address, data)
        if outsider is None:
            assert response.status_code == 302 and "/login/" in response["Location"], address
        elif status == Survey.Status.DRAFT and "/enkater/ny/" not in address:
            assert response.status_code == 404, address  # a draft is not even shown
        else:
            assert response.status_code == 403, address
    assert snapshot() == before


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
def test_a_draft_is_not_shown_to_others(client, outsider):
    survey = SurveyFactory(status=Survey.Status.DRAFT, title="Hemlig enkät")
    if outsider is not None:
        client.force_login(outsider)
    for name in ("dialogue:survey", "dialogue:survey_results", "dialogue:survey_answer"):
        response = client.get(reverse(name, args=[survey.pk]))
        assert response.status_code in ((302,) if outsider is None and name == "dialogue:survey_answer" else (404,))
    assert "Hemlig enkät" not in client.get(reverse("dialogue:surveys")).content.decode()


@pytest.mark.parametrize("outsider", OUTSIDERS, indirect=True)
def test_an_open_survey_is_shown_and_its_results_wait_until_it_closes(client, outsider):
    survey = open_survey_with_phase()
    if outsider is not None:
        client.force_login(outsider)
    assert client.get(reverse("dialogue:survey", args=[survey.pk])).status_code == 200
    waiting = client.get(reverse("dialogue:survey_results", args=[survey.pk]))
    if outsider is None:  # a signed-out visitor is sent to log in (an office's people could see them)
        assert waiting.status_code == 302 and waiting["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert waiting.status_code == 403
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    assert client.get(reverse("dialogue:survey_results", args=[survey.pk])).status_code == 200


@pytest.mark.parametrize("who", ["official", "administrator"])
def test_the_office_and_an_administrator_get_in(client, who, request):
    survey = SurveyFactory(status=Survey.Status.DRAFT)
    QuestionFactory(survey=survey)
    client.force_login(request.getfixturevalue(who))
    for name in ("dialogue:survey", "dialogue:survey_edit", "dialogue:survey_question_add", "dialogue:survey_results",
                 "dialogue:survey_csv"):
        assert client.get(reverse(name, args=[survey.pk])).status_code == 200, name
    assert client.get(reverse("dialogue:survey_create", args=[survey.process.slug])).status_code == 200
