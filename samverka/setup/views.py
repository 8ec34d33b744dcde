"""Moving data in and out, for the administrator: fetch (access helper) → check (rules) → one
service → respond. The import is a wizard of three steps on two pages: upload the file, check its
columns against a preview of its first rows, then follow its progress to the list of refused rows."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once

from . import columns, services
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
