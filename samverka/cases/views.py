from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.phone import display_phone
from samverka.core.ratelimit import too_many_requests

from . import selectors, services
from .forms import (
    AnswerForm,
    CaseFilterForm,
    CloseForm,
    ConsentForm,
    HandOverForm,
    LinkCaseForm,
    NoteForm,
    OneWayInForm,
    RegisterCallForm,
    ReplyForm,
    RerouteForm,
)
from .models import Case, CaseEvent, Consent, Link, LinkParty, RoutingRule

PAGE_SIZE = 50
# Sending a message is rare for a person; a robot sends many. Counted per client address.
SUBMIT_RATE = "10/15m"
RETRY_AFTER_SECONDS = 15 * 60
# Writing more in one's own case: a few times a day for a person; the link is the key.
REPLY_RATE = "20/h"
REPLY_RETRY_AFTER_SECONDS = 60 * 60


# ---------------------------------------------------------------- the sender


@require_http_methods(["GET", "POST"])
def new(request):
    user = request.user
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = OneWayInForm(request.POST, user=user)
        if form.is_robot:
            return render(request, "cases/received.html")
        if form.is_valid():
            if is_ratelimited(request, group="cases.submit", key="ip", rate=SUBMIT_RATE, method="POST", increment=True):
                response = render(request, "cases/new.html", {"form": form, "limited": True}, status=429)
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
                return response
            data = form.cleaned_data
            try:
                url = once(request, lambda: services.submit_case(
                    by=user, kind=data["kind"], topic=data["topic"], district=data["district"],
                    message=data["message"], name=data["name"], email=data["email"], phone=data["phone"],
                    to_party=data.get("party"), consent=data.get("consent", False),
                ).get_private_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you! We have received your message. Keep this page's address: "
                                            "here you see what happens to your case."))
                return redirect(url)
    else:
        initial = {}
        if user.is_authenticated:
            initial = {"name": user.get_full_name(), "email": user.email, "phone": display_phone(user.phone)}
        form = OneWayInForm(initial=initial, user=user)
    return render(request, "cases/new.html", {"form": form})


def refused(request, heading: str, lead: str):
    """A work list asked for by someone it is not for: whose it is and who sees it (403)."""
    return render(request, "cases/refused.html", {"heading": heading, "lead": lead}, status=403)


def _sender_case(token):
    """The case whose private link this is, with what the sender may see; None if none."""
    return (Case.objects.select_related("topic", "district", "office", "link", "party__actor", "party__office")
            .prefetch_related(Prefetch("events", queryset=CaseEvent.objects.filter(kind__in=CaseEvent.PUBLIC)
                                       .select_related("party__actor", "party__office"), to_attr="public_events"),
                              Prefetch("consents", queryset=Consent.objects.select_related("party__actor"),
                                       to_attr="all_consents"))
            .filter(token=token[:64]).first())


def _status_page(request, case, *, status=200, reply_form=None, limited=False):
    context = {"case": case, "today": timezone.localdate(), "limited": limited,
               "reply_form": reply_form or (ReplyForm() if case is not None and case.takes_replies else None)}
    response = render(request, "cases/status.html", context, status=status if case else 404)
    # The private link never leaves the site; within it the browser still sends Origin (the
    # reply form's CSRF check needs it: with "no-referrer" a browser sends "Origin: null").
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def status(request, token):
    """The sender's page, reached by the private link: status, deadline and answers, and a
    form to write more. The link is the key. Internal notes and who handles the case are
    never shown here."""
    return _status_page(request, _sender_case(token))


@require_POST
def reply(request, token):
    """The sender writes more in their case, from the page of the private link (which My
    pages links to as well). Whoever has the link may, as whoever has it sees the case."""
    case = _sender_case(token)
    if case is None:
        return _status_page(request, None)
    if done := already_done(request):
        return redirect(done)
    form = ReplyForm(request.POST)
    if form.is_valid():
        if is_ratelimited(request, group="cases.reply", key="ip", rate=REPLY_RATE, method="POST", increment=True):
            response = _status_page(request, case, status=429, reply_form=form, limited=True)
            response["Retry-After"] = str(REPLY_RETRY_AFTER_SECONDS)
            return response
        try:
            url = once(request, lambda: services.add_reply(
                by=request.user, case=case, text=form.cleaned_data["text"]).case.get_private_url())
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you! What you wrote is now in your case, and the office handling it "
                                        "has been told."))
            return redirect(url)
    return _status_page(request, case, status=400, reply_form=form)


