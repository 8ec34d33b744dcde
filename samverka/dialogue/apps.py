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
        # consultations (remiss)
        "consultation.create": _("Drafted a consultation"),
        "consultation.change": _("Changed a consultation"),
        "consultation.recipients": _("Chose the recipients of a consultation"),
        "consultation.document": _("Added a document to a consultation"),
        "consultation.document_remove": _("Removed a document from a consultation"),
        "consultation.send": _("Sent out a consultation"),
        "consultation.close": _("Closed a consultation"),
        "consultation.deadline": _("Moved the deadline of a consultation"),
        "consultation.remind": _("Reminded a recipient of a consultation"),
        "answer.save": _("Saved the draft of a consultation answer"),
        "answer.send": _("Sent a consultation answer"),
        # surveys
        "survey.create": _("Created a survey"),
        "survey.change": _("Changed a survey"),
        "survey.question": _("Saved a survey question"),
        "survey.question_remove": _("Removed a survey question"),
        "survey.open": _("Opened a survey for answers"),
        "survey.close": _("Closed a survey"),
        "survey.answer": _("Answered a survey"),
        "survey.retention": _("Anonymised or erased survey answers after the retention period"),
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
