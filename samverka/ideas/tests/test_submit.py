"""Ali sends an idea without an account: he gets the link to follow it by e-mail, and nothing
more is sent to the typed address until he confirms it. Lina sends one from her account and
finds it under My pages. Bad input keeps what was typed; a double submit is one idea; robots
and repeated addresses get nothing sent."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.communication import limits
from samverka.communication.models import CapReached, OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, link_in, says
from samverka.ideas.models import Idea
from samverka.municipality.models import Area, District

from .helpers import idea_form, new_url

pytestmark = pytest.mark.django_db


def test_ali_sends_an_idea_without_an_account_and_gets_his_private_link(client):
    area, _ = Area.objects.get_or_create(slug="integration", defaults={"name": "Integration"})
    district, _ = District.objects.get_or_create(slug="stenhamra", defaults={"name": "Stenhamra"})
    response = client.post(new_url(), idea_form(areas=[area.pk], districts=[district.pk], is_public="on"))
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == idea.get_private_url()
    assert (idea.name, idea.email, idea.author, idea.step, idea.coach, idea.is_public) == (
        "Ali Hassan", "ali@example.org", None, "need", None, True)
    assert list(idea.areas.all()) == [area] and list(idea.districts.all()) == [district]
    assert AuditEvent.objects.filter(action="idea.submit").count() == 1
    assert says("Thank you! We have received your idea. Keep this page's address: here you follow your idea, "
                "step by step.") in flash(response)

    receipt = OutboxMessage.objects.get()
    assert receipt.to == "ali@example.org"
    assert link_in(receipt) == idea.get_private_url()
    page = client.get(idea.get_private_url()).content.decode()
    assert "Reparationskafé i Stenhamra" in page
    assert idea.get_confirm_url() in receipt.body_text and idea.get_confirm_url() not in page


def test_nothing_but_the_receipt_goes_to_a_typed_address_until_it_is_confirmed_from_the_mail(client, coach):
    client.post(new_url(), idea_form())
    idea = Idea.objects.get()
    receipt = OutboxMessage.objects.get()
    karin = client.__class__()
    karin.force_login(coach)
    response = karin.post(reverse("ideas:take", args=[idea.pk]))
    assert says("The idea is yours to coach now. The author gets no e-mail (the address is not confirmed); they "
                "see it on their idea's page.") in flash(response)
    assert OutboxMessage.objects.filter(to="ali@example.org").count() == 1  # only the receipt

    confirm = re.findall(r"https?://[^/\s]+(/\S+)", receipt.body_text)[1]
    assert confirm == idea.get_confirm_url() != idea.get_private_url()
    page = client.get(confirm)  # a mail program that opens the link to check it confirms nothing
    assert page.status_code == 200 and says("Yes, e-mail me") in page.content.decode()
    idea.refresh_from_db()
    assert idea.email_confirmed_at is None
    response = client.post(confirm)
    assert response.status_code == 302 and response["Location"] == idea.get_private_url()
    idea.refresh_from_db()
    assert idea.email_confirmed_at is not None
    assert AuditEvent.objects.filter(action="idea.confirm").count() == 1
    response = karin.post(reverse("ideas:forward", args=[idea.pk]), {"note": "Vi har träffats.",
                                                                       "on": timezone.localdate()})
    assert says("The idea has moved on. The author has been told.") in flash(response)
    assert OutboxMessage.objects.filter(to="ali@example.org").count() == 2


def test_the_page_shown_after_sending_cannot_confirm_someone_elses_address(client):
    """Mallory types Ali's address: the page she is sent to holds no way to confirm it, the
    private link does not confirm, and a forged or altered confirmation link finds nothing."""
    response = client.post(new_url(), idea_form(), follow=True)
    idea = Idea.objects.get()
    page = response.content.decode()
    assert says("Yes, e-mail me") + "</button>" not in page and "bekrafta" not in page
    assert "Öppna bekräftelselänken i mejlet vi skickade till ali@example.org" in page
    code = idea.get_confirm_url().split("/")[-2]
    for token in (idea.token, code[:-2] + ("AA" if not code.endswith("AA") else "BB"), "x" * 32):
        assert client.post(reverse("ideas:confirm", args=[token])).status_code == 404
    idea.email = "mallory@example.org"  # the link is bound to the address it went to
    idea.save()
    assert client.post(reverse("ideas:confirm", args=[code])).status_code == 404
    assert Idea.objects.get().email_confirmed_at is None
    assert not AuditEvent.objects.filter(action="idea.confirm").exists()


def test_lina_sends_an_idea_from_her_account_and_finds_it_on_my_pages(client, resident):
    client.force_login(resident)
    page = client.get(new_url()).content.decode()
    assert 'name="email"' not in page and 'name="name"' not in page
    response = client.post(new_url(), idea_form(name="", email=""))
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert (idea.author, idea.name, idea.email) == (resident, "Lina Sandberg", "")
    assert OutboxMessage.objects.get().to == "lina@example.org"
    mine = client.get(reverse("ideas:mine")).content.decode()
    assert idea.get_private_url() in mine
    assert client.get(idea.get_absolute_url()).status_code == 200  # her own, although not public


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"what": "   "}, "what", "Write what your idea is."),
    ({"for_whom": ""}, "for_whom", "Write who the idea is for."),
    ({"title": ""}, "title", "Give your idea a name."),
    ({"email": ""}, "email", "Write your e-mail address, so that you get the link to your idea."),
    ({"email": "ali@"}, "email", "Write an e-mail address like name@example.se."),
    ({"what": "x" * 5001}, "what", ("Write at most %(limit_value)d characters (you wrote %(show_value)d).",
                                    {"limit_value": 5000, "show_value": 5001})),
])
def test_bad_input_is_named_next_to_its_field_and_the_rest_is_kept(client, changes, field, message):
    response = client.post(new_url(), idea_form(**changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in page
    assert (says(message[0], **message[1]) if isinstance(message, tuple) else says(message)) in page
    assert "Stenhamra församlingshem" in page  # what was typed is still there
    assert not Idea.objects.exists() and not OutboxMessage.objects.exists()


def test_a_double_submit_creates_one_idea(client):
    first = client.post(new_url(), idea_form(submission_token="a" * 32))
    second = client.post(new_url(), idea_form(submission_token="a" * 32))
    assert Idea.objects.count() == 1
    assert first["Location"] == second["Location"] == Idea.objects.get().get_private_url()
    assert OutboxMessage.objects.count() == 1


def test_a_robot_filling_the_hidden_field_creates_nothing(client):
    response = client.post(new_url(), idea_form(website="http://spam.example"))
    assert response.status_code == 200
    assert not Idea.objects.exists() and not OutboxMessage.objects.exists()


def test_one_typed_address_gets_one_receipt_a_day(client):
    for n in range(3):
        response = client.post(new_url(), idea_form(title=f"Idé {n}"), REMOTE_ADDR=f"192.0.2.{n + 1}")
        assert response.status_code == 302
    assert Idea.objects.count() == 3  # every idea is kept
    assert OutboxMessage.objects.filter(to="ali@example.org").count() == 1


def test_the_form_is_rate_limited_per_network_and_keeps_the_input(client):
    for n in range(10):
        assert client.post(new_url(), idea_form(title=f"Idé {n}", email=f"a{n}@example.org")).status_code == 302
    response = client.post(new_url(), idea_form(title="Den elfte"))
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    assert "Den elfte" in response.content.decode()
    assert Idea.objects.count() == 10


def test_above_the_hourly_cap_ideas_are_kept_and_the_administrators_told_once(client, monkeypatch, administrator):
    monkeypatch.setitem(limits.CAPS, "ideas.received", limits.Cap(per_hour=2))
    start = timezone.now().replace(minute=10, second=0, microsecond=0) + timedelta(hours=1)
    with time_machine.travel(start, tick=False):
        for n in range(5):
            client.post(new_url(), idea_form(title=f"Idé {n}", email=f"a{n}@example.org"), REMOTE_ADDR=f"192.0.2.{n}")
    assert Idea.objects.count() == 5
    assert OutboxMessage.objects.filter(idempotency_key__endswith="-received").count() == 2
    assert OutboxMessage.objects.filter(idempotency_key__startswith="cap-reached:").count() == 1
    assert CapReached.objects.get(purpose="ideas.received").held_back == 3


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_confirmation_page_passes_the_site_checks(client, idea, language):
    from django.utils import translation

    from tests.test_site import check_page

    with translation.override(language):
        url = idea.get_confirm_url()
        assert check_page("ideas:confirm", url, client.get(url), language=language) == []
