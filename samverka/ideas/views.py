from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from samverka.accounts.ages import guardian_refusal
from samverka.communication import limits
from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page
from samverka.needs.forms import NeedForm

from . import selectors, services
from .forms import BackForm, GalleryFilterForm, IdeaForm, LinkForm, MoveForm, SupportForm
from .models import OUTCOMES, PATH, Idea

PAGE_SIZE = 30
# Finished ideas shown under those under way; the rest at ?visa=avslutade.
FINISHED_SHOWN = 6
# Sending an idea is rare for a person; a robot sends many. Counted per client address.
SUBMIT_RATE = "10/15m"
SUBMIT_RETRY_AFTER = 15 * 60
# The buttons of the private link (confirm the address, show in the gallery): the link is the key.
LINK_RATE = "20/h"
LINK_RETRY_AFTER = 60 * 60


def _limited(request, group, rate, seconds, template, context):
    if is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True):
        response = render(request, template, {**context, "limited": True}, status=429)
        response["Retry-After"] = str(seconds)
        return response
    return None


# ---------------------------------------------------------------- everyone


@require_GET
@cache_public_page("ideas")
def gallery(request):
    """The ideas under way, and those that reached their end (closed, continues, anchored) in a
    section of their own: a few on the first page, all of them at ?visa=avslutade."""
    form = GalleryFilterForm(request.GET or None)
    where = {"area": form.value("area"), "district": form.value("district")}
    finished = request.GET.get("visa") == "avslutade"
    page = Paginator(selectors.gallery(**where, finished=finished), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "last": len(PATH), "finished": finished}
    if not finished:
        ended = selectors.gallery(**where, finished=True)
        context["ended"] = list(ended[:FINISHED_SHOWN + 1])
        context["more_ended"] = len(context["ended"]) > FINISHED_SHOWN
        context["ended"] = context["ended"][:FINISHED_SHOWN]
    return render(request, "ideas/gallery.html", context)


@require_http_methods(["GET", "POST"])
def new(request):
    user = request.user
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = IdeaForm(request.POST, user=user)
        if form.is_robot:
            return render(request, "ideas/robot.html")
        if form.is_valid():
            if limited := _limited(request, "ideas.submit", SUBMIT_RATE, SUBMIT_RETRY_AFTER, "ideas/new.html",
                                   {"form": form}):
                return limited
            data = form.cleaned_data
            try:
                url = once(request, lambda: services.submit_idea(
                    by=user, data=data, name=data.get("name", ""), email=data.get("email", ""),
                ).get_private_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you! We have received your idea. Keep this page's address: here "
                                            "you follow your idea, step by step."))
                return redirect(url)
    else:
        form = IdeaForm(user=user)
    return render(request, "ideas/new.html", {"form": form, "guardian_refusal": guardian_refusal(user)})


def _private(token):
    return selectors.with_details(Idea.objects.filter(token=token[:64])).first()


