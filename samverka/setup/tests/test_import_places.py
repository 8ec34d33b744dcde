"""Maja brings in the meeting places from the culture office's spreadsheet; they are approved at
once (she reviews places), and a second import updates them."""

from django.urls import reverse

from samverka.activities.models import MeetingPlace
from samverka.core.models import AuditEvent
from samverka.setup.models import ImportJob

from .conftest import csv_file

HEADER = ["Namn", "Adress", "Typ", "Öppettider", "Hemsida"]


def run(maja, rows, capture):
    maja.post(reverse("setup:upload"), {"kind": "places", "file": csv_file(rows), "submission_token": str(hash(str(rows)))})
    job = ImportJob.objects.first()
    with capture(execute=True):
        maja.post(job.get_absolute_url(), {**{k: str(v) for k, v in job.mapping.items()}, "action": "start"})
    job.refresh_from_db()
    return job


def test_meeting_places_are_imported_approved_and_updated_on_a_second_import(
        maja, django_capture_on_commit_callbacks):
    rows = [HEADER,
            ["Ekerö bibliotek", "Tappströmsvägen 2, Ekerö", "Bibliotek", "Mån–tor 10–19", "bibliotek.ekero.se"],
            ["Träffpunkt Träkvista", "Träkvistavägen 1", "Träffpunkt", "", ""],
            ["Utan adress", "", "", "", ""],
            ["Stenhamra idrottshall", "Skolvägen 4, Stenhamra", "Rymdstation", "", ""]]
    job = run(maja, rows, django_capture_on_commit_callbacks)
    assert job.mapping == {"name": 0, "address": 1, "kind": 2, "opening_hours": 3, "website": 4}
    assert (job.status, job.created_count, job.refused_count) == ("done", 2, 2)
    library = MeetingPlace.objects.get(name="Ekerö bibliotek")
    assert library.kind == MeetingPlace.Kind.LIBRARY and library.status == MeetingPlace.Status.APPROVED
    assert library.website == "https://bibliotek.ekero.se"
    assert {item["row"] for item in job.errors} == {4, 5}
    assert "Rymdstation" in job.errors[1]["errors"][0]
    assert AuditEvent.objects.filter(action="place.propose").count() == 2

    rows = [HEADER, ["Ekerö bibliotek", "Tappströmsvägen 2, Ekerö", "Bibliotek", "Mån–fre 10–19", ""]]
    job = run(maja, rows, django_capture_on_commit_callbacks)
    assert (job.created_count, job.updated_count) == (0, 1)
    assert MeetingPlace.objects.filter(name="Ekerö bibliotek").get().opening_hours == "Mån–fre 10–19"
