from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "samverka.grants"
    label = "grants"
    verbose_name = _("Grants")
    audit_labels = {
        "grant.start": _("Started a grant application"),
        "grant.save_draft": _("Saved a grant application draft"),
        "grant.attach": _("Attached a file to a grant application"),
        "grant.detach": _("Removed a file from a grant application"),
        "grant.submit": _("Submitted a grant application"),
        "grant.withdraw": _("Withdrew a grant application"),
        "grant.review": _("Reviewed a grant application"),
        "grant.decide": _("Recorded the committee's decision on a grant application"),
        "grant.payout": _("Recorded a grant payout"),
        "grant.annual_document": _("Sent an annual document"),
        "grant.approve_document": _("Approved an annual document"),
        "grant.return_document": _("Returned an annual document for correction"),
        "grant.ask_details_change": _("Asked to change the organisation number or account"),
        "grant.change_details": _("Changed the organisation number or account"),
        "grant.refuse_details_change": _("Refused a change of organisation number or account"),
        "grant.report": _("Sent a follow-up report"),
        "grant.remind_report": _("Reminded of a follow-up report"),
        "grant.reclaim": _("Decided to reclaim a grant"),
        "grant.disclosure": _("Exported a grant case for a disclosure request"),
        "grant.nominate": _("Nominated for an award"),
        "grant.create_programme": _("Created a grant programme"),
        "grant.change_programme": _("Changed a grant programme"),
        "grant.give_decision_right": _("Gave the right to record a committee's grant decisions"),
        "grant.take_decision_right": _("Took away the right to record a committee's grant decisions"),
    }
