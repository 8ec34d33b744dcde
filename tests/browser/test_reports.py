"""Reports in a real browser: axe-core finds nothing on the request page and on a report being
made, ready and failed, in Swedish and English, and none of them scrolls sideways on a 320 px
phone. Jonas, the process leader, asks for the yearly report with the keyboard only and
reaches its PDF link; the page of a report being made updates itself until it is ready."""

from datetime import date

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import translation

from samverka.core.storage import private
from samverka.overview.models import Figure, Metric, Report

from .helpers import assert_no_violations, horizontal_overflow, log_in, save_screenshots, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en"]


@pytest.fixture(autouse=True)
def files(tmp_path, monkeypatch):
    monkeypatch.setattr(private, "_wrapped", FileSystemStorage(location=tmp_path))


@pytest.fixture
def scene(official):
    office = official.office_memberships.get().office
    for month, count in enumerate([12, 30, 25, 40, 38, 50, 22, 18, 44, 60, 58, 61], start=1):
        Figure.objects.create(metric=Metric.VOLUNTEERS, month=date(2025, month, 1), count=count)
    return {
        "running": Report.objects.create(kind="office", year=2026, office=office, status="running", progress=60,
                                         step="pdf", attempts=1),
        "done": Report.objects.create(kind="office", year=2025, office=office, status="done", progress=100,
                                      pdf="reports/x.pdf", csv="reports/x.csv"),
        "failed": Report.objects.create(kind="yearly", year=2024, status="failed", step="csv", attempts=3,
                                        error="OSError"),
    }


def check(page, path: str, language: str, name: str) -> None:
    response = page.goto(path)
    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    if language == "sv":
        save_screenshots(page, f"reports-{name}-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["reports", "running", "done", "failed"])
def test_the_report_pages_have_no_accessibility_problems(page, context, live_server, scene, process_leader, name,
                                                         language):
    log_in(context, process_leader, live_server)
    with translation.override(language):
        path = reverse("overview:reports") if name == "reports" else reverse("overview:report",
                                                                             args=[scene[name].pk])
    check(page, path, language, name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_process_leader_asks_for_the_yearly_report_by_keyboard(page, context, live_server, scene,
                                                                   process_leader, language):
    log_in(context, process_leader, live_server)
    with translation.override(language):
        page.goto(reverse("overview:reports"))
    tab_to(page, "#id_kind_0")
    page.keyboard.press("Space")  # the yearly cooperation report
    tab_to(page, "#id_year")
    page.keyboard.press("ArrowDown")  # last year
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation(timeout=60_000):  # made in the background, here at once
        page.keyboard.press("Enter")
    report = Report.objects.get(kind="yearly", year=date.today().year - 1)
    assert report.status == "done"
    assert page.locator(".notice--success").is_visible()
    pdf = reverse("overview:report_pdf", args=[report.pk])
    tab_to(page, f"main a[href$='{pdf}']")
    assert_no_violations(page)


def test_a_report_being_made_updates_itself_until_it_is_ready(page, context, live_server, scene, process_leader):
    log_in(context, process_leader, live_server)
    report = scene["running"]
    page.goto(reverse("overview:report", args=[report.pk]))
    assert page.locator("#report-progress").get_attribute("value") == "60"
    Report.objects.filter(pk=report.pk).update(status="done", progress=100, step="", pdf="reports/y.pdf",
                                               csv="reports/y.csv")
    pdf = reverse("overview:report_pdf", args=[report.pk])
    page.locator(f"a[href$='{pdf}']").wait_for(timeout=10_000)  # polled every 2 s, no reload
    assert page.locator("#report-progress").count() == 0
