"""Partnership and compact pages: fetch (access helper) → check (rules) → one service → respond."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.actors.models import Actor
from samverka.actors.rules import actor_roles
from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page

from . import selectors, services
from .filters import PartnershipFilter
from .forms import (
    CompactForm,
    ContributionForm,
    DocumentForm,
    GoalForm,
    MilestoneDoneForm,
    MilestoneForm,
    PartnershipForm,
    PartyForm,
    SignForm,
)
from .models import Compact, Partnership, Signature

PAGE_SIZE = 20
CHANGE = "partnerships.change_partnership"


def _get(request, slug, perm=None) -> Partnership:
    return get_for_user(Partnership.objects.visible_to(request.user).select_related("office", "committee"),
                        request.user, perm=perm, slug=slug)


def _problem(form, error: ActionError) -> None:
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))


def _form_page(request, form, *, title, submit, back, partnership=None, lead="", token=False, status=200):
    return render(request, "partnerships/form.html",
                  {"form": form, "title": title, "submit": submit, "back": back, "partnership": partnership,
                   "lead": lead, "token": token}, status=status)


# ---------------------------------------------------------------- public pages


@require_GET
@cache_public_page("partnerships", "actors")
def index(request):
    filterset = PartnershipFilter(request.GET or None, queryset=Partnership.objects.public(), request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.cards(page.object_list)
    template = "partnerships/index.html#results" if request.htmx else "partnerships/index.html"
    return render(request, template, {"filter": filterset, "page": page})


@require_GET
@cache_public_page("partnerships", "actors")
def detail(request, slug):
    partnership = _get(request, slug)
    private = request.user.has_perm("partnerships.view_private", partnership)
    context = {"partnership": partnership, "private": private,
               "can_change": request.user.has_perm(CHANGE, partnership),
               "areas": list(partnership.areas.all()), "districts": list(partnership.districts.all()),
               "sdg_goals": list(partnership.sdg_goals.all()), **selectors.page(partnership, private=private)}
    return render(request, "partnerships/detail.html", context)


@require_GET
def document_file(request, slug, pk):
    """A document, to those who may read it: a public one to anyone who sees the partnership,
    one kept for the parties to the office and the parties (a visitor is asked to log in)."""
    try:
        partnership = _get(request, slug)
    except Http404:
        if request.user.is_authenticated:
            raise
        return redirect_to_login(request.get_full_path())
    document = get_for_user(partnership.documents.all(), request.user, pk=pk)
    if not document.is_public and not request.user.has_perm("partnerships.view_private", partnership):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    from samverka.core.uploads import content_type_of

    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type, extension = content_type_of(document.file.name)
    response = FileResponse(handle, content_type=content_type, as_attachment=True,
                            filename=f"{document.title}.{extension}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def mine(request):
    """The partnerships the person's offices keep or their actors and offices take part in."""
    kept = Partnership.objects.kept_by(request.user).order_by("status", "-starts_on")
    return render(request, "partnerships/mine.html", {"partnerships": selectors.cards(kept[:200]),
                                                      "milestones": selectors.milestones_of(request.user)})


