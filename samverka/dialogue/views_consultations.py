"""Consultations (remiss): the office's pages (create, recipients, documents, send out, close,
the compiled report) and the recipients' pages (one answer, drafted together, sent once).
Who sees what is written at the top of services_consultations."""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.accounts.ages import guardian_refusal
from samverka.actors.rules import actor_roles
from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page
from samverka.networks.models import Membership, group_roles

from . import selectors
from . import services_consultations as services
from .forms_consultations import (
    AnswerForm,
    ConsultationForm,
    DeadlineForm,
    DocumentForm,
    RecipientSearchForm,
    RecipientsForm,
)
from .models import AnswerPart, Consultation, ConsultationAnswer, Document, Process, Recipient
from .views import login_if_denied


def _consultations(user):
    return services.visible_consultations(user).select_related("process__office")


def _get_consultation(request, pk, perm=None) -> Consultation:
    return get_for_user(_consultations(request.user), request.user, perm=perm, pk=pk)


def _get_recipient(request, pk, perm) -> Recipient:
    recipients = Recipient.objects.filter(consultation__in=services.visible_consultations(request.user)).select_related(
        "consultation__process__office", "actor", "group")
    return get_for_user(recipients, request.user, perm=perm, pk=pk)


def _mine(user, recipients) -> list[Recipient]:
    return [r for r in recipients if user.has_perm("dialogue.draft_answer", r)]


@login_required
@require_GET
def index(request):
    """The consultations the user answers (for an association or council) and those their office runs."""
    user = request.user
    mine = (Recipient.objects.filter(Q(actor__in=list(actor_roles(user))) | Q(group__in=list(group_roles(user))),
                                     consultation__status__in=[Consultation.Status.SENT, Consultation.Status.CLOSED])
            .select_related("consultation__process", "actor", "group", "answer")
            .order_by("consultation__deadline", "pk"))
    run = (Consultation.objects.filter(process__in=Process.objects.run_by(user)).select_related("process")
           .order_by("-created_at") if user.office_ids or user.is_superuser else Consultation.objects.none())
    return render(request, "dialogue/consultations.html", {"mine": mine, "run": run})


