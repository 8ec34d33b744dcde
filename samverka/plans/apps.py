from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "samverka.plans"
    label = "plans"
    verbose_name = _("Action plans")
    audit_labels = {
        "inventory.save": _("Recorded where an office can cooperate"),
        "plan.create": _("Created an action plan"),
        "plan.change": _("Changed an action plan"),
        "plan.publish": _("Published an action plan"),
        "plan.archive": _("Archived an action plan"),
        "inventory.delete": _("Removed an area where an office can cooperate"),
        "goal.save": _("Saved a goal of an action plan"),
        "indicator.save": _("Saved an indicator"),
        "indicator.value": _("Entered a value of an indicator"),
        "action.save": _("Saved an action of an action plan"),
        "action.status": _("Changed the status of an action"),
        "action.from_point": _("Turned a group's follow-up point into an action"),
    }