# ---------------------------------------------------------------- partnerships


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not request.user.has_perm("partnerships.add_partnership"):
        raise PermissionDenied
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = PartnershipForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                url = once(request, lambda: services.create_partnership(
                    by=request.user, data=form.partnership_data()).get_absolute_url())
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The partnership is saved. Add its parties, goals and milestones."))
                return redirect(url)
    else:
        form = PartnershipForm(user=request.user, initial={"status": Partnership.Status.DRAFT})
    return render(request, "partnerships/edit.html", {"form": form, "partnership": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    partnership = _get(request, slug, perm=CHANGE)
    if request.method == "POST":
        form = PartnershipForm(request.POST, instance=Partnership.objects.get(pk=partnership.pk), user=request.user)
        if form.is_valid():
            try:
                services.update_partnership(by=request.user, partnership=partnership, data=form.partnership_data())
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect(partnership)
    else:
        form = PartnershipForm(instance=partnership, user=request.user)
    return render(request, "partnerships/edit.html", {"form": form, "partnership": partnership})


# ---------------------------------------------------------------- parts of a partnership


def _add(request, slug, *, form_class, title, submit, lead="", make, form_kwargs=None, done_message):
    """A page that adds one thing to a partnership (a party, a contribution, a goal, a
    milestone, a document), once per submission."""
    partnership = _get(request, slug, perm=CHANGE)
    kwargs = {"partnership": partnership} if form_kwargs == "partnership" else {}
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = form_class(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            try:
                url = once(request, lambda: (make(partnership, form), partnership.get_absolute_url())[1])
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, done_message)
                return redirect(url)
    else:
        form = form_class(**kwargs)
    return _form_page(request, form, title=title, submit=submit, back=partnership.get_absolute_url(),
                      partnership=partnership, lead=lead, token=True)


@login_required
@require_http_methods(["GET", "POST"])
def add_party(request, slug):
    return _add(request, slug, form_class=PartyForm, title=_("Add a party"), submit=_("Add the party"),
                make=lambda p, f: services.add_party(by=request.user, partnership=p, actor=f.cleaned_data["actor"],
                                                     office=f.cleaned_data["office"], role=f.cleaned_data["role"]),
                done_message=_("The party is added. Record what it contributes."))


@login_required
@require_http_methods(["GET", "POST"])
def add_contribution(request, slug):
    return _add(request, slug, form_class=ContributionForm, form_kwargs="partnership",
                title=_("Record a contribution"), submit=_("Record the contribution"),
                lead=_("What one party brings: money, premises, staff hours, volunteers or something else."),
                make=lambda p, f: services.add_contribution(by=request.user, party=f.cleaned_data["party"],
                                                            data=f.contribution_data()),
                done_message=_("The contribution is recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def add_goal(request, slug):
    return _add(request, slug, form_class=GoalForm, title=_("Add a goal"), submit=_("Add the goal"),
                make=lambda p, f: services.add_goal(by=request.user, partnership=p, text=f.cleaned_data["text"],
                                                    measure=f.cleaned_data["measure"]),
                done_message=_("The goal is added."))


@login_required
@require_http_methods(["GET", "POST"])
def add_milestone(request, slug):
    return _add(request, slug, form_class=MilestoneForm, form_kwargs="partnership", title=_("Add a milestone"),
                submit=_("Add the milestone"),
                lead=_("A reminder goes to the office and the parties two weeks before the follow-up date."),
                make=lambda p, f: services.add_milestone(by=request.user, partnership=p, **f.cleaned_data),
                done_message=_("The milestone is added."))


@login_required
@require_http_methods(["GET", "POST"])
def add_document(request, slug):
    return _add(request, slug, form_class=DocumentForm, title=_("Add a document"), submit=_("Add the document"),
                lead=_("A public document can be read by everyone; the others only by the office and the parties."),
                make=lambda p, f: services.add_document(by=request.user, partnership=p, **f.cleaned_data),
                done_message=_("The document is added."))


def _remove(request, slug, pk, *, related, action, done_message):
    partnership = _get(request, slug, perm=CHANGE)
    item = get_for_user(related(partnership), request.user, pk=pk)
    try:
        action(item)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done_message)
    return redirect(partnership)


@login_required
@require_POST
def remove_party(request, slug, pk):
    return _remove(request, slug, pk, related=lambda p: p.parties.all(),
                   action=lambda party: services.remove_party(by=request.user, party=party),
                   done_message=_("The party is removed."))


@login_required
@require_POST
def end_party(request, slug, pk):
    return _remove(request, slug, pk, related=lambda p: p.parties.all(),
                   action=lambda party: services.end_party(by=request.user, party=party),
                   done_message=_("The party's part is ended. What it contributed stays on record."))


@login_required
@require_POST
def remove_contribution(request, slug, pk):
    from .models import Contribution

    return _remove(request, slug, pk, related=lambda p: Contribution.objects.filter(party__partnership=p)
                   .select_related("party__partnership", "party__actor", "party__office"),
                   action=lambda item: services.remove_contribution(by=request.user, contribution=item),
                   done_message=_("The contribution is removed."))


@login_required
@require_POST
def remove_goal(request, slug, pk):
    return _remove(request, slug, pk, related=lambda p: p.goals.select_related("partnership"),
                   action=lambda goal: services.remove_goal(by=request.user, goal=goal),
                   done_message=_("The goal is removed."))


@login_required
@require_POST
def remove_milestone(request, slug, pk):
    return _remove(request, slug, pk, related=lambda p: p.milestones.select_related("partnership"),
                   action=lambda item: services.remove_milestone(by=request.user, milestone=item),
                   done_message=_("The milestone is removed."))


@login_required
@require_POST
def remove_document(request, slug, pk):
    return _remove(request, slug, pk, related=lambda p: p.documents.select_related("partnership"),
                   action=lambda item: services.remove_document(by=request.user, document=item),
                   done_message=_("The document is removed."))


@login_required
@require_http_methods(["GET", "POST"])
def edit_milestone(request, slug, pk):
    partnership = _get(request, slug, perm=CHANGE)
    milestone = get_for_user(partnership.milestones.all(), request.user, pk=pk)
    if request.method == "POST":
        form = MilestoneForm(request.POST, instance=partnership.milestones.get(pk=pk), partnership=partnership)
        if form.is_valid():
            try:
                services.update_milestone(by=request.user, milestone=milestone, **form.cleaned_data)
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect(partnership)
    else:
        form = MilestoneForm(instance=milestone, partnership=partnership)
    return _form_page(request, form, title=_("Change the milestone"), submit=_("Save the changes"),
                      back=partnership.get_absolute_url(), partnership=partnership)


@login_required
@require_http_methods(["GET", "POST"])
def report_milestone(request, slug, pk):
    partnership = _get(request, slug)
    milestone = get_for_user(partnership.milestones.select_related("partnership"), request.user,
                             perm="partnerships.report_milestone", pk=pk)
    if milestone.is_done:
        messages.info(request, _("This milestone is already reported done."))
        return redirect(partnership)
    if request.method == "POST":
        form = MilestoneDoneForm(request.POST)
        if form.is_valid():
            try:
                services.report_milestone(by=request.user, milestone=milestone, note=form.cleaned_data["note"],
                                          done_on=form.cleaned_data["done_on"])
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("Thank you! The milestone is reported done."))
                return redirect(partnership)
    else:
        form = MilestoneDoneForm()
    return _form_page(request, form, title=_("Report “%(title)s” done") % {"title": milestone.title},
                      submit=_("Report it done"), back=partnership.get_absolute_url(), partnership=partnership)


# ---------------------------------------------------------------- local compacts


def _get_compact(request, slug, perm=None) -> Compact:
    return get_for_user(Compact.objects.select_related("office", "committee"), request.user, perm=perm, slug=slug)


@require_GET
@cache_public_page("partnerships")
def compacts(request):
    return render(request, "partnerships/compacts.html", {"compacts": selectors.compacts()})


def _my_actors(user):
    if not user.is_authenticated:
        return Actor.objects.none()
    return Actor.objects.filter(pk__in=list(actor_roles(user))).order_by("sort_name")


@require_GET
@cache_public_page("partnerships", "actors")
def compact(request, slug):
    item = _get_compact(request, slug)
    signatures = selectors.signatures(item)
    signed = {s.actor_id for s in signatures}
    mine = [a for a in _my_actors(request.user) if a.pk not in signed]
    my_signatures = [s for s in signatures if s.actor_id in actor_roles(request.user)]
    form = SignForm(actors=_my_actors(request.user).exclude(pk__in=signed)) if mine else None
    return render(request, "partnerships/compact.html",
                  {"compact": item, "signatures": signatures, "form": form, "my_signatures": my_signatures,
                   "can_change": request.user.has_perm("partnerships.change_compact", item)})


@login_required
@require_POST
def sign(request, slug):
    item = _get_compact(request, slug)
    if done := already_done(request):
        return redirect(done)
    form = SignForm(request.POST, actors=_my_actors(request.user))
    if not form.is_valid():
        if not _my_actors(request.user).exists():
            raise PermissionDenied
        messages.error(request, _("Choose the association you sign for."))
        return redirect(item)
    try:
        url = once(request, lambda: (services.sign_compact(by=request.user, compact=item,
                                                           actor=form.cleaned_data["actor"]),
                                     item.get_absolute_url())[1])
    except ActionError as error:
        messages.error(request, str(error))
        return redirect(item)
    messages.success(request, _("Thank you! %(name)s has signed the local compact.")
                     % {"name": form.cleaned_data["actor"].name})
    return redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, slug, pk):
    """GET asks "Withdraw the signature of X?"; the page's button (POST) withdraws it."""
    item = _get_compact(request, slug)
    signature = get_for_user(Signature.objects.filter(compact=item).select_related("actor", "compact"),
                             request.user, pk=pk)
    if not request.user.has_perm("partnerships.sign_compact", signature.actor):
        raise PermissionDenied
    if request.method == "GET":
        return render(request, "partnerships/withdraw.html", {"compact": item, "signature": signature})
    services.withdraw_signature(by=request.user, signature=signature)
    messages.success(request, _("The signature is withdrawn."))
    return redirect(item)


@login_required
@require_http_methods(["GET", "POST"])
def create_compact(request):
    if not request.user.office_ids and not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = CompactForm(request.POST, user=request.user)
        if form.is_valid():
            url = once(request, lambda: services.create_compact(by=request.user, data=form.cleaned_data)
                       .get_absolute_url())
            messages.success(request, _("The local compact is saved."))
            return redirect(url)
    else:
        form = CompactForm(user=request.user)
    return _form_page(request, form, title=_("New local compact"), submit=_("Save the local compact"),
                      back=reverse_compacts(), token=True)


@login_required
@require_http_methods(["GET", "POST"])
def edit_compact(request, slug):
    item = _get_compact(request, slug, perm="partnerships.change_compact")
    if request.method == "POST":
        form = CompactForm(request.POST, instance=Compact.objects.get(pk=item.pk), user=request.user)
        if form.is_valid():
            services.update_compact(by=request.user, compact=item, data=form.cleaned_data)
            messages.success(request, _("The changes are saved."))
            return redirect(item)
    else:
        form = CompactForm(instance=item, user=request.user)
    return _form_page(request, form, title=_("Change the local compact"), submit=_("Save the changes"),
                      back=item.get_absolute_url())


def reverse_compacts() -> str:
    from django.urls import reverse

    return reverse("partnerships:compacts")
