from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrisisConfig(AppConfig):
    name = "samverka.crisis"
    label = "crisis"
    verbose_name = _("Crisis mode")
    # Words for the actions this app's services record (AuditEvent.action), for the history
    # pages. samverka.core.models.action_labels() collects them from every app.
    audit_labels = {
        "crisis.start": _("Started crisis mode"),
        "crisis.close": _("Closed crisis mode"),
        "crisis.update": _("Changed the crisis"),
        "crisis.delete": _("Deleted a crisis"),
        "crisis.signup": _("Signed up to help in the crisis"),
        "crisis.confirm": _("Confirmed a crisis sign-up"),
        "crisis.signup_retry": _("Had failed crisis sign-ups tried again"),
        "crisis.erase": _("Erased the personal data of help requests"),
        "help_request.create": _("Received a help request"),
        "help_request.view": _("Viewed a help request"),
        "help_request.triage": _("Triaged a help request"),
        "help_request.close": _("Closed a help request"),
        "crisis_task.offer": _("Offered a task to a volunteer"),
        "crisis_task.accept": _("Accepted a task"),
        "crisis_task.decline": _("Declined a task"),
        "crisis_task.cancel": _("Cancelled a task"),
    }
