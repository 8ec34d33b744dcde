"""Who may do what in a matching programme. A programme's coordinators run it: they see its
participants (the field for coordinators only among them), run the engine, decide on its
proposals and follow the matches. Administrators and the officials of the office that owns
the programme configure it and appoint its coordinators, and see its dashboard's figures; an administrator
may also run it. A programme's participants, proposals and matches are not visible (404) to
whoever does not coordinate it, whatever else they may do with the programme. A
participant's page is for the coordinators (and, as every page, for an active superuser:
Django lets them pass every rule); each view of it is recorded."""

import rules

from samverka.accounts.rules import is_administrator

from .models import Coordinator


def coordinated_ids(user) -> frozenset[int]:
    """The ids of the programmes `user` coordinates: one query per request, kept on the user."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    found = getattr(user, "_coordinated_programme_ids", None)
    if found is None:
        found = frozenset(Coordinator.objects.filter(user_id=user.pk).values_list("programme_id", flat=True))
        user._coordinated_programme_ids = found
    return found


@rules.predicate
def coordinates(user, programme) -> bool:
    return programme is not None and programme.pk in coordinated_ids(user)


@rules.predicate
def of_owning_office(user, programme) -> bool:
    return (programme is not None and user.is_authenticated and user.is_active
            and programme.office_id in user.office_ids)


@rules.predicate
def coordinates_participant(user, participant) -> bool:
    return participant is not None and participant.programme_id in coordinated_ids(user)


rules.add_perm("matching.coordinate_programme", coordinates | is_administrator)
# The dashboard's figures: whoever coordinates or configures the programme (its names and
# participants only for those who coordinate it).
rules.add_perm("matching.view_programme", coordinates | of_owning_office | is_administrator)
# Not "add_programme": a model permission of that name given to staff would pass it.
rules.add_perm("matching.create_programme", is_administrator)
rules.add_perm("matching.change_programme", of_owning_office | is_administrator)
# Partner municipalities of regional programmes: their addresses and keys.
rules.add_perm("matching.change_partner", is_administrator)
# What a participant wrote for the coordinators only (family situation, health).
rules.add_perm("matching.view_participant", coordinates_participant)
