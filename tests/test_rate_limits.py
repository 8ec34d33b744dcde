"""Rate limits that hold.

- Every address that takes a POST from someone who is not logged in is rate-limited, and
  at its limit answers 429 with words and `Retry-After`, counted in a shared cache (Redis,
  as in production). The addresses come from walking the URL configuration: a new one
  fails `test_every_public_form_is_in_the_table` until it has a limit and a line here.
- Two processes count one limit only with a shared cache; `check --deploy` fails without one.
- Wrong passwords lock out the guesser, not the account's owner."""

from __future__ import annotations

import multiprocessing
import os

import pytest
import redis
import time_machine
from django.apps import apps
from django.core import signing
from django.core.checks import Error, Warning
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import ngettext, override
from django_ratelimit.core import is_ratelimited

from samverka.accounts.tests.factories import PASSWORD
from samverka.cases.tests.helpers import case_form
from samverka.core import checks
from samverka.core.tests.helpers import says
from samverka.crisis import services as crisis_services
from samverka.crisis.tests.conftest import offer_data, request_data
from samverka.ideas.tests.helpers import idea_form
from samverka.municipality.models import District
from samverka.news import services as news_services
from samverka.volunteers.migrations import _help_kinds
from samverka.volunteers.models import HelpKind

from . import test_route_matrix
from .test_route_matrix import BUILDERS, refused, urls_of
from .urlwalk import Route, routes

scene = test_route_matrix.scene  # the matrix's objects, as a fixture here too

REDIS_URL = "redis://127.0.0.1:6379/5"
# Each pytest-xdist worker keeps its own keys in the one database, and empties only those.
PREFIX = f"samverka-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
SHARED = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": PREFIX}}
NOW = "2026-03-10 10:00:05+01:00"  # every request of a test in one window of every limit
LOGIN = "/konto/login/"


def says_minutes(sentence: str, minutes: int) -> str:
    """The 429 page's "<sentence> Wait N minutes and try again." as it reads in Swedish."""
    singular = f"{sentence} Wait %(minutes)s minute and try again."
    with override("sv"):
        return escape(ngettext(singular, singular.replace("minute ", "minutes "), minutes) % {"minutes": minutes})


def redis_is_there() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def shared_cache(settings):
    """The default cache in Redis (db 5), without this worker's keys, as production shares it
    between processes. Back to the per-process cache before the other fixtures' teardown
    (whose `cache.clear()` would empty the whole database under the other workers)."""
    if not redis_is_there():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis does not answer at {REDIS_URL}; the CI machine runs it.")
        pytest.skip(f"Redis does not answer at {REDIS_URL}; start it to test the limits in a shared cache.")
    settings.RATELIMIT_ENABLE = True
    with override_settings(CACHES=SHARED):
        from django.core.cache import cache

        cache.delete_pattern("*")
        yield
        cache.delete_pattern("*")


# ---------------------------------------------------------------- the public forms, at their limit

# Links whose holder acts without logging in: the real ones (the matrix tries guessed ones).
REAL_LINKS = {
    "activities:registration": lambda s: {"token": s["registration"].cancel_token},
    "activities:confirm_registration": lambda s: {"token": s["registration"].cancel_token},
    "cases:status": lambda s: {"token": s["case"].token},
    "cases:reply": lambda s: {"token": s["case"].token},
    "cases:withdraw_consent": lambda s: {"token": s["link_case"].token, "pk": s["consent"].pk},
    "crisis:confirm": lambda s: {"token": s["helper"].confirm_token},
    "crisis:task_answer": lambda s: {"token": s["task"].token},
    "crisis:release": lambda s: {"token": crisis_services.release_token(s["helper"])},
    "crisis:offer_thanks": lambda s: {"ref": signing.dumps(s["received"].pk, salt="crisis.signup")},
    "crisis:request_thanks": lambda s: {"ref": signing.dumps(s["help_request"].pk, salt="crisis.request")},
    "actors:invitation": lambda s: {"token": s["invitation"].token},
    "matching:participant": lambda s: {"token": s["participant"].token},
    "matching:confirm_email": lambda s: {"token": s["participant"].token},
    "matching:match": lambda s: {"token": s["match"].request_token},
    "matching:check_in": lambda s: {"token": s["match"].request_token},
    "ideas:confirm": lambda s: {"token": s["idea"].get_confirm_url().split("/")[-2]},
    "ideas:publicity": lambda s: {"token": s["idea"].token},
    "news:confirm": lambda s: {"token": news_services.confirm_token(s["subscriber"])},
    "news:unsubscribe": lambda s: {"token": news_services.unsubscribe_token(s["subscriber"])},
    "accounts:guardian": lambda s: {"token": _guardian_token()},
}


