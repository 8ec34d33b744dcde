import hmac

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import FIELD as SUBMISSION_FIELD
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page

from . import selectors, services
from .forms import (
    CloseRequestForm,
    CodeForm,
    DeskRequestForm,
    HelpersForm,
    OfferForm,
    ProviderForm,
    RequestForm,
    StartForm,
    TriageForm,
)
from .models import Crisis, CrisisVolunteer, HelpProvider, HelpRequest, ProviderTask, ReceivedSignUp, Task
from .services import active_crisis

# Generous: a family signing up from one home network is never stopped; a bot is.
PUBLIC_RATE = "20/m"
RETRY_AFTER = 60
CODE_RATE = "10/m"
SALT_OFFER = "crisis.signup"  # signs a ReceivedSignUp's pk
SALT_REQUEST = "crisis.request"


def _too_many(request):
    response = render(request, "crisis/too_many.html", {"retry_after": RETRY_AFTER}, status=429)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def _limited(request, group: str, rate: str = PUBLIC_RATE) -> bool:
    return is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True)


# ---------------------------------------------------------------- public


@require_GET
@cache_public_page()  # the crisis (and the municipality) every page's layout shows
def index(request):
    active = active_crisis()
    user = request.user
    context = {"active": active, "may_start": user.has_perm("crisis.start_crisis")}
    if user.is_authenticated:
        context["crises"], context["handles"] = selectors.crises_for(user=user)
        context["my_providers"] = selectors.providers_for(user=user, crisis_id=active.pk if active else None)
        context["may_join"] = active is not None and user.has_perm("crisis.join_as_provider")
    return render(request, "crisis/index.html", context)


@require_http_methods(["GET", "POST"])
@cache_public_page("volunteers", tokens=True)
def offer(request):
    """ "I can help": light and fast, since everyone comes at once after a news item."""
    active = active_crisis()
    if active is None:
        return render(request, "crisis/no_crisis.html")
    if request.method == "POST":
        if _limited(request, "crisis.offer"):
            return _too_many(request)
        form = OfferForm(request.POST, active=active)
        if form.is_bot:
            return redirect("crisis:offer_received")
        if form.is_valid():
            pk = services.receive_signup(crisis_id=active.pk, data=form.volunteer_data(), language=get_language(),
                                         token=request.POST.get(SUBMISSION_FIELD, ""))
            return redirect("crisis:offer_thanks", ref=signing.dumps(pk, salt=SALT_OFFER))
        return render(request, "crisis/offer.html", {"form": form, "active": active})
    return render(request, "crisis/offer.html", {"form": OfferForm(active=active), "active": active})


def _received_from(ref: str) -> ReceivedSignUp:
    try:
        pk = signing.loads(ref, salt=SALT_OFFER)
    except signing.BadSignature:
        raise Http404 from None
    received = ReceivedSignUp.objects.select_related("link").filter(pk=pk).first()
    if received is None:
        raise Http404
    return received


@require_http_methods(["GET", "POST"])
def offer_thanks(request, ref):
    """After "I can help": type the SMS code here, or look for the e-mail."""
    received = _received_from(ref)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if _limited(request, "crisis.code", CODE_RATE):
            return _too_many(request)
        if form.is_valid():
            try:
                if received.link_id is None:
                    raise ActionError(_("Your code is on its way. Wait for the SMS, then type the code here."))
                services.confirm_by_code(link_id=received.link_id, code=form.cleaned_data["code"])
            except ActionError as error:
                form.add_error("code", str(error))
            else:
                return redirect("crisis:offer_thanks", ref=ref)
    return render(request, "crisis/offer_thanks.html", {"link": received.link, "channel": received.channel,
                                                        "form": form})


