"""Every change to grants. Each function takes the acting user as `by=`, runs in one
transaction, asks rules.py (PermissionDenied), raises ActionError for what the programme's
rules forbid, records an audit event, queues its e-mails in the outbox in the same
transaction and renews the "grants" stamp where the public decisions page shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.actors.models import ActorMembership
from samverka.communication.services import queue_email
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError

from .models import (
    AnnualDocument,
    Application,
    Attachment,
    BudgetLine,
    CaseCounter,
    Decision,
    DetailsChangeRequest,
    FollowUpReport,
    GrantProgramme,
    PaymentDetails,
    Payout,
    Reclaim,
    Review,
)

SCORE_RANGE = range(0, 6)


class Problems(ActionError):
    """Several things stop the change, each for one field (None: the form as a whole)."""

    def __init__(self, errors: dict[str | None, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


# ---------------------------------------------------------------- who may apply


def eligibility_problems(*, programme: GrantProgramme, actor, today: date | None = None) -> list[str]:
    """Why `actor` may not apply to `programme` now, in words; empty when it may."""
    today = today or timezone.localdate()
    problems = []
    if today < programme.opens_on:
        problems.append(_("Applications open on %(date)s.") % {"date": _date(programme.opens_on)})
    elif today > programme.closes_on and not late_still_accepted(programme, today):
        problems.append(_("The last day to apply was %(date)s.") % {"date": _date(programme.closes_on)})
    if programme.eligible_kinds and actor.kind not in programme.eligible_kinds:
        problems.append(_("%(actor)s cannot apply: this programme is only for %(kinds)s.")
                        % {"actor": actor.name, "kinds": ", ".join(programme.eligible_kind_labels).lower()})
    if programme.must_be_active_here and (actor.status != "active" or not actor.districts.exists()):
        problems.append(_("Only actors active in the municipality can apply. Add the parts of the municipality "
                          "where %(actor)s works on its page first.") % {"actor": actor.name})
    if programme.documents_required:
        missing = missing_documents(actor=actor, year=programme.year - 1)
        if missing:
            problems.append(_("Last year's annual documents must be approved before you apply. Missing or not yet "
                              "approved: %(docs)s.") % {"docs": ", ".join(str(label) for label in missing).lower()})
    return problems


def late_still_accepted(programme: GrantProgramme, today: date) -> bool:
    """A programme with a deduction per week late takes late applications while something
    is left after the deduction."""
    pct = programme.late_deduction_percent
    return bool(pct) and pct * weeks_late(due=programme.closes_on, arrived=today) < 100


def missing_documents(*, actor, year: int) -> list:
    approved = set(AnnualDocument.objects.filter(actor=actor, year=year, approved_at__isnull=False)
                   .values_list("kind", flat=True))
    return [label for kind, label in AnnualDocument.Kind.choices if kind not in approved]


def _date(day: date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


def _kr(amount: int) -> str:
    """An amount as the language writes it: 60 000 in Swedish, 60,000 in English."""
    from django.utils.formats import number_format

    return number_format(amount, force_grouping=True)


def _meeting_problem(meeting_date: date) -> str | None:
    """A decision records a meeting already held: its date is not after today."""
    today = timezone.localdate()
    if meeting_date > today:
        return _("Write the date of the meeting that decided: it cannot be after today, %(today)s.") % {
            "today": _date(today)}
    return None


# ---------------------------------------------------------------- the applicant


@transaction.atomic
def start_application(*, by, programme: GrantProgramme, actor) -> Application:
    """A new draft for `actor`, or its live application if it has one."""
    require_perm(by, "grants.apply_for", actor)
    existing = Application.objects.filter(programme=programme, actor=actor).exclude(
        status=Application.Status.WITHDRAWN).first()
    if existing is not None:
        return existing
    problems = eligibility_problems(programme=programme, actor=actor)
    if problems:
        raise ActionError(" ".join(problems))
    try:
        with transaction.atomic():
            application = Application.objects.create(programme=programme, actor=actor, applicant=by)
    except IntegrityError:  # the same start from another tab
        return Application.objects.filter(programme=programme, actor=actor).exclude(
            status=Application.Status.WITHDRAWN).get()
    audit.record(by=by, action="grant.start", target=application,
                 changes={"programme": str(programme), "actor": actor.name})
    return application


@dataclass(frozen=True)
class Line:
    kind: str
    label: str
    amount: int


def _require_draft(application: Application) -> None:
    """Only a draft changes, whoever asks (an administrator passes every rule): a sent
    application is a public record."""
    if not application.is_draft:
        raise ActionError(_("The application is sent and can no longer be changed."))


@transaction.atomic
def save_draft(*, by, application: Application, title: str, purpose: str, amount_asked: int | None,
               budget: list[Line]) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    require_perm(by, "grants.change_application", application)
    _require_draft(application)
    changes = audit.diff(application, {"title": title, "purpose": purpose, "amount_asked": amount_asked})
    application.title, application.purpose, application.amount_asked = title, purpose, amount_asked
    application.save(update_fields=["title", "purpose", "amount_asked", "updated_at"])
    old = [(line.kind, line.label, line.amount) for line in application.budget_lines.all()]
    new = [(line.kind, line.label, line.amount) for line in budget]
    if old != new:
        application.budget_lines.all().delete()
        BudgetLine.objects.bulk_create([BudgetLine(application=application, kind=k, label=lb, amount=a)
                                        for k, lb, a in new])
        changes["budget"] = [len(old), len(new)]
    if changes:
        audit.record(by=by, action="grant.save_draft", target=application, changes=changes)
    return application


@transaction.atomic
def add_attachment(*, by, application: Application, label: str, file) -> Attachment:
    require_perm(by, "grants.change_application", application)
    _require_draft(application)
    attachment = Attachment.objects.create(application=application, label=label, file=file, uploaded_by=by)
    audit.record(by=by, action="grant.attach", target=application, changes={"label": label})
    return attachment


@transaction.atomic
def remove_attachment(*, by, attachment: Attachment) -> None:
    require_perm(by, "grants.change_application", attachment.application)
    _require_draft(attachment.application)
    audit.record(by=by, action="grant.detach", target=attachment.application, changes={"label": attachment.label})
    name = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def budget_totals(application: Application) -> tuple[int, int]:
    """(income, costs) of the application's budget."""
    income = costs = 0
    for line in application.budget_lines.all():
        if line.kind == line.Kind.INCOME:
            income += line.amount
        else:
            costs += line.amount
    return income, costs


