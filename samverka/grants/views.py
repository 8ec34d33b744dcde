"""Grants pages: the programmes, applying (a draft saved on every post), the officials'
cases, reviews, allocation, decisions and payouts, the meeting's decision list (CSV, PDF),
the public decisions and the files, served only to those who may see them."""

from __future__ import annotations

import csv
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.actors.models import Actor
from samverka.actors.rules import actor_roles
from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page
from samverka.municipality.models import Committee

from . import selectors, services
from .filters import DecisionFilter
from .forms import (
    AnnualDocumentForm,
    ApplicationForm,
    ChooseActorForm,
    DecisionForm,
    DetailsForm,
    NominationForm,
    PayoutForm,
    ProgrammeForm,
    ReclaimForm,
    ReportForm,
    ReturnDocumentForm,
    ReviewForm,
    budget_formset,
    budget_lines,
    criteria_formset,
    criterion_lines,
)
from .models import (
    AnnualDocument,
    Application,
    Attachment,
    DetailsChangeRequest,
    FollowUpReport,
    GrantProgramme,
    PaymentDetails,
)

PAGE_SIZE = 50


def _applications():
    return Application.objects.select_related("programme__committee", "actor", "applicant")


def _get_application(request, pk, perm="grants.view_application"):
    return get_for_user(_applications().visible_to(request.user), request.user, perm=perm, pk=pk)


def _get_programme(request, slug, perm=None):
    return get_for_user(GrantProgramme.objects.select_related("committee"), request.user, perm=perm, slug=slug)


def _add_problems(form, errors: dict) -> None:
    """Each problem next to its field, or its part of the page (`forms.PartErrors`), or above the fields."""
    parts = getattr(form, "PARTS", {})
    for field, message in errors.items():
        if field in parts:
            form.add_part_error(field, message)
        else:
            form.add_error(field if field in form.fields else None, message)


def _on_form(form, action, *, passes=()):
    """Call `action` (one service) and return what it returns; when the service refuses,
    show why on `form` (its Problems next to their fields, any other ActionError above them)
    and return None. Errors of the kinds in `passes` go on to the view."""
    try:
        return action()
    except passes:
        raise
    except services.Problems as problems:
        _add_problems(form, problems.errors)
    except ActionError as error:
        form.add_error(None, str(error))
    return None


# ---------------------------------------------------------------- programmes (public)


@require_GET
def index(request):
    today = timezone.localdate()
    programmes = GrantProgramme.objects.select_related("committee").filter(year__gte=today.year - 1)
    return render(request, "grants/index.html", {"programmes": programmes, "today": today})


@require_GET
def programme(request, slug):
    item = _get_programme(request, slug)
    context = {"programme": item, "criteria": item.criteria.all(), "open": item.is_open(), "mine": [],
               "sdg_goals": list(item.sdg_goals.all())}
    if request.user.is_authenticated:
        context["mine"] = list(Application.objects.filter(programme=item, actor__in=list(actor_roles(request.user)))
                               .exclude(status=Application.Status.WITHDRAWN).select_related("actor"))
    return render(request, "grants/programme.html", context)


# ---------------------------------------------------------------- applying


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    item = _get_programme(request, slug)
    actors = list(Actor.objects.filter(pk__in=list(actor_roles(request.user))).order_by("sort_name"))
    if not actors:
        raise PermissionDenied
    form = ChooseActorForm(request.POST or None, actors=actors)
    problems = []
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            try:
                url = once(request, lambda: services.start_application(
                    by=request.user, programme=item, actor=form.chosen()).get_absolute_url())
            except ActionError as error:
                form.add_error("actor", str(error))
            else:
                return redirect(url)
    else:
        problems = [(actor, services.eligibility_problems(programme=item, actor=actor)) for actor in actors]
    return render(request, "grants/apply.html", {"programme": item, "form": form, "problems": problems})


