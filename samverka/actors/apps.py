from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "samverka.actors"
    label = "actors"
    verbose_name = _("Association register")
    # Words for the actions this app's services record (AuditEvent.action), for the history
    # pages. samverka.core.models.action_labels() collects them from every app.
    audit_labels = {
        "actor.create": _("Added to the register"),
        "actor.update": _("Changed the page"),
        "actor.confirm": _("Confirmed the details"),
        "actor.status": _("Changed the status"),
        "actor.verify": _("Verified the association"),
        "actor.unverify": _("Removed the verified mark"),
        "actor.request_update": _("Asked for the annual update"),
        "actor.invite": _("Invited a representative"),
        "actor.join": _("Accepted an invitation"),
        "actor.revoke_invitation": _("Withdrew an invitation"),
        "actor.change_role": _("Changed a role"),
        "actor.remove_person": _("Removed a representative"),
        "actor.add_person": _("Added a representative"),
        "actor.delete": _("Removed from the register"),
        "actor.import": _("Imported the association register"),
    }
