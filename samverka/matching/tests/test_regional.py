"""Regional programmes with a fake transport: Ekerö's Väntjänsten-like association programme
is shared as "vida-nordvast" with Upplands-Bro, whose feed and messages are made here with
Upplands-Bro's own key. A feed that is down, garbage, badly signed, from another address or
older than the last one changes nothing and the coordinator sees why; a run proposes a
partner's place; the person's consent sends only what they chose; the partner's answers and
a withdrawal travel back; a message replayed, late, or for another installation is refused."""

from __future__ import annotations

import base64
import json
import secrets
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samverka.matching import regional, signing
from samverka.matching.models import Choice, Participant, Programme, RegionalPartner, RemoteMatch, RemoteOffer
from samverka.municipality.models import Language

from .factories import ChoiceFactory, ParticipantFactory


@pytest.fixture(autouse=True)
def _english():
    """These tests read the pages' English words: their addresses are the English ones."""
    from django.utils import translation

    with translation.override("en"):
        yield

BRO = "https://samverka.upplands-bro.example"
BRO_KEY = Ed25519PrivateKey.from_private_bytes(b"\x07" * 32)
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(b"\x09" * 32)


def bro_feed(offers=None, *, key=BRO_KEY, sender=BRO, now=None) -> bytes:
    if offers is None:
        offers = [{"id": "a1", "places": 2, "languages": ["ar", "sv"], "kinds": [], "interests": ["Fotboll"],
                   "check": False, "association": {"name": "Bro IK", "org_no": "812000-1111", "kind": "Idrott"},
                   "area": {"name": "Bro", "latitude": "59.51100", "longitude": "17.63500"}},
                  {"id": "p7", "places": 1, "languages": ["sv"], "kinds": [], "interests": ["Schack"],
                   "check": False, "association": None, "area": {"name": "Kungsängen", "latitude": None,
                                                                  "longitude": None}}]
    payload = {"type": "feed", "programmes": [{"code": "vida-nordvast", "name": "VIDA", "kind": "association",
                                               "offers": offers}]}
    with_sender = pytest.MonkeyPatch()
    with_sender.setattr("django.conf.settings.SITE_URL", sender)
    try:
        return signing.seal(payload, key=key, now=now)
    finally:
        with_sender.undo()


class Fake:
    """A transport that answers from a dict of url -> body or exception, and keeps what was sent."""

    def __init__(self, answers=None):
        self.answers = answers or {}
        self.sent: list[tuple[str, str, bytes | None]] = []

    def __call__(self, method, url, body):
        self.sent.append((method, url, body))
        answer = self.answers.get(url, b'{"ok": true}')
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.fixture
def partner(db):
    return RegionalPartner.objects.create(name="Upplands-Bro kommun", base_url=BRO,
                                          public_key=signing.public_key_text(BRO_KEY))


@pytest.fixture
def shared(programme, partner):
    programme.kind = Programme.Kind.ASSOCIATION
    programme.shared_regionally, programme.regional_code = True, "vida-nordvast"
    programme.radius_km = 40  # Bro is some 20 km from Ekerö centrum
    programme.save()
    programme.partners.add(partner)
    ChoiceFactory(programme=programme, group=Choice.Group.INTEREST, name="Fotboll")
    return programme


FEED_URL = BRO + regional.FEED_PATH


def test_a_good_feed_is_stored_and_the_next_one_replaces_it(shared, partner):
    done = regional.fetch_partner(partner, transport=Fake({FEED_URL: bro_feed()}))
    assert done.ok and done.added == 2
    bro = RemoteOffer.objects.get(remote_id="a1")
    assert (bro.association, bro.organisation_number, bro.places, bro.languages) == (
        "Bro IK", "812000-1111", 2, ["ar", "sv"])
    assert RemoteOffer.objects.get(remote_id="p7").association == ""
    # The next feed has one offer, changed: the other is removed.
    later = timezone.now() + timedelta(seconds=5)
    done = regional.fetch_partner(partner, transport=Fake({FEED_URL: bro_feed([
        {"id": "a1", "places": 1, "languages": ["sv"], "kinds": [], "interests": [], "check": False,
         "association": {"name": "Bro IK", "org_no": "", "kind": ""}, "area": None}], now=later)}), now=later)
    assert (done.ok, done.changed, done.removed) == (True, 1, 1)
    assert list(RemoteOffer.objects.values_list("remote_id", "places")) == [("a1", 1)]