@login_required
@require_GET
def mine(request):
    cases = request.user.cases.select_related("topic").order_by("-received_at")[:200]
    return render(request, "cases/mine.html", {"cases": cases, "today": timezone.localdate()})


# ---------------------------------------------------------------- the officials


def _visible(request):
    return Case.objects.visible_to(request.user).select_related("topic", "district", "office", "assigned_to",
                                                                "link", "party__actor", "party__office")


def _get_case(request, reference, perm="cases.handle_case"):
    return get_for_user(_visible(request), request.user, perm=perm, reference=reference)


@login_required
@require_GET
def inbox(request):
    user = request.user
    if not user.has_perm("cases.view_inbox"):
        return refused(request, _("The inbox is for officials"),
                       _("Only officials of the municipality's offices see the cases sent through the one way in."))
    form = CaseFilterForm(request.GET or None, user=user)
    today = timezone.localdate()
    chosen = form.value("status", "open")
    cases, counts = selectors.inbox(_visible(request), user=user, office=form.value("office"),
                                    mine=form.value("mine"), topic=form.value("topic"), chosen=chosen, today=today)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/inbox.html", {
        "form": form, "page": page, "counts": counts, "today": today, "chosen": chosen,
        "show_office": user.has_perm("cases.view_every_office") or len(user.office_ids) > 1,
        # A new installation has no offices, so no routing rules: every message waits here.
        "no_rules": user.has_perm("cases.view_every_office") and not RoutingRule.objects.exists(),
    })


def _case_page(request, case, status=200, **forms):
    events = case.events.select_related("by", "office", "from_office", "party__actor", "party__office",
                                        "from_party__actor", "from_party__office")
    context = {
        "case": case, "events": events, "today": timezone.localdate(),
        "can_handle": request.user.has_perm("cases.handle_case", case),
        "reroute_form": forms.get("reroute_form") or RerouteForm(case=case),
        "note_form": forms.get("note_form") or NoteForm(),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "sender_cases": selectors.sender_cases(case, visible=_visible(request)),
        "hand_over_form": (forms.get("hand_over_form") or HandOverForm(case=case)) if case.link_id else None,
        "consent_form": (forms.get("consent_form") or ConsentForm(case=case)) if case.link_id else None,
        "consents": case.consents.select_related("party__actor", "recorded_by") if case.link_id else (),
    }
    return render(request, "cases/case.html", context, status=status)


@login_required
@require_GET
def case(request, reference):
    return _case_page(request, _get_case(request, reference, perm="cases.view_case"))


@login_required
@require_POST
def assign(request, reference):
    found = _get_case(request, reference)
    try:
        services.assign_case(by=request.user, case=found)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You handle the case now. The sender is promised an answer by the date shown."))
    return redirect(found)


@login_required
@require_POST
def reroute(request, reference):
    found = _get_case(request, reference)
    form = RerouteForm(request.POST, case=found)
    if form.is_valid():
        office = form.cleaned_data["office"]
        try:
            services.reroute_case(by=request.user, case=found, office=office, note=form.cleaned_data["note"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case is with %(office)s now. Its officials get an e-mail; the sender "
                                        "sees that it went to the right office.") % {"office": office.label})
            if Case.objects.visible_to(request.user).filter(pk=found.pk).exists():
                return redirect(found)
            return redirect("cases:inbox")
    return _case_page(request, found, status=400, reroute_form=form)


@login_required
@require_POST
def note(request, reference):
    found = _get_case(request, reference)
    form = NoteForm(request.POST)
    if form.is_valid():
        url = once(request, lambda: services.add_note(by=request.user, case=found, text=form.cleaned_data["text"])
                   .case.get_absolute_url() + "#timeline")
        messages.success(request, _("The note is saved. Only officials see it."))
        return redirect(url)
    return _case_page(request, found, status=400, note_form=form)


@login_required
@require_POST
def answer(request, reference):
    found = _get_case(request, reference)
    if done := already_done(request):
        return redirect(done)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            url = once(request, lambda: services.answer_case(
                by=request.user, case=found, text=form.cleaned_data["text"], close=form.cleaned_data["close"],
            ).case.get_absolute_url() + "#timeline")
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The answer is on its way to the sender."))
            return redirect(url)
    return _case_page(request, found, status=400, answer_form=form)


