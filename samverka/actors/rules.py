"""Who may do what with an actor. Views, templates (`{% has_perm %}`), the API and the
exports all ask these rules; who may *see* an actor is `Actor.objects.visible_to(user)`."""

import rules

from samverka.accounts.rules import is_administrator, is_authenticated, is_official

from .models import ActorMembership


def actor_memberships(user) -> dict[int, tuple[str, str]]:
    """{actor id: (role, the actor's status)} for the user's actors; one query per request,
    which also tells `Actor.objects.visible_to` which of them are not public."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_actor_memberships"):
        user._actor_memberships = {
            actor_id: (role, status) for actor_id, role, status in
            ActorMembership.objects.filter(user=user).values_list("actor_id", "role", "actor__status")
        }
    return user._actor_memberships


def actor_roles(user) -> dict[int, str]:
    """{actor id: role} for the user's actors."""
    return {actor_id: role for actor_id, (role, _status) in actor_memberships(user).items()}


@rules.predicate
def is_actor_owner(user, actor) -> bool:
    return actor is not None and actor_roles(user).get(actor.pk) == ActorMembership.Role.OWNER


@rules.predicate
def is_actor_representative(user, actor) -> bool:
    return actor is not None and actor.pk in actor_roles(user)


rules.add_perm("actors.add_actor", is_authenticated)
rules.add_perm("actors.change_actor", is_actor_representative | is_administrator)
rules.add_perm("actors.manage_people", is_actor_owner | is_administrator)
rules.add_perm("actors.archive_actor", is_actor_owner | is_administrator)
rules.add_perm("actors.verify_actor", is_official | is_administrator)
rules.add_perm("actors.request_update", is_official | is_administrator)
rules.add_perm("actors.view_history", is_actor_representative | is_official | is_administrator)
