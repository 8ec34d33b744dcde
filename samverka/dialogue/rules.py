"""Who may do what in dialogue. Who may *see* a process is `Process.objects.visible_to(user)`.

The base predicates are here; each part adds its own permissions below its heading
(processes/proposals/feedback, consultations, surveys). What a participant may do depends on
the phase under way: `Process.allows(action)` (the phase kinds and their actions are declared
in models.PHASE_ACTIONS)."""

import rules

from samverka.accounts.rules import is_administrator


def _process(obj):
    from .models import Process

    if obj is None or isinstance(obj, Process):
        return obj
    if hasattr(obj, "process"):
        return obj.process
    if hasattr(obj, "consultation"):
        return obj.consultation.process
    if hasattr(obj, "survey"):
        return obj.survey.process
    return None


@rules.predicate
def runs_process(user, obj) -> bool:
    """An official of the office that owns the process (or the feedback item's office)."""
    if not user.is_authenticated or not user.is_active or obj is None:
        return False
    office_id = getattr(obj, "office_id", None)
    if office_id is None:
        process = _process(obj)
        office_id = process.office_id if process is not None else None
    return office_id is not None and office_id in user.office_ids


@rules.predicate
def is_official(user) -> bool:
    return user.is_authenticated and user.is_active and bool(user.office_ids)


# ---- processes, proposals, comments, moderation, feedback
rules.add_perm("dialogue.add_process", is_official | is_administrator)
rules.add_perm("dialogue.change_process", runs_process | is_administrator)
rules.add_perm("dialogue.give_feedback", runs_process | is_administrator)

# ---- consultations (remiss)

# ---- surveys (enkäter)


@rules.predicate
def may_answer_survey(user, survey) -> bool:
    """A signed-in person, while the survey is open and the phase under way lets participants
    answer surveys; a survey per association also needs someone who acts for an actor (the
    service checks the chosen one with `acts_for`)."""
    from samverka.actors.rules import actor_roles

    from .models import Action, Survey

    if survey is None or not user.is_authenticated or not user.is_active:
        return False
    if survey.status != Survey.Status.OPEN or not survey.process.allows(Action.SURVEY):
        return False
    return survey.respondent == Survey.Respondent.PERSON or bool(actor_roles(user))


@rules.predicate
def survey_results_public(user, survey) -> bool:
    """A closed survey of a published process shows its results to everyone (free text answers
    stay with the office)."""
    from .models import Process, Survey

    return (survey is not None and survey.status == Survey.Status.CLOSED
            and survey.process.status != Process.Status.DRAFT)


# obj: the process for add_survey; the survey (or its question) for the others.
rules.add_perm("dialogue.add_survey", runs_process | is_administrator)
rules.add_perm("dialogue.change_survey", runs_process | is_administrator)
rules.add_perm("dialogue.answer_survey", may_answer_survey)
rules.add_perm("dialogue.view_survey_results", runs_process | is_administrator | survey_results_public)
rules.add_perm("dialogue.view_survey_answers", runs_process | is_administrator)
