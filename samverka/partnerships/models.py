"""Partnerships (IOP och överenskommelser): idea-based public partnerships and cooperation
agreements between an office and civil society (the challenge, why neither a grant nor
procurement fits, the parties and what each contributes, the period, goals and milestones,
documents and the decision behind it), and local compacts (överenskommelser) with their
principles and the actors that have signed them.

Who may see what: a public partnership that is active or ended is for everyone; a draft or
a partnership that is not public, and the documents kept for the parties, are for the office
that owns it, the parties (their officials or representatives) and administrators."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.constraints import exactly_one
from samverka.core.storage import private_storage


def _my_actor_ids(user) -> list[int]:
    from samverka.actors.rules import actor_roles

    return list(actor_roles(user))


class PartnershipQuerySet(models.QuerySet):
    def public(self) -> PartnershipQuerySet:
        return self.filter(is_public=True).exclude(status=Partnership.Status.DRAFT)

    def kept_by(self, user) -> PartnershipQuerySet:
        """The partnerships the user's offices own or the user takes part in (for an office or an actor)."""
        if not user.is_authenticated:
            return self.none()
        parties = Q(actor__in=_my_actor_ids(user))
        mine = Q()
        if user.office_ids:
            parties |= Q(office__in=user.office_ids)
            mine = Q(office__in=user.office_ids)
        party_of = Q(pk__in=Party.objects.filter(parties).values("partnership_id"))
        return self.filter(mine | party_of if mine else party_of)

    def visible_to(self, user) -> PartnershipQuerySet:
        if not user.is_authenticated:
            return self.public()
        if user.is_superuser and user.is_active:
            return self
        return self.filter(Q(pk__in=self.public().values("pk")) | Q(pk__in=self.kept_by(user).values("pk")))


