from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "samverka.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")
    audit_labels = {
        "partnership.create": _("Created a partnership"),
        "partnership.update": _("Changed a partnership"),
        "partnership.delete": _("Deleted a partnership"),
        "partnership.add_party": _("Added a party to a partnership"),
        "partnership.remove_party": _("Removed a party from a partnership"),
        "partnership.end_party": _("Ended a party's part in a partnership"),
        "partnership.add_contribution": _("Recorded a contribution to a partnership"),
        "partnership.remove_contribution": _("Removed a contribution to a partnership"),
        "partnership.add_goal": _("Added a goal to a partnership"),
        "partnership.remove_goal": _("Removed a goal of a partnership"),
        "partnership.add_milestone": _("Added a milestone to a partnership"),
        "partnership.update_milestone": _("Changed a milestone of a partnership"),
        "partnership.remove_milestone": _("Removed a milestone of a partnership"),
        "partnership.milestone_done": _("Reported a milestone done"),
        "partnership.remind_milestone": _("Sent a reminder about a milestone"),
        "partnership.add_document": _("Added a document to a partnership"),
        "partnership.remove_document": _("Removed a document of a partnership"),
        "compact.create": _("Created a local compact"),
        "compact.update": _("Changed a local compact"),
        "compact.sign": _("Signed a local compact"),
        "compact.withdraw": _("Withdrew a signature from a local compact"),
    }