def submit_problems(application: Application, today: date | None = None) -> dict[str | None, str]:
    programme = application.programme
    errors: dict[str | None, str] = {}
    eligibility = eligibility_problems(programme=programme, actor=application.actor, today=today)
    if eligibility:
        errors[None] = " ".join(eligibility)
    if not application.title.strip():
        errors["title"] = _("Write in a few words what the money is for.")
    if not application.purpose.strip():
        errors["purpose"] = _("Describe the purpose and your plan.")
    asked = application.amount_asked
    if not asked:
        errors["amount_asked"] = _("Write how much you apply for, in whole kronor.")
    elif asked > programme.pool:
        errors["amount_asked"] = _("You can apply for at most %(pool)s kronor, the programme's whole pool.") % {
            "pool": _kr(programme.pool)}
    if programme.budget_required:
        income, costs = budget_totals(application)
        if not costs:
            errors["budget"] = _("Add the costs of your budget.")
        elif asked and costs != income + asked:
            errors["budget"] = _("The budget does not add up: the costs (%(costs)s kr) must equal the income "
                                 "(%(income)s kr) plus the amount you apply for (%(asked)s kr). The difference is "
                                 "%(diff)s kr.") % {"costs": _kr(costs), "income": _kr(income), "asked": _kr(asked),
                                                     "diff": _kr(costs - income - asked)}
    attached = {a.label for a in application.attachments.all()}
    missing = [label for label in programme.attachment_labels if label not in attached]
    if missing:
        errors["attachment"] = _("Attach: %(missing)s.") % {"missing": ", ".join(missing)}
    return errors


def case_prefix(committee) -> str:
    """Kultur- och fritidsnämnden → KFN, Socialnämnden → SN, Kommunstyrelsen → KS."""
    parts = [part for part in committee.slug.split("-") if part and part != "och"]
    prefix = "".join(part[0] for part in parts).upper()
    last = parts[-1] if parts else ""
    if last.endswith("namnden"):
        prefix += "N"
    elif last.endswith("styrelsen"):
        prefix += "S"
    return prefix or "DNR"


