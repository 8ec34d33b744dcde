from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalityConfig(AppConfig):
    name = "samverka.municipality"
    label = "municipality"
    verbose_name = _("Municipality")
    # Words for the actions this app's services record (AuditEvent.action), for the history pages.
    audit_labels = {
        "configuration.add": _("Added to the municipality's settings"),
        "configuration.change": _("Changed the municipality's settings"),
        "configuration.delete": _("Deleted from the municipality's settings"),
        "office.add_official": _("Made an official of an office"),
        "office.change_official": _("Changed an official's title"),
        "office.remove_official": _("Removed an official from an office"),
    }
