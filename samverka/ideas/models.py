"""The idea lab (Idélabbet): residents' ideas that benefit others, coached step by step along
the documents' process map (need → information → coordinating actors → project starts → new
needs found → development → closure, continuation or anchoring).

Anyone sends an idea, with an account or with a name and an e-mail address; the author follows
it through a private link (`token`) or My pages. A coach of the lab takes it from the queue and
moves it on, with a note and a date at each step (`StepNote`), and records the support given
(`Support`). An idea can give rise to a need, be linked to an activity or a grant application
(links to apps below this one; apps above add their own foreign keys to `ideas.Idea`)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from samverka.municipality.models import Area, District, SdgGoal


class Step(models.TextChoices):
    NEED = "need", _("A need is seen")
    INFORMATION = "information", _("Information")
    COORDINATING = "coordinating", _("Coordinating actors")
    PROJECT = "project", _("The project starts")
    NEW_NEEDS = "new_needs", _("New needs found")
    DEVELOPMENT = "development", _("Development")
    CLOSURE = "closure", _("Closed")
    CONTINUATION = "continuation", _("Continues")
    ANCHORING = "anchoring", _("Anchored")


# The process map in order; the three outcomes share the last place.
PATH = [Step.NEED, Step.INFORMATION, Step.COORDINATING, Step.PROJECT, Step.NEW_NEEDS, Step.DEVELOPMENT]
OUTCOMES = [Step.CLOSURE, Step.CONTINUATION, Step.ANCHORING]


def position(step: str) -> int:
    """0 for the first step … 6 for any of the outcomes."""
    return len(PATH) if step in OUTCOMES else PATH.index(step)


# The confirmation link of the receipt e-mail: signed, bound to the idea and the typed address,
# never shown on a page (only the mailbox has it).
CONFIRM_SALT = "ideas.confirm-email"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


def coach_ids() -> set[int]:
    return set(Coach.objects.filter(active=True, user__is_active=True).values_list("user_id", flat=True))


def is_active_coach(user) -> bool:
    """Asked once per request (kept on the user)."""
    if not user.is_authenticated or not user.is_active:
        return False
    found = getattr(user, "_is_idea_coach", None)
    if found is None:
        found = Coach.objects.filter(user_id=user.pk, active=True).exists()
        user._is_idea_coach = found
    return found


class Coach(models.Model):
    """A coach of the idea lab. One who leaves is made inactive (`services.end_coach`): their
    ideas go back to the queue; the row stays, so the notes they wrote keep their author."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
                                related_name="idea_coach")
    active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("coach since"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["-active", "user__first_name", "user__last_name"]
        verbose_name = _("idea coach")
        verbose_name_plural = _("idea coaches")

    def __str__(self) -> str:
        return self.user.display_name if self.user_id else ""


class IdeaQuerySet(models.QuerySet):
    def public(self) -> IdeaQuerySet:
        """The gallery: ideas whose authors chose to show them, once a coach has looked at
        them (taken or moved on), so nothing unread is published."""
        return self.filter(is_public=True).filter(Q(coach__isnull=False) | ~Q(step=Step.NEED))

    def queue(self) -> IdeaQuerySet:
        """Ideas under way that no active coach has: new ones, and those of a coach who left
        (`services.end_coach` empties `coach`; a coach whose account was closed counts too)."""
        active = Coach.objects.filter(active=True, user__is_active=True).values("user_id")
        return self.filter(Q(coach__isnull=True) | ~Q(coach__in=active)).exclude(step__in=OUTCOMES)

    def visible_to(self, user) -> IdeaQuerySet:
        """Coaches and administrators see every idea; a signed-in person their own and the
        public ones; anyone else the public ones. (An author without an account reaches their
        idea by its private link.)"""
        if not user.is_authenticated or not user.is_active:
            return self.public()
        if user.is_superuser or is_active_coach(user):
            return self
        return self.filter(Q(author_id=user.pk) | Q(pk__in=self.public().values("pk")))


class Idea(models.Model):
    title = models.CharField(_("name of the idea"), max_length=150)
    what = models.TextField(_("what is the idea?"), max_length=5000)
    for_whom = models.TextField(_("for whom?"), max_length=2000)
    place = models.CharField(_("where?"), max_length=300, blank=True)
    districts = models.ManyToManyField(District, verbose_name=_("parts of the municipality"), blank=True,
                                       related_name="ideas")
    help_wanted = models.TextField(_("what help do you want?"), max_length=2000, blank=True)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="ideas")
    sdg_goals = models.ManyToManyField(SdgGoal, verbose_name=_("Agenda 2030 goals"), blank=True, related_name="ideas")

    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author's account"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="ideas")
    name = models.CharField(_("author's name"), max_length=150)
    email = models.EmailField(_("author's e-mail address"), blank=True)
    email_confirmed_at = models.DateTimeField(
        _("e-mail address confirmed"), null=True, blank=True,
        help_text=_("An author without an account is told of new steps only once they confirmed the address "
                    "from the link we sent."))
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    is_public = models.BooleanField(_("shown in the gallery"), default=False)
    language = models.CharField(max_length=10, default="sv")

    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.NEED)
    step_since = models.DateTimeField(_("at this step since"), default=timezone.now)
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("coach"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="coached_ideas")
    taken_at = models.DateTimeField(_("taken by the coach"), null=True, blank=True)

    need = models.ForeignKey("needs.Need", verbose_name=_("need"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="ideas")
    activity = models.ForeignKey("activities.Activity", verbose_name=_("activity"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="ideas")
    application = models.ForeignKey("grants.Application", verbose_name=_("grant application"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="ideas")
    partnership = models.ForeignKey("partnerships.Partnership", verbose_name=_("partnership"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="ideas")

    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["coach", "step"]),
            models.Index(fields=["step", "step_since"]),
            models.Index(fields=["is_public", "step"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:idea", args=[self.pk])

    def get_private_url(self) -> str:
        """The author's page: whoever has the link sees the idea's steps."""
        return reverse("ideas:private", args=[self.token])

    def get_confirm_url(self) -> str:
        """The link in the receipt e-mail that confirms the typed address. It is not the private
        link: a page shown after sending never holds it, so only the mailbox's owner can confirm."""
        code = signing.Signer(salt=CONFIRM_SALT).sign_object([self.pk, self.email], compress=True)
        return reverse("ideas:confirm", args=[code])

    @property
    def author_is_emailed(self) -> bool:
        """Whether news of the idea goes out by e-mail: to the account's address, or to a typed
        address once its owner confirmed it from the receipt."""
        if self.author_id:
            return bool(self.author.email)
        return bool(self.email and self.email_confirmed_at)

    @property
    def position(self) -> int:
        return position(self.step)

    @property
    def is_finished(self) -> bool:
        return self.step in OUTCOMES

    @property
    def next_step(self) -> str | None:
        """The step after this one; None at development (an outcome is chosen) or at the end."""
        index = self.position
        return PATH[index + 1] if index + 1 < len(PATH) else None

    @property
    def previous_step(self) -> str | None:
        if self.is_finished:
            return Step.DEVELOPMENT
        index = self.position
        return PATH[index - 1] if index > 0 else None

    @property
    def author_email(self) -> str:
        return self.author.email if self.author_id else self.email

    @property
    def waited_days(self) -> int:
        """Calendar days at the step: sent on 4 December, it has waited 3 days on the 7th."""
        return (timezone.localdate() - timezone.localdate(self.step_since)).days

    @property
    def waited(self) -> str:
        """How long the idea has been at its step, in words ("12 days")."""
        return waited_words(self.waited_days)


def waited_words(days: int) -> str:
    """`days` at a step in words: "since today", "1 day", "12 days"."""
    if days <= 0:
        return gettext("since today")
    return ngettext("%(counter)s day", "%(counter)s days", days) % {"counter": days}


class StepNote(models.Model):
    """A step on the map: forward with a note and the date it happened, or back with a reason."""

    class Direction(models.TextChoices):
        FORWARD = "forward", _("Forward")
        BACK = "back", _("Back")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="notes")
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    from_step = models.CharField(_("from step"), max_length=20, choices=Step.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.FORWARD)
    note = models.TextField(_("note"), max_length=3000)
    date = models.DateField(_("date"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "created_at", "pk"]
        verbose_name = _("step note")
        verbose_name_plural = _("step notes")
        indexes = [models.Index(fields=["idea", "created_at"])]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.from_step} → {self.step}"


class Support(models.Model):
    class Kind(models.TextChoices):
        COACHING = "coaching", _("Coaching hours")
        PREMISES = "premises", _("Premises")
        CONTACTS = "contacts", _("Contacts made")
        APPLICATION = "application", _("Help with an application")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="support")
    kind = models.CharField(_("kind of support"), max_length=12, choices=Kind.choices)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)
    text = models.CharField(_("what was given"), max_length=500, blank=True)
    date = models.DateField(_("date"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("support given")
        verbose_name_plural = _("support given")
        constraints = [
            models.CheckConstraint(condition=Q(hours__isnull=False) | ~Q(text=""), name="support_says_something"),
            models.CheckConstraint(condition=Q(hours__isnull=True) | Q(hours__gt=0), name="support_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date})"
