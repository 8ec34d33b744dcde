""""I need help", from the web and from the help desk: a way to reach the person is
required, script stays text, a double submit saves one request, bots are turned away."""

import re

import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says, text_of
from samverka.crisis.models import HelpRequest

from .conftest import request_data

REQUEST = "/kris/jag-behover-hjalp/"


def test_a_request_gets_a_reference_and_a_message(client, crisis, districts, kinds):
    assert reverse("crisis:request") == REQUEST
    response = client.post(REQUEST, request_data(districts, kinds), follow=True)

    help_request = HelpRequest.objects.get()
    assert help_request.crisis == crisis and help_request.phone == "+46856012345"
    assert help_request.status == "new" and help_request.priority == "new"
    assert help_request.reference.startswith("KH-")
    assert help_request.reference in response.content.decode()
    assert list(help_request.help_kinds.all()) == [kinds["matinkop"]]
    sms = OutboxMessage.objects.get(to="+46856012345")
    assert help_request.reference in sms.body_text
    assert AuditEvent.objects.filter(action="help_request.create").exists()


def test_for_someone_else_the_asker_gives_their_name(client, crisis, districts, kinds):
    response = client.post(REQUEST, request_data(districts, kinds, for_whom="other"))
    assert says("Write your own name, so that we know who asked.") in response.content.decode()
    response = client.post(REQUEST, request_data(districts, kinds, for_whom="other", contact_name="Per Holm",
                                                  phone="", email="per@example.org"))
    assert response.status_code == 302
    help_request = HelpRequest.objects.get()
    assert help_request.contact_name == "Per Holm" and help_request.email == "per@example.org"
    assert OutboxMessage.objects.get().to == "per@example.org"


def test_a_request_without_a_way_to_reach_is_refused(client, crisis, districts, kinds):
    response = client.post(REQUEST, request_data(districts, kinds, phone="", email="", what="Mat <i>snart</i>"))
    page = response.content.decode()
    assert response.status_code == 200
    assert says("Give a phone number or an e-mail address, so that we can reach you.") in page
    assert "Mat &lt;i&gt;snart&lt;/i&gt;" in page  # kept, escaped
    assert not HelpRequest.objects.exists()


def test_script_is_kept_as_text_and_escaped_for_the_official(client, crisis, districts, kinds, triager):
    client.post(REQUEST, request_data(districts, kinds, name="<script>alert(1)</script>",
                                       what="<img src=x onerror=alert(1)>"))
    help_request = HelpRequest.objects.get()
    client.force_login(triager)
    page = client.get(help_request.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


def test_a_request_sent_twice_is_saved_once(client, crisis, districts, kinds):
    data = request_data(districts, kinds, submission_token="same")
    first, second = client.post(REQUEST, data), client.post(REQUEST, data)
    assert first["Location"] == second["Location"]
    assert HelpRequest.objects.count() == 1


def test_the_honeypot(client, crisis, districts, kinds):
    response = client.post(REQUEST, request_data(districts, kinds, website="x"))
    assert response.status_code == 302 and not HelpRequest.objects.exists()


@time_machine.travel("2026-03-10 10:00:05+01:00", tick=False)  # all within one rate-limit window
def test_rate_limit(client, crisis, districts, kinds):
    for n in range(20):  # twenty forms, each with its own token
        client.post(REQUEST, request_data(districts, kinds, submission_token=f"t{n}"))
    response = client.post(REQUEST, request_data(districts, kinds, submission_token="t20"))
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert HelpRequest.objects.count() == 20


def test_the_help_desk_enters_a_request_triaged_at_once(client, crisis, districts, kinds, triager):
    client.force_login(triager)
    assert client.get(reverse("crisis:desk_request")).status_code == 200
    response = client.post(reverse("crisis:desk_request"), request_data(districts, kinds, priority="urgent"))
    help_request = HelpRequest.objects.get()
    assert response["Location"] == help_request.get_absolute_url()
    assert help_request.entered_by == triager
    assert help_request.priority == "urgent" and help_request.status == "open"


def test_only_triaging_officials_use_the_help_desk_form(client, crisis, districts, kinds, official, resident):
    for user in (official, resident):
        client.force_login(user)
        assert client.post(reverse("crisis:desk_request"), request_data(districts, kinds)).status_code == 403
    client.logout()
    assert client.get(reverse("crisis:desk_request")).status_code == 302
    assert not HelpRequest.objects.exists()


def test_queries_per_request_are_constant(client, crisis, districts, kinds):
    client.get(REQUEST)
    client.post(REQUEST, request_data(districts, kinds, submission_token="warm"))
    counts = []
    for n in range(3):
        with CaptureQueriesContext(connection) as captured:
            client.post(REQUEST, request_data(districts, kinds, submission_token=f"t{n}"))
        counts.append(len(captured))
    assert counts[0] == counts[1] == counts[2] <= 22


def test_the_thank_you_page_gives_the_municipality_phone_number(client, crisis, districts, kinds):
    from samverka.municipality.models import Municipality

    municipality = Municipality.current()
    municipality.phone, municipality.phone_hours = "+46812457000", "vardagar 8–16.30"
    municipality.save()
    cache.clear()
    page = client.post(REQUEST, request_data(districts, kinds), follow=True).content.decode()
    assert 'href="tel:+46812457000"' in page and "08-124 570 00" in page and "vardagar 8–16.30" in page
    # One sentence: the hours follow the number, not after a full stop.
    sentence = text_of(re.search(r"<p>[^<]*<a href=\"tel:.*?</p>", page).group(0))
    assert sentence == "Du kan ringa oss på 08-124 570 00, vardagar 8–16.30."


def test_without_phone_hours_the_number_ends_the_sentence(client, crisis, districts, kinds):
    from samverka.municipality.models import Municipality

    municipality = Municipality.current()
    municipality.phone, municipality.phone_hours = "+46812457000", ""
    municipality.save()
    cache.clear()
    page = client.post(REQUEST, request_data(districts, kinds), follow=True).content.decode()
    sentence = text_of(re.search(r"<p>[^<]*<a href=\"tel:.*?</p>", page).group(0))
    assert sentence == "Du kan ringa oss på 08-124 570 00."
