"""Processes, proposals, comments, moderation, feedback and workshops. Thin: fetch (visible to
the person) → check (rules) → one service → respond."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from samverka.accounts.ages import guardian_refusal
from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page

from . import selectors, selectors_surveys, services, services_feedback
from .forms import (
    CloseForm,
    CommentForm,
    DocumentForm,
    FeedbackForm,
    HideForm,
    PhaseForm,
    ProcessForm,
    ProposalForm,
    ReassignForm,
    ReportForm,
    WorkshopForm,
    WorkshopPointForm,
)
from .models import Action, Comment, Document, FeedbackItem, Phase, Process, Proposal, Report, Workshop

# Posting is a few times an hour for a person; a robot posts many. Counted per person.
POST_RATE = "20/h"
RETRY_AFTER_SECONDS = 60 * 60


def _processes(user):
    return Process.objects.visible_to(user).select_related("office", "decided_by", "contact").prefetch_related(
        "phases", "areas", "sdg_goals", "invited_actors", "invited_groups")


def _get_process(request, slug, perm=None):
    return get_for_user(_processes(request.user), request.user, perm=perm, slug=slug)


def _get_proposal(request, pk, perm=None):
    proposals = Proposal.objects.filter(process__in=Process.objects.visible_to(request.user)).select_related(
        "process__office", "author", "actor", "feedback").prefetch_related("process__phases")
    return get_for_user(proposals, request.user, perm=perm, pk=pk)


def _get_comment(request, pk, perm=None):
    comments = Comment.objects.filter(process__in=Process.objects.visible_to(request.user)).select_related(
        "process__office", "proposal", "author")
    return get_for_user(comments, request.user, perm=perm, pk=pk)


def _limited(request) -> bool:
    return is_ratelimited(request, group="dialogue.post", key="user_or_ip", rate=POST_RATE, method="POST",
                          increment=True)


def _with_retry(response, limited):
    if limited:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response



def login_if_denied(view):
    """A signed-out visitor refused a page (403) is sent to log in, where logging in could help;
    a signed-in person still gets the 403 page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapper

# ---------------------------------------------------------------- public pages


@require_GET
@cache_public_page("dialogue", "actors", "municipality")
def index(request):
    return render(request, "dialogue/index.html", {"processes": selectors.processes(request.user)})


@require_GET
@cache_public_page("dialogue", "actors", "municipality", moment=selectors.phase_moment)
def process(request, slug):
    # As _processes, without the responsible official, whom the page does not show.
    processes = Process.objects.visible_to(request.user).select_related("office", "decided_by").prefetch_related(
        "phases", "areas", "sdg_goals", "invited_actors", "invited_groups")
    process = get_for_user(selectors.with_page_facts(processes, request.user), request.user, slug=slug)
    context = {"process": process, **selectors.process_page(process, request.user, request.GET.get("page"))}
    if request.user.is_authenticated:
        # The page links to the proposal form (its own page); the comment form is on the page.
        context["comment_form"] = CommentForm(user=request.user) if request.user.has_perm(
            "dialogue.comment", process) else None
    context["allowed"] = process.current_actions()
    if request.user.is_authenticated:
        # Why the person cannot take part: a child's account waiting for its guardian, or the audience.
        context["audience_refusal"] = guardian_refusal(request.user) or services.audience_refusal(request.user, process)
    context["surveys"] = surveys = selectors_surveys.surveys_of(process, request.user)
    open_surveys = [s for s in surveys if s.status == s.Status.OPEN]
    context["survey_link"] = (open_surveys[0].get_absolute_url() if len(open_surveys) == 1
                              else "#surveys-title" if surveys else "")
    context["consultations"] = selectors.consultations_of(process, request.user) if process.has_consultations else []
    return render(request, "dialogue/process.html", context)


@require_GET
@cache_public_page("dialogue", "municipality")
def said_did(request, slug):
    process = _get_process(request, slug)
    return render(request, "dialogue/said_did.html",
                  {"process": process, "page": selectors.said_did_page(process, request.GET.get("page"))})


@require_GET
def proposal(request, pk):
    proposal = _get_proposal(request, pk)
    context = {"proposal": proposal, "process": proposal.process, **selectors.proposal_page(proposal, request.user)}
    if request.user.is_authenticated and request.user.has_perm("dialogue.comment", proposal.process):
        context["comment_form"] = CommentForm(user=request.user, initial={"proposal": proposal.pk})
    return render(request, "dialogue/proposal.html", context)


@require_GET
def feedback(request, pk):
    item = get_object_or_404(selectors.public_feedback().filter(process__in=Process.objects.published())
                             .select_related("process", "proposal", "comment"), pk=pk)
    return render(request, "dialogue/feedback.html", {"item": item})


