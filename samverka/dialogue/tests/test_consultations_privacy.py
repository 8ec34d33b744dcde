"""What the consultations keep about a person (for "see my data") and what erasing them does:
the answers belong to the association or council, so only the person's name on them goes.
privacy.py (the processes part's) calls these; the front door is tested there once wired."""

import pytest

from samverka.dialogue import services_consultations
from samverka.dialogue.models import ConsultationAnswer
from samverka.dialogue.services_consultations import save_answer, send_answer

from .factories_consultations import *  # noqa: F403  (its fixtures)

pytestmark = pytest.mark.django_db


def test_personal_data_and_erase(actor_recipient, council_recipient, representative, council_member, ali):
    question = actor_recipient.consultation.questions.first()
    save_answer(by=representative, recipient=actor_recipient, summary="Evas svar.", parts={question.pk: "Ja."},
                revision=0)
    send_answer(by=representative, recipient=actor_recipient, revision=1)
    save_answer(by=council_member, recipient=council_recipient, summary="Gunnars utkast.",
                parts={question.pk: ""}, revision=0)

    data = services_consultations.personal_data(representative)
    assert [(a["for"], a["status"], a["sent_by_you"], a["summary"]) for a in data["consultation_answers"]] == [
        ("Parkinson Ekerö", "sent", True, "Evas svar.")]
    assert services_consultations.personal_data(ali)["consultation_answers"] == []

    services_consultations.erase(representative)
    answer = ConsultationAnswer.objects.get(recipient=actor_recipient)
    assert (answer.edited_by, answer.sent_by, answer.summary, answer.status) == (None, None, "Evas svar.", "sent")
    assert services_consultations.personal_data(representative)["consultation_answers"] == []
    assert ConsultationAnswer.objects.get(recipient=council_recipient).edited_by == council_member


def test_the_process_retention_removes_the_names_and_keeps_the_answers(actor_recipient, representative):
    question = actor_recipient.consultation.questions.first()
    save_answer(by=representative, recipient=actor_recipient, summary="Evas svar.", parts={question.pk: "Ja."},
                revision=0)
    send_answer(by=representative, recipient=actor_recipient, revision=1)
    assert services_consultations.anonymise(actor_recipient.consultation.process) == 1
    answer = ConsultationAnswer.objects.get(recipient=actor_recipient)
    assert (answer.edited_by, answer.sent_by, answer.summary) == (None, None, "Evas svar.")
