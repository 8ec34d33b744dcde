"""Who may do what with grants. Who may *see* an application is
`Application.objects.visible_to(user)`: the actor's representatives, and the officials of
the offices under the programme's committee once it is submitted.

Reviewing is for the committee's officials; recording the committee's decision needs a
DecisionRight for that committee (a reviewer cannot decide on their own)."""

import rules

from samverka.accounts.rules import is_administrator, is_official
from samverka.actors.rules import acts_for
from samverka.municipality.models import Committee

from .models import Application, committee_ids, decision_committee_ids


def _committee_id(obj):
    if obj is None:
        return None
    if isinstance(obj, Application):
        return obj.programme.committee_id
    if isinstance(obj, Committee):
        return obj.pk
    return getattr(obj, "committee_id", None)


@rules.predicate
def represents_applicant(user, application) -> bool:
    return application is not None and acts_for(user, application.actor)


@rules.predicate
def is_draft(user, application) -> bool:
    return application is not None and application.status == Application.Status.DRAFT


@rules.predicate
def works_for_committee(user, obj) -> bool:
    """Works in an office under the committee of `obj` (a programme or an application)."""
    return user.is_authenticated and user.is_active and _committee_id(obj) in committee_ids(user)


@rules.predicate
def records_decisions(user, obj) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return _committee_id(obj) in decision_committee_ids(user)


# `obj` is the actor that applies.
rules.add_perm("grants.apply_for", acts_for)
rules.add_perm("grants.view_application", represents_applicant | works_for_committee | records_decisions
               | is_administrator)
rules.add_perm("grants.change_application", represents_applicant & is_draft)
rules.add_perm("grants.withdraw_application", represents_applicant)
# `obj` is a committee, a programme or an application of it.
rules.add_perm("grants.handle_programme", works_for_committee | records_decisions | is_administrator)
rules.add_perm("grants.review_application", works_for_committee)
rules.add_perm("grants.decide_application", records_decisions)
rules.add_perm("grants.record_payout", works_for_committee)
rules.add_perm("grants.send_report", represents_applicant)
rules.add_perm("grants.export_disclosure", works_for_committee | records_decisions | is_administrator)
# Setting up a committee's programmes (criteria, attachments, questions): its officials or an
# administrator; who records the committee's decisions: an administrator only.
rules.add_perm("grants.set_up_programme", works_for_committee | is_administrator)
rules.add_perm("grants.give_decision_rights", is_administrator)
# Annual documents and payment details: `obj` is the actor. Officials approve documents and
# change the organisation number and the account; a representative sends and asks.
rules.add_perm("grants.send_annual_document", acts_for)
rules.add_perm("grants.view_annual_documents", acts_for | is_official | is_administrator)
rules.add_perm("grants.approve_annual_document", is_official | is_administrator)
rules.add_perm("grants.ask_to_change_details", acts_for)
rules.add_perm("grants.change_details", is_official | is_administrator)