@login_required
@require_POST
def close(request, reference):
    found = _get_case(request, reference)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_case(by=request.user, case=found, note=form.cleaned_data["note"])
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The case is closed."))
        return redirect(found)
    return _case_page(request, found, status=400, close_form=form)


@login_required
@require_POST
def reopen(request, reference):
    found = _get_case(request, reference)
    try:
        services.reopen_case(by=request.user, case=found)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The case is open again."))
    return redirect(found)


@login_required
@require_POST
def hand_over(request, reference):
    """An official hands a link's case to another party of the link."""
    found = _get_case(request, reference)
    if not found.link_id:
        raise Http404
    form = HandOverForm(request.POST, case=found)
    if form.is_valid():
        try:
            case = services.hand_over(by=request.user, case=found, party=form.cleaned_data["party"],
                                      note=form.cleaned_data["note"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case is with %(party)s now. The deadline stays as it was.")
                             % {"party": case.party.label})
            if Case.objects.visible_to(request.user).filter(pk=found.pk).exists():
                return redirect(found)
            return redirect("cases:inbox")
    return _case_page(request, found, status=400, hand_over_form=form)


@login_required
@require_POST
def record_consent(request, reference):
    """An official records the consent a person gave by phone."""
    found = _get_case(request, reference)
    if not found.link_id:
        raise Http404
    form = ConsentForm(request.POST, case=found)
    if form.is_valid():
        url = once(request, lambda: services.record_consent(
            by=request.user, case=found, party=form.cleaned_data["party"], scope=form.cleaned_data["scope"],
        ).case.get_absolute_url())
        messages.success(request, _("The consent is recorded with the case."))
        return redirect(url)
    return _case_page(request, found, status=400, consent_form=form)


@require_POST
def withdraw_consent(request, token, pk):
    """The person withdraws a consent on their own page (the private link is the key)."""
    case = _sender_case(token)
    if case is None:
        raise Http404
    consent = get_object_or_404(Consent, case=case, pk=pk)
    if is_ratelimited(request, group="cases.consent", key="ip", rate=REPLY_RATE, method="POST", increment=True):
        return too_many_requests(request, retry_after=REPLY_RETRY_AFTER_SECONDS)
    try:
        services.withdraw_consent(by=request.user, consent=consent, through_private_link=True)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your consent is withdrawn. Only the municipality handles your case now."))
    return redirect(case.get_private_url())


# ---------------------------------------------------------------- links across organisations


@require_http_methods(["GET", "POST"])
def link(request, slug):
    """A link's page: who takes part, and a form to contact it."""
    found = get_object_or_404(Link.objects.active().select_related("coordinator_office"), slug=slug)
    parties = (found.parties.active().select_related("actor", "office")
               .order_by("actor__name", "office__name"))
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = LinkCaseForm(request.POST, link=found, user=request.user)
        if form.is_robot:
            return render(request, "cases/received.html")
        if form.is_valid():
            if is_ratelimited(request, group="cases.submit", key="ip", rate=SUBMIT_RATE, method="POST", increment=True):
                response = render(request, "cases/link.html", {"link": found, "parties": parties, "form": form,
                                                               "limited": True}, status=429)
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
                return response
            data = form.cleaned_data
            try:
                url = once(request, lambda: services.submit_case(
                    by=request.user, kind=data["kind"], topic=data["topic"], district=data["district"],
                    message=data["message"], name=data["name"], email=data["email"], phone=data["phone"],
                    link=found, to_party=data["party"], consent=data["consent"]).get_private_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you! We have received your message. Keep this page's address: "
                                            "here you see what happens to your case."))
                return redirect(url)
        status = 400
    else:
        # `?part=` preselects the party the person wants to contact (an organisation's page links so).
        initial = {"party": request.GET.get("part", "")[:12]}
        if request.user.is_authenticated:
            initial.update(name=request.user.get_full_name(), email=request.user.email,
                           phone=display_phone(request.user.phone))
        form = LinkCaseForm(initial=initial, link=found, user=request.user)
        status = 200
    return render(request, "cases/link.html", {"link": found, "parties": parties, "form": form}, status=status)


def _partner_parties(user):
    # What the inbox shows of them (the link's and the actor's names) and their ids.
    return (LinkParty.objects.active().filter(actor__isnull=False, handlers=user).select_related("actor", "link")
            .only("link__name", "link__name_en", "link__name_ar", "actor__name"))


