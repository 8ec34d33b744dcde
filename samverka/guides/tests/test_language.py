"""A page in English shows the English version when there is one, and says when it is not."""

import pytest
from django.utils import translation

from .factories import make_guide

pytestmark = pytest.mark.django_db


def _url(guide, language):
    with translation.override(language):
        return guide.get_absolute_url()


def test_english_version_on_the_english_page(client):
    guide = make_guide(title_sv="Starta en förening", title_en="Starting an association",
                       summary_en="The steps.", body_en="## First meeting\n\nCall a meeting.")
    html = client.get(_url(guide, "en")).content.decode()
    assert "Starting an association" in html and "<h2>First meeting</h2>" in html
    assert "not yet written in your language" not in html


def test_the_swedish_version_with_a_note_when_there_is_no_english(client):
    guide = make_guide(title_sv="Starta en förening")
    html = client.get(_url(guide, "en")).content.decode()
    assert "Starta en förening" in html
    assert "This guide is not yet written in your language. Here it is in Swedish." in html
    assert 'lang="sv" dir="ltr"' in html


def test_arabic_version_right_to_left(client):
    guide = make_guide(title_sv="Starta en förening", title_ar="كيف تؤسس جمعية", summary_ar="الخطوات.", body_ar="نص.")
    html = client.get(_url(guide, "ar")).content.decode()
    assert 'class="guide" lang="ar" dir="rtl"' in html and "كيف تؤسس جمعية" in html


def test_the_swedish_page_shows_swedish(client):
    guide = make_guide(title_sv="Starta en förening", title_en="Starting an association", summary_en="x", body_en="y")
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "Starta en förening" in html and "Starting an association" not in html.split("<main")[1]


def test_the_list_in_english_says_which_guides_are_in_swedish(client):
    make_guide(title_sv="Starta en förening")
    make_guide(title_sv="Söka bidrag", title_en="Applying for a grant", summary_en="How.", body_en="Text.")
    with translation.override("en"):
        from django.urls import reverse
        html = client.get(reverse("guides:index")).content.decode()
    assert "Applying for a grant" in html and "Söka bidrag" not in html
    assert html.count("written in Swedish") == 1
    assert '<a href="/en/kunskapsbank/starta-en-forening/" lang="sv" dir="ltr">Starta en förening</a>' in html


def test_the_arabic_page_keeps_its_own_words_right_to_left_around_a_swedish_guide(client):
    guide = make_guide(title_sv="Starta en förening")
    html = client.get(_url(guide, "ar")).content.decode()
    assert 'class="guide" lang="sv" dir="ltr"' in html
    assert 'class="eyebrow" lang="ar" dir="rtl"' in html
