"""The public side of matching programmes: the list, a programme's page, signing up, and
the participants' private pages (reached by the links in their messages: the link is the
key). The coordinators' pages are in views_coordinator.py."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page
from samverka.core.ratelimit import too_many_requests
from samverka.volunteers.models import Availability

from . import services_participants as services
from .forms import CheckInForm, DeclineForm, SignUpForm, WithdrawForm
from .models import Match, Participant, Programme

# The sides as they read in an address.
SIDES = {"be-om": Participant.Side.REQUEST, "ge": Participant.Side.OFFER}
SIDE_SLUGS = {side: slug for slug, side in SIDES.items()}
# Per client address: a family signs up a few; a robot fills a programme.
SIGNUP_RATE = "30/h"
LINK_RATE = "30/h"  # whoever has a link uses it a few times; many are a robot trying links
RATE_WINDOW = 60 * 60


# ---------------------------------------------------------------- public pages


@require_GET
@cache_public_page("matching")
def programmes(request):
    found = Programme.objects.public().select_related("office").order_by("name")
    return render(request, "matching/programmes.html", {"programmes": found})


def _programme(request, slug) -> Programme:
    """A programme open or paused; a draft or closed one only for its coordinators and the
    administrators (to see it before it opens)."""
    user = request.user
    visible = Programme.objects.all() if user.is_superuser else (
        Programme.objects.public() | Programme.objects.coordinated_by(user))
    return get_for_user(visible.distinct().select_related("office"), user, slug=slug)


@require_GET
@cache_public_page("matching")
def programme(request, slug):
    found = _programme(request, slug)
    return render(request, "matching/programme.html", {
        "programme": found, "sides": _calls(found),
        "kinds": [c for c in found.choices.all() if c.group == "kind"], "sdg_goals": list(found.sdg_goals.all()),
    })


def _calls(programme: Programme) -> list[dict]:
    return [
        {"slug": "be-om", "label": programme.request_label, "intro": programme.request_intro},
        {"slug": "ge", "label": programme.offer_label, "intro": programme.offer_intro},
    ]


@require_http_methods(["GET", "POST"])
def sign_up(request, slug, side):
    found = _programme(request, slug)
    if side not in SIDES:
        raise Http404
    side_value = SIDES[side]
    user = request.user
    needs_login = (found.kind == Programme.Kind.ASSOCIATION and side_value == Participant.Side.OFFER
                   and not user.is_authenticated)
    status = 200
    if request.method == "POST" and found.status == Programme.Status.OPEN and not needs_login:
        if done := already_done(request):
            return redirect(done)
        form = SignUpForm(request.POST, programme=found, side=side_value, user=user)
        valid = form.is_valid()
        if is_ratelimited(request, group="matching.signup", key="ip", rate=SIGNUP_RATE, method="POST", increment=True):
            form.add_error(None, _("Too many sign-ups from your network just now. Wait a while and try again."))
            status = 429
        elif valid:
            data = form.participant_data()
            try:
                if services.too_busy(by=user, email=data["email"]):
                    raise services.TooBusy
                url = once(request, lambda: _after_signing_up(services.sign_up(
                    programme=found, side=side_value, data=data, by=user)))
            except services.AlreadySignedUp as error:
                field = "email" if data["email"] and error.participant.email == data["email"].lower() else "phone"
                form.add_error(field, _already_signed_up(error, user))
            except services.TooBusy as error:
                form.add_error(None, str(error))
                status = 429
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                return redirect(url)
    else:
        form = SignUpForm(programme=found, side=side_value, user=user)
    call = next(c for c in _calls(found) if c["slug"] == side)
    response = render(request, "matching/sign_up.html", {
        "programme": found, "form": form, "side": side, "side_value": side_value, "call": call,
        "needs_login": needs_login,
        "confirm_by_link": services.needs_confirmation(by=user, email=user.email if user.is_authenticated else ""),
    }, status=status)
    if status == 429:
        response["Retry-After"] = str(RATE_WINDOW)
    return response


def _already_signed_up(error: services.AlreadySignedUp, user) -> str:
    """What the form says to someone already signed up: a logged-in person who is that
    participant gets the link to their own page instead of "look for our message"."""
    if not services.owned_by(error.participant, user):
        return str(error)
    if isinstance(error, services.OnTheOtherSide):
        text = _("You already take part on the other side of this programme, and one person cannot both ask and "
                 "give. To change side, leave the programme on your own page first.")
    else:
        text = _("You have already signed up for this programme.")
    return format_html('{} <a href="{}">{}</a>', text, services.participant_url(error.participant),
                       _("Go to your sign-up"))


def _after_signing_up(participant: Participant) -> str:
    """The participant's own page; or, while the sign-up waits for the link in its message,
    a page that says so (without the link: only the message carries it)."""
    if participant.status == Participant.Status.UNCONFIRMED:
        return reverse("matching:sign_up_sent", args=[participant.programme.slug, SIDE_SLUGS[participant.side]])
    return services.participant_url(participant)


@require_GET
def sign_up_sent(request, slug, side):
    """"Check your e-mail": the same page whether a message went out or was held back."""
    found = _programme(request, slug)
    if side not in SIDES:
        raise Http404
    return render(request, "matching/sign_up_sent.html", {"programme": found})


# ---------------------------------------------------------------- a participant's own pages


def _limited(request, group: str) -> bool:
    return is_ratelimited(request, group=group, key="ip", rate=LINK_RATE, method="POST", increment=True)


def _participant(token: str) -> Participant | None:
    return (Participant.objects.select_related("programme__office", "district", "actor")
            .filter(token=token[:64]).first())


@require_http_methods(["GET", "POST"])
def participant(request, token):
    """The participant's page: status in words, what happens next, their details, leaving."""
    found = _participant(token)
    if found is None:
        return render(request, "matching/participant.html", {"participant": None}, status=404)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST":
        if _limited(request, "matching.participant"):
            return too_many_requests(request, retry_after=RATE_WINDOW)
        if form.is_valid():
            try:
                services.withdraw(participant=found, reason=form.cleaned_data["reason"], by=request.user)
            except ActionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("You have left the programme. Thank you for telling us."))
            return redirect("matching:participant", token=found.token)
    matches = list(Match.objects.filter(**{found.side: found}).select_related("request__district", "offer__district",
                                                                                "offer__actor")
                   .order_by("-created_at")[:10])
    for match in matches:
        match.my_link = services.match_url(match, found.side)
    return render(request, "matching/participant.html", {
        "participant": found, "programme": found.programme, "form": form, "matches": matches,
        "expired": services.expired(found, timezone.now()),
        "kinds": list(found.kinds.all()), "languages": list(found.languages.all()),
        "refuses": list(found.refuses.all()), "interests": list(found.interests.all()),
        "times": _times(found.availability), "details": found.details or {},
        "can_leave": found.status in (Participant.Status.UNCONFIRMED, *Participant.ACTIVE, Participant.Status.PAUSED),
    })