@login_required
@require_http_methods(["GET", "POST"])
def application(request, pk):
    """The applicant edits the draft here (every post saves it); everyone who may see the
    application reads it here."""
    item = _get_application(request, pk)
    # Only a draft is edited, also by an administrator (a superuser passes every rule): once
    # sent, an application is a public record.
    editable = item.is_draft and request.user.has_perm("grants.change_application", item)
    form = formset = None
    if editable:
        if request.method == "POST":
            form = ApplicationForm(request.POST, request.FILES, instance=Application(pk=item.pk,
                                   title=item.title, purpose=item.purpose, amount_asked=item.amount_asked),
                                   programme=item.programme)
            formset = budget_formset(request.POST, application=item)
            if form.is_valid() and formset.is_valid():
                item = _save(request, item, form, formset)
                if item is not None and not item.is_draft:
                    return redirect("grants:receipt", pk=item.pk)
                if item is not None and "submit" not in request.POST:
                    messages.success(request, _("Your draft is saved. You can come back to it at any time."))
                    return redirect(item)
                item = item or _get_application(request, pk)
            else:
                form.add_error(None, _("Your draft is not saved: correct what is marked below."))
        else:
            form = ApplicationForm(instance=item, programme=item.programme)
            formset = budget_formset(application=item)
    elif request.method == "POST":
        if done := already_done(request):  # the same form sent twice: the first one went through
            return redirect(done)
        raise PermissionDenied
    income, costs = services.budget_totals(item)
    attachments = list(item.attachments.all())
    attached = {a.label for a in attachments}
    context = {"application": item, "form": form, "formset": formset, "editable": editable,
               "income": income, "costs": costs, "attachments": attachments,
               "attachments_missing": [label for label in item.programme.attachment_labels if label not in attached],
               "budget": item.budget_lines.all(), "reviews": [], "decision": getattr(item, "decision", None),
               "payouts": item.payouts.all(), "follow_up": FollowUpReport.objects.filter(application=item).first(),
               "reclaim": getattr(item, "reclaim", None)}
    if request.user.has_perm("grants.handle_programme", item):
        context["reviews"] = item.reviews.select_related("reviewer")
    return render(request, "grants/application.html", context)


def _save(request, item, form, formset):
    """Save the draft; with "submit", then submit it. The draft is saved whatever the submit
    says; what stops the submit is shown next to its field. Returns the application, or
    None when the submit was refused (the form carries why)."""
    data = form.cleaned_data
    item = services.save_draft(by=request.user, application=item, title=data["title"], purpose=data["purpose"],
                               amount_asked=data["amount_asked"], budget=budget_lines(formset))
    if data.get("attachment"):
        services.add_attachment(by=request.user, application=item, label=form.attachment_name(),
                                file=data["attachment"])
    if "submit" not in request.POST:
        return item
    if already_done(request):
        return _applications().get(pk=item.pk)
    if _on_form(form, lambda: once(request, lambda: services.submit_application(
            by=request.user, application=item).get_absolute_url())) is None:
        messages.info(request, _("Your draft is saved, but it is not sent yet."))
        return None
    return _applications().get(pk=item.pk)


@login_required
@require_GET
def receipt(request, pk):
    item = _get_application(request, pk)
    if item.is_draft:
        return redirect(item)
    return render(request, "grants/receipt.html", {"application": item})


@login_required
@require_POST
def remove_attachment(request, pk):
    attachment = get_for_user(Attachment.objects.select_related("application__actor", "application__programme")
                              .filter(application__in=Application.objects.visible_to(request.user)),
                              request.user, pk=pk)
    if not (attachment.application.is_draft
            and request.user.has_perm("grants.change_application", attachment.application)):
        raise PermissionDenied
    services.remove_attachment(by=request.user, attachment=attachment)
    messages.success(request, _("The file is removed."))
    return redirect(attachment.application)


@login_required
@require_GET
def attachment_file(request, pk):
    """The file, to those who may see its application; never from a public address."""
    attachment = get_for_user(Attachment.objects.select_related("application__programme")
                              .filter(application__in=Application.objects.visible_to(request.user)),
                              request.user, pk=pk)
    if not request.user.has_perm("grants.view_application", attachment.application):
        raise PermissionDenied
    return _private_file(attachment.file, attachment.label)


