"""Reports for the committees: Jonas (the process leader) asks for the yearly cooperation report,
Sara (culture and leisure office) for her office's; the task worker makes the PDF and the CSV
with the progress on the row; a report that fails halfway is retried, then marked failed with
no file left; a double submit makes one report."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from samverka.core.models import AuditEvent
from samverka.core.storage import private
from samverka.grants.tests.factories import CommitteeFactory, SubmittedApplicationFactory, decided
from samverka.grants.tests.factories import ProgrammeFactory as GrantProgrammeFactory
from samverka.municipality.tests.factories import OfficeMembershipFactory
from samverka.networks.tests.factories import GroupFactory
from samverka.overview import reports, services_reports
from samverka.overview.models import Dimension, Figure, Metric, Report
from samverka.partnerships.tests.factories import PartnershipFactory
from samverka.plans.models import ActionPlan, Goal, Indicator, IndicatorValue

YEAR = 2026
URL = reverse("overview:reports")


@pytest.fixture(autouse=True)
def files(tmp_path, monkeypatch):
    """The private storage in a folder of the test's own."""
    monkeypatch.setattr(private, "_wrapped", FileSystemStorage(location=tmp_path))
    return tmp_path


def stored(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def office(official):
    office = official.office_memberships.get().office
    office.committee = CommitteeFactory()
    office.save(update_fields=["committee"])
    return office


@pytest.fixture
def social():
    return OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret",
                                   user__email="kim@example.org").office


def figure(metric, month, count, *, dimension="", key="", out_of=None):
    return Figure.objects.create(metric=metric, month=date(YEAR, month, 1), count=count, dimension=dimension,
                                 key=str(key), out_of=out_of)


@pytest.fixture
def year_of_work(office, social, actor):
    """Known figures and records of 2026 (and one of 2025 that must not show)."""
    figure(Metric.VOLUNTEERS, 1, 12)
    figure(Metric.VOLUNTEERS, 2, 30)
    figure(Metric.ACTORS, 1, 100)
    figure(Metric.ACTORS, 12, 140)
    figure(Metric.FEEDBACK_ON_TIME, 3, 9, out_of=10)
    figure(Metric.GRANTS_DECIDED, 3, 7)
    Figure.objects.create(metric=Metric.VOLUNTEERS, month=date(YEAR - 1, 12, 1), count=999)
    figure(Metric.COOPERATING_ACTORS, 4, 17, dimension=Dimension.OFFICE, key=office.pk)
    figure(Metric.COOPERATING_ACTORS, 5, 23, dimension=Dimension.OFFICE, key=office.pk)
    figure(Metric.MATCHES, 5, 5, dimension=Dimension.OFFICE, key=office.pk)
    figure(Metric.COOPERATING_ACTORS, 4, 61, dimension=Dimension.OFFICE, key=social.pk)

    PartnershipFactory(office=office, title="Läxhjälp på Adelsö", slug="laxhjalp", status="active", starts_on=date(YEAR, 2, 1))
    PartnershipFactory(office=social, title="Stöd till brottsutsatta", slug="stod", status="active", starts_on=date(YEAR, 3, 1))
    PartnershipFactory(office=office, title="Internt samarbete", slug="internt", is_public=False, status="active",
                       starts_on=date(YEAR, 2, 1))
    programme = GrantProgrammeFactory(committee=office.committee, name="Kulturbidrag 2026")
    for amount in (5000, 7000, 0):
        decided(SubmittedApplicationFactory(programme=programme), amount=amount, meeting_date=date(YEAR, 6, 10))
    GroupFactory(office=office, name="Öar utan gränser", slug="oar-utan-granser")
    plan = ActionPlan.objects.create(office=office, title="Handlingsplan för kultur och fritid", slug="kultur",
                                     first_year=YEAR, last_year=YEAR + 2, status=ActionPlan.Status.PUBLISHED)
    goal = Goal.objects.create(plan=plan, title="Fler unga i föreningslivet")
    indicator = Indicator.objects.create(goal=goal, name="Unga ledare i föreningar", baseline=40, target=80)
    IndicatorValue.objects.create(indicator=indicator, measured_on=date(YEAR, 3, 31), value=48)
    IndicatorValue.objects.create(indicator=indicator, measured_on=date(YEAR, 9, 30), value=61)
    IndicatorValue.objects.create(indicator=indicator, measured_on=date(YEAR + 1, 3, 31), value=70)  # later


