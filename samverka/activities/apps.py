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
        "activity.update": _("Changed the activity"),
        "activity.publish": _("Published the activity"),
        "activity.cancel": _("Cancelled the activity"),
        "activity.delete": _("Deleted the activity"),
        "activity.cancel_occurrence": _("Cancelled a date"),
        "activity.move_occurrence": _("Moved a date"),
        "activity.register": _("Registered for a date"),
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

    def ready(self):
        """Cached calendar pages and feeds carry the calendar's version (ical.version());
        any saved activity, place or organiser renews it, whoever saves it (the services,
        the admin, a command), and any saved registration renews the registrations'
        version (the places left on an activity's page)."""
        from django.db.models import signals

        from samverka.actors.models import Actor
        from samverka.municipality.models import Office

        from . import ical
        from .models import Activity, MeetingPlace, Registration

        for model in (Activity, MeetingPlace, Actor, Office):
            signals.post_save.connect(ical.changed, sender=model, dispatch_uid=f"calendar-{model.__name__}")
        for model in (Activity, MeetingPlace):
            signals.post_delete.connect(ical.changed, sender=model, dispatch_uid=f"calendar-{model.__name__}-delete")
        for name in ("areas", "target_groups", "languages", "sdg_goals"):
            signals.m2m_changed.connect(ical.changed, sender=getattr(Activity, name).through,
                                        dispatch_uid=f"calendar-activity-{name}")
        signals.post_save.connect(ical.registrations_changed, sender=Registration, dispatch_uid="calendar-registration")
