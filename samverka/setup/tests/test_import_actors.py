"""Maja, the administrator, moves the association register in from the old register system's
files: she uploads, checks the columns and the first rows, starts the import and reads which
rows were refused and why. A second import of a corrected file updates instead of doubling."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.urls import reverse

from samverka.activities.recurrence import TZ
from samverka.actors.models import Actor
from samverka.actors.tests.factories import AssociationFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.setup.models import ImportJob

from .conftest import csv_file, orgnr, xlsx_file

UPLOAD = reverse("setup:upload")
HEADER = ["Föreningsnamn", "Organisationsnummer", "E-post", "Telefon", "Webbplats"]


def upload(client, file, kind="actors"):
    return client.post(UPLOAD, {"kind": kind, "file": file, "submission_token": f"t-{file.name}-{id(file)}"})


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    """Start the import; the task runs when the start's transaction commits."""
    def start(client, job, **mapping):
        data = {name: "" if column is None else str(column) for name, column in {**job.mapping, **mapping}.items()}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(job.get_absolute_url(), {**data, "action": "start"})
    return start


def messy_register():
    return [
        HEADER,
        ["Föreningen Ålö Båtklubb", orgnr(1), "INFO@alobatklubb.se", "08-560 123 45", "alobatklubb.se"],
        ["Ekerö Schackklubb", orgnr(2), "schack@example.org", "", ""],
        ["Parkinson Ekerö", "", "", "", ""],
        ["", orgnr(3), "namnlos@example.org", "", ""],
        ["Skärgårdens Syförening", "123456-7890", "", "", ""],
        ["Ekerö schackklubb", orgnr(4), "", "", ""],
        ["Munsö Hembygdsförening", orgnr(1), "", "", ""],
        ["Adelsö Kyrkokör", "", "inte-en-adress", "", ""],
    ]


def test_a_windows_1252_file_with_semicolons_is_read_and_its_columns_guessed(maja):
    response = upload(maja, csv_file(messy_register()))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.file_format == "csv" and job.headers == HEADER
    assert job.mapping == {"name": 0, "organisation_number": 1, "email": 2, "phone": 3, "website": 4}

    page = maja.get(job.get_absolute_url()).content.decode()
    assert "Föreningen Ålö Båtklubb" in page
    assert says("%(value)s is not a valid organisation number (ten digits, for example 802400-1235).",
                value="123456-7890") in page
    assert not Actor.objects.filter(name="Föreningen Ålö Båtklubb").exists()  # nothing before the start


def test_the_import_adds_the_valid_rows_and_lists_each_refused_row_with_its_reason(maja, actor, start):
    upload(maja, csv_file(messy_register()))
    job = ImportJob.objects.get()
    response = start(maja, job)
    assert response.status_code == 302

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.total_rows, job.processed_rows) == (8, 8)
    boat = Actor.objects.get(organisation_number=orgnr(1))
    assert boat.name == "Föreningen Ålö Båtklubb"
    assert boat.email == "info@alobatklubb.se" and boat.website == "https://alobatklubb.se"
    assert boat.kind == Actor.Kind.ASSOCIATION and boat.slug == "foreningen-alo-batklubb"
    # Parkinson Ekerö (the fixture) has no number in the file: the same name, so updated, not doubled.
    assert Actor.objects.filter(name__iexact="Parkinson Ekerö").count() == 1
    refused = {item["row"]: " ".join(item["errors"]) for item in job.errors}
    assert set(refused) == {5, 6, 7, 8, 9}
    assert says("%(field)s is missing.", field=says("Name")) == refused[5]
    assert "123456-7890" in refused[6]
    assert refused[7] == says("The same name as row %(row)s.", row=3)  # as Ekerö Schackklubb
    assert refused[8] == says("The same organisation number as row %(row)s.", row=2)  # as the boat club
    assert "inte-en-adress" in refused[9]
    assert (job.created_count, job.refused_count) == (2, 5)
    assert AuditEvent.objects.filter(action="actor.import").exists()

    page = maja.get(job.get_absolute_url()).content.decode()
    assert says("Refused rows") in page and "inte-en-adress" in page
    listing = maja.get(reverse("setup:refused_rows", kwargs={"pk": job.pk}))
    assert listing.status_code == 200 and "123456-7890" in listing.content.decode("utf-8-sig")


