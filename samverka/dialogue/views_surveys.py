"""Surveys (enkäter): the office builds, opens and closes a survey; participants answer it once;
the results are shown as SVG charts with their numbers beside them, and as CSV for the office.
Results are public once the survey is closed (free text answers stay with the office)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.accounts.ages import WaitsForGuardian, guardian_refusal
from samverka.actors.models import Actor
from samverka.actors.rules import actor_roles
from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page
from samverka.core.text import spreadsheet_safe

from . import selectors_surveys as selectors
from . import services_surveys as services
from .forms_surveys import AnswerForm, QuestionForm, SurveyForm
from .models import FeedbackItem, Process, Question, Survey
from .services import audience_refusal
from .views import login_if_denied


def _get_survey(request, pk, perm=None) -> Survey:
    return get_for_user(selectors.surveys_for(request.user).select_related("process__office"), request.user,
                        perm=perm, pk=pk)


def _get_question(request, pk) -> Question:
    question = get_for_user(Question.objects.filter(survey__in=selectors.surveys_for(request.user))
                            .select_related("survey__process"), request.user, pk=pk)
    if not request.user.has_perm("dialogue.change_survey", question.survey):
        raise PermissionDenied
    return question


def _questions(survey: Survey) -> list[Question]:
    return list(survey.questions.prefetch_related("options"))


# ---------------------------------------------------------------- pages everyone sees


@require_GET
def index(request):
    """The surveys one can see: open ones to answer, closed ones with results; for officials,
    their offices' drafts too, and the processes they may add a survey to."""
    surveys = selectors.surveys_for(request.user).order_by("-created_at", "pk")
    processes = [p for p in Process.objects.run_by(request.user).exclude(status=Process.Status.CLOSED)
                 if request.user.has_perm("dialogue.add_survey", p)]
    return render(request, "dialogue/survey_index.html", {"surveys": surveys, "processes": processes})


@require_GET
def survey(request, pk):
    survey = _get_survey(request, pk)
    user = request.user
    manage = user.has_perm("dialogue.change_survey", survey)
    if survey.status == Survey.Status.DRAFT and not manage:
        raise PermissionDenied
    may_answer = user.has_perm("dialogue.answer_survey", survey)
    answered = (may_answer and survey.respondent == Survey.Respondent.PERSON
                and services.has_answered(survey, user=user))
    feedback = FeedbackItem.objects.public().filter(survey=survey).first() if survey.status == "closed" else None
    context = {"survey": survey, "process": survey.process, "manage": manage,
               "questions": _questions(survey) if manage else [],
               "may_answer": may_answer and not answered, "answered": answered, "feedback": feedback,
               "guardian_refusal": guardian_refusal(user) if may_answer and not answered else None,
               "results": user.has_perm("dialogue.view_survey_results", survey),
               "answered_count": survey.responses.count() if manage else None}
    return render(request, "dialogue/survey.html", context)


@require_GET
@login_if_denied
@cache_public_page("dialogue")
def results(request, pk):
    survey = _get_survey(request, pk, perm="dialogue.view_survey_results")
    office = request.user.has_perm("dialogue.view_survey_answers", survey)
    return render(request, "dialogue/survey_results.html", {
        "survey": survey, "process": survey.process, "office": office,
        **selectors.results(survey, with_texts=office)})


