from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samverka.accounts"
    label = "accounts"
    verbose_name = _("Users and roles")
    # Words for the actions this app's services record (AuditEvent.action), for the history
    # pages. samverka.core.models.action_labels() collects them from every app.
    audit_labels = {
        "account.update": _("Changed their name"),
        "account.create": _("Created an account"),
        "account.change": _("Changed an account"),
        "account.roles": _("Changed someone's roles"),
        "account.about_me": _("Changed their age or target groups"),
        "account.guardian_asked": _("Asked a guardian to confirm a child's account"),
        "account.guardian_confirmed": _("A guardian confirmed a child's account"),
        "account.phone_changed": _("Changed their mobile number"),
        "account.phone_verified": _("Verified their mobile number"),
        "account.phone_removed": _("Removed their mobile number"),
    }
