from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "samverka.matching"
    label = "matching"
    verbose_name = _("Matching programmes")
    # Words for the actions this app's services record (AuditEvent.action), for the history pages.
    audit_labels = {}
