"""Lina asks the municipality a question without knowing who handles it. She gets a case
number and a deadline at once, the right office is told, and she follows her case through
her own link. Bad input gets a clear message and nothing is created; a double submit is one
case; robots get nowhere."""

import re

import pytest
import time_machine
from django.urls import reverse

from samverka.cases.models import Case, CaseEvent
from samverka.cases.tests.helpers import case_form, new_url
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, link_in, says

pytestmark = pytest.mark.django_db


def test_the_form_is_linked_from_every_page(client):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{new_url()}"' in page


def test_lina_asks_a_question_and_gets_a_case_number_a_deadline_and_her_own_link(client, offices, official):
    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):  # a Monday
        response = client.post(new_url(), case_form())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_private_url()
    assert case.reference == "EVI-2026-0001"
    assert (case.kind, case.name, case.email, case.user, case.status) == (
        "question", "Lina Sandberg", "lina@example.org", None, Case.Status.RECEIVED)
    assert case.office.slug == "kultur-och-fritidskontoret"
    assert case.answer_by.isoformat() == "2026-05-11"  # five working days later
    assert [e.kind for e in case.events.all()] == ["received", "routed"]
    assert AuditEvent.objects.filter(action="case.submit").count() == 1
    assert says("Thank you! We have received your message. Keep this page's address: here you see what happens "
                "to your case.") in flash(response)

    to_lina = OutboxMessage.objects.get(to="lina@example.org")
    assert "EVI-2026-0001" in to_lina.subject
    assert link_in(to_lina) == case.get_private_url()
    to_sara = OutboxMessage.objects.get(to=official.email)
    assert "EVI-2026-0001" in to_sara.subject
    assert case.get_absolute_url() in to_sara.body_text
    assert "lokal på kvällarna" not in to_sara.body_text  # the message stays on the platform

    page = client.get(case.get_private_url()).content.decode()
    assert "EVI-2026-0001" in page
    assert "Kultur- och fritidskontoret" in page
    assert "11 maj 2026" in page
    assert "Var kan vår förening hyra en lokal på kvällarna?" in page


def test_case_numbers_count_up_and_start_again_each_year(client, offices):
    with time_machine.travel("2026-12-31 12:00 +01:00", tick=False):
        for n in range(2):  # two forms, each with its own token
            client.post(new_url(), case_form(submission_token=f"{n}" * 32))
    with time_machine.travel("2027-01-02 12:00 +01:00", tick=False):
        client.post(new_url(), case_form(submission_token="2" * 32))
    assert sorted(Case.objects.values_list("reference", flat=True)) == [
        "EVI-2026-0001", "EVI-2026-0002", "EVI-2027-0001"]


def test_a_question_on_maundy_thursday_is_answered_after_easter(client, offices):
    with time_machine.travel("2026-04-02 16:00 +02:00", tick=False):
        client.post(new_url(), case_form())
    assert Case.objects.get().answer_by.isoformat() == "2026-04-13"


def test_a_question_the_day_before_midsummer_eve_is_answered_the_week_after(client, offices):
    with time_machine.travel("2026-06-18 09:00 +02:00", tick=False):
        client.post(new_url(), case_form())
    assert Case.objects.get().answer_by.isoformat() == "2026-06-26"


def test_a_topic_can_promise_a_different_number_of_working_days(client, offices):
    from samverka.cases.models import Topic

    Topic.objects.filter(slug="aldre").update(answer_days=2)
    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):
        client.post(new_url(), case_form(topic="aldre"))
    assert Case.objects.get().answer_by.isoformat() == "2026-05-06"


def test_with_only_a_phone_number_lina_gets_a_text_message_with_her_link(client, offices):
    client.post(new_url(), case_form(email="", phone="070-123 45 67"))
    case = Case.objects.get()
    assert case.phone == "+46701234567"
    sms = OutboxMessage.objects.get(channel="sms")
    assert sms.to == "+46701234567"
    assert case.reference in sms.body_text
    assert case.get_private_url() in sms.body_text


def test_logged_in_lina_needs_no_contact_details_and_finds_the_case_on_her_pages(client, offices, resident):
    client.force_login(resident)
    form = client.get(new_url()).content.decode()
    assert 'value="lina@example.org"' in form
    response = client.post(new_url(), case_form(email="", phone=""))
    case = Case.objects.get()
    assert response.status_code == 302
    assert (case.user, case.email) == (resident, "lina@example.org")
    mine = client.get(reverse("cases:mine")).content.decode()
    assert case.reference in mine
    assert case.get_private_url() in mine


def test_an_offer_of_engagement_about_volunteering_goes_to_the_social_services_office(client, offices, social_official):
    client.post(new_url(), case_form(kind="offer", topic="volontararbete",
                                     message="Jag kan läsa högt för äldre på tisdagar."))
    case = Case.objects.get()
    assert (case.kind, case.office.slug) == ("offer", "socialkontoret")
    assert OutboxMessage.objects.filter(to="ali@example.org").count() == 1


# ---------------------------------------------------------------- bad input


def _nothing_created():
    return not Case.objects.exists() and not OutboxMessage.objects.exists() and not CaseEvent.objects.exists()


