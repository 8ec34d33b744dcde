"""The municipality's configuration: its offices and committees, parts of the
municipality, areas, target groups, languages and the UN Agenda 2030 goals."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .colours import problems


def _logo_path(instance, filename: str) -> str:
    return f"municipality/{secrets.token_hex(8)}.{filename.rsplit('.', 1)[-1].lower()[:5]}"


colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Write a colour as # and six hex digits, e.g. #0b4f6c."))


def in_language(sv: str, en: str, ar: str, language: str | None = None) -> str:
    """A text given in Swedish, English and Arabic, in `language` (the page's by default):
    Arabic falls back to English, English to Swedish."""
    language = (language or get_language() or "sv")[:2]
    if language == "ar":
        return ar or en or sv
    if language == "en":
        return en or sv
    return sv


class Translated(models.Model):
    """A name given in Swedish (required), English and Arabic (optional)."""

    name = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_language(self.name, self.name_en, self.name_ar)


class Vocabulary(Translated):
    slug = models.SlugField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]


class Municipality(models.Model):
    """The installation's own settings (one row)."""

    name = models.CharField(_("name"), max_length=100, default="Ekerö kommun")
    short_name = models.CharField(_("short name"), max_length=60, default="Ekerö")
    contact_email = models.EmailField(_("contact e-mail"), default="kommun@samverka.example")
    phone = models.CharField(
        _("phone number"), max_length=20, blank=True,
        help_text=_("The number people can call for help, e.g. the switchboard: 08-124 570 00. Pages that tell "
                    "people to call the municipality show it; with no number they do not mention calling."),
    )
    phone_hours = models.CharField(_("phone hours"), max_length=100, blank=True,
                                   help_text=_("When someone answers, e.g. weekdays 8–16.30. Shown after the number."))
    phone_hours_en = models.CharField(_("phone hours (English)"), max_length=100, blank=True,
                                      help_text=_("Shown on the English pages; empty: the Swedish text."))
    phone_hours_ar = models.CharField(_("phone hours (Arabic)"), max_length=100, blank=True,
                                      help_text=_("Shown on the Arabic pages; empty: the English or the Swedish text."))
    colour_primary = models.CharField(_("primary colour"), max_length=7, default="#0b4f6c", validators=[colour])
    colour_primary_dark = models.CharField(_("primary colour, dark"), max_length=7, default="#073447", validators=[colour])
    colour_accent = models.CharField(_("accent colour"), max_length=7, default="#ffdd00", validators=[colour])
    require_two_factor_for_officials = models.BooleanField(
        _("officials must use two-factor authentication"), default=False,
    )
    accessibility_contact = models.EmailField(_("contact for accessibility problems"), default="tillganglighet@samverka.example")
    accessibility_assessed_on = models.DateField(_("accessibility last assessed"), null=True, blank=True)
    privacy_contact = models.EmailField(_("data protection officer"), default="dataskydd@samverka.example")
    logo = models.ImageField(_("logo"), upload_to=_logo_path, blank=True,
                             help_text=_("Shown in the header of every page, on a white background. A PNG with a "
                                         "transparent background works best."))
    privacy_notice = models.TextField(
        _("privacy notice (Swedish)"), blank=True, max_length=20000,
        help_text=_("Replaces the standard text on the page about personal data. Paragraphs separated by an empty "
                    "line, ## for a heading, - for a list item."))
    privacy_notice_en = models.TextField(_("privacy notice (English)"), blank=True, max_length=20000)
    privacy_notice_ar = models.TextField(_("privacy notice (Arabic)"), blank=True, max_length=20000)
    accessibility_statement = models.TextField(
        _("accessibility statement (Swedish)"), blank=True, max_length=20000,
        help_text=_("Replaces the standard text of the accessibility statement. Paragraphs separated by an empty "
                    "line, ## for a heading, - for a list item."))
    accessibility_statement_en = models.TextField(_("accessibility statement (English)"), blank=True,
                                                  max_length=20000)
    accessibility_statement_ar = models.TextField(_("accessibility statement (Arabic)"), blank=True,
                                                  max_length=20000)
    email_sender_name = models.CharField(_("e-mail sender name"), max_length=100, blank=True,
                                         help_text=_("The name people see as the sender, e.g. Samverka Ekerö."))
    email_sender_address = models.EmailField(
        _("e-mail sender address"), blank=True,
        help_text=_("An address of the municipality's own domain that the mail server may send from, e.g. "
                    "samverka@ekero.se."))
    email_reply_to = models.EmailField(_("reply-to address"), blank=True,
                                       help_text=_("Where answers to the messages go; empty: to the sender address."))
    sms_sender = models.CharField(
        _("SMS sender"), max_length=16, blank=True,
        validators=[RegexValidator(r"^(?:[A-Za-z0-9]{2,11}|\+?[0-9]{3,15})$",
                                   _("Write 2–11 letters or digits without spaces or Swedish characters, e.g. "
                                     "EkeroKommun."))],
        help_text=_("The name SMS messages come from: 2–11 letters or digits (a–z, no å, ä, ö), e.g. "
                    "EkeroKommun."))

    class Meta:
        verbose_name = _("municipality settings")
        verbose_name_plural = _("municipality settings")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        """Brand colours must keep text readable (WCAG AA, colours.problems): white text on the
        primary colours and the primary colours as links need 4.5:1, the focus marker's dark
        text on the accent too, and the accent must stand out against the header (3:1)."""
        values = {f: getattr(self, f) for f in ("colour_primary", "colour_primary_dark", "colour_accent")}
        if not all(colour.regex.match(value or "") for value in values.values()):
            return
        errors = {}
        for problem in problems(primary=values["colour_primary"], primary_dark=values["colour_primary_dark"],
                                accent=values["colour_accent"]):
            params = {"ratio": f"{problem.ratio:.1f}".replace(".", ","), "needed": f"{problem.needed:g}".replace(".", ","),
                      "suggestion": problem.suggestion or "#000000"}
            if problem.field == "colour_accent":
                message = _("The accent marks where the keyboard is, behind dark text and against the dark primary "
                            "colour. Its contrast is %(ratio)s:1 and at least %(needed)s:1 is needed. Try a lighter "
                            "shade, for example %(suggestion)s.") % params
            else:
                message = _("Text on this colour and links in this colour are hard to read: the contrast is "
                            "%(ratio)s:1 and at least %(needed)s:1 is needed. Try a darker shade, for example "
                            "%(suggestion)s.") % params
            errors[problem.field] = message
        if errors:
            raise ValidationError(errors)

    @property
    def colours_pass(self) -> bool:
        return not problems(primary=self.colour_primary, primary_dark=self.colour_primary_dark,
                            accent=self.colour_accent)

    @property
    def privacy_text(self) -> str:
        """The municipality's own privacy notice in the page's language ("" for the default)."""
        return in_language(self.privacy_notice, self.privacy_notice_en, self.privacy_notice_ar)

    @property
    def accessibility_text(self) -> str:
        """The municipality's own accessibility statement in the page's language ("" for the default)."""
        return in_language(self.accessibility_statement, self.accessibility_statement_en,
                           self.accessibility_statement_ar)

    @property
    def phone_hours_label(self) -> str:
        return in_language(self.phone_hours, self.phone_hours_en, self.phone_hours_ar)

    @classmethod
    def current(cls) -> Municipality:
        """The one row, created with defaults on first use (one query; pages for visitors
        without an account come from the page cache and do not ask)."""
        return cls.objects.order_by("pk").first() or cls.objects.create()

    @classmethod
    def of_request(cls, request) -> Municipality:
        """`current()`, read once per request (the layout and the middleware both ask)."""
        if not hasattr(request, "_municipality"):
            request._municipality = cls.current()
        return request._municipality


class Committee(Translated):
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")


class OfficeQuerySet(models.QuerySet):
    def acted_for_by(self, user):
        """The offices `user` may act for in a form: every office for an administrator, their own otherwise."""
        if user.is_superuser:
            return self
        return self.filter(pk__in=getattr(user, "office_ids", None) or [])


class Office(Translated):
    slug = models.SlugField(max_length=60, unique=True)
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="offices")
    email = models.EmailField(_("e-mail"), blank=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")


class OfficeMembership(models.Model):
    """A user who works in an office as an official."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_memberships")
    title = models.CharField(_("title"), max_length=120, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "user"], name="one_membership_per_office")]
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return f"{self.user} – {self.office}"


class District(Vocabulary):
    """A part of the municipality (kommundel). Its centre places a person who gives no more
    than the part they live in (matching measures distances from it, no map service needed);
    its zone groups the parts reached only from each other (an island group)."""

    latitude = models.DecimalField(_("latitude of its centre"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude of its centre"), max_digits=8, decimal_places=5, null=True, blank=True)
    zone = models.CharField(_("island group or zone"), max_length=60, blank=True,
                            help_text=_("Parts with the same zone can be reached from each other; leave empty if all can."))

    class Meta(Vocabulary.Meta):
        verbose_name = _("part of the municipality")
        verbose_name_plural = _("parts of the municipality")


class Area(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Language(Translated):
    code = models.CharField(_("language code"), max_length=10, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Agenda 2030 goal")
        verbose_name_plural = _("Agenda 2030 goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return self.title_sv if (get_language() or "sv").startswith("sv") else self.title_en


class SdgTarget(models.Model):
    code = models.CharField(_("code"), max_length=6, unique=True)
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(default=0)
    text_sv = models.TextField(_("text (Swedish)"))
    text_en = models.TextField(_("text (English)"))

    class Meta:
        ordering = ["goal", "position"]
        verbose_name = _("Agenda 2030 target")
        verbose_name_plural = _("Agenda 2030 targets")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"

    @property
    def text(self) -> str:
        return self.text_sv if (get_language() or "sv").startswith("sv") else self.text_en
