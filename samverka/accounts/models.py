"""Users. Roles that belong to an office, an actor or a programme live next to those
(municipality.OfficeMembership, actors.ActorMembership, …); the platform-wide roles are
flags here: administrator (is_superuser) and process leader."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.municipality.models import OfficeMembership


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # When the person typed the code sent by SMS to `phone` (accounts.services.confirm_phone);
    # changing the number clears it. Messages by SMS go only to a verified number.
    phone_verified_at = models.DateTimeField(_("phone verified"), null=True, blank=True)
    is_process_leader = models.BooleanField(
        _("process leader"), default=False,
        help_text=_("Sees the overview across all offices."),
    )
    # Given by the person only, where age matters (sign-up, activities for some ages).
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    # What the person chose to say about themselves, to count participation by target group;
    # never filled in from anything else.
    target_groups = models.ManyToManyField("municipality.TargetGroup", verbose_name=_("target groups I belong to"),
                                           blank=True, related_name="people")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email

    @property
    def has_verified_phone(self) -> bool:
        """May the platform send this person SMS? Only to a number they proved is theirs."""
        return bool(self.phone) and self.phone_verified_at is not None

    @property
    def is_administrator(self) -> bool:
        return self.is_active and self.is_superuser

    @cached_property
    def office_ids(self) -> frozenset[int]:
        """The offices this user works in as an official (one query, then kept on the user
        for the rest of the request). The roles for actors are the actors app's
        (actors.rules.actor_memberships)."""
        if self.pk is None:
            return frozenset()
        return frozenset(OfficeMembership.objects.filter(user_id=self.pk).values_list("office_id", flat=True))

    @property
    def is_official(self) -> bool:
        return bool(self.office_ids)


class GuardianConsent(models.Model):
    """A child under 13 creates an account only with a guardian's consent: who was asked,
    and when and how they confirmed (the signed link sent to their e-mail address)."""

    class Method(models.TextChoices):
        EMAIL_LINK = "email_link", _("Confirmed by the link sent to the guardian's e-mail address")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="guardian_consent")
    guardian_name = models.CharField(_("guardian's name"), max_length=150)
    guardian_email = models.EmailField(_("guardian's e-mail address"), max_length=254)
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    method = models.CharField(_("how"), max_length=20, choices=Method.choices, blank=True)

    class Meta:
        verbose_name = _("guardian's consent")
        verbose_name_plural = _("guardians' consents")

    def __str__(self) -> str:
        return f"{self.guardian_name} – {self.user}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class PhoneCode(models.Model):
    """The code last sent by SMS to prove a number belongs to the person
    (accounts.services.send_phone_code, confirm_phone). The code is kept only as a keyed
    hash; it is valid for a few minutes and a few tries. The row stays when the number is
    removed, so the count of codes sent in the hour cannot be reset by removing it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="phone_code")
    # A keyed hash of the account, the number it went to and the code: a code sent to another
    # number than the account's (changed since) never matches.
    code_hash = models.CharField(max_length=64, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveSmallIntegerField(default=0)
    # Codes sent in the hour that began at `window_started_at` (the limit per account).
    sent_in_window = models.PositiveSmallIntegerField(default=0)
    window_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phone code")
        verbose_name_plural = _("phone codes")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_waiting(self) -> bool:
        """Is a code on its way that the person may still type?"""
        return bool(self.code_hash) and self.expires_at is not None and self.expires_at > timezone.now()
