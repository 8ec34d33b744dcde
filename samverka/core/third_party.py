"""Third-party apps under names an administrator understands, in every language (the
admin lists its sections by these names). INSTALLED_APPS names these classes instead of
the packages' own."""

from allauth.account.apps import AccountConfig
from allauth.mfa.apps import MFAConfig
from allauth.socialaccount.apps import SocialAccountConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class EmailAddressesConfig(AccountConfig):
    verbose_name = _("E-mail addresses")


class TwoFactorConfig(MFAConfig):
    verbose_name = _("Two-factor authentication")

    def ready(self):
        super().ready()
        # The package gives its model no name to translate. Migrations read the model's
        # declared Meta (original_attrs), so this changes only what the admin shows.
        authenticator = self.get_model("Authenticator")
        authenticator._meta.verbose_name = _("two-factor method")
        authenticator._meta.verbose_name_plural = _("two-factor methods")


class IdentityProvidersConfig(SocialAccountConfig):
    verbose_name = _("Log-in through an identity provider")


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")


# The third-party models' own names, as their packages mark them for translation: listed
# here so that makemessages keeps our Swedish and Arabic for them (the packages have none,
# or Swedish with another spelling than ours).
MODEL_NAMES = (
    _("email address"), _("email addresses"), _("email confirmation"), _("email confirmations"),
    _("Task Result"), _("Task Results"),
)
