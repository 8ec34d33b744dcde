"""Dialogue (dialog, samråd och återkoppling): processes placed on the Council of Europe code's
matrix, their phases, consultations (remiss) to councils and actors, surveys (enkäter),
proposals and comments (synpunkter), workshops, and feedback as a duty.

Feedback is the spine of the app. Every proposal, comment thread, consultation answer, survey
and workshop point gets one `FeedbackItem` with an owner (an office, and the official who
answers for it) and a deadline; apps above this one (plans ahead, the overview) link to a
feedback item by holding a foreign key to it and read `item.status`, `item.deadline` and
`item.is_overdue`, leaving its fields to `dialogue.services_feedback`.

What a participant may do is declared here, in code, per phase kind (`PHASE_ACTIONS`), and
enforced by `dialogue.rules`: a phase's dates decide when, its kind decides what."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.actors.models import Actor
from samverka.core.constraints import exactly_one
from samverka.core.querysets import DutyQuerySet
from samverka.core.storage import private_storage
from samverka.municipality.models import Area, Committee, District, Office, SdgGoal, TargetGroup


class Action(models.TextChoices):
    """What a participant may do in a phase."""

    COMMENT = "comment", _("comment")
    PROPOSE = "propose", _("make a proposal")
    SURVEY = "survey", _("answer a survey")
    REGISTER = "register", _("register for a meeting")
    CONSULT = "consult", _("answer a consultation")


class PhaseKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    PROPOSALS = "proposals", _("Proposals and comments")
    COMMENTS = "comments", _("Comments on a draft")
    SURVEY = "survey", _("Survey")
    CONSULTATION = "consultation", _("Consultation")
    MEETINGS = "meetings", _("Workshops and meetings")
    FEEDBACK = "feedback", _("Feedback and decision")


PHASE_ACTIONS: dict[str, frozenset[str]] = {
    PhaseKind.INFORMATION: frozenset(),
    PhaseKind.PROPOSALS: frozenset({Action.PROPOSE, Action.COMMENT}),
    PhaseKind.COMMENTS: frozenset({Action.COMMENT}),
    PhaseKind.SURVEY: frozenset({Action.SURVEY}),
    PhaseKind.CONSULTATION: frozenset({Action.CONSULT}),
    PhaseKind.MEETINGS: frozenset({Action.REGISTER, Action.COMMENT}),
    PhaseKind.FEEDBACK: frozenset(),
}


# ---------------------------------------------------------------- processes


class ProcessQuerySet(models.QuerySet):
    def published(self) -> ProcessQuerySet:
        return self.exclude(status=Process.Status.DRAFT)

    def run_by(self, user) -> ProcessQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(office__in=user.office_ids) if user.office_ids else self.none()

    def visible_to(self, user) -> ProcessQuerySet:
        """Published processes to everyone; drafts to the owning office and administrators."""
        if not user.is_authenticated:
            return self.published()
        if user.is_superuser:
            return self
        if user.office_ids:
            return self.filter(~Q(status=Process.Status.DRAFT) | Q(office__in=user.office_ids))
        return self.published()


class Process(models.Model):
    """A dialogue process owned by an office: what is to be decided, by whom and when, placed on
    the Council of Europe code's matrix (level × stage)."""

    class Level(models.TextChoices):
        INFORMATION = "information", _("Information")
        # The Council of Europe code's word (konsultation), not a consultation to councils (remiss).
        CONSULTATION = "consultation", pgettext_lazy("level of participation", "Consultation")
        DIALOGUE = "dialogue", _("Dialogue")
        PARTNERSHIP = "partnership", _("Partnership")

    class Stage(models.TextChoices):
        AGENDA_SETTING = "agenda_setting", _("Agenda setting")
        DRAFTING = "drafting", _("Drafting")
        DECISION = "decision", _("Decision")
        IMPLEMENTATION = "implementation", _("Implementation")
        MONITORING = "monitoring", _("Monitoring")
        REFORMULATION = "reformulation", _("Reformulation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        ACTORS = "actors", _("Associations and other actors")
        INVITED = "invited", _("Only those invited")
        YOUTH = "youth", _("Young people")

    class AfterRetention(models.TextChoices):
        ANONYMISE = "anonymise", _("Anonymised: who answered is removed, the answers are kept")
        ERASE = "erase", _("Erased")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.CharField(_("in one sentence"), max_length=300)
    purpose = models.TextField(_("purpose"), max_length=5000)
    to_decide = models.TextField(_("what is to be decided"), max_length=3000)
    decided_by = models.ForeignKey(Committee, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="dialogue_processes")
    decision_on = models.DateField(_("decision expected"), null=True, blank=True)
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT,
                               related_name="dialogue_processes")
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible official"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="dialogue_processes")
    level = models.CharField(_("level of participation"), max_length=15, choices=Level.choices)
    stage = models.CharField(_("stage of the decision"), max_length=15, choices=Stage.choices)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="dialogue_processes")
    sdg_goals = models.ManyToManyField(SdgGoal, verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="dialogue_processes")
    districts = models.ManyToManyField(District, verbose_name=_("parts of the municipality"), blank=True,
                                       related_name="dialogue_processes")
    audience = models.CharField(_("who is invited"), max_length=10, choices=Audience.choices,
                                default=Audience.EVERYONE)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True,
                                           related_name="dialogue_processes")
    invited_actors = models.ManyToManyField(Actor, verbose_name=_("invited associations"), blank=True,
                                            related_name="dialogue_invitations")
    invited_groups = models.ManyToManyField("networks.Group", verbose_name=_("invited councils and groups"),
                                            blank=True, related_name="dialogue_invitations")
    feedback_days = models.PositiveSmallIntegerField(
        _("days to give feedback"), default=30,
        help_text=_("Every proposal, comment thread, consultation answer and survey gets feedback within this time."))
    retention_days = models.PositiveSmallIntegerField(
        _("days answers are kept after the process closes"), default=365)
    after_retention = models.CharField(_("then the answers are"), max_length=10, choices=AfterRetention.choices,
                                       default=AfterRetention.ANONYMISE)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.DRAFT)
    outcome = models.TextField(_("final outcome"), max_length=5000, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    retention_done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("dialogue process")
        verbose_name_plural = _("dialogue processes")
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogue:process", kwargs={"slug": self.slug})

    def current_phases(self, now=None) -> list[Phase]:
        """The phases under way (from `phases`, prefetched or not); they may overlap."""
        now = now or timezone.now()
        return [p for p in self.phases.all() if p.starts_at <= now < p.ends_at]

    def current_phase(self, now=None):
        """The first phase under way, or None."""
        return next(iter(self.current_phases(now)), None)

    def current_actions(self, now=None) -> list[str]:
        """What participants may do now, in every phase under way (`Action` values, sorted)."""
        return sorted({action for phase in self.current_phases(now) for action in phase.actions})

    def allows(self, action: str, now=None) -> bool:
        """Whether a phase under way lets participants do `action` (an `Action`). Phases may
        overlap (proposals and a survey at once): any phase under way that allows it counts."""
        return self.status == self.Status.OPEN and action in self.current_actions(now)


class Phase(models.Model):
    """One phase of a process, with its dates; its kind says what participants may do
    (`PHASE_ACTIONS`)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("kind of phase"), max_length=15, choices=PhaseKind.choices)
    name = models.CharField(_("name"), max_length=150, blank=True)
    description = models.TextField(_("what happens"), max_length=2000, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["process", "starts_at", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="phase_ends_after_start")]
        indexes = [models.Index(fields=["process", "starts_at"])]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    @property
    def actions(self) -> frozenset[str]:
        return PHASE_ACTIONS[self.kind]

    def is_under_way(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at


class Document(models.Model):
    """A document of a process or of one of its consultations (remisshandling). Public with the
    process unless `members_only`."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="documents")
    consultation = models.ForeignKey("Consultation", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), storage=private_storage, upload_to="dialogue/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Follow(models.Model):
    """A person who follows a process or a proposal: told when feedback is given or the outcome
    is published."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dialogue_follows")
    process = models.ForeignKey(Process, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    proposal = models.ForeignKey("Proposal", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            exactly_one("follow_one_subject", "process", "proposal"),
            models.UniqueConstraint(fields=["user", "process"], condition=Q(process__isnull=False),
                                    name="one_follow_per_process"),
            models.UniqueConstraint(fields=["user", "proposal"], condition=Q(proposal__isnull=False),
                                    name="one_follow_per_proposal"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.process or self.proposal}"


# ---------------------------------------------------------------- proposals and comments


class Moderated(models.Model):
    """What a proposal and a comment share: an author (a person, optionally for an actor), a
    visibility and, when hidden, the reason shown in its place."""

    class Visibility(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")

    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    actor = models.ForeignKey(Actor, verbose_name=_("on behalf of"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    visibility = models.CharField(max_length=7, choices=Visibility.choices, default=Visibility.VISIBLE)
    hidden_reason = models.CharField(_("reason shown"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.visibility == self.Visibility.HIDDEN


class ProposalQuerySet(models.QuerySet):
    def shown(self) -> ProposalQuerySet:
        return self.filter(visibility=Moderated.Visibility.VISIBLE)


class Proposal(Moderated):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="proposals")
    phase = models.ForeignKey(Phase, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("your proposal"), max_length=5000)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["process", "visibility", "-created_at"]),
                   # The process page's list, newest first: read in order, no sort of every proposal.
                   models.Index(fields=["process", "-created_at", "id"], name="proposal_page_order")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogue:proposal", kwargs={"pk": self.pk})


class Comment(Moderated):
    """A comment on a process (a thread of its own) or on a proposal, or a reply (`parent`).
    A thread's root (no parent) gets the feedback item."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="comments")
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("comment"), max_length=3000)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["process", "proposal", "created_at"])]

    def __str__(self) -> str:
        return self.body[:60]


