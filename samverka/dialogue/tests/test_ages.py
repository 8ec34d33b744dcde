"""A child under 13 takes part in a dialogue once a guardian has confirmed the account: Elsa
(12, her mother has not yet opened the link) sees why in place of the forms for a proposal, a
comment, a survey and a pupils' council's answer to a consultation, and a post is refused with
her text kept; once her mother confirms, or on her 13th birthday, it goes through. A workshop
is an activity of the calendar: its registration is refused the same way."""

import pytest
import time_machine
from django.urls import reverse

from samverka.accounts.tests.children import CASE_IDS, CASES, WAITING, elsa, shows_waiting
from samverka.activities.models import Registration
from samverka.activities.tests.factories import RegistrationActivityFactory
from samverka.core.tests.helpers import says
from samverka.dialogue.models import Comment, ConsultationAnswer, Proposal, Response, Workshop
from samverka.networks.models import Group
from samverka.networks.tests.factories import GroupFactory, MembershipFactory

from .factories import ProcessFactory
from .factories_consultations import RecipientFactory, SentConsultationFactory
from .factories_surveys import five_kinds, open_survey_with_phase, post_for

pytestmark = pytest.mark.django_db

PROPOSAL = {"title": "Skatepark vid skolan", "body": "Vi vill ha en skatepark bakom Tappströmsskolan.",
            "submission_token": "p1"}
COMMENT = {"body": "Och fler bänkar vid busshållplatsen.", "submission_token": "c1"}


@pytest.mark.parametrize(("day", "confirmed", "allowed"), CASES, ids=CASE_IDS)
def test_a_proposal(client, office, day, confirmed, allowed):
    with time_machine.travel(day, tick=False):
        child = elsa(confirmed=confirmed)
        process = ProcessFactory(office=office, title="Ungas Ekerö")
        client.force_login(child)
        url = reverse("dialogue:propose", args=[process.slug])
        form = client.get(url).content.decode()
        assert ('name="title"' in form) is allowed
        assert shows_waiting(form) is not allowed
        process_page = client.get(process.get_absolute_url()).content.decode()
        assert (says(WAITING) in process_page) is not allowed
        assert (url in process_page) is allowed  # the button to make a proposal
        response = client.post(url, PROPOSAL)
    assert Proposal.objects.filter(author=child).exists() is allowed
    if not allowed:
        page = response.content.decode()
        assert response.status_code == 200 and says(WAITING) in page
        assert "Vi vill ha en skatepark bakom Tappströmsskolan." in page  # her text is kept


@pytest.mark.parametrize(("day", "confirmed", "allowed"), CASES, ids=CASE_IDS)
def test_a_comment(client, office, day, confirmed, allowed):
    with time_machine.travel(day, tick=False):
        child = elsa(confirmed=confirmed)
        process = ProcessFactory(office=office)
        client.force_login(child)
        url = reverse("dialogue:comment", args=[process.slug])
        process_page = client.get(process.get_absolute_url()).content.decode()
        assert (f'action="{url}"' in process_page or 'name="body"' in process_page) is allowed  # the comment form
        form = client.get(url).content.decode()
        assert ('name="body"' in form) is allowed
        assert shows_waiting(form) is not allowed
        response = client.post(url, COMMENT)
    assert Comment.objects.filter(author=child).exists() is allowed
    if not allowed:
        page = response.content.decode()
        assert response.status_code == 200 and says(WAITING) in page
        assert "Och fler bänkar vid busshållplatsen." in page


@pytest.mark.parametrize(("day", "confirmed", "allowed"), CASES, ids=CASE_IDS)
def test_a_survey_answer(client, day, confirmed, allowed):
    with time_machine.travel(day, tick=False):
        child = elsa(confirmed=confirmed)
        survey = open_survey_with_phase()
        questions = five_kinds(survey)
        client.force_login(child)
        url = reverse("dialogue:survey_answer", args=[survey.pk])
        survey_page = client.get(survey.get_absolute_url()).content.decode()
        assert (f'href="{url}"' in survey_page) is allowed
        assert shows_waiting(survey_page) is not allowed
        form = client.get(url).content.decode()
        assert ('name="submission_token"' in form) is allowed
        assert shows_waiting(form) is not allowed
        response = client.post(url, post_for(questions, submission_token="s1"))
    assert Response.objects.filter(survey=survey).exists() is allowed
    if not allowed:
        page = response.content.decode()
        assert response.status_code == 200 and says(WAITING) in page
        assert "Mer tid för remisser." in page  # the answers stay on the form


@pytest.mark.parametrize(("day", "confirmed", "allowed"), CASES, ids=CASE_IDS)
def test_a_pupils_councils_answer_to_a_consultation(client, day, confirmed, allowed):
    with time_machine.travel(day, tick=False):
        child = elsa(confirmed=confirmed)
        council = GroupFactory(name="Elevrådet på Tappströmsskolan", kind=Group.Kind.PUPILS_COUNCIL,
                               join_rule=Group.JoinRule.REQUEST)
        MembershipFactory(group=council, user=child)
        recipient = RecipientFactory(consultation=SentConsultationFactory(), actor=None, group=council)
        client.force_login(child)
        url = reverse("dialogue:consultation_answer", args=[recipient.pk])
        page = client.get(url).content.decode()
        assert ('id="answer-form"' in page) is allowed
        assert shows_waiting(page) is not allowed
        questions = list(recipient.consultation.questions.all())
        data = {"summary": "Vi vill ha samtalen tidigare.", "revision": 0,
                **{f"q{q.pk}": "Svar från elevrådet." for q in questions}}
        response = client.post(url, data)
    assert ConsultationAnswer.objects.filter(recipient=recipient).exists() is allowed
    if not allowed:
        page = response.content.decode()
        assert says(WAITING) in page and "Vi vill ha samtalen tidigare." in page


@pytest.mark.parametrize(("day", "confirmed", "allowed"), CASES, ids=CASE_IDS)
def test_registering_for_a_workshop(client, office, day, confirmed, allowed):
    """A workshop's registration is its activity's (activities.services.register refuses)."""
    with time_machine.travel(day, tick=False):
        child = elsa(confirmed=confirmed)
        process = ProcessFactory(office=office)
        activity = RegistrationActivityFactory(title="Workshop: Ungas Ekerö", capacity=20)
        Workshop.objects.create(process=process, activity=activity)
        client.force_login(child)
        url = reverse("activities:register", args=[activity.slug, activity.occurrences.first().pk])
        response = client.post(url, {"name": "Elsa Lind", "email": child.email, "phone": ""})
    assert Registration.objects.filter(occurrence__activity=activity).exists() is allowed
    if not allowed:
        page = response.content.decode()
        assert says(WAITING) in page and 'value="Elsa Lind"' in page