@pytest.mark.parametrize(("answer", "cause"), [
    (bro_feed(key=OTHER_KEY), "signature does not match"),
    (b"<html>Bad gateway</html>", "not a signed Samverka message"),
    (json.dumps({"payload": "{}", "signature": "AAAA"}).encode(), "signature does not match"),
    (regional.TransportError("The partner did not answer in time."), "did not answer in time"),
    (b"x" * (signing.MAX_BYTES + 1), "larger than the limit"),
    (bro_feed(sender="https://elsewhere.example"), "another address"),
    (bro_feed(now=timezone.now() - timedelta(hours=3)), "too far from now"),
    (bro_feed([{"id": "a1", "places": "many"}]), "valid number of places"),
    (bro_feed([{"id": "a1", "places": 1, "languages": "sv"}]), "list of the wrong kind"),
])
def test_a_feed_not_believed_changes_nothing_and_the_coordinator_sees_why(shared, partner, coordinator, client,
                                                                         answer, cause):
    regional.fetch_partner(partner, transport=Fake({FEED_URL: bro_feed()}))
    before = list(RemoteOffer.objects.values_list("remote_id", "places", "fetched_at"))
    done = regional.fetch_partner(partner, transport=Fake({FEED_URL: answer}))
    assert not done.ok and cause in done.error
    assert list(RemoteOffer.objects.values_list("remote_id", "places", "fetched_at")) == before
    client.force_login(coordinator)
    page = client.get(reverse("matching:regional", args=[shared.slug])).content.decode()
    assert cause in page and "Bro IK" in page


def test_an_older_feed_sent_again_is_refused(shared, partner):
    old = bro_feed(now=timezone.now() - timedelta(minutes=10))
    regional.fetch_partner(partner, transport=Fake({FEED_URL: bro_feed()}))
    partner.refresh_from_db()
    done = regional.fetch_partner(partner, transport=Fake({FEED_URL: old}))
    assert not done.ok and "older than one already read" in done.error
    assert RemoteOffer.objects.count() == 2


def test_the_periodic_job_reads_every_partner_and_counts_the_faults(shared, partner):
    assert regional.fetch_all(transport=Fake({FEED_URL: b"garbage"}))["failed"] == 1
    assert regional.fetch_all(transport=Fake({FEED_URL: bro_feed()}))["read"] == 1


def test_our_feed_has_no_personal_data_and_is_signed(shared, client, districts):
    sv, _created = Language.objects.get_or_create(code="sv", defaults={"name": "Svenska"})
    offer = ParticipantFactory(programme=shared, side=Participant.Side.OFFER, name="Ekerö IK",
                               email="ordf@ekeroik.example", phone="+46701234567", capacity=2,
                               district=districts["stenhamra"], about="Vi tränar på tisdagar.")
    offer.languages.set([sv])
    ParticipantFactory(programme=shared, side=Participant.Side.REQUEST, name="Amal Hassan", email="amal@example.org")
    body = client.get(reverse("matching:regional_feed")).content
    payload = signing.open_envelope(body, signing.public_key_text())
    [programme] = payload["programmes"]
    [entry] = programme["offers"]
    assert entry["association"]["name"] == "Ekerö IK" and entry["places"] == 2 and entry["languages"] == ["sv"]
    assert entry["area"]["name"] == "Stenhamra"
    text = body.decode()
    for secret in ("ordf@ekeroik.example", "+46701234567", "tisdagar", "Amal", str(offer.pk) + ","):
        assert secret not in text
    assert client.get(reverse("matching:regional_key")).content.decode().strip() == signing.public_key_text()


def _proposed(shared, partner, districts):
    regional.fetch_partner(partner, transport=Fake({FEED_URL: bro_feed()}))
    football = shared.choices.get(name="Fotboll")
    amal = ParticipantFactory(programme=shared, name="Amal Hassan", email="amal@example.org", phone="+46701112233",
                              district=districts["ekero-centrum"], about="Jag gillar fotboll.")
    amal.interests.set([football])
    from samverka.matching import services

    services.run_programme(programme=shared, by=None)
    return amal, RemoteMatch.objects.get(request=amal)


