from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top layer: what spans every app (the home page, My pages, "see my data" and
    "delete my account"). It imports the other apps; no app imports it."""

    name = "samverka.portal"
    label = "portal"
    verbose_name = _("My pages")
    audit_labels = {"privacy.retention": _("Erased personal data past its retention")}
