"""Answering a need and handling the answers: one answer per person and need, messages in
the outbox with stable keys, an accepted sign-up becomes a volunteer's assignment."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.needs.models import Answer, Need
from samverka.needs.tests.factories import AnswerFactory, NeedFactory
from samverka.volunteers.models import Assignment, Volunteer
from samverka.volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(official):
    return NeedFactory(office=official.office_memberships.get().office, title="Besöksvänner", slug="besoksvanner",
                       contact=official)


def answer(client, need, token="t1", **data):  # noqa: S107 (a form token, not a password)
    payload = {"kind": "sign_up", "message": "Jag kan på tisdagar.", "submission_token": token, **data}
    return client.post(reverse("needs:answer", args=[need.slug]), payload)


def test_a_resident_signs_up_and_the_contact_is_told(client, need, resident, official, django_capture_on_commit_callbacks):
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, need)
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    item = Answer.objects.get()
    assert (item.user, item.kind, item.status, item.actor) == (resident, "sign_up", "new", None)
    mail = OutboxMessage.objects.get()
    assert mail.to == official.email
    assert mail.idempotency_key == f"need-answer-{item.pk}-received-{official.email}"
    assert "Besöksvänner" in mail.subject and "Jag kan på tisdagar." in mail.body_text
    assert says("Thank you! Your answer is sent. You get an e-mail when they have read it.") in flash(response)
    page = client.get(need.get_absolute_url()).content.decode()
    assert says("Change your answer") in page


def test_answering_twice_updates_the_one_answer(client, need, resident):
    client.force_login(resident)
    answer(client, need, token="a")
    response = answer(client, need, token="b", kind="question", message="Behöver jag bil?")
    assert Answer.objects.count() == 1
    item = Answer.objects.get()
    assert (item.kind, item.message) == ("question", "Behöver jag bil?")
    assert says("Your answer is updated.") in flash(response)
    assert OutboxMessage.objects.count() == 1, "the publisher is told once"


def test_a_handled_answer_cannot_be_sent_again(client, need, resident):
    AnswerFactory(need=need, user=resident, status=Answer.Status.DECLINED)
    client.force_login(resident)
    response = answer(client, need)
    assert response.status_code == 200
    assert says("You have already answered this need, and the publisher has handled your answer.") in response.content.decode()
    assert Answer.objects.get().status == "declined"


def test_a_double_submit_sends_one_answer(client, need, resident):
    client.force_login(resident)
    answer(client, need, token="same")
    answer(client, need, token="same", message="Annat")
    assert Answer.objects.get().message == "Jag kan på tisdagar."


@pytest.mark.parametrize("state", ["closed", "expired"])
def test_a_closed_need_takes_no_answers(client, need, resident, state):
    if state == "closed":
        Need.objects.filter(pk=need.pk).update(status=Need.Status.CLOSED, outcome="Klart.")
    else:
        Need.objects.filter(pk=need.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    client.force_login(resident)
    response = answer(client, need)
    assert response.status_code == 200
    assert says("This need is closed and takes no more answers.") in response.content.decode()
    assert not Answer.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"message": ""}, "message"), ({"message": "   "}, "message"), ({"message": "x" * 2001}, "message"),
    ({"kind": "hack"}, "kind"),
])
def test_bad_answers_get_a_message(client, need, resident, data, field):
    client.force_login(resident)
    response = answer(client, need, **data)
    assert field in response.context["form"].errors
    assert not Answer.objects.exists()


def test_script_in_an_answer_is_escaped_for_the_publisher(client, need, resident, official):
    client.force_login(resident)
    answer(client, need, message="<script>alert('x')</script>")
    client.force_login(official)
    page = client.get(reverse("needs:answers", args=[need.slug])).content.decode()
    assert "<script>alert('x')</script>" not in page
    assert "&lt;script&gt;" in page


def test_a_representative_answers_for_the_actor(client, need, representative, actor, other_actor):
    client.force_login(representative)
    response = answer(client, need, kind="offer", actor=str(other_actor.pk))
    assert "actor" in response.context["form"].errors, "only the actors one represents"
    answer(client, need, kind="offer", actor=str(actor.pk), message="Vi har en lokal.")
    item = Answer.objects.get()
    assert item.actor == actor and item.kind == "offer"


def test_the_publisher_cannot_answer_their_own_need(client, need, official):
    client.force_login(official)
    assert answer(client, need).status_code == 403
    assert not Answer.objects.exists()


def test_accepting_a_sign_up_makes_an_assignment_and_tells_the_person(client, need, resident, official,
                                                                      django_capture_on_commit_callbacks):
    item = AnswerFactory(need=need, user=resident)
    client.force_login(official)
    url = reverse("needs:handle", args=[need.slug, item.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "accept", "reply": "Välkommen! Vi ses tisdag kl. 18."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "accepted" and item.handled_by == official
    volunteer = Volunteer.objects.get()
    assert volunteer.user == resident and volunteer.email == resident.email and volunteer.is_available
    assignment = Assignment.objects.get()
    assert assignment.need == need and assignment.volunteer == volunteer and assignment.status == "active"
    mail = OutboxMessage.objects.get(to=resident.email)
    assert mail.idempotency_key == f"need-answer-{item.pk}-accepted"
    assert "Välkommen! Vi ses tisdag kl. 18." in mail.body_text
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {"need.accept", "assignment.create"}
    # Handling again changes nothing.
    response = client.post(url, {"decision": "decline", "reply": "Nej"})
    item.refresh_from_db()
    assert item.status == "accepted"
    assert OutboxMessage.objects.filter(to=resident.email).count() == 1


def test_accepting_uses_the_persons_existing_volunteer(client, need, resident, official):
    volunteer = VolunteerFactory(email=resident.email.upper(), phone="+46701234567")
    item = AnswerFactory(need=need, user=resident)
    client.force_login(official)
    client.post(reverse("needs:handle", args=[need.slug, item.pk]), {"decision": "accept", "reply": "Ja"})
    assert Volunteer.objects.count() == 1
    assert Assignment.objects.get().volunteer == volunteer
    volunteer.refresh_from_db()
    assert volunteer.user == resident


def test_a_paused_volunteer_is_not_given_an_assignment(client, need, resident, official):
    VolunteerFactory(user=resident, email=resident.email, status=Volunteer.Status.PAUSED)
    item = AnswerFactory(need=need, user=resident)
    client.force_login(official)
    response = client.post(reverse("needs:handle", args=[need.slug, item.pk]), {"decision": "accept", "reply": "Ja"})
    assert response.status_code == 200
    expected = says("%(name)s has paused or left volunteering and cannot be given an assignment now.",
                    name=Volunteer.objects.get().name)
    assert expected in response.content.decode()
    item.refresh_from_db()
    assert item.status == "new"
    assert not Assignment.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_declining_and_answering_a_question(client, need, resident, official, process_leader):
    declined = AnswerFactory(need=need, user=resident)
    question = AnswerFactory(need=need, user=process_leader, kind=Answer.Kind.QUESTION, message="Finns parkering?")
    client.force_login(official)
    client.post(reverse("needs:handle", args=[need.slug, declined.pk]), {"decision": "decline", "reply": "Tack, vi är fulla."})
    response = client.post(reverse("needs:handle", args=[need.slug, question.pk]), {"decision": "accept", "reply": "Ja"})
    assert "decision" in response.context["form"].errors, "a question is answered, not accepted"
    client.post(reverse("needs:handle", args=[need.slug, question.pk]), {"decision": "reply", "reply": "Ja, vid entrén."})
    declined.refresh_from_db()
    question.refresh_from_db()
    assert (declined.status, question.status) == ("declined", "answered")
    assert not Assignment.objects.exists()
    keys = set(OutboxMessage.objects.values_list("idempotency_key", flat=True))
    assert keys == {f"need-answer-{declined.pk}-declined", f"need-answer-{question.pk}-answered"}


def test_a_reply_is_required(client, need, resident, official):
    item = AnswerFactory(need=need, user=resident)
    client.force_login(official)
    response = client.post(reverse("needs:handle", args=[need.slug, item.pk]), {"decision": "accept", "reply": ""})
    assert "reply" in response.context["form"].errors
    item.refresh_from_db()
    assert item.status == "new"


def test_my_needs_and_answers(client, need, resident, official):
    AnswerFactory(need=need, user=resident, status=Answer.Status.ACCEPTED, reply="Välkommen!")
    client.force_login(resident)
    page = client.get(reverse("needs:mine")).content.decode()
    assert "Besöksvänner" in page and "Välkommen!" in page
    client.force_login(official)
    page = client.get(reverse("needs:mine")).content.decode()
    assert "Besöksvänner" in page


def test_the_publisher_sees_hours_per_assignment(client, need, official):
    from samverka.volunteers.tests.factories import AssignmentFactory, HoursLogFactory

    assignment = AssignmentFactory(need=need, volunteer__name="Karin Öberg")
    HoursLogFactory(assignment=assignment, hours=2)
    HoursLogFactory(assignment=assignment, hours="1.5")
    client.force_login(official)
    response = client.get(reverse("needs:answers", args=[need.slug]))
    item = response.context["assignments"][0]
    assert item.volunteer.name == "Karin Öberg" and float(item.total) == 3.5


def test_a_flood_of_answers_is_slowed_down(client, need, resident):
    client.force_login(resident)
    for n in range(30):
        assert answer(client, need, token=f"f{n}", message=f"Svar {n}").status_code == 302
    response = answer(client, need, token="f-last", message="Ett till")
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert says("Too many answers from you just now. Wait a while and try again.") in response.content.decode()
    assert Answer.objects.get().message == "Svar 29"


def test_a_need_that_requires_an_extract_is_accepted_only_with_the_date_of_an_extract_seen(client, need, resident,
                                                                                           official):
    need.record_extract_required = True
    need.save()
    stated = timezone.localdate() - timedelta(days=30)
    VolunteerFactory(user=resident, email=resident.email, record_checked_on=stated)
    item = AnswerFactory(need=need, user=resident)
    client.force_login(official)
    url = reverse("needs:handle", args=[need.slug, item.pk])
    page = client.get(url).content.decode()
    assert says("The need requires a criminal-record extract.") in page
    assert f'value="{stated.isoformat()}"' in page  # what the person wrote, to check against the original
    too_old = (timezone.localdate() - timedelta(days=400)).isoformat()
    for date, message in (("", "Write the date on the extract you have seen. Without an extract, decline for now "
                               "and tell the person how to order one."),
                          (too_old, "The extract is more than a year old. Ask the person to order a new one.")):
        response = client.post(url, {"decision": "accept", "reply": "Välkommen!", "record_checked_on": date})
        assert response.status_code == 200 and says(message) in response.content.decode()
        assert "Välkommen!" in response.content.decode()  # the message is kept
    item.refresh_from_db()
    assert item.status == "new" and not Assignment.objects.exists()
    seen = timezone.localdate() - timedelta(days=20)
    response = client.post(url, {"decision": "accept", "reply": "Välkommen!", "record_checked_on": seen.isoformat()})
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert (volunteer.record_checked_on, volunteer.record_seen_on, volunteer.record_seen_by) == (
        seen, timezone.localdate(), official)
    assert AuditEvent.objects.get(action="need.accept").changes["record_checked_on"] == seen.isoformat()
    # Declining needs no extract.
    other = AnswerFactory(need=need, user=official)
    response = client.post(reverse("needs:handle", args=[need.slug, other.pk]), {"decision": "decline", "reply": "Nej"})
    assert response.status_code == 302


def test_a_new_date_from_the_volunteer_is_not_seen_until_someone_sees_it(client, resident, official):
    from samverka.volunteers import services as volunteer_services

    volunteer = VolunteerFactory(user=resident, email=resident.email, record_checked_on=timezone.localdate(),
                                 record_seen_on=timezone.localdate(), record_seen_by=official)
    volunteer_services.save_profile(by=resident, data={"name": volunteer.name, "record_checked_on": None})
    volunteer.refresh_from_db()
    assert (volunteer.record_checked_on, volunteer.record_seen_on, volunteer.record_seen_by) == (None, None, None)


def test_a_need_without_the_requirement_asks_for_no_extract(client, need, resident, official):
    item = AnswerFactory(need=need, user=resident)
    client.force_login(official)
    url = reverse("needs:handle", args=[need.slug, item.pk])
    assert 'name="record_checked_on"' not in client.get(url).content.decode()
    assert client.post(url, {"decision": "accept", "reply": "Ja"}).status_code == 302
    assert Volunteer.objects.get().record_seen_on is None


def test_the_volunteer_sees_who_saw_their_extract(client, resident, official):
    seen_on = timezone.localdate() - timedelta(days=3)
    VolunteerFactory(user=resident, email=resident.email, record_checked_on=seen_on - timedelta(days=10),
                     record_seen_on=seen_on, record_seen_by=official)
    client.force_login(resident)
    page = client.get(reverse("volunteers:profile")).content.decode()
    with override("sv"):
        dates = {"date": date_format(seen_on - timedelta(days=10), "j F Y"), "seen": date_format(seen_on, "j F Y")}
    assert says("%(name)s saw your extract dated %(date)s on %(seen)s. If you write a new date, it is shown as not "
                "yet seen.", name=official.display_name, **dates) in page
