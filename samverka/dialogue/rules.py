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
