"""Moving data in and out, for the administrator: fetch (access helper) → check (rules) → one
service → respond. The import is a wizard of three steps on two pages: upload the file, check its
columns against a preview of its first rows, then follow its progress to the list of refused rows."""

from __future__ import annotations

import csv
import os

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.communication.models import OutboxMessage
from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.grants.models import GrantProgramme
from samverka.matching.models import Programme as MatchingProgramme
from samverka.municipality import services as municipality_services
from samverka.municipality.colours import contrast
from samverka.municipality.forms import (
    AreaForm,
    ColoursForm,
    CommitteeForm,
    DistrictForm,
    LogoForm,
    MessagesForm,
    NameForm,
    OfficeForm,
    OfficialForm,
    TargetGroupForm,
    TextsForm,
)
from samverka.municipality.models import (
    Area,
    Committee,
    District,
    Municipality,
    Office,
    OfficeMembership,
    TargetGroup,
)

from . import columns, selectors, services
from .forms import FeedForm, MappingForm, UploadForm
from .models import CalendarFeed, ExportJob, ImportJob

IMPORT = "setup.import_data"
EXPORT = "setup.export_data"


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _index_context(request, upload_form=None) -> dict:
    return {
        "upload_form": upload_form or UploadForm(),
        "imports": ImportJob.objects.select_related("created_by")[:10],
        "feeds": CalendarFeed.objects.select_related("actor", "office"),
        "exports": ExportJob.objects.all()[:5],
    }


@login_required
@require_GET
def index(request):
    _require(request, IMPORT)
    return render(request, "setup/index.html", _index_context(request))


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    _require(request, IMPORT)
    if request.method == "GET":  # the form lives on the start page
        return redirect("setup:index")
    if done := already_done(request):
        return redirect(done)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            url = once(request, lambda: services.upload_import(
                by=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]).get_absolute_url())
        except ActionError as error:
            form.add_error("file", str(error))
        else:
            return redirect(url)
    return render(request, "setup/index.html", _index_context(request, form), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def import_job(request, pk):
    job = get_for_user(ImportJob.objects.all(), request.user, perm=IMPORT, pk=pk)
    form = None
    if job.status == ImportJob.Status.UPLOADED:
        form = MappingForm(request.POST or None, job=job)
        if request.method == "POST" and form.is_valid():
            try:
                job = services.set_mapping(by=request.user, job=job, mapping=form.mapping)
                if request.POST.get("action") == "start":
                    services.start_import(by=request.user, job=job)
                    messages.success(request, _("The import has started. You can leave this page; it goes on."))
                    return redirect(job.get_absolute_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                form = MappingForm(job=job)
    elif request.method == "POST":
        return redirect(job.get_absolute_url())  # a second click on "Import": it runs already
    context = {"job": job, "form": form,
               "fields": [f for f in columns.FIELDS[job.kind] if f.name in job.mapping],
               "preview": services.preview(job) if form is not None else [],
               "refused": job.errors[:200]}
    status = 400 if form is not None and form.errors else 200
    return render(request, "setup/import.html", context, status=status)


@login_required
@require_GET
def refused_rows(request, pk):
    """The refused rows and their reasons, as a CSV to correct the file by."""
    job = get_for_user(ImportJob.objects.all(), request.user, perm=IMPORT, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="refused-rows-{job.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Row"), _("Reason")])
    for item in job.errors:
        writer.writerow([item["row"], " ".join(item["errors"])])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def feeds(request):
    _require(request, IMPORT)
    form = FeedForm(request.POST or None)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            try:
                once(request, lambda: (services.add_feed(by=request.user, url=form.cleaned_data["url"],
                                                         actor=form.cleaned_data["actor"],
                                                         office=form.cleaned_data["office"]),
                                       reverse("setup:feeds"))[1])
            except ActionError as error:
                form.add_error("url", str(error))
            else:
                messages.success(request, _("The calendar is added and its activities are being fetched."))
                return redirect("setup:feeds")
    return render(request, "setup/feeds.html",
                  {"form": form, "feeds": CalendarFeed.objects.select_related("actor", "office")},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def sync_feed(request, pk):
    feed = get_for_user(CalendarFeed.objects.all(), request.user, perm=IMPORT, pk=pk)
    services.request_sync(by=request.user, feed=feed)
    messages.success(request, _("The calendar is being fetched again."))
    return redirect("setup:feeds")


@login_required
@require_POST
def remove_feed(request, pk):
    feed = get_for_user(CalendarFeed.objects.all(), request.user, perm=IMPORT, pk=pk)
    services.remove_feed(by=request.user, feed=feed)
    messages.success(request, _("The calendar is no longer synced. Its activities stay."))
    return redirect("setup:feeds")


@login_required
@require_http_methods(["GET", "POST"])
def export(request):
    _require(request, EXPORT)
    if request.method == "GET":  # the button lives on the start page
        return redirect(reverse("setup:index") + "#export")
    if done := already_done(request):
        return redirect(done)
    once(request, lambda: (services.request_export(by=request.user), reverse("setup:index") + "#export")[1])
    messages.success(request, _("The export has started. Download it here when it is ready."))
    return redirect(reverse("setup:index") + "#export")


@login_required
@require_GET
def download_export(request, pk):
    job = get_for_user(ExportJob.objects.all(), request.user, perm=EXPORT, pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        messages.info(request, _("The export is not ready yet."))
        return redirect(reverse("setup:index") + "#export")
    services.record_download(by=request.user, job=job)
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1],
                        content_type="application/zip")


