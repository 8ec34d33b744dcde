from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "samverka.activities"
    label = "activities"
    verbose_name = _("Activities and meeting places")
    # Words for the actions this app's services record (AuditEvent.action), for the history
    # pages. samverka.core.models.action_labels() collects them from every app.
    audit_labels = {
        "activity.create": _("Added the activity"),
        "activity.import": _("Imported activities from a calendar"),
        "activity.update": _("Changed the activity"),
        "activity.publish": _("Published the activity"),
        "activity.cancel": _("Cancelled the activity"),
        "activity.delete": _("Deleted the activity"),
        "activity.cancel_occurrence": _("Cancelled a date"),
        "activity.move_occurrence": _("Moved a date"),
        "activity.register": _("Registered for a date"),
        "activity.confirm_registration": _("Confirmed a registration by its link"),
        "activity.unregister": _("Cancelled a registration"),
        "activity.promote": _("Gave a place from the waiting list"),
        "activity.export_participants": _("Downloaded the participant list"),
        "activity.feature": _("Featured the activity"),
        "activity.unfeature": _("Stopped featuring the activity"),
        "place.propose": _("Proposed the meeting place"),
        "place.update": _("Changed the meeting place"),
        "place.approve": _("Approved the meeting place"),
        "place.reject": _("Did not approve the meeting place"),
        "place.delete": _("Deleted the meeting place"),
    }