@require_GET
def document(request, pk):
    doc = get_object_or_404(Document.objects.filter(process__in=Process.objects.visible_to(request.user),
                                                    consultation=None), pk=pk)
    try:
        return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.file.name.rsplit("/", 1)[-1])
    except FileNotFoundError:
        raise Http404 from None


# ---------------------------------------------------------------- proposals and comments


@login_required
@require_http_methods(["GET", "POST"])
def propose(request, slug):
    process = _get_process(request, slug, perm="dialogue.take_part")
    if (refusal := services.audience_refusal(request.user, process)) is not None:
        return render(request, "dialogue/not_in_audience.html", {"process": process, "refusal": refusal}, status=403)
    limited = False
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = ProposalForm(request.POST, user=request.user)
        if form.is_robot:
            return redirect(process)
        if form.is_valid():
            if limited := _limited(request):
                form.add_error(None, _("Too many posts from you just now. Wait an hour and try again."))
            else:
                data = form.cleaned_data
                try:
                    url = once(request, lambda: services.propose(
                        by=request.user, process=process, title=data["title"], body=data["body"],
                        actor=data.get("actor")).get_absolute_url())
                except ActionError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, _("Thank you! Your proposal is published. The office gives feedback "
                                                "by %(date)s at the latest.") % {
                        "date": date_format(services_feedback.deadline_for(process), "j F Y")})
                    return redirect(url)
    else:
        form = ProposalForm(user=request.user)
    return _with_retry(render(request, "dialogue/proposal_form.html", {
        "process": process, "form": form, "limited": limited, "closed": not process.allows(Action.PROPOSE),
        "guardian_refusal": guardian_refusal(request.user)},
        status=429 if limited else 200), limited)


@login_required
@require_http_methods(["GET", "POST"])
def comment(request, slug):
    """A comment, a comment on a proposal or a reply; on a problem, this page with the text kept."""
    process = _get_process(request, slug, perm="dialogue.take_part")
    if (refusal := services.audience_refusal(request.user, process)) is not None:
        return render(request, "dialogue/not_in_audience.html", {"process": process, "refusal": refusal}, status=403)
    limited = False
    source = request.POST if request.method == "POST" else request.GET
    proposal = _one(Proposal.objects.filter(process=process), source.get("proposal"))
    parent = _one(Comment.objects.filter(process=process).select_related("author", "actor"), source.get("parent"))
    form = CommentForm(request.POST or None, user=request.user,
                       initial={"proposal": proposal.pk if proposal else None, "parent": parent.pk if parent else None})
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_robot:
            return redirect(process)
        if form.is_valid():
            data = form.cleaned_data
            if (data.get("proposal") and proposal is None) or (data.get("parent") and parent is None):
                form.add_error(None, _("What you answered is no longer there. Your text is kept below."))
            elif limited := _limited(request):
                form.add_error(None, _("Too many posts from you just now. Wait an hour and try again."))
            else:
                def post() -> str:
                    made = services.comment(by=request.user, process=process, body=data["body"], proposal=proposal,
                                            parent=parent, actor=data.get("actor"))
                    where = made.proposal.get_absolute_url() if made.proposal_id else process.get_absolute_url()
                    return f"{where}#comment-{made.pk}"
                try:
                    url = once(request, post)
                except ActionError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, _("Thank you! Your comment is published."))
                    return redirect(url)
    return _with_retry(render(request, "dialogue/comment_form.html", {
        "process": process, "form": form, "proposal": proposal, "parent": parent, "limited": limited,
        "guardian_refusal": guardian_refusal(request.user)},
        status=429 if limited else 200), limited)


def _one(queryset, pk):
    """The object with this id in `queryset`, or None (no id, not a number, or not there)."""
    try:
        return queryset.filter(pk=int(pk)).first() if pk else None
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def follow(request, slug=None, pk=None):
    on = request.POST.get("follow", "1") == "1"
    if slug is not None:
        target = _get_process(request, slug, perm="dialogue.follow")
        services.follow(by=request.user, process=target, on=on)
    else:
        target = _get_proposal(request, pk, perm="dialogue.follow")
        services.follow(by=request.user, proposal=target, on=on)
    messages.success(request, _("You follow it now: we tell you when feedback is given.") if on
                     else _("You no longer follow it."))
    return redirect(target)


@login_required
@require_GET
def mine(request):
    return render(request, "dialogue/my.html", selectors.said_by(request.user))


# ---------------------------------------------------------------- moderation


def _target(request, kind, pk, perm=None):
    return _get_proposal(request, pk, perm) if kind == "forslag" else _get_comment(request, pk, perm)


