from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "samverka.matching"
    label = "matching"
    verbose_name = _("Matching programmes")
    # Words for the actions this app's services record (AuditEvent.action), for the history pages.
    audit_labels = {
        # The participants' own actions (services_participants.py).
        "matching.sign_up": _("Signed up for a matching programme"),
        "matching.confirm_email": _("Confirmed the sign-up for a matching programme"),
        "matching.withdraw": _("Left a matching programme"),
        "matching.confirm_match": _("Said yes to a match"),
        "matching.decline_match": _("Said no to a match"),
        "matching.answer_check_in": _("Answered a follow-up of a match"),
        # The coordinators' actions (services.py).
        "matching.run": _("Ran the matching"),
        "matching.accept": _("Accepted a proposed match"),
        "matching.reject": _("Rejected a proposed match"),
        "matching.swap": _("Chose another match for a request"),
        "matching.lock": _("Kept a proposed match for the next run"),
        "matching.unlock": _("Let the next run decide on a proposed match"),
        "matching.end": _("Ended a match"),
        "matching.check_in": _("Noted a follow-up"),
        "matching.follow_up": _("Sent a follow-up"),
        "matching.pause": _("Paused a participant"),
        "matching.resume": _("Let a paused participant take part again"),
        "matching.participant_view": _("Viewed a participant"),
        "matching.add_coordinator": _("Added a coordinator"),
        "matching.remove_coordinator": _("Removed a coordinator"),
        "matching.update_rules": _("Changed a programme's rules"),
        "matching.erase": _("Erased participants' data"),
        "matching.add_programme": _("Created a matching programme"),
        "matching.change_programme": _("Changed a matching programme"),
        "matching.change_choices": _("Changed a programme's choices"),
        # Regional programmes (regional.py).
        "matching.regional_partner": _("Added or changed a partner municipality"),
        "matching.regional_ask": _("Asked a person about a match in a neighbouring municipality"),
        "matching.regional_reject": _("Rejected a proposed match in a neighbouring municipality"),
        "matching.regional_consent": _("Said yes to a match in a neighbouring municipality and chose what to share"),
        "matching.regional_person_declined": _("Said no to a match in a neighbouring municipality"),
        "matching.regional_withdraw": _("Took back a yes to a match in a neighbouring municipality"),
        "matching.regional_received": _("Received a match request from a neighbouring municipality"),
        "matching.regional_accept": _("Accepted a match request from a neighbouring municipality"),
        "matching.regional_decline": _("Declined a match request from a neighbouring municipality"),
        "matching.regional_accepted": _("A neighbouring municipality accepted a match request"),
        "matching.regional_declined": _("A neighbouring municipality declined a match request"),
        "matching.regional_withdrawn": _("A person in a neighbouring municipality took back a match request"),
    }