def test_a_run_proposes_a_partners_place_and_the_person_consents_to_what_is_sent(shared, partner, districts,
                                                                               coordinator, client):
    amal, proposal = _proposed(shared, partner, districts)
    assert proposal.status == RemoteMatch.Status.PROPOSED and proposal.offer_name == "Bro IK"
    client.force_login(coordinator)
    page = client.get(reverse("matching:regional", args=[shared.slug])).content.decode()
    assert "Amal Hassan" in page and "Bro IK" in page
    client.post(reverse("matching:regional_decide", args=[shared.slug, proposal.pk]), {"action": "ask"})
    proposal.refresh_from_db()
    assert proposal.status == RemoteMatch.Status.ASKED
    assert proposal.token in mail.outbox[-1].body if mail.outbox else True
    client.logout()
    url = reverse("matching:consent", args=[proposal.token])
    assert "Bro IK" in client.get(url).content.decode()
    # No way to reach her chosen: the message says so next to the choices, nothing is sent.
    fake = Fake()
    from unittest import mock

    with mock.patch.object(regional, "http_transport", fake):
        answer = client.post(url, {"answer": "yes", "share": ["name", "about"]})
        assert answer.status_code == 400 and "at least one way" in answer.content.decode()
        assert fake.sent == []
        client.post(url, {"answer": "yes", "share": ["name", "email"]})
    proposal.refresh_from_db()
    assert proposal.status == RemoteMatch.Status.SENT and proposal.consented_at
    assert proposal.shared == {"name": "Amal Hassan", "email": "amal@example.org"}
    [(method, target, body)] = fake.sent
    assert (method, target) == ("POST", BRO + regional.INBOX_PATH)
    sent = json.loads(json.loads(body)["payload"])
    assert sent["person"] == {"name": "Amal Hassan", "email": "amal@example.org"} and sent["offer"] == "a1"
    assert "+46701112233" not in body.decode() and "fotboll" not in body.decode().lower().split("person")[1]


def test_the_partners_answer_and_a_withdrawal_travel_back(shared, partner, districts, settings):
    amal, proposal = _proposed(shared, partner, districts)
    regional.ask_person(match=proposal, by=None)
    regional.consent(match=proposal, share=["email"], transport=Fake())
    answer = _from_bro({"type": "match_answer", "reference": proposal.reference, "answer": "accepted"}, settings)
    regional.receive(answer)
    proposal.refresh_from_db()
    amal.refresh_from_db()
    assert proposal.status == RemoteMatch.Status.ACCEPTED and amal.status == Participant.Status.MATCHED
    fake = Fake()
    regional.withdraw(match=proposal, transport=fake)
    proposal.refresh_from_db()
    amal.refresh_from_db()
    assert proposal.status == RemoteMatch.Status.WITHDRAWN and proposal.shared == {}
    assert amal.status == Participant.Status.WAITING
    assert json.loads(json.loads(fake.sent[0][2])["payload"])["answer"] == "withdrawn"


def test_a_partner_that_cannot_be_reached_keeps_the_consent_for_a_retry(shared, partner, districts, coordinator):
    amal, proposal = _proposed(shared, partner, districts)
    regional.ask_person(match=proposal, by=None)
    down = Fake({BRO + regional.INBOX_PATH: regional.TransportError("The partner did not answer in time.")})
    done = regional.consent(match=proposal, share=["email"], transport=down)
    assert done.status == RemoteMatch.Status.FAILED and "in time" in done.error
    done = regional.resend(match=done, by=coordinator, transport=Fake())
    done.refresh_from_db()
    assert done.status == RemoteMatch.Status.SENT and done.error == ""


def _from_bro(payload, settings, *, key=BRO_KEY, to=None, now=None) -> bytes:
    mine = settings.SITE_URL
    settings.SITE_URL = BRO
    try:
        return signing.seal({"to": to or mine, **payload}, key=key, now=now)
    finally:
        settings.SITE_URL = mine


def test_a_partners_match_request_waits_for_our_coordinator_who_answers(shared, partner, districts, settings,
                                                                         coordinator, client):
    club = ParticipantFactory(programme=shared, side=Participant.Side.OFFER, name="Ekerö IK", capacity=2)
    request = {"type": "match_request", "programme": "vida-nordvast", "offer": regional.offer_ref(club.pk),
               "reference": secrets.token_hex(8), "person": {"name": "Nour Ali", "email": "nour@example.org"}}
    answer = client.post(reverse("matching:regional_inbox"), _from_bro(request, settings),
                         content_type="application/json")
    assert answer.status_code == 200
    incoming = RemoteMatch.objects.get(direction=RemoteMatch.Direction.INCOMING)
    assert incoming.status == RemoteMatch.Status.PENDING and incoming.offer == club
    client.force_login(coordinator)
    assert "nour@example.org" in client.get(reverse("matching:regional", args=[shared.slug])).content.decode()
    fake = Fake()
    from unittest import mock

    with mock.patch.object(regional, "http_transport", fake):
        client.post(reverse("matching:regional_decide", args=[shared.slug, incoming.pk]), {"action": "decline"})
    incoming.refresh_from_db()
    assert incoming.status == RemoteMatch.Status.DECLINED and incoming.shared == {}
    assert json.loads(json.loads(fake.sent[0][2])["payload"])["answer"] == "declined"


