from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "samverka.matching"
    label = "matching"
    verbose_name = _("Matching programmes")
    # Words for the actions this app's services record (AuditEvent.action), for the history pages.
    audit_labels = {
        # The participants' own actions (services_participants.py).
        "matching.sign_up": _("Signed up for a matching programme"),
        "matching.confirm_email": _("Confirmed the sign-up for a matching programme"),
        "matching.withdraw": _("Left a matching programme"),
        "matching.confirm_match": _("Said yes to a match"),
        "matching.decline_match": _("Said no to a match"),
        "matching.answer_check_in": _("Answered a follow-up of a match"),
    }