@login_required
@require_GET
def results_csv(request, pk):
    survey = _get_survey(request, pk, perm="dialogue.view_survey_answers")
    writer = csv.writer(_Echo())
    rows = selectors.csv_rows(survey, with_names=not survey.anonymous)
    response = StreamingHttpResponse((writer.writerow([spreadsheet_safe(str(v)) for v in row]) for row in rows),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="enkat-{survey.pk}.csv"'
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


# ---------------------------------------------------------------- answering


def _actors_left(survey: Survey, user) -> list[Actor] | None:
    """For a survey per association: the user's actors that have not answered yet (None for a
    survey per person)."""
    if survey.respondent != Survey.Respondent.ACTOR:
        return None
    actors = Actor.objects.filter(pk__in=actor_roles(user)).order_by("name")
    return [a for a in actors if not services.has_answered(survey, actor=a)]


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    survey = _get_survey(request, pk)
    if request.method == "POST" and (done := already_done(request)):
        return redirect(done)
    if not request.user.has_perm("dialogue.answer_survey", survey):
        if survey.status == Survey.Status.DRAFT:
            raise PermissionDenied
        if (survey.respondent == Survey.Respondent.PERSON and request.user.is_authenticated
                and (refusal := audience_refusal(request.user, survey.process)) is not None):
            messages.info(request, refusal)
            return redirect(survey)
        messages.info(request, _("This survey does not take answers now."))
        return redirect(survey)
    actors = _actors_left(survey, request.user)
    if (actors == [] or actors is None and services.has_answered(survey, user=request.user)):
        messages.info(request, _("You have already answered this survey. Thank you! The first answer is kept."))
        return redirect(survey)
    questions = _questions(survey)
    form = AnswerForm(request.POST or None, questions=questions, actors=actors)
    if request.method == "POST" and form.is_valid():
        def save() -> str:
            services.answer(by=request.user, survey=survey, answers=form.answers, actor=form.actor)
            return survey.get_absolute_url()

        try:
            url = once(request, save)
        except WaitsForGuardian as error:  # the answers stay on the form, under the reason
            form.add_error(None, str(error))
        except ActionError as error:
            messages.info(request, str(error))
            return redirect(survey)
        else:
            messages.success(request, _("Thank you for your answer! The office reads every answer and tells what it "
                                        "did with them when the survey has closed."))
            return redirect(url)
    return render(request, "dialogue/survey_answer.html", {
        "survey": survey, "process": survey.process, "form": form, "guardian_refusal": guardian_refusal(request.user)})


# ---------------------------------------------------------------- the office


@login_required
@require_http_methods(["GET", "POST"])
def create(request, slug):
    process = get_for_user(Process.objects.visible_to(request.user), request.user, perm="dialogue.add_survey",
                           slug=slug)
    form = SurveyForm(request.POST or None)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            try:
                url = once(request, lambda: services.create_survey(by=request.user, process=process,
                                                                  data=form.cleaned_data).get_absolute_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The survey is saved as a draft. Add its questions, then open it."))
                return redirect(url)
    return render(request, "dialogue/survey_form.html", {"form": form, "process": process, "survey": None,
                                                         "back": process.get_absolute_url()})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    survey = _get_survey(request, pk, perm="dialogue.change_survey")
    form = SurveyForm(request.POST or None, instance=survey, answered=survey.responses.exists())
    if request.method == "POST" and form.is_valid():
        try:
            services.update_survey(by=request.user, survey=survey, data=form.cleaned_data)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The survey is saved."))
            return redirect(survey)
    return render(request, "dialogue/survey_form.html", {"form": form, "process": survey.process, "survey": survey,
                                                         "back": survey.get_absolute_url()})


@login_required
@require_http_methods(["GET", "POST"])
def question(request, pk=None, survey_pk=None):
    """Add a question to a survey (survey_pk) or change one (pk)."""
    if pk is not None:
        current = _get_question(request, pk)
        survey = current.survey
    else:
        current = None
        survey = _get_survey(request, survey_pk, perm="dialogue.change_survey")
    answered = current is not None and current.answers.exists()
    form = QuestionForm(request.POST or None, instance=current or Question(survey=survey), answered=answered)
    if request.method == "POST":
        if current is None and (done := already_done(request)):
            return redirect(done)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in QuestionForm.Meta.fields}

            def save() -> str:
                services.save_question(by=request.user, survey=survey, question=current, data=data,
                                       option_texts=form.option_texts, remove_options=form.remove_options,
                                       new_options=form.cleaned_data["new_options"])
                return survey.get_absolute_url()

            try:
                url = save() if current is not None else once(request, save)
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The question is saved."))
                return redirect(url)
    return render(request, "dialogue/survey_question.html", {"form": form, "survey": survey, "process": survey.process,
                                                             "current": current})


@login_required
@require_POST
def question_remove(request, pk):
    question = _get_question(request, pk)
    try:
        services.remove_question(by=request.user, question=question)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The question is removed."))
    return redirect(question.survey)


@login_required
@require_POST
def question_move(request, pk):
    question = _get_question(request, pk)
    services.move_question(by=request.user, question=question, up=request.POST.get("direction") == "up")
    return redirect(question.survey.get_absolute_url() + f"#question-{question.pk}")


@login_required
@require_POST
def open_survey(request, pk):
    survey = _get_survey(request, pk, perm="dialogue.change_survey")
    try:
        services.open_survey(by=request.user, survey=survey)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The survey is open. Participants can answer it while the process's survey "
                                    "phase is under way."))
    return redirect(survey)


@login_required
@require_POST
def close_survey(request, pk):
    survey = _get_survey(request, pk, perm="dialogue.change_survey")
    try:
        services.close_survey(by=request.user, survey=survey)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The survey is closed and its results are public. Give feedback on what it "
                                    "said: it is on the office's feedback list."))
    return redirect(survey)
