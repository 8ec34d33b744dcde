from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "samverka.activities"
    label = "activities"
    verbose_name = _("Activities and meeting places")

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
