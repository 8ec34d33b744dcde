"""Who may do what with an actor. Views, templates (`{% has_perm %}`), the API and the
exports all ask these rules; who may *see* an actor is `Actor.objects.visible_to(user)`."""

import rules

from samverka.accounts.rules import is_administrator, is_authenticated, is_official
from samverka.municipality.models import Office

from .models import ActorMembership


def actor_memberships(user) -> dict[int, tuple[str, str]]:
    """{actor id: (role, the actor's status)} for the user's actors, which also tells
    `Actor.objects.visible_to` which of them are not public. One query per request: the
    answer is kept on the user object."""
    if not user.is_authenticated:
        return {}
    found = getattr(user, "_actor_memberships", None)
    if found is None:
        found = {actor_id: (role, status) for actor_id, role, status in ActorMembership.objects.filter(
            user_id=user.pk).values_list("actor_id", "role", "actor__status")}
        user._actor_memberships = found
    return found


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
rules.add_perm("actors.delete_actor", is_administrator)
rules.add_perm("actors.import_actors", is_administrator)
rules.add_perm("actors.verify_actor", is_official | is_administrator)
rules.add_perm("actors.request_update", is_official | is_administrator)
rules.add_perm("actors.view_history", is_actor_representative | is_official | is_administrator)


# Acting for an organisation: an actor (its representatives act for it) or an office (its
# officials act for it). Activities and needs both belong to one of the two.

def _office_ids(user) -> frozenset[int]:
    return user.office_ids if user.is_authenticated else frozenset()


@rules.predicate
def acts_for(user, organisation) -> bool:
    """Acts in the name of `organisation`, an actor (as its representative) or an office
    (as one of its officials). The one predicate behind "who may publish for whom"
    (`activities.publish_for`, `needs.publish_for`)."""
    if organisation is None or not user.is_authenticated or not user.is_active:
        return False
    if isinstance(organisation, Office):
        return organisation.pk in _office_ids(user)
    return organisation.pk in actor_roles(user)


@rules.predicate
def acts_for_someone(user) -> bool:
    """Represents an actor or works in an office: has someone to act for."""
    return user.is_authenticated and user.is_active and bool(actor_roles(user) or _office_ids(user))


@rules.predicate
def acts_for_owner(user, obj) -> bool:
    """Acts for the actor or office that `obj` (with `actor_id` and `office_id`) belongs to."""
    if obj is None or not user.is_authenticated or not user.is_active:
        return False
    if obj.actor_id:
        return obj.actor_id in actor_roles(user)
    return obj.office_id in _office_ids(user)
