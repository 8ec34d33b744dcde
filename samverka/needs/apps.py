from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "samverka.needs"
    label = "needs"
    verbose_name = _("Needs")
    # Words for the actions this app's services record (AuditEvent.action), for the history
    # pages. samverka.core.models.action_labels() collects them from every app.
    audit_labels = {
        "need.create": _("Published the need"),
        "need.update": _("Changed the need"),
        "need.close": _("Closed the need"),
        "need.reopen": _("Opened the need again"),
        "need.delete": _("Deleted the need"),
        "need.answer": _("Answered a need"),
        "need.answer_update": _("Changed an answer to a need"),
        "need.accept": _("Accepted an answer to a need"),
        "need.decline": _("Declined an answer to a need"),
        "need.reply": _("Replied to a question about a need"),
    }
