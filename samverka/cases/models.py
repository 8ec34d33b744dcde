"""One way in (en väg in): a question, an offer of engagement or a matter sent to the
municipality by anyone, routed to the right office, answered within a deadline of working
days, and followed by the sender through a private link or their account."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.municipality.models import District, Office, OfficeMembership, Vocabulary

DEFAULT_ANSWER_DAYS = 5


class Topic(Vocabulary):
    """What a case is about, in the sender's words (not the organisation's)."""

    answer_days = models.PositiveSmallIntegerField(
        _("answer within (working days)"), default=DEFAULT_ANSWER_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("The sender is promised an answer within this many working days."),
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class RoutingRule(models.Model):
    """Cases about `topic` from `district` go to `office`, and to its `coordinator` when
    the rule names one (an official of the office who takes such cases at once; the case
    is still in the office's shared inbox). An empty topic or district matches any; the
    most specific matching rule wins (topic and district, then topic, then district, then
    the catch-all with both empty)."""

    topic = models.ForeignKey(Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.CASCADE,
                              related_name="routing_rules", help_text=_("Empty: any topic."))
    district = models.ForeignKey(District, verbose_name=_("part of the municipality"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+",
                                 help_text=_("Empty: anywhere, or the sender did not say."))
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="routing_rules")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("coordinator"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An official of the office who takes these cases at once. Empty: the office's shared inbox."))

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["topic__position", "topic__name", "district__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                Coalesce("topic", Value(0)), Coalesce("district", Value(0)), name="one_rule_per_topic_and_district",
                violation_error_message=_("There is already a rule for this topic and part of the municipality."),
            ),
        ]

    def __str__(self) -> str:
        topic = self.topic.label if self.topic_id else _("any topic")
        district = self.district.label if self.district_id else _("anywhere")
        return f"{topic} · {district} → {self.office.label if self.office_id else '?'}"

    def clean(self) -> None:
        super().clean()
        if self.coordinator_id and self.office_id and not self.coordinator_works_in_office():
            raise ValidationError({"coordinator": _("The coordinator must be an official of the office.")})

    def coordinator_works_in_office(self) -> bool:
        return OfficeMembership.objects.filter(office_id=self.office_id, user_id=self.coordinator_id,
                                               user__is_active=True).exists()

    @property
    def specificity(self) -> int:
        return (2 if self.topic_id else 0) + (1 if self.district_id else 0)


class CaseCounter(models.Model):
    """The last case number given out in a year: one row per year, incremented inside the
    case's own transaction, so two cases never get the same number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class LinkQuerySet(models.QuerySet):
    def active(self) -> LinkQuerySet:
        return self.filter(active=True)

    def for_topic(self, topic) -> Link | None:
        """The link that takes cases about `topic` (the first by position, if several do)."""
        return self.filter(topics=topic).order_by("position", "pk").first()

    def coordinated_by(self, user) -> LinkQuerySet:
        """The links `user` coordinates (`rules.coordinates_link`): named among its coordinators,
        or an official of its coordinating office; the administrator all of them."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        named = Link.coordinators.through.objects.filter(user_id=user.pk).values("link_id")
        return self.filter(Q(coordinator_office_id__in=user.office_ids) | Q(pk__in=named))


class Link(Vocabulary):
    """A link across organisations (the carers' link, a link for young people): offices and
    actors that promise that whoever a person contacts, the right party calls back. Its
    coordinator office takes what nobody else takes."""

    description = models.TextField(_("description"), blank=True, max_length=3000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=3000)
    description_ar = models.TextField(_("description (Arabic)"), blank=True, max_length=3000)
    coordinator_office = models.ForeignKey(Office, verbose_name=_("coordinating office"), on_delete=models.PROTECT,
                                           related_name="coordinated_links")
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("coordinators"), blank=True, related_name="coordinated_links",
        help_text=_("Officials who hand on the cases nobody takes. The coordinating office's officials also may."))
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="links",
                                    help_text=_("What the link is for. A case about one of them through the one way in "
                                                "goes to the link."))
    answer_days = models.PositiveSmallIntegerField(
        _("answer within (working days)"), default=DEFAULT_ANSWER_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)])
    take_within_days = models.PositiveSmallIntegerField(
        _("taken within (working days)"), default=2, validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("A case no party takes within this many working days goes to the coordinator."))
    active = models.BooleanField(_("active"), default=True)

    objects = LinkQuerySet.as_manager()

    class Meta(Vocabulary.Meta):
        verbose_name = _("link across organisations")
        verbose_name_plural = _("links across organisations")

    def get_absolute_url(self) -> str:
        return reverse("cases:link", args=[self.slug])

    @property
    def description_label(self) -> str:
        from django.utils.translation import get_language

        language = (get_language() or "sv")[:2]
        return {"en": self.description_en, "ar": self.description_ar or self.description_en}.get(
            language, "") or self.description


class LinkPartyQuerySet(models.QuerySet):
    def active(self, today=None) -> LinkPartyQuerySet:
        today = today or timezone.localdate()
        return self.filter(Q(left_at__isnull=True) | Q(left_at__gt=today), joined_at__lte=today)


class LinkParty(models.Model):
    """An office or an actor that takes part in a link. An actor's cases are seen only by its
    named handlers; an office's by its officials."""

    link = models.ForeignKey(Link, verbose_name=_("link"), on_delete=models.CASCADE, related_name="parties")
    office = models.ForeignKey(Office, verbose_name=_("office"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="link_parties")
    actor = models.ForeignKey("actors.Actor", verbose_name=_("organisation"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="link_parties")
    joined_at = models.DateField(_("joined"), default=timezone.localdate)
    left_at = models.DateField(_("left"), null=True, blank=True,
                               help_text=_("From this day the party takes no cases; its open cases go to the "
                                           "coordinator."))
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("named handlers"), blank=True, related_name="link_parties",
        help_text=_("For an organisation: the only people who see the cases handed to it."))

    objects = LinkPartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("party of a link")
        verbose_name_plural = _("parties of a link")
        ordering = ["link", "office__name", "actor__name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(office__isnull=True) ^ Q(actor__isnull=True),
                                   name="link_party_office_or_actor",
                                   violation_error_message=_("Choose an office or an organisation, not both.")),
            models.UniqueConstraint(fields=["link", "office"], name="one_party_per_link_office"),
            models.UniqueConstraint(fields=["link", "actor"], name="one_party_per_link_actor"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.actor_id:
            return self.actor.name
        return self.office.label if self.office_id else "?"

    @property
    def is_partner(self) -> bool:
        """An organisation outside the municipality: personal data only with consent."""
        return self.actor_id is not None

    def is_active(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.joined_at <= today and (self.left_at is None or self.left_at > today)


class LinkRule(models.Model):
    """Within a link: cases about `topic` from `district` go to `party` (the most specific rule
    wins, as with the one way in's routing rules). No rule: the coordinator."""

    link = models.ForeignKey(Link, verbose_name=_("link"), on_delete=models.CASCADE, related_name="rules")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+", help_text=_("Empty: any topic."))
    district = models.ForeignKey(District, verbose_name=_("part of the municipality"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+", help_text=_("Empty: anywhere."))
    party = models.ForeignKey(LinkParty, verbose_name=_("party"), on_delete=models.CASCADE, related_name="rules")

    class Meta:
        verbose_name = _("routing rule of a link")
        verbose_name_plural = _("routing rules of a link")
        constraints = [
            models.UniqueConstraint(
                "link", Coalesce("topic", Value(0)), Coalesce("district", Value(0)), name="one_link_rule_per_topic",
                violation_error_message=_("There is already a rule for this topic and part of the municipality."),
            ),
        ]

    def __str__(self) -> str:
        topic = self.topic.label if self.topic_id else _("any topic")
        district = self.district.label if self.district_id else _("anywhere")
        return f"{topic} · {district} → {self.party.label if self.party_id else '?'}"

    @property
    def specificity(self) -> int:
        return (2 if self.topic_id else 0) + (1 if self.district_id else 0)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        """For the officials' pages: officials see their offices' cases; the administrator
        and process leaders see all. (A sender reaches their own case by its private link.)"""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or user.is_process_leader:
            return self
        if user.office_ids:
            return self.filter(office_id__in=user.office_ids)
        return self.none()

    def held_for(self, user) -> CaseQuerySet:
        """For a partner organisation's handlers: the cases its party holds now, while the party
        is in the link and the person's consent to pass them on stands."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.held_by(LinkParty.objects.active().filter(actor__isnull=False, handlers=user))

    def held_by(self, parties) -> CaseQuerySet:
        """The cases `parties` hold (a QuerySet or the parties themselves) to which the
        person's consent to pass them on stands. `held_for` names the parties of a handler; a
        page that has read them already passes them, and the database looks up their cases
        by the party's index instead of walking every party's."""
        consent = Consent.objects.filter(case=models.OuterRef("pk"), withdrawn_at__isnull=True).filter(
            Q(party=models.OuterRef("party")) | Q(party__isnull=True))
        return self.filter(party__in=parties).filter(models.Exists(consent))

    def open(self) -> CaseQuerySet:
        return self.filter(status__in=Case.OPEN)

    def overdue(self, today=None) -> CaseQuerySet:
        return self.open().filter(answer_by__lt=today or timezone.localdate())


class Case(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("I have a question")
        OFFER = "offer", _("I want to help or take part")
        MATTER = "matter", _("I want to raise something")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("Being handled")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    OPEN = (Status.RECEIVED, Status.IN_PROGRESS)

    reference = models.CharField(_("case number"), max_length=20, unique=True)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    kind = models.CharField(_("what it is"), max_length=10, choices=Kind.choices)
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="cases")
    district = models.ForeignKey(District, verbose_name=_("part of the municipality"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    message = models.TextField(_("message"), max_length=5000)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="cases")
    language = models.CharField(max_length=10, default="sv")

    office = models.ForeignKey(Office, verbose_name=_("office"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="cases", help_text=_("Empty: no routing rule matched; the administrator routes it."))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="assigned_cases")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    answer_by = models.DateField(_("answer by"))
    answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    news_at = models.DateTimeField(
        _("news from the sender"), null=True, blank=True,
        help_text=_("When the sender wrote more that nobody has answered yet; empty when there is nothing new."),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    link = models.ForeignKey(Link, verbose_name=_("link"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="cases")
    party = models.ForeignKey(LinkParty, verbose_name=_("held by"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="cases", help_text=_("The party of the link that holds the case now."))
    party_since = models.DateTimeField(_("held since"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["office", "status", "answer_by"]),
            models.Index(fields=["status", "answer_by"]),
            # The partner's inbox sorts a party's open cases by these (late ones first, then by
            # deadline and arrival) from the index alone, then reads the page's rows.
            models.Index(fields=["party", "status", "answer_by", "received_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(email="", phone="", user=None), name="case_sender_reachable"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        """The officials' page."""
        return reverse("cases:case", args=[self.reference])

    def get_private_url(self) -> str:
        """The sender's page: whoever has the link sees the case's status and answers."""
        return reverse("cases:status", args=[self.token])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def takes_replies(self) -> bool:
        """The sender can write more until the case is closed."""
        return self.status != self.Status.CLOSED

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.answer_by < (today or timezone.localdate())


class CaseEvent(models.Model):
    """One step in a case's timeline. Only `public` events (received, handed on, answers,
    the sender's own replies, closed) are shown to the sender; notes and who did what stay
    inside the municipality."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        ROUTED = "routed", _("Routed")
        REROUTED = "rerouted", _("Handed to another office")
        ASSIGNED = "assigned", _("Taken")
        NOTE = "note", _("Internal note")
        ANSWER = "answer", _("Answer to the sender")
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")
        REPLY = "reply", _("More from the sender")
        HANDOVER = "handover", _("Handed to another party of the link")
        CONSENT = "consent", _("Consent given")
        WITHDRAWN = "withdrawn", _("Consent withdrawn")
        ESCALATED = "escalated", _("Sent to the coordinator")

    PUBLIC = (Kind.RECEIVED, Kind.REROUTED, Kind.ANSWER, Kind.REPLY, Kind.CLOSED, Kind.REOPENED, Kind.HANDOVER,
              Kind.CONSENT, Kind.WITHDRAWN, Kind.ESCALATED)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_party = models.ForeignKey(LinkParty, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    party = models.ForeignKey(LinkParty, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(blank=True, max_length=5000)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"

    @property
    def is_public(self) -> bool:
        return self.kind in self.PUBLIC


class Consent(models.Model):
    """The person's consent that their personal data in a case pass to a party outside the
    municipality: what, to whom (empty: any party of the link), when and how it was given,
    and when it was withdrawn. Withdrawn consent ends the party's access at once."""

    class Scope(models.TextChoices):
        ALL = "all", _("Name, contact details and message")
        MESSAGE = "message", _("The message only, without name or contact details")

    class How(models.TextChoices):
        FORM = "form", _("In the form, by the person")
        PHONE = "phone", _("By phone, recorded by a handler")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    party = models.ForeignKey(LinkParty, verbose_name=_("to"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="consents", help_text=_("Empty: any party of the link."))
    scope = models.CharField(_("what"), max_length=10, choices=Scope.choices, default=Scope.ALL)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    given_how = models.CharField(_("given how"), max_length=10, choices=How.choices, default=How.FORM)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["given_at", "pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        # With the party, the test "consent stands for this party" of every held case
        # (`CaseQuerySet.held_by`) is answered from the index alone.
        indexes = [models.Index(fields=["case", "withdrawn_at", "party"])]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.party_id or '*'}"

    @property
    def to_label(self) -> str:
        return self.party.label if self.party_id else str(_("any party of the link"))
