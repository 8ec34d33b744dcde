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
        "crisis_provider.join": _("Joined the crisis as a help provider"),
        "crisis_provider.update": _("Changed a help provider's contact or capacity"),
        "crisis_provider.pause": _("Paused a help provider"),
        "crisis_provider.resume": _("Let a help provider take requests again"),
        "help_request.hand": _("Handed a help request to a help provider"),
        "provider_task.accept": _("A help provider accepted a help request"),
        "provider_task.assign": _("A help provider wrote who goes"),
        "provider_task.done": _("A help provider marked a help request done"),
        "provider_task.return": _("A help request came back from a help provider"),
        "crisis.release": _("Told the volunteers not needed"),
        "crisis.release_keep": _("A volunteer not needed chose to keep their details"),
        "crisis.release_erase": _("A volunteer not needed had their details erased"),
        "crisis.release_expire": _("Erased volunteers not needed who did not answer"),
    }
