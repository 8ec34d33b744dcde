"""The link coordinator's pages: the links they coordinate, a link's work list (open cases
held by a party that has left, late cases, cases nobody has taken) with a hand-over for each,
and the link's set-up (parties joining and leaving, each organisation's named handlers, the
topics and the routing rules). The coordinator is whoever the link names among its
coordinators, or an official of its coordinating office (`rules.coordinates_link`); anyone
else gets 404 for a link's pages, as for a link that does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samverka.accounts.models import User
from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once

from . import selectors, services
from .forms import (
    AddPartyForm,
    ConsentForm,
    HandlerForm,
    HandOverForm,
    LeaveForm,
    LinkRuleForm,
    RemoveRuleForm,
    TopicsForm,
)
from .models import Link, LinkParty
from .views import refused

COORDINATE = "cases.coordinate_link"
# Two forms on one case page name a party: each its own ids.
HAND_OVER_IDS, CONSENT_IDS = "id_handover_%s", "id_consent_%s"


def _link(request, slug: str) -> Link:
    """The link if the user coordinates it (else 404)."""
    links = Link.objects.coordinated_by(request.user).select_related("coordinator_office")
    return get_for_user(links, request.user, perm=COORDINATE, slug=slug)


def _setup_url(link: Link) -> str:
    return reverse("cases:link_setup", args=[link.slug])


# ---------------------------------------------------------------- the work list


@login_required
@require_GET
def coordinated(request):
    """The links the user coordinates, with what waits in each."""
    links = selectors.coordinated_links(request.user, today=timezone.localdate())
    if not links and not request.user.is_superuser:  # the administrator coordinates every link there is
        return refused(request, _("These pages are for a link's coordinators"),
                       _("Only the coordinators a link across organisations names, and the officials of its "
                         "coordinating office, see its work list and set it up."))
    return render(request, "cases/coordinated.html", {"links": links})


@login_required
@require_GET
def coordinate(request, slug):
    """A link's work list: what the coordinator must see to, the earliest deadline first."""
    link = _link(request, slug)
    today = timezone.localdate()
    return render(request, "cases/coordinate.html", {"link": link, "today": today,
                                                     **selectors.coordinator_work(link, today=today)})


def _case(request, link: Link, reference: str):
    cases = link.cases.select_related("topic", "district", "office", "assigned_to", "link", "party__actor",
                                      "party__office")
    return get_for_user(cases, request.user, perm=COORDINATE, reference=reference)


def _case_page(request, link, case, status=200, **forms):
    events = case.events.select_related("by", "office", "from_office", "party__actor", "party__office",
                                        "from_party__actor", "from_party__office")
    return render(request, "cases/coordinate_case.html", {
        "link": link, "case": case, "events": events, "today": timezone.localdate(),
        "hand_over_form": forms.get("hand_over_form") or HandOverForm(case=case, auto_id=HAND_OVER_IDS),
        "consent_form": forms.get("consent_form") or ConsentForm(case=case, auto_id=CONSENT_IDS),
        "consents": case.consents.select_related("party__actor", "recorded_by"),
    }, status=status)


@login_required
@require_GET
def coordinate_case(request, slug, reference):
    """One case of the link as the coordinator sees it, with the hand-over."""
    link = _link(request, slug)
    return _case_page(request, link, _case(request, link, reference))


@login_required
@require_POST
def coordinate_hand_over(request, slug, reference):
    """The coordinator hands a case to a party with a note; the deadline stays."""
    link = _link(request, slug)
    found = _case(request, link, reference)
    if done := already_done(request):
        return redirect(done)
    form = HandOverForm(request.POST, case=found, auto_id=HAND_OVER_IDS)
    if form.is_valid():
        party = form.cleaned_data["party"]
        try:
            url = once(request, lambda: services.hand_over(
                by=request.user, case=found, party=party, note=form.cleaned_data["note"]) and
                reverse("cases:coordinate", args=[link.slug]))
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            found.refresh_from_db(fields=["party"])
            messages.success(request, _("Case %(reference)s is with %(party)s now. The deadline stays as it was.")
                             % {"reference": found.reference, "party": found.party.label})
            return redirect(url)
    return _case_page(request, link, found, status=400, hand_over_form=form)


@login_required
@require_POST
def coordinate_consent(request, slug, reference):
    """The coordinator records the consent the person gave by phone."""
    link = _link(request, slug)
    found = _case(request, link, reference)
    form = ConsentForm(request.POST, case=found, auto_id=CONSENT_IDS)
    if form.is_valid():
        once(request, lambda: services.record_consent(
            by=request.user, case=found, party=form.cleaned_data["party"], scope=form.cleaned_data["scope"],
        ) and reverse("cases:coordinate_case", args=[link.slug, found.reference]))
        messages.success(request, _("The consent is recorded with the case."))
        return redirect("cases:coordinate_case", link.slug, found.reference)
    return _case_page(request, link, found, status=400, consent_form=form)


# ---------------------------------------------------------------- the set-up


