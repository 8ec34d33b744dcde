"""Eva pastes a long text into a form. The browser does not cut it without a word: the page
states each text field's limit (a script turns it into a counter), and the server refuses a
longer text with a message next to the field, keeping everything else she wrote."""

import re

import pytest
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.activities.tests.helpers import activity_form, field_error
from samverka.core.tests.helpers import says, text_of

CREATE = reverse("activities:create")


@pytest.fixture
def eva(client, representative):
    client.force_login(representative)
    return client


def tag(page: str, element: str, field_id: str) -> str:
    return re.search(rf'<{element}[^>]*\sid="{field_id}"[^>]*>', page).group(0)


def test_text_fields_state_their_limit_and_the_browser_does_not_cut(eva):
    page = eva.get(CREATE).content.decode()
    assert not re.search(r"\smaxlength=", page)

    description = tag(page, "textarea", "id_description")
    assert 'data-maxlength="5000"' in description
    assert "id_description_limit" in re.search(r'aria-describedby="([^"]*)"', description).group(1)
    note = re.search(r'<p class="field__limit" id="id_description_limit"[^>]*>(.*?)</p>', page, re.S)
    assert text_of(note.group(1)) == "Du kan skriva högst 5000 tecken."
    assert 'data-count-for="id_description"' in note.group(0)
    assert says("You have %(n)s characters left.", n="{n}") in note.group(0)
    assert 'id="id_description_limit_status" role="status"' in page
    assert re.search(r'<script src="/static/js/fields\.js" defer></script>', page)

    summary = tag(page, "input", "id_summary")  # one line for a sentence: 200 characters
    assert 'data-maxlength="200"' in summary and 'id="id_summary_limit"' in page
    title = tag(page, "input", "id_title")  # a short line: refused past its limit, no counter
    assert 'data-maxlength="150"' in title and "aria-describedby" not in title
    assert 'id="id_title_limit"' not in page


def test_a_pasted_text_over_the_limit_is_refused_next_to_the_field_and_the_rest_is_kept(eva, actor):
    pasted = "Vi ses på biblioteket. " * 435  # 10 004 characters without the last space
    response = eva.post(CREATE, activity_form(f"actor:{actor.pk}", title="Läxhjälp i Stenhamra",
                                              description=pasted))
    page = response.content.decode()
    assert response.status_code == 200
    assert not Activity.objects.exists()
    assert text_of(field_error(page, "description")) == "Fel: Texten är för lång. Skriv högst 5000 tecken. Nu är det 10004."
    assert 'value="Läxhjälp i Stenhamra"' in page
    assert pasted.strip() in page  # the text itself is kept, to be shortened


@pytest.mark.parametrize(("language", "message"), [
    ("en", "The text is too long. Write at most 5000 characters. It has 5001 now."),
    ("ar", "النص طويل جدًا. اكتب 5000 حرفًا على الأكثر. عدد الأحرف الآن 5001."),
])
def test_the_message_is_in_the_page_language(eva, actor, language, message):
    with_prefix = f"/{language}{CREATE}"
    response = eva.post(with_prefix, activity_form(f"actor:{actor.pk}", description="x" * 5001))
    assert message in field_error(response.content.decode(), "description")


def test_a_filter_states_no_limit_and_does_not_cut_either(client, db):
    page = client.get(reverse("activities:calendar")).content.decode()
    assert 'data-maxlength="' in page
    assert 'class="field__limit"' not in page and "_limit" not in page
    assert not re.search(r"\smaxlength=", page)


@pytest.mark.parametrize(("url", "field_id"), [("account_login", "id_login"), ("account_signup", "id_email")])
def test_an_email_address_shows_no_counter(client, db, url, field_id):
    page = client.get(reverse(url)).content.decode()
    assert 'type="email"' in tag(page, "input", field_id)
    assert f'id="{field_id}_limit"' not in page
    assert says("You have %(n)s characters left.", n="{n}") not in page
