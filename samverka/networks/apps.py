from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "samverka.networks"
    label = "networks"
    verbose_name = _("Networks and groups")
    audit_labels = {
        "group.create": _("Created a group"),
        "group.join": _("Joined a group"),
        "group.request": _("Asked to join a group"),
        "group.accept": _("Accepted a request to join a group"),
        "group.decline": _("Declined a request to join a group"),
        "group.withdraw": _("Withdrew a request to join a group"),
        "group.remove": _("Removed a member from a group"),
        "group.leave": _("Left a group"),
        "group.role": _("Changed a member's role in a group"),
        "group.stage": _("Changed a group's stage"),
        "group.seat": _("Appointed a council seat"),
        "group.announce": _("Sent an announcement to a group"),
        "group.channel": _("Chose e-mail or SMS for a group's announcements"),
        "group.unsubscribe": _("Stopped a group's announcements"),
        "meeting.plan": _("Planned a group meeting"),
        "meeting.move": _("Moved a group meeting"),
        "meeting.cancel": _("Cancelled a group meeting"),
        "meeting.document": _("Added a document to a meeting"),
        "meeting.remove_document": _("Removed a document from a meeting"),
        "meeting.propose": _("Proposed an agenda item"),
        "meeting.propose_late": _("Added an agenda item after the deadline"),
        "meeting.attendance": _("Recorded attendance at a meeting"),
        "minutes.save": _("Edited the minutes"),
        "minutes.approve": _("Approved the minutes"),
        "minutes.correct": _("Started a correction of approved minutes"),
        "point.create": _("Added a follow-up point"),
        "point.done": _("Marked a follow-up point done"),
        "point.reopen": _("Reopened a follow-up point"),
        "point.reassign": _("Gave a follow-up point to another owner"),
        "point.need": _("Turned a follow-up point into a need"),
    }
