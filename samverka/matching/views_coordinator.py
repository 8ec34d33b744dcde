"""The coordinator's pages of a programme: the dashboard (run, counts, the waiting list,
matches to follow), the review of proposals (accept, reject, swap, keep), a match, a
participant (each view recorded), the waiting list and the settings. Every page answers
404 to whoever neither coordinates the programme nor configures it; a participant, proposal
or match answers 404 to whoever does not coordinate the programme (as another programme's
would); a page of the programme itself answers 403 to one who only configures it where
coordinating is needed. The dashboard's figures and the settings are for both."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError

from . import selectors, services
from .forms_coordinator import CheckInForm, CoordinatorForm, EndForm, PauseForm, RulesForm
from .models import Match, Participant, Programme
from .rules import coordinated_ids

COORDINATE = "matching.coordinate_programme"


def _programme(request, slug: str, perm: str = COORDINATE) -> Programme:
    """The programme if the user coordinates it, works in its office or administers (else
    404), and has `perm` on it (else 403)."""
    user = request.user
    programmes = Programme.objects.select_related("office")
    if not (user.is_active and user.is_superuser):
        programmes = programmes.filter(Q(pk__in=coordinated_ids(user)) | Q(office_id__in=user.office_ids))
    return get_for_user(programmes, user, perm=perm, slug=slug)


def _coordinated(request, programme: Programme, queryset):
    """`queryset` (the programme's participants, proposals or matches) as far as the user may
    see it: all of it for whoever coordinates the programme, nothing for the others (404,
    the same answer as for another programme's objects)."""
    return queryset if request.user.has_perm(COORDINATE, programme) else queryset.none()


def _dashboard_url(programme: Programme) -> str:
    return reverse("matching:coordinate", args=[programme.slug])


def _review_url(programme: Programme, page: str | None = None) -> str:
    url = reverse("matching:review", args=[programme.slug])
    return f"{url}?page={page}" if page and page.isdigit() else url


@login_required
@require_GET
def dashboard(request, slug):
    """Coordinators see everything; the owning office's officials (who configure the
    programme) see its figures, without names."""
    programme = _programme(request, slug, perm="matching.view_programme")
    may_coordinate = request.user.has_perm(COORDINATE, programme)
    return render(request, "matching/coordinate/dashboard.html", {
        "programme": programme, "may_coordinate": may_coordinate,
        **selectors.dashboard(programme, people=may_coordinate)})


@login_required
@require_POST
def run(request, slug):
    programme = _programme(request, slug)
    try:
        done = services.run_programme(programme=programme, by=request.user)
    except ActionError as error:
        messages.error(request, str(error))
        return redirect(_dashboard_url(programme))
    if done.status == done.Status.DONE:
        messages.success(request, _("The run is done: %(matched)s proposals, %(unmatched)s still without a match. "
                                    "Look through the proposals and decide on each.") % {
            "matched": done.matched, "unmatched": done.unmatched})
        return redirect(_review_url(programme))
    if done.status == done.Status.FAILED:
        messages.error(request, _("The run failed and changed nothing. Try again; if it fails again, "
                                  "tell the administrator."))
    else:
        messages.info(request, _("The run has started. It takes a minute or two for a large programme; "
                                 "reload this page to see the proposals."))
    return redirect(_dashboard_url(programme))


@login_required
@require_GET
def review(request, slug):
    programme = _programme(request, slug)
    page = selectors.open_proposals(programme, page=request.GET.get("page"))
    # Participants' addresses: one prefix for the page's many links.
    people_url = reverse("matching:coordinate_participant", args=[programme.slug, 0]).removesuffix("0/")
    # Where each card's forms go: one prefix, and the proposal's id (not an address looked up for every card).
    decide_prefix = reverse("matching:decide", args=[programme.slug, 0]).removesuffix("0/")
    for row in page.object_list:
        row.decide_url = f"{decide_prefix}{row.proposal.pk}/"
    return render(request, "matching/coordinate/review.html",
                  {"programme": programme, "page": page, "run": selectors.last_run(programme), "people_url": people_url})


@login_required
@require_POST
def decide(request, slug, pk):
    programme = _programme(request, slug, perm=None)
    proposal = get_for_user(_coordinated(request, programme, programme.proposals.select_related(
        "programme", "request", "offer")), request.user, pk=pk)
    action = request.POST.get("action", "")
    back = _review_url(programme, request.POST.get("page"))
    try:
        if action == "accept":
            match = services.accept(proposal=proposal, by=request.user)
            messages.success(request, _("Accepted. %(request)s and %(offer)s are asked to confirm; you see their "
                                        "answers on the match's page.") % {"request": match.request.name,
                                                                          "offer": match.offer.name})
        elif action == "reject":
            services.reject(proposal=proposal, by=request.user)
            messages.success(request, _("Rejected. %(name)s waits for the next run.") % {"name": proposal.request.name})
        elif action == "swap":
            try:
                offer_id = int(request.POST.get("offer", ""))
            except ValueError:
                raise ActionError(_("Choose one of the alternatives shown.")) from None
            new = services.swap(proposal=proposal, offer_id=offer_id, by=request.user)
            messages.success(request, _("%(request)s is now proposed with %(offer)s. Accept it when you are sure.") % {
                "request": new.request.name, "offer": new.offer.name})
        elif action == "price":
            services.price_alternatives(proposal=proposal, by=request.user)
            messages.success(request, _("What each alternative for %(name)s costs the others is shown below.") % {
                "name": proposal.request.name})
            return redirect(f"{back}{'&' if '?' in back else '?'}open={proposal.pk}#proposal-{proposal.pk}")
        elif action in ("lock", "unlock"):
            services.set_locked(proposal=proposal, locked=action == "lock", by=request.user)
            messages.success(request, _("The next run keeps this pair.") if action == "lock"
                             else _("The next run decides on this pair again."))
        else:
            raise ActionError(_("Choose what to do with the proposal."))
    except ActionError as error:
        messages.error(request, str(error))
    return redirect(f"{back}#proposals")


@login_required
@require_GET
def waiting(request, slug):
    programme = _programme(request, slug)
    page = selectors.waiting_list(programme, page=request.GET.get("page") or 1)
    return render(request, "matching/coordinate/waiting.html",
                  {"programme": programme, "page": page, "run": selectors.last_done_run(programme)})


def _match(request, programme, pk) -> Match:
    return get_for_user(_coordinated(request, programme, programme.matches.select_related(
        "request__district", "offer__district", "proposal", "created_by")), request.user, pk=pk)


def _render_match(request, programme, match, *, end_form=None, check_in_form=None, status=200):
    return render(request, "matching/coordinate/match.html", {
        "programme": programme, "match": match, **selectors.match_detail(match),
        "end_form": end_form or EndForm(), "check_in_form": check_in_form or CheckInForm(),
    }, status=status)


@login_required
@require_GET
def match_page(request, slug, pk):
    programme = _programme(request, slug, perm=None)
    return _render_match(request, programme, _match(request, programme, pk))


@login_required
@require_POST
def end_match(request, slug, pk):
    programme = _programme(request, slug, perm=None)
    match = _match(request, programme, pk)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.end_match(match=match, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
                               by=request.user)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The match is ended. Those who asked are back on the waiting list, "
                                        "unless they got what they asked for."))
            return redirect("matching:coordinate_match", programme.slug, match.pk)
    return _render_match(request, programme, match, end_form=form, status=400)