def _guardian_token():
    from samverka.accounts.models import GuardianConsent
    from samverka.accounts.services import guardian_token
    from samverka.accounts.tests.factories import UserFactory

    child = UserFactory(first_name="Elsa", email="elsa.barn@example.org")
    return guardian_token(GuardianConsent.objects.create(user=child, guardian_name="Maria Lind",
                                                         guardian_email="maria.lind@example.org"))

# POSTs that change nothing for someone who is not logged in, so need no limit.
NOTHING_TO_LIMIT = {
    "matching:regional_inbox": "partner installations' signed messages, not a form: anything not signed by a "
                               "partner is refused (400) before a write; counted per address with a JSON 429 "
                               "(samverka/matching/tests/test_regional.py)",
    "account_logout": "a visitor who is not logged in has nothing to log out of",
    "admin:logout": "the same, in the admin",
    "konto/social/login/cancelled/": "a redirect to allauth's new address",
    "konto/social/login/error/": "a redirect to allauth's new address",
    "konto/social/signup/": "a redirect to allauth's new address",
    "konto/social/connections/": "a redirect to allauth's new address",
}


def _districts():
    return [District.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name, "position": n})[0]
            for n, (slug, name) in enumerate([("ekero-centrum", "Ekerö centrum"), ("stenhamra", "Stenhamra")])]


def _kinds():
    _help_kinds.add(apps, None)
    return {k.slug: k for k in HelpKind.objects.all()}


def _offer(s, n):
    return offer_data(_districts(), _kinds(), phone=f"070-174 06 {n + 10:02d}")


def _help(s, n):
    return request_data(_districts(), _kinds(), phone=f"08-560 123 {n + 10:02d}")


# Address → (the limit, what to send the n-th time, words the answer at the limit carries).
LIMITED = {
    "cases:new": (10, lambda s, n: case_form(message=f"Fråga nummer {n}"),
                  "Wait a quarter of an hour and press Send again: what you wrote is still here."),
    "ideas:new": (10, lambda s, n: idea_form(title=f"Idé nummer {n}", email=f"ide{n}@example.org"),
                  "Wait a quarter of an hour and press Send again: what you wrote is still here."),
    "ideas:confirm": (20, lambda s, n: {}, "Wait an hour and try again."),
    "news:subscribe": (10, lambda s, n: {"email": f"nyhetsbrev{n}@example.org"},
                       "Wait a quarter of an hour and press Subscribe again: your address is still here."),
    "news:confirm": (30, lambda s, n: {}, "Too many attempts"),
    "news:unsubscribe": (30, lambda s, n: {}, "Too many attempts"),
    "ideas:publicity": (20, lambda s, n: {"public": "1"}, "Wait an hour and try again."),
    "cases:link": (10, lambda s, n: case_form(topic="aldre", message=f"Fråga nummer {n}"),
                   "Wait a quarter of an hour and press Send again: what you wrote is still here."),
    "cases:withdraw_consent": (20, lambda s, n: {}, "Too many attempts"),
    "cases:reply": (20, lambda s, n: {"text": f"Tillägg {n}"},
                    "Wait an hour and press Send again: what you wrote is still here."),
    "crisis:offer": (20, _offer, "Too many at once"),
    "crisis:request": (20, _help, "Too many at once"),
    "crisis:confirm": (10, lambda s, n: {}, "Too many at once"),
    "crisis:offer_thanks": (10, lambda s, n: {"code": "000000"}, "Too many at once"),
    "crisis:task_answer": (10, lambda s, n: {"answer": "no"}, "Too many at once"),
    "crisis:release": (10, lambda s, n: {"answer": "none"}, "Too many at once"),
    "activities:register": (60, lambda s, n: {"name": f"Deltagare {n}", "email": f"deltagare{n}@example.org",
                                              "phone": ""},
                            "Too many registrations from your network just now. Wait a while and try again."),
    "activities:registration": (30, lambda s, n: {}, "Too many attempts"),
    "activities:confirm_registration": (30, lambda s, n: {}, "Too many attempts"),
    "matching:sign_up": (30, lambda s, n: {"name": f"Deltagare {n}", "email": f"deltagare{n}@example.org"},
                         "Too many sign-ups from your network just now. Wait a while and try again."),
    "matching:participant": (30, lambda s, n: {"reason": ""}, "Too many attempts"),
    "matching:confirm_email": (30, lambda s, n: {}, "Too many attempts"),
    "matching:match": (30, lambda s, n: {"answer": "kanske"}, "Too many attempts"),
    "matching:check_in": (30, lambda s, n: {"note": f"Hur går det {n}"}, "Too many attempts"),
    "accounts:guardian": (30, lambda s, n: {}, "Too many attempts"),
    # Wrong passwords from one address, whichever the accounts: 10 a minute ("login_failed").
    "account_login": (10, lambda s, n: {"login": f"gissning{n}@example.org", "password": "fel-losenord"},
                      "Too many attempts"),
    "account_signup": (10, lambda s, n: {"email": f"ny{n}@example.org", "password1": "ett långt lösenord 7",
                                         "password2": "ett långt lösenord 7"},
                       "Too many attempts"),
    "account_reset_password": (20, lambda s, n: {"email": f"glomsk{n}@example.org"},
                               "Too many attempts"),
    "account_reset_password_from_key": (20, lambda s, n: {"password1": "x", "password2": "x"},
                                        "Too many attempts"),
}


