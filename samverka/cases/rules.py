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


rules.add_perm("cases.view_inbox", is_official | is_process_leader | is_administrator)
rules.add_perm("cases.view_every_office", is_process_leader | is_administrator)
rules.add_perm("cases.edit_routing", is_administrator)
rules.add_perm("cases.view_case", works_in_case_office | is_process_leader | is_administrator)
rules.add_perm("cases.handle_case", works_in_case_office | is_administrator)
rules.add_perm("cases.follow_case", is_sender)
