"""Grants, operating support and awards (bidrag, verksamhetsstöd, utmärkelser): a committee's
programmes, the applications actors send, their review, the committee's decision, payouts
and the follow-up report.

Applications and decisions are public records (allmänna handlingar) once submitted; their
files live in a private storage (`private_storage`) that no URL reaches, and are served only
by views that ask the rules (`grants.view_application`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.storage import private, private_storage  # noqa: F401  (the migrations and tests name them here)


class ActorKinds:
    """The actor kinds a programme may name (actors.Actor.Kind, by value, so no import)."""

    CHOICES = [
        ("association", _("Registered association")),
        ("network", _("Informal network or group")),
        ("faith", _("Faith community")),
        ("study", _("Study association")),
        ("foundation", _("Foundation")),
    ]


def _committee_ids(user) -> frozenset[int]:
    """The committees whose cases the user handles: those of the offices they work in
    (kept on the user object for the request)."""
    if not user.is_authenticated:
        return frozenset()
    found = getattr(user, "_grant_committee_ids", None)
    if found is None:
        from samverka.municipality.models import Office

        found = frozenset(Office.objects.filter(pk__in=user.office_ids, committee__isnull=False)
                          .values_list("committee_id", flat=True)) if user.office_ids else frozenset()
        user._grant_committee_ids = found
    return found


def committee_ids(user) -> frozenset[int]:
    return _committee_ids(user)


def decision_committee_ids(user) -> frozenset[int]:
    """The committees whose decisions the user records (a DecisionRight; the secretary need not
    work in one of the committee's offices). Kept on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    found = getattr(user, "_grant_decision_rights", None)
    if found is None:
        found = frozenset(DecisionRight.objects.filter(user=user).values_list("committee_id", flat=True))
        user._grant_decision_rights = found
    return found


class GrantProgramme(models.Model):
    class Kind(models.TextChoices):
        OPERATING = "operating", _("Operating support")
        ACTIVITY = "activity", _("Activity grant")
        PROJECT = "project", _("Project grant")
        EVENT = "event", _("Event grant")
        NETWORK = "network", _("Network grant")
        PREMISES = "premises", _("Premises support")
        AWARD = "award", _("Award")

    committee = models.ForeignKey("municipality.Committee", verbose_name=_("committee"), on_delete=models.PROTECT,
                                  related_name="grant_programmes")
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("what the programme supports"), max_length=5000, blank=True)
    eligible_kinds = models.JSONField(_("who may apply"), default=list, blank=True,
                                      help_text=_("Kinds of actor that may apply; none chosen: every kind."))
    must_be_active_here = models.BooleanField(_("only actors active in the municipality"), default=True)
    documents_required = models.BooleanField(_("last year's annual documents must be approved"), default=False)
    opens_on = models.DateField(_("applications open"))
    closes_on = models.DateField(_("last day to apply"))
    pool = models.PositiveIntegerField(_("yearly pool (SEK)"))
    required_attachments = models.TextField(
        _("required attachments"), max_length=2000, blank=True,
        help_text=_("One per line, e.g. Activity plan. Each must be attached before an application is sent."))
    budget_required = models.BooleanField(_("a budget is required"), default=True)
    late_deduction_percent = models.PositiveSmallIntegerField(_("deduction per week late (per cent)"), default=0)
    instalments = models.PositiveSmallIntegerField(_("instalments"), default=1)
    follow_up_due_on = models.DateField(_("follow-up report due"), null=True, blank=True)
    follow_up_questions = models.TextField(_("follow-up questions"), max_length=3000, blank=True,
                                           help_text=_("One question per line."))
    sdg_goals = models.ManyToManyField("municipality.SdgGoal", verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="grant_programmes")
    two_reviewers_above = models.PositiveIntegerField(
        _("two reviewers above (SEK)"), null=True, blank=True,
        help_text=_("An application asking for more than this needs two reviews before a decision."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="programme_window_order"),
            models.CheckConstraint(condition=Q(instalments__gte=1), name="programme_instalments_positive"),
            models.CheckConstraint(condition=Q(late_deduction_percent__lte=100), name="programme_deduction_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("grants:programme", kwargs={"slug": self.slug})

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    @property
    def attachment_labels(self) -> list[str]:
        return [line.strip() for line in self.required_attachments.splitlines() if line.strip()]

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.follow_up_questions.splitlines() if line.strip()]

    @property
    def eligible_kind_labels(self) -> list[str]:
        labels = dict(ActorKinds.CHOICES)
        return [str(labels.get(kind, kind)) for kind in self.eligible_kinds]


class Criterion(models.Model):
    """What reviewers score (0–5), with its weight in the weighted score."""

    programme = models.ForeignKey(GrantProgramme, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name


class AnnualDocument(models.Model):
    """An association's annual document (annual report, accounts, auditor's report, minutes
    of the annual meeting), sent by a representative and approved by an official."""

    class Kind(models.TextChoices):
        ANNUAL_REPORT = "annual_report", _("Annual report")
        ACCOUNTS = "accounts", _("Accounts")
        AUDIT = "audit", _("Auditor's report")
        MINUTES = "minutes", _("Minutes of the annual meeting")
        SIGNATORIES = "signatories", _("Signatories")

    actor = models.ForeignKey("actors.Actor", on_delete=models.CASCADE, related_name="annual_documents")
    year = models.PositiveSmallIntegerField(_("financial year"))
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to="annual/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    return_reason = models.TextField(_("why it was returned"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("annual document")
        verbose_name_plural = _("annual documents")
        constraints = [models.UniqueConstraint(fields=["actor", "year", "kind"], name="one_annual_document_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    @property
    def state(self) -> str:
        if self.approved_at:
            return "approved"
        return "returned" if self.returned_at else "waiting"


class PaymentDetails(models.Model):
    """Where an actor's grants are paid: its bankgiro or plusgiro. Set and changed only by an
    official (`services.change_payment_details`), every change audited."""

    class Account(models.TextChoices):
        BANKGIRO = "bankgiro", _("Bankgiro")
        PLUSGIRO = "plusgiro", _("Plusgiro")

    actor = models.OneToOneField("actors.Actor", on_delete=models.CASCADE, related_name="payment_details")
    account_kind = models.CharField(_("account"), max_length=10, choices=Account.choices)
    account_number = models.CharField(_("account number"), max_length=20)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment details")
        verbose_name_plural = _("payment details")

    def __str__(self) -> str:
        return f"{self.get_account_kind_display()} {self.account_number}"


class DetailsChangeRequest(models.Model):
    """A representative asks an official to change the organisation number or the account."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an official")
        DONE = "done", _("Changed")
        REFUSED = "refused", _("Not changed")

    actor = models.ForeignKey("actors.Actor", on_delete=models.CASCADE, related_name="details_change_requests")
    organisation_number = models.CharField(_("new organisation number"), max_length=11, blank=True)
    account_kind = models.CharField(_("account"), max_length=10, choices=PaymentDetails.Account.choices, blank=True)
    account_number = models.CharField(_("new account number"), max_length=20, blank=True)
    note = models.TextField(_("why the change"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("request to change details")
        verbose_name_plural = _("requests to change details")

    def __str__(self) -> str:
        return f"{self.actor_id}: {self.get_status_display()}"


class CaseCounter(models.Model):
    """The last case number given per committee and year. Submitting locks the row
    (select_for_update), so numbers are never given twice nor reused."""

    committee = models.ForeignKey("municipality.Committee", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["committee", "year"], name="one_counter_per_committee_year")]

    def __str__(self) -> str:
        return f"{self.committee_id}/{self.year}: {self.last}"


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> ApplicationQuerySet:
        """An actor's representatives see its applications; the officials of a committee's
        offices see the committee's submitted ones; administrators see all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        from samverka.actors.rules import actor_roles

        mine = Q(actor__in=list(actor_roles(user)))
        committees = committee_ids(user) | decision_committee_ids(user)
        if committees:
            mine |= Q(programme__committee__in=committees) & ~Q(status=Application.Status.DRAFT)
        return self.filter(mine)

    def submitted(self) -> ApplicationQuerySet:
        return self.exclude(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    programme = models.ForeignKey(GrantProgramme, on_delete=models.PROTECT, related_name="applications")
    actor = models.ForeignKey("actors.Actor", on_delete=models.PROTECT, related_name="grant_applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("applicant"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="grant_applications")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("what the money is for, in a few words"), max_length=150, blank=True)
    purpose = models.TextField(_("purpose and plan"), max_length=5000, blank=True)
    amount_asked = models.PositiveIntegerField(_("amount asked for (SEK)"), null=True, blank=True)
    case_number = models.CharField(_("case number"), max_length=30, null=True, blank=True, unique=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # An award's nomination: by another association, or by the committee itself.
    nominated_by_actor = models.ForeignKey("actors.Actor", verbose_name=_("nominated by"), null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")
    nominated_by_committee = models.BooleanField(_("nominated by the committee"), default=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        constraints = [
            # One live application per actor and programme (a double click starts one draft).
            models.UniqueConstraint(fields=["programme", "actor"], condition=~Q(status="withdrawn"),
                                    name="one_live_application_per_actor"),
            models.CheckConstraint(condition=Q(status="draft") | Q(case_number__isnull=False),
                                   name="submitted_application_has_case_number"),
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return self.case_number or _("Draft %(title)s") % {"title": self.title or self.programme.name}

    def get_absolute_url(self) -> str:
        return reverse("grants:application", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_nomination(self) -> bool:
        return self.nominated_by_committee or self.nominated_by_actor_id is not None

    @property
    def needs_two_reviews(self) -> bool:
        limit = self.programme.two_reviewers_above
        return limit is not None and (self.amount_asked or 0) > limit


class BudgetLine(models.Model):
    class Kind(models.TextChoices):
        INCOME = "income", _("Income")
        COST = "cost", _("Cost")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    kind = models.CharField(_("income or cost"), max_length=6, choices=Kind.choices)
    label = models.CharField(_("what"), max_length=150)
    amount = models.PositiveIntegerField(_("amount (SEK)"))

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.label}: {self.amount}"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    label = models.CharField(_("what the file is"), max_length=150)
    file = models.FileField(_("file"), storage=private_storage, upload_to="applications/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.label


class Review(models.Model):
    """One official's scores (criterion id → 0–5) and comment; one per official and application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    scores = models.JSONField(default=dict)
    comment = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="one_review_per_reviewer")]

    def __str__(self) -> str:
        return f"{self.application} – {self.reviewer}"


class DecisionRight(models.Model):
    """Who records a committee's decisions (its secretary, or an official with delegated
    authority). Reviewing needs only to work in one of the committee's offices."""

    committee = models.ForeignKey("municipality.Committee", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grant_decision_rights")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["committee", "user"], name="one_decision_right")]
        verbose_name = _("right to record decisions")
        verbose_name_plural = _("rights to record decisions")

    def __str__(self) -> str:
        return f"{self.user} – {self.committee}"


class DecisionQuerySet(models.QuerySet):
    def public(self) -> DecisionQuerySet:
        # The people of each case, for `Decision.public_reasons`: a fixed number of queries.
        return self.select_related("application__actor", "application__programme__committee",
                                   "application__applicant", "application__follow_up__submitted_by").prefetch_related(
            "application__reviews__reviewer", "application__actor__memberships__user")

    def with_reclaimed(self) -> DecisionQuerySet:
        """What was reclaimed of each grant as `reclaimed` (None if nothing), for the decisions'
        table: a missing reclaim read from the application would raise, which a template
        answers slowly."""
        return self.annotate(reclaimed=F("application__reclaim__amount"))


class Decision(models.Model):
    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    amount = models.PositiveIntegerField(_("amount granted (SEK)"), default=0)
    reasons = models.TextField(_("reasons"), max_length=3000)
    meeting_date = models.DateField(_("committee meeting"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    late_weeks = models.PositiveSmallIntegerField(_("weeks late"), default=0)
    deduction = models.PositiveIntegerField(_("deducted for lateness (SEK)"), default=0)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_date", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(condition=Q(outcome="granted", amount__gt=0) | Q(outcome="refused", amount=0),
                                   name="decision_amount_matches_outcome"),
        ]
        indexes = [models.Index(fields=["-meeting_date", "id"])]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"

    # The name forms of the people in the case (`disclosure.name_forms`), when a page of many
    # decisions loaded them as plain values (`selectors.decisions_page`); None: read them here.
    names_in_case: list[str] | None = None

    @property
    def public_reasons(self) -> str:
        """The reasons as published: the names of the people the platform knows in the case
        (its contact persons, reviewers) removed. Other personal details typed in free text
        are not found: the official who records the decision checks them."""
        from .disclosure import name_forms, people_in_case, without_names

        names = self.names_in_case
        if names is None:
            names = name_forms(people_in_case(self.application))
        return without_names(self.reasons, names)


class Payout(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payouts")
    instalment = models.PositiveSmallIntegerField(_("instalment"))
    paid_on = models.DateField(_("paid on"))
    amount = models.PositiveIntegerField(_("amount (SEK)"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["instalment"]
        constraints = [models.UniqueConstraint(fields=["application", "instalment"], name="one_payout_per_instalment")]

    def __str__(self) -> str:
        return f"{self.application} #{self.instalment}"


class FollowUpReport(models.Model):
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="follow_up")
    due_on = models.DateField(_("due"))
    answers = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_reminded_at = models.DateTimeField(null=True, blank=True)
    attachment = models.FileField(_("attachment"), storage=private_storage, upload_to="reports/%Y/", blank=True)
    late_weeks = models.PositiveSmallIntegerField(_("weeks late"), default=0)
    deduction = models.PositiveIntegerField(_("deducted for lateness (SEK)"), default=0)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")

    def __str__(self) -> str:
        return f"{self.application} – {self.due_on}"

    @property
    def answered(self) -> list[tuple[str, str]]:
        return [(item.get("question", ""), item.get("answer", "")) if isinstance(item, dict) else ("", str(item))
                for item in self.answers]


class Reclaim(models.Model):
    """The committee's decision to take back a grant whose follow-up report never came; a
    public record like the grant decision."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="reclaim")
    amount = models.PositiveIntegerField(_("amount to pay back (SEK)"))
    reasons = models.TextField(_("reasons"), max_length=3000)
    meeting_date = models.DateField(_("committee meeting"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-meeting_date", "pk"]
        verbose_name = _("reclaim decision")
        verbose_name_plural = _("reclaim decisions")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="reclaim_amount_positive")]

    def __str__(self) -> str:
        return f"{self.application}: {self.amount}"
