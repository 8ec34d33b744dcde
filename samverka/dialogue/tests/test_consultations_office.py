"""The office's side of a consultation: draft it with its questions, choose councils and
associations, add documents, send it out (each representative told once), close it after the
deadline, and read the compiled answers (HTML, CSV, PDF)."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.dialogue.models import Consultation, ConsultationAnswer, Document, Recipient
from samverka.dialogue.services_consultations import save_answer, send_answer

from .factories_consultations import *  # noqa: F403  (its fixtures)
from .factories_consultations import PDF

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {"title": "Remiss: nya seniorsamtal", "body": "Vi föreslår hembesök redan vid 75 år.",
            "questions": "Vid vilken ålder?\n\nVad saknas i dag?\n",
            "deadline": (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"),
            "remind_days_before": "7", "submission_token": "tok-1"}
    data.update(changes)
    return data


def test_ali_drafts_a_consultation_with_ordered_questions_once(client, ali, senior_talks):
    client.force_login(ali)
    url = reverse("dialogue:consultation_create", args=[senior_talks.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, _form())
    again = client.post(url, _form())  # a double click

    made = Consultation.objects.get()
    assert response.status_code == again.status_code == 302
    assert response.url == again.url == made.get_absolute_url()
    assert (made.status, made.process, made.created_by) == ("draft", senior_talks, ali)
    assert list(made.questions.values_list("text", "position")) == [("Vid vilken ålder?", 0), ("Vad saknas i dag?", 1)]
    assert AuditEvent.objects.filter(action="consultation.create").count() == 1


def test_bad_input_is_shown_next_to_the_field_and_the_rest_is_kept(client, ali, senior_talks):
    client.force_login(ali)
    url = reverse("dialogue:consultation_create", args=[senior_talks.slug])
    response = client.post(url, _form(questions="  \n", deadline="2001-01-01T10:00"))
    assert response.status_code == 200
    assert says("Write at least one question.") in response.text
    assert says("The deadline has passed. Choose a date and time later than now.") in response.text
    assert "Vi föreslår hembesök redan vid 75 år." in response.text
    assert not Consultation.objects.exists()


def test_ali_changes_the_draft_but_not_once_it_is_sent(client, ali, consultation):
    client.force_login(ali)
    url = reverse("dialogue:consultation_edit", args=[consultation.pk])
    assert client.post(url, _form(title="Remiss: seniorsamtal vid 75", questions="En enda fråga?")).status_code == 302
    consultation.refresh_from_db()
    assert consultation.title == "Remiss: seniorsamtal vid 75"
    assert list(consultation.questions.values_list("text", flat=True)) == ["En enda fråga?"]

    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.SENT)
    response = client.post(url, _form(title="Ändrad efteråt"))
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.title == "Remiss: seniorsamtal vid 75"


def test_ali_chooses_a_council_and_associations(client, ali, consultation, pensioners_council, actor, other_actor):
    client.force_login(ali)
    url = reverse("dialogue:consultation_recipients", args=[consultation.pk])
    page = client.get(url)
    assert "Kommunala pensionärsrådet" in page.text and "Parkinson Ekerö" in page.text
    response = client.post(url, {"groups": [pensioners_council.pk], "actors": [actor.pk, other_actor.pk]})
    assert response.status_code == 302
    assert Recipient.objects.filter(consultation=consultation).count() == 3
    client.post(url, {"groups": [pensioners_council.pk], "actors": [actor.pk]})  # a draft may drop one
    assert set(Recipient.objects.filter(consultation=consultation).values_list("actor", "group")) == {
        (actor.pk, None), (None, pensioners_council.pk)}
    response = client.post(url, {})
    assert says("Choose at least one council, group or association.") in response.text
    assert Recipient.objects.filter(consultation=consultation).count() == 2


def test_sending_out_tells_every_representative_once(client, ali, consultation, actor, representative, editor,
                                                     pensioners_council, council_chair, council_member):
    Recipient.objects.create(consultation=consultation, actor=actor)
    Recipient.objects.create(consultation=consultation, group=pensioners_council)
    client.force_login(ali)
    url = reverse("dialogue:consultation_send", args=[consultation.pk])
    response = client.post(url)
    client.post(url)  # twice: refused, nobody told again

    consultation.refresh_from_db()
    assert consultation.status == "sent" and consultation.sent_at is not None
    told = sorted(OutboxMessage.objects.values_list("to", flat=True))
    assert told == sorted([representative.email, editor.email, council_chair.email, council_member.email])
    message = OutboxMessage.objects.get(to=council_member.email)
    assert "Remiss: nya seniorsamtal" in message.subject
    recipient = consultation.recipients.get(group=pensioners_council)
    assert reverse("dialogue:consultation_answer", args=[recipient.pk]) in message.body_text
    assert any("4" in m for m in flash(response))


def test_a_new_recipient_after_sending_is_told_at_once(client, ali, sent, other_actor, pensioners_council, actor):
    from samverka.actors.models import ActorMembership
    from samverka.actors.tests.factories import MembershipFactory

    person = MembershipFactory(actor=other_actor, role=ActorMembership.Role.OWNER).user
    client.force_login(ali)
    client.post(reverse("dialogue:consultation_recipients", args=[sent.pk]),
                {"groups": [], "actors": [other_actor.pk]})
    assert sent.recipients.count() == 3  # nobody is removed once sent
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [person.email]


@pytest.mark.parametrize("problem", ["no recipients", "no phase", "deadline after phase", "process draft"])
def test_sending_out_is_refused_with_a_message_when_it_cannot_be_answered(client, ali, consultation, actor, problem):
    if problem != "no recipients":
        Recipient.objects.create(consultation=consultation, actor=actor)
    if problem == "no phase":
        consultation.process.phases.all().delete()
    if problem == "deadline after phase":
        Consultation.objects.filter(pk=consultation.pk).update(deadline=timezone.now() + timedelta(days=30))
    if problem == "process draft":
        consultation.process.status = "draft"
        consultation.process.save()
    client.force_login(ali)
    response = client.post(reverse("dialogue:consultation_send", args=[consultation.pk]))
    assert response.status_code == 302
    assert flash(response)
    consultation.refresh_from_db()
    assert consultation.status == "draft"
    assert not OutboxMessage.objects.exists()


def test_documents_are_uploaded_checked_and_downloaded_by_who_may_see_them(client, ali, consultation, resident,
                                                                          private_files):
    client.force_login(ali)
    url = reverse("dialogue:consultation_add_document", args=[consultation.pk])
    response = client.post(url, {"title": "Förslaget", "file": SimpleUploadedFile("forslag.pdf", PDF),
                                 "submission_token": "doc-1"})
    assert response.status_code == 302
    bad = client.post(url, {"title": "Program", "file": SimpleUploadedFile("program.pdf", b"MZ\x90\x00"),
                            "submission_token": "doc-2"})
    assert bad.status_code == 400
    document = Document.objects.get()
    assert (document.process, document.consultation, document.uploaded_by) == (consultation.process, consultation, ali)

    download = reverse("dialogue:consultation_document", args=[document.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"

    # A draft's document: the office only.
    client.force_login(resident)
    assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 404
    # Sent out: a public record, for everyone who may see the process.
    Consultation.objects.filter(pk=consultation.pk).update(status=Consultation.Status.SENT)
    assert client.get(download).status_code == 200


def test_a_document_is_removed_while_the_consultation_is_a_draft(client, ali, consultation, private_files):
    from django.core.files.base import ContentFile

    document = Document.objects.create(process=consultation.process, consultation=consultation, title="Gammal",
                                       file=ContentFile(PDF, name="a.pdf"))
    client.force_login(ali)
    client.post(reverse("dialogue:consultation_remove_document", args=[document.pk]))
    assert not Document.objects.exists()


def _answered(recipient, by, text):
    questions = list(recipient.consultation.questions.all())
    save_answer(by=by, recipient=recipient, summary=text, parts={questions[0].pk: "=SUMMA(A1)"}, revision=0)
    send_answer(by=by, recipient=recipient, revision=1)


def test_the_compiled_report_dates_an_answer_by_the_municipalitys_day(client, ali, actor_recipient, representative):
    # Sent at half past midnight in Sweden, which is still the day before in UTC.
    half_past_midnight = (timezone.localtime() + timedelta(days=1)).replace(hour=0, minute=30, second=0, microsecond=0)
    with time_machine.travel(half_past_midnight, tick=False):
        _answered(actor_recipient, representative, "Parkinson Ekerö välkomnar förslaget.")
    client.force_login(ali)
    url = reverse("dialogue:consultation_report", args=[actor_recipient.consultation.pk])
    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode())))
    assert rows[1][:2] == ["Parkinson Ekerö", half_past_midnight.date().isoformat()]


def test_the_compiled_report_for_the_office_and_the_public_once_closed(client, ali, resident, actor_recipient,
                                                                       council_recipient, representative):
    _answered(actor_recipient, representative, "Parkinson Ekerö välkomnar förslaget.")
    sent = actor_recipient.consultation
    url = reverse("dialogue:consultation_report", args=[sent.pk])

    client.force_login(ali)
    page = client.get(url)
    assert page.status_code == 200
    assert "Parkinson Ekerö välkomnar förslaget." in page.text
    assert "Kommunala pensionärsrådet" in page.text  # listed as not answered

    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode())))
    assert ["Parkinson Ekerö", timezone.localdate().isoformat(), "Vid vilken ålder bör samtalet erbjudas?",
            "'=SUMMA(A1)"] in rows
    pdf = client.get(url, {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    # Not public while answers may still come.
    client.force_login(resident)
    assert client.get(url).status_code == 403
    # Ali closes it after the deadline: then it is public.
    client.force_login(ali)
    close = reverse("dialogue:consultation_close", args=[sent.pk])
    response = client.post(close)
    assert says("The deadline has not passed yet. Close the consultation after the deadline.") in flash(response)
    with time_machine.travel(sent.deadline + timedelta(hours=1), tick=False):
        client.force_login(ali)
        client.post(close)
    sent.refresh_from_db()
    assert sent.status == "closed"
    client.logout()
    page = client.get(url)
    assert page.status_code == 200 and "Parkinson Ekerö välkomnar förslaget." in page.text


def test_the_report_shows_sent_answers_only(client, ali, actor_recipient, council_recipient, council_member):
    questions = list(council_recipient.consultation.questions.all())
    save_answer(by=council_member, recipient=council_recipient, summary="Rådets hemliga utkast.",
                parts={questions[0].pk: ""}, revision=0)
    client.force_login(ali)
    page = client.get(reverse("dialogue:consultation_report", args=[council_recipient.consultation.pk]))
    assert "Rådets hemliga utkast." not in page.text
    assert ConsultationAnswer.objects.count() == 1


def test_the_consultation_page_for_the_public_the_office_and_a_representative(client, ali, resident,
                                                                              actor_recipient, representative):
    sent = actor_recipient.consultation
    url = sent.get_absolute_url()
    page = client.get(url)  # anonymous: a sent consultation is a public record
    assert page.status_code == 200 and "Vid vilken ålder bör samtalet erbjudas?" in page.text
    assert reverse("dialogue:consultation_answer", args=[actor_recipient.pk]) not in page.text
    client.force_login(representative)
    assert reverse("dialogue:consultation_answer", args=[actor_recipient.pk]) in client.get(url).text
    client.force_login(ali)
    page = client.get(url)
    assert reverse("dialogue:consultation_close", args=[sent.pk]) in page.text


def test_the_list_shows_what_to_answer_and_what_the_office_sent(client, ali, actor_recipient, council_recipient,
                                                                representative, council_member, resident):
    url = reverse("dialogue:consultations")
    client.force_login(representative)
    page = client.get(url)
    assert reverse("dialogue:consultation_answer", args=[actor_recipient.pk]) in page.text
    assert reverse("dialogue:consultation_answer", args=[council_recipient.pk]) not in page.text
    client.force_login(council_member)
    assert reverse("dialogue:consultation_answer", args=[council_recipient.pk]) in client.get(url).text
    client.force_login(ali)
    assert actor_recipient.consultation.get_absolute_url() in client.get(url).text
    client.force_login(resident)
    page = client.get(url)
    assert page.status_code == 200 and actor_recipient.consultation.title not in page.text


def test_the_public_pages_are_cached_and_show_a_change_at_once(client, ali, actor_recipient, other_actor,
                                                               django_assert_num_queries,
                                                               django_capture_on_commit_callbacks):
    url = actor_recipient.consultation.get_absolute_url()
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
    assert "Öar utan gränser" not in client.get(url).text
    ali_client = type(client)()
    ali_client.force_login(ali)
    with django_capture_on_commit_callbacks(execute=True):
        ali_client.post(reverse("dialogue:consultation_recipients", args=[actor_recipient.consultation.pk]),
                        {"actors": [other_actor.pk]})
    assert "Öar utan gränser" in client.get(url).text


def test_ali_gives_more_time_and_those_who_have_not_answered_are_told(client, ali, actor_recipient,
                                                                      council_recipient, representative, editor,
                                                                      council_chair, council_member):
    _answered(actor_recipient, representative, "Parkinson Ekerö svarar.")
    council_recipient.reminded_at = timezone.now()
    council_recipient.save()
    consultation = actor_recipient.consultation
    url = reverse("dialogue:consultation_deadline", args=[consultation.pk])
    client.force_login(ali)
    assert client.get(url).status_code == 200

    late = timezone.localtime() + timedelta(days=25)  # after the consultation phase ends
    response = client.post(url, {"deadline": late.strftime("%Y-%m-%dT%H:%M")})
    assert says("The deadline is after the consultation phase ends. Choose a deadline on or before the "
                "phase's end.") in response.text
    new = (timezone.localtime() + timedelta(days=18)).replace(second=0, microsecond=0)
    response = client.post(url, {"deadline": new.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.deadline == new
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == sorted(
        [council_chair.email, council_member.email])
    council_recipient.refresh_from_db()
    assert council_recipient.reminded_at is None  # reminded again before the new deadline
    assert AuditEvent.objects.filter(action="consultation.deadline").count() == 1


def test_once_sent_those_asked_are_shown_fixed_and_stay_asked(client, ali, sent, pensioners_council, actor):
    import re

    client.force_login(ali)
    url = reverse("dialogue:consultation_recipients", args=[sent.pk])
    page = client.get(url).text
    for name, pk in (("actors", actor.pk), ("groups", pensioners_council.pk)):
        box = re.search(rf'<input[^>]*name="{name}" value="{pk}"[^>]*>', page).group(0)
        assert "checked" in box and "disabled" in box
    assert says("Those already asked are ticked and cannot be removed: their answer may be under way.") in page
    # A browser posts no disabled box: nothing is lost, and no "choose at least one" either.
    response = client.post(url, {})
    assert response.status_code == 302
    assert sent.recipients.count() == 2