def test_a_second_import_of_a_corrected_file_updates_instead_of_doubling(maja, start):
    upload(maja, csv_file(messy_register()))
    start(maja, ImportJob.objects.get())
    count = Actor.objects.count()

    corrected = [HEADER, ["Föreningen Ålö Båtklubb (ny styrelse)", orgnr(1), "styrelsen@alobatklubb.se", "", ""],
                 ["Ekerö Schackklubb", "", "ny@example.org", "", ""]]
    upload(maja, csv_file(corrected, encoding="utf-8-sig", delimiter=",", name="rattad.csv"))
    job = ImportJob.objects.first()
    start(maja, job)

    job.refresh_from_db()
    assert (job.created_count, job.updated_count, job.refused_count) == (0, 2, 0)
    assert Actor.objects.count() == count
    boat = Actor.objects.get(organisation_number=orgnr(1))
    assert boat.name == "Föreningen Ålö Båtklubb (ny styrelse)" and boat.email == "styrelsen@alobatklubb.se"
    assert boat.phone == "08-560 123 45"  # an empty cell leaves what was there
    assert Actor.objects.get(organisation_number=orgnr(2)).email == "ny@example.org"  # found by name


def test_a_row_with_the_name_of_an_actor_with_another_number_is_refused(maja, start):
    AssociationFactory(name="Ekerö Ridklubb", organisation_number=orgnr(50))
    upload(maja, csv_file([HEADER, ["Ekerö Ridklubb", orgnr(51), "", "", ""]]))
    job = ImportJob.objects.get()
    start(maja, job)
    job.refresh_from_db()
    assert job.refused_count == 1 and orgnr(50) in job.errors[0]["errors"][0]
    assert Actor.objects.filter(name="Ekerö Ridklubb").get().organisation_number == orgnr(50)


def test_an_excel_file_with_dates_and_numbers_is_read(maja, start):
    rows = [["Namn", "Org.nr", "Typ", "Senast uppdaterad"],
            ["Stenhamra IF", int(orgnr(7).replace("-", "")), "Ideell förening", datetime(2025, 3, 14)],
            ["Träffpunkt Tappström", "", "Nätverk", date(2024, 11, 2)],
            ["Färentuna Bygdegård", orgnr(8), "Stiftelse", "igår"]]
    response = upload(maja, xlsx_file(rows))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.file_format == "xlsx"
    assert job.mapping == {"name": 0, "organisation_number": 1, "kind": 2, "last_confirmed_at": 3}
    page = maja.get(job.get_absolute_url()).content.decode()
    assert "2025-03-14" in page

    start(maja, job)
    job.refresh_from_db()
    stenhamra = Actor.objects.get(name="Stenhamra IF")
    assert stenhamra.organisation_number == orgnr(7)
    assert stenhamra.last_confirmed_at.astimezone(TZ).date() == date(2025, 3, 14)
    assert Actor.objects.get(name="Träffpunkt Tappström").kind == Actor.Kind.NETWORK
    assert job.refused_count == 1 and "igår" in job.errors[0]["errors"][0]


def test_an_excel_day_number_in_a_csv_file_is_a_date(maja, start):
    upload(maja, csv_file([["Föreningsnamn", "Senast uppdaterad"], ["Ekerö Hembygdsförening", "45731"]]))
    start(maja, ImportJob.objects.get())
    assert Actor.objects.get(name="Ekerö Hembygdsförening").last_confirmed_at.astimezone(TZ).date() == date(2025, 3, 15)


