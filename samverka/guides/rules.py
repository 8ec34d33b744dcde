"""Who may do what in the knowledge bank. Who may *see* a guide is
`Guide.objects.visible_to(user)`.

Officials and administrators write guides and publish them; a guide that belongs to an office
is written by that office's officials. Where the municipality invites an actor to write a
guide (`Guide.invited_actor`), the actor's representatives may change it while it is a draft;
an official publishes it. `obj` is a guide."""

import rules

from samverka.accounts.rules import is_administrator, is_official


def _actor_ids(user) -> frozenset[int]:
    """The actors the user represents (one query per request, kept on the user)."""
    found = getattr(user, "_guide_actor_ids", None)
    if found is None:
        found = frozenset(user.actor_memberships.values_list("actor_id", flat=True))
        user._guide_actor_ids = found
    return found


@rules.predicate
def writes_for_office(user, guide) -> bool:
    """An official, and of the guide's office if it has one."""
    return guide is None or guide.office_id is None or guide.office_id in user.office_ids


@rules.predicate
def writes_as_invited(user, guide) -> bool:
    return (guide is not None and guide.invited_actor_id is not None and guide.status == "draft"
            and user.is_authenticated and user.is_active and guide.invited_actor_id in _actor_ids(user))


municipality_writer = is_administrator | (is_official & writes_for_office)

rules.add_perm("guides.add_guide", is_administrator | is_official)
rules.add_perm("guides.change_guide", municipality_writer | writes_as_invited)
rules.add_perm("guides.publish_guide", municipality_writer)
rules.add_perm("guides.view_history", municipality_writer | writes_as_invited)