@pytest.mark.parametrize("fault", ["replay", "late", "elsewhere", "stranger", "tampered"])
def test_a_message_not_believed_changes_nothing(shared, partner, settings, client, fault):
    club = ParticipantFactory(programme=shared, side=Participant.Side.OFFER, name="Ekerö IK")
    request = {"type": "match_request", "programme": "vida-nordvast", "offer": regional.offer_ref(club.pk),
               "reference": "r1", "person": {"email": "nour@example.org"}}
    body = _from_bro(request, settings)
    if fault == "replay":
        assert client.post(reverse("matching:regional_inbox"), body, content_type="application/json").status_code == 200
        RemoteMatch.objects.all().delete()
    elif fault == "late":
        body = _from_bro(request, settings, now=timezone.now() - timedelta(minutes=20))
    elif fault == "elsewhere":
        body = _from_bro(request, settings, to="https://samverka.sigtuna.example")
    elif fault == "stranger":
        body = _from_bro(request, settings, key=OTHER_KEY)
    else:
        envelope = json.loads(body)
        envelope["payload"] = envelope["payload"].replace("nour@", "eve@")
        body = json.dumps(envelope).encode()
    answer = client.post(reverse("matching:regional_inbox"), body, content_type="application/json")
    assert answer.status_code == 400 and answer.json()["error"]
    assert not RemoteMatch.objects.exists()


def test_the_key_comes_from_the_setting_or_is_made_once(settings, tmp_path):
    signing.private_key.cache_clear()
    settings.REGIONAL_PRIVATE_KEY, settings.VAR_DIR = "", tmp_path
    try:
        made = signing.public_key_text()
        signing.private_key.cache_clear()
        assert signing.public_key_text() == made and (tmp_path / "regional_ed25519.key").stat().st_mode & 0o077 == 0
        settings.REGIONAL_PRIVATE_KEY = base64.b64encode(b"\x07" * 32).decode()
        signing.private_key.cache_clear()
        assert signing.public_key_text() == signing.public_key_text(BRO_KEY)
    finally:
        signing.private_key.cache_clear()


def test_only_coordinators_see_the_regional_page(shared, other_coordinator, official, client):
    client.force_login(other_coordinator)
    assert client.get(reverse("matching:regional", args=[shared.slug])).status_code == 404
    client.force_login(official)  # configures it, does not coordinate it
    assert client.get(reverse("matching:regional", args=[shared.slug])).status_code == 403


def test_the_inbox_counts_messages_per_address(shared, partner, client, settings):
    settings.RATELIMIT_ENABLE = True
    from samverka.matching import views_regional

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "inbox"}}
    limit = int(views_regional.INBOX_RATE.split("/")[0])
    for _n in range(limit):
        assert client.post(reverse("matching:regional_inbox"), b"{}", content_type="application/json").status_code == 400
    answer = client.post(reverse("matching:regional_inbox"), b"{}", content_type="application/json")
    assert answer.status_code == 429 and answer.json()["error"] and int(answer["Retry-After"]) > 0


def test_the_regional_page_makes_as_many_queries_for_many_places_and_requests(shared, partner, coordinator, client,
                                                                              django_assert_num_queries):
    client.force_login(coordinator)
    url = reverse("matching:regional", args=[shared.slug])

    def grow(start, count):
        for n in range(start, start + count):
            offer = RemoteOffer.objects.create(partner=partner, programme=shared, remote_id=f"r{n}",
                                               association=f"Förening {n}", places=1)
            request = ParticipantFactory(programme=shared, name=f"Person {n}")
            RemoteMatch.objects.create(programme=shared, partner=partner, direction="outgoing", status="proposed",
                                       request=request, remote_offer=offer, offer_ref=f"r{n}", offer_name=offer.association)
            club = ParticipantFactory(programme=shared, side=Participant.Side.OFFER, name=f"Klubb {n}")
            RemoteMatch.objects.create(programme=shared, partner=partner, direction="incoming", status="pending",
                                       offer=club, offer_ref=f"x{n}", offer_name=club.name,
                                       shared={"email": f"p{n}@example.org"})

    grow(0, 2)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(2, 10)
    with django_assert_num_queries(len(small)):
        client.get(url)


def test_the_coordinator_reads_the_partners_feed_now_and_is_told_what_happened(shared, partner, coordinator, client):
    from unittest import mock

    client.force_login(coordinator)
    url = reverse("matching:regional_fetch", args=[shared.slug])
    with mock.patch.object(regional, "http_transport", Fake({FEED_URL: b"<html>"})):
        page = client.post(url, follow=True).content.decode()
    assert "Nothing was changed" in page and not RemoteOffer.objects.exists()
    with mock.patch.object(regional, "http_transport", Fake({FEED_URL: bro_feed()})):
        page = client.post(url, follow=True).content.decode()
    assert "2 new" in page and RemoteOffer.objects.count() == 2
