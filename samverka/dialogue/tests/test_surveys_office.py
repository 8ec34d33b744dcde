"""The office builds a survey: its questions of five kinds with options, their order, opening
and closing (which opens a feedback item); and changing it after answers came in: wording may
change and the answers keep what was asked, nothing with answers is removed."""

import pytest
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.dialogue import services_feedback
from samverka.dialogue.models import FeedbackItem, Option, Question, ResponseAnswer, Survey

from .factories_surveys import (
    QuestionFactory,
    SurveyFactory,
    SurveyProcessFactory,
    five_kinds,
    open_survey_with_phase,
    post_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(official):
    return SurveyProcessFactory(contact=official)


def question_data(**fields):
    data = {"kind": "choice", "text": "Hur ofta träffas ni?", "help_text": "", "required": "on", "scale_min": "1",
            "scale_max": "5", "scale_min_label": "", "scale_max_label": "", "new_options": ""}
    data.update(fields)
    return data


def test_an_official_creates_a_survey_with_five_kinds_of_questions_and_opens_it(client, official, process):
    client.force_login(official)
    response = client.post(reverse("dialogue:survey_create", args=[process.slug]), {
        "title": "Enkät om samverkan", "intro": "Berätta hur ni ser på samverkan.", "respondent": "actor",
        "submission_token": "t1"})
    survey = Survey.objects.get()
    assert response["Location"] == survey.get_absolute_url()
    assert (survey.process, survey.status, survey.respondent) == (process, Survey.Status.DRAFT, "actor")
    add = reverse("dialogue:survey_question_add", args=[survey.pk])
    client.post(add, question_data(kind="choice", text="Har ni samverkat?", new_options="Ja\nNej\n\n"))
    client.post(add, question_data(kind="multiple", text="Hur?", new_options="Bidrag\nLokaler\nAktiviteter"))
    client.post(add, question_data(kind="scale", text="Hur nöjda?", scale_min="0", scale_max="10",
                                   scale_min_label="Inte alls", scale_max_label="Helt"))
    client.post(add, question_data(kind="text", text="Vad saknas?", required=""))
    client.post(add, question_data(kind="ranking", text="Vad är viktigast?", new_options="A\nB\nC"))
    assert list(survey.questions.values_list("kind", flat=True)) == ["choice", "multiple", "scale", "text", "ranking"]
    assert list(Question.objects.get(text="Har ni samverkat?").options.values_list("text", flat=True)) == ["Ja", "Nej"]
    scale = Question.objects.get(kind="scale")
    assert (scale.scale_min, scale.scale_max, scale.scale_max_label) == (0, 10, "Helt")
    assert not Question.objects.get(kind="text").required
    page = client.get(survey.get_absolute_url()).content.decode()
    assert page.index("Har ni samverkat?") < page.index("Vad är viktigast?")
    client.post(reverse("dialogue:survey_open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    assert set(AuditEvent.objects.filter(user=official).values_list("action", flat=True)) >= {
        "survey.create", "survey.question", "survey.open"}


def test_a_double_submit_creates_one_survey(client, official, process):
    client.force_login(official)
    data = {"title": "Enkät", "respondent": "person", "submission_token": "same"}
    first = client.post(reverse("dialogue:survey_create", args=[process.slug]), data)
    second = client.post(reverse("dialogue:survey_create", args=[process.slug]), data)
    assert first["Location"] == second["Location"] and Survey.objects.count() == 1


def test_bad_questions_are_refused_next_to_the_field(client, official, process):
    survey = SurveyFactory(process=process, status=Survey.Status.DRAFT)
    client.force_login(official)
    add = reverse("dialogue:survey_question_add", args=[survey.pk])
    page = client.post(add, question_data(kind="ranking", text="Vad är viktigast?", new_options="Bara en")
                       ).content.decode()
    assert says("Write at least two options, one per line.") in page and "Vad är viktigast?" in page
    page = client.post(add, question_data(kind="scale", text="Hur nöjd?", scale_min="5", scale_max="5")
                       ).content.decode()
    assert says("Make the highest step bigger than the lowest, at most %(n)s steps.", n=11) in page
    assert not survey.questions.exists()


def test_a_survey_without_questions_cannot_open(client, official, process):
    survey = SurveyFactory(process=process, status=Survey.Status.DRAFT)
    client.force_login(official)
    response = client.post(reverse("dialogue:survey_open", args=[survey.pk]))
    assert says("Add at least one question before you open the survey.") in flash(response)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_questions_move_up_and_down(client, official, process):
    survey = SurveyFactory(process=process, status=Survey.Status.DRAFT)
    first, second, third = (QuestionFactory(survey=survey, text=t, position=i) for i, t in enumerate("ABC", 1))
    client.force_login(official)
    client.post(reverse("dialogue:survey_question_move", args=[third.pk]), {"direction": "up"})
    assert list(survey.questions.values_list("text", flat=True)) == ["A", "C", "B"]
    client.post(reverse("dialogue:survey_question_move", args=[first.pk]), {"direction": "down"})
    assert list(survey.questions.values_list("text", flat=True)) == ["C", "A", "B"]
    client.post(reverse("dialogue:survey_question_move", args=[second.pk]), {"direction": "down"})  # already last
    assert list(survey.questions.values_list("text", flat=True)) == ["C", "A", "B"]


def test_closing_opens_a_feedback_item_and_publishes_the_results(client, official, process):
    survey = open_survey_with_phase(process=process)
    five_kinds(survey)
    client.force_login(official)
    client.post(reverse("dialogue:survey_close", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED
    item = FeedbackItem.objects.get(survey=survey)
    assert (item.process, item.office, item.owner, item.status) == (process, process.office, official, "open")
    assert survey.title in item.title
    # Closing twice opens no second item.
    response = client.post(reverse("dialogue:survey_close", args=[survey.pk]))
    assert says("Only an open survey can be closed.") in flash(response)
    assert FeedbackItem.objects.count() == 1
    client.logout()
    assert client.get(reverse("dialogue:survey_results", args=[survey.pk])).status_code == 200


@pytest.fixture
def answered(client, official, process, resident):
    """A survey of five questions, answered once by Lina."""
    survey = open_survey_with_phase(process=process)
    questions = five_kinds(survey)
    client.force_login(resident)
    client.post(reverse("dialogue:survey_answer", args=[survey.pk]), post_for(questions))
    client.force_login(official)
    return survey, questions


def test_wording_may_change_after_answers_and_the_answers_keep_what_was_asked(client, answered):
    survey, questions = answered
    choice = questions["choice"]
    yes = choice.options.get(text="Ja")
    texts = {f"option_{o.pk}": o.text for o in choice.options.all()} | {f"option_{yes.pk}": "Ja, ofta"}
    response = client.post(reverse("dialogue:survey_question", args=[choice.pk]), question_data(
        kind="ranking", text="Har er förening samverkat med kommunen?", new_options="Ja, ibland", **texts))
    assert response.status_code == 302
    choice.refresh_from_db()
    assert choice.text == "Har er förening samverkat med kommunen?"
    assert choice.kind == "choice"  # the kind is locked once answered
    assert list(choice.options.values_list("text", flat=True)) == ["Ja, ofta", "Nej", "Vet inte", "Ja, ibland"]
    kept = ResponseAnswer.objects.get(question=choice)
    assert (kept.question_text, kept.option_text, kept.option_id) == ("Har ni samverkat med kommunen?", "Ja", yes.pk)


def test_an_option_or_question_with_answers_is_not_removed(client, answered):
    survey, questions = answered
    choice = questions["choice"]
    yes, no, unknown = choice.options.all()
    texts = {f"option_{o.pk}": o.text for o in (yes, no, unknown)}
    page = client.post(reverse("dialogue:survey_question", args=[choice.pk]), question_data(
        text=choice.text, **texts, **{f"remove_{yes.pk}": "on"})).content.decode()
    assert says("An option people have chosen cannot be removed; change its wording instead.") in page
    assert Option.objects.filter(pk=yes.pk).exists()
    # An option nobody chose may go.
    client.post(reverse("dialogue:survey_question", args=[choice.pk]), question_data(
        text=choice.text, **texts, **{f"remove_{unknown.pk}": "on"}))
    assert list(choice.options.values_list("text", flat=True)) == ["Ja", "Nej"]
    response = client.post(reverse("dialogue:survey_question_remove", args=[choice.pk]))
    assert says("People have answered this question, so it cannot be removed. Change its wording or close the "
                "survey instead.") in flash(response)
    assert Question.objects.filter(pk=choice.pk).exists()
    assert ResponseAnswer.objects.filter(question=choice).count() == 1


def test_who_answers_and_anonymity_are_locked_after_answers(client, answered):
    survey, _questions = answered
    response = client.post(reverse("dialogue:survey_edit", args=[survey.pk]), {
        "title": "Enkät om fritiden 2026", "intro": "", "respondent": "actor", "anonymous": "on"})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.respondent, survey.anonymous) == ("Enkät om fritiden 2026", "person", False)


def test_a_question_without_answers_is_removed(client, official, process):
    survey = SurveyFactory(process=process, status=Survey.Status.DRAFT)
    question = QuestionFactory(survey=survey)
    client.force_login(official)
    client.post(reverse("dialogue:survey_question_remove", args=[question.pk]))
    assert not Question.objects.exists()


def test_the_scale_of_an_answered_question_is_locked(client, answered):
    _survey, questions = answered
    scale = questions["scale"]
    response = client.post(reverse("dialogue:survey_question", args=[scale.pk]), question_data(
        kind="scale", text="Hur nöjda är ni i dag?", scale_min="0", scale_max="10", scale_min_label="Inte alls",
        scale_max_label="Mycket"))
    assert response.status_code == 302
    scale.refresh_from_db()
    assert (scale.text, scale.scale_min, scale.scale_max) == ("Hur nöjda är ni i dag?", 1, 5)
    assert ResponseAnswer.objects.get(question=scale).number == 4


def test_the_feedback_on_a_closed_survey_shows_on_its_page(client, official, process):
    survey = open_survey_with_phase(process=process)
    five_kinds(survey)
    client.force_login(official)
    client.post(reverse("dialogue:survey_close", args=[survey.pk]))
    services_feedback.give(by=official, item=FeedbackItem.objects.get(survey=survey),
                           response="Vi förlänger öppettiderna på fredagar.")
    client.logout()
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "Vi förlänger öppettiderna på fredagar." in page


def test_an_open_survey_keeps_its_last_question_and_a_closed_one_takes_no_new(client, official, process):
    survey = open_survey_with_phase(process=process)
    only = QuestionFactory(survey=survey)
    client.force_login(official)
    response = client.post(reverse("dialogue:survey_question_remove", args=[only.pk]))
    assert says("An open survey needs at least one question.") in flash(response)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    page = client.post(reverse("dialogue:survey_question_add", args=[survey.pk]),
                       question_data(new_options="Ja\nNej")).content.decode()
    assert says("The survey is closed: no questions can be added.") in page
    assert list(survey.questions.all()) == [only]