def _private_file(field, label: str):
    """A private file as a download, typed by the kind it was checked to be."""
    from samverka.core.uploads import content_type_of

    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type, extension = content_type_of(field.name)
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=f"{label}.{extension}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def mine(request):
    return render(request, "grants/mine.html", {"applications": selectors.my_applications(request.user),
                                                "actors": Actor.objects.filter(pk__in=list(actor_roles(request.user)))
                                                .order_by("sort_name"),
                                                "programmes": selectors.programmes_to_handle(request.user)
                                                if request.user.office_ids or request.user.is_superuser else []})


# ---------------------------------------------------------------- officials


@login_required
@require_GET
def cases(request, slug):
    item = _get_programme(request, slug, perm="grants.handle_programme")
    return render(request, "grants/cases.html", {"programme": item, "cases": selectors.cases(item)})


@login_required
@require_GET
def allocation(request, slug):
    item = _get_programme(request, slug, perm="grants.handle_programme")
    proposals, granted, left = selectors.allocation(item)
    return render(request, "grants/allocation.html",
                  {"programme": item, "proposals": proposals, "granted": granted, "left": left})


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    item = _get_application(request, pk, perm="grants.review_application")
    criteria = item.programme.criteria.all()
    mine = item.reviews.filter(reviewer=request.user).first()
    initial = {"comment": mine.comment, **{f"score_{k}": v for k, v in mine.scores.items()}} if mine else {}
    form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid() and _on_form(form, lambda: services.review_application(
            by=request.user, application=item, scores=form.scores(), comment=form.cleaned_data["comment"])):
        messages.success(request, _("Your review is saved."))
        return redirect("grants:cases", slug=item.programme.slug)
    return render(request, "grants/review.html", {"application": item, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, pk):
    item = _get_application(request, pk, perm="grants.decide_application")
    decision = getattr(item, "decision", None)
    form = DecisionForm(request.POST or None, initial={"amount": item.amount_asked})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decided = _on_form(form, lambda: services.decide(
                by=request.user, application=item, outcome=data["outcome"], amount=data["amount"] or 0,
                reasons=data["reasons"], meeting_date=data["meeting_date"]), passes=services.AlreadyDecided)
        except services.AlreadyDecided as error:
            messages.error(request, str(error))
            return redirect(item)
        if decided:
            messages.success(request, _("The decision is recorded and published."))
            return redirect(item)
    left = item.programme.pool - services.granted_total(item.programme)
    return render(request, "grants/decide.html", {"application": item, "form": form, "decision": decision,
                                                  "left": left})


@login_required
@require_POST
def payout(request, pk):
    item = _get_application(request, pk, perm="grants.record_payout")
    form = PayoutForm(request.POST)
    if form.is_valid():
        try:
            services.record_payout(by=request.user, application=item, paid_on=form.cleaned_data["paid_on"],
                                   amount=form.cleaned_data["amount"])
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The payout is recorded."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(item)


@login_required
@require_GET
def decision_list(request, committee, meeting):
    """The decisions of one committee meeting, for the minutes: HTML, ?format=csv or pdf."""
    item = get_for_user(Committee.objects.all(), request.user, slug=committee)
    if not request.user.has_perm("grants.handle_programme", item):
        raise PermissionDenied
    try:
        day = date.fromisoformat(meeting)
    except ValueError:
        raise Http404 from None
    decisions = list(selectors.meeting_decisions(committee=item, meeting_date=day))
    context = {"committee": item, "meeting": day, "decisions": decisions,
               "total": sum(d.amount for d in decisions)}
    kind = request.GET.get("format")
    name = f"beslut-{item.slug}-{day.isoformat()}"
    if kind == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        _write_csv(response, decisions)
        return response
    if kind == "pdf":
        from weasyprint import HTML

        html = render_to_string("grants/decision_list_pdf.html", context, request=request)
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return render(request, "grants/decision_list.html", context)


def _write_csv(response, decisions) -> None:
    from samverka.core.text import spreadsheet_safe

    writer = csv.writer(response)
    writer.writerow([_("Case number"), _("Committee"), _("Programme"), _("Applicant"), _("Amount asked for"),
                     _("Decision"), _("Amount granted"), _("Reasons"), _("Committee meeting")])
    for d in decisions:
        a = d.application
        writer.writerow([spreadsheet_safe(str(v)) for v in (
            a.case_number, a.programme.committee.label, a.programme.name, a.actor.name, a.amount_asked,
            d.get_outcome_display(), d.amount, d.public_reasons, d.meeting_date.isoformat())])


# ---------------------------------------------------------------- public records


@require_GET
@cache_public_page("grants")
def decisions(request):
    filterset = DecisionFilter(request.GET or None, queryset=selectors.public_decisions())
    found = filterset.qs
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="bidragsbeslut.csv"'
        _write_csv(response, found)
        return response
    page = selectors.decisions_page(found, request.GET.get("page"), per_page=PAGE_SIZE)
    return render(request, "grants/decisions.html", {"filter": filterset, "page": page})



# ---------------------------------------------------------------- setting up programmes


def _committees_to_set_up(user):
    from .models import committee_ids

    found = Committee.objects.all() if user.is_superuser else Committee.objects.filter(pk__in=committee_ids(user))
    return found.order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def programme_form(request, slug=None):
    """A new programme (slug None) or a programme's settings and criteria."""
    item = None
    if slug is not None:
        item = _get_programme(request, slug, perm="grants.set_up_programme")
    committees = _committees_to_set_up(request.user)
    if not committees.exists():
        if not request.user.has_perm("grants.give_decision_rights"):  # neither official of a committee nor administrator
            raise PermissionDenied
        messages.info(request, _("A grant programme belongs to a committee: add the committee first."))
        return redirect("admin:municipality_committee_add")
    form = ProgrammeForm(request.POST or None, instance=item, committees=committees)
    formset = criteria_formset(request.POST or None, programme=item)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid() and formset.is_valid() and (url := _on_form(form, lambda: once(
                request, lambda: services.save_programme(by=request.user, programme=item, data=form.data_for_service(),
                                                         criteria=criterion_lines(formset)).get_absolute_url()))):
            messages.success(request, _("The programme is saved."))
            return redirect(url)
    return render(request, "grants/programme_form.html", {"programme": item, "form": form, "formset": formset})


# ---------------------------------------------------------------- annual documents and details


def _get_actor(request, slug, perm="grants.view_annual_documents"):
    actor = get_for_user(Actor.objects.all(), request.user, slug=slug)
    if not request.user.has_perm(perm, actor):
        raise Http404  # whose documents these are is not told to others
    return actor


@login_required
@require_http_methods(["GET", "POST"])
def annual_documents(request, actor):
    """An actor's annual documents: its representatives send them, officials approve or
    return them; the organisation number and the account, and asking to change them."""
    item = _get_actor(request, actor)
    sends = request.user.has_perm("grants.send_annual_document", item)
    this_year = timezone.localdate().year
    form = None
    if sends:
        form = AnnualDocumentForm(request.POST or None, request.FILES or None, years=[this_year - 1, this_year - 2],
                                  initial={"year": this_year - 1})
        if request.method == "POST":
            data = form.cleaned_data if form.is_valid() else None
            if data and _on_form(form, lambda: services.send_annual_document(
                    by=request.user, actor=item, year=data["year"], kind=data["kind"], file=data["file"])):
                messages.success(request, _("The document is sent. An official checks it."))
                return redirect("grants:annual_documents", actor=item.slug)
    elif request.method == "POST":
        raise PermissionDenied
    documents = list(item.annual_documents.select_related("approved_by", "returned_by"))
    years = sorted({d.year for d in documents} | {this_year - 1}, reverse=True)
    table = [(year, [(label, next((d for d in documents if d.year == year and d.kind == kind), None))
                     for kind, label in AnnualDocument.Kind.choices]) for year in years]
    return render(request, "grants/annual_documents.html", {
        "actor": item, "form": form, "table": table, "sends": sends,
        "approves": request.user.has_perm("grants.approve_annual_document", item),
        "return_form": ReturnDocumentForm(), "details": PaymentDetails.objects.filter(actor=item).first(),
        "requests": item.details_change_requests.all()[:10]})


def _get_document(request, pk, perm):
    document = get_for_user(AnnualDocument.objects.select_related("actor"), request.user, pk=pk)
    if not request.user.has_perm("grants.view_annual_documents", document.actor):
        raise Http404
    if not request.user.has_perm(perm, document.actor):
        raise PermissionDenied
    return document


@login_required
@require_GET
def annual_document_file(request, pk):
    document = _get_document(request, pk, "grants.view_annual_documents")
    return _private_file(document.file, f"{document.get_kind_display()} {document.year}")


@login_required
@require_POST
def approve_annual_document(request, pk):
    document = _get_document(request, pk, "grants.approve_annual_document")
    services.approve_annual_document(by=request.user, document=document)
    messages.success(request, _("The document is approved."))
    return redirect("grants:annual_documents", actor=document.actor.slug)


@login_required
@require_POST
def return_annual_document(request, pk):
    document = _get_document(request, pk, "grants.approve_annual_document")
    form = ReturnDocumentForm(request.POST)
    try:
        if not form.is_valid():
            raise services.Problems({"reason": _("Write what the association must correct.")})
        services.return_annual_document(by=request.user, document=document, reason=form.cleaned_data["reason"])
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The document is returned to the association with your reason."))
    return redirect("grants:annual_documents", actor=document.actor.slug)


@login_required
@require_http_methods(["GET", "POST"])
def details(request, actor):
    """A representative asks for a new organisation number or account; an official changes
    them (answering a waiting request) or refuses the request."""
    item = _get_actor(request, actor)
    changes = request.user.has_perm("grants.change_details", item)
    asks = request.user.has_perm("grants.ask_to_change_details", item)
    if not (changes or asks):
        raise PermissionDenied
    pending = item.details_change_requests.filter(status=DetailsChangeRequest.Status.PENDING).first()
    initial = {}
    if changes and pending:
        initial = {"organisation_number": pending.organisation_number, "account_kind": pending.account_kind,
                   "account_number": pending.account_number}
    form = DetailsForm(request.POST or None, initial=initial)
    if changes:
        form.fields.pop("note")
    if request.method == "POST" and form.is_valid():
        def act() -> str:
            """The one service this post asks for; returns what to tell."""
            if changes and "refuse" in request.POST and pending:
                services.refuse_details_change(by=request.user, request=pending,
                                               answer=request.POST.get("answer", ""))
                return _("The request is answered; nothing was changed.")
            if changes:
                services.change_details(by=request.user, actor=item, request=pending, **form.values())
                return _("The details are changed.")
            services.ask_to_change_details(by=request.user, actor=item, note=form.cleaned_data["note"],
                                           **form.values())
            return _("Your request is sent. An official changes the details.")

        if done := _on_form(form, act):
            messages.success(request, done)
            return redirect("grants:annual_documents", actor=item.slug)
    return render(request, "grants/details.html", {"actor": item, "form": form, "changes": changes,
                                                   "pending": pending,
                                                   "details": PaymentDetails.objects.filter(actor=item).first()})


@login_required
@require_GET
def documents_to_check(request):
    """For officials: annual documents waiting for approval and requests to change details."""
    if not request.user.has_perm("grants.approve_annual_document", None):
        raise PermissionDenied
    waiting = (AnnualDocument.objects.filter(approved_at__isnull=True, returned_at__isnull=True)
               .select_related("actor").order_by("uploaded_at"))
    pending = (DetailsChangeRequest.objects.filter(status=DetailsChangeRequest.Status.PENDING)
               .select_related("actor").order_by("requested_at"))
    return render(request, "grants/documents_to_check.html", {"waiting": waiting, "pending": pending})


# ---------------------------------------------------------------- follow-up


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk):
    """The representative sends the follow-up report; whoever may see the application reads it."""
    item = _get_application(request, pk)
    found = FollowUpReport.objects.filter(application=item).first()
    if found is None:
        raise Http404
    sends = not found.submitted_at and request.user.has_perm("grants.send_report", item)
    if request.method == "POST" and not sends:
        raise PermissionDenied
    form = ReportForm(request.POST or None, request.FILES or None, questions=item.programme.question_list) \
        if sends else None
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            def send() -> str:
                services.submit_report(by=request.user, report=found, answers=form.answers(),
                                       attachment=form.cleaned_data.get("attachment"))
                return item.get_absolute_url()

            if _on_form(form, lambda: once(request, send)):
                messages.success(request, _("Thank you, the follow-up report is sent."))
                return redirect(item)
    today = timezone.localdate()
    late = services.weeks_late(due=found.due_on, arrived=today)
    decision = getattr(item, "decision", None)
    return render(request, "grants/report.html", {
        "application": item, "report": found, "form": form, "weeks_late": late,
        "deduction_now": services.late_deduction(programme=item.programme, amount=decision.amount if decision else 0,
                                                 weeks=late)})


