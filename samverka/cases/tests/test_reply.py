"""Lina writes more in her case: on her own page (the private link) or from her messages
when she is logged in. Sara's office sees it in the timeline, the inbox shows the case as
having news until someone answers, and the office is told by e-mail. An open case keeps its
deadline; an answered case opens again with a new one. A closed case takes nothing more; bad
input gets a message next to the field; a double submit is one reply; script stays text."""

import re

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import ngettext, override

from samverka.accounts.tests.factories import UserFactory
from samverka.cases.models import Case, CaseEvent
from samverka.cases.privacy import personal_data
from samverka.cases.tests.helpers import case_form, new_url
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent, Submission
from samverka.core.tests.helpers import flash, link_in, says
from samverka.municipality.tests.factories import OfficeMembershipFactory

pytestmark = pytest.mark.django_db

MORE = "Vi är tolv personer och behöver lokalen tisdagar 18–21."


@pytest.fixture
def lina_case(client, offices):
    """Lina's question about premises, sent without logging in (to the culture and leisure office)."""
    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):  # a Monday: answer by 11 May
        client.post(new_url(), case_form())
    OutboxMessage.objects.all().delete()
    return Case.objects.get()


def reply_url(case) -> str:
    return reverse("cases:reply", args=[case.token])


def write(client, case, text=MORE, **extra):
    return client.post(reply_url(case), {"text": text, **extra})


def state(case):
    case.refresh_from_db()
    return (case.status, case.answer_by, case.news_at, CaseEvent.objects.count(), OutboxMessage.objects.count(),
            AuditEvent.objects.count(), Submission.objects.count())


def test_lina_adds_information_and_sara_sees_it_as_news(client, official, lina_case):
    page = client.get(lina_case.get_private_url()).content.decode()
    assert f'action="{reply_url(lina_case)}"' in page
    assert 'name="submission_token"' in page

    with time_machine.travel("2026-05-05 09:00 +02:00", tick=False):
        response = write(client, lina_case)
    assert response.status_code == 302
    assert response["Location"] == lina_case.get_private_url()
    assert says("Thank you! What you wrote is now in your case, and the office handling it has been told.") \
        in flash(response)
    lina_case.refresh_from_db()
    reply = lina_case.events.get(kind=CaseEvent.Kind.REPLY)
    assert (reply.text, reply.by) == (MORE, None)
    assert lina_case.status == Case.Status.RECEIVED
    assert lina_case.answer_by.isoformat() == "2026-05-11"  # an open case keeps its promise
    assert lina_case.news_at == reply.created_at
    assert AuditEvent.objects.filter(action="case.reply", target_id=str(lina_case.pk)).count() == 1

    to_sara = OutboxMessage.objects.get()
    assert to_sara.to == official.email
    assert lina_case.reference in to_sara.subject
    assert link_in(to_sara) == lina_case.get_absolute_url()
    assert "tisdagar" not in to_sara.body_text  # the message stays on the platform

    page = client.get(lina_case.get_private_url()).content.decode()
    assert says("You wrote more") in page and MORE in page

    client.force_login(official)
    inbox = client.get(reverse("cases:inbox"))
    assert inbox.context["counts"]["news"] == 1
    assert says("New from the sender") in inbox.content.decode()
    news = client.get(reverse("cases:inbox"), {"status": "news"}).content.decode()
    assert lina_case.reference in news
    page = client.get(lina_case.get_absolute_url()).content.decode()
    assert MORE in page and says("More from the sender") in page
    assert says("New from the sender") in page


def test_answering_clears_the_news(client, official, lina_case):
    write(client, lina_case)
    client.force_login(official)
    client.post(reverse("cases:answer", args=[lina_case.reference]), {"text": "Välkomna på tisdagar!"})
    lina_case.refresh_from_db()
    assert lina_case.news_at is None and lina_case.status == Case.Status.ANSWERED
    inbox = client.get(reverse("cases:inbox"))
    assert inbox.context["counts"]["news"] == 0
    assert lina_case.reference not in client.get(reverse("cases:inbox"), {"status": "news"}).content.decode()