@login_required
@require_POST
def check_in(request, slug, pk):
    programme = _programme(request, slug, perm=None)
    match = _match(request, programme, pk)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            services.record_check_in(match=match, answer=form.cleaned_data["answer"], note=form.cleaned_data["note"],
                                     by=request.user)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The follow-up is noted. The next one is planned."))
            return redirect("matching:coordinate_match", programme.slug, match.pk)
    return _render_match(request, programme, match, check_in_form=form, status=400)


def _participant(request, programme, pk) -> Participant:
    return get_for_user(_coordinated(request, programme, programme.participants.select_related(
        "district", "volunteer", "actor")), request.user, perm="matching.view_participant", pk=pk)


@login_required
@require_GET
def participant(request, slug, pk):
    programme = _programme(request, slug, perm=None)
    person = _participant(request, programme, pk)
    services.record_view(by=request.user, participant=person)
    return render(request, "matching/coordinate/participant.html", {
        "programme": programme, "person": person, "pause_form": PauseForm(), **selectors.participant_detail(person),
        "kinds": list(person.kinds.all()), "refuses": list(person.refuses.all()),
        "interests": list(person.interests.all()), "languages": list(person.languages.all()),
    })


@login_required
@require_POST
def pause(request, slug, pk):
    programme = _programme(request, slug, perm=None)
    person = _participant(request, programme, pk)
    form = PauseForm(request.POST)
    try:
        if request.POST.get("action") == "resume":
            services.resume_participant(participant=person, by=request.user)
            messages.success(request, _("%(name)s takes part again and waits for the next run.") % {"name": person.name})
        else:
            note = form.cleaned_data["note"] if form.is_valid() else ""
            services.pause_participant(participant=person, by=request.user, note=note)
            messages.success(request, _("%(name)s is paused. Their current matches are ended and those they were "
                                        "matched with are back on the waiting list.") % {"name": person.name})
    except ActionError as error:
        messages.error(request, str(error))
    return redirect("matching:coordinate_participant", programme.slug, person.pk)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request, slug):
    """Coordinators tune the rules and weights; the owning office's officials (and
    administrators) appoint coordinators."""
    programme = _programme(request, slug, perm=None)
    may_tune = request.user.has_perm(COORDINATE, programme)
    may_change = request.user.has_perm("matching.change_programme", programme)
    if not (may_tune or may_change) or (request.method == "POST" and not may_tune):
        raise PermissionDenied
    form = RulesForm(instance=programme) if may_tune else None
    if request.method == "POST":
        form = RulesForm(request.POST, instance=Programme.objects.get(pk=programme.pk))
        if form.is_valid():
            services.update_programme_rules(programme=programme, data=form.rules_data(), by=request.user)
            messages.success(request, _("The rules are saved. The next run uses them."))
            return redirect("matching:settings", programme.slug)
    return render(request, "matching/coordinate/settings.html", {
        "programme": programme, "form": form, "coordinator_form": CoordinatorForm(),
        "coordinators": list(programme.coordinator_roles.select_related("user").order_by("user__first_name")),
        "may_change": may_change,
    }, status=400 if form is not None and form.errors else 200)


@login_required
@require_POST
def add_coordinator(request, slug):
    programme = _programme(request, slug, perm="matching.change_programme")
    form = CoordinatorForm(request.POST)
    if form.is_valid():
        try:
            services.add_coordinator(programme=programme, user=form.user, by=request.user)
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s now coordinates the programme.") % {"name": form.user.display_name})
    else:
        messages.error(request, " ".join(form.errors.get("email", [])))
    return redirect("matching:settings", programme.slug)