def public_post_routes() -> list[Route]:
    return [route for route in routes() if not route.name.startswith("admin:<")]


def url_of(route: Route, scene) -> list[str]:
    if route.name in REAL_LINKS:
        return [reverse(route.name, kwargs=REAL_LINKS[route.name](scene))]
    if route.name in BUILDERS or route.parameters:
        return urls_of(route, scene)
    if route.name.startswith("<"):
        return ["/" + route.route]
    return [reverse(route.name)]


def key_of(route: Route) -> str:
    return route.name.strip("<>")


def test_every_public_form_is_in_the_table(shared_cache, scene, settings):
    """Walk every address, POST to it as someone not logged in (with the real link where
    the address is a link): whatever is not refused must have a limit here."""
    settings.RATELIMIT_ENABLE = False  # find the forms, not their limits
    settings.ACCOUNT_RATE_LIMITS = False
    client = Client()
    taking = set()
    for route in public_post_routes():
        if route.is_api or route.name.startswith("admin:") and route.name not in {"admin:logout", "admin:login"}:
            continue  # the API needs a login to write, the admin a member of staff (test_route_matrix.py)
        for url in url_of(route, scene):
            if not refused(client.post(url, {}), route):
                taking.add(key_of(route))
    unknown = sorted(taking - set(LIMITED) - set(NOTHING_TO_LIMIT))
    assert not unknown, (
        "These addresses take a POST from anyone, without logging in. Give each a rate limit (429 with "
        "Retry-After: samverka.core.ratelimit.too_many_requests) and a line in LIMITED in "
        f"tests/test_rate_limits.py, or in NOTHING_TO_LIMIT with the reason: {unknown}")
    assert set(LIMITED) <= taking, f"LIMITED names addresses that no longer take a POST: {sorted(set(LIMITED) - taking)}"


@pytest.mark.parametrize("name", sorted(LIMITED))
def test_past_the_limit_the_answer_is_429_with_words_and_retry_after(shared_cache, scene, name):
    limit, data, words = LIMITED[name]
    route = next(r for r in public_post_routes() if key_of(r) == name)
    url = url_of(route, scene)[0]
    client = Client(REMOTE_ADDR="192.0.2.10")
    with time_machine.travel(NOW, tick=False):
        crisis_services.forget_active_crisis()
        for n in range(limit):
            response = client.post(url, data(scene, n))
            assert response.status_code != 429, f"the {n + 1}th of {limit} was refused"
        response = client.post(url, data(scene, limit))
        another = Client(REMOTE_ADDR="192.0.2.99").post(url, data(scene, limit + 1))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert says(words) in page and 'id="main"' in page and '<html lang="sv"' in page
    assert another.status_code != 429, "another client address is not counted with the first"


# ---------------------------------------------------------------- two processes, one limit


def _count_in_a_child(queue):
    """A child process: 25 tries at a limit of 20, as one gunicorn worker would count them."""
    from asgiref.local import Local
    from django.core.cache import caches

    caches._connections = Local()  # connections of this process's own (the parent's stay untouched)
    request = RequestFactory().post("/kris/jag-kan-hjalpa/", REMOTE_ADDR="192.0.2.20")
    queue.put(sum(not is_ratelimited(request, group="test.two", key="ip", rate="20/h", method="POST", increment=True)
                  for _ in range(25)))


def let_through_by_two_workers() -> int:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_count_in_a_child, args=(queue,)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return queue.get(timeout=5) + queue.get(timeout=5)


def test_two_worker_processes_share_one_limit_in_redis(shared_cache):
    assert let_through_by_two_workers() == 20