def _private_page(request, idea, *, status=200, limited=False):
    context = {"idea": idea, "limited": limited}
    if idea is not None:
        context.update(selectors.idea_page(idea, inside=False))
    response = render(request, "ideas/private.html", context, status=status if idea else 404)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def private(request, token):
    """The author's page, reached by the private link (also from My pages): the idea's steps
    with the coach's notes, and whether it is in the gallery. The link is the key."""
    return _private_page(request, _private(token))


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The confirmation link of the receipt e-mail: a page with the button (a mail program that
    opens links to check them confirms nothing), then the address is confirmed."""
    idea = selectors.by_confirmation_code(token)
    if idea is not None and request.method == "POST":
        if is_ratelimited(request, group="ideas.link", key="ip", rate=LINK_RATE, method="POST", increment=True):
            response = _confirm_page(request, idea, status=429, limited=True)
            response["Retry-After"] = str(LINK_RETRY_AFTER)
            return response
        services.confirm_email(by=request.user, idea=idea)
        messages.success(request, _("Thank you! We will e-mail you when your idea moves on."))
        return redirect(idea.get_private_url())
    return _confirm_page(request, idea)


def _confirm_page(request, idea, *, status=200, limited=False):
    response = render(request, "ideas/confirm.html", {"idea": idea, "limited": limited},
                      status=status if idea else 404)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def publicity(request, token):
    idea = _private(token)
    if idea is None:
        return _private_page(request, None)
    if is_ratelimited(request, group="ideas.link", key="ip", rate=LINK_RATE, method="POST", increment=True):
        response = _private_page(request, idea, status=429, limited=True)
        response["Retry-After"] = str(LINK_RETRY_AFTER)
        return response
    public = request.POST.get("public") == "1"
    services.set_public(by=request.user, idea=idea, public=public)
    messages.success(request, _("Your idea is shown in the gallery once a coach has read it.") if public
                     else _("Your idea is no longer shown in the gallery."))
    return redirect(idea.get_private_url())


@login_required
@require_GET
def mine(request):
    return render(request, "ideas/mine.html", {"ideas": selectors.my_ideas(request.user)})


def _get_idea(request, pk, perm=None):
    return get_for_user(selectors.with_details(Idea.objects.visible_to(request.user)), request.user, perm=perm, pk=pk)


def _idea_page(request, idea, status=200, **forms):
    user = request.user
    inside = user.has_perm("ideas.view_author", idea)
    coaching = user.has_perm("ideas.coach_idea", idea)
    context = {
        "idea": idea, "inside": inside, "coaching": coaching,
        "is_author": user.has_perm("ideas.follow_idea", idea),
        "can_resend": bool(idea.author_email) and user.has_perm("ideas.resend_receipt", idea),
        "can_take": (not idea.is_finished and user.has_perm("ideas.take_idea", idea)
                     and (idea.coach_id is None or Idea.objects.queue().filter(pk=idea.pk).exists())),
        **selectors.idea_page(idea, inside=inside),
    }
    if coaching:
        context.update({
            "move_form": forms.get("move_form") or MoveForm(idea=idea),
            "back_form": forms.get("back_form") or BackForm(),
            "support_form": forms.get("support_form") or SupportForm(),
            "link_form": forms.get("link_form") or LinkForm(user=user, initial={
                "activity": idea.activity.get_absolute_url() if idea.activity_id else "",
                "application": idea.application.case_number or idea.application_id if idea.application_id else "",
                "partnership": idea.partnership.get_absolute_url() if idea.partnership_id else ""}),
        })
    return render(request, "ideas/idea.html", context, status=status)


@require_GET
@cache_public_page("ideas", "needs", "activities")
def idea(request, pk):
    return _idea_page(request, _get_idea(request, pk))


@login_required
@require_GET
def board(request):
    if not request.user.has_perm("ideas.view_board"):
        raise PermissionDenied
    step = request.GET.get("steg")
    if step not in [*PATH, *OUTCOMES]:
        step = None
    mine = request.GET.get("mina") == "1"
    return render(request, "ideas/board.html", {
        **selectors.board(mine_of=request.user if mine else None, step=step, page_number=request.GET.get("page")),
        "step": step, "mine": mine})


@login_required
@require_POST
def take(request, pk):
    found = _get_idea(request, pk, perm="ideas.take_idea")
    try:
        services.take_idea(by=request.user, idea=found)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The idea is yours to coach now. The author has been told.")
                         if found.author_is_emailed else
                         _("The idea is yours to coach now. The author gets no e-mail (the address is not "
                           "confirmed); they see it on their idea's page."))
    return redirect(found)


@login_required
@require_POST
def resend_receipt(request, pk):
    """The author (signed in) or a coach sends the receipt again; the page says honestly whether
    it went or the cap on messages to typed addresses held it back."""
    found = _get_idea(request, pk, perm="ideas.resend_receipt")
    if done := already_done(request):
        return redirect(done)
    results = []

    def send() -> str:
        results.append(services.resend_receipt(by=request.user, idea=found))
        return found.get_absolute_url() + "#receipt"

    try:
        url = once(request, send)
    except ActionError as error:
        messages.error(request, str(error))
        return redirect(found.get_absolute_url() + "#receipt")
    if results:
        email = found.author_email
        hours = int(limits.cap_of(services.RECEIPT).period.total_seconds() // 3600)
        if results[0] == limits.Verdict.SEND:
            messages.success(request, _("The receipt has been sent again to %(email)s.") % {"email": email})
        elif results[0] == limits.Verdict.REPEAT:
            messages.warning(request, _(
                "The receipt is held back: %(email)s has had a receipt from the idea lab in the last %(hours)s "
                "hours, and we send no more to one address (a limit against misuse). Try again later.")
                % {"email": email, "hours": hours})
        else:
            messages.warning(request, _(
                "The receipt is held back: the idea lab has sent as many receipts as it may this hour (a limit "
                "against misuse). Try again in an hour."))
    return redirect(url)


@login_required
@require_POST
def forward(request, pk):
    found = _get_idea(request, pk, perm="ideas.coach_idea")
    if done := already_done(request):
        return redirect(done)
    form = MoveForm(request.POST, idea=found)
    if form.is_valid():
        data = form.cleaned_data
        try:
            url = once(request, lambda: services.move_forward(
                by=request.user, idea=found, note=data["note"], on=data["on"], outcome=data.get("outcome") or "",
            ).idea.get_absolute_url() + "#history")
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The idea has moved on. The author has been told.")
                             if found.author_is_emailed else
                             _("The idea has moved on. The author gets no e-mail (the address is not confirmed); "
                               "they see it on their idea's page."))
            return redirect(url)
    return _idea_page(request, found, status=400, move_form=form)


@login_required
@require_POST
def back(request, pk):
    found = _get_idea(request, pk, perm="ideas.coach_idea")
    if done := already_done(request):
        return redirect(done)
    form = BackForm(request.POST)
    if form.is_valid():
        try:
            url = once(request, lambda: services.move_back(
                by=request.user, idea=found, reason=form.cleaned_data["reason"],
            ).idea.get_absolute_url() + "#history")
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The idea went back a step. The author has been told why.")
                             if found.author_is_emailed else
                             _("The idea went back a step. The author gets no e-mail (the address is not "
                               "confirmed); they see why on their idea's page."))
            return redirect(url)
    return _idea_page(request, found, status=400, back_form=form)


@login_required
@require_POST
def support(request, pk):
    found = _get_idea(request, pk, perm="ideas.coach_idea")
    if done := already_done(request):
        return redirect(done)
    form = SupportForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            url = once(request, lambda: services.record_support(
                by=request.user, idea=found, kind=data["kind"], on=data["on"], hours=data["hours"], text=data["text"],
            ).idea.get_absolute_url() + "#support")
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The support is recorded."))
            return redirect(url)
    return _idea_page(request, found, status=400, support_form=form)


@login_required
@require_POST
def link(request, pk):
    found = _get_idea(request, pk, perm="ideas.coach_idea")
    form = LinkForm(request.POST, user=request.user)
    if form.is_valid():
        activity, application = form.cleaned_data["activity"], form.cleaned_data["application"]
        if activity != found.activity:
            services.link_activity(by=request.user, idea=found, activity=activity)
        if application != found.application:
            services.link_application(by=request.user, idea=found, application=application)
        if form.cleaned_data["partnership"] != found.partnership:
            services.link_partnership(by=request.user, idea=found, partnership=form.cleaned_data["partnership"])
        messages.success(request, _("The links are saved."))
        return redirect(found)
    return _idea_page(request, found, status=400, link_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def need(request, pk):
    found = _get_idea(request, pk, perm="ideas.coach_idea")
    if found.need_id:
        messages.info(request, _("This idea has already become a need."))
        return redirect(found)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = NeedForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                url = once(request, lambda: services.idea_to_need(
                    by=request.user, idea=found, data=form.need_data()).get_absolute_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The need is published and linked to the idea."))
                return redirect(url)
    else:
        form = NeedForm(user=request.user, initial={
            "title": found.title, "summary": found.title[:200], "description": found.what,
            "place": found.place, "areas": list(found.areas.all()), "sdg_goals": list(found.sdg_goals.all())})
    return render(request, "ideas/need.html", {"idea": found, "form": form})
