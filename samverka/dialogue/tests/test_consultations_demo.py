"""The demo's consultation on the new senior talks: to the pensioners' and disability councils and
two associations, one answer sent, one drafted, two missing; loading again adds nothing."""

import pytest
from django.core.management import call_command

from samverka.dialogue import demo
from samverka.dialogue.models import Consultation, ConsultationAnswer, FeedbackItem

from .factories_consultations import private_files  # noqa: F401  (a fixture)


@pytest.mark.usefixtures("private_files")
def test_the_demo_consultation_loads_once_and_shows(db, client, time_machine):
    time_machine.move_to("2026-05-04 09:00 +02:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    consultation = Consultation.objects.get(process__slug=demo.SENIOR_TALKS)
    assert consultation.status == "sent"
    names = {r.name for r in consultation.recipients.all()}
    assert {"Kommunala pensionärsrådet", "Kommunala rådet för funktionshinderfrågor"} <= names
    assert {"PRO Ekerö", "RSMH Ekerö"} & names
    answers = {a.recipient.name: a for a in ConsultationAnswer.objects.select_related("recipient__group")}
    assert answers["Kommunala pensionärsrådet"].is_sent
    assert answers["Kommunala rådet för funktionshinderfrågor"].status == "draft"
    assert FeedbackItem.objects.filter(answer=answers["Kommunala pensionärsrådet"]).exists()
    assert consultation.documents.count() == 1

    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "nya seniorsamtal" in page and "Kommunala pensionärsrådet" in page
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Consultation.objects.count() == 1 and ConsultationAnswer.objects.count() == 2
