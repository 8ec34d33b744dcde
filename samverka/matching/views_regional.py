"""Regional programmes' pages and addresses: the signed feed and the public key (public, JSON
and text), the inbox for partners' signed messages, the coordinator's page of a shared
programme (the partners and their faults, their offers next to ours, the proposals with
their offers, the partners' requests), and the person's consent page.

Double submits: every action here is a change of a RemoteMatch's status made under a row
lock (regional.py), so the second of two clicks finds it changed and does nothing twice:
the coordinator is told it was decided already, the person sees the first answer's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError

from . import regional, signing
from .models import Participant, RemoteMatch
from .views_coordinator import _coordinated, _programme

INBOX_RATE = "120/h"
CONSENT_RATE = "30/h"


@require_GET
def feed(request):
    """The signed feed of this installation's shared programmes: no personal data."""
    return HttpResponse(signing.seal(regional.feed_payload()), content_type="application/json")


@require_GET
def public_key(request):
    return HttpResponse(signing.public_key_text() + "\n", content_type="text/plain; charset=utf-8")


@csrf_exempt
@require_POST
def inbox(request):
    """A partner's signed message. Anything not believed changes nothing and answers 400
    with the cause (the sender shows it to its coordinator)."""
    if is_ratelimited(request, group="matching.regional_inbox", key="ip", rate=INBOX_RATE, method="POST",
                      increment=True):
        answer = JsonResponse({"error": "Too many messages."}, status=429)
        answer["Retry-After"] = "3600"
        return answer
    try:
        regional.receive(request.body)
    except signing.BadMessage as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"ok": True})


# ---------------------------------------------------------------- the coordinator's page


def _regional_url(programme) -> str:
    return reverse("matching:regional", args=[programme.slug])


@login_required
@require_GET
def coordinator_page(request, slug):
    programme = _programme(request, slug)
    local_open = (programme.participants.offers().filter(status__in=Participant.ACTIVE)
                  .select_related("district", "actor").order_by("name")[:200])
    remote = (programme.remote_offers.select_related("partner").order_by("partner__name", "association", "area"))
    matches = (programme.remote_matches.exclude(status=RemoteMatch.Status.REJECTED)
               .select_related("partner", "request", "offer").order_by("-created_at")[:200])
    matches = list(matches)
    for m in matches:
        m.shared_rows = _rows(m.shared)
    return render(request, "matching/coordinate/regional.html", {
        "programme": programme, "partners": list(programme.partners.all()), "local_open": list(local_open),
        "remote": list(remote[:500]), "outgoing": [m for m in matches if m.direction == "outgoing"],
        "incoming": [m for m in matches if m.direction == "incoming"]})


@login_required
@require_POST
def fetch(request, slug):
    programme = _programme(request, slug)
    for partner, done in regional.fetch_now(programme=programme, by=request.user):
        if done.ok:
            messages.success(request, _("%(partner)s: read, %(added)s new, %(removed)s removed.") % {
                "partner": partner.name, "added": done.added, "removed": done.removed})
        else:
            messages.error(request, _("%(partner)s: not read. %(cause)s Nothing was changed.") % {
                "partner": partner.name, "cause": done.error})
    return redirect(_regional_url(programme))


ACTIONS = {
    "ask": (lambda m, by: regional.ask_person(match=m, by=by), gettext_lazy("The person is asked to say yes and choose what to share.")),
    "reject": (lambda m, by: regional.reject_proposal(match=m, by=by), gettext_lazy("Rejected.")),
    "resend": (lambda m, by: regional.resend(match=m, by=by), gettext_lazy("Sent again.")),
    "accept": (lambda m, by: regional.answer_request(match=m, accept=True, by=by),
               gettext_lazy("Accepted. The partner municipality is told; contact the person as they asked.")),
    "decline": (lambda m, by: regional.answer_request(match=m, accept=False, by=by),
                gettext_lazy("Declined. The partner municipality is told, and the person's data are erased here.")),
}