def _setup_page(request, link: Link, status=200, **forms):
    today = timezone.localdate()
    parties = list(link.parties.select_related("actor", "office")
                   .prefetch_related(Prefetch("handlers", queryset=User.objects.order_by("first_name", "pk")))
                   .order_by("left_at", "office__name", "actor__name", "pk"))
    bound_handler = forms.get("handler_form")
    rows = []
    for party in parties:
        active = party.is_active(today)
        handler_form = None
        if active and party.is_partner:
            handler_form = bound_handler if bound_handler is not None and bound_handler.party.pk == party.pk \
                else HandlerForm(party=party)
        rows.append({"party": party, "active": active, "handler_form": handler_form,
                     "is_coordinator": party.office_id == link.coordinator_office_id})
    return render(request, "cases/link_setup.html", {
        "link": link, "rows": rows, "today": today,
        "rules": link.rules.select_related("topic", "district", "party__actor", "party__office")
                     .order_by("topic__position", "topic__name", "district__position", "pk"),
        "add_party_form": forms.get("add_party_form") or AddPartyForm(link=link),
        "topics_form": forms.get("topics_form") or TopicsForm(initial={"topics": link.topics.all()}),
        "rule_form": forms.get("rule_form") or LinkRuleForm(link=link),
    }, status=status)


def _done(request, link: Link, text: str, anchor: str = ""):
    messages.success(request, text)
    return redirect(_setup_url(link) + anchor)


@login_required
@require_GET
def setup(request, slug):
    """The link's parties, their named handlers, its topics and its routing rules."""
    return _setup_page(request, _link(request, slug))


@login_required
@require_POST
def add_party(request, slug):
    link = _link(request, slug)
    form = AddPartyForm(request.POST, link=link)
    if form.is_valid():
        try:
            party = services.add_link_party(by=request.user, link=link, office=form.cleaned_data["office"],
                                            actor=form.cleaned_data["actor"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, link, _("%(party)s takes part in the link from today.") % {"party": party.label},
                         "#parties")
    return _setup_page(request, link, status=400, add_party_form=form)


@login_required
@require_POST
def leave(request, slug):
    link = _link(request, slug)
    form = LeaveForm(request.POST, link=link)
    if form.is_valid():
        party = form.cleaned_data["party"]
        try:
            moved = services.leave_link(by=request.user, party=party)
        except ActionError as error:
            messages.error(request, str(error))
            return redirect(_setup_url(link) + "#parties")
        return _done(request, link, _("%(party)s has left the link. Its open cases (%(count)d) are with you now; "
                                      "their deadlines stay.") % {"party": party.label, "count": moved}, "#parties")
    # A party that left a moment ago (a second click) or is no party of this link.
    messages.error(request, " ".join(form.errors.get("party", [])))
    return redirect(_setup_url(link) + "#parties")


def _partner(request, link: Link) -> LinkParty:
    """The organisation's party named in the form (404 if it is none of this link's)."""
    return get_for_user(link.parties.filter(actor__isnull=False).select_related("actor"), request.user,
                        pk=request.POST.get("party", ""))


@login_required
@require_POST
def add_handler(request, slug):
    link = _link(request, slug)
    party = _partner(request, link)
    form = HandlerForm(request.POST, party=party)
    if form.is_valid():
        user = form.cleaned_data["user"]
        try:
            services.add_party_handler(by=request.user, party=party, user=user)
        except ActionError as error:
            form.add_error("user", str(error))
        else:
            return _done(request, link, _("%(name)s sees the cases %(party)s holds in the link now.")
                         % {"name": user.display_name, "party": party.label}, f"#party-{party.pk}")
    return _setup_page(request, link, status=400, handler_form=form)


@login_required
@require_POST
def remove_handler(request, slug):
    link = _link(request, slug)
    party = _partner(request, link)
    user = get_for_user(party.handlers.all(), request.user, pk=request.POST.get("user", ""))
    try:
        services.remove_party_handler(by=request.user, party=party, user=user)
    except ActionError as error:
        messages.error(request, str(error))
        return redirect(_setup_url(link) + f"#party-{party.pk}")
    return _done(request, link, _("%(name)s no longer sees the cases of %(party)s.")
                 % {"name": user.display_name, "party": party.label}, f"#party-{party.pk}")


@login_required
@require_POST
def topics(request, slug):
    link = _link(request, slug)
    form = TopicsForm(request.POST)
    if form.is_valid():
        try:
            services.set_link_topics(by=request.user, link=link, topics=form.cleaned_data["topics"])
        except ActionError as error:
            form.add_error("topics", str(error))
        else:
            return _done(request, link, _("The link's topics are saved."), "#topics")
    return _setup_page(request, link, status=400, topics_form=form)


@login_required
@require_POST
def add_rule(request, slug):
    link = _link(request, slug)
    form = LinkRuleForm(request.POST, link=link)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_link_rule(by=request.user, link=link, topic=data["topic"], district=data["district"],
                                   party=data["party"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, link, _("The rule is saved. New cases follow it."), "#rules")
    return _setup_page(request, link, status=400, rule_form=form)


@login_required
@require_POST
def remove_rule(request, slug):
    link = _link(request, slug)
    form = RemoveRuleForm(request.POST, link=link)
    if form.is_valid():
        services.remove_link_rule(by=request.user, rule=form.cleaned_data["rule"])
        return _done(request, link, _("The rule is removed. Cases it took go to the coordinator, unless another "
                                      "rule matches."), "#rules")
    messages.error(request, " ".join(form.errors.get("rule", [])))
    return redirect(_setup_url(link) + "#rules")

