""""I can help": no password, one volunteer per phone or e-mail, a confirmation by SMS code
or e-mail link that works once and expires, and bots and double submits turned away."""

import re
from datetime import timedelta
from io import StringIO
from urllib.parse import urlparse

import pytest
import time_machine
from django.core import signing
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import link_in, says
from samverka.crisis import services
from samverka.crisis.models import CrisisVolunteer, ReceivedSignUp
from samverka.crisis.views import SALT_OFFER
from samverka.volunteers.models import Availability, Volunteer

from .conftest import offer_data

OFFER = "/kris/jag-kan-hjalpa/"


def sign_up(client, data, **extra):
    """Send the form as a person does; then the task worker does its part."""
    response = client.post(OFFER, data, **extra)
    services.process_received()
    return response


def sms_code(phone: str) -> str:
    message = OutboxMessage.objects.filter(to=phone, channel="sms").latest("pk")
    return re.search(r"\b(\d{6})\b", message.body_text).group(1)


def test_the_offer_form_answers_on_its_address(client, crisis):
    assert reverse("crisis:offer") == OFFER
    page = client.get(OFFER).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and 'name="submission_token"' in page
    assert 'name="website"' in page and 'name="consent"' in page


@pytest.mark.parametrize("written", ["070-123 45 67", "+46 70 123 45 67", "0701234567", "0046701234567"])
def test_sign_up_by_phone_normalises_the_number_and_sends_a_code(client, crisis, districts, kinds, written):
    response = sign_up(client, offer_data(districts, kinds, phone=written))

    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.phone == "+46701234567" and volunteer.name == "Karin Ek"
    assert volunteer.confirmed_at is None and volunteer.consent_sms
    assert set(volunteer.help_kinds.values_list("slug", flat=True)) == {"matinkop", "apotek"}
    assert list(volunteer.districts.all()) == [districts[0]]
    assert volunteer.availability == Availability.bit(1, 2) | Availability.bit(3, 0)
    link = CrisisVolunteer.objects.get(volunteer=volunteer, crisis=crisis)
    assert link.channel == "sms" and link.confirmed_at is None
    assert sms_code("+46701234567") == link.confirm_code


def test_the_sms_code_confirms_once(client, crisis, districts, kinds):
    thanks = sign_up(client, offer_data(districts, kinds))["Location"]
    page = client.get(thanks).content.decode()
    assert says("Thank you! Check your phone") in page

    wrong = client.post(thanks, {"code": "000000" if sms_code("+46701234567") != "000000" else "111111"})
    assert says("That is not the code we sent. Check the SMS and try again.") in wrong.content.decode()
    assert Volunteer.objects.get().confirmed_at is None

    right = client.post(thanks, {"code": sms_code("+46701234567")}, follow=True)
    assert says("Thank you, you are on the list") in right.content.decode()
    volunteer = Volunteer.objects.get()
    assert volunteer.confirmed_at is not None
    assert CrisisVolunteer.objects.get().confirmed_at is not None


def test_too_many_wrong_codes_lock_the_code(client, crisis, districts, kinds):
    thanks = sign_up(client, offer_data(districts, kinds))["Location"]
    code = sms_code("+46701234567")
    wrong = "111111" if code != "111111" else "222222"
    for _ in range(5):
        client.post(thanks, {"code": wrong})
    response = client.post(thanks, {"code": code})
    assert says("The code was typed wrong too many times. Sign up again to get a new code.") in response.content.decode()
    assert Volunteer.objects.get().confirmed_at is None


def test_an_expired_code_is_refused(client, crisis, districts, kinds):
    thanks = sign_up(client, offer_data(districts, kinds))["Location"]
    code = sms_code("+46701234567")
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        cache.clear()
        response = client.post(thanks, {"code": code})
    assert says("The code has expired. Sign up again to get a new code.") in response.content.decode()
    assert Volunteer.objects.get().confirmed_at is None