def test_with_a_per_process_cache_two_workers_let_through_twice_the_limit(settings, db):
    """Why `check --deploy` insists on a shared cache."""
    settings.RATELIMIT_ENABLE = True
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert let_through_by_two_workers() == 40


# ---------------------------------------------------------------- check --deploy

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_without_a_shared_cache_several_processes_are_an_error(settings, monkeypatch):
    settings.CACHES = LOCMEM
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    [problem] = checks.shared_cache(None)
    assert isinstance(problem, Error) and problem.id == "samverka.E001"
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    assert checks.shared_cache(None)[0].id == "samverka.E001"


def test_check_deploy_fails_without_a_shared_cache(settings, monkeypatch):
    settings.CACHES = LOCMEM
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    with pytest.raises(SystemCheckError, match="samverka.E001"):
        call_command("check", "--deploy", "--tag", "caches")


def test_one_single_process_is_a_warning_and_redis_passes(settings, monkeypatch):
    settings.CACHES = LOCMEM
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    [problem] = checks.shared_cache(None)
    assert isinstance(problem, Warning) and problem.id == "samverka.W001"
    monkeypatch.delenv("WEB_CONCURRENCY")
    with override_settings(CACHES=SHARED):
        assert checks.shared_cache(None) == []


def test_rate_limits_switched_off_are_a_warning(settings):
    settings.ACCOUNT_RATE_LIMITS_ENABLED = False
    assert [p.id for p in checks.rate_limits_on(None)] == ["samverka.W002"]
    settings.ACCOUNT_RATE_LIMITS_ENABLED = True
    assert checks.rate_limits_on(None) == []


# ---------------------------------------------------------------- lockout


def test_a_guesser_does_not_lock_the_owner_out(shared_cache, resident):
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    with time_machine.travel(NOW, tick=False):
        answers = [attacker.post(LOGIN, {"login": "lina@example.org", "password": f"gissning{n}"})
                   for n in range(10)]
        owner = Client(REMOTE_ADDR="198.51.100.7")
        response = owner.post(LOGIN, {"login": "lina@example.org", "password": PASSWORD})
        dashboard = owner.get(reverse("accounts:dashboard"))
    assert [a.status_code for a in answers] == [200] * 5 + [429] * 5
    last = answers[-1]
    assert last["Retry-After"] == "300"
    page = last.content.decode()
    assert says("Too many attempts") in page and 'id="main"' in page
    assert says_minutes("The password was wrong too many times from your network.", 5) in page
    assert reverse("account_reset_password") in page
    assert response.status_code == 302 and dashboard.status_code == 200


def test_the_right_password_after_wrong_ones_gives_the_tries_back(shared_cache, resident):
    client = Client(REMOTE_ADDR="198.51.100.7")
    with time_machine.travel(NOW, tick=False):
        for n in range(4):
            client.post(LOGIN, {"login": "lina@example.org", "password": f"fel{n}"})
        assert client.post(LOGIN, {"login": "lina@example.org", "password": PASSWORD}).status_code == 302
        client.post("/konto/logout/")
        statuses = [client.post(LOGIN, {"login": "lina@example.org", "password": f"igen{n}"}).status_code
                    for n in range(2)]
    assert statuses == [200, 200]


def test_many_addresses_together_reach_the_ceiling_of_the_account(shared_cache, resident, settings):
    """Only guessing from many addresses at once stops the owner for a while (a small
    ceiling here stands for the real one, which one address cannot reach)."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed_account": "8/h/key"}
    with time_machine.travel(NOW, tick=False):
        for address in ("203.0.113.1", "203.0.113.2"):
            guesser = Client(REMOTE_ADDR=address)
            for n in range(4):
                assert guesser.post(LOGIN, {"login": "lina@example.org", "password": f"g{n}"}).status_code == 200
        response = Client(REMOTE_ADDR="198.51.100.7").post(LOGIN, {"login": "lina@example.org", "password": PASSWORD})
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert says_minutes("This account got too many wrong passwords in a short while.", 60) in response.content.decode()


def test_one_address_cannot_reach_the_ceiling_of_the_account(settings):
    """The arithmetic the ceiling rests on: per account and address at most 5 in 5 minutes,
    60 an hour; the account's own ceiling is above that."""
    from allauth.core.internal.ratelimit import parse_rates

    per_client = next(r for r in parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"]) if r.per == "key")
    [ceiling] = parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed_account"])
    assert per_client.amount * (ceiling.duration / per_client.duration) < ceiling.amount