@login_required
@require_POST
def decide(request, slug, pk):
    programme = _programme(request, slug, perm=None)
    match = get_for_user(_coordinated(request, programme, programme.remote_matches.select_related(
        "programme", "partner", "request")), request.user, pk=pk)
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        messages.error(request, _("Choose what to do."))
        return redirect(_regional_url(programme))
    do, said = ACTIONS[action]
    try:
        done = do(match, request.user)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        if getattr(done, "error", ""):
            messages.error(request, _("The partner municipality could not be reached: %(cause)s") % {
                "cause": done.error})
        else:
            messages.success(request, str(said))
    return redirect(_regional_url(programme))


# ---------------------------------------------------------------- the person's consent


def _match(token: str) -> RemoteMatch | None:
    return (RemoteMatch.objects.select_related("programme", "partner", "request", "remote_offer")
            .filter(token=token[:64], direction=RemoteMatch.Direction.OUTGOING)
            .exclude(status__in=(RemoteMatch.Status.PROPOSED, RemoteMatch.Status.REJECTED)).first())


# What a person may share, as the person reads it (consent page) and as a coordinator does.
SHARE_LABELS = {"name": gettext_lazy("Your name"), "email": gettext_lazy("Your e-mail address"),
                "phone": gettext_lazy("Your mobile phone"), "languages": gettext_lazy("The languages you speak"),
                "about": gettext_lazy("What you wrote about yourself")}
SHARED_LABELS = {"name": gettext_lazy("Name"), "email": gettext_lazy("E-mail address"),
                 "phone": gettext_lazy("Mobile phone"), "languages": gettext_lazy("Languages"),
                 "about": gettext_lazy("About them")}


def _rows(shared: dict, labels=None) -> list[tuple[str, str]]:
    labels = labels or SHARED_LABELS
    return [(labels.get(key, key), ", ".join(value) if isinstance(value, list) else value)
            for key, value in shared.items()]


DONE_ALREADY = {("yes", s) for s in (RemoteMatch.Status.SENT, RemoteMatch.Status.FAILED, RemoteMatch.Status.ACCEPTED)} | {
    ("no", RemoteMatch.Status.DECLINED), ("withdraw", RemoteMatch.Status.WITHDRAWN)}


@require_http_methods(["GET", "POST"])
def consent(request, token):
    match = _match(token)
    if match is None:
        return render(request, "matching/regional_consent.html", {"match": None}, status=404)
    values = regional.shareable(match.request)
    chosen = request.POST.getlist("share") if request.method == "POST" else ["name", "email", "phone"]
    error = ""
    if request.method == "POST":
        if is_ratelimited(request, group="matching.regional_consent", key="ip", rate=CONSENT_RATE, method="POST",
                          increment=True):
            from samverka.core.ratelimit import too_many_requests

            return too_many_requests(request, retry_after=3600)
        answer = request.POST.get("answer")
        # A second click of the same answer (a double submit) shows the first one's result.
        if (answer, match.status) in DONE_ALREADY:
            return redirect("matching:consent", token=match.token)
        try:
            if answer == "yes":
                done = regional.consent(match=match, share=chosen, by=request.user)
                if done.status == RemoteMatch.Status.FAILED:
                    messages.warning(request, _("Your answer is saved, but the neighbouring municipality could not "
                                                "be reached just now. The coordinator sends it again."))
                else:
                    messages.success(request, _("Thank you. The neighbouring municipality has received what you "
                                                "chose to share and gets in touch."))
                return redirect("matching:consent", token=match.token)
            if answer == "no":
                regional.decline(match=match, by=request.user)
                messages.success(request, _("You said no. Nothing about you was sent. You stay on the waiting list."))
                return redirect("matching:consent", token=match.token)
            if answer == "withdraw":
                regional.withdraw(match=match, by=request.user)
                messages.success(request, _("You have taken back your yes. The neighbouring municipality is told to "
                                            "erase what it received."))
                return redirect("matching:consent", token=match.token)
            error = _("Choose yes or no.")
        except ActionError as failure:
            error = str(failure)
    choices = [{"key": key, "label": SHARE_LABELS[key], "value": ", ".join(value) if isinstance(value, list) else value,
                "checked": key in chosen} for key, value in values.items()]
    return render(request, "matching/regional_consent.html", {
        "match": match, "programme": match.programme, "offer": match.remote_offer, "choices": choices,
        "error": error, "shared": _rows(match.shared, SHARE_LABELS)},
        status=400 if error else 200)
