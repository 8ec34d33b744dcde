import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.models import AuditEvent
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page
from samverka.core.text import spreadsheet_safe

from . import services
from .filters import ActorFilter
from .forms import ActorForm, InvitationForm, RoleForm
from .models import Actor, ActorMembership, Invitation
from .opendata import PUBLIC_FIELDS, public_rows
from .selectors import cards, facts

PAGE_SIZE = 20


@require_GET
@cache_public_page("actors")
def directory(request):
    filterset = ActorFilter(request.GET, queryset=Actor.objects.visible_to(request.user).for_cards(), request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, "actors": cards(page.object_list), "query": request.GET.urlencode()}
    template = "actors/directory.html#results" if request.htmx else "actors/directory.html"
    return render(request, template, context)


def _get_actor(request, slug, perm=None):
    return get_for_user(Actor.objects.visible_to(request.user), request.user, perm=perm, slug=slug)


@require_GET
# partnerships and networks: the portal's context processor adds what the actor takes part in.
@cache_public_page("actors", "activities", "partnerships", "networks", "cases")
def detail(request, slug):
    # Through the access helper, as every object page (404 if not visible to this user).
    actor = get_for_user(Actor.objects.visible_to(request.user).for_page(), request.user, slug=slug)
    return render(request, "actors/detail.html", {"actor": actor, "facts": facts(actor)})


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = ActorForm(request.POST)
        if form.is_valid():
            url = once(request, lambda: services.create_actor(by=request.user, data=form.cleaned_data).get_absolute_url())
            messages.success(request, _("Your actor is in the register. Check the page and invite others who should help keep it up to date."))
            return redirect(url)
    else:
        form = ActorForm()
    return render(request, "actors/form.html", {"form": form, "actor": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    actor = _get_actor(request, slug, perm="actors.change_actor")
    if request.method == "POST":
        form = ActorForm(request.POST, instance=Actor.objects.get(pk=actor.pk))
        if form.is_valid():
            services.update_actor(by=request.user, actor=actor, data=form.cleaned_data)
            messages.success(request, _("The changes are saved and shown on the public page."))
            return redirect(actor)
    else:
        form = ActorForm(instance=actor)
    return render(request, "actors/form.html", {"form": form, "actor": actor})


@login_required
@require_POST
def confirm(request, slug):
    actor = _get_actor(request, slug, perm="actors.change_actor")
    services.confirm_details(by=request.user, actor=actor)
    messages.success(request, _("Thank you! The details are confirmed as up to date."))
    return redirect(actor)


@login_required
@require_POST
def archive(request, slug):
    actor = _get_actor(request, slug, perm="actors.archive_actor")
    status = Actor.Status.ARCHIVED if request.POST.get("archive") == "1" else Actor.Status.ACTIVE
    services.set_status(by=request.user, actor=actor, status=status)
    messages.success(request, _("The actor is archived and no longer listed.") if status == Actor.Status.ARCHIVED
                     else _("The actor is listed in the directory again."))
    return redirect(actor)


@login_required
@require_POST
def verify(request, slug):
    actor = _get_actor(request, slug, perm="actors.verify_actor")
    verified = request.POST.get("verified", "1") == "1"
    try:
        services.verify_actor(by=request.user, actor=actor, verified=verified)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The association is marked as verified.") if verified
                         else _("The verified mark is removed."))
    return redirect(actor)


@login_required
@require_POST
def request_update(request, slug):
    actor = _get_actor(request, slug, perm="actors.request_update")
    services.request_annual_update(by=request.user, actors=[actor])
    messages.success(request, _("The representatives will get an e-mail asking them to check the details."))
    return redirect(actor)


@login_required
@require_GET
def history(request, slug):
    actor = _get_actor(request, slug, perm="actors.view_history")
    events = AuditEvent.objects.for_object(actor)[:200]
    return render(request, "actors/history.html", {"actor": actor, "events": events})


@login_required
@require_http_methods(["GET", "POST"])
def people(request, slug):
    actor = _get_actor(request, slug, perm="actors.manage_people")
    form = InvitationForm()
    if request.method == "POST":
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation = services.invite_representative(
                    by=request.user, actor=actor, email=form.cleaned_data["email"], role=form.cleaned_data["role"])
            except ActionError as error:
                form.add_error("email", str(error))
            else:
                messages.success(request, _("An invitation is on its way to %(email)s. It is valid for 14 days.")
                                 % {"email": invitation.email})
                return redirect("actors:people", slug=actor.slug)
    memberships = actor.memberships.select_related("user")
    invitations = actor.invitations.pending()
    return render(request, "actors/people.html", {
        "actor": actor, "form": form, "memberships": memberships, "invitations": invitations,
        "roles": ActorMembership.Role.choices,
    })


def _get_membership(request, slug, pk):
    actor = _get_actor(request, slug, perm="actors.manage_people")
    return get_for_user(actor.memberships.select_related("user", "actor"), request.user, pk=pk)


@login_required
@require_POST
def change_role(request, slug, pk):
    membership = _get_membership(request, slug, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_role(by=request.user, membership=membership, role=form.cleaned_data["role"])
            messages.success(request, _("The role is changed."))
        except ActionError as error:
            messages.error(request, str(error))
    return redirect("actors:people", slug=slug)


@login_required
@require_POST
def remove_person(request, slug, pk):
    membership = _get_membership(request, slug, pk)
    try:
        services.remove_representative(by=request.user, membership=membership)
        messages.success(request, _("%(name)s is no longer a representative.") % {"name": membership.user.display_name})
    except ActionError as error:
        messages.error(request, str(error))
    if membership.user_id == request.user.pk:
        return redirect("accounts:dashboard")
    return redirect("actors:people", slug=slug)


@login_required
@require_POST
def revoke_invitation(request, slug, pk):
    actor = _get_actor(request, slug, perm="actors.manage_people")
    invitation = get_for_user(actor.invitations.pending(), request.user, pk=pk)
    services.revoke_invitation(by=request.user, invitation=invitation)
    messages.success(request, _("The invitation is withdrawn."))
    return redirect("actors:people", slug=slug)


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The link in an invitation e-mail. Anyone with the link sees whom it is from; to
    accept, one logs in or signs up first."""
    invite = Invitation.objects.select_related("actor", "invited_by").filter(token=token[:64]).first()
    if request.method == "POST" and invite and request.user.is_authenticated:
        try:
            membership = services.accept_invitation(by=request.user, token=invite.token)
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Welcome! You now help keep %(actor)s's page up to date.")
                             % {"actor": membership.actor.name})
            return redirect(membership.actor)
    if request.method == "POST" and not request.user.is_authenticated:
        raise PermissionDenied
    return render(request, "actors/invitation.html", {"invitation": invite}, status=200 if invite else 404)


def _export_queryset(request):
    return ActorFilter(request.GET, queryset=Actor.objects.published().prefetch_related(
        Prefetch("areas"), "target_groups", "districts", "languages", "sdg_goals"), request=request).qs


@require_GET
def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="aktorer.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with the byte-order mark
    writer = csv.DictWriter(response, fieldnames=PUBLIC_FIELDS)
    writer.writeheader()
    for row in public_rows(_export_queryset(request)):
        writer.writerow({k: spreadsheet_safe("; ".join(map(str, v)) if isinstance(v, list) else str(v))
                         for k, v in row.items()})
    return response


@require_GET
def export_json(request):
    rows = list(public_rows(_export_queryset(request)))
    response = JsonResponse({"count": len(rows), "license": "CC0-1.0", "actors": rows},
                            json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="aktorer.json"'
    return response


