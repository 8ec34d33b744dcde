"""Past its capacity the platform answers 503 with Retry-After, never 500: a request that
waited too long behind the trusted proxy is turned away before it touches the database."""

import time

import pytest
from django.test import override_settings

from samverka.core.middleware import request_start

PAGE = "/kris/jag-kan-hjalpa/"


def stamp(seconds_ago: float) -> str:
    return f"t={time.time() - seconds_ago:.3f}"


@pytest.fixture
def behind_proxy():
    with override_settings(TRUSTED_PROXY_COUNT=1, LOAD_SHED_AFTER_MS=2000):
        yield


@pytest.mark.django_db
def test_a_request_that_waited_too_long_is_refused_with_retry_after(client, behind_proxy,
                                                                    django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(PAGE, {"name": "Anna"}, HTTP_X_REQUEST_START=stamp(3),
                               HTTP_X_FORWARDED_FOR="10.1.2.3")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/plain")
    assert response.content


@pytest.mark.django_db
def test_a_get_that_waited_too_long_is_refused_too(client, behind_proxy):
    response = client.get("/", HTTP_X_REQUEST_START=stamp(2.5))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["fresh", "", "garbage", "t=nan", "t=inf", "t=-inf"])
def test_a_fresh_missing_or_unreadable_stamp_is_served(client, behind_proxy, header):
    value = stamp(0.1) if header == "fresh" else header
    assert client.get("/", HTTP_X_REQUEST_START=value).status_code == 200


@pytest.mark.django_db
def test_without_a_trusted_proxy_the_header_is_ignored(client):
    with override_settings(TRUSTED_PROXY_COUNT=0, LOAD_SHED_AFTER_MS=2000):
        assert client.get("/", HTTP_X_REQUEST_START=stamp(60)).status_code == 200


@pytest.mark.django_db
def test_zero_turns_it_off(client):
    with override_settings(TRUSTED_PROXY_COUNT=1, LOAD_SHED_AFTER_MS=0):
        assert client.get("/", HTTP_X_REQUEST_START=stamp(60)).status_code == 200


def test_the_stamp_is_read_as_nginx_writes_it():
    assert request_start("t=1700000000.123") == pytest.approx(1700000000.123)
    assert request_start("1700000000.5") == pytest.approx(1700000000.5)
    assert request_start("t=1700000000123") == pytest.approx(1700000000.123)  # Caddy: milliseconds
    assert request_start("t=1700000000123456") == pytest.approx(1700000000.123456)  # microseconds
    assert request_start("") is None
    assert request_start("t=") is None