class Report(models.Model):
    """Someone reported a proposal or a comment to the moderators."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Hidden")
        DISMISSED = "dismissed", _("Dismissed")

    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    reason = models.CharField(_("what is wrong"), max_length=500)
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.OPEN)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            exactly_one("report_one_subject", "proposal", "comment"),
            models.UniqueConstraint(fields=["reporter", "proposal"], condition=Q(proposal__isnull=False),
                                    name="one_report_per_proposal"),
            models.UniqueConstraint(fields=["reporter", "comment"], condition=Q(comment__isnull=False),
                                    name="one_report_per_comment"),
        ]

    def __str__(self) -> str:
        return self.reason[:60]


# ---------------------------------------------------------------- consultations (remiss)


class Consultation(models.Model):
    """A consultation (remiss) of a process to councils and chosen actors: documents, questions, a
    deadline, reminders before it, and one consolidated answer per recipient."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent out")
        CLOSED = "closed", _("Closed")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="consultations")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("what we ask"), max_length=5000)
    deadline = models.DateTimeField(_("answers by"))
    remind_days_before = models.PositiveSmallIntegerField(_("remind this many days before"), default=7)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogue:consultation", kwargs={"pk": self.pk})

    @property
    def takes_answers(self) -> bool:
        return self.status == self.Status.SENT and timezone.now() < self.deadline