def _times(availability: int) -> list[str]:
    """The times of the week a participant gave, in words ("Tuesday afternoon")."""
    slots = set(Availability.to_slots(availability))
    return [label for code, label in Availability.choices() if code in slots]


@require_POST
def confirm_email(request, token):
    """The button on the participant's page, reached by the link in the message."""
    found = _participant(token)
    if found is None:
        raise Http404
    if _limited(request, "matching.confirm_email"):
        return too_many_requests(request, retry_after=RATE_WINDOW)
    try:
        services.confirm_email(participant=found, by=request.user)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you! Your sign-up is confirmed and you are on the waiting list."))
    return redirect("matching:participant", token=found.token)


def _match(token: str) -> tuple[Match, str] | tuple[None, None]:
    token = token[:64]
    found = (Match.objects.select_related("programme__office", "request__district", "offer__district", "offer__actor",
                                     "request__actor")
             .filter(Q(request_token=token) | Q(offer_token=token)).first())
    if found is None:
        return None, None
    return found, services.side_of(found, token)


def _display_name(person: Participant) -> str:
    """What the other side sees of a name: an association's name, or a person's first name."""
    first = (person.name.split() or [""])[0]
    if person.actor_id and person.programme.kind == Programme.Kind.ASSOCIATION:
        return person.actor.name
    return f"{first} ({person.actor.name})" if person.actor_id else first


@require_http_methods(["GET", "POST"])
def match(request, token):
    """Say yes or no to a match the coordinator proposes; after both said yes, how to reach
    each other. Before that, nothing about the other person but what the match is about."""
    found, side = _match(token)
    if found is None:
        return render(request, "matching/match.html", {"match": None}, status=404)
    form = DeclineForm(request.POST or None)
    if request.method == "POST":
        if _limited(request, "matching.match"):
            return too_many_requests(request, retry_after=RATE_WINDOW)
        answer = request.POST.get("answer")
        try:
            if answer == "yes":
                found = services.confirm_match(match=found, side=side, by=request.user)
                if found.status == Match.Status.ACTIVE:
                    messages.success(request, _("Thank you! You have both said yes. Here is how to reach each other."))
                else:
                    messages.success(request, _("Thank you! We tell you as soon as the other side has answered too."))
                return redirect("matching:match", token=token)
            if answer == "no" and form.is_valid():
                services.decline_match(match=found, side=side, reason=form.cleaned_data["reason"], by=request.user)
                messages.info(request, _("Thank you for answering. You stay on the waiting list, and the coordinator "
                                         "looks for another match."))
                return redirect("matching:match", token=token)
        except ActionError as error:
            messages.error(request, str(error))
            return redirect("matching:match", token=token)
    me = found.request if side == Participant.Side.REQUEST else found.offer
    other = found.offer if side == Participant.Side.REQUEST else found.request
    shared_kinds = set(me.kinds.values_list("pk", flat=True)) & set(other.kinds.values_list("pk", flat=True))
    what = [c for c in me.kinds.all() if c.pk in shared_kinds] or list(me.kinds.all())
    both = found.status in (Match.Status.ACTIVE, Match.Status.ENDED) and found.request_confirmed_at and found.offer_confirmed_at
    return render(request, "matching/match.html", {
        "match": found, "programme": found.programme, "side": side, "me": me, "form": form, "what": what,
        "i_said_yes": bool(getattr(found, f"{side}_confirmed_at")), "both": both,
        "other": other if both else None, "other_name": _display_name(other) if both else "",
        "check_in_url": reverse("matching:check_in", args=[token]),
    })


@require_http_methods(["GET", "POST"])
def check_in(request, token):
    """"How is it going?": a participant of an active match answers, whenever they like."""
    found, side = _match(token)
    if found is None:
        return render(request, "matching/check_in.html", {"match": None}, status=404)
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and found.status == Match.Status.ACTIVE:
        if _limited(request, "matching.check_in"):
            return too_many_requests(request, retry_after=RATE_WINDOW)
        if form.is_valid():
            try:
                services.answer_check_in(check_in=services.check_in_for(found), side=side, by=request.user,
                                         answer=form.cleaned_data["answer"], note=form.cleaned_data["note"])
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you for answering!") + " " + (
                    _("A coordinator will contact you soon.") if form.cleaned_data["answer"] == "problem"
                    else _("We ask again in a while.")))
                return redirect("matching:check_in", token=token)
    return render(request, "matching/check_in.html", {
        "match": found, "programme": found.programme, "form": form, "side": side,
        "match_url": reverse("matching:match", args=[token]),
    })
