"""Who may do what with needs. Every need is public (open ones and closed ones with what
came of them); its answers are seen and handled by the publisher: the office's officials
or the actor's representatives."""

import rules

from samverka.accounts.rules import is_administrator
from samverka.actors.rules import actor_roles


def _office_ids(user) -> frozenset[int]:
    return user.office_ids if user.is_authenticated else frozenset()


def may_publish_for(user, *, actor=None, office=None) -> bool:
    """May `user` publish needs in the name of this actor or office?"""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if actor is not None:
        return actor.pk in actor_roles(user)
    if office is not None:
        return office.pk in _office_ids(user)
    return False


@rules.predicate
def can_publish(user) -> bool:
    """Represents an actor or works in an office."""
    return user.is_authenticated and user.is_active and bool(actor_roles(user) or _office_ids(user))


@rules.predicate
def is_publisher(user, need) -> bool:
    if need is None or not user.is_authenticated or not user.is_active:
        return False
    if need.actor_id:
        return need.actor_id in actor_roles(user)
    return need.office_id in _office_ids(user)


@rules.predicate
def may_answer(user, need) -> bool:
    """Any signed-in person except the publisher's own people."""
    return user.is_authenticated and user.is_active and not is_publisher(user, need)


rules.add_perm("needs.add_need", can_publish | is_administrator)
rules.add_perm("needs.change_need", is_publisher | is_administrator)
# The answers hold people's names and messages: the publisher (and an active superuser).
rules.add_perm("needs.handle_answers", is_publisher)
rules.add_perm("needs.answer_need", may_answer)