def test_sign_up_by_email_sends_a_link_that_works_once(client, crisis, districts, kinds):
    response = sign_up(client, offer_data(districts, kinds, phone="", email="Karin.Ek@example.org"), follow=True)
    assert says("Thank you! Check your e-mail") in response.content.decode()
    message = OutboxMessage.objects.get(to="Karin.Ek@example.org")
    path = link_in(message)

    page = client.get(path)  # opening the link confirms nothing: a mail filter may open it
    assert Volunteer.objects.get().confirmed_at is None
    assert 'method="post"' in page.content.decode()

    first = client.post(path)
    assert says("Thank you, you are on the list") in first.content.decode()
    assert Volunteer.objects.get().confirmed_at is not None

    second = client.post(path)
    assert says("This link has already been used: you are already confirmed. Thank you!") in second.content.decode()


def test_an_expired_link_is_refused(client, crisis, districts, kinds):
    sign_up(client, offer_data(districts, kinds, phone="", email="karin@example.org"))
    path = link_in(OutboxMessage.objects.get(to="karin@example.org"))
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        cache.clear()
        response = client.post(path)
    assert says("This link has expired. Sign up again and we send you a new one.") in response.content.decode()
    assert Volunteer.objects.get().confirmed_at is None


def test_an_unknown_link_is_refused(client, crisis):
    response = client.post(reverse("crisis:confirm", args=["nonsense"]))
    assert says("This link is not valid any more. Use the link in the latest message we sent you, "
                "or sign up again.") in response.content.decode()


def test_signing_up_again_updates_the_one_volunteer(client, crisis, districts, kinds):
    sign_up(client, offer_data(districts, kinds))
    sign_up(client, offer_data(districts, kinds, name="Karin Ek-Berg", phone="+46 70 123 45 67",
                                  email="karin@example.org", district=str(districts[1].pk),
                                  help_kinds=[str(kinds["hundpromenad"].pk)], availability=["5-1"]))

    volunteer = Volunteer.objects.get()
    assert volunteer.name == "Karin Ek-Berg" and volunteer.email == "karin@example.org"
    assert set(volunteer.districts.all()) == set(districts[:2])
    assert set(volunteer.help_kinds.values_list("slug", flat=True)) == {"matinkop", "apotek", "hundpromenad"}
    assert volunteer.availability & Availability.bit(5, 1) and volunteer.availability & Availability.bit(1, 2)
    assert CrisisVolunteer.objects.count() == 1
    # The same e-mail with another way of writing it is the same person too.
    sign_up(client, offer_data(districts, kinds, phone="", email="KARIN@example.org"))
    assert Volunteer.objects.count() == 1


def test_signing_up_again_within_a_minute_sends_no_second_sms(client, crisis, districts, kinds):
    sign_up(client, offer_data(districts, kinds))
    sign_up(client, offer_data(districts, kinds))
    assert OutboxMessage.objects.filter(to="+46701234567").count() == 1


def test_no_way_to_reach_is_refused_with_a_message(client, crisis, districts, kinds):
    response = sign_up(client, offer_data(districts, kinds, phone="", email=""))
    assert response.status_code == 200
    assert says("Give a mobile phone number or an e-mail address, so that we can confirm.") in response.content.decode()
    assert not Volunteer.objects.exists()


def test_a_wrong_number_and_missing_consent_are_shown_next_to_the_fields(client, crisis, districts, kinds):
    response = sign_up(client, offer_data(districts, kinds, phone="12", consent=None, name="Karin <b>Ek</b>"))
    page = response.content.decode()
    assert says("Write a phone number we can call, e.g. 070-123 45 67 or +46 70 123 45 67.") in page
    assert says("Tick the box, so that we may contact you.") in page
    assert 'value="Karin &lt;b&gt;Ek&lt;/b&gt;"' in page  # what was typed is kept, escaped
    assert not Volunteer.objects.exists()