# ---------------------------------------------------------------- the setup guide and the go-live checklist

CONFIGURE = "setup.configure"
# The environment variables of the e-mail and SMS providers the messages step reports as set or
# not (never their values): docs/hosting.md describes each.
PROVIDER_VARIABLES = {
    "email": ["EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS",
              "DEFAULT_FROM_EMAIL"],
    "sms": ["SMS_BACKEND", "SMS_API_URL", "SMS_API_USER", "SMS_API_PASSWORD", "SMS_SENDER"],
}


def _guide(request, step_slug: str, template: str, context: dict, status: int = 200):
    items = selectors.checklist()
    steps = selectors.progress(items)
    position = [row["step"].slug for row in steps].index(step_slug)
    following = steps[position + 1]["step"] if position + 1 < len(steps) else None
    return render(request, template, {"steps": steps, "step": steps[position]["step"], "number": position + 1,
                                      "total": len(steps), "next_step": following, **context}, status=status)


def _after_save(request, step_slug: str):
    messages.success(request, _("Saved."))
    slugs = [step.slug for step in selectors.STEPS]
    position = slugs.index(step_slug)
    if request.POST.get("then") == "stay" or position + 1 == len(slugs):
        return redirect(selectors.STEP[step_slug].url)
    return redirect(selectors.STEPS[position + 1].url)


def _settings_step(request, step_slug: str, form_class, template: str, extra=None):
    """A step that edits part of the settings row: save through the municipality's service,
    then on to the next step (or stay, with `then=stay`)."""
    _require(request, CONFIGURE)
    row = Municipality.current()
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, request.FILES if posted else None, instance=row)
    if request.method == "POST" and form.is_valid():
        municipality_services.save_configuration(by=request.user, obj=form.save(commit=False))
        return _after_save(request, step_slug)
    context = {"form": form, "row": Municipality.current() if form.is_bound else row, **(extra or {})}
    return _guide(request, step_slug, template, context, status=400 if form.errors else 200)


@login_required
@require_GET
def checklist(request):
    """The go-live checklist: every item computed from the data, with the step that fixes it."""
    _require(request, CONFIGURE)
    items = selectors.checklist()
    return render(request, "setup/checklist.html", {
        "steps": selectors.progress(items), "items": items, "ready": selectors.ready(items),
        "required_left": sum(1 for item in items if item.required and not item.ok)})


@login_required
@require_http_methods(["GET", "POST"])
def guide_name(request):
    return _settings_step(request, "name", NameForm, "setup/guide_name.html")


@login_required
@require_http_methods(["GET", "POST"])
def guide_logo(request):
    return _settings_step(request, "logo", LogoForm, "setup/guide_logo.html")


@login_required
@require_http_methods(["GET", "POST"])
def guide_colours(request):
    row = Municipality.current()
    pairs = [
        (_("White text on the primary colour"), row.colour_primary, "#ffffff"),
        (_("White text on the dark primary colour"), row.colour_primary_dark, "#ffffff"),
        (_("Links on the page background"), "#faf8f4", row.colour_primary),
        (_("Dark text on the accent"), row.colour_accent, "#0b0c0c"),
    ]
    ratios = [{"label": label, "background": bg, "text": fg, "ratio": contrast(bg, fg)} for label, bg, fg in pairs]
    return _settings_step(request, "colours", ColoursForm, "setup/guide_colours.html", {"ratios": ratios})


