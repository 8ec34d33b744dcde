from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "samverka.cases"
    label = "cases"
    verbose_name = _("One way in")
    # Words for the actions this app's services record (AuditEvent.action), for the history
    # pages. samverka.core.models.action_labels() collects them from every app.
    audit_labels = {
        "case.submit": _("Sent a message through the one way in"),
        "case.route": _("Routed the case"),
        "case.reroute": _("Handed the case to another office"),
        "case.assign": _("Took the case"),
        "case.note": _("Wrote an internal note"),
        "case.answer": _("Answered the sender"),
        "case.close": _("Closed the case"),
        "case.reopen": _("Reopened the case"),
        "case.reply": _("The sender wrote more in the case"),
        "case.hand_over": _("Handed the case to another party of the link"),
        "case.consent": _("Recorded the person's consent"),
        "case.withdraw_consent": _("The person's consent was withdrawn"),
        "case.escalate": _("Sent the case to the link's coordinator"),
        "case.partner_read": _("Read the case as a handler of a partner organisation"),
        "link.save": _("Saved a link across organisations"),
        "link.save_party": _("Saved a party of a link"),
        "link.add_party": _("Added a party to a link"),
        "link.leave": _("Recorded that a party left a link"),
        "link.add_handler": _("Named a handler of a party of a link"),
        "link.remove_handler": _("Removed a handler of a party of a link"),
        "link.topics": _("Changed the topics of a link"),
        "link.add_rule": _("Added a routing rule to a link"),
        "link.remove_rule": _("Removed a routing rule from a link"),
        "routing.save": _("Saved a topic or a routing rule"),
        "routing.delete": _("Deleted a topic or a routing rule"),
    }