def _back(target):
    if isinstance(target, Proposal):
        return target.get_absolute_url()
    where = target.proposal.get_absolute_url() if target.proposal_id else target.process.get_absolute_url()
    return f"{where}#comment-{target.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def report(request, kind, pk):
    target = _target(request, kind, pk, perm="dialogue.report")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subject = {"proposal": target} if isinstance(target, Proposal) else {"comment": target}
        try:
            services.report(by=request.user, reason=form.cleaned_data["reason"], **subject)
        except ActionError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, _("Thank you. The office that runs the dialogue looks at it."))
        return redirect(_back(target))
    subject = {"proposal": target} if isinstance(target, Proposal) else {"comment": target}
    reported = Report.objects.filter(reporter=request.user, **subject).exists()
    return render(request, "dialogue/moderation_report.html", {"target": target, "form": form,
                                                                "back": _back(target), "reported": reported})


@login_required
@require_http_methods(["GET", "POST"])
def hide(request, kind, pk):
    target = _target(request, kind, pk, perm="dialogue.moderate")
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hide(by=request.user, target=target, reason=form.cleaned_data["reason"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("It is hidden, and the author is told why."))
            return redirect(_back(target))
    return render(request, "dialogue/moderation_hide.html", {"target": target, "form": form, "back": _back(target)})


@login_required
@require_GET
def moderation(request, slug):
    process = _get_process(request, slug, perm="dialogue.moderate")
    return render(request, "dialogue/moderation.html", {"process": process,
                                                        "reports": selectors.open_reports(process)})


@login_required
@require_POST
def dismiss(request, pk):
    found = get_for_user(Report.objects.select_related("proposal__process", "comment__process"), request.user, pk=pk)
    process = (found.proposal or found.comment).process
    if not request.user.has_perm("dialogue.moderate", process):
        raise PermissionDenied
    try:
        services.dismiss_report(by=request.user, report=found)
    except ActionError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, _("The report is dismissed; the text stays."))
    return redirect("dialogue:moderation", slug=process.slug)


# ---------------------------------------------------------------- the office: processes