@require_GET
def offer_received(request):
    """Where a form caught by the honeypot lands: it looks like success."""
    return render(request, "crisis/offer_received.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The e-mail link. Opening it shows a button (mail filters open links by themselves);
    pressing the button confirms."""
    if request.method == "POST":
        if _limited(request, "crisis.code", CODE_RATE):
            return _too_many(request)
        try:
            services.confirm_by_token(token=token)
        except ActionError as error:
            return render(request, "crisis/confirm.html", {"error": str(error)})
        return render(request, "crisis/confirm.html", {"confirmed": True})
    link = CrisisVolunteer.objects.filter(confirm_token=token[:64]).exclude(confirm_token="").first()
    return render(request, "crisis/confirm.html", {"link": link, "pending": link is not None and not link.confirmed_at,
                                                   "error": "" if link else _("This link is not valid any more. Use the "
                                                   "link in the latest message we sent you, or sign up again.")})


@require_http_methods(["GET", "POST"])
@cache_public_page("volunteers", tokens=True)
def request_help(request):
    """ "I need help": for oneself or someone else."""
    active = active_crisis()
    if active is None:
        return render(request, "crisis/no_crisis.html")
    if request.method == "POST":
        if _limited(request, "crisis.request"):
            return _too_many(request)
        if done := already_done(request):
            return redirect(done)
        form = RequestForm(request.POST, active=active)
        if form.is_bot:
            return redirect("crisis:request_received")
        if form.is_valid():
            data, kinds = form.request_data()
            language = get_language()
            url = once(request, lambda: reverse("crisis:request_thanks", args=[signing.dumps(
                services.create_help_request(crisis_id=active.pk, data=data, help_kinds=kinds,
                                             language=language).reference, salt=SALT_REQUEST)]))
            return redirect(url)
    else:
        form = RequestForm(active=active)
    return render(request, "crisis/request.html", {"form": form, "active": active})


@require_GET
def request_thanks(request, ref):
    try:
        reference = signing.loads(ref, salt=SALT_REQUEST)
    except signing.BadSignature:
        raise Http404 from None
    return render(request, "crisis/request_thanks.html", {"reference": reference})


@require_GET
def request_received(request):
    return render(request, "crisis/request_thanks.html", {"reference": ""})


# ---------------------------------------------------------------- administrator


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    if not request.user.has_perm("crisis.start_crisis"):
        raise PermissionDenied
    if (current := active_crisis()) is not None:
        messages.info(request, _("A crisis is already under way: %(name)s.") % {"name": current.name})
        return redirect("crisis:index")
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.start_crisis(by=request.user, **form.cleaned_data)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Crisis mode is on. The banner and the two forms are live now."))
            return redirect("crisis:index")
    return render(request, "crisis/start.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def close(request, pk):
    crisis = get_for_user(Crisis.objects.handled_by(request.user), request.user, perm="crisis.close_crisis", pk=pk)
    if request.method == "POST":
        try:
            services.close_crisis(by=request.user, crisis=crisis)
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Crisis mode is closed. The banner and the forms are gone."))
        return redirect("crisis:index")
    return render(request, "crisis/close.html", {"crisis": crisis})


# ---------------------------------------------------------------- officials


class NotHere(Exception):
    """The short address (no crisis named) when there is no crisis under way for this person."""


def _not_here(request) -> None:
    if active_crisis() is not None:
        messages.info(request, _("Your office does not handle the help requests of the crisis under way. "
                                 "The administrator chooses the offices when starting the crisis."))


def _crisis_for(request, pk, perm, crises):
    """`pk` None: the crisis under way."""
    if pk is None:
        current = active_crisis()
        if current is None:
            raise NotHere
        pk = current.pk
        try:
            return _crisis_for(request, pk, perm, crises)
        except (Http404, PermissionDenied):
            raise NotHere from None
    return get_for_user(crises, request.user, perm=perm, pk=pk)


@login_required
@require_GET
def requests(request, pk=None):
    try:
        crisis = _crisis_for(request, pk, "crisis.handle_requests", Crisis.objects.handled_by(request.user))
    except NotHere:
        _not_here(request)
        return redirect("crisis:index")
    show = request.GET.get("show") if request.GET.get("show") in ("open", "closed", "all") else "open"
    items = list(selectors.triage_list(crisis, show=show)[:300])
    return render(request, "crisis/requests.html", {"crisis": crisis, "items": items, "show": show})


@login_required
@require_GET
def overview(request, pk=None):
    try:
        crisis = _crisis_for(request, pk, "crisis.view_overview", Crisis.objects.visible_to(request.user))
    except NotHere:
        _not_here(request)
        return redirect("crisis:index")
    context = {"crisis": crisis, **selectors.overview(crisis),
               "handles": request.user.has_perm("crisis.handle_requests", crisis)}
    template = "crisis/overview.html#live" if request.htmx else "crisis/overview.html"
    return render(request, template, context)


def _get_request(request, pk) -> HelpRequest:
    return get_for_user(
        HelpRequest.objects.visible_to(request.user).select_related("crisis", "district", "entered_by"),
        request.user, perm="crisis.handle_request", pk=pk)


@login_required
@require_GET
def request_detail(request, pk):
    help_request = _get_request(request, pk)
    services.record_view(by=request.user, help_request=help_request)
    tasks = selectors.tasks_of(help_request=help_request)
    candidates, providers = [], []
    if help_request.is_unmatched and help_request.erased_at is None:
        candidates = selectors.suggestions(help_request)
        providers = selectors.providers_of(help_request.crisis)
    return render(request, "crisis/request_detail.html", {
        "help_request": help_request, "kinds": list(help_request.help_kinds.all()), "tasks": tasks,
        "providers": providers, "provider_tasks": list(help_request.provider_tasks.select_related("provider__actor")),
        "candidates": candidates, "triage_form": TriageForm(initial={"priority": help_request.priority}),
        "close_form": CloseRequestForm(initial={"keep_for_case": help_request.keep_for_case}),
    })


def _act(request, help_request, action, success: str):
    try:
        action()
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(help_request)


@login_required
@require_POST
def triage(request, pk):
    help_request = _get_request(request, pk)
    form = TriageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose urgent, normal or not for us."))
        return redirect(help_request)
    return _act(request, help_request, lambda: services.triage(by=request.user, help_request=help_request,
                                                               **form.cleaned_data), _("The triage is saved."))


@login_required
@require_POST
def match(request, pk):
    help_request = _get_request(request, pk)
    volunteer_id = request.POST.get("volunteer", "")
    if not volunteer_id.isdigit():
        messages.error(request, _("Choose a volunteer."))
        return redirect(help_request)
    return _act(request, help_request, lambda: services.offer_task(
        by=request.user, help_request=help_request, volunteer_id=int(volunteer_id)),
        _("The volunteer is asked by SMS or e-mail. You see their answer here."))


@login_required
@require_POST
def close_request(request, pk):
    help_request = _get_request(request, pk)
    form = CloseRequestForm(request.POST)
    form.is_valid()
    return _act(request, help_request, lambda: services.close_request(
        by=request.user, help_request=help_request, note=form.cleaned_data.get("note", ""),
        keep_for_case=form.cleaned_data.get("keep_for_case", False)), _("The request is closed."))


@login_required
@require_POST
def cancel_task(request, pk):
    task = get_for_user(Task.objects.filter(help_request__in=HelpRequest.objects.visible_to(request.user))
                        .select_related("help_request__crisis", "volunteer"), request.user, pk=pk)
    if not request.user.has_perm("crisis.handle_request", task.help_request):
        raise PermissionDenied
    return _act(request, task.help_request, lambda: services.cancel_task(by=request.user, task=task),
                _("The task is cancelled. The request waits for a volunteer again."))


@login_required
@require_http_methods(["GET", "POST"])
def desk_request(request):
    """A help-desk official enters a request for someone who phoned."""
    active = active_crisis()
    if active is None:
        return render(request, "crisis/no_crisis.html")
    if not request.user.has_perm("crisis.enter_request"):
        raise PermissionDenied
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = DeskRequestForm(request.POST, active=active)
        if form.is_valid():
            data, kinds = form.request_data()
            url = once(request, lambda: services.create_help_request(
                by=request.user, crisis_id=active.pk, data=data, help_kinds=kinds,
                priority=form.cleaned_data["priority"]).get_absolute_url())
            messages.success(request, _("The request is saved. Give the person the reference on the page."))
            return redirect(url)
    else:
        form = DeskRequestForm(active=active)
    return render(request, "crisis/request.html", {"form": form, "active": active, "desk": True})


# ---------------------------------------------------------------- the volunteer's task


@require_http_methods(["GET", "POST"])
def task_answer(request, token):
    """The volunteer's link: what, where and when, yes or no. The name and address are
    shown once they have accepted."""
    task = (Task.objects.select_related("help_request__district", "help_request__crisis", "volunteer")
            .filter(token=token[:64]).first())
    if task is None:
        raise Http404
    if request.method == "POST":
        if _limited(request, "crisis.code", CODE_RATE):
            return _too_many(request)
        answer = request.POST.get("answer")
        if answer in ("accept", "decline"):
            try:
                services.answer_task(task=task, accept=answer == "accept", by=request.user)
            except ActionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Thank you! Here is what you need to know.") if answer == "accept"
                                 else _("Thank you for answering. We ask someone else."))
        return redirect("crisis:task_answer", token=task.token)
    return render(request, "crisis/task.html", {"task": task, "help_request": task.help_request,
                                                "kinds": list(task.help_request.help_kinds.all())})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def sms_inbound(request):
    """The SMS provider posts replies here (`from`, `message`), with the shared secret
    as `secret` in the address or the X-Samverka-Secret header. A GET (a provider checking
    the address) gets a short plain answer."""
    if request.method == "GET":
        return HttpResponse("POST SMS replies here.", content_type="text/plain")
    secret = getattr(settings, "SMS_INBOUND_SECRET", "")
    given = request.headers.get("X-Samverka-Secret") or request.GET.get("secret", "")
    if not secret or not hmac.compare_digest(secret.encode(), given.encode()):
        return HttpResponse(status=403)
    services.answer_by_sms(sender=request.POST.get("from", ""), message=request.POST.get("message", ""))
    return HttpResponse("", content_type="text/plain")


# ---------------------------------------------------------------- help providers


@login_required
@require_http_methods(["GET", "POST"])
def provider_join(request):
    """A representative has their association join the crisis under way as a help provider,
    or changes its contact, hours and capacity."""
    from samverka.actors.models import Actor
    from samverka.actors.rules import actor_roles

    active = active_crisis()
    if active is None:
        return render(request, "crisis/no_crisis.html")
    if not request.user.has_perm("crisis.join_as_provider"):
        raise PermissionDenied
    crisis = Crisis.objects.get(pk=active.pk)
    actors = list(Actor.objects.filter(pk__in=list(actor_roles(request.user))).order_by("name"))
    if not actors:
        raise PermissionDenied
    kinds = selectors.crisis_kinds(crisis)
    initial = {}
    if request.method == "GET" and (chosen := request.GET.get("actor", "")).isdigit():
        current = HelpProvider.objects.filter(crisis=crisis, actor_id=int(chosen)).prefetch_related("capacities").first()
        if current is not None and current.actor_id in {a.pk for a in actors}:
            initial = {"actor": current.actor_id, "contact_name": current.contact_name,
                       "contact_phone": current.contact_phone, "hours": current.hours,
                       **{f"kind_{c.help_kind_id}": c.per_day for c in current.capacities.all()}}
    form = ProviderForm(request.POST or None, actors=actors, kinds=kinds, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            provider = services.join_as_provider(by=request.user, crisis=crisis, **form.provider_data())
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you! The triage can now hand requests to your association."))
            return redirect(provider)
    return render(request, "crisis/provider_join.html", {"form": form, "crisis": crisis})


def _get_provider(request, pk, perm="crisis.view_provider") -> HelpProvider:
    return get_for_user(HelpProvider.objects.visible_to(request.user).select_related("actor", "crisis"),
                        request.user, perm=perm, pk=pk)


@login_required
@require_GET
def provider(request, pk):
    """The provider's page: the requests handed to it, its capacity today."""
    provider = _get_provider(request, pk)
    show = "done" if request.GET.get("show") == "done" else "open"
    tasks = list(selectors.provider_tasks(provider, show=show)[:300])
    return render(request, "crisis/provider.html", {
        "provider": provider, "crisis": provider.crisis, "tasks": tasks, "show": show,
        "today": selectors.capacity_today([provider])[provider.pk],
        "acts": request.user.has_perm("crisis.join_as_provider") and acts_for_actor(request.user, provider.actor),
        "coordinates": request.user.has_perm("crisis.pause_provider", provider),
        "helpers_form": HelpersForm(),
    })


def acts_for_actor(user, actor) -> bool:
    from samverka.actors.rules import acts_for

    return acts_for(user, actor)


@login_required
@require_POST
def provider_pause(request, pk):
    provider = _get_provider(request, pk, perm="crisis.pause_provider")
    paused = request.POST.get("paused") == "1"
    services.pause_provider(by=request.user, provider=provider, paused=paused)
    messages.success(request, _("%(provider)s is paused: it gets no more requests.") % {"provider": provider}
                     if paused else _("%(provider)s takes requests again.") % {"provider": provider})
    return redirect("crisis:providers", pk=provider.crisis_id)


@login_required
@require_GET
def providers(request, pk):
    """The crisis coordinator's list of help providers with their capacity today."""
    crisis = get_for_user(Crisis.objects.handled_by(request.user), request.user, perm="crisis.handle_requests", pk=pk)
    return render(request, "crisis/providers.html", {
        "crisis": crisis, "providers": selectors.providers_of(crisis),
        "unneeded": selectors.unneeded_volunteers(crisis.pk).filter(released_at__isnull=True).count(),
        "may_release": request.user.has_perm("crisis.release_volunteers", crisis)})


@login_required
@require_POST
def hand(request, pk):
    help_request = _get_request(request, pk)
    provider_id = request.POST.get("provider", "")
    if not provider_id.isdigit():
        messages.error(request, _("Choose a help provider."))
        return redirect(help_request)
    return _act(request, help_request, lambda: services.hand_to_provider(
        by=request.user, help_request=help_request, provider_id=int(provider_id)),
        _("The request is handed to the help provider. You see here when they accept it."))


def _get_provider_task(request, pk) -> ProviderTask:
    return get_for_user(
        ProviderTask.objects.filter(provider__in=HelpProvider.objects.visible_to(request.user))
        .select_related("provider__actor", "provider__crisis", "help_request__crisis"), request.user, pk=pk)


def _provider_act(request, pk, action, success: str):
    task = _get_provider_task(request, pk)
    if not request.user.has_perm("crisis.handle_provider_task", task):
        raise PermissionDenied
    try:
        action(task)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(task.provider)


@login_required
@require_POST
def provider_accept(request, pk):
    return _provider_act(request, pk, lambda task: services.accept_provider_task(by=request.user, task=task),
                         _("You have taken the request. The person is told who will help; their details are below."))


@login_required
@require_POST
def provider_helpers(request, pk):
    form = HelpersForm(request.POST)

    def action(task):
        if not form.is_valid():
            raise ActionError(_("Write who goes, for example a first name."))
        services.assign_helpers(by=request.user, task=task, helpers=form.cleaned_data["helpers"])

    return _provider_act(request, pk, action, _("Saved: who goes."))


@login_required
@require_POST
def provider_done(request, pk):
    return _provider_act(request, pk, lambda task: services.finish_provider_task(by=request.user, task=task),
                         _("Marked done. Thank you!"))


@login_required
@require_POST
def provider_return(request, pk):
    task = _get_provider_task(request, pk)
    if not (request.user.has_perm("crisis.handle_provider_task", task)
            or request.user.has_perm("crisis.handle_request", task.help_request)):
        raise PermissionDenied
    try:
        services.return_provider_task(by=request.user, task=task)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The request is back in the triage."))
    if request.user.has_perm("crisis.handle_provider_task", task):
        return redirect(task.provider)
    return redirect(task.help_request)


# ---------------------------------------------------------------- volunteers not needed


@login_required
@require_POST
def release(request, pk):
    crisis = get_for_user(Crisis.objects.handled_by(request.user), request.user, perm="crisis.release_volunteers",
                          pk=pk)
    waiting = services.start_release(by=request.user, crisis=crisis)
    messages.success(request, _("The volunteers not needed are being told: %(count)s waiting.") % {"count": waiting})
    return redirect("crisis:providers", pk=crisis.pk)


@require_http_methods(["GET", "POST"])
def release_choice(request, token):
    """The volunteer not needed: keep their details for next time, or erase them."""
    link_id = services.link_from_release_token(token)
    if link_id is None:
        raise Http404
    # The signed link only ever goes out in the "not needed" message: it is the proof.
    link = CrisisVolunteer.objects.select_related("crisis", "volunteer").filter(pk=link_id).first()
    if request.method == "POST":
        if _limited(request, "crisis.code", CODE_RATE):
            return _too_many(request)
        answer = request.POST.get("answer")
        if answer in ("keep", "erase"):
            services.choose_after_release(link_id=link_id, keep=answer == "keep")
            return redirect("crisis:release", token=token)
    return render(request, "crisis/release.html", {"link": link, "days": services.RELEASE_ANSWER_DAYS})
