"""The administration shows surveys and consultations to look things up, and changes nothing:
every change goes through the pages and their services."""

import pytest
from django.urls import reverse

from samverka.dialogue.models import Survey

from .factories_surveys import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def test_the_administrator_looks_up_a_survey_and_its_questions_but_cannot_change_them(client, administrator):
    survey = SurveyFactory(title="Fritiden på Ekerö")
    QuestionFactory(survey=survey, text="Vad saknar du på kvällarna?")
    client.force_login(administrator)
    listing = client.get(reverse("admin:dialogue_survey_changelist")).content.decode()
    assert "Fritiden på Ekerö" in listing
    page = client.get(reverse("admin:dialogue_survey_change", args=[survey.pk])).content.decode()
    assert "Vad saknar du på kvällarna?" in page and 'name="_save"' not in page
    client.post(reverse("admin:dialogue_survey_change", args=[survey.pk]), {"title": "Ändrad"})
    assert Survey.objects.get().title == "Fritiden på Ekerö"
    assert client.get(reverse("admin:dialogue_survey_add")).status_code == 403
    assert client.get(reverse("admin:dialogue_consultation_changelist")).status_code == 200


def test_an_official_has_no_administration_of_surveys(client, official):
    client.force_login(official)
    assert client.get(reverse("admin:dialogue_survey_changelist")).status_code in (302, 403)
