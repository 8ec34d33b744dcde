"""The API answers as its OpenAPI description (/api/openapi.json) says: schemathesis sends
every operation requests drawn from the description and runs all its checks on the answers
(status codes and bodies as described, no server error, reads open to anyone, writes refused
without a session). Writes are sent as Eva, Parkinson Ekerö's representative, signed in with
her session and its CSRF token, to her own association, activity and meeting place.

`SCHEMATHESIS_EXAMPLES` sets the examples per operation (50 by default, as the acceptance
bar asks; about a minute of one core for the 31 cases)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.db import connections
from django.test import Client
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings

from samverka.activities.models import MeetingPlace
from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory
from samverka.municipality.tests.factories import OfficeFactory
from samverka.needs.tests.factories import NeedFactory

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "50"))
DESCRIPTION = SchemaGenerator().get_schema(public=True)
OPERATIONS = [(method.upper(), path) for path, ops in DESCRIPTION["paths"].items() for method in ops]
VALID, INVALID = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE
# Invalid requests for every operation with something to get wrong: a query or a body (an
# address alone, `/api/v1/actors/{slug}/`, has no invalid form that reaches the API).
CASES = [(method, path, mode) for method, path in OPERATIONS for mode in (VALID, INVALID)
         if mode == VALID or "requestBody" in DESCRIPTION["paths"][path][method.lower()]
         or any(p["in"] == "query" for p in DESCRIPTION["paths"][path][method.lower()].get("parameters", []))]
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# All checks run as they are, but one: a write the description allows may still be refused
# with 400 for a rule of the domain no JSON schema can hold (an activity starts in the
# future and ends after it starts; a meeting place's owner is an association you act for).
# The 400's body is still checked against the description, and a server error still fails.
CONFIG = schemathesis.Config.from_str("""
[[operations]]
include-method = ["POST", "PUT", "PATCH"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409", "429"]
""")


@pytest.fixture
def world(db, actor, other_actor, representative):
    """Eva's association, an activity of hers, a meeting place she proposed, and needs of
    an office and of her association (so answers hold a row of each, empty fields too)."""
    activity = ActivityFactory(actor=actor)
    ActivityFactory(actor=None, office=OfficeFactory(), place=MeetingPlaceFactory(), capacity=10)
    place = MeetingPlaceFactory(owner=actor, proposed_by=representative, status=MeetingPlace.Status.APPROVED)
    need = NeedFactory(actor=actor, office=None)
    NeedFactory()
    return {"/api/v1/actors/{slug}/": {"slug": actor.slug},
            "/api/v1/activities/{slug}/": {"slug": activity.slug},
            "/api/v1/meeting-places/{slug}/": {"slug": place.slug},
            "/api/v1/needs/{slug}/": {"slug": need.slug},
            "/api/v1/occurrences/{id}/": {"id": activity.occurrences.first().pk}}


@pytest.fixture
def api_schema(world, settings, monkeypatch):
    """The description as the running site serves it, answered by the site's WSGI app in
    this test's database transaction: the connection is not closed between requests (the
    WSGI handler would close it at each request's start and end, since it is inside the
    test's transaction; Django's test client reconnects that signal after each of its own
    requests, so the connection itself is told to stay open)."""
    from samverka.wsgi import application

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    for connection in connections.all():
        monkeypatch.setattr(connection, "close_if_unusable_or_obsolete", lambda: None)
    return schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


@pytest.fixture
def eva_session(representative) -> dict[str, str]:
    browser = Client()
    browser.force_login(representative)
    browser.get(reverse("accounts:dashboard"))  # a page sets the CSRF cookie
    return {"sessionid": browser.cookies["sessionid"].value, "csrftoken": browser.cookies["csrftoken"].value}


@pytest.mark.parametrize(("method", "path", "mode"), CASES, ids=[f"{m} {p} {mode.value}" for m, p, mode in CASES])
def test_the_api_answers_as_it_describes_itself(api_schema, world, eva_session, method, path, mode):
    operation = api_schema[path][method]
    signed_in = {"cookies": eva_session, "headers": {"X-CSRFToken": eva_session["csrftoken"]}} \
        if method in WRITES else {}

    # Valid requests go to Eva's own things; invalid ones may draw their own addresses too.
    fixed = world.get(path) if mode == VALID else None

    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=fixed, **signed_in))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def answers_as_described(case):
        case.call_and_validate()

    answers_as_described()