@login_required
@require_GET
def report_file(request, pk):
    item = _get_application(request, pk)
    found = FollowUpReport.objects.filter(application=item).first()
    if found is None or not found.attachment:
        raise Http404
    return _private_file(found.attachment, _("Follow-up report %(number)s") % {"number": item.case_number})


@login_required
@require_GET
def follow_up(request, slug):
    """For officials: the programme's follow-up reports, the overdue ones first."""
    item = _get_programme(request, slug, perm="grants.handle_programme")
    reports = (FollowUpReport.objects.filter(application__programme=item)
               .select_related("application__actor", "application__decision", "application__reclaim")
               .order_by("submitted_at", "due_on", "application__case_number"))
    today = timezone.localdate()
    overdue = [r for r in reports if not r.submitted_at and r.due_on < today]
    return render(request, "grants/follow_up.html", {"programme": item, "reports": reports, "overdue": overdue,
                                                     "today": today})


@login_required
@require_http_methods(["GET", "POST"])
def reclaim(request, pk):
    item = _get_application(request, pk, perm="grants.decide_application")
    found = FollowUpReport.objects.filter(application=item).first()
    paid = sum(p.amount for p in item.payouts.all())
    form = ReclaimForm(request.POST or None, initial={"amount": paid or None})
    if request.method == "POST" and form.is_valid() and _on_form(form, lambda: services.reclaim(
            by=request.user, application=item, amount=form.cleaned_data["amount"],
            reasons=form.cleaned_data["reasons"], meeting_date=form.cleaned_data["meeting_date"])):
        messages.success(request, _("The reclaim is recorded and published."))
        return redirect(item)
    return render(request, "grants/reclaim.html", {"application": item, "report": found, "form": form,
                                                   "paid": paid})