def test_maja_changes_a_guessed_column_and_the_preview_follows(maja):
    rows = [["Förening", "Kontakt", "Mejl till styrelsen"], ["Ekerö Scoutkår", "Per", "scout@example.org"]]
    upload(maja, csv_file(rows))
    job = ImportJob.objects.get()
    response = maja.post(job.get_absolute_url(), {"name": "0", "email": "1", "action": "check"})
    assert response.status_code == 200
    job.refresh_from_db()
    assert job.mapping == {"name": 0, "email": 1}
    assert says("%(value)s is not an e-mail address.", value="Per") in response.content.decode()

    response = maja.post(job.get_absolute_url(), {"name": "0", "email": "0", "action": "check"})
    assert response.status_code == 400
    assert "field__error" in response.content.decode()
    response = maja.post(job.get_absolute_url(), {"name": "", "email": "2", "action": "start"})
    assert response.status_code == 400
    job.refresh_from_db()
    assert job.status == ImportJob.Status.UPLOADED and job.mapping == {"name": 0, "email": 1}


def test_a_file_that_is_no_table_is_refused_next_to_the_field(maja):
    from django.core.files.uploadedfile import SimpleUploadedFile

    old_excel = SimpleUploadedFile("register.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    response = upload(maja, old_excel)
    assert response.status_code == 400
    assert 'id="id_file_error"' in response.content.decode()
    assert ".xlsx" in response.content.decode()
    empty = SimpleUploadedFile("tom.csv", b"\r\n\r\n")
    response = upload(maja, empty)
    assert response.status_code == 400 and ImportJob.objects.count() == 0


def test_a_double_submit_uploads_once_and_starts_once(maja, start):
    file_rows = [HEADER, ["Ekerö Schackklubb", orgnr(2), "", "", ""]]
    for _ in range(2):
        maja.post(UPLOAD, {"kind": "actors", "file": csv_file(file_rows), "submission_token": "same-token"})
    assert ImportJob.objects.count() == 1
    job = ImportJob.objects.get()
    start(maja, job)
    start(maja, job)
    job.refresh_from_db()
    assert job.created_count == 1 and Actor.objects.filter(name="Ekerö Schackklubb").count() == 1
    assert AuditEvent.objects.filter(action="setup.import").count() == 1


def test_five_thousand_rows_import_in_batches_with_progress(maja, django_assert_max_num_queries, start):
    rows = [HEADER] + [[f"Förening nummer {i}", orgnr(1000 + i), f"f{i}@example.org", "", ""] for i in range(5000)]
    upload(maja, csv_file(rows))
    job = ImportJob.objects.get()
    with django_assert_max_num_queries(400):
        start(maja, job)
    job.refresh_from_db()
    assert (job.status, job.processed_rows, job.created_count, job.refused_count) == ("done", 5000, 5000, 0)
    assert Actor.objects.count() == 5000
    assert AuditEvent.objects.filter(action="actor.import").count() == 5  # one per batch of 1000


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_swedish_letters_survive_every_encoding(maja, encoding, start):
    upload(maja, csv_file([["Namn"], ["Föreningen Ålö Båtklubb"]], encoding=encoding, delimiter=","))
    start(maja, ImportJob.objects.get())
    assert Actor.objects.filter(name="Föreningen Ålö Båtklubb").exists()


def test_a_running_import_shows_its_progress_and_refreshes_itself(maja):
    upload(maja, csv_file([HEADER, ["Ekerö Schackklubb", orgnr(2), "", "", ""]]))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, total_rows=4000, processed_rows=1000)
    page = maja.get(job.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert '<progress id="progress" max="100" value="25">' in page
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, processed_rows=4000)
    assert "http-equiv" not in maja.get(job.get_absolute_url()).content.decode()


def test_a_batch_that_fails_leaves_nothing_of_itself_and_the_job_says_so(maja, start, monkeypatch):
    from samverka.actors import services as actor_services

    real = actor_services.import_actors
    calls = []

    def second_batch_fails(*, by, rows):
        calls.append(len(rows))
        result = real(by=by, rows=rows)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return result

    monkeypatch.setattr(actor_services, "import_actors", second_batch_fails)
    rows = [HEADER] + [[f"Förening {i}", orgnr(3000 + i), "", "", ""] for i in range(1500)]
    upload(maja, csv_file(rows))
    job = ImportJob.objects.get()
    start(maja, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.message
    assert (job.processed_rows, job.created_count) == (1000, 1000)
    assert Actor.objects.count() == 1000  # the first batch, whole; nothing of the second
