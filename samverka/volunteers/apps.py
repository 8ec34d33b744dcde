from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "samverka.volunteers"
    label = "volunteers"
    verbose_name = _("Volunteers")
    # Words for the actions this app's services record (AuditEvent.action), for the history
    # pages. samverka.core.models.action_labels() collects them from every app.
    audit_labels = {
        "volunteer.signup": _("Signed up as a volunteer"),
        "volunteer.update": _("Updated the volunteer's details"),
        "volunteer.profile": _("Changed the volunteer profile"),
        "volunteer.pause": _("Paused volunteering"),
        "volunteer.resume": _("Resumed volunteering"),
        "volunteer.leave": _("Left volunteering"),
        "assignment.create": _("Gave a volunteer an assignment"),
        "assignment.status": _("Changed an assignment's status"),
        "hours.log": _("Logged volunteer hours"),
        "volunteer.delete": _("Removed a volunteer"),
        "assignment.update": _("Corrected an assignment"),
        "assignment.delete": _("Removed an assignment"),
        "hours.correct": _("Corrected logged hours"),
        "hours.delete": _("Removed logged hours"),
        "help_kind.save": _("Saved a kind of help"),
        "help_kind.delete": _("Deleted a kind of help"),
    }