def test_closing_clears_the_news(client, official, lina_case):
    write(client, lina_case)
    client.force_login(official)
    client.post(reverse("cases:close", args=[lina_case.reference]), {"note": "Besvarat per telefon."})
    lina_case.refresh_from_db()
    assert lina_case.news_at is None and lina_case.status == Case.Status.CLOSED


def test_writing_after_the_answer_opens_the_case_again_with_a_new_deadline(client, official, lina_case):
    client.force_login(official)
    with time_machine.travel("2026-05-05 09:00 +02:00", tick=False):
        client.post(reverse("cases:answer", args=[lina_case.reference]), {"text": "Prova Bygdegården."})
    client.logout()
    page = client.get(lina_case.get_private_url()).content.decode()
    with override("sv"):
        promise = ngettext("If you write after our answer, the case opens again and we answer within %(days)s "
                           "working day.", "If you write after our answer, the case opens again and we answer "
                           "within %(days)s working days.", 5) % {"days": 5}
    assert escape(promise) in page

    with time_machine.travel("2026-05-06 10:00 +02:00", tick=False):  # a Wednesday
        assert write(client, lina_case, "Bygdegården är fullbokad. Finns det något annat?").status_code == 302
    lina_case.refresh_from_db()
    assert lina_case.status == Case.Status.IN_PROGRESS  # with Sara, who answered
    assert lina_case.assigned_to == official
    assert lina_case.answer_by.isoformat() == "2026-05-13"  # five working days from the reply
    audit = AuditEvent.objects.get(action="case.reply")
    assert audit.changes == {"status": ["answered", "in_progress"], "answer_by": ["2026-05-11", "2026-05-13"]}
    assert OutboxMessage.objects.filter(to=official.email, subject__contains=lina_case.reference).count() == 1

    with time_machine.travel("2026-05-20 10:00 +02:00", tick=False):
        client.force_login(official)
        assert client.get(reverse("cases:inbox")).context["counts"]["overdue"] == 1


def test_a_late_case_stays_late(client, official, lina_case):
    with time_machine.travel("2026-05-15 10:00 +02:00", tick=False):
        write(client, lina_case)
    lina_case.refresh_from_db()
    assert lina_case.answer_by.isoformat() == "2026-05-11"
    assert lina_case.is_open


def test_the_official_who_handles_the_case_is_told_and_not_the_whole_office(client, official, culture, lina_case):
    colleague = UserFactory(first_name="Per", last_name="Holm", email="per@example.org")
    OfficeMembershipFactory(user=colleague, office=culture)
    client.force_login(official)
    client.post(reverse("cases:assign", args=[lina_case.reference]))
    client.logout()
    write(client, lina_case)
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [official.email]


def test_when_the_handler_has_left_the_office_the_office_is_told(client, official, culture, lina_case):
    colleague = UserFactory(first_name="Per", last_name="Holm", email="per@example.org")
    OfficeMembershipFactory(user=colleague, office=culture)
    client.force_login(official)
    client.post(reverse("cases:assign", args=[lina_case.reference]))
    client.logout()
    official.office_memberships.all().delete()
    write(client, lina_case)
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["per@example.org"]


