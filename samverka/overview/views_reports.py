"""The reports' pages: ask for a report and see earlier ones, follow one being made, try a
failed one again, download the PDF and the CSV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once

from . import reports, services_reports
from .forms_reports import ReportForm
from .models import Report

PER_PAGE = 25


def _url(report: Report) -> str:
    return reverse("overview:report", kwargs={"pk": report.pk})


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    if not request.user.has_perm("overview.view_reports"):
        raise PermissionDenied
    form = ReportForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            data = form.cleaned_data
            try:
                url = once(request, lambda: _url(services_reports.request_report(
                    by=request.user, kind=data["kind"], year=data["year"], office=data["office"])))
            except ActionError as error:
                form.add_error("office" if data["kind"] == Report.Kind.OFFICE else None, str(error))
            else:
                messages.success(request, _("The report is being made. This page shows how far it has come."))
                return redirect(url)
    page = Paginator(Report.objects.visible_to(request.user).select_related("office"), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "overview/reports.html", {"form": form, "page": page, "reports": page.object_list},
                  status=400 if form.errors else 200)


def _get(request, pk, perm="overview.view_report") -> Report:
    return get_for_user(Report.objects.visible_to(request.user).select_related("office"), request.user,
                        perm=perm, pk=pk)


@login_required
@require_GET
def detail(request, pk):
    report = _get(request, pk)
    context = {"report": report, "title": reports.title_of(report), "step": reports.step_label(report.step),
               "max_attempts": services_reports.MAX_ATTEMPTS,
               "attempt": report.attempts + (1 if report.status == Report.Status.QUEUED else 0),
               "in_the_making": report.status in services_reports.IN_THE_MAKING}
    template = "overview/report.html#status" if request.htmx else "overview/report.html"
    return render(request, template, context)


@login_required
@require_POST
def retry(request, pk):
    report = _get(request, pk, perm="overview.retry_report")
    report = services_reports.retry_report(by=request.user, report=report)
    if report.status in services_reports.IN_THE_MAKING:
        messages.success(request, _("The report is being made again."))
    return redirect(_url(report))


def _download(request, pk, kind: str):
    report = _get(request, pk)
    field = getattr(report, kind)
    if report.status != Report.Status.DONE or not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = "application/pdf" if kind == "pdf" else "text/csv; charset=utf-8"
    response = FileResponse(handle, content_type=content_type, as_attachment=True,
                            filename=f"{reports.file_stem(report)}.{kind}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def pdf(request, pk):
    return _download(request, pk, "pdf")


@login_required
@require_GET
def csv(request, pk):
    return _download(request, pk, "csv")