@login_required
@require_http_methods(["GET", "POST"])
def process_new(request):
    if not request.user.has_perm("dialogue.add_process"):
        raise PermissionDenied
    form = ProcessForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            try:
                url = once(request, lambda: services.create_process(
                    by=request.user, data=form.cleaned_data).get_absolute_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The dialogue is saved as a draft. Add its phases, then publish it."))
                return redirect(url)
    return render(request, "dialogue/process_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def process_edit(request, slug):
    process = _get_process(request, slug, perm="dialogue.change_process")
    form = ProcessForm(request.POST or None, instance=process, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        process.refresh_from_db()
        try:
            services.update_process(by=request.user, process=process, data=data)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The dialogue is saved."))
            return redirect(process)
    return render(request, "dialogue/process_form.html", {"form": form, "process": process})


@login_required
@require_http_methods(["GET", "POST"])
def phase(request, slug, pk=None):
    process = _get_process(request, slug, perm="dialogue.change_process")
    current = get_for_user(Phase.objects.filter(process=process), request.user, pk=pk) if pk else None
    form = PhaseForm(request.POST or None, instance=current)
    if request.method == "POST":
        if request.POST.get("delete") and current is not None:
            services.delete_phase(by=request.user, phase=current)
            messages.success(request, _("The phase is removed."))
            return redirect(process)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            if current is not None:
                current.refresh_from_db()
            try:
                services.save_phase(by=request.user, process=process, phase=current, data=data)
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The phase is saved."))
                return redirect(process)
    return render(request, "dialogue/process_phase.html", {"process": process, "form": form, "phase": current})


@login_required
@require_POST
def publish(request, slug):
    process = _get_process(request, slug, perm="dialogue.change_process")
    try:
        services.publish_process(by=request.user, process=process)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The dialogue is published."))
    return redirect(process)


@login_required
@require_http_methods(["GET", "POST"])
def close(request, slug):
    process = _get_process(request, slug, perm="dialogue.change_process")
    form = CloseForm(request.POST or None, initial={"outcome": process.outcome})
    if request.method == "POST" and form.is_valid():
        try:
            services.close_process(by=request.user, process=process, outcome=form.cleaned_data["outcome"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The dialogue is closed and its outcome published. Its followers are told."))
            return redirect(process)
    return render(request, "dialogue/process_close.html", {"process": process, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def documents(request, slug):
    process = _get_process(request, slug, perm="dialogue.change_process")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if remove := request.POST.get("remove"):
            found = get_for_user(Document.objects.filter(process=process, consultation=None), request.user, pk=remove)
            services.remove_document(by=request.user, document=found)
            messages.success(request, _("The document is removed."))
            return redirect("dialogue:documents", slug=process.slug)
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            def add() -> str:
                services.add_document(by=request.user, process=process, title=form.cleaned_data["title"],
                                      file=form.cleaned_data["file"])
                return request.path

            once(request, add)
            messages.success(request, _("The document is added."))
            return redirect("dialogue:documents", slug=process.slug)
    return render(request, "dialogue/process_documents.html", {
        "process": process, "form": form,
        "documents": Document.objects.filter(process=process, consultation=None)})


# ---------------------------------------------------------------- the office: feedback


@login_required
@require_GET
def feedback_list(request):
    if not request.user.has_perm("dialogue.view_feedback_list"):
        raise PermissionDenied
    show = request.GET.get("visa", "open")
    show = show if show in ("open", "given", "all") else "open"
    mine = request.GET.get("mina") == "1"
    return render(request, "dialogue/feedback_list.html",
                  {**selectors.office_feedback(request.user, mine_only=mine, show=show), "show": show, "mine": mine})


def _get_item(request, pk, perm="dialogue.give_feedback"):
    items = FeedbackItem.objects.select_related("process", "office", "owner", "proposal", "comment")
    if not request.user.is_superuser:
        items = items.owned_by(request.user)
    return get_for_user(items, request.user, perm=perm, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def give_feedback(request, pk):
    item = _get_item(request, pk)
    form = FeedbackForm(request.POST or None, initial={"response": item.response, "outcome": item.outcome,
                                                       "is_public": item.is_public})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_feedback.give(by=request.user, item=item, response=data["response"], outcome=data["outcome"],
                                   is_public=data["is_public"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The feedback is given, and the author and followers are told."))
            return redirect("dialogue:feedback_list")
    return render(request, "dialogue/feedback_give.html", {"item": item, "form": form,
                                                           "reassign_form": ReassignForm(item=item)})


@login_required
@require_POST
def reassign(request, pk):
    item = _get_item(request, pk)
    form = ReassignForm(request.POST, item=item)
    if form.is_valid():
        try:
            services_feedback.reassign(by=request.user, item=item, owner=form.cleaned_data["owner"])
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s answers for it now.") % {
                "name": form.cleaned_data["owner"].display_name})
            return redirect("dialogue:feedback_list")
    else:
        messages.error(request, _("Choose an official of %(office)s.") % {"office": item.office})
    return redirect("dialogue:give_feedback", pk=item.pk)


# ---------------------------------------------------------------- the office: workshops


@login_required
@require_http_methods(["GET", "POST"])
def workshop(request, slug, pk=None):
    process = _get_process(request, slug, perm="dialogue.change_process")
    current = get_for_user(Workshop.objects.filter(process=process).select_related("activity", "group_meeting__group"),
                           request.user, pk=pk) if pk else None
    form = WorkshopForm(request.POST or None, instance=current, process=process)
    point_form = WorkshopPointForm() if current else None
    if request.method == "POST" and current is None and (done := already_done(request)):
        return redirect(done)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if current is not None:
            current.refresh_from_db()

        def save() -> str:
            saved = services.save_workshop(by=request.user, process=process, workshop=current, data=data,
                                           new_activity=form.new_activity())
            return reverse("dialogue:workshop", kwargs={"slug": process.slug, "pk": saved.pk})
        try:
            url = save() if current is not None else once(request, save)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The workshop is saved."))
            return redirect(url)
    items = list(current.feedback.all()) if current else []
    return render(request, "dialogue/process_workshop.html", {"process": process, "form": form,
                                                              "workshop": current, "point_form": point_form,
                                                              "items": items,
                                                              "registration": selectors.workshop_registration(current)})


@login_required
@require_POST
def workshop_point(request, slug, pk):
    process = _get_process(request, slug, perm="dialogue.change_process")
    current = get_for_user(Workshop.objects.filter(process=process).select_related("activity", "group_meeting__group"), request.user, pk=pk)
    form = WorkshopPointForm(request.POST)
    if already_done(request):
        return redirect("dialogue:workshop", slug=process.slug, pk=current.pk)
    if form.is_valid():
        data = form.cleaned_data

        def make() -> str:
            made = services.workshop_point(by=request.user, workshop=current, title=data["title"], said=data["said"],
                                           as_need=data["becomes"] == "need")
            if data["becomes"] == "need":
                return made.get_absolute_url()
            return reverse("dialogue:workshop", kwargs={"slug": process.slug, "pk": current.pk})
        try:
            url = once(request, make)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The point is saved."))
            return redirect(url)
    return render(request, "dialogue/process_workshop.html", {
        "process": process, "form": WorkshopForm(instance=current, process=process), "workshop": current,
        "point_form": form, "items": list(current.feedback.all()),
        "registration": selectors.workshop_registration(current)})