def next_case_number(*, committee, year: int) -> str:
    """The next number of the committee's register for the year. Call inside the
    transaction that uses it: the counter row stays locked until it commits, so two
    submits at once get two numbers, and a number is never given again (a rolled-back
    submit gives its number back with the rollback, before anyone saw it)."""
    counter, _created = CaseCounter.objects.select_for_update().get_or_create(committee=committee, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{case_prefix(committee)} {year}/{counter.last:04d}"


@transaction.atomic
def submit_application(*, by, application: Application) -> Application:
    application = Application.objects.select_for_update(of=("self",)).select_related("programme__committee", "actor").get(
        pk=application.pk)
    require_perm(by, "grants.change_application", application)
    _require_draft(application)
    errors = submit_problems(application)
    if errors:
        raise Problems(errors)
    now = timezone.now()
    application.case_number = next_case_number(committee=application.programme.committee,
                                               year=timezone.localdate(now).year)
    application.status, application.submitted_at = Application.Status.SUBMITTED, now
    application.save(update_fields=["case_number", "status", "submitted_at", "updated_at"])
    audit.record(by=by, action="grant.submit", target=application,
                 changes={"case_number": application.case_number, "amount_asked": application.amount_asked})
    if by is not None and by.email:
        queue_email(to=by.email, template="grants/email/submitted", context={"application": application},
                    key=f"grant-submitted-{application.pk}")
    return application


@transaction.atomic
def withdraw_application(*, by, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    require_perm(by, "grants.withdraw_application", application)
    if application.status in (Application.Status.DECIDED, Application.Status.WITHDRAWN):
        raise ActionError(_("A decided or withdrawn application cannot be withdrawn."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action="grant.withdraw", target=application)
    return application


# ---------------------------------------------------------------- the officials


def weighted_score(scores: dict, criteria) -> float | None:
    """The weighted mean (0–5) of one review's scores."""
    total = weight = 0
    for criterion in criteria:
        value = scores.get(str(criterion.pk))
        if value is not None:
            total += value * criterion.weight
            weight += criterion.weight
    return round(total / weight, 2) if weight else None


@transaction.atomic
def review_application(*, by, application: Application, scores: dict[int, int], comment: str) -> Review:
    application = Application.objects.select_for_update(of=("self",)).select_related("programme").get(pk=application.pk)
    require_perm(by, "grants.review_application", application)
    if application.status not in (Application.Status.SUBMITTED, Application.Status.IN_REVIEW):
        raise ActionError(_("Only a submitted application that is not yet decided can be reviewed."))
    criteria = {c.pk for c in application.programme.criteria.all()}
    if set(scores) != criteria or any(v not in SCORE_RANGE for v in scores.values()):
        raise ActionError(_("Give every criterion a score from 0 to 5."))
    if not comment.strip():
        raise Problems({"comment": _("Write a comment: what the scores rest on.")})
    review, created = Review.objects.update_or_create(
        application=application, reviewer=by,
        defaults={"scores": {str(k): v for k, v in scores.items()}, "comment": comment})
    if application.status == Application.Status.SUBMITTED:
        application.status = Application.Status.IN_REVIEW
        application.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action="grant.review", target=application,
                 changes={"scores": review.scores, "comment": comment, "new": created})
    return review


def granted_total(programme: GrantProgramme, *, excluding: Application | None = None) -> int:
    decisions = Decision.objects.filter(application__programme=programme)
    if excluding is not None:
        decisions = decisions.exclude(application=excluding)
    return decisions.aggregate(total=Sum("amount"))["total"] or 0


class AlreadyDecided(ActionError):
    def __init__(self, decision: Decision):
        who = decision.decided_by.display_name if decision.decided_by else _("someone")
        super().__init__(_("%(who)s recorded the decision on this application at %(when)s. Nothing was changed; "
                           "read it below.") % {"who": who,
                                                 "when": timezone.localtime(decision.decided_at).strftime("%H.%M")})
        self.decision = decision


@transaction.atomic
def decide(*, by, application: Application, outcome: str, amount: int, reasons: str, meeting_date: date) -> Decision:
    """The committee's decision, recorded once. Two officials deciding at once: the one
    whose transaction locks the application first records it; the other is told who did."""
    application = Application.objects.select_for_update(of=("self",)).select_related("programme__committee", "actor").get(
        pk=application.pk)
    require_perm(by, "grants.decide_application", application)
    existing = Decision.objects.filter(application=application).select_related("decided_by").first()
    if existing is not None:
        raise AlreadyDecided(existing)
    if application.status not in (Application.Status.SUBMITTED, Application.Status.IN_REVIEW):
        raise ActionError(_("Only a submitted application can be decided."))
    errors: dict[str | None, str] = {}
    if not reasons.strip():
        errors["reasons"] = _("Write the reasons for the decision. They are published with it.")
    # Decisions on one programme take turns: each sees what the others granted from the pool.
    programme = GrantProgramme.objects.select_for_update().get(pk=application.programme_id)
    application.programme = programme
    if problem := _meeting_problem(meeting_date):
        errors["meeting_date"] = problem
    elif (outcome == Decision.Outcome.GRANTED and programme.follow_up_due_on
          and programme.follow_up_due_on <= meeting_date):
        errors["meeting_date"] = _("The follow-up report is due on %(due)s, before this meeting: change the due "
                                   "date in the programme's settings first.") % {"due": _date(programme.follow_up_due_on)}
    late = weeks_late(due=programme.closes_on, arrived=timezone.localdate(application.submitted_at))
    deduction = 0
    if outcome == Decision.Outcome.REFUSED:
        amount = 0
    elif outcome == Decision.Outcome.GRANTED:
        left = programme.pool - granted_total(programme)
        deduction = late_deduction(programme=programme, amount=amount or 0, weeks=late)
        if not amount or amount <= 0:
            errors["amount"] = _("Write the amount granted, in whole kronor.")
        elif amount - deduction <= 0:
            errors["amount"] = ngettext(
                "The application came %(weeks)s week late: the deduction takes the whole amount. Refuse it instead.",
                "The application came %(weeks)s weeks late: the deduction takes the whole amount. Refuse it instead.",
                late) % {"weeks": late}
        elif amount - deduction > left:
            errors["amount"] = _("The pool has %(left)s kronor left; %(amount)s is more than that.") % {
                "left": _kr(left), "amount": _kr(amount - deduction)}
        amount -= deduction
    else:
        errors["outcome"] = _("Choose granted or refused.")
    needed = 2 if application.needs_two_reviews else 1
    if application.reviews.count() < needed:
        errors[None] = ngettext("This application needs %(n)s review before a decision.",
                                "This application needs %(n)s reviews before a decision.", needed) % {"n": needed}
    if errors:
        raise Problems(errors)
    try:
        with transaction.atomic():
            decision = Decision.objects.create(application=application, outcome=outcome, amount=amount,
                                               reasons=reasons, meeting_date=meeting_date, decided_by=by,
                                               late_weeks=late if deduction else 0, deduction=deduction)
    except IntegrityError:  # another official's decision, committed between our read and write
        raise AlreadyDecided(Decision.objects.select_related("decided_by").get(application=application)) from None
    application.status = Application.Status.DECIDED
    application.save(update_fields=["status", "updated_at"])
    if outcome == Decision.Outcome.GRANTED and programme.follow_up_due_on:
        FollowUpReport.objects.get_or_create(application=application, defaults={"due_on": programme.follow_up_due_on})
    audit.record(by=by, action="grant.decide", target=application,
                 changes={"outcome": outcome, "amount": amount, "reasons": reasons,
                          "meeting_date": meeting_date.isoformat(), "late_weeks": late, "deduction": deduction})
    if application.applicant_id and application.applicant.email:
        queue_email(to=application.applicant.email, template="grants/email/decided",
                    context={"application": application, "decision": decision}, key=f"grant-decided-{application.pk}")
    if application.is_nomination:  # the applicant is the nominator: the nominee hears it too
        _tell_nominee(application, template="grants/email/nomination_decided", key=f"grant-decided-{application.pk}",
                      context={"decision": decision})
    transaction.on_commit(lambda: versions.renew("grants"))
    return decision


@transaction.atomic
def record_payout(*, by, application: Application, paid_on: date, amount: int) -> Payout:
    application = Application.objects.select_for_update(of=("self",)).select_related("programme").get(pk=application.pk)
    require_perm(by, "grants.record_payout", application)
    decision = Decision.objects.filter(application=application).first()
    if decision is None or decision.outcome != Decision.Outcome.GRANTED:
        raise ActionError(_("Only a granted application is paid out."))
    paid = application.payouts.aggregate(total=Sum("amount"))["total"] or 0
    count = application.payouts.count()
    if count >= application.programme.instalments:
        raise ActionError(_("All %(n)s instalments are paid.") % {"n": application.programme.instalments})
    if amount <= 0 or paid + amount > decision.amount:
        raise Problems({"amount": _("%(left)s kronor of the grant are left to pay.") % {"left": _kr(decision.amount - paid)}})
    payout = Payout.objects.create(application=application, instalment=count + 1, paid_on=paid_on, amount=amount,
                                   recorded_by=by)
    audit.record(by=by, action="grant.payout", target=application,
                 changes={"instalment": payout.instalment, "amount": amount, "paid_on": paid_on.isoformat()})
    return payout


# ---------------------------------------------------------------- setting up programmes

PROGRAMME_FIELDS = ["committee", "name", "kind", "year", "description", "eligible_kinds", "must_be_active_here",
                    "documents_required", "opens_on", "closes_on", "pool", "required_attachments",
                    "budget_required", "late_deduction_percent", "instalments", "follow_up_due_on",
                    "follow_up_questions", "two_reviewers_above", "sdg_goals"]
PROGRAMME_M2M = ("sdg_goals",)


@dataclass(frozen=True)
class CriterionLine:
    name: str
    weight: int


def _unique_slug(programme: GrantProgramme) -> str:
    from django.utils.text import slugify

    base = slugify(f"{programme.name} {programme.year}")[:150] or "program"
    slug, n = base, 2
    while GrantProgramme.objects.filter(slug=slug).exclude(pk=programme.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_programme(*, by, programme: GrantProgramme | None = None, data: dict,
                   criteria: list[CriterionLine] | None = None) -> GrantProgramme:
    """Create (`programme` None) or change a programme and, when given, its criteria (in order).
    An official sets up only their own committee's programmes; an administrator any."""
    from .models import Criterion

    creating = programme is None or programme.pk is None
    if creating:
        programme = programme or GrantProgramme()
    else:
        programme = GrantProgramme.objects.select_for_update().get(pk=programme.pk)
        require_perm(by, "grants.set_up_programme", programme)  # the committee it had
    unknown = set(data) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValueError(f"Not programme fields: {sorted(unknown)}")
    many = {name: list(data[name]) for name in PROGRAMME_M2M if name in data}
    data = {k: v for k, v in data.items() if k not in PROGRAMME_M2M}
    changes = audit.diff(programme, {k: v for k, v in data.items() if k != "committee"})
    if "committee" in data and data["committee"].pk != programme.committee_id:
        changes["committee"] = [str(programme.committee) if programme.committee_id else None, str(data["committee"])]
    for name, chosen in many.items():
        before = [] if creating else sorted(str(o) for o in getattr(programme, name).all())
        if before != sorted(str(o) for o in chosen):
            changes[name] = [before, sorted(str(o) for o in chosen)]
    for field, value in data.items():
        setattr(programme, field, value)
    require_perm(by, "grants.set_up_programme", programme)  # the committee it gets
    errors: dict[str | None, str] = {}
    if programme.opens_on and programme.closes_on and programme.closes_on < programme.opens_on:
        errors["closes_on"] = _("The last day to apply cannot be before applications open.")
    if programme.pk and "pool" in changes:
        granted = granted_total(programme)
        if programme.pool < granted:
            errors["pool"] = _("%(granted)s kronor are already granted from this pool; it cannot be smaller.") % {
                "granted": _kr(granted)}
    if programme.kind == GrantProgramme.Kind.AWARD and programme.eligible_kinds and "network" in programme.eligible_kinds:
        errors["eligible_kinds"] = _("The award is for associations and organisations, not informal networks.")
    if errors:
        raise Problems(errors)
    if creating or not programme.slug:
        programme.slug = _unique_slug(programme)
    programme.save()
    for name, chosen in many.items():
        getattr(programme, name).set(chosen)
    if criteria is not None:
        old = [(c.name, c.weight) for c in programme.criteria.all()]
        new = [(c.name, c.weight) for c in criteria]
        if old != new:
            if Review.objects.filter(application__programme=programme).exists():
                raise Problems({"criteria": _("Applications are already scored against these criteria; they "
                                              "cannot change now.")})
            programme.criteria.all().delete()
            Criterion.objects.bulk_create([Criterion(programme=programme, name=name, weight=weight, position=n)
                                           for n, (name, weight) in enumerate(new)])
            changes["criteria"] = [old, new]
    if creating or changes:
        audit.record(by=by, action="grant.create_programme" if creating else "grant.change_programme",
                     target=programme, changes=_jsonable(changes))
    transaction.on_commit(lambda: versions.renew("grants"))
    return programme


def _jsonable(changes: dict) -> dict:
    def plain(value):
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, date):
            return value.isoformat()
        return value
    return {key: plain(value) for key, value in changes.items()}


@transaction.atomic
def give_decision_right(*, by, committee, user):
    """`user` may record `committee`'s decisions (its secretary, or by delegation)."""
    from .models import DecisionRight

    require_perm(by, "grants.give_decision_rights", committee)
    right, created = DecisionRight.objects.get_or_create(committee=committee, user=user)
    if created:
        audit.record(by=by, action="grant.give_decision_right", target=user,
                     changes={"committee": str(committee), "user": user.display_name})
    return right


@transaction.atomic
def take_decision_right(*, by, right) -> None:
    require_perm(by, "grants.give_decision_rights", right.committee)
    audit.record(by=by, action="grant.take_decision_right", target=right.user,
                 changes={"committee": str(right.committee), "user": right.user.display_name})
    right.delete()


# ---------------------------------------------------------------- annual documents


@transaction.atomic
def send_annual_document(*, by, actor, year: int, kind: str, file) -> AnnualDocument:
    """A representative sends one of the year's documents; a returned or waiting one is
    replaced, an approved one stays."""
    require_perm(by, "grants.send_annual_document", actor)
    if kind not in AnnualDocument.Kind.values:
        raise Problems({"kind": _("Choose which document this is.")})
    existing = AnnualDocument.objects.select_for_update().filter(actor=actor, year=year, kind=kind).first()
    if existing is not None and existing.approved_at:
        raise Problems({"kind": _("The %(doc)s for %(year)s is already approved.") % {
            "doc": existing.get_kind_display().lower(), "year": year}})
    old_name = existing.file.name if existing is not None else None
    document = existing or AnnualDocument(actor=actor, year=year, kind=kind)
    document.file = file
    document.uploaded_by, document.uploaded_at = by, timezone.now()
    document.returned_by = document.returned_at = None
    document.return_reason = ""
    document.save()
    audit.record(by=by, action="grant.annual_document", target=actor,
                 changes={"year": year, "kind": kind, "replaced": existing is not None})
    if old_name:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return document


@transaction.atomic
def approve_annual_document(*, by, document: AnnualDocument) -> AnnualDocument:
    document = AnnualDocument.objects.select_for_update(of=("self",)).select_related("actor").get(pk=document.pk)
    require_perm(by, "grants.approve_annual_document", document.actor)
    if document.approved_at:
        return document
    document.approved_by, document.approved_at = by, timezone.now()
    document.returned_by = document.returned_at = None
    document.return_reason = ""
    document.save(update_fields=["approved_by", "approved_at", "returned_by", "returned_at", "return_reason"])
    audit.record(by=by, action="grant.approve_document", target=document.actor,
                 changes={"year": document.year, "kind": document.kind})
    return document


@transaction.atomic
def return_annual_document(*, by, document: AnnualDocument, reason: str) -> AnnualDocument:
    """Not approved: back to the association with what to correct (they are told by e-mail)."""
    document = AnnualDocument.objects.select_for_update(of=("self",)).select_related("actor", "uploaded_by").get(pk=document.pk)
    require_perm(by, "grants.approve_annual_document", document.actor)
    if not reason.strip():
        raise Problems({"reason": _("Write what the association must correct.")})
    if document.approved_at:
        raise ActionError(_("The document is already approved."))
    document.returned_by, document.returned_at, document.return_reason = by, timezone.now(), reason.strip()
    document.save(update_fields=["returned_by", "returned_at", "return_reason"])
    audit.record(by=by, action="grant.return_document", target=document.actor,
                 changes={"year": document.year, "kind": document.kind, "reason": document.return_reason})
    if document.uploaded_by_id and document.uploaded_by.email:
        queue_email(to=document.uploaded_by.email, template="grants/email/document_returned",
                    context={"document": document, "actor": document.actor},
                    key=f"grant-document-returned-{document.pk}-{document.returned_at.isoformat()}")
    return document


# ---------------------------------------------------------------- organisation number and account


def clean_organisation_number(value: str) -> str:
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.se import orgnr

    try:
        return orgnr.format(orgnr.validate(value))
    except StdnumError:
        raise Problems({"organisation_number": _("Write a valid organisation number: ten digits, for example "
                                                 "802400-1235.")}) from None


def clean_account(kind: str, number: str) -> str:
    """A bankgiro (7–8 digits) or plusgiro (2–8 digits) number whose last digit is its
    mod-10 (Luhn) check digit, written the usual way: 5402-9681, 28 65 43-4."""
    from stdnum import luhn
    from stdnum.exceptions import ValidationError as StdnumError

    digits = "".join(ch for ch in number if not ch.isspace() and ch != "-")
    if kind not in PaymentDetails.Account.values:
        raise Problems({"account_kind": _("Choose bankgiro or plusgiro.")})
    lengths = range(7, 9) if kind == PaymentDetails.Account.BANKGIRO else range(2, 9)
    try:
        if not digits.isdigit() or len(digits) not in lengths:
            raise StdnumError
        luhn.validate(digits)
    except StdnumError:
        example = "5402-9681" if kind == PaymentDetails.Account.BANKGIRO else "28 65 43-4"
        raise Problems({"account_number": _("This is not a valid %(kind)s number: check the digits (for example "
                                            "%(example)s).") % {"kind": PaymentDetails.Account(kind).label.lower(),
                                                                 "example": example}}) from None
    if kind == PaymentDetails.Account.BANKGIRO:
        return f"{digits[:-4]}-{digits[-4:]}"
    body = digits[:-1]
    pairs = " ".join(body[max(0, i - 2):i] for i in range(len(body), 0, -2)[::-1])
    return f"{pairs}-{digits[-1]}"


@transaction.atomic
def ask_to_change_details(*, by, actor, organisation_number: str = "", account_kind: str = "",
                          account_number: str = "", note: str = "") -> DetailsChangeRequest:
    require_perm(by, "grants.ask_to_change_details", actor)
    errors: dict[str | None, str] = {}
    if not organisation_number and not account_number:
        errors[None] = _("Write the new organisation number, the new account, or both.")
    if organisation_number:
        try:
            organisation_number = clean_organisation_number(organisation_number)
        except Problems as problems:
            errors.update(problems.errors)
    if account_number or account_kind:
        try:
            account_number = clean_account(account_kind, account_number)
        except Problems as problems:
            errors.update(problems.errors)
    if errors:
        raise Problems(errors)
    change = DetailsChangeRequest.objects.create(actor=actor, organisation_number=organisation_number,
                                                 account_kind=account_kind, account_number=account_number,
                                                 note=note, requested_by=by)
    audit.record(by=by, action="grant.ask_details_change", target=actor,
                 changes={"organisation_number": organisation_number, "account": account_number})
    return change


@transaction.atomic
def change_details(*, by, actor, organisation_number: str = "", account_kind: str = "", account_number: str = "",
                   request: DetailsChangeRequest | None = None) -> None:
    """An official changes the organisation number and/or the account (and answers the
    representative's request when there is one). Audited with the old and new values."""
    from samverka.actors.models import Actor

    actor = Actor.objects.select_for_update().get(pk=actor.pk)
    require_perm(by, "grants.change_details", actor)
    errors: dict[str | None, str] = {}
    changes: dict = {}
    if organisation_number:
        try:
            organisation_number = clean_organisation_number(organisation_number)
        except Problems as problems:
            errors.update(problems.errors)
        else:
            clash = Actor.objects.filter(organisation_number=organisation_number).exclude(pk=actor.pk).first()
            if clash:
                errors["organisation_number"] = _("The organisation number belongs to %(name)s.") % {"name": clash.name}
    if account_number or account_kind:
        try:
            account_number = clean_account(account_kind, account_number)
        except Problems as problems:
            errors.update(problems.errors)
    if not organisation_number and not account_number:
        errors.setdefault(None, _("Write the new organisation number, the new account, or both."))
    if errors:
        raise Problems(errors)
    if organisation_number and organisation_number != actor.organisation_number:
        changes["organisation_number"] = [actor.organisation_number, organisation_number]
        actor.organisation_number = organisation_number
        actor.save(update_fields=["organisation_number", "updated_at"])
        transaction.on_commit(lambda: versions.renew("actors"))
    if account_number:
        details = PaymentDetails.objects.select_for_update().filter(actor=actor).first()
        old = str(details) if details else None
        details = details or PaymentDetails(actor=actor)
        details.account_kind, details.account_number = account_kind, account_number
        details.changed_by, details.changed_at = by, timezone.now()
        if str(details) != old:
            details.save()
            changes["account"] = [old, str(details)]
    if request is not None:
        request = DetailsChangeRequest.objects.select_for_update().get(pk=request.pk, actor=actor)
        request.status, request.handled_by, request.handled_at = (DetailsChangeRequest.Status.DONE, by,
                                                                  timezone.now())
        request.save(update_fields=["status", "handled_by", "handled_at"])
        changes["request"] = request.pk
    audit.record(by=by, action="grant.change_details", target=actor, changes=changes)


@transaction.atomic
def refuse_details_change(*, by, request: DetailsChangeRequest, answer: str) -> DetailsChangeRequest:
    request = DetailsChangeRequest.objects.select_for_update(of=("self",)).select_related("actor").get(pk=request.pk)
    require_perm(by, "grants.change_details", request.actor)
    if not answer.strip():
        raise Problems({"answer": _("Write why the details are not changed.")})
    if request.status != DetailsChangeRequest.Status.PENDING:
        raise ActionError(_("The request is already handled."))
    request.status, request.handled_by, request.handled_at, request.answer = (
        DetailsChangeRequest.Status.REFUSED, by, timezone.now(), answer.strip())
    request.save(update_fields=["status", "handled_by", "handled_at", "answer"])
    audit.record(by=by, action="grant.refuse_details_change", target=request.actor, changes={"answer": request.answer})
    return request


# ---------------------------------------------------------------- lateness


def weeks_late(*, due: date, arrived: date) -> int:
    """Started weeks after the due day: one day late is one week."""
    days = (arrived - due).days
    return 0 if days <= 0 else (days + 6) // 7


def late_deduction(*, programme: GrantProgramme, amount: int, weeks: int) -> int:
    """What the programme's rule takes off `amount` for `weeks` weeks late (whole kronor,
    never more than the amount)."""
    percent = min(100, programme.late_deduction_percent * weeks)
    return amount * percent // 100


# ---------------------------------------------------------------- follow-up reports

REMIND_DAYS_BEFORE = 14


@transaction.atomic
def submit_report(*, by, report: FollowUpReport, answers: list[str], attachment=None) -> FollowUpReport:
    """The follow-up report, sent once. After its due date the programme's deduction per week
    is recorded with it (taken from the grant: paid back or set off against the next)."""
    report = FollowUpReport.objects.select_for_update(of=("self",)).select_related(
        "application__programme", "application__actor", "application__decision").get(pk=report.pk)
    application = report.application
    require_perm(by, "grants.send_report", application)
    if report.submitted_at:
        raise ActionError(_("The report is already sent."))
    questions = application.programme.question_list
    errors = {f"answer_{n}": _("Answer the question.") for n, text in enumerate(answers) if not text.strip()}
    if len(answers) != len(questions):
        errors[None] = _("Answer every question.")
    if errors:
        raise Problems(errors)
    now = timezone.now()
    report.answers = [{"question": q, "answer": a.strip()} for q, a in zip(questions, answers, strict=True)]
    report.submitted_at, report.submitted_by = now, by
    report.late_weeks = weeks_late(due=report.due_on, arrived=timezone.localdate(now))
    decision = getattr(application, "decision", None)
    report.deduction = late_deduction(programme=application.programme, amount=decision.amount if decision else 0,
                                      weeks=report.late_weeks)
    if attachment:
        report.attachment = attachment
    report.save()
    audit.record(by=by, action="grant.report", target=application,
                 changes={"late_weeks": report.late_weeks, "deduction": report.deduction,
                          "attachment": bool(attachment)})
    transaction.on_commit(lambda: versions.renew("grants"))
    return report


def _report_contacts(application) -> list[str]:
    if application.applicant_id and application.applicant.email:
        return [application.applicant.email]
    return [application.actor.email] if getattr(application.actor, "email", "") else []


def write_report_reminders(*, today: date | None = None) -> int:
    """Reminders for follow-up reports: once when the due date is two weeks away, once when
    it has passed. Each is sent once (the key and the report's stamp), so the daily task may
    run again without sending twice."""
    today = today or timezone.localdate()
    open_reports = (FollowUpReport.objects.filter(submitted_at__isnull=True, application__reclaim__isnull=True)
                    .select_related("application__applicant", "application__actor", "application__programme"))
    count = 0
    for report in open_reports.filter(reminded_at__isnull=True, due_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
                                      due_on__gte=today).order_by("pk"):
        count += _remind(report, stamp="reminded_at", template="grants/email/report_due", today=today)
    for report in open_reports.filter(overdue_reminded_at__isnull=True, due_on__lt=today).order_by("pk"):
        count += _remind(report, stamp="overdue_reminded_at", template="grants/email/report_overdue", today=today)
    return count


def _remind(report: FollowUpReport, *, stamp: str, template: str, today: date) -> int:
    with transaction.atomic():
        locked = FollowUpReport.objects.select_for_update().get(pk=report.pk)
        if getattr(locked, stamp) or locked.submitted_at:
            return 0
        for address in _report_contacts(report.application):
            queue_email(to=address, template=template,
                        context={"application": report.application, "report": report,
                                 "weeks": weeks_late(due=report.due_on, arrived=today)},
                        key=f"grant-report-{stamp}-{report.pk}")
        setattr(locked, stamp, timezone.now())
        locked.save(update_fields=[stamp])
        audit.record(by=None, action="grant.remind_report", target=report.application,
                     changes={"due_on": report.due_on.isoformat(), "overdue": stamp == "overdue_reminded_at"})
    return 1


@transaction.atomic
def reclaim(*, by, application: Application, amount: int, reasons: str, meeting_date: date) -> Reclaim:
    """The committee takes back a grant whose follow-up report is missing after its due date.
    Recorded once, audited, published with the decision."""
    application = Application.objects.select_for_update(of=("self",)).select_related("programme").get(pk=application.pk)
    require_perm(by, "grants.decide_application", application)
    report = FollowUpReport.objects.filter(application=application).first()
    if Reclaim.objects.filter(application=application).exists():
        raise ActionError(_("A reclaim is already decided for this grant."))
    if report is None or report.submitted_at or report.due_on >= timezone.localdate():
        raise ActionError(_("A grant is reclaimed only when its follow-up report is missing after the due date."))
    paid = application.payouts.aggregate(total=Sum("amount"))["total"] or 0
    errors: dict[str | None, str] = {}
    if not reasons.strip():
        errors["reasons"] = _("Write the reasons for the decision. They are published with it.")
    if problem := _meeting_problem(meeting_date):
        errors["meeting_date"] = problem
    if not amount or amount <= 0:
        errors["amount"] = _("Write the amount to pay back, in whole kronor.")
    elif amount > paid:
        errors["amount"] = _("%(paid)s kronor are paid out; no more than that can be reclaimed.") % {"paid": _kr(paid)}
    if errors:
        raise Problems(errors)
    found = Reclaim.objects.create(application=application, amount=amount, reasons=reasons.strip(),
                                   meeting_date=meeting_date, decided_by=by)
    audit.record(by=by, action="grant.reclaim", target=application,
                 changes={"amount": amount, "reasons": found.reasons, "meeting_date": meeting_date.isoformat()})
    for address in _report_contacts(application):
        queue_email(to=address, template="grants/email/reclaimed", context={"application": application,
                                                                            "reclaim": found},
                    key=f"grant-reclaimed-{application.pk}")
    transaction.on_commit(lambda: versions.renew("grants"))
    return found


def overdue_reports(programme: GrantProgramme, *, today: date | None = None):
    today = today or timezone.localdate()
    return (FollowUpReport.objects.filter(application__programme=programme, submitted_at__isnull=True,
                                          due_on__lt=today)
            .select_related("application__actor", "application__decision", "application__reclaim")
            .order_by("due_on", "application__case_number"))


def disclosure_export(*, by, application: Application) -> bytes:
    """The case's documents for a disclosure request, personal data marked (see disclosure.py);
    who exported what is in the audit history."""
    from . import disclosure

    require_perm(by, "grants.export_disclosure", application)
    if application.is_draft:
        raise ActionError(_("A draft is not a public record yet."))
    content = disclosure.export(application)
    audit.record(by=by, action="grant.disclosure", target=application)
    return content


# ---------------------------------------------------------------- award nominations


def _tell_nominee(application: Application, *, template: str, key: str, context: dict | None = None) -> None:
    """An e-mail to each representative of the nominated actor, once per message and address
    (the key: a retried change finds the message already queued)."""
    addresses = sorted({email for email in ActorMembership.objects.filter(
        actor_id=application.actor_id, user__is_active=True).values_list("user__email", flat=True) if email})
    for address in addresses:
        queue_email(to=address, template=template, context={"application": application, **(context or {})},
                    key=f"{key}-nominee-{address}")


@transaction.atomic
def nominate(*, by, programme: GrantProgramme, nominee, title: str, motivation: str,
             nominating_actor=None) -> Application:
    """A nomination for an award: by an association for another (its representative), or by
    the committee (its officials). The nominee must be of a kind the award is for; the
    nomination is sent at once, with a case number, and the jury scores it as a review."""
    if nominating_actor is not None:
        require_perm(by, "grants.apply_for", nominating_actor)
    else:
        require_perm(by, "grants.handle_programme", programme)
    programme = GrantProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.kind != GrantProgramme.Kind.AWARD:
        raise ActionError(_("Only an award takes nominations."))
    errors: dict[str | None, str] = {}
    if nominating_actor is not None and nominating_actor.pk == nominee.pk:
        errors["nominee"] = _("An association does not nominate itself: apply for the award instead.")
    else:
        problems = eligibility_problems(programme=programme, actor=nominee)
        if problems:
            errors["nominee"] = " ".join(problems)
        elif Application.objects.filter(programme=programme, actor=nominee).exclude(
                status=Application.Status.WITHDRAWN).exists():
            errors["nominee"] = _("%(actor)s is already nominated or has applied.") % {"actor": nominee.name}
    if not title.strip():
        errors["title"] = _("Write in a few words why, for example what they have done.")
    if not motivation.strip():
        errors["motivation"] = _("Write the reasons for the nomination.")
    if errors:
        raise Problems(errors)
    now = timezone.now()
    application = Application.objects.create(
        programme=programme, actor=nominee, applicant=by, title=title.strip(), purpose=motivation.strip(),
        amount_asked=programme.pool, status=Application.Status.SUBMITTED, submitted_at=now,
        nominated_by_actor=nominating_actor, nominated_by_committee=nominating_actor is None,
        case_number=next_case_number(committee=programme.committee, year=timezone.localdate(now).year))
    audit.record(by=by, action="grant.nominate", target=application,
                 changes={"nominee": nominee.name, "by": nominating_actor.name if nominating_actor else "committee",
                          "case_number": application.case_number})
    _tell_nominee(application, template="grants/email/nominated", key=f"grant-nominated-{application.pk}")
    return application