def ask(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, {"year": YEAR, **data})


def pdf_text(response) -> str:
    content = b"".join(response.streaming_content)
    reader = PdfReader(io.BytesIO(content))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    return " ".join(text.replace("\xa0", " ").split()), reader  # words wrapped in a cell are one line


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def in_swedish(text) -> str:
    with translation.override("sv"):
        return str(text)


@pytest.mark.django_db
def test_the_process_leader_gets_the_yearly_report_as_a_tagged_pdf_and_a_csv(
        client, process_leader, year_of_work, files, django_capture_on_commit_callbacks):
    client.force_login(process_leader)
    response = ask(client, django_capture_on_commit_callbacks, kind="yearly")
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("overview:report", args=[report.pk])
    assert (report.kind, report.year, report.office, report.status, report.progress, report.attempts) == (
        "yearly", YEAR, None, "done", 100, 1)
    assert report.requested_by == process_leader
    page = client.get(response["Location"]).content.decode()
    assert reverse("overview:report_pdf", args=[report.pk]) in page
    assert reverse("overview:report_csv", args=[report.pk]) in page

    download = client.get(reverse("overview:report_pdf", args=[report.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="samverkansrapport-2026.pdf"' in download["Content-Disposition"]
    text, reader = pdf_text(download)
    with translation.override("sv"):
        assert reports.title_of(report) in text
    assert "Ekerö kommun" in text
    assert "42" in text  # volunteers: 12 + 30
    assert "140" in text  # the register at the end of the year
    assert "90" in text  # feedback on time: 9 of 10
    assert "999" not in text  # 2025 is another year
    assert "Läxhjälp på Adelsö" in text and "Stöd till brottsutsatta" in text
    assert "Internt samarbete" not in text  # not public
    assert "Kulturbidrag 2026" in text and "12000" in text.replace(" ", "")  # 5 000 + 7 000 granted
    assert "Öar utan gränser" in text
    assert "Handlingsplan för kultur och fritid" in text and "Unga ledare i föreningar" in text
    assert "61" in text  # the indicator at the end of 2026, not 2027's 70
    assert "Socialkontoret" in text and "61" in text  # the bars by office
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"]

    rows = csv_rows(client.get(reverse("overview:report_csv", args=[report.pk])))
    assert len(rows) == 1 + 10  # the header and the year's ten figures (not 2025's)
    assert ["2026-01", in_swedish(Metric.VOLUNTEERS.label), in_swedish(Dimension.TOTAL.label), "", "12", ""] in rows
    assert ["2026-03", in_swedish(Metric.FEEDBACK_ON_TIME.label), in_swedish(Dimension.TOTAL.label), "", "9",
            "10"] in rows
    assert ["2026-04", in_swedish(Metric.COOPERATING_ACTORS.label), in_swedish(Dimension.OFFICE.label),
            "Socialkontoret", "61", ""] in rows
    assert stored(files) == [f"reports/{YEAR}/rapport-{report.pk}.csv", f"reports/{YEAR}/rapport-{report.pk}.pdf"]
    assert AuditEvent.objects.filter(action="report.request").count() == 1


@pytest.mark.django_db
def test_sara_gets_her_office_report_with_only_its_figures_and_records(
        client, official, office, year_of_work, django_capture_on_commit_callbacks):
    client.force_login(official)
    form = client.get(URL).content.decode()
    assert 'value="yearly"' not in form  # the yearly report is the process leader's
    ask(client, django_capture_on_commit_callbacks, kind="office", office=office.pk)
    report = Report.objects.get()
    assert (report.kind, report.office, report.status) == ("office", office, "done")
    download = client.get(reverse("overview:report_pdf", args=[report.pk]))
    assert "kultur-och-fritidskontoret" in download["Content-Disposition"]
    text, _reader = pdf_text(download)
    assert "Kultur- och fritidskontoret" in text and "2026" in text
    assert "23" in text and "Läxhjälp på Adelsö" in text and "Öar utan gränser" in text
    assert "Stöd till brottsutsatta" not in text and "Socialkontoret" not in text
    rows = csv_rows(client.get(reverse("overview:report_csv", args=[report.pk])))
    assert len(rows) == 1 + 3
    assert {row[3] for row in rows[1:]} == {"Kultur- och fritidskontoret"}


@pytest.mark.django_db
def test_an_office_report_needs_an_office_and_keeps_what_was_chosen(client, process_leader, office):
    client.force_login(process_leader)
    response = client.post(URL, {"kind": "office", "year": YEAR})
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page and 'id="id_office_error"' in page
    assert re.search(r'<input type="radio" name="kind" value="office"[^>]*checked', page)  # the choice is kept
    assert re.search(f'<option value="{YEAR}" selected>', page)
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_the_progress_is_written_step_by_step_and_done_comes_last(
        client, process_leader, year_of_work, monkeypatch, django_capture_on_commit_callbacks):
    seen = []

    def watch(name):
        real = getattr(reports, name)

        def watched(*args, **kwargs):
            row = Report.objects.get()
            seen.append((name, row.status, row.progress, row.step, bool(row.pdf), bool(row.csv)))
            return real(*args, **kwargs)
        monkeypatch.setattr(reports, name, watched)

    for name in ("read_figures", "read_lists", "draw_charts", "render_pdf", "render_csv"):
        watch(name)
    client.force_login(process_leader)
    ask(client, django_capture_on_commit_callbacks, kind="yearly")
    assert [(name, status, step) for name, status, _p, step, _pdf, _csv in seen] == [
        ("read_figures", "running", "figures"), ("read_lists", "running", "lists"),
        ("draw_charts", "running", "charts"), ("render_pdf", "running", "pdf"), ("render_csv", "running", "csv")]
    progress = [p for _n, _s, p, _st, _pdf, _csv in seen]
    assert progress == sorted(progress) and progress[0] > 0 and progress[-1] < 100
    assert not any(pdf or csv for *_rest, pdf, csv in seen)  # the row names its files only when done
    report = Report.objects.get()
    assert (report.status, report.progress, report.step) == ("done", 100, "")


@pytest.mark.django_db
def test_a_report_that_fails_halfway_is_retried_then_failed_with_no_file_left(
        client, process_leader, year_of_work, files, monkeypatch, django_capture_on_commit_callbacks):
    statuses = []

    def broken(report, figures):
        statuses.append(Report.objects.get().status)
        assert stored(files) == [f"reports/{YEAR}/rapport-{report.pk}.pdf"]  # the PDF was written
        raise OSError("the disk is full")

    monkeypatch.setattr(reports, "render_csv", broken)
    client.force_login(process_leader)
    ask(client, django_capture_on_commit_callbacks, kind="yearly")
    report = Report.objects.get()
    assert statuses == ["running"] * services_reports.MAX_ATTEMPTS
    assert (report.status, report.attempts, report.step) == ("failed", 3, "csv")
    assert "the disk is full" in report.error
    assert not report.pdf and not report.csv and stored(files) == []
    page = client.get(reverse("overview:report", args=[report.pk])).content.decode()
    assert reverse("overview:retry_report", args=[report.pk]) in page
    assert reverse("overview:report_pdf", args=[report.pk]) not in page
    assert client.get(reverse("overview:report_pdf", args=[report.pk])).status_code == 404

    monkeypatch.undo()
    monkeypatch.setattr(private, "_wrapped", FileSystemStorage(location=files))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("overview:retry_report", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.attempts, report.error) == ("done", 1, "")
    assert len(stored(files)) == 2


@pytest.mark.django_db
def test_a_second_attempt_that_works_makes_the_report(
        client, process_leader, year_of_work, monkeypatch, django_capture_on_commit_callbacks):
    real, calls = reports.render_pdf, []

    def once_broken(*args):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("weasyprint stopped")
        return real(*args)

    monkeypatch.setattr(reports, "render_pdf", once_broken)
    client.force_login(process_leader)
    ask(client, django_capture_on_commit_callbacks, kind="yearly")
    report = Report.objects.get()
    assert (report.status, report.attempts) == ("done", 2)


@pytest.mark.django_db
def test_a_double_submit_or_a_second_click_gives_the_same_report(client, process_leader, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # the worker is busy
    client.force_login(process_leader)
    form = {"kind": "yearly", "year": YEAR, "submission_token": "a" * 32}
    first = client.post(URL, form)
    second = client.post(URL, form)
    third = client.post(URL, {**form, "submission_token": "b" * 32})  # a new click while it is made
    report = Report.objects.get()
    assert first["Location"] == second["Location"] == third["Location"] == reverse("overview:report",
                                                                                   args=[report.pk])
    assert report.status == "queued"
    assert AuditEvent.objects.filter(action="report.request").count() == 1
    page = client.get(first["Location"]).content.decode()
    assert 'data-hx-trigger="every 2s"' in page and "<progress" in page
    assert reverse("overview:report", args=[report.pk]) in page  # the refresh link without JavaScript


@pytest.mark.django_db
def test_the_status_partial_polls_while_being_made_and_stops_when_ready(client, process_leader):
    report = Report.objects.create(kind="yearly", year=YEAR, status="running", progress=60, step="pdf",
                                   attempts=1)
    client.force_login(process_leader)
    url = reverse("overview:report", args=[report.pk])
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="report-status"') and "<html" not in partial
    assert 'data-hx-trigger="every 2s"' in partial and 'value="60"' in partial
    with translation.override("sv"):
        assert str(reports.STEPS["pdf"][1]) in partial
    Report.objects.filter(pk=report.pk).update(status="done", progress=100, step="", pdf="x.pdf", csv="x.csv",
                                               finished_at=timezone.now())
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "data-hx-trigger" not in partial and reverse("overview:report_pdf", args=[report.pk]) in partial


@pytest.mark.django_db
def test_a_report_left_running_by_a_stopped_worker_does_not_block_a_new_one(
        client, process_leader, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    stuck = Report.objects.create(kind="yearly", year=YEAR, status="running", attempts=1,
                                  started_at=timezone.now() - timedelta(hours=2))
    client.force_login(process_leader)
    client.post(URL, {"kind": "yearly", "year": YEAR})
    stuck.refresh_from_db()
    assert stuck.status == "failed"
    assert Report.objects.filter(status="queued").count() == 1


@pytest.mark.django_db
def test_two_workers_never_make_the_same_report(process_leader, year_of_work):
    report = Report.objects.create(kind="yearly", year=YEAR)
    assert services_reports.generate_report(report_id=report.pk) == "done"
    assert services_reports.generate_report(report_id=report.pk) is None  # already claimed and done
    report.refresh_from_db()
    assert report.attempts == 1


@pytest.mark.django_db
def test_the_list_costs_the_same_with_many_reports(client, process_leader, office, django_assert_max_num_queries):
    client.force_login(process_leader)
    Report.objects.create(kind="office", year=YEAR, office=office, status="done")
    client.get(URL)
    with django_assert_max_num_queries(12):
        small = client.get(URL)
    for year in range(2000, 2020):
        Report.objects.create(kind="office", year=year, office=office, status="done")
    with django_assert_max_num_queries(12):
        large = client.get(URL)
    assert small.status_code == large.status_code == 200
