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
        # processes, proposals, comments, moderation, workshops
        "process.create": _("Created a dialogue"),
        "process.update": _("Changed a dialogue"),
        "process.phase": _("Saved a phase of a dialogue"),
        "process.phase_delete": _("Removed a phase of a dialogue"),
        "process.publish": _("Published a dialogue"),
        "process.document": _("Added a document to a dialogue"),
        "process.document_remove": _("Removed a document of a dialogue"),
        "process.close": _("Closed a dialogue with its outcome"),
        "proposal.create": _("Made a proposal"),
        "proposal.hide": _("Hid a proposal"),
        "comment.create": _("Commented"),
        "comment.hide": _("Hid a comment"),
        "report.create": _("Reported a proposal or comment"),
        "report.dismiss": _("Dismissed a report"),
        "workshop.save": _("Saved a workshop of a dialogue"),
        "workshop.need": _("Made a need of a workshop point"),
    }
