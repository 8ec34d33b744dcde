from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "samverka.dialogue"
    label = "dialogue"
    verbose_name = _("Dialogue and feedback")
    audit_labels = {
        "feedback.open": _("Opened a feedback item"),
        "feedback.give": _("Gave feedback"),
        "feedback.reassign": _("Gave a feedback item to another official"),
    }