class Partnership(models.Model):
    class Kind(models.TextChoices):
        IOP = "iop", _("Idea-based public partnership (IOP)")
        COOPERATION = "cooperation", _("Cooperation agreement")
        OTHER = "other", _("Other partnership")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.IOP)
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    summary = models.CharField(_("in one sentence"), max_length=250)
    challenge = models.TextField(_("the challenge"), max_length=5000,
                                 help_text=_("The social challenge the parties take on together."))
    why_partnership = models.TextField(
        _("why neither a grant nor procurement"), max_length=3000, blank=True,
        help_text=_("Why the parties work together as equals instead of a grant or a procurement. "
                    "Required for an IOP."))
    office = models.ForeignKey("municipality.Office", verbose_name=_("office that keeps it"),
                               on_delete=models.PROTECT, related_name="partnerships")
    committee = models.ForeignKey("municipality.Committee", verbose_name=_("committee that decided it"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="partnerships")
    case_number = models.CharField(_("case number of the decision"), max_length=40, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty for an agreement that runs on."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_public = models.BooleanField(_("public"), default=True,
                                    help_text=_("Shown to everyone when it is active or ended."))
    areas = models.ManyToManyField("municipality.Area", verbose_name=_("areas"), blank=True,
                                   related_name="partnerships")
    districts = models.ManyToManyField("municipality.District", verbose_name=_("parts of the municipality"),
                                       blank=True, related_name="partnerships")
    sdg_goals = models.ManyToManyField("municipality.SdgGoal", verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="partnerships")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                                   name="partnership_ends_after_start"),
        ]
        indexes = [models.Index(fields=["is_public", "status", "-starts_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", kwargs={"slug": self.slug})

    def within_period(self, day) -> bool:
        return day >= self.starts_on and (self.ends_on is None or day <= self.ends_on)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Party(models.Model):
    """An actor or an office that is a party to the partnership (the owning office is one
    too, when it contributes)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="parties")
    actor = models.ForeignKey("actors.Actor", verbose_name=_("association or group"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="partnership_parties")
    office = models.ForeignKey("municipality.Office", verbose_name=_("office"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="partnership_parties")
    role = models.CharField(_("role"), max_length=150, blank=True,
                            help_text=_("What the party does in the partnership, in a few words."))
    ended_on = models.DateField(_("left the partnership on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            exactly_one("party_is_actor_or_office", "actor", "office"),
            models.UniqueConstraint(fields=["partnership", "actor"], condition=Q(actor__isnull=False),
                                    name="one_party_per_actor"),
            models.UniqueConstraint(fields=["partnership", "office"], condition=Q(office__isnull=False),
                                    name="one_party_per_office"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation(self):
        return self.actor if self.actor_id else self.office

    @property
    def name(self) -> str:
        return self.actor.name if self.actor_id else (self.office.label if self.office_id else "")


class Contribution(models.Model):
    """What a party brings: money, premises, staff hours, volunteers or something else."""

    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        PREMISES = "premises", _("Premises")
        STAFF_HOURS = "staff_hours", _("Staff hours")
        VOLUNTEERS = "volunteers", _("Volunteers")
        OTHER = "other", _("Other")

    class Unit(models.TextChoices):
        SEK = "sek", _("kronor")
        SEK_YEAR = "sek_year", _("kronor a year")
        HOURS = "hours", _("hours")
        HOURS_WEEK = "hours_week", _("hours a week")
        HOURS_MONTH = "hours_month", _("hours a month")
        PEOPLE = "people", _("people")
        SQM = "sqm", _("square metres")
        NONE = "", _("no amount")

    party = models.ForeignKey(Party, verbose_name=_("party"), on_delete=models.PROTECT,
                              related_name="contributions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, blank=True, default="")
    description = models.CharField(_("what"), max_length=500)
    counted_in = models.CharField(
        _("already counted in"), max_length=200, blank=True,
        help_text=_("If the money is part of a grant or the operating support, name it here, so it is counted "
                    "once."))
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["party__position", "party_id", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=Decimal(0)),
                                   name="contribution_amount_not_negative"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True)
                                   | Q(ends_on__gte=F("starts_on")), name="contribution_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.description


class Goal(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=300)
    measure = models.CharField(_("how it is followed up"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text


class Milestone(models.Model):
    """A step to follow up: due within the partnership's period; a reminder goes out before
    its follow-up date (once); a party's representative or the office reports it done."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True,
                                    help_text=_("When the parties meet to follow it up. A reminder goes out two "
                                                "weeks before."))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.TextField(_("what was done"), max_length=2000, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [models.Index(fields=["done_on", "follow_up_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def reminder_day(self):
        return self.follow_up_on or self.due_on


class Document(models.Model):
    """An agreement, a decision or a report, in the private storage; served only through the
    view that checks who may read it."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Agreement")
        DECISION = "decision", _("Decision")
        REPORT = "report", _("Follow-up report")
        OTHER = "other", _("Other document")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        PARTIES = "parties", _("Only the parties")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AGREEMENT)
    visibility = models.CharField(_("who may read it"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.PARTIES)
    file = models.FileField(_("file"), storage=private_storage, upload_to="partnerships/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


class Compact(models.Model):
    """A local compact (överenskommelse) between the municipality and civil society: its
    principles, when it was adopted, and the actors that have signed it."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=170, unique=True)
    summary = models.CharField(_("in one sentence"), max_length=250)
    principles = models.TextField(_("principles"), max_length=10000)
    office = models.ForeignKey("municipality.Office", verbose_name=_("office that keeps it"),
                               on_delete=models.PROTECT, related_name="compacts")
    committee = models.ForeignKey("municipality.Committee", verbose_name=_("adopted by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="compacts")
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    open_for_signing = models.BooleanField(_("open for signing"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-adopted_on", "title"]
        verbose_name = _("local compact")
        verbose_name_plural = _("local compacts")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:compact", kwargs={"slug": self.slug})


class Signature(models.Model):
    compact = models.ForeignKey(Compact, on_delete=models.CASCADE, related_name="signatures")
    actor = models.ForeignKey("actors.Actor", verbose_name=_("association or group"), on_delete=models.CASCADE,
                              related_name="compact_signatures")
    signed_on = models.DateField(_("signed on"), default=timezone.localdate)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        ordering = ["signed_on", "pk"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [models.UniqueConstraint(fields=["compact", "actor"], name="one_signature_per_actor")]

    def __str__(self) -> str:
        return f"{self.actor} – {self.compact}"