def test_script_in_the_name_is_stored_as_text_and_shown_escaped(client, crisis, districts, kinds, triager):
    sign_up(client, offer_data(districts, kinds, name="<script>alert(1)</script>"))
    assert Volunteer.objects.get().name == "<script>alert(1)</script>"


def test_a_form_sent_twice_signs_up_once(client, crisis, districts, kinds):
    data = offer_data(districts, kinds, submission_token="token-1")
    first = sign_up(client, data)
    second = sign_up(client, data)
    # Both answers lead to the same sign-up's page (the reference is signed with the time, so
    # two answers a second apart differ in their letters, not in what they point to).
    received = [resolve(urlparse(answer["Location"]).path).kwargs["ref"] for answer in (first, second)]
    assert len({signing.loads(ref, salt=SALT_OFFER) for ref in received}) == 1
    assert Volunteer.objects.count() == 1 and CrisisVolunteer.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_the_honeypot_looks_like_success_and_saves_nothing(client, crisis, districts, kinds):
    response = sign_up(client, offer_data(districts, kinds, website="http://spam.example"))
    assert response.status_code == 302
    assert not Volunteer.objects.exists() and not OutboxMessage.objects.exists()


@time_machine.travel("2026-03-10 10:00:05+01:00", tick=False)  # all within one rate-limit window
def test_past_the_rate_limit_the_answer_is_429_with_retry_after(client, crisis, districts, kinds):
    for n in range(20):
        assert sign_up(client, offer_data(districts, kinds, phone=f"070-174 06 {n + 10}")).status_code == 302
    response = sign_up(client, offer_data(districts, kinds, phone="070-174 06 99"))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert says("Too many at once") in response.content.decode()
    assert Volunteer.objects.count() == 20
    # Another address is not stopped.
    other = sign_up(client, offer_data(districts, kinds, phone="070-174 06 98"), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_without_a_crisis_nothing_is_created(client, districts, kinds):
    page = client.get(OFFER)
    assert page.status_code == 200 and says("There is no crisis under way") in page.content.decode()
    response = sign_up(client, offer_data(districts, kinds))
    assert response.status_code == 200 and not Volunteer.objects.exists()


def test_the_form_in_english_and_arabic(client, crisis):
    assert "Grocery shopping" in client.get("/en/kris/jag-kan-hjalpa/").content.decode()
    assert 'dir="rtl"' in client.get("/ar/kris/jag-kan-hjalpa/").content.decode()


def test_queries_stay_few_and_constant(client, crisis, districts, kinds):
    client.get(OFFER)  # fills the caches
    client.post(OFFER, offer_data(districts, kinds, phone="070-174 06 19", submission_token="warm"))
    with CaptureQueriesContext(connection) as get:
        assert client.get(OFFER).status_code == 200
    counts = []
    for n in range(3):
        with CaptureQueriesContext(connection) as post:
            response = client.post(OFFER, offer_data(districts, kinds, phone=f"070-174 06 {n + 20}",
                                                     submission_token=f"t{n}"))
        assert response.status_code == 302
        counts.append(len(post))
    print(f"I can help: GET {len(get)} queries, POST {counts}")
    assert len(get) == 0
    assert counts[0] == counts[1] == counts[2]
    # The answer stores the form with one INSERT … ON CONFLICT; the worker does the rest.
    assert counts[0] == 1, [q["sql"] for q in post.captured_queries]



def test_the_answer_only_stores_the_form_and_the_worker_makes_the_volunteer(client, crisis, districts, kinds):
    response = client.post(OFFER, offer_data(districts, kinds, submission_token="t-1"))
    received = ReceivedSignUp.objects.get()
    assert received.data["phone"] == "+46701234567" and received.data["districts"] == [districts[0].pk]
    assert received.processed_at is None and received.link is None
    assert not Volunteer.objects.exists() and not OutboxMessage.objects.exists()

    thanks = response["Location"]
    assert says("Thank you! Check your phone") in client.get(thanks).content.decode()
    early = client.post(thanks, {"code": "123456"})  # before the SMS could have come
    assert says("Your code is on its way. Wait for the SMS, then type the code here.") in early.content.decode()

    assert services.process_received() == 1
    received.refresh_from_db()
    assert received.processed_at is not None and received.data == {}  # the details live on the volunteer only
    assert received.link == CrisisVolunteer.objects.get(volunteer=Volunteer.objects.get(phone="+46701234567"))
    assert services.process_received() == 0  # done once
    right = client.post(thanks, {"code": sms_code("+46701234567")}, follow=True)
    assert says("Thank you, you are on the list") in right.content.decode()


def test_the_worker_is_woken_when_the_form_is_stored(client, crisis, districts, kinds,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(OFFER, offer_data(districts, kinds))
    assert callbacks  # the task was asked for after the commit (and run, by the tests' immediate backend)
    assert ReceivedSignUp.objects.get().processed_at is not None
    assert Volunteer.objects.get().phone == "+46701234567"
    assert OutboxMessage.objects.filter(to="+46701234567").count() == 1


def test_a_sign_up_that_fails_is_kept_and_tried_again(client, crisis, districts, kinds, monkeypatch, caplog):
    client.post(OFFER, offer_data(districts, kinds))
    client.post(OFFER, offer_data(districts, kinds, phone="070-765 43 21"))
    real = services.sign_up_many

    def failing_for_karin(**kwargs):
        if any(data["phone"] == "+46701234567" for data, _ in kwargs["items"]):
            raise RuntimeError("the database went away")
        return real(**kwargs)

    monkeypatch.setattr(services, "sign_up_many", failing_for_karin)
    assert services.process_received() == 1  # the batch failed; one by one, the other one is not held up
    assert "could not be processed" in caplog.text
    failed = ReceivedSignUp.objects.get(processed_at__isnull=True)
    assert failed.attempts == 1 and failed.data["name"] == "Karin Ek"  # nothing lost
    assert not Volunteer.objects.filter(phone="+46701234567").exists()

    monkeypatch.setattr(services, "sign_up_many", real)
    call_command("process_signups", stdout=StringIO())  # the periodic safety net
    assert Volunteer.objects.filter(phone="+46701234567").count() == 1
    assert not ReceivedSignUp.objects.pending().exists()


def test_the_thanks_page_of_another_sign_up_cannot_be_guessed(client, crisis, districts, kinds):
    sign_up(client, offer_data(districts, kinds))
    received = ReceivedSignUp.objects.get()
    assert client.get(f"/kris/jag-kan-hjalpa/tack/{received.pk}/").status_code == 404
    assert client.post(f"/kris/jag-kan-hjalpa/tack/{received.pk}/", {"code": "123456"}).status_code == 404
    assert CrisisVolunteer.objects.get().confirm_attempts == 0


def test_the_sign_up_remembers_the_language_for_later_messages(client, crisis, districts, kinds):
    sign_up(client, offer_data(districts, kinds), HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/en" + OFFER, offer_data(districts, kinds, phone="070-765 43 21"))
    assert response.status_code == 302
    services.process_received()
    link = CrisisVolunteer.objects.get(volunteer__phone="+46707654321")
    assert link.language == "en"
    assert "your code is" in OutboxMessage.objects.get(to="+46707654321").body_text


def test_a_batch_with_the_same_person_twice_makes_one_volunteer_and_one_message(client, crisis, districts, kinds):
    client.post(OFFER, offer_data(districts, kinds, email="karin@example.org", availability=["1-2"]))
    client.post(OFFER, offer_data(districts, kinds, phone="", email="KARIN@example.org", availability=["5-1"],
                                  help_kinds=[str(kinds["hundpromenad"].pk)]))
    client.post(OFFER, offer_data(districts, kinds, name="Per Lind", phone="070-765 43 21"))
    assert services.process_received() == 3  # one batch

    assert Volunteer.objects.count() == 2
    karin = Volunteer.objects.get(phone="+46701234567")
    assert karin.email.lower() == "karin@example.org"  # the latest spelling
    assert karin.availability == Availability.bit(1, 2) | Availability.bit(5, 1)
    assert set(karin.help_kinds.values_list("slug", flat=True)) == {"matinkop", "apotek", "hundpromenad"}
    assert CrisisVolunteer.objects.count() == 2
    assert OutboxMessage.objects.filter(to="+46701234567").count() == 1  # one code, not two
    first, second, per = ReceivedSignUp.objects.order_by("pk")
    assert first.link == second.link != per.link


def test_a_batch_costs_the_same_number_of_queries_for_3_and_20_sign_ups(client, crisis, districts, kinds):
    def batch_queries(n: int, start: int) -> int:
        for i in range(n):
            client.post(OFFER, offer_data(districts, kinds, phone="" if i % 2 else f"070-{start + i:03d} 00 00",
                                          email=f"v{start + i}@example.org"), REMOTE_ADDR=f"10.0.{start}.{i}")
        with CaptureQueriesContext(connection) as queries:
            assert services.process_received() == n
        return len(queries)

    batch_queries(1, 50)  # warms the content-type cache the audit events use
    assert batch_queries(3, 100) == batch_queries(20, 200)  # each one batch


def test_the_form_page_comes_from_the_cache_with_tokens_of_ones_own(crisis, districts, kinds):
    from django.test import Client

    pages = []
    for _ in range(3):
        visitor = Client(enforce_csrf_checks=True)
        with CaptureQueriesContext(connection) as queries:
            response = visitor.get(OFFER)
        page = response.content.decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
        assert "slot" not in page and "csrftoken" in response.cookies
        pages.append((visitor, csrf, token, len(queries)))
    assert len({csrf for _, csrf, _, _ in pages}) == 3 and len({token for _, _, token, _ in pages}) == 3
    assert pages[-1][3] == 0
    # Each visitor's form is accepted with their own tokens, and only with them.
    visitor, csrf, token, _ = pages[2]
    data = offer_data(districts, kinds, csrfmiddlewaretoken=csrf, submission_token=token)
    assert visitor.post(OFFER, data).status_code == 302
    stranger = Client(enforce_csrf_checks=True)
    assert stranger.post(OFFER, offer_data(districts, kinds, csrfmiddlewaretoken=csrf)).status_code == 403
    assert ReceivedSignUp.objects.get().token == token


def test_the_cached_form_page_follows_the_crisis_and_the_language(client, crisis, districts, kinds):
    from samverka.volunteers import services as volunteer_services
    from samverka.volunteers.models import HelpKind

    assert "Grocery shopping" in client.get("/en" + OFFER).content.decode()
    assert "Handla mat" in client.get(OFFER).content.decode() and "Handla mat åt andra" not in client.get(OFFER).content.decode()
    kind = HelpKind.objects.get(slug="matinkop")
    kind.name = "Handla mat åt andra"
    volunteer_services.save_help_kind(by=None, kind=kind)  # as the admin saves it
    assert "Handla mat åt andra" in client.get(OFFER).content.decode()
    services.close_crisis(by=None, crisis=crisis)
    assert says("There is no crisis under way") in client.get(OFFER).content.decode()


def test_an_administrator_sees_a_failed_sign_up_and_has_it_tried_again(client, crisis, districts, kinds, administrator,
                                                                       resident):
    client.post(OFFER, offer_data(districts, kinds))
    ReceivedSignUp.objects.update(attempts=services.MAX_ATTEMPTS)  # it failed five times
    assert services.process_received() == 0
    admin_list = reverse("admin:crisis_receivedsignup_changelist")

    client.force_login(resident)  # not staff: the admin is closed to them, and nothing changes
    assert client.get(admin_list).status_code == 302
    client.post(admin_list, {"action": "try_again", "_selected_action": [ReceivedSignUp.objects.get().pk]})
    assert ReceivedSignUp.objects.get().attempts == services.MAX_ATTEMPTS

    client.force_login(administrator)
    page = client.get(admin_list + "?state=failed").content.decode()
    assert f">{ReceivedSignUp.objects.get().pk}<" in page
    client.post(admin_list, {"action": "try_again", "_selected_action": [ReceivedSignUp.objects.get().pk]})
    assert ReceivedSignUp.objects.get().attempts == 0
    assert services.process_received() == 1
    assert Volunteer.objects.get().phone == "+46701234567"
    assert AuditEvent.objects.filter(action="crisis.signup_retry").count() == 1


def test_the_shared_form_fields_carry_nothing_from_one_visitor_to_the_next(client, crisis, districts, kinds):
    """The public forms share their fields between requests: what one visitor typed, their
    errors and their language never reach the next."""
    wrong = client.post("/en" + OFFER, offer_data(districts, kinds, name="Karin Ek", phone="12", consent=None))
    assert says("Tick the box, so that we may contact you.", "en") in wrong.content.decode()
    assert 'aria-invalid="true"' in wrong.content.decode() and "Karin Ek" in wrong.content.decode()
    page = client.get(OFFER).content.decode()
    assert "Karin Ek" not in page and 'aria-invalid="true"' not in page
    assert says("Tick the box, so that we may contact you.") not in page
    assert "Handla mat" in page and "Grocery shopping" not in page
    assert "Grocery shopping" in client.get("/en" + OFFER).content.decode()
    assert sign_up(client, offer_data(districts, kinds, name="Nils Berg")).status_code == 302
    assert Volunteer.objects.get().name == "Nils Berg"


def test_a_received_form_is_stored_once_per_token_with_everything_it_carried(crisis):
    data = {"name": "Åsa Lind", "phone": "+46701234567", "districts": [1], "availability": {"mon": ["am"]}}
    first = services.receive_signup(crisis_id=crisis.pk, data=data, language="ar", token="t" * 80)
    again = services.receive_signup(crisis_id=crisis.pk, data={"name": "other"}, language="sv", token="t" * 80)
    without = [services.receive_signup(crisis_id=crisis.pk, data=data) for _ in range(2)]
    assert first == again and len({first, *without}) == 3
    row = ReceivedSignUp.objects.get(pk=first)
    assert (row.data, row.language, row.token, row.attempts, row.crisis_id) == (data, "ar", "t" * 64, 0, crisis.pk)
    assert row.processed_at is None and abs(row.received_at - timezone.now()) < timedelta(seconds=5)
    assert ReceivedSignUp.objects.filter(token=None).count() == 2


def test_a_worker_run_takes_a_few_batches_and_asks_for_the_next_run(client, crisis, districts, kinds, settings):
    """During a surge a run does not go on for as long as forms keep coming: it stops after
    a few batches and asks for another run, so the confirmations queued meanwhile go out."""
    from django.tasks import default_task_backend

    from samverka.crisis.tasks import process_signups

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    for n in range(5):
        client.post(OFFER, offer_data(districts, kinds, phone="", email=f"person{n}@example.org"))
    default_task_backend.clear()
    assert services.process_received(limit=2, batches=1) == 2
    assert [r.task.name for r in default_task_backend.results] == [process_signups.name]
    assert services.process_received(limit=2, batches=2) == 3  # the last batch was not full: nothing more to ask
    assert len(default_task_backend.results) == 1
    assert ReceivedSignUp.objects.pending().count() == 0 and Volunteer.objects.count() == 5


@pytest.mark.parametrize("wrong", [{"district": "99999"}, {"help_kinds": ["99999"]}, {"availability": ["9-9"]},
                                   {"district": "ett"}])
def test_a_choice_the_form_does_not_offer_is_refused_next_to_its_field(client, crisis, districts, kinds, wrong):
    response = client.post(OFFER, offer_data(districts, kinds, **wrong))
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert not ReceivedSignUp.objects.exists()
    assert client.post(OFFER, offer_data(districts, kinds)).status_code == 302  # the right ones still pass
