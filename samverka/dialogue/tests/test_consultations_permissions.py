"""For every consultation address: a person without the right is refused and nothing changes.
Anonymous visitors are sent to log in (or get 404 where the page is public once sent); signed-in
people get 403 when they may see the thing but not do this, 404 when they may not see it at all.
A council member who is not its chair cannot send the council's answer; a delegate acts only for
the council or association they are in."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import MembershipFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent, Submission
from samverka.dialogue.models import (
    AnswerPart,
    Consultation,
    ConsultationAnswer,
    Document,
    FeedbackItem,
    Recipient,
)
from samverka.dialogue.services_consultations import save_answer

from .factories_consultations import *  # noqa: F403  (its fixtures)
from .factories_consultations import PDF, ConsultationFactory

pytestmark = pytest.mark.django_db

ANONYMOUS, RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL = "anonymous", "resident", "other_representative", \
    "other_official"
REPRESENTATIVE, COUNCIL_MEMBER, OFFICE = "representative", "council_member", "office"
STRANGERS = [ANONYMOUS, RESIDENT, OTHER_REPRESENTATIVE, OTHER_OFFICIAL]
NOT_THE_OFFICE = [*STRANGERS, REPRESENTATIVE, COUNCIL_MEMBER]

DRAFT_FORM = {"title": "Kapad", "body": "Kapad", "questions": "Kapad?", "remind_days_before": "1",
              "deadline": (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")}

# key → (url name, object of the scene, method, data, who is refused)
URLS = {
    "create:get": ("consultation_create", "process", "get", None, NOT_THE_OFFICE),
    "create:post": ("consultation_create", "process", "post", DRAFT_FORM, NOT_THE_OFFICE),
    "draft:get": ("consultation", "draft", "get", None, NOT_THE_OFFICE),
    "edit:get": ("consultation_edit", "draft", "get", None, NOT_THE_OFFICE),
    "edit:post": ("consultation_edit", "draft", "post", DRAFT_FORM, NOT_THE_OFFICE),
    "recipients:get": ("consultation_recipients", "draft", "get", None, NOT_THE_OFFICE),
    "recipients:post": ("consultation_recipients", "draft", "post", {"actors": ["other_actor"]}, NOT_THE_OFFICE),
    "add_document": ("consultation_add_document", "draft", "post", {"title": "Kapad"}, NOT_THE_OFFICE),
    "send_out": ("consultation_send", "draft", "post", {}, NOT_THE_OFFICE),
    "document": ("consultation_document", "draft_document", "get", None, NOT_THE_OFFICE),
    "remove_document": ("consultation_remove_document", "draft_document", "post", {}, NOT_THE_OFFICE),
    "recipients_sent:post": ("consultation_recipients", "sent", "post", {"actors": ["other_actor"]}, NOT_THE_OFFICE),
    "close": ("consultation_close", "sent", "post", {}, NOT_THE_OFFICE),
    "deadline:get": ("consultation_deadline", "sent", "get", None, NOT_THE_OFFICE),
    "deadline:post": ("consultation_deadline", "sent", "post", {"deadline": DRAFT_FORM["deadline"]}, NOT_THE_OFFICE),
    "report": ("consultation_report", "sent", "get", None, NOT_THE_OFFICE),
    "report:csv": ("consultation_report", "sent", "get", {"format": "csv"}, NOT_THE_OFFICE),
    "answer:get": ("consultation_answer", "actor_recipient", "get", None, [*STRANGERS, COUNCIL_MEMBER, OFFICE]),
    "answer:post": ("consultation_answer", "actor_recipient", "post", {"summary": "Kapad", "revision": 1},
                    [*STRANGERS, COUNCIL_MEMBER, OFFICE]),
    "send_answer": ("consultation_send_answer", "actor_recipient", "post", {"revision": 1},
                    [*STRANGERS, COUNCIL_MEMBER, OFFICE]),
    "council_answer:get": ("consultation_answer", "council_recipient", "get", None,
                           [*STRANGERS, REPRESENTATIVE, OFFICE]),
    "council_answer:post": ("consultation_answer", "council_recipient", "post", {"summary": "Kapad", "revision": 1},
                            [*STRANGERS, REPRESENTATIVE, OFFICE]),
    # A council member who is not the chair drafts, but does not send.
    "council_send_answer": ("consultation_send_answer", "council_recipient", "post", {"revision": 1},
                            [*STRANGERS, REPRESENTATIVE, COUNCIL_MEMBER, OFFICE]),
}
CASES = [(key, who) for key, (*_, refused) in URLS.items() for who in refused]


@pytest.fixture
def scene(ali, official, resident, other_actor, actor_recipient, council_recipient, representative, council_member,
          council_chair, private_files):
    """The senior talks' process of the social office (Ali): a sent consultation to Parkinson Ekerö
    (Eva) and the pensioners' council (Birgitta chairs, Gunnar is a member), both with a saved
    draft; a draft consultation with a document. Sara (the conftest's official) works at another
    office; Amal represents another association."""
    amal = UserFactory(first_name="Amal", last_name="Haddad", email="amal@example.org")
    MembershipFactory(actor=other_actor, user=amal, role=ActorMembership.Role.OWNER)
    sent = actor_recipient.consultation
    for recipient, by in ((actor_recipient, representative), (council_recipient, council_member)):
        question = recipient.consultation.questions.first()
        save_answer(by=by, recipient=recipient, summary="Vårt utkast.", parts={question.pk: "Ja."}, revision=0)
    draft = ConsultationFactory(process=sent.process, title="Remiss i utkast")
    Recipient.objects.create(consultation=draft, actor=other_actor)
    document = Document.objects.create(process=sent.process, consultation=draft, title="Förslaget",
                                       file=ContentFile(PDF, name="f.pdf"))
    return {
        "process": sent.process, "draft": draft, "sent": sent, "draft_document": document,
        "actor_recipient": actor_recipient, "council_recipient": council_recipient, "other_actor": other_actor,
        "people": {ANONYMOUS: None, RESIDENT: resident, OTHER_REPRESENTATIVE: amal, OTHER_OFFICIAL: official,
                   REPRESENTATIVE: representative, COUNCIL_MEMBER: council_member, OFFICE: ali,
                   "chair": council_chair},
    }


def url_for(name: str, obj) -> str:
    return reverse(f"dialogue:{name}", args=[obj.slug if name == "consultation_create" else obj.pk])


def state() -> dict:
    """Everything a refused request could have changed."""
    return {
        "consultations": [model_to_dict(c) for c in Consultation.objects.order_by("pk")],
        "questions": sorted(Consultation.objects.values_list("questions__text", flat=True), key=str),
        "recipients": sorted(Recipient.objects.values_list("pk", "actor_id", "group_id", "reminded_at")),
        "answers": [model_to_dict(a) for a in ConsultationAnswer.objects.order_by("pk")],
        "parts": sorted(AnswerPart.objects.values_list("pk", "text")),
        "documents": sorted(Document.objects.values_list("pk", "title", "file")),
        "feedback": FeedbackItem.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        "outbox": OutboxMessage.objects.count(),
        "submissions": Submission.objects.count(),
    }


def _data(data, scene):
    if data and "actors" in data:
        return {"actors": [scene["other_actor"].pk]}
    return data or {}


@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k}-{w}" for k, w in CASES])
def test_without_the_right_nothing_happens(client, scene, key, who, django_capture_on_commit_callbacks):
    name, obj, method, data, _ = URLS[key]
    user = scene["people"][who]
    if user is not None:
        client.force_login(user)
    before = state()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = getattr(client, method)(url_for(name, scene[obj]), _data(data, scene))

    if user is None:
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code in (403, 404)
    assert state() == before
    assert callbacks == []


@pytest.mark.parametrize("key", URLS)
def test_an_unknown_object_is_not_found(client, scene, key, administrator):
    name, obj, method, data, _ = URLS[key]
    client.force_login(administrator)
    url = reverse(f"dialogue:{name}", args=["finns-inte" if name == "consultation_create" else 999999])
    assert getattr(client, method)(url, _data(data, scene)).status_code == 404


@pytest.mark.parametrize(("key", "who"), [
    ("create:get", OFFICE), ("edit:get", OFFICE), ("recipients:get", OFFICE), ("report", OFFICE),
    ("document", OFFICE), ("answer:get", REPRESENTATIVE), ("council_answer:get", COUNCIL_MEMBER),
    ("council_answer:get", "chair")])
def test_the_right_people_get_in(client, scene, key, who):
    """The refusals above are not simply broken pages: those with the right are let in."""
    name, obj, method, data, _ = URLS[key]
    client.force_login(scene["people"][who])
    assert getattr(client, method)(url_for(name, scene[obj]), _data(data, scene)).status_code == 200


def test_a_delegate_who_also_represents_an_association_acts_for_each_only_in_its_own_name(
        client, scene, council_member, actor):
    """Gunnar sits in the pensioners' council; made a representative of Parkinson Ekerö too, he
    may send Parkinson Ekerö's answer, but still not the council's."""
    MembershipFactory(actor=actor, user=council_member, role=ActorMembership.Role.EDITOR)
    client.force_login(council_member)
    assert client.post(url_for("consultation_send_answer", scene["council_recipient"]),
                       {"revision": 1}).status_code == 403
    assert client.post(url_for("consultation_send_answer", scene["actor_recipient"]),
                       {"revision": 1}).status_code == 302
    assert ConsultationAnswer.objects.get(recipient=scene["actor_recipient"]).sent_by == council_member
    assert ConsultationAnswer.objects.get(recipient=scene["council_recipient"]).status == "draft"