@login_required
@require_http_methods(["GET", "POST"])
def guide_texts(request):
    return _settings_step(request, "texts", TextsForm, "setup/guide_texts.html")


@login_required
@require_http_methods(["GET", "POST"])
def guide_messages(request):
    _require(request, CONFIGURE)
    if request.method == "POST" and request.POST.get("test") in ("email", "sms"):
        if done := already_done(request):
            return redirect(done)
        try:
            once(request, lambda: (services.send_test_message(by=request.user, channel=request.POST["test"]),
                                   reverse("setup:guide_messages"))[1])
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The test message is on its way to you. Reload this page in a minute "
                                        "to see whether it was delivered."))
        return redirect("setup:guide_messages")
    email = (EmailAddress.objects.filter(user=request.user, verified=True).order_by("-primary", "pk")
             .values_list("email", flat=True).first())
    tests = (OutboxMessage.objects.filter(idempotency_key__startswith="setup.test-")
             .order_by("-created_at")[:5])
    provider = {kind: [(name, name in os.environ) for name in names] for kind, names in PROVIDER_VARIABLES.items()}
    return _settings_step(request, "messages", MessagesForm, "setup/guide_messages.html",
                          {"own_email": email, "tests": tests, "provider": provider})


NAMED_FORMS = {
    "committee": (CommitteeForm, _("The committee is added.")),
    "office": (OfficeForm, _("The office is added.")),
    "district": (DistrictForm, _("The part of the municipality is added.")),
    "area": (AreaForm, _("The area is added.")),
    "target_group": (TargetGroupForm, _("The target group is added.")),
}


def _lists_step(request, step_slug: str, kinds: list[str], template: str, lists: dict, extra_forms=None):
    """A step that adds offices, committees or vocabulary entries, one form per kind on one page;
    the button's `add` names the form sent."""
    _require(request, CONFIGURE)
    adding = request.POST.get("add") if request.method == "POST" else None
    forms = {kind: NAMED_FORMS[kind][0](request.POST if adding == kind else None, prefix=kind) for kind in kinds}
    forms.update({kind: form_class(request.POST if adding == kind else None, prefix=kind)
                  for kind, form_class in (extra_forms or {}).items()})
    if adding in forms:
        if done := already_done(request):
            return redirect(done)
        form = forms[adding]
        if form.is_valid():
            url = reverse(selectors.STEP[step_slug].url_name) + f"#{adding}"
            if adding == "official":
                once(request, lambda: (municipality_services.save_official(
                    by=request.user, membership=OfficeMembership(
                        user=form.cleaned_data["user"], office=form.cleaned_data["office"],
                        title=form.cleaned_data["title"])), url)[1])
                messages.success(request, _("They are now an official of the office."))
            else:
                once(request, lambda: (municipality_services.save_configuration(
                    by=request.user, obj=form.save(commit=False)), url)[1])
                messages.success(request, NAMED_FORMS[adding][1])
            return redirect(url)
    status = 400 if adding in forms and forms[adding].errors else 200
    return _guide(request, step_slug, template, {"forms": forms, **lists}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def guide_offices(request):
    officials = Prefetch("memberships", OfficeMembership.objects.select_related("user").order_by("user__first_name"))
    return _lists_step(request, "offices", ["committee", "office"], "setup/guide_offices.html",
                       {"committees": Committee.objects.all(),
                        "offices": Office.objects.select_related("committee").prefetch_related(officials)},
                       {"official": OfficialForm})


@login_required
@require_http_methods(["GET", "POST"])
def guide_places(request):
    return _lists_step(request, "places", ["district", "area", "target_group"], "setup/guide_places.html",
                       {"districts": District.objects.all(), "areas": Area.objects.all(),
                        "target_groups": TargetGroup.objects.all()})


@login_required
@require_GET
def guide_programmes(request):
    _require(request, CONFIGURE)
    return _guide(request, "programmes", "setup/guide_programmes.html", {
        "matching": MatchingProgramme.objects.select_related("office").order_by("name"),
        "grants": GrantProgramme.objects.order_by("-year", "name"),
    })
