from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.volunteers import selectors as volunteer_selectors
from samverka.volunteers.models import Volunteer

from . import selectors, services
from .filters import NeedFilter
from .forms import AnswerForm, CloseForm, HandleForm, NeedForm
from .models import Need

PAGE_SIZE = 20


def _needs():
    return Need.objects.select_related("office", "actor", "district")


def _get_need(request, slug, perm=None, queryset=None):
    return get_for_user(queryset if queryset is not None else _needs(), request.user, perm=perm, slug=slug)


@require_GET
def index(request):
    filterset = NeedFilter(request.GET or None, queryset=_needs(), request=request)
    needs = filterset.qs if filterset.is_bound else _needs().open()
    page = Paginator(needs.prefetch_related("areas"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, "showing_closed": filterset.showing_closed,
               "for_volunteer": [], "for_actors": []}
    if request.user.is_authenticated and not request.htmx:
        context["for_volunteer"] = selectors.for_volunteer(request.user)
        context["for_actors"] = selectors.for_actors(request.user)
    template = "needs/index.html#results" if request.htmx else "needs/index.html"
    return render(request, template, context)


@require_GET
def detail(request, slug):
    need = _get_need(request, slug, queryset=_needs().select_related("contact")
                     .prefetch_related("areas", "sdg_goals", "help_kinds"))
    user = request.user
    context = {"need": need, "my_answer": None, "counts": None}
    if user.is_authenticated:
        context["my_answer"] = selectors.answer_of(need=need, user=user)
        if user.has_perm("needs.handle_answers", need):
            context["counts"] = selectors.answer_counts(need=need)
    return render(request, "needs/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not request.user.has_perm("needs.add_need"):
        return render(request, "needs/no_publisher.html", status=403)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = NeedForm(request.POST, user=request.user)
        if form.is_valid():
            url = once(request, lambda: services.create_need(by=request.user, data=form.need_data()).get_absolute_url())
            messages.success(request, _("The need is published. Answers come to the contact person by e-mail."))
            return redirect(url)
    else:
        form = NeedForm(user=request.user)
    return render(request, "needs/form.html", {"form": form, "need": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    need = _get_need(request, slug, perm="needs.change_need")
    if request.method == "POST":
        form = NeedForm(request.POST, instance=Need.objects.get(pk=need.pk), user=request.user)
        if form.is_valid():
            services.update_need(by=request.user, need=need, data=form.need_data())
            messages.success(request, _("The changes are saved."))
            return redirect(need)
    else:
        form = NeedForm(instance=need, user=request.user)
    return render(request, "needs/form.html", {"form": form, "need": need})


@login_required
@require_http_methods(["GET", "POST"])
def close(request, slug):
    need = _get_need(request, slug, perm="needs.change_need")
    if need.is_closed:
        messages.info(request, _("The need is already closed."))
        return redirect(need)
    if request.method == "POST":
        form = CloseForm(request.POST)
        if form.is_valid():
            try:
                services.close_need(by=request.user, need=need, outcome=form.cleaned_data["outcome"])
            except ActionError as error:
                messages.info(request, str(error))
            else:
                messages.success(request, _("The need is closed. What came of it is shown on its page."))
            return redirect(need)
    else:
        form = CloseForm()
    return render(request, "needs/close.html", {"form": form, "need": need})


@login_required
@require_POST
def reopen(request, slug):
    need = _get_need(request, slug, perm="needs.change_need")
    try:
        services.reopen_need(by=request.user, need=need)
    except ActionError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, _("The need is open again and takes answers."))
    return redirect(need)


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, slug):
    need = _get_need(request, slug, perm="needs.answer_need")
    existing = selectors.answer_of(need=need, user=request.user)
    limited = False
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = AnswerForm(request.POST, user=request.user, need=need)
        valid = form.is_valid()
        if not need.takes_answers:
            form.add_error(None, _("This need is closed and takes no more answers."))
        elif existing is not None and not existing.is_new:
            form.add_error(None, _("You have already answered this need, and the publisher has handled your answer."))
        elif limited := is_ratelimited(request, group="needs.answer", key="user_or_ip", rate="30/h", method="POST",
                                       increment=True):
            form.add_error(None, _("Too many answers from you just now. Wait a while and try again."))
        elif valid:
            data = form.cleaned_data
            try:
                url = once(request, lambda: _answered(request, need, data))
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                return redirect(url)
    else:
        initial = {"kind": existing.kind, "message": existing.message,
                   "actor": str(existing.actor_id or "")} if existing else {}
        form = AnswerForm(initial=initial, user=request.user, need=need)
    response = render(request, "needs/answer.html", {"need": need, "form": form, "existing": existing},
                      status=429 if limited else 200)
    if limited:
        response["Retry-After"] = str(60 * 60)
    return response


def _answered(request, need, data) -> str:
    answer, created = services.answer_need(by=request.user, need=need, kind=data["kind"], message=data["message"],
                                           actor=data.get("actor"), age=data.get("age"))
    if created:
        messages.success(request, _("Thank you! Your answer is sent. You get an e-mail when they have read it."))
    else:
        messages.success(request, _("Your answer is updated."))
    return need.get_absolute_url()


@login_required
@require_GET
def answers(request, slug):
    need = _get_need(request, slug, perm="needs.handle_answers")
    items = selectors.answers_to(need=need)
    assignments = volunteer_selectors.assignments_on_need(need)
    return render(request, "needs/answers.html", {"need": need, "answers": items, "assignments": assignments})


@login_required
@require_http_methods(["GET", "POST"])
def handle(request, slug, pk):
    need = _get_need(request, slug, perm="needs.handle_answers")
    item = get_for_user(need.answers.select_related("user", "actor"), request.user, pk=pk)
    item.need = need
    volunteer = Volunteer.objects.filter(user=item.user).select_related("record_seen_by").first()
    stated = volunteer.record_checked_on if volunteer else None
    if request.method == "POST":
        form = HandleForm(request.POST, answer=item, stated_record_date=stated)
        if form.is_valid():
            try:
                services.handle_answer(by=request.user, answer=item, decision=form.cleaned_data["decision"],
                                       reply=form.cleaned_data["reply"],
                                       record_checked_on=form.cleaned_data.get("record_checked_on"))
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Done. %(name)s gets your message by e-mail.") % {"name": item.answerer_name})
                return redirect("needs:answers", slug=need.slug)
    else:
        form = HandleForm(answer=item, stated_record_date=stated)
    return render(request, "needs/handle.html", {"need": need, "answer": item, "form": form, "volunteer": volunteer})


@login_required
@require_GET
def mine(request):
    """The needs the person publishes (through offices or actors) and their own answers."""
    published = selectors.published_by(request.user)
    my_answers = selectors.answers_by(request.user)
    return render(request, "needs/mine.html", {"published": published, "my_answers": my_answers})


