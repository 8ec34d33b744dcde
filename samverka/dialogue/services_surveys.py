"""Every change to surveys (enkäter): the office builds a survey and its questions, opens and
closes it; a participant answers once (per person, or per association); the process's retention
rule anonymises or erases the answers. Keyword-only, `by=` the acting user, atomic, checked
against rules.py, audited.

Changing a survey after answers came in: the wording of the survey, its questions and options
may change (each answer keeps what was asked and chosen, `ResponseAnswer.question_text` and
`option_text`); who answers, whether it is anonymous and a question's kind may not; a question or
an option that has answers cannot be removed (ActionError), so no answer is ever lost. New options
may be added."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import CharField, Max, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _

from samverka.accounts.ages import require_guardian
from samverka.actors.rules import acts_for
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError

from . import services_feedback
from .models import Option, Process, Question, Response, ResponseAnswer, Survey

SURVEY_FIELDS = ("title", "intro", "respondent", "anonymous")
LOCKED_AFTER_ANSWERS = ("respondent", "anonymous")
QUESTION_FIELDS = ("kind", "text", "help_text", "required", "scale_min", "scale_max", "scale_min_label",
                   "scale_max_label")
LOCKED_QUESTION = ("kind", "scale_min", "scale_max")
WITH_OPTIONS = (Question.Kind.CHOICE, Question.Kind.MULTIPLE, Question.Kind.RANKING)


def _changed() -> None:
    versions.renew("dialogue")


def _has_answers(survey: Survey) -> bool:
    return survey.responses.exists()


def respondent_key(survey: Survey, *, user=None, actor=None) -> str:
    """One answer per person (or per actor) without keeping who answered: a keyed hash of the
    survey and the person's (or the actor's) id."""
    who = f"actor:{actor.pk}" if actor is not None else f"user:{user.pk}"
    return hmac.new(settings.SECRET_KEY.encode(), f"survey:{survey.pk}:{who}".encode(), hashlib.sha256).hexdigest()


def has_answered(survey: Survey, *, user=None, actor=None) -> bool:
    return Response.objects.filter(survey=survey, respondent_key=respondent_key(survey, user=user, actor=actor)
                                   ).exists()


# ---------------------------------------------------------------- the office builds the survey


@transaction.atomic
def create_survey(*, by, process: Process, data: dict[str, Any]) -> Survey:
    require_perm(by, "dialogue.add_survey", process)
    services_feedback.refuse_if_closed(process)
    survey = Survey.objects.create(process=process, **{k: data[k] for k in SURVEY_FIELDS if k in data})
    audit.record(by=by, action="survey.create", target=survey, changes={"title": survey.title})
    return survey


@transaction.atomic
def update_survey(*, by, survey: Survey, data: dict[str, Any]) -> Survey:
    require_perm(by, "dialogue.change_survey", survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    answered = _has_answers(survey)
    changes = {}
    for name in SURVEY_FIELDS:
        if name in data and data[name] != getattr(survey, name):
            if answered and name in LOCKED_AFTER_ANSWERS:
                raise ActionError(_("People have answered the survey: who answers and whether it is anonymous "
                                    "can no longer change."))
            changes[name] = str(data[name])
            setattr(survey, name, data[name])
    survey.save()
    audit.record(by=by, action="survey.change", target=survey, changes=changes)
    transaction.on_commit(_changed)
    return survey


@transaction.atomic
def save_question(*, by, survey: Survey, data: dict[str, Any], question: Question | None = None,
                  option_texts: dict[int, str] | None = None, remove_options: set[int] = frozenset(),
                  new_options: list[str] = ()) -> Question:
    """Add a question (question=None) or change one: its wording, its options' wording
    (`option_texts`: {option id: text}), options removed (refused when one has answers) and
    added (`new_options`, last)."""
    require_perm(by, "dialogue.change_survey", survey)
    Survey.objects.select_for_update().filter(pk=survey.pk).first()
    if question is None:
        if survey.status == Survey.Status.CLOSED:
            raise ActionError(_("The survey is closed: no questions can be added."))
        position = (survey.questions.aggregate(m=Max("position"))["m"] or 0) + 1
        question = Question(survey=survey, position=position)
        answered = False
    else:
        answered = question.answers.exists()
        if answered and any(name in data and data[name] != getattr(question, name) for name in LOCKED_QUESTION):
            raise ActionError(_("People have answered this question: its kind and its scale can no longer "
                                "change."))
    for name in QUESTION_FIELDS:
        if name in data:
            setattr(question, name, data[name])
    question.save()
    options = {o.pk: o for o in question.options.all()}
    if remove_options:
        gone = [options[pk] for pk in remove_options if pk in options]
        if any(o.answers.exists() for o in gone):
            raise ActionError(_("An option people have chosen cannot be removed; change its wording instead."))
        Option.objects.filter(pk__in=[o.pk for o in gone]).delete()
    for pk, text in (option_texts or {}).items():
        option = options.get(pk)
        if option is not None and pk not in remove_options and text and text != option.text:
            option.text = text
            option.save(update_fields=["text"])
    position = (question.options.aggregate(m=Max("position"))["m"] or 0)
    for text in new_options:
        position += 1
        Option.objects.create(question=question, text=text, position=position)
    if question.kind in WITH_OPTIONS and question.options.count() < 2:
        raise ActionError(_("A question with options needs at least two options."))
    audit.record(by=by, action="survey.question", target=survey,
                 changes={"question": question.text, "answered": answered})
    transaction.on_commit(_changed)
    return question


@transaction.atomic
def remove_question(*, by, question: Question) -> None:
    require_perm(by, "dialogue.change_survey", question.survey)
    if question.answers.exists():
        raise ActionError(_("People have answered this question, so it cannot be removed. Change its wording "
                            "or close the survey instead."))
    if question.survey.status != Survey.Status.DRAFT and question.survey.questions.count() == 1:
        raise ActionError(_("An open survey needs at least one question."))
    audit.record(by=by, action="survey.question_remove", target=question.survey, changes={"question": question.text})
    question.delete()
    transaction.on_commit(_changed)


@transaction.atomic
def move_question(*, by, question: Question, up: bool) -> None:
    """Swap the question with the one before (up) or after it."""
    require_perm(by, "dialogue.change_survey", question.survey)
    siblings = list(Question.objects.select_for_update().filter(survey=question.survey_id))
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, q in enumerate(siblings, start=1):
        if q.position != position:
            Question.objects.filter(pk=q.pk).update(position=position)
    transaction.on_commit(_changed)


@transaction.atomic
def open_survey(*, by, survey: Survey) -> Survey:
    require_perm(by, "dialogue.change_survey", survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.DRAFT:
        raise ActionError(_("The survey is already open or closed."))
    questions = list(survey.questions.all().prefetch_related("options"))
    if not questions:
        raise ActionError(_("Add at least one question before you open the survey."))
    if any(q.kind in WITH_OPTIONS and len(q.options.all()) < 2 for q in questions):
        raise ActionError(_("A question with options needs at least two options."))
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["status"])
    audit.record(by=by, action="survey.open", target=survey)
    transaction.on_commit(_changed)
    return survey


@transaction.atomic
def close_survey(*, by, survey: Survey) -> Survey:
    """Close the survey: no more answers, the results are public, and the office owes feedback
    on what the survey said (a feedback item)."""
    require_perm(by, "dialogue.change_survey", survey)
    survey = Survey.objects.select_for_update(of=("self",)).select_related("process").get(pk=survey.pk)
    if survey.status != Survey.Status.OPEN:
        raise ActionError(_("Only an open survey can be closed."))
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    audit.record(by=by, action="survey.close", target=survey)
    count = survey.responses.count()
    services_feedback.open_item(
        by=by, process=survey.process, survey=survey, title=_("Survey: %(title)s") % {"title": survey.title},
        said=_("%(count)s answers to the survey %(title)s.") % {"count": count, "title": survey.title})
    transaction.on_commit(_changed)
    return survey


# ---------------------------------------------------------------- answering


@transaction.atomic
def answer(*, by, survey: Survey, answers: dict[Question, Any], actor=None) -> Response:
    """Save one response. `answers` maps each answered question to its cleaned value: an Option
    (choice), a list of Options (multiple), an int (scale), a str (text), or a list of Options in
    ranked order (ranking). Refused when the survey no longer takes answers, when the person does
    not act for `actor` (per association), when this person (or actor) already answered, and while a
    child's account waits for its guardian's consent (WaitsForGuardian)."""
    require_perm(by, "dialogue.answer_survey", survey)
    require_guardian(by)  # a child's account answers once its guardian has confirmed it
    if survey.respondent == Survey.Respondent.ACTOR:
        if actor is None or not acts_for(by, actor):
            raise ActionError(_("Choose an association you act for."))
    else:
        actor = None
    for question in answers:
        if question.survey_id != survey.pk:
            raise ActionError(_("The answer does not belong to this survey."))
    key = respondent_key(survey, user=by, actor=actor)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey, respondent_key=key,
                respondent=None if survey.anonymous else by, actor=None if survey.anonymous else actor)
    except IntegrityError:
        raise ActionError(_("%(who)s has already answered this survey. The first answer is kept.")
                          % {"who": actor.name if actor is not None else _("You")}) from None
    rows = []
    for question, value in answers.items():
        row = {"response": response, "question": question, "question_text": question.text}
        if question.kind == Question.Kind.CHOICE:
            rows.append(ResponseAnswer(option=value, option_text=value.text, **row))
        elif question.kind == Question.Kind.MULTIPLE:
            rows += [ResponseAnswer(option=o, option_text=o.text, **row) for o in value]
        elif question.kind == Question.Kind.SCALE:
            rows.append(ResponseAnswer(number=value, **row))
        elif question.kind == Question.Kind.RANKING:
            rows += [ResponseAnswer(option=o, option_text=o.text, number=place, **row)
                     for place, o in enumerate(value, start=1)]
        elif value:
            rows.append(ResponseAnswer(text=value, **row))
    ResponseAnswer.objects.bulk_create(rows)
    # The survey's id and the key's first characters: enough to follow the event, not who it was.
    audit.record(by=None if survey.anonymous else by, action="survey.answer", target=survey,
                 changes={"response": response.pk})
    if survey.process.status != Process.Status.DRAFT:
        transaction.on_commit(_changed)
    return response


# ---------------------------------------------------------------- personal data and retention

def personal_data(user) -> dict[str, list[dict]]:
    """What the surveys keep about `user`: the answers given in their name (anonymous surveys
    keep no one's name, so they are not found here)."""
    responses = (Response.objects.filter(respondent=user).select_related("survey", "actor")
                 .prefetch_related("answers").order_by("submitted_at", "pk"))
    return {"survey_responses": [
        {"survey": r.survey.title, "for": r.actor.name if r.actor_id else "", "submitted_at": r.submitted_at.isoformat(),
         "answers": [{"question": a.question_text, "answer": a.option_text or a.text or a.number}
                     for a in r.answers.all()]}
        for r in responses]}


ANONYMISED = "anon:"


def _anonymise(responses) -> int:
    """Who answered is removed; the answers stay. The key becomes a random value (a random
    prefix and the row's id: unique, and nothing ties it to a person any more), in one query."""
    salt = secrets.token_hex(8)
    return (responses.exclude(respondent_key__startswith=ANONYMISED)
            .update(respondent=None, actor=None,
                    respondent_key=Concat(Value(f"{ANONYMISED}{salt}:"), Cast("pk", CharField()))))


@transaction.atomic
def erase(user) -> int:
    """A person's account goes: their answers stay in the results, without their name."""
    return _anonymise(Response.objects.filter(respondent=user))


def expire_process(process: Process) -> int:
    """The process's retention rule for its survey answers: anonymised or erased per
    `after_retention` (`dialogue.privacy.expire` calls it for each process due, with the other
    parts' rules, and then marks the process done)."""
    responses = Response.objects.filter(survey__process=process)
    if process.after_retention == Process.AfterRetention.ERASE:
        touched = responses.count()
        responses.delete()
    else:
        touched = _anonymise(responses)
    audit.record(by=None, action="survey.retention", target=process,
                 changes={"after_retention": process.after_retention})
    return touched
