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
        "forward.create": _("Added a coming decision"),
        "forward.change": _("Changed a coming decision"),
        "forward.publish": _("Published a coming decision"),
        "forward.move": _("Moved a coming decision to another date"),
        "forward.withdraw": _("Withdrew a coming decision"),
        "forward.decide": _("Marked a coming decision as decided"),
        "forward.follow": _("Followed coming decisions"),
        "forward.unfollow": _("Stopped following coming decisions"),
        "forward.request": _("Asked to take part in a coming decision"),
        "action.from_point": _("Turned a group's follow-up point into an action"),
    }

    def ready(self):
        from samverka.dialogue.signals import feedback_given

        feedback_given.connect(_answered, dispatch_uid="plans-request-answered")


def _answered(sender, *, item, first_time, **kwargs):
    from . import services

    services.request_answered(item=item, first_time=first_time)
