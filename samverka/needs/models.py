"""Needs (behov): what an office or an association asks for help with, the answers people
give (sign up, offer, ask), and what came of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.accounts.ages import AgeRange
from samverka.actors.models import Actor
from samverka.core.text import search_document, search_terms
from samverka.municipality.models import Area, District, Office, SdgGoal
from samverka.volunteers.models import HelpKind


class NeedQuerySet(models.QuerySet):
    def open(self, today=None) -> NeedQuerySet:
        """Taking answers: not closed, and the closing date (if any) not passed."""
        today = today or timezone.localdate()
        return self.filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today), status=Need.Status.OPEN)

    def finished(self, today=None) -> NeedQuerySet:
        """Closed by the publisher, or past the closing date."""
        today = today or timezone.localdate()
        return self.filter(Q(status=Need.Status.CLOSED) | Q(closes_on__lt=today))

    def published_by(self, user) -> NeedQuerySet:
        """The needs `user` handles: their offices' and their actors' needs."""
        if not user.is_authenticated:
            return self.none()
        from samverka.actors.rules import actor_roles

        mine = Q(actor__in=list(actor_roles(user)))
        if user.office_ids:
            mine |= Q(office__in=user.office_ids)
        return self.filter(mine)

    def search(self, query: str) -> NeedQuerySet:
        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_text__contains=term)
        return qs


class Need(AgeRange):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Kind(models.TextChoices):
        VOLUNTEERS = "volunteers", _("Volunteers")
        ACTIVITY = "activity", _("An association's activity")
        PREMISES = "premises", _("Premises")
        ITEMS = "items", _("Items")
        KNOWLEDGE = "knowledge", _("Knowledge")

    office = models.ForeignKey(Office, verbose_name=_("office"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="needs")
    actor = models.ForeignKey(Actor, verbose_name=_("association or group"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="needs")
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("contact person"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="contact_for_needs")
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    summary = models.CharField(_("in one sentence"), max_length=200)
    description = models.TextField(_("what is needed and why"), max_length=5000)
    kind = models.CharField(_("kind of help"), max_length=20, choices=Kind.choices, default=Kind.VOLUNTEERS)
    district = models.ForeignKey(District, verbose_name=_("part of the municipality"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="needs")
    place = models.CharField(_("where"), max_length=300, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    when_text = models.CharField(_("when"), max_length=200, blank=True)
    people_needed = models.PositiveSmallIntegerField(_("people needed"), null=True, blank=True)
    requirements = models.TextField(_("skills or checks required"), max_length=2000, blank=True)
    record_extract_required = models.BooleanField(_("criminal-record extract required"), default=False)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="needs")
    sdg_goals = models.ManyToManyField(SdgGoal, verbose_name=_("Agenda 2030 goals"), blank=True, related_name="needs")
    help_kinds = models.ManyToManyField(HelpKind, verbose_name=_("practical help"), blank=True, related_name="needs")
    closes_on = models.DateField(_("last day to answer"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(_("what came of it"), max_length=1000, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("published"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=(Q(actor__isnull=False) & Q(office__isnull=True)) | (Q(actor__isnull=True) & Q(office__isnull=False)),
                name="need_has_one_publisher",
            ),
            models.CheckConstraint(condition=Q(people_needed__isnull=True) | Q(people_needed__gt=0),
                                   name="need_people_positive"),
        ]
        indexes = [models.Index(fields=["status", "closes_on"]), models.Index(fields=["-created_at", "-id"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = search_document(self.title, self.summary, self.description, self.place,
                                           self.requirements, self.when_text, self.outcome)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", kwargs={"slug": self.slug})

    @property
    def publisher(self):
        return self.actor if self.actor_id else self.office

    @property
    def publisher_name(self) -> str:
        return str(self.publisher) if self.publisher else ""

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def past_closing_date(self) -> bool:
        return self.closes_on is not None and self.closes_on < timezone.localdate()

    @property
    def takes_answers(self) -> bool:
        return not self.is_closed and not self.past_closing_date


class Answer(models.Model):
    """A person's answer to a need: they sign up, offer something or ask a question,
    for themselves or for an actor they represent. One per person and need."""

    class Kind(models.TextChoices):
        SIGN_UP = "sign_up", _("I want to help (sign up)")
        OFFER = "offer", _("We can offer something")
        QUESTION = "question", _("I have a question")

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        ANSWERED = "answered", _("Answered")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="need_answers")
    actor = models.ForeignKey(Actor, verbose_name=_("on behalf of"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="need_answers")
    kind = models.CharField(_("what do you want to do?"), max_length=10, choices=Kind.choices, default=Kind.SIGN_UP)
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    reply = models.TextField(_("reply"), max_length=2000, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=10, default="sv")
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("answer to a need")
        verbose_name_plural = _("answers to needs")
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="one_answer_per_user_and_need")]
        indexes = [models.Index(fields=["need", "status"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.need}"

    @property
    def is_new(self) -> bool:
        return self.status == self.Status.NEW

    @property
    def answerer_name(self) -> str:
        return self.actor.name if self.actor_id else self.user.display_name

    @property
    def asks_for_extract(self) -> bool:
        """A person's sign-up to a need that requires a criminal-record extract: accepting
        it takes the date of the extract the publisher has seen."""
        return self.kind == self.Kind.SIGN_UP and not self.actor_id and self.need.record_extract_required
