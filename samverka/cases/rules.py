"""Who may do what with one-way-in cases. Who may *see* a case on the officials' pages is
`Case.objects.visible_to(user)`; a sender reaches their own case by its private link or
from their account (`Case.user`).

The officials of the office a case is routed to handle it; the administrator handles any
case (and routes those no rule matched); process leaders read every case but change none."""

import rules

from samverka.accounts.rules import is_administrator, is_official, is_process_leader


@rules.predicate
def works_in_case_office(user, case) -> bool:
    if case is None or not user.is_authenticated or not user.is_active:
        return False
    return case.office_id is not None and case.office_id in user.office_ids


@rules.predicate
def is_sender(user, case) -> bool:
    return case is not None and user.is_authenticated and case.user_id == user.pk


@rules.predicate
def is_party_handler(user, case) -> bool:
    """A named handler of the partner organisation that holds the case, while the party is in
    the link and the person's consent stands (`Case.objects.held_for`)."""
    if case is None or not user.is_authenticated or not user.is_active or not case.party_id:
        return False
    from .models import Case

    return Case.objects.held_for(user).filter(pk=case.pk).exists()


@rules.predicate
def coordinates_link(user, obj) -> bool:
    """A coordinator of the link (`obj`: the link, or a case in it), or an official of its
    coordinating office."""
    if obj is None or not user.is_authenticated or not user.is_active:
        return False
    link = getattr(obj, "link", obj)
    if link is None:
        return False
    return link.coordinator_office_id in user.office_ids or link.coordinators.filter(pk=user.pk).exists()


@rules.predicate
def handles_for_party(user, party) -> bool:
    """A named handler of an organisation's party, or an official of an office's party, while
    the party is in the link."""
    if party is None or not user.is_authenticated or not user.is_active or not party.is_active():
        return False
    if party.office_id:
        return party.office_id in user.office_ids
    return party.handlers.filter(pk=user.pk).exists()


rules.add_perm("cases.view_inbox", is_official | is_process_leader | is_administrator)
rules.add_perm("cases.view_every_office", is_process_leader | is_administrator)
rules.add_perm("cases.edit_routing", is_administrator)
rules.add_perm("cases.view_case", works_in_case_office | is_process_leader | is_administrator)
rules.add_perm("cases.handle_case", works_in_case_office | is_party_handler | is_administrator)
rules.add_perm("cases.read_held_case", is_party_handler)
rules.add_perm("cases.register_call", handles_for_party)
rules.add_perm("cases.coordinate_link", coordinates_link | is_administrator)
rules.add_perm("cases.follow_case", is_sender)
