"""A recipient's one answer to a consultation: drafted together by its representatives, sent once
by one of them (an actor's representative, a council's chair), refused after the deadline with
the draft kept."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.core.tests.helpers import flash, says
from samverka.dialogue.models import AnswerPart, ConsultationAnswer, FeedbackItem

from .factories_consultations import *  # noqa: F403  (its fixtures)

pytestmark = pytest.mark.django_db


def _url(recipient):
    return reverse("dialogue:consultation_answer", args=[recipient.pk])


def _send_url(recipient):
    return reverse("dialogue:consultation_send_answer", args=[recipient.pk])


def _draft(recipient, summary="Vi välkomnar förslaget.", revision=0, **answers):
    questions = list(recipient.consultation.questions.all())
    data = {"summary": summary, "revision": revision}
    for n, question in enumerate(questions):
        data[f"q{question.pk}"] = answers.get(f"q{n}", f"Svar på fråga {n + 1}.")
    return data


def test_a_representative_drafts_the_answer_and_another_goes_on_writing(client, actor_recipient, representative,
                                                                       editor):
    client.force_login(representative)
    page = client.get(_url(actor_recipient))
    assert page.status_code == 200
    assert "Vid vilken ålder bör samtalet erbjudas?" in page.text

    response = client.post(_url(actor_recipient), _draft(actor_recipient, q0="Vid 75 år."))
    assert response.status_code == 302
    answer = ConsultationAnswer.objects.get(recipient=actor_recipient)
    assert (answer.revision, answer.edited_by, answer.status) == (1, representative, "draft")
    assert list(answer.parts.values_list("text", flat=True)) == ["Vid 75 år.", "Svar på fråga 2."]

    client.force_login(editor)  # Oskar, who also represents Parkinson Ekerö, sees the draft and adds to it
    page = client.get(_url(actor_recipient))
    assert "Vid 75 år." in page.text
    response = client.post(_url(actor_recipient), _draft(actor_recipient, revision=1, q0="Vid 75 år, gärna tidigare."))
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.revision, answer.edited_by) == (2, editor)
    assert AnswerPart.objects.filter(answer=answer).count() == 2


def test_a_second_editor_who_saved_over_a_newer_revision_is_shown_the_difference_and_nothing_is_lost(
        client, actor_recipient, representative, editor):
    client.force_login(representative)
    client.post(_url(actor_recipient), _draft(actor_recipient, summary="Evas text."))
    client.force_login(editor)  # opened the page at revision 0, before Eva saved
    response = client.post(_url(actor_recipient), _draft(actor_recipient, summary="Oskars text.", revision=0))

    assert response.status_code == 409
    assert says("%(name)s saved the answer while you were writing. Your text is kept below; compare it with "
                "theirs, then save again.", "sv", name="Eva Lindgren") in response.text
    assert "-Evas text." in response.text and "+Oskars text." in response.text
    assert "Oskars text." in response.text  # his text is still in the form
    answer = ConsultationAnswer.objects.get(recipient=actor_recipient)
    assert (answer.summary, answer.revision) == ("Evas text.", 1)
    # The form now carries the newer revision: saving again goes through.
    assert 'name="revision" value="1"' in response.text
    assert client.post(_url(actor_recipient), _draft(actor_recipient, summary="Oskars text.", revision=1)).status_code == 302
    answer.refresh_from_db()
    assert (answer.summary, answer.revision) == ("Oskars text.", 2)


def test_a_representative_sends_the_answer_once_and_a_feedback_item_is_opened(client, actor_recipient,
                                                                              representative, editor, ali):
    client.force_login(representative)
    client.post(_url(actor_recipient), _draft(actor_recipient))
    response = client.post(_send_url(actor_recipient), {"revision": 1})

    assert response.status_code == 302
    answer = ConsultationAnswer.objects.get(recipient=actor_recipient)
    assert (answer.status, answer.sent_by) == ("sent", representative)
    item = FeedbackItem.objects.get(answer=answer)
    assert (item.process, item.owner, item.status) == (actor_recipient.consultation.process, ali, "open")
    assert "Vi välkomnar förslaget." in item.said

    # Oskar, who had the page open, sends too: told who sent it, nothing changes.
    client.force_login(editor)
    response = client.post(_send_url(actor_recipient), {"revision": 1})
    assert response.status_code == 302
    assert any("Eva Lindgren" in m for m in flash(response))
    assert FeedbackItem.objects.filter(answer=answer).count() == 1
    answer.refresh_from_db()
    assert answer.sent_by == representative
    # And a sent answer is no longer changed.
    response = client.post(_url(actor_recipient), _draft(actor_recipient, summary="Ändrat.", revision=1))
    assert response.status_code == 400
    answer.refresh_from_db()
    assert answer.summary == "Vi välkomnar förslaget."


def test_a_council_member_drafts_but_only_the_chair_sends(client, council_recipient, council_member, council_chair):
    client.force_login(council_member)
    assert client.post(_url(council_recipient), _draft(council_recipient)).status_code == 302
    page = client.get(_url(council_recipient))
    assert 'name="send"' not in page.text
    assert client.post(_send_url(council_recipient), {"revision": 1}).status_code == 403
    sending = {**_draft(council_recipient, summary="Medlemmen skickar.", revision=1), "send": "1"}
    assert client.post(_url(council_recipient), sending).status_code == 403
    answer = ConsultationAnswer.objects.get(recipient=council_recipient)
    assert answer.status == "draft"

    client.force_login(council_chair)
    page = client.get(_url(council_recipient))
    assert 'name="send"' in page.text
    assert client.post(_send_url(council_recipient), {"revision": 1}).status_code == 302
    answer.refresh_from_db()
    assert (answer.status, answer.sent_by) == ("sent", council_chair)


def test_sending_sends_what_is_on_the_screen_without_saving_first(client, council_recipient, council_member,
                                                                  council_chair, ali):
    client.force_login(council_member)
    client.post(_url(council_recipient), _draft(council_recipient, summary="Medlemmarnas utkast."))
    client.force_login(council_chair)
    page = client.get(_url(council_recipient))
    assert says("Save the draft") in page.text and 'name="send"' in page.text
    # The chair types more and presses Send (not Save the draft) in the same form.
    data = {**_draft(council_recipient, summary="Medlemmarnas utkast, med ordförandens tillägg.", revision=1,
                     q0="Vid 70 år."), "send": "1"}
    response = client.post(_url(council_recipient), data)

    assert response.status_code == 302
    answer = ConsultationAnswer.objects.get(recipient=council_recipient)
    assert (answer.status, answer.sent_by, answer.revision) == ("sent", council_chair, 2)
    assert answer.summary == "Medlemmarnas utkast, med ordförandens tillägg."
    assert answer.parts.order_by("question__position").first().text == "Vid 70 år."
    assert "med ordförandens tillägg" in FeedbackItem.objects.get(answer=answer).said
    assert any(council_recipient.consultation.process.office.name in m for m in flash(response))


def test_sending_over_a_newer_draft_shows_the_difference_and_sends_nothing(client, actor_recipient,
                                                                          representative, editor):
    client.force_login(representative)
    client.post(_url(actor_recipient), _draft(actor_recipient))
    client.force_login(editor)
    client.post(_url(actor_recipient), _draft(actor_recipient, summary="Oskars tillägg.", revision=1))
    client.force_login(representative)
    response = client.post(_url(actor_recipient), {**_draft(actor_recipient, summary="Evas text.", revision=1),
                                                   "send": "1"})
    assert response.status_code == 409
    assert "Evas text." in response.text  # kept on the screen
    answer = ConsultationAnswer.objects.get(recipient=actor_recipient)
    assert (answer.status, answer.summary) == ("draft", "Oskars tillägg.")


def test_an_empty_answer_sent_from_the_form_is_refused_with_nothing_saved(client, actor_recipient,
                                                                         representative):
    client.force_login(representative)
    response = client.post(_url(actor_recipient), {**_draft(actor_recipient, summary="", q0="", q1=""),
                                                   "send": "1"})
    assert response.status_code == 400
    assert says("The answer is empty. Write at least a short answer before you send it.") in response.text
    assert not ConsultationAnswer.objects.exists() and not FeedbackItem.objects.exists()


def test_the_sender_must_have_read_the_latest_draft(client, actor_recipient, representative, editor):
    client.force_login(representative)
    client.post(_url(actor_recipient), _draft(actor_recipient))
    client.force_login(editor)
    client.post(_url(actor_recipient), _draft(actor_recipient, summary="Oskars tillägg.", revision=1))
    client.force_login(representative)
    response = client.post(_send_url(actor_recipient), {"revision": 1})
    assert any("Oskar Falk" in m for m in flash(response))
    assert ConsultationAnswer.objects.get(recipient=actor_recipient).status == "draft"


def test_an_empty_answer_is_not_sent(client, actor_recipient, representative):
    client.force_login(representative)
    client.post(_url(actor_recipient), _draft(actor_recipient, summary="", q0="", q1=""))
    response = client.post(_send_url(actor_recipient), {"revision": 1})
    assert says("The answer is empty. Write at least a short answer before you send it.") in flash(response)
    assert ConsultationAnswer.objects.get(recipient=actor_recipient).status == "draft"
    assert not FeedbackItem.objects.exists()


def test_after_the_deadline_answers_are_refused_with_a_clear_message_and_the_draft_is_kept(
        client, actor_recipient, representative):
    client.force_login(representative)
    client.post(_url(actor_recipient), _draft(actor_recipient, summary="Vårt utkast."))
    after = actor_recipient.consultation.deadline + timedelta(minutes=1)
    message = says("The deadline for answers has passed, so the answer can no longer be changed or sent. "
                   "Your draft is kept. Contact the office if you need more time.")
    with time_machine.travel(after, tick=False):
        client.force_login(representative)  # the session of two weeks ago has ended
        response = client.post(_url(actor_recipient), _draft(actor_recipient, summary="Sent ändrat.", revision=1))
        assert response.status_code == 400
        assert message in response.text
        assert "Sent ändrat." in response.text  # what was typed is kept on the page
        response = client.post(_send_url(actor_recipient), {"revision": 1})
        assert message in flash(response)
        page = client.get(_url(actor_recipient))
        assert "Vårt utkast." in page.text and _send_url(actor_recipient) not in page.text
    answer = ConsultationAnswer.objects.get(recipient=actor_recipient)
    assert (answer.summary, answer.status) == ("Vårt utkast.", "draft")


@pytest.mark.parametrize(("days", "may_answer"), [(-11, False), (0, True), (13, True), (15, False), (21, False)])
def test_who_may_answer_follows_the_phase_and_the_deadline(client, actor_recipient, representative, days, may_answer):
    """The consultation phase runs from ten days ago to twenty days ahead; the deadline is in
    fourteen days. Before the phase (the consultation's process not yet in its consultation phase),
    after the deadline and after the phase nothing is saved."""
    with time_machine.travel(timezone.now() + timedelta(days=days), tick=False):
        client.force_login(representative)
        response = client.post(_url(actor_recipient), _draft(actor_recipient))
        assert response.status_code == (302 if may_answer else 400)
        if may_answer:
            assert client.post(_send_url(actor_recipient), {"revision": 1}).status_code == 302
    answers = ConsultationAnswer.objects.filter(recipient=actor_recipient)
    assert answers.filter(status="sent").exists() is may_answer
    assert answers.exists() is may_answer


def test_the_office_sees_an_answer_only_once_it_is_sent(client, actor_recipient, representative, ali):
    client.force_login(representative)
    client.post(_url(actor_recipient), _draft(actor_recipient, summary="Ett utkast."))
    client.force_login(ali)
    assert client.get(_url(actor_recipient)).status_code == 404
    client.force_login(representative)
    client.post(_send_url(actor_recipient), {"revision": 1})
    client.force_login(ali)
    page = client.get(_url(actor_recipient))
    assert page.status_code == 200 and "Ett utkast." in page.text
    assert client.post(_url(actor_recipient), _draft(actor_recipient, revision=1)).status_code == 403



def test_a_council_without_a_chair_is_told_who_can_help(client, council_recipient, council_member, council_chair):
    from samverka.networks.models import Membership

    client.force_login(council_member)
    client.post(_url(council_recipient), _draft(council_recipient))
    assert says("The chair of the council sends the answer when the members agree.") in client.get(
        _url(council_recipient)).text
    Membership.objects.filter(user=council_chair).update(status=Membership.Status.LEFT)
    page = client.get(_url(council_recipient))
    assert says("The council has no chair to send its answer. Ask the office that runs the council to name one "
                "before the deadline.") in page.text


def test_a_signed_out_visitor_is_sent_to_log_in_for_a_report_not_yet_public(client, actor_recipient,
                                                                              representative):
    url = reverse("dialogue:consultation_report", args=[actor_recipient.consultation.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + url
    client.force_login(representative)  # signed in without the right: the 403 page, no loop to the login
    assert client.get(url).status_code == 403
