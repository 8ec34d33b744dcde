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
    """A logged-in, active person on a published process that invites them (everyone, unless the
    process is only for those invited). Whether the phase under way lets them do a thing is
    `Process.allows`; the services refuse that with a message, not a 403."""
    process = _process(obj)
    if not user.is_authenticated or not user.is_active or process is None:
        return False
    if process.status == process.Status.DRAFT:
        return False
    return process.audience != process.Audience.INVITED or user.is_superuser or _invited(user, process)


def _allows(action):
    @rules.predicate(name=f"phase_allows_{action}")
    def allows(user, obj) -> bool:
        process = _process(obj)
        return process is not None and process.allows(action)
    return allows


rules.add_perm("dialogue.take_part", may_take_part)
rules.add_perm("dialogue.propose", may_take_part & _allows("propose"))
rules.add_perm("dialogue.comment", may_take_part & _allows("comment"))
rules.add_perm("dialogue.follow", rules.is_authenticated)
rules.add_perm("dialogue.report", rules.is_authenticated)
rules.add_perm("dialogue.moderate", runs_process | is_administrator)
rules.add_perm("dialogue.view_feedback_list", is_official | is_administrator)

# ---- consultations (remiss)

# ---- surveys (enkäter)
