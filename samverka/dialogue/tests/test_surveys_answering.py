"""Answering a survey: the form built from its five kinds of questions, required answers, a
tampered option, one answer per person or per association (a keyed hash, no name when
anonymous), a second answer refused with the first kept, double submits, and the phase."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import MembershipFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.dialogue import services_surveys
from samverka.dialogue.models import Response, ResponseAnswer, Survey

from .factories_surveys import five_kinds, open_survey_with_phase, post_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return open_survey_with_phase()


@pytest.fixture
def questions(survey):
    return five_kinds(survey)


def url(survey):
    return reverse("dialogue:survey_answer", args=[survey.pk])


def test_the_form_has_a_control_for_each_kind(client, resident, survey, questions):
    client.force_login(resident)
    page = client.get(url(survey)).content.decode()
    q = questions
    assert page.count(f'name="q{q["choice"].pk}" type="radio"') + page.count(f'type="radio" name="q{q["choice"].pk}"') == 3
    assert page.count(f'name="q{q["multiple"].pk}"') == 3 and 'type="checkbox"' in page
    assert page.count(f'name="q{q["scale"].pk}"') == 5
    assert f'<textarea name="q{q["text"].pk}"' in page
    for option in q["ranking"].options.all():
        assert f'<select name="q{q["ranking"].pk}_{option.pk}"' in page
    assert "Inte alls" in page and "Mycket" in page
    assert 'name="submission_token"' in page


def test_an_answer_is_saved_with_what_was_asked(client, resident, survey, questions):
    client.force_login(resident)
    response = client.post(url(survey), post_for(questions), follow=True)
    assert says("Thank you for your answer! The office reads every answer and tells what it did with them when "
                "the survey has closed.") in response.content.decode()
    saved = Response.objects.get(survey=survey)
    assert saved.respondent == resident and saved.actor is None
    assert saved.respondent_key == services_surveys.respondent_key(survey, user=resident)
    answers = ResponseAnswer.objects.filter(response=saved)
    assert answers.get(question=questions["choice"]).option_text == "Ja"
    assert sorted(answers.filter(question=questions["multiple"]).values_list("option_text", flat=True)) == [
        "Bidrag", "Lokaler"]
    assert answers.get(question=questions["scale"]).number == 4
    assert answers.get(question=questions["text"]).text == "Mer tid för remisser."
    ranked = answers.filter(question=questions["ranking"]).order_by("number")
    assert [(a.number, a.option_text) for a in ranked] == [(1, "En väg in"), (2, "Återkoppling"), (3, "Tidig dialog")]
    assert all(a.question_text == a.question.text for a in answers)


def test_required_answers_are_asked_for_and_what_was_given_is_kept(client, resident, survey, questions):
    client.force_login(resident)
    data = post_for(questions)
    del data[f"q{questions['choice'].pk}"]
    del data[f"q{questions['multiple'].pk}"]
    response = client.post(url(survey), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert says("Answer this question.") in page and says("Choose at least one option.") in page
    assert 'value="4" checked' in page.replace(" required", "") or 'checked' in page
    assert "Mer tid för remisser." in page
    assert not Response.objects.exists()


def test_an_optional_question_may_be_left_empty(client, resident, survey, questions):
    client.force_login(resident)
    client.post(url(survey), post_for(questions, **{f"q{questions['text'].pk}": ""}))
    saved = Response.objects.get()
    assert not saved.answers.filter(question=questions["text"]).exists()


@pytest.mark.parametrize("kind", ["choice", "multiple"])
def test_a_tampered_option_is_refused_and_nothing_saved(client, resident, survey, questions, kind):
    other = five_kinds(open_survey_with_phase())[kind].options.first()
    value = str(other.pk) if kind == "choice" else [str(other.pk)]
    client.force_login(resident)
    response = client.post(url(survey), post_for(questions, **{f"q{questions[kind].pk}": value}))
    assert response.status_code == 200
    assert says("Choose one of the options shown.") in response.content.decode()
    assert not Response.objects.exists() and not ResponseAnswer.objects.exists()


def test_a_tampered_scale_step_is_refused(client, resident, survey, questions):
    client.force_login(resident)
    response = client.post(url(survey), post_for(questions, **{f"q{questions['scale'].pk}": "9"}))
    assert says("Choose one of the options shown.") in response.content.decode()
    assert not Response.objects.exists()


def test_a_ranking_uses_each_place_once(client, resident, survey, questions):
    client.force_login(resident)
    ranking = questions["ranking"]
    first, second, third = ranking.options.all()
    twice = {f"q{ranking.pk}_{first.pk}": "1", f"q{ranking.pk}_{second.pk}": "1", f"q{ranking.pk}_{third.pk}": "2"}
    response = client.post(url(survey), post_for(questions, **twice))
    assert says("Use each place once: %(places)s.", places="1, 2, 3") in response.content.decode()
    partly = {f"q{ranking.pk}_{first.pk}": "1", f"q{ranking.pk}_{second.pk}": "", f"q{ranking.pk}_{third.pk}": "2"}
    response = client.post(url(survey), post_for(questions, **partly))
    assert says("Give every option a place, or leave them all empty.") in response.content.decode()
    tampered = {f"q{ranking.pk}_{first.pk}": "7"}
    response = client.post(url(survey), post_for(questions, **tampered))
    assert says("Choose a place from the list.") in response.content.decode()
    assert not Response.objects.exists()


def test_one_answer_per_person_the_first_is_kept(client, resident, survey, questions):
    client.force_login(resident)
    client.post(url(survey), post_for(questions))
    # A second visit is told so, and a second, different post (its own token) changes nothing.
    response = client.get(url(survey))
    assert response.status_code == 302
    assert says("You have already answered this survey. Thank you! The first answer is kept.") in flash(response)
    again = post_for(questions, **{f"q{questions['scale'].pk}": "1", "submission_token": "another-token"})
    client.post(url(survey), again)
    assert Response.objects.count() == 1
    assert ResponseAnswer.objects.get(question=questions["scale"]).number == 4


def test_two_posts_at_once_save_one_answer(resident, survey, questions):
    """Both posts passed the page's check; the second reaches the service: the unique key refuses it."""
    services_surveys.answer(by=resident, survey=survey, answers={questions["scale"]: 3})
    with pytest.raises(services_surveys.ActionError):
        services_surveys.answer(by=resident, survey=survey, answers={questions["scale"]: 5})
    assert Response.objects.count() == 1 and ResponseAnswer.objects.get().number == 3


