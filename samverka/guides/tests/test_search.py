"""Swedish-aware search: å/ä/ö folded, endings stemmed, the title first, the topic as a filter."""

import pytest
from django.urls import reverse

from .factories import make_guide

pytestmark = pytest.mark.django_db


def _titles(client, **query):
    html = client.get(reverse("guides:search"), query).content.decode()
    return [part.split("</a>")[0].split(">")[-1] for part in html.split('class="card__title"')[1:]]


def test_it_finds_words_with_or_without_a_ring_or_dots(client):
    make_guide(title_sv="Så bildar du en förening", summary_sv="Stadgar och årsmöte.", body_sv="Text.")
    assert _titles(client, q="forening") == ["Så bildar du en förening"]
    assert _titles(client, q="ÅRSMÖTE") == ["Så bildar du en förening"]
    assert _titles(client, q="arsmote") == ["Så bildar du en förening"]


def test_it_finds_other_forms_of_a_word(client):
    make_guide(title_sv="Bidrag till föreningar", summary_sv="Kort.", body_sv="Text.")
    assert _titles(client, q="föreningen") == ["Bidrag till föreningar"]
    assert _titles(client, q="föreningarna") == ["Bidrag till föreningar"]


def test_a_word_in_the_title_ranks_before_one_in_the_text(client):
    make_guide(title_sv="Att starta", summary_sv="Kort.", body_sv="Om samverkan med kommunen.")
    make_guide(title_sv="Samverkan med kommunen", summary_sv="Kort.", body_sv="Text.")
    make_guide(title_sv="Bygg ett nätverk", summary_sv="Samverkan i praktiken.", body_sv="Text.")
    assert _titles(client, q="samverkan") == ["Samverkan med kommunen", "Bygg ett nätverk", "Att starta"]


def test_every_word_must_match_and_the_topic_filters(client):
    make_guide(title_sv="Söka bidrag", topic="apply_grant", summary_sv="Kort.", body_sv="Ansökan i tid.")
    make_guide(title_sv="Bidrag eller upphandling", topic="iop", summary_sv="Kort.", body_sv="IOP passar ibland.")
    assert sorted(_titles(client, q="bidrag")) == ["Bidrag eller upphandling", "Söka bidrag"]
    assert _titles(client, q="bidrag", amne="iop") == ["Bidrag eller upphandling"]
    assert _titles(client, q="bidrag upphandling") == ["Bidrag eller upphandling"]
    assert _titles(client, q="cykel") == []
    assert "cykel" in client.get(reverse("guides:search"), {"q": "cykel"}).content.decode()


def test_drafts_are_not_found_by_visitors(client, official):
    make_guide(title_sv="Hemligt utkast", published=False)
    assert _titles(client, q="utkast") == []
    client.force_login(official)
    assert _titles(client, q="utkast") == ["Hemligt utkast"]


def test_english_text_is_searched_too(client):
    make_guide(title_sv="Starta en förening", title_en="Starting an association", summary_en="How.", body_en="Text.")
    assert _titles(client, q="association") == ["Starta en förening"]
