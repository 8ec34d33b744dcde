"""Who may do what with volunteers' assignments and hours. A volunteer sees and changes
only their own profile (always `request.user.volunteer`, never a key from the URL)."""

import rules

from samverka.accounts.rules import is_administrator, is_authenticated
from samverka.actors.rules import actor_roles


@rules.predicate
def is_the_volunteer(user, assignment) -> bool:
    return (assignment is not None and user.is_authenticated and user.is_active
            and assignment.volunteer.user_id == user.pk)


@rules.predicate
def leads_the_task(user, assignment) -> bool:
    """Publishes the need or organises the activity the assignment is for."""
    if assignment is None or not user.is_authenticated or not user.is_active:
        return False
    task = assignment.need if assignment.need_id else assignment.activity
    if task.actor_id:
        return task.actor_id in actor_roles(user)
    return task.office_id in user.office_ids


@rules.predicate
def is_the_person(user, volunteer) -> bool:
    return volunteer is not None and user.is_authenticated and user.is_active and volunteer.user_id == user.pk


rules.add_perm("volunteers.keep_profile", is_authenticated)
rules.add_perm("volunteers.change_volunteer", is_the_person | is_administrator)
rules.add_perm("volunteers.view_assignment", is_the_volunteer | leads_the_task | is_administrator)
rules.add_perm("volunteers.log_hours", is_the_volunteer)
rules.add_perm("volunteers.change_assignment", leads_the_task | is_administrator)
rules.add_perm("volunteers.delete_volunteer", is_administrator)
rules.add_perm("volunteers.correct_hours", is_administrator)
rules.add_perm("volunteers.edit_help_kinds", is_administrator)