@login_required
@require_http_methods(["GET", "POST"])
def create(request, slug):
    process = get_for_user(Process.objects.visible_to(request.user), request.user,
                           perm="dialogue.add_consultation", slug=slug)
    form = ConsultationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            try:
                url = once(request, lambda: services.create_consultation(
                    by=request.user, process=process, data=form.consultation_data(),
                    questions=form.cleaned_data["questions"]).get_absolute_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The consultation is saved as a draft. Choose its recipients and add "
                                            "its documents, then send it out."))
                return redirect(url)
    return render(request, "dialogue/consultation_form.html", {"process": process, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    consultation = _get_consultation(request, pk, perm="dialogue.change_consultation")
    if consultation.status != Consultation.Status.DRAFT:
        messages.info(request, _("The consultation is sent out and can no longer be changed."))
        return redirect(consultation)
    form = ConsultationForm(request.POST if request.method == "POST" else None, initial=ConsultationForm.initial_of(consultation))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_consultation(by=request.user, consultation=consultation, data=form.consultation_data(),
                                         questions=form.cleaned_data["questions"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The consultation is saved."))
            return redirect(consultation)
    return render(request, "dialogue/consultation_form.html", {"process": consultation.process, "form": form,
                                                               "consultation": consultation})


@require_GET
@cache_public_page("dialogue", "actors", "networks")
def consultation(request, pk):
    item = _get_consultation(request, pk)
    user = request.user
    recipients = list(item.recipients.select_related("actor", "group", "answer__sent_by").order_by("pk"))
    runs = user.has_perm("dialogue.change_consultation", item)
    context = {
        "consultation": item, "process": item.process, "runs": runs,
        "questions": list(item.questions.all()),
        "documents": list(item.documents.all()),
        "recipients": recipients,
        "mine": _mine(user, recipients) if user.is_authenticated else [],
        "report": user.has_perm("dialogue.view_consultation_report", item),
    }
    if runs:
        context["sent_count"] = sum(1 for r in recipients if getattr(r, "answer", None) and r.answer.is_sent)
        if item.status != Consultation.Status.CLOSED:
            context["document_form"] = DocumentForm()
    return render(request, "dialogue/consultation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def recipients(request, pk):
    """The recipients, with a search over the actors (name, kind, area) so that a city's register
    fits on the page: the search button posts what is ticked and comes back as a GET address
    (?q=…&actors=…), so the chosen are kept across searches without JavaScript and nothing is
    saved until "Save the recipients"."""
    item = _get_consultation(request, pk, perm="dialogue.change_consultation")
    if item.status == Consultation.Status.CLOSED:
        messages.info(request, _("The consultation is closed."))
        return redirect(item)
    source = request.POST if request.method == "POST" else request.GET
    if request.method == "POST" and "search" in request.POST:
        keep = {name: [v for v in request.POST.getlist(name) if v.isdigit()] for name in ("actors", "groups")}
        query = {name: request.POST.get(name, "") for name in ("q", "kind", "area")}
        return redirect(f"{request.path}?{urlencode({**query, **keep, 'searched': 1}, doseq=True)}")
    current = list(item.recipients.all())
    actors, groups = [r.actor_id for r in current if r.actor_id], [r.group_id for r in current if r.group_id]
    if request.method == "GET" and "searched" in request.GET:
        initial = {name: [int(v) for v in request.GET.getlist(name) if v.isdigit()] for name in ("actors", "groups")}
    else:
        initial = {"actors": actors, "groups": groups}
    sent = item.status == Consultation.Status.SENT  # those asked stay asked: shown fixed
    search = RecipientSearchForm(source)
    chosen = ([int(v) for v in request.POST.getlist("actors") if v.isdigit()] if request.method == "POST"
              else initial["actors"])
    shown, more = selectors.recipient_choices(search, chosen=[*chosen, *(actors if sent else [])])
    form = RecipientsForm(request.POST if request.method == "POST" else None, initial=initial,
                          fixed_actors=actors if sent else (), fixed_groups=groups if sent else (),
                          shown_actors=shown)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_recipients(by=request.user, consultation=item, actors=form.cleaned_data["actors"],
                                    groups=form.cleaned_data["groups"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The recipients are saved."))
            return redirect(item)
    return render(request, "dialogue/consultation_recipients.html", {
        "consultation": item, "form": form, "sent": sent, "search": search, "more": more,
        "limit": selectors.RECIPIENT_MATCHES})


@login_required
@require_POST
def add_document(request, pk):
    item = _get_consultation(request, pk, perm="dialogue.change_consultation")
    form = DocumentForm(request.POST, request.FILES)
    if done := already_done(request):
        return redirect(done)
    if form.is_valid():
        try:
            once(request, lambda: services.add_document(by=request.user, consultation=item,
                                                        title=form.cleaned_data["title"],
                                                        file=form.cleaned_data["file"]) and item.get_absolute_url())
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The document is added."))
            return redirect(item)
    return render(request, "dialogue/consultation_document.html", {"consultation": item, "form": form},
                  status=400)


def _documents(user):
    return Document.objects.filter(consultation__in=services.visible_consultations(user)).select_related(
        "consultation__process")


@require_GET
def document(request, pk):
    """A consultation's document: for everyone who may see the consultation (the office while a
    draft, everyone who may see the process once sent)."""
    found = get_for_user(_documents(request.user), request.user, pk=pk)
    from samverka.core.uploads import content_type_of

    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type, extension = content_type_of(found.file.name)
    response = FileResponse(handle, content_type=content_type, as_attachment=True,
                            filename=f"{found.title}.{extension}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def remove_document(request, pk):
    found = get_for_user(_documents(request.user), request.user, pk=pk)
    if not request.user.has_perm("dialogue.change_consultation", found.consultation):
        raise PermissionDenied
    try:
        services.remove_document(by=request.user, document=found)
    except ActionError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, _("The document is removed."))
    return redirect(found.consultation)


@login_required
@require_POST
def send_out(request, pk):
    item = _get_consultation(request, pk, perm="dialogue.change_consultation")
    try:
        told = services.send_out(by=request.user, consultation=item)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The consultation is sent out. %(n)s people were told by e-mail.") % {"n": told})
    return redirect(item)


@login_required
@require_http_methods(["GET", "POST"])
def deadline(request, pk):
    item = _get_consultation(request, pk, perm="dialogue.change_consultation")
    if item.status != Consultation.Status.SENT:
        messages.info(request, _("Only the deadline of a consultation that is sent out and not closed can be moved."))
        return redirect(item)
    form = DeadlineForm(request.POST if request.method == "POST" else None,
                        initial={"deadline": timezone.localtime(item.deadline)})
    if request.method == "POST" and form.is_valid():
        try:
            told = services.change_deadline(by=request.user, consultation=item, deadline=form.cleaned_data["deadline"])
        except ActionError as error:
            form.add_error("deadline", str(error))
        else:
            messages.success(request, _("The deadline is moved. %(n)s people who have not answered yet were told.")
                             % {"n": told})
            return redirect(item)
    return render(request, "dialogue/consultation_deadline.html", {"consultation": item, "form": form})


@login_required
@require_POST
def close(request, pk):
    item = _get_consultation(request, pk, perm="dialogue.change_consultation")
    try:
        services.close(by=request.user, consultation=item)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The consultation is closed. The compiled answers are now public."))
    return redirect(item)


# ---------------------------------------------------------------- the recipients' side


def _answer_page(request, recipient, *, form, conflict=None, status=200):
    consultation = recipient.consultation
    answer = services.answer_of(recipient)
    user = request.user
    context = {
        "recipient": recipient, "consultation": consultation, "process": consultation.process, "answer": answer,
        "form": form, "conflict": conflict, "guardian_refusal": guardian_refusal(user),
        "documents": list(consultation.documents.all()),
        "open": user.has_perm("dialogue.answer_now", recipient),
        "may_send": user.has_perm("dialogue.send_answer", recipient),
        "may_draft": user.has_perm("dialogue.draft_answer", recipient),
        "parts": list(answer.parts.all()) if answer is not None else [],
        "has_chair": recipient.group_id is None or Membership.objects.filter(
            group_id=recipient.group_id, role=Membership.Role.CHAIR, status=Membership.Status.ACTIVE).exists(),
    }
    return render(request, "dialogue/consultation_answer.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    recipient = _get_recipient(request, pk, perm="dialogue.view_answer")
    user = request.user
    drafts = user.has_perm("dialogue.draft_answer", recipient)
    found = services.answer_of(recipient)
    if not drafts and (found is None or not found.is_sent):
        raise Http404  # the office sees an answer only once it is sent
    questions = list(recipient.consultation.questions.all())
    if request.method == "POST":
        if not drafts:
            raise PermissionDenied
        form = AnswerForm(request.POST, questions=questions)
        if form.is_valid():
            d = form.cleaned_data
            sending = "send" in request.POST
            if sending and not user.has_perm("dialogue.send_answer", recipient):
                raise PermissionDenied
            try:
                if sending:  # what is on the screen is saved and sent in one transaction
                    services.send_answer(by=user, recipient=recipient, summary=d["summary"].strip(),
                                         parts=form.parts(), revision=d["revision"])
                else:
                    services.save_answer(by=user, recipient=recipient, summary=d["summary"].strip(),
                                         parts=form.parts(), revision=d["revision"])
            except services.AnswerConflict as error:
                data = request.POST.copy()
                data["revision"] = str(error.current.revision)
                form = AnswerForm(data, questions=questions)
                form.is_valid()
                return _answer_page(request, recipient, form=form, conflict=error, status=409)
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                if sending:
                    messages.success(request, _sent_message(recipient))
                else:
                    messages.success(request, _("The draft is saved. The others who answer for %(name)s can see "
                                                "it and go on writing.") % {"name": recipient.name})
                return redirect("dialogue:consultation_answer", pk=recipient.pk)
        return _answer_page(request, recipient, form=form, status=400)
    form = AnswerForm(initial=AnswerForm.initial_of(found), questions=questions)
    return _answer_page(request, recipient, form=form)


@login_required
@require_POST
def send_answer(request, pk):
    """Sends the saved draft at `revision` (the answer page's own button saves and sends what is
    on the screen, through `answer`)."""
    recipient = _get_recipient(request, pk, perm="dialogue.send_answer")
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    try:
        services.send_answer(by=request.user, recipient=recipient, revision=revision)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _sent_message(recipient))
    return redirect("dialogue:consultation_answer", pk=recipient.pk)


def _sent_message(recipient) -> str:
    return _("Thank you! The answer of %(name)s is sent to %(office)s. You will see their "
             "feedback on the process's page.") % {
        "name": recipient.name, "office": recipient.consultation.process.office.name}


# ---------------------------------------------------------------- the compiled report


def _sent_answers(consultation):
    return (ConsultationAnswer.objects.filter(recipient__consultation=consultation,
                                              status=ConsultationAnswer.Status.SENT)
            .select_related("recipient__actor", "recipient__group")
            .prefetch_related(Prefetch("parts", queryset=AnswerPart.objects.order_by("question__position", "pk")))
            .order_by("recipient__pk"))


@require_GET
@login_if_denied
@cache_public_page("dialogue", "actors", "networks")
def report(request, pk):
    """All sent answers: HTML, ?format=csv or ?format=pdf (public once the consultation is closed)."""
    item = _get_consultation(request, pk, perm="dialogue.view_consultation_report")
    answers = list(_sent_answers(item))
    recipients = list(item.recipients.select_related("actor", "group").order_by("pk"))
    answered = {a.recipient_id for a in answers}
    context = {"consultation": item, "process": item.process, "answers": answers,
               "questions": list(item.questions.all()),
               "missing": [r for r in recipients if r.pk not in answered]}
    kind = request.GET.get("format")
    name = f"remissvar-{item.pk}"
    if kind == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        _write_csv(response, answers)
        return response
    if kind == "pdf":
        from weasyprint import HTML

        html = render_to_string("dialogue/consultation_report_pdf.html", context, request=request)
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return render(request, "dialogue/consultation_report.html", context)


def _write_csv(response, answers) -> None:
    from samverka.core.text import spreadsheet_safe

    writer = csv.writer(response)
    writer.writerow([_("Recipient"), _("Sent"), _("Question"), _("Answer")])
    for a in answers:
        sent = timezone.localdate(a.sent_at).isoformat() if a.sent_at else ""  # the municipality's day, not UTC's
        rows = [(_("Our answer in short"), a.summary)] + [(p.question_text, p.text) for p in a.parts.all()]
        for question, text in rows:
            writer.writerow([spreadsheet_safe(str(v)) for v in (a.recipient.name, sent, question, text)])