def test_a_double_submit_adds_one_reply(client, official, lina_case):
    data = {"text": MORE, "submission_token": "lina-reply-1"}
    first = client.post(reply_url(lina_case), data)
    second = client.post(reply_url(lina_case), data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert lina_case.events.filter(kind="reply").count() == 1
    assert OutboxMessage.objects.count() == 1
    assert AuditEvent.objects.filter(action="case.reply").count() == 1


@pytest.mark.parametrize(("text", "message"), [
    ("", "Write your message."),
    ("   \n ", "Write your message."),
    ("x" * 5001, None),
])
def test_bad_input_gets_a_message_next_to_the_field_and_nothing_changes(client, official, lina_case, text, message):
    before = state(lina_case)
    response = write(client, lina_case, text)
    page = response.content.decode()
    assert response.status_code == 400
    error = re.search(r'<p class="field__error" id="id_text_error">(.*?)</p>', page, re.S)
    assert error
    if message:
        assert says(message) in error.group(1)
    else:
        assert says("Write at most %(limit_value)d characters (you wrote %(show_value)d).",
                    limit_value=5000, show_value=5001) in error.group(1)
        assert "x" * 5001 in page  # what she wrote is kept
    assert 'aria-invalid="true"' in page
    assert state(lina_case) == before


def test_script_in_a_reply_is_shown_as_text(client, official, lina_case):
    write(client, lina_case, '<script>alert("hej")</script> <b>fet</b>')
    for page in (client.get(lina_case.get_private_url()).content.decode(),):
        assert "&lt;script&gt;alert(&quot;hej&quot;)&lt;/script&gt;" in page
        assert "<script>alert" not in page and "<b>fet</b>" not in page
    client.force_login(official)
    page = client.get(lina_case.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;hej&quot;)&lt;/script&gt;" in page
    assert "<script>alert" not in page


def test_a_closed_case_takes_nothing_more(client, official, lina_case):
    client.force_login(official)
    client.post(reverse("cases:close", args=[lina_case.reference]), {"note": ""})
    client.logout()
    page = client.get(lina_case.get_private_url()).content.decode()
    assert f'action="{reply_url(lina_case)}"' not in page
    before = state(lina_case)
    response = write(client, lina_case)
    assert response.status_code == 400
    assert says("The case is closed. If you want to add something, send a new message and write the case number "
                "in it.") in response.content.decode()
    assert state(lina_case) == before


@pytest.mark.parametrize("who", ["anonymous", "resident", "official"])
def test_without_the_right_link_nobody_writes_in_the_case(client, official, lina_case, who):
    if who == "resident":
        client.force_login(UserFactory(email="karin@example.org"))
    elif who == "official":
        client.force_login(official)
    before = state(lina_case)
    for token in (lina_case.token[:-1], lina_case.reference, "x" * 100):
        response = client.post(reverse("cases:reply", args=[token]), {"text": "Kapad."})
        assert response.status_code == 404
    assert client.get(reply_url(lina_case)).status_code == 405
    assert state(lina_case) == before


def test_lina_writes_more_from_her_messages_when_logged_in(client, offices, official, resident):
    client.force_login(resident)
    client.post(new_url(), case_form(message="Min fråga"))
    case = Case.objects.get()
    mine = client.get(reverse("cases:mine")).content.decode()
    assert f'href="{case.get_private_url()}#reply"' in mine
    page = client.get(case.get_private_url()).content.decode()
    assert f'action="{reply_url(case)}"' in page
    write(client, case, "Jag glömde: vi är tolv.")
    reply = case.events.get(kind="reply")
    assert reply.by == resident
    assert AuditEvent.objects.get(action="case.reply").user == resident
    [row] = personal_data(resident)["cases"]
    assert row["replies"] == ["Jag glömde: vi är tolv."]

    client.force_login(official)
    client.post(reverse("cases:close", args=[case.reference]), {"note": ""})
    client.force_login(resident)
    assert f'href="{case.get_private_url()}#reply"' not in client.get(reverse("cases:mine")).content.decode()


def test_too_many_replies_from_one_address_get_429_and_keep_the_text(client, official, lina_case, settings):
    settings.RATELIMIT_ENABLE = True
    for n in range(20):
        assert write(client, lina_case, f"Tillägg {n}").status_code == 302
    response = write(client, lina_case, "Det tjugoförsta tillägget")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    page = response.content.decode()
    assert says("Wait an hour and press Send again: what you wrote is still here.") in page
    assert "Det tjugoförsta tillägget" in page
    assert lina_case.events.filter(kind="reply").count() == 20


def test_a_reply_in_a_case_no_office_has_goes_to_the_administrators(client, db, administrator):
    client.post(new_url(), case_form())
    case = Case.objects.get()
    assert case.office is None
    OutboxMessage.objects.all().delete()
    write(client, case)
    assert administrator.email in OutboxMessage.objects.values_list("to", flat=True)
    client.force_login(administrator)
    assert says("New from the sender") in client.get(reverse("cases:inbox")).content.decode()
