"""Who may do what in dialogue. Who may *see* a process is `Process.objects.visible_to(user)`.

The base predicates are here; each part adds its own permissions below its heading
(processes/proposals/feedback, consultations, surveys). What a participant may do depends on
the phase under way: `Process.allows(action)` (the phase kinds and their actions are declared
in models.PHASE_ACTIONS)."""

import rules

from samverka.accounts.rules import is_administrator, not_waiting_for_guardian


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


def _invited(user, process) -> bool:
    """For a process only for those invited: a representative of an invited actor or a member
    of an invited council or group (the office that runs it too)."""
    from samverka.actors.rules import actor_roles
    from samverka.networks.models import group_roles

    if process.office_id in user.office_ids:
        return True
    actors = {a.pk for a in process.invited_actors.all()}
    groups = {g.pk for g in process.invited_groups.all()}
    return bool(actors & set(actor_roles(user)) or groups & set(group_roles(user)))


@rules.predicate
def may_take_part(user, obj) -> bool:
    """A logged-in, active person on a published process. Whether its audience includes them is
    `in_audience`; whether the phase under way lets them do a thing is `Process.allows`; the
    views and services refuse both with a message, not a 403 page without one."""
    process = _process(obj)
    if not user.is_authenticated or not user.is_active or process is None:
        return False
    return process.status != process.Status.DRAFT


YOUTH_AGES = (13, 19)  # the young people a youth dialogue is for (the way in for young people, /unga/)


@rules.predicate
def in_audience(user, obj) -> bool:
    """Whether the process's audience includes the person: everyone; associations and other
    actors (someone who acts for an actor or sits in a council or group); only those invited (a
    representative of an invited actor, a member of an invited council or group); young people
    (people who said they are 13 to 19, the invited youth and pupils' councils and youth
    associations; when the process invites none, also those who gave no age, since an age is never
    guessed). The office that runs it and administrators always."""
    from samverka.accounts.ages import age_of
    from samverka.actors.rules import actor_roles
    from samverka.networks.models import group_roles

    process = _process(obj)
    if not user.is_authenticated or not user.is_active or process is None:
        return False
    if user.is_superuser or process.office_id in user.office_ids or process.audience == process.Audience.EVERYONE:
        return True
    if process.audience == process.Audience.ACTORS:
        return bool(actor_roles(user)) or bool(group_roles(user))
    if process.audience == process.Audience.YOUTH:
        age = age_of(user)
        if age is not None and YOUTH_AGES[0] <= age <= YOUTH_AGES[1]:
            return True
        if not (process.invited_actors.all() or process.invited_groups.all()):
            return age is None
    return _invited(user, process)


def _allows(action):
    @rules.predicate(name=f"phase_allows_{action}")
    def allows(user, obj) -> bool:
        process = _process(obj)
        return process is not None and process.allows(action)
    return allows


rules.add_perm("dialogue.take_part", may_take_part)
rules.add_perm("dialogue.in_audience", may_take_part & in_audience)
rules.add_perm("dialogue.propose", may_take_part & in_audience & _allows("propose") & not_waiting_for_guardian)
rules.add_perm("dialogue.comment", may_take_part & in_audience & _allows("comment") & not_waiting_for_guardian)
rules.add_perm("dialogue.follow", rules.is_authenticated)
rules.add_perm("dialogue.report", rules.is_authenticated)
rules.add_perm("dialogue.moderate", runs_process | is_administrator)
rules.add_perm("dialogue.view_feedback_list", is_official | is_administrator)

# ---- consultations (remiss)


@rules.predicate
def represents_recipient(user, recipient) -> bool:
    """Drafts the recipient's answer: an actor's representatives (acts_for), a council's or
    other group's active members (a delegate acts only for the council or actor they are in)."""
    from samverka.actors.rules import acts_for
    from samverka.networks.models import group_roles

    if recipient is None or not user.is_authenticated or not user.is_active:
        return False
    if recipient.actor_id:
        return acts_for(user, recipient.actor)
    return recipient.group_id in group_roles(user)


@rules.predicate
def sends_for_recipient(user, recipient) -> bool:
    """Sends the recipient's one answer: for an actor any of its representatives, for a group
    its chair."""
    from samverka.actors.rules import acts_for
    from samverka.networks.models import Membership, group_roles

    if recipient is None or not user.is_authenticated or not user.is_active:
        return False
    if recipient.actor_id:
        return acts_for(user, recipient.actor)
    return group_roles(user).get(recipient.group_id) == Membership.Role.CHAIR


@rules.predicate
def consultation_takes_answers(user, recipient) -> bool:
    """The consultation is sent, its deadline has not passed and the process's phase under way
    lets participants answer a consultation (`Action.CONSULT`)."""
    from .services_consultations import takes_answers

    return recipient is not None and takes_answers(recipient.consultation)


@rules.predicate
def report_is_public(user, consultation) -> bool:
    """The compiled answers are public once the office has closed the consultation (after the
    deadline) and the process is published."""
    return (consultation is not None and consultation.status == "closed"
            and consultation.process.status != "draft")


# `obj` is a consultation (or its process for add_consultation).
rules.add_perm("dialogue.add_consultation", runs_process | is_administrator)
rules.add_perm("dialogue.change_consultation", runs_process | is_administrator)
rules.add_perm("dialogue.view_consultation_report", runs_process | is_administrator | report_is_public)
# `obj` is a recipient.
rules.add_perm("dialogue.draft_answer", represents_recipient)
rules.add_perm("dialogue.send_answer", sends_for_recipient)
rules.add_perm("dialogue.answer_now", represents_recipient & consultation_takes_answers)
rules.add_perm("dialogue.view_answer", represents_recipient | runs_process | is_administrator)


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
    if survey.respondent == Survey.Respondent.PERSON:
        return in_audience(user, survey.process)
    return bool(actor_roles(user))


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