@login_required
@require_GET
def decision_letter(request, pk):
    """The decision letter as a PDF, for the applicant's representatives and the officials."""
    item = _get_application(request, pk)
    decision = getattr(item, "decision", None)
    if decision is None:
        raise Http404
    from weasyprint import HTML

    html = render_to_string("grants/decision_letter_pdf.html", {
        "application": item, "decision": decision, "committee": item.programme.committee,
        "details": PaymentDetails.objects.filter(actor=item.actor).first()}, request=request)
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="beslut-{item.case_number.replace(" ", "-").replace("/", "-")}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def disclosure(request, pk):
    item = _get_application(request, pk, perm="grants.export_disclosure")
    try:
        content = services.disclosure_export(by=request.user, application=item)
    except ActionError as error:
        messages.error(request, str(error))
        return redirect(item)
    response = HttpResponse(content, content_type="application/zip")
    name = (item.case_number or str(item.pk)).replace(" ", "-").replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="utlamnande-{name}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- award nominations


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request, slug):
    """Nominate for an award: a representative in the name of their association, or an
    official in the committee's name."""
    item = _get_programme(request, slug)
    if item.kind != GrantProgramme.Kind.AWARD:
        raise Http404
    actors = list(Actor.objects.filter(pk__in=list(actor_roles(request.user))).order_by("sort_name"))
    for_committee = request.user.has_perm("grants.handle_programme", item)
    if not actors and not for_committee:
        raise PermissionDenied
    form = NominationForm(request.POST or None, nominees=list(selectors.nominees(item)), actors=actors,
                          committee_label=item.committee.label if for_committee else None)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid() and (url := _on_form(form, lambda: once(request, lambda: services.nominate(
                by=request.user, programme=item, nominee=form.nominee_actor(), title=form.cleaned_data["title"],
                motivation=form.cleaned_data["motivation"],
                nominating_actor=form.nominating_actor()).get_absolute_url()))):
            messages.success(request, _("Thank you: the nomination is sent. The jury assesses it."))
            return redirect(url)
    return render(request, "grants/nominate.html", {"programme": item, "form": form})
