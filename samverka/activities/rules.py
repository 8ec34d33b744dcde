"""Who may do what with activities and meeting places. Who may *see* them is
`Activity.objects.visible_to(user)` and `MeetingPlace.objects.visible_to(user)`.

An activity's organiser is an actor (its representatives act for it) or an office (its
officials act for it)."""

import rules

from samverka.accounts.rules import is_administrator, is_official
from samverka.actors.rules import actor_roles, acts_for, acts_for_owner, acts_for_someone

can_organise = acts_for_someone
is_organiser = acts_for_owner


@rules.predicate
def manages_place(user, place) -> bool:
    """Whoever proposed a place may change it until it is approved; the actor that runs a
    place keeps it up to date."""
    if place is None or not user.is_authenticated or not user.is_active:
        return False
    if place.owner_id and place.owner_id in actor_roles(user):
        return True
    return place.proposed_by_id == user.pk and place.status == place.Status.PROPOSED


rules.add_perm("activities.add_activity", can_organise | is_administrator)
# `obj` is the actor or office the activity is organised by.
rules.add_perm("activities.publish_for", acts_for | is_administrator)
rules.add_perm("activities.change_activity", is_organiser | is_administrator)
# Removing an activity with its registrations is the administrator's correction (admin).
rules.add_perm("activities.delete_activity", is_administrator)
# Participants' names and addresses: the organiser (and, as always in Django, an active superuser).
rules.add_perm("activities.view_participants", is_organiser)
rules.add_perm("activities.feature_activity", is_official | is_administrator)

rules.add_perm("activities.add_meetingplace", can_organise | is_administrator)
# `obj` is the actor named as the one that runs a place.
rules.add_perm("activities.name_place_owner", acts_for | is_official | is_administrator)
rules.add_perm("activities.change_meetingplace", manages_place | is_official | is_administrator)
rules.add_perm("activities.review_meetingplace", is_official | is_administrator)
rules.add_perm("activities.delete_meetingplace", is_administrator)
