"""Who may ask for, see and download reports: every report address tried by people without the
right (403 or 404, a login for visitors) with nothing changed, and those with the right get in."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import AuditEvent
from samverka.core.storage import private
from samverka.municipality.tests.factories import OfficeMembershipFactory
from samverka.overview.models import Report

YEAR = 2026


@pytest.fixture(autouse=True)
def files(tmp_path, monkeypatch):
    monkeypatch.setattr(private, "_wrapped", FileSystemStorage(location=tmp_path))
    return tmp_path


@pytest.fixture
def office(official):
    return official.office_memberships.get().office


@pytest.fixture
def other_official(db):
    """Kim works at the social office."""
    return OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret",
                                   user__email="kim@example.org").user


def done(**fields) -> Report:
    return Report.objects.create(year=YEAR, status="done", progress=100, pdf=ContentFile(b"%PDF-1.7", name="r.pdf"),
                                 csv=ContentFile(b"\xef\xbb\xbfa,b", name="r.csv"), **fields)


@pytest.fixture
def office_report(office, process_leader):
    return done(kind="office", office=office, requested_by=process_leader)


@pytest.fixture
def yearly_report(process_leader):
    return done(kind="yearly", requested_by=process_leader)


@pytest.fixture
def failed_report(office):
    return Report.objects.create(kind="office", year=YEAR - 1, office=office, status="failed", attempts=3,
                                 step="pdf", error="OSError")


def state():
    return (list(Report.objects.order_by("pk").values_list("pk", "status", "attempts", "requested_by")),
            AuditEvent.objects.count())


def object_urls(report):
    return [("get", reverse("overview:report", args=[report.pk])),
            ("get", reverse("overview:report_pdf", args=[report.pk])),
            ("get", reverse("overview:report_csv", args=[report.pk])),
            ("post", reverse("overview:retry_report", args=[report.pk]))]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "resident", "representative", "other_official"])
def test_people_without_the_right_are_refused_every_report_address_and_nothing_changes(
        client, request, persona, office_report, yearly_report, failed_report, django_capture_on_commit_callbacks):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    if user:
        client.force_login(user)
    before = state()
    with django_capture_on_commit_callbacks(execute=True):
        for report in (office_report, yearly_report, failed_report):
            for method, url in object_urls(report):
                response = getattr(client, method)(url)
                if user is None:
                    assert response.status_code == 302 and "/konto/login/" in response["Location"], url
                else:
                    assert response.status_code == 404, (url, response.status_code)
        index = reverse("overview:reports")
        for method in ("get", "post"):
            response = getattr(client, method)(index, {"kind": "yearly", "year": YEAR})
            if user is None:
                assert response.status_code == 302
            elif persona == "other_official":
                # Kim may ask for the social office's report, but not the yearly one.
                assert response.status_code in {200, 400}
            else:
                assert response.status_code == 403
    assert state() == before


@pytest.mark.django_db
def test_an_official_sees_the_office_report_but_not_the_yearly_one(client, official, office_report, yearly_report):
    client.force_login(official)
    assert client.get(reverse("overview:report", args=[office_report.pk])).status_code == 200
    assert client.get(reverse("overview:report_pdf", args=[office_report.pk])).status_code == 200
    for method, url in object_urls(yearly_report):
        assert getattr(client, method)(url).status_code == 404
    page = client.get(reverse("overview:reports")).content.decode()
    assert reverse("overview:report", args=[office_report.pk]) in page
    assert reverse("overview:report", args=[yearly_report.pk]) not in page


@pytest.mark.django_db
def test_an_official_cannot_ask_for_the_yearly_report_or_another_office_s(client, official, other_official):
    client.force_login(official)
    before = state()
    social = other_official.office_memberships.get().office
    yearly = client.post(reverse("overview:reports"), {"kind": "yearly", "year": YEAR})
    other = client.post(reverse("overview:reports"), {"kind": "office", "year": YEAR, "office": social.pk})
    assert yearly.status_code == other.status_code == 400
    assert 'id="id_kind_error"' in yearly.content.decode()
    assert 'id="id_office_error"' in other.content.decode()
    assert state() == before


@pytest.mark.django_db
def test_an_official_who_left_the_office_no_longer_gets_its_report(client, official, office_report):
    client.force_login(official)
    official.office_memberships.all().delete()
    assert client.get(reverse("overview:report", args=[office_report.pk])).status_code == 404
    assert client.get(reverse("overview:reports")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["process_leader", "administrator"])
def test_the_process_leader_and_administrators_see_every_report(
        client, request, persona, office_report, yearly_report):
    client.force_login(request.getfixturevalue(persona))
    for report in (office_report, yearly_report):
        for kind in ("pdf", "csv"):
            response = client.get(reverse(f"overview:report_{kind}", args=[report.pk]))
            assert response.status_code == 200
            assert response["Cache-Control"] == "private, no-store"
    assert client.get(reverse("overview:reports")).status_code == 200


@pytest.mark.django_db
def test_a_report_not_ready_has_no_download(client, process_leader, office):
    report = Report.objects.create(kind="office", year=YEAR, office=office, status="running", progress=40)
    client.force_login(process_leader)
    assert client.get(reverse("overview:report_pdf", args=[report.pk])).status_code == 404
    assert client.get(reverse("overview:report_csv", args=[report.pk])).status_code == 404


@pytest.mark.django_db
def test_someone_who_asked_and_then_lost_the_role_cannot_open_the_report(
        client, office_report):
    former = UserFactory(email="former@example.org")
    Report.objects.filter(pk=office_report.pk).update(requested_by=former)
    client.force_login(former)
    assert client.get(reverse("overview:report", args=[office_report.pk])).status_code == 403
