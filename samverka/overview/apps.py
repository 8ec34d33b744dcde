from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    name = "samverka.overview"
    label = "overview"
    verbose_name = _("Overview and reports")
    audit_labels = {
        "report.request": _("Asked for a report"),
        "figures.compute": _("Computed the overview's figures"),
    }

    def ready(self):
        # django-rules loads every app's rules.py; the reports' rules live beside them.
        from . import rules_reports  # noqa: F401
