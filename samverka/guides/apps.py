from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "samverka.guides"
    label = "guides"
    verbose_name = _("Knowledge bank")
    audit_labels = {
        "guide.create": _("Wrote a new guide"),
        "guide.edit": _("Changed a guide"),
        "guide.restore": _("Restored an earlier version of a guide"),
        "guide.publish": _("Published a guide"),
        "guide.unpublish": _("Took a guide back to draft"),
    }
