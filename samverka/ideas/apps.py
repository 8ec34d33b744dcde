from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "samverka.ideas"
    label = "ideas"
    verbose_name = _("Idea lab")
    audit_labels = {
        "idea.submit": _("Sent an idea to the idea lab"),
        "idea.receipt": _("Asked to send an idea's receipt again"),
        "idea.confirm": _("Confirmed the e-mail address of an idea"),
        "idea.public": _("Changed whether an idea is shown in the gallery"),
        "idea.take": _("Took an idea as its coach"),
        "idea.step": _("Moved an idea to its next step"),
        "idea.step_back": _("Moved an idea back a step"),
        "idea.support": _("Recorded support given to an idea"),
        "idea.need": _("Turned an idea into a need"),
        "idea.link": _("Linked an idea to an activity or a grant application"),
        "idea.release": _("Put an idea back in the idea lab's queue"),
        "coach.appoint": _("Appointed a coach of the idea lab"),
        "coach.end": _("Ended a coach's work in the idea lab"),
    }
