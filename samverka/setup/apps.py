from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SetupConfig(AppConfig):
    name = "samverka.setup"
    label = "setup"
    verbose_name = _("Setting up and moving data")
    audit_labels = {
        "setup.upload": _("Uploaded a file to import"),
        "setup.map": _("Chose the columns of an import"),
        "setup.import": _("Started an import"),
        "setup.add_feed": _("Added a calendar feed"),
        "setup.remove_feed": _("Removed a calendar feed"),
        "setup.sync_feed": _("Synced a calendar feed"),
        "setup.export": _("Asked for an export of all data"),
        "setup.download_export": _("Downloaded an export of all data"),
        "setup.test_message": _("Sent a test message from the municipality's sender"),
    }