def test_a_double_submit_creates_one_answer(client, resident, survey, questions):
    client.force_login(resident)
    data = post_for(questions, submission_token="same-token")
    first = client.post(url(survey), data)
    second = client.post(url(survey), data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == survey.get_absolute_url()
    assert Response.objects.count() == 1
    assert ResponseAnswer.objects.filter(question=questions["multiple"]).count() == 2


def test_an_anonymous_survey_keeps_no_respondent(client, resident):
    survey = open_survey_with_phase(anonymous=True)
    questions = five_kinds(survey)
    client.force_login(resident)
    client.post(url(survey), post_for(questions))
    saved = Response.objects.get()
    assert saved.respondent is None and saved.actor is None
    assert saved.respondent_key == services_surveys.respondent_key(survey, user=resident)  # a keyed hash
    assert AuditEvent.objects.get(action="survey.answer").user is None
    # Still one answer per person.
    response = client.get(url(survey))
    assert response.status_code == 302 and not services_surveys.personal_data(resident)["survey_responses"]


def test_a_survey_per_association_is_answered_once_per_actor(client, actor, representative, editor):
    survey = open_survey_with_phase(respondent=Survey.Respondent.ACTOR)
    questions = five_kinds(survey)
    client.force_login(representative)
    page = client.get(url(survey)).content.decode()
    assert "Parkinson Ekerö" in page
    client.post(url(survey), post_for(questions, actor=str(actor.pk)))
    saved = Response.objects.get()
    assert saved.actor == actor and saved.respondent == representative
    assert saved.respondent_key == services_surveys.respondent_key(survey, actor=actor)
    # Another representative of the same actor: already answered.
    client.force_login(editor)
    response = client.get(url(survey))
    assert response.status_code == 302
    assert says("You have already answered this survey. Thank you! The first answer is kept.") in flash(response)
    assert Response.objects.count() == 1


def test_only_someone_who_acts_for_the_actor_answers_for_it(client, actor, other_actor):
    survey = open_survey_with_phase(respondent=Survey.Respondent.ACTOR)
    questions = five_kinds(survey)
    user = UserFactory()
    MembershipFactory(actor=other_actor, user=user, role=ActorMembership.Role.EDITOR)
    client.force_login(user)
    response = client.post(url(survey), post_for(questions, actor=str(actor.pk)))
    assert says("Choose one of the associations shown.") in response.content.decode()
    assert not Response.objects.exists()
    # A resident who acts for no actor may not answer at all.
    client.force_login(UserFactory())
    response = client.get(url(survey))
    assert response.status_code == 302 and says("This survey does not take answers now.") in flash(response)


def test_answers_only_while_the_survey_phase_is_under_way(client, resident, survey, questions):
    client.force_login(resident)
    with time_machine.travel(timezone.now() + timedelta(days=25)):
        client.force_login(resident)
        response = client.post(url(survey), post_for(questions))
        assert response.status_code == 302 and says("This survey does not take answers now.") in flash(response)
    with time_machine.travel(timezone.now() - timedelta(days=11)):
        client.force_login(resident)
        assert client.post(url(survey), post_for(questions)).status_code == 302
    assert not Response.objects.exists()
    client.force_login(resident)
    assert client.post(url(survey), post_for(questions)).status_code == 302
    assert Response.objects.count() == 1


def test_a_closed_survey_takes_no_answers(client, resident, survey, questions):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    client.force_login(resident)
    response = client.post(url(survey), post_for(questions))
    assert says("This survey does not take answers now.") in flash(response)
    assert not Response.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, survey, questions):
    response = client.post(url(survey), post_for(questions))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Response.objects.exists()


def test_the_survey_page_says_what_one_may_do(client, resident, survey, questions):
    client.force_login(resident)
    page = client.get(survey.get_absolute_url()).content.decode()
    assert reverse("dialogue:survey_answer", args=[survey.pk]) in page
    client.post(url(survey), post_for(questions))
    page = client.get(survey.get_absolute_url()).content.decode()
    assert says("You have answered this survey. Thank you!") in page
    assert reverse("dialogue:survey_answer", args=[survey.pk]) not in page


def test_what_you_can_do_now_links_to_the_survey_and_the_follow_form(client, resident, survey):
    client.force_login(resident)
    page = client.get(survey.process.get_absolute_url()).text
    assert f'<a href="{survey.get_absolute_url()}">{says("Answer the survey")}</a>' in page
    assert f'<a href="#follow">{says("Follow the dialogue")}</a>' in page
    assert 'id="follow"' in page
    open_survey_with_phase(process=survey.process, title="Enkät två")  # two open: to the list of surveys
    page = client.get(survey.process.get_absolute_url()).text
    assert f'<a href="#surveys-title">{says("Answer the survey")}</a>' in page
