"""Moving data is the administrator's alone: for every address of the app, everyone else is
refused (a login page for anonymous visitors, 403 for the rest) and nothing changes."""

import pytest
from django.urls import reverse, reverse_lazy

from samverka.actors.models import Actor
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent, Submission
from samverka.municipality.models import Area, Committee, District, Municipality, Office, OfficeMembership, TargetGroup
from samverka.setup.models import CalendarFeed, ExportJob, ImportJob

from .conftest import csv_file

PEOPLE = ["anonymous", "resident", "representative", "official", "process_leader"]


@pytest.fixture
def scene(administrator, actor):
    Municipality.current()
    job = ImportJob.objects.create(kind="actors", original_name="register.csv", file_format="csv",
                                   headers=["Namn"], mapping={"name": 0}, created_by=administrator)
    job.file.save("register.csv", csv_file([["Namn"], ["Kapad förening"]]), save=True)
    feed = CalendarFeed.objects.create(url="https://kalender.example.org/a.ics", actor=actor)
    export = ExportJob.objects.create(status=ExportJob.Status.DONE, created_by=administrator)
    return {"job": job, "feed": feed, "export": export}


def requests(scene):
    job, feed, export = scene["job"].pk, scene["feed"].pk, scene["export"].pk
    return [
        ("get", reverse("setup:index"), {}),
        ("post", reverse("setup:upload"), {"kind": "actors", "file": csv_file([["Namn"], ["Kapad"]])}),
        ("get", reverse("setup:import", kwargs={"pk": job}), {}),
        ("post", reverse("setup:import", kwargs={"pk": job}), {"name": "0", "action": "start"}),
        ("get", reverse("setup:refused_rows", kwargs={"pk": job}), {}),
        ("get", reverse("setup:feeds"), {}),
        ("post", reverse("setup:feeds"), {"url": "https://kapad.example.org/x.ics", "actor": "1"}),
        ("post", reverse("setup:sync_feed", kwargs={"pk": feed}), {}),
        ("post", reverse("setup:remove_feed", kwargs={"pk": feed}), {}),
        ("post", reverse("setup:export"), {}),
        ("get", reverse("setup:download_export", kwargs={"pk": export}), {}),
        *GUIDE,
    ]


GUIDE = [  # the setup guide: every step, read and written
    ("get", reverse_lazy("setup:checklist"), {}),
    ("post", reverse_lazy("setup:guide_name"), {"name": "Kapad kommun", "short_name": "Kapad",
                                                "contact_email": "kapad@example.org"}),
    ("post", reverse_lazy("setup:guide_logo"), {}),
    ("post", reverse_lazy("setup:guide_colours"), {"colour_primary": "#000000", "colour_primary_dark": "#000000",
                                                   "colour_accent": "#ffffff"}),
    ("post", reverse_lazy("setup:guide_offices"), {"add": "office", "office-name": "Kapad förvaltning"}),
    ("post", reverse_lazy("setup:guide_offices"), {"add": "committee", "committee-name": "Kapad nämnd"}),
    ("post", reverse_lazy("setup:guide_offices"), {"add": "official", "official-email": "lina@example.org",
                                                   "official-office": "1"}),
    ("post", reverse_lazy("setup:guide_places"), {"add": "district", "district-name": "Kapad del"}),
    ("post", reverse_lazy("setup:guide_places"), {"add": "area", "area-name": "Kapat område"}),
    ("post", reverse_lazy("setup:guide_places"), {"add": "target_group", "target_group-name": "Kapad grupp"}),
    ("get", reverse_lazy("setup:guide_programmes"), {}),
    ("post", reverse_lazy("setup:guide_texts"), {"privacy_notice": "Kapad", "privacy_contact": "k@example.org",
                                                 "accessibility_contact": "k@example.org"}),
    ("post", reverse_lazy("setup:guide_messages"), {"email_sender_address": "kapad@example.org"}),
    ("post", reverse_lazy("setup:guide_messages"), {"test": "email"}),
]


def state():
    return (list(ImportJob.objects.values_list("pk", "status", "mapping")), CalendarFeed.objects.count(),
            ExportJob.objects.count(), Actor.objects.count(), AuditEvent.objects.count(), Submission.objects.count(),
            list(Municipality.objects.values()), Office.objects.count(), Committee.objects.count(),
            OfficeMembership.objects.count(), District.objects.count(), Area.objects.count(),
            TargetGroup.objects.count(), OutboxMessage.objects.count())


@pytest.mark.parametrize("who", PEOPLE)
def test_no_one_but_the_administrator_gets_in_and_nothing_changes(client, scene, who, request,
                                                                 django_capture_on_commit_callbacks):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for method, url, data in requests(scene):
        before = state()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = getattr(client, method)(url, data)
        if who == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), url
        else:
            assert response.status_code == 403, url
        assert state() == before and callbacks == [], url


def test_the_administrator_gets_in(maja, scene):
    for url in (reverse("setup:index"), reverse("setup:feeds"), scene["job"].get_absolute_url()):
        assert maja.get(url).status_code == 200
    for _method, url, _data in GUIDE:
        assert maja.get(url).status_code == 200, url


def test_an_unknown_job_is_not_found(maja):
    assert maja.get(reverse("setup:import", kwargs={"pk": 999})).status_code == 404
    assert maja.get(reverse("setup:download_export", kwargs={"pk": 999})).status_code == 404
