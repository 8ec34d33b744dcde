"""A page meant for one person is kept by no cache on the way (`private, no-store`);
public pages for visitors without a session stay cacheable."""

import pytest
from django.test import Client
from django.urls import reverse

from samverka.cases.models import Case
from samverka.cases.tests.helpers import case_form

PRIVATE = "private, no-store"


@pytest.mark.parametrize("name", ["accounts:dashboard", "accounts:my_data", "actors:directory", "home"])
def test_every_page_for_someone_logged_in_is_private(client, resident, name):
    client.force_login(resident)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_cases_follow_up_link_is_private(client, db):
    client.post(reverse("cases:new"), case_form(submission_token="t" * 32))
    link = Case.objects.get().get_private_url()
    response = Client().get(link)  # opened from the e-mail, in a browser without a session
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_page_with_a_token_in_its_address_is_private_even_when_the_token_is_wrong(client, db):
    for url in (reverse("actors:invitation", args=["no-such-token"]), reverse("cases:status", args=["nope"])):
        assert client.get(url)["Cache-Control"] == PRIVATE


def test_a_response_that_leaves_a_message_is_private(client, db):
    response = client.post(reverse("cases:new"), case_form(submission_token="u" * 32))
    assert response.status_code == 302 and "messages" in response.cookies
    assert response["Cache-Control"] == PRIVATE


def test_the_api_with_credentials_is_private(client, actor):
    response = client.get("/api/v1/actors/", HTTP_AUTHORIZATION="Bearer nonsense")
    assert response["Cache-Control"] == PRIVATE


def test_public_pages_for_visitors_stay_cacheable(client, actor, django_assert_num_queries):
    for url in (reverse("actors:directory"), reverse("actors:detail", args=[actor.slug]), reverse("home"),
                "/api/v1/actors/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "private" not in response.get("Cache-Control", "")
        assert "no-store" not in response.get("Cache-Control", "")
    with django_assert_num_queries(0):
        assert client.get(reverse("actors:directory")).status_code == 200


def test_a_view_that_says_how_to_cache_it_keeps_its_word(client, resident):
    client.force_login(resident)
    assert client.get("/favicon.ico")["Cache-Control"] == "max-age=86400, public"
