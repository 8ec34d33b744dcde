"""Every free-text search box has a length limit: a longer query gets a clear message next
to the field (the rest of the filters still apply and stay chosen), never a database error;
the API refuses it with 400."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.core.filters import SEARCH_MAX_LENGTH, SearchFilter

LONG = "förening" * 7500  # 60 000 characters: past SQLite's longest LIKE pattern


def q_error(page: str) -> str:
    match = re.search(r'<p class="field__error" id="id_q_error">(.*?)</p>', page, re.S)
    return match.group(1).strip() if match else ""


def message(written: int) -> str:
    with translation.override("sv"):
        text = str(SearchFilter().extra["error_messages"]["max_length"])
    assert text.startswith("Sök med högst")
    return text % {"limit_value": SEARCH_MAX_LENGTH, "show_value": written}


@pytest.mark.parametrize("name", ["actors:directory", "activities:calendar", "needs:index", "places:list"])
def test_a_long_search_gets_a_message_next_to_the_field(client, actor, name):
    response = client.get(reverse(name), {"q": LONG})
    assert response.status_code == 200
    page = response.content.decode()
    assert message(len(LONG)) in q_error(page)
    assert f'maxlength="{SEARCH_MAX_LENGTH}"' in page


def test_the_directorys_other_filters_still_apply_and_stay_chosen(client, actor, other_actor):
    other_actor.kind = "network"
    other_actor.save(update_fields=["kind"])
    page = client.get(reverse("actors:directory"), {"q": LONG, "kind": actor.kind}).content.decode()
    assert q_error(page)
    assert actor.name in page and other_actor.name not in page
    assert f'<option value="{actor.kind}" selected>' in page


def test_a_search_as_long_as_allowed_is_searched(client, actor):
    page = client.get(reverse("actors:directory"), {"q": "a" * SEARCH_MAX_LENGTH}).content.decode()
    assert not q_error(page)
    assert actor.name not in page


@pytest.mark.parametrize("path", ["/api/v1/actors/", "/api/v1/activities/", "/api/v1/needs/",
                                  "/api/v1/meeting-places/"])
def test_the_api_refuses_a_long_search(client, actor, path):
    response = client.get(path, {"q": LONG})
    assert response.status_code == 400
    assert "q" in response.json()


def test_the_open_data_export_with_a_long_search_does_not_fail(client, actor):
    response = client.get(reverse("actors:export_csv"), {"q": LONG})
    assert response.status_code == 200