class ConsultationQuestion(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=1000)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["consultation", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class Recipient(models.Model):
    """Who is asked: an actor (its representatives answer) or a council or other group (its
    members draft, its chair sends)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="recipients")
    actor = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="consultations_received")
    group = models.ForeignKey("networks.Group", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="consultations_received")
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            exactly_one("recipient_actor_or_group", "actor", "group"),
            models.UniqueConstraint(fields=["consultation", "actor"], condition=Q(actor__isnull=False),
                                    name="one_recipient_per_actor"),
            models.UniqueConstraint(fields=["consultation", "group"], condition=Q(group__isnull=False),
                                    name="one_recipient_per_group"),
        ]

    def __str__(self) -> str:
        return str(self.actor or self.group)

    @property
    def name(self) -> str:
        return str(self.actor or self.group)


class ConsultationAnswer(models.Model):
    """The one consolidated answer of a recipient: drafted together (each save raises `revision`,
    the optimistic lock) and sent once, by one of its representatives."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")

    recipient = models.OneToOneField(Recipient, on_delete=models.CASCADE, related_name="answer")
    summary = models.TextField(_("our answer in short"), max_length=5000, blank=True)
    status = models.CharField(_("status"), max_length=5, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(default=0)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("consultation answer")
        verbose_name_plural = _("consultation answers")

    def __str__(self) -> str:
        return str(self.recipient)

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT


class AnswerPart(models.Model):
    """The answer to one question of a consultation. `question_text` keeps what was asked."""

    answer = models.ForeignKey(ConsultationAnswer, on_delete=models.CASCADE, related_name="parts")
    question = models.ForeignKey(ConsultationQuestion, null=True, on_delete=models.SET_NULL, related_name="parts")
    question_text = models.CharField(max_length=1000)
    text = models.TextField(_("answer"), max_length=10000, blank=True)

    class Meta:
        ordering = ["answer", "question__position", "pk"]
        constraints = [models.UniqueConstraint(fields=["answer", "question"], name="one_part_per_question")]

    def __str__(self) -> str:
        return self.question_text[:60]


# ---------------------------------------------------------------- surveys (enkäter)


class Survey(models.Model):
    class Respondent(models.TextChoices):
        PERSON = "person", _("One answer per person")
        ACTOR = "actor", _("One answer per association")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=3000, blank=True)
    respondent = models.CharField(_("who answers"), max_length=6, choices=Respondent.choices,
                                  default=Respondent.PERSON)
    anonymous = models.BooleanField(_("anonymous"), default=False,
                                    help_text=_("Nobody, not even the office, sees who gave which answer."))
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["process", "created_at", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogue:survey", kwargs={"pk": self.pk})


class Question(models.Model):
    class Kind(models.TextChoices):
        CHOICE = "choice", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        SCALE = "scale", _("Scale")
        TEXT = "text", _("Free text")
        RANKING = "ranking", _("Ranking")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind of question"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help"), max_length=300, blank=True)
    required = models.BooleanField(_("an answer is needed"), default=True)
    scale_min = models.PositiveSmallIntegerField(default=1)
    scale_max = models.PositiveSmallIntegerField(default=5)
    scale_min_label = models.CharField(max_length=60, blank=True)
    scale_max_label = models.CharField(max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["survey", "position", "pk"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        constraints = [models.CheckConstraint(condition=Q(scale_max__gt=models.F("scale_min")),
                                              name="question_scale_in_order")]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One submitted answer to a survey. `respondent_key` keeps one answer per person (or per
    actor) without storing who answered an anonymous survey: a keyed hash of the survey and the
    person. `respondent` is set only when the survey is not anonymous, and removed when the
    process's retention anonymises the answers."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent_key = models.CharField(max_length=64)
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="survey_responses")
    actor = models.ForeignKey(Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["survey", "submitted_at", "pk"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [models.UniqueConstraint(fields=["survey", "respondent_key"], name="one_response_each")]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.survey} ({self.pk})"


class ResponseAnswer(models.Model):
    """One answer in a response. It keeps what was asked and chosen (`question_text`,
    `option_text`), so a survey changed afterwards does not change what people answered.
    Choice: one row with `option`; multiple: one row per option; scale: `number`; ranking: one
    row per option with its place in `number` (1 first); text: `text`."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, null=True, on_delete=models.SET_NULL, related_name="answers")
    question_text = models.CharField(max_length=500)
    option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers")
    option_text = models.CharField(max_length=200, blank=True)
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(max_length=5000, blank=True)

    class Meta:
        ordering = ["response", "pk"]
        # Covers the results' counts (grouped by question, option and number; who answered a
        # question of several choices) without reading the table.
        # Who answered a question of several choices (a count of distinct responses) reads the
        # responses of one question in order, without sorting them (10 000 answers: 2.8 → 0.8 ms).
        indexes = [models.Index(fields=["question", "option", "number", "response"], name="survey_answer_counts"),
                   models.Index(fields=["question", "response"], name="survey_answer_respondents")]

    def __str__(self) -> str:
        return self.question_text[:60]


# ---------------------------------------------------------------- workshops


class Workshop(models.Model):
    """A workshop, focus group or network meeting of a process. It is an activity (the calendar's
    registration, capacity and reminders) and keeps its agenda and notes here; what it brings up
    becomes feedback items (`FeedbackItem.workshop`) or needs."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        FOCUS_GROUP = "focus_group", _("Focus group")
        NETWORK_MEETING = "network_meeting", _("Network meeting")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="workshops")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.WORKSHOP)
    activity = models.ForeignKey("activities.Activity", verbose_name=_("activity in the calendar"),
                                 on_delete=models.PROTECT, related_name="dialogue_workshops")
    group_meeting = models.ForeignKey("networks.Meeting", verbose_name=_("meeting of a group"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="dialogue_workshops")
    agenda = models.TextField(_("agenda"), max_length=5000, blank=True)
    notes = models.TextField(_("notes"), max_length=20000, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)

    class Meta:
        ordering = ["process", "pk"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return str(self.activity)


# ---------------------------------------------------------------- feedback as a duty


class FeedbackItemQuerySet(DutyQuerySet):
    due_field = "deadline"

    def owned_by(self, user) -> FeedbackItemQuerySet:
        """The items the user answers for: their own and their offices'."""
        if not user.is_authenticated:
            return self.none()
        mine = Q(owner=user)
        if user.office_ids:
            mine |= Q(office__in=user.office_ids)
        return self.filter(mine)

    def public(self) -> FeedbackItemQuerySet:
        """Given feedback that the process's public page shows ("you said, we did")."""
        return self.filter(status=FeedbackItem.Status.GIVEN, is_public=True)


class FeedbackItem(models.Model):
    """A duty to answer: what was said (`said`), by when (`deadline`), who answers (`office`, and
    the official `owner`), and, once given, what was done (`response`). Exactly one subject is
    set, or none for an item an app above this one owns (a request to take part in a coming
    decision)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for feedback")
        GIVEN = "given", _("Feedback given")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Taken up")
        PARTLY = "partly", _("Partly taken up")
        NOT_ADOPTED = "not_adopted", _("Not taken up")
        NOTED = "noted", _("Noted, no decision")

    process = models.ForeignKey(Process, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback")
    office = models.ForeignKey(Office, verbose_name=_("office that answers"), on_delete=models.PROTECT,
                               related_name="feedback_items")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("official who answers"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="feedback_items")
    title = models.CharField(_("what it is about"), max_length=200)
    said = models.TextField(_("you said"), max_length=5000, blank=True)
    deadline = models.DateField(_("feedback due"))
    status = models.CharField(_("status"), max_length=5, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(_("outcome"), max_length=11, choices=Outcome.choices, blank=True)
    response = models.TextField(_("we did"), max_length=5000, blank=True)
    is_public = models.BooleanField(_("shown on the public page"), default=True)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    given_at = models.DateTimeField(null=True, blank=True)
    proposal = models.OneToOneField(Proposal, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="feedback")
    comment = models.OneToOneField(Comment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="feedback")
    answer = models.OneToOneField(ConsultationAnswer, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="feedback")
    survey = models.OneToOneField(Survey, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="feedback")
    workshop = models.ForeignKey(Workshop, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="feedback")
    point = models.ForeignKey("networks.FollowUpPoint", verbose_name=_("follow-up point of a group"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="feedback_items")
    need = models.ForeignKey("needs.Need", verbose_name=_("became the need"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="feedback_items")
    created_at = models.DateTimeField(default=timezone.now)

    objects = FeedbackItemQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | (~Q(response="") & Q(given_at__isnull=False)),
                name="feedback_given_with_text"),
        ]
        indexes = [models.Index(fields=["office", "status", "deadline"]),
                   models.Index(fields=["owner", "status", "deadline"]),
                   # Also "you said, we did" of a process, newest first, read in order (no sort).
                   models.Index(fields=["process", "status", "-given_at", "id"], name="feedback_process_given")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogue:feedback", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()

    @property
    def was_on_time(self) -> bool | None:
        """Whether feedback was given by the deadline (None while open)."""
        if self.given_at is None:
            return None
        return timezone.localdate(self.given_at) <= self.deadline