@login_required
@require_GET
def link_inbox(request):
    """A partner organisation's inbox: the cases its party holds, for its named handlers only."""
    parties = list(_partner_parties(request.user))
    if not parties:
        return refused(request, _("The link's inbox is for named handlers"),
                       _("Only the people an organisation has named as handlers in a link across organisations see "
                         "the cases handed to it."))
    today = timezone.localdate()
    chosen = request.GET.get("status") if request.GET.get("status") in ("open", "all") else "open"
    ids, counts = selectors.held_cases(parties, chosen=chosen, today=today)
    paginator = Paginator(ids, PAGE_SIZE)
    paginator.count = counts[chosen]  # counted with the tabs: not counted again
    page = paginator.get_page(request.GET.get("page"))
    # The cases' addresses from one reverse(): a reference needs no quoting.
    case_url = reverse("cases:link_case", args=["-"]).removesuffix("-/")
    page.object_list = selectors.held_rows(page.object_list, today=today, case_url=case_url)
    return render(request, "cases/link_inbox.html", {"parties": parties, "page": page, "counts": counts,
                                                     "today": today, "chosen": chosen})


def _held_case(request, reference):
    held = Case.objects.held_for(request.user).select_related("topic", "district", "link", "party__actor",
                                                              "assigned_to")
    return get_for_user(held, request.user, perm="cases.read_held_case", reference=reference)


def _partner_case_page(request, case, status=200, **forms):
    services.log_partner_read(by=request.user, case=case)
    events = case.events.exclude(kind=CaseEvent.Kind.NOTE).select_related(
        "by", "party__actor", "party__office", "from_party__actor", "from_party__office")
    return render(request, "cases/link_case.html", {
        "case": case, "events": events, "today": timezone.localdate(),
        "notes": case.events.filter(kind=CaseEvent.Kind.NOTE, party=case.party_id).select_related("by"),
        "hand_over_form": forms.get("hand_over_form") or HandOverForm(case=case),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "consents": case.consents.select_related("party__actor"),
    }, status=status)


@login_required
@require_GET
def link_case(request, reference):
    return _partner_case_page(request, _held_case(request, reference))


@login_required
@require_POST
def link_take(request, reference):
    found = _held_case(request, reference)
    try:
        services.assign_case(by=request.user, case=found)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You handle the case now. Call the person back by the date shown."))
    return redirect("cases:link_case", reference)


@login_required
@require_POST
def link_hand_over(request, reference):
    found = _held_case(request, reference)
    form = HandOverForm(request.POST, case=found)
    if form.is_valid():
        try:
            case = services.hand_over(by=request.user, case=found, party=form.cleaned_data["party"],
                                      note=form.cleaned_data["note"])
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case is with %(party)s now. The deadline stays as it was.")
                             % {"party": case.party.label})
            return redirect("cases:link_inbox")
    return _partner_case_page(request, found, status=400, hand_over_form=form)


@login_required
@require_POST
def link_answer(request, reference):
    found = _held_case(request, reference)
    if done := already_done(request):
        return redirect(done)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            url = once(request, lambda: reverse("cases:link_case", args=[services.answer_case(
                by=request.user, case=found, text=form.cleaned_data["text"], close=form.cleaned_data["close"],
            ).case.reference]))
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The answer is on its way to the person."))
            return redirect(url)
    return _partner_case_page(request, found, status=400, answer_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def link_register(request, pk):
    """A handler of a party registers a phone call for the person who called."""
    party = get_object_or_404(LinkParty.objects.select_related("link", "actor", "office"), pk=pk)
    if not request.user.has_perm("cases.register_call", party):
        raise Http404
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = RegisterCallForm(request.POST, party=party)
        if form.is_valid():
            data = form.cleaned_data
            after = reverse("cases:link_inbox" if party.is_partner else "cases:inbox")
            try:
                url = once(request, lambda: services.submit_case(
                    by=request.user, kind=data["kind"], topic=data["topic"], district=data["district"],
                    message=data["message"], name=data["name"], email=data["email"], phone=data["phone"],
                    registered_at=party) and after)
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The call is registered. The person gets the case number and their own "
                                            "link to follow it."))
                return redirect(url)
        status = 400
    else:
        form, status = RegisterCallForm(party=party), 200
    return render(request, "cases/link_register.html", {"party": party, "form": form}, status=status)