def test_without_a_way_to_reach_her_lina_is_asked_for_one_and_keeps_what_she_wrote(client, offices):
    response = client.post(new_url(), case_form(email="", phone=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert says("Write an e-mail address or a phone number, so that we can answer you.") in page
    assert "Var kan vår förening hyra en lokal på kvällarna?" in page
    assert _nothing_created()


@pytest.mark.parametrize("district", ["999999", "Stenhamra", "1 OR 1=1", "-1"])
def test_a_made_up_part_of_the_municipality_is_refused(client, offices, district):
    response = client.post(new_url(), case_form(district=district))
    assert response.status_code == 200
    assert says("Choose a part of the municipality from the list.") in response.content.decode()
    assert _nothing_created()


@pytest.mark.parametrize("changes, message", [
    ({"topic": "999999"}, "Choose what it is about."),
    ({"kind": "complaint"}, "Choose what you want to do."),
    ({"message": "   "}, "Write your message."),
    ({"email": "lina@"}, "Write an e-mail address like name@example.se."),
    ({"phone": "12", "email": ""}, "Write a phone number we can call, e.g. 070-123 45 67 or +46 70 123 45 67."),
])
def test_bad_input_gets_a_message_next_to_the_field(client, offices, changes, message):
    data = case_form()
    data.update(changes)
    response = client.post(new_url(), data)
    assert response.status_code == 200
    assert says(message) in response.content.decode()
    assert _nothing_created()


def test_over_long_fields_are_refused_with_the_limit(client, offices):
    response = client.post(new_url(), case_form(message="x" * 5001, name="N" * 151))
    page = response.content.decode()
    assert response.status_code == 200
    assert says("Write at most %(limit_value)d characters (you wrote %(show_value)d).",
                limit_value=5000, show_value=5001) in page
    assert says("Write at most %(limit_value)d characters.", limit_value=150) in page
    assert _nothing_created()


def test_script_in_the_message_is_shown_as_text_everywhere(client, offices, official):
    script = '<script>alert("hej")</script><img src=x onerror=alert(1)>'
    client.post(new_url(), case_form(message=script, name='<b>Lina</b>'))
    case = Case.objects.get()
    for page in (client.get(case.get_private_url()).content.decode(),):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page
    client.force_login(official)
    for url in (case.get_absolute_url(), reverse("cases:inbox")):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<b>Lina</b>" not in page
    html = OutboxMessage.objects.get(to="lina@example.org").body_html
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_the_same_form_sent_twice_is_one_case(client, offices):
    data = case_form(submission_token="t" * 32)
    first = client.post(new_url(), data)
    second = client.post(new_url(), data)
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"] == Case.objects.get().get_private_url()
    assert OutboxMessage.objects.filter(to="lina@example.org").count() == 1


def test_a_robot_that_fills_the_hidden_field_creates_nothing(client, offices):
    response = client.post(new_url(), case_form(website="http://spam.example"))
    assert response.status_code == 200
    assert says("We have received your message.") in response.content.decode()
    assert _nothing_created()


def test_the_hidden_field_is_hidden_and_labelled(client):
    page = client.get(new_url()).content.decode()
    assert re.search(r'<div class="cases-hp">.*?name="website".*?</div>', page, re.S)
    assert says("Leave this field empty") in page


def test_too_many_messages_from_one_address_get_429_with_retry_after_and_keep_the_text(client, offices, settings):
    settings.RATELIMIT_ENABLE = True
    for n in range(10):
        assert client.post(new_url(), case_form(message=f"Fråga {n}")).status_code == 302
    response = client.post(new_url(), case_form(message="Den elfte frågan"))
    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert says("Wait a quarter of an hour and press Send again: what you wrote is still here.") in page
    assert "Den elfte frågan" in page
    assert Case.objects.count() == 10
    other = client.post(new_url(), case_form(message="Från en annan adress"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


# ---------------------------------------------------------------- the private link


def test_an_unknown_link_is_not_found(client, offices):
    response = client.get(reverse("cases:status", args=["no-such-token"]))
    assert response.status_code == 404
    assert says("We cannot find this case") in response.content.decode()


def test_the_link_is_long_and_unguessable(client, offices):
    client.post(new_url(), case_form(submission_token="a" * 32))
    client.post(new_url(), case_form(submission_token="b" * 32))
    first, second = Case.objects.values_list("token", flat=True)
    assert len(first) >= 32 and first != second


def test_the_private_page_is_not_indexed_and_leaks_no_referrer(client, offices):
    client.post(new_url(), case_form())
    response = client.get(Case.objects.get().get_private_url())
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex"


def test_a_late_case_says_so_honestly(client, offices):
    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):
        client.post(new_url(), case_form())
    case = Case.objects.get()
    with time_machine.travel("2026-05-20 10:00 +02:00", tick=False):
        page = client.get(case.get_private_url()).content.decode()
    assert says("We promised an answer by %(date)s, and we are late.", date="11 maj 2026") in page


def test_the_form_works_in_english(client, offices):
    page = client.get("/en/vag-in/").content.decode()
    assert 'lang="en"' in page
    assert "Associations and grants" in page
    response = client.post("/en/vag-in/", case_form())
    assert response["Location"].startswith("/en/")
    assert Case.objects.get().language == "en"


def test_the_deadline_counts_from_the_day_in_stockholm(client, offices):
    # 00.30 on Monday in Stockholm is still Sunday in UTC: the five days start after Monday.
    with time_machine.travel("2026-05-04 00:30 +02:00", tick=False):
        client.post(new_url(), case_form())
    assert Case.objects.get().answer_by.isoformat() == "2026-05-11"
