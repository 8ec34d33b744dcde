"""How the grants pages say things: amounts with a thousands separator (60 000 kr in
Swedish, 60,000 kr in English), punctuation right after its word, a status said once,
and counted words in their singular or plural."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from samverka.core.tests.helpers import says, text_of

from .factories import ApplicationFactory, ProgrammeFactory, SubmittedApplicationFactory, decided, review
from .test_officials import nils  # noqa: F401 (a fixture)

NBSP = "\xa0"  # Swedish groups thousands with a no-break space


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def sv(name, *args):
    with translation.override("sv"):
        return reverse(name, args=args)


@pytest.fixture
def programme(culture_committee):
    return ProgrammeFactory(committee=culture_committee, pool=60_000, follow_up_due_on=date(2027, 1, 31))


def test_amounts_have_a_thousands_separator(client, official, representative, programme, actor):
    page = client.get(sv("grants:programme", programme.slug)).content.decode()
    assert f"60{NBSP}000 kr" in page and "60000" not in page
    assert "60,000 kr" in client.get(en("grants:programme", programme.slug)).content.decode()
    application = SubmittedApplicationFactory(programme=programme, actor=actor, amount_asked=12_500)
    decided(application, amount=10_000)
    client.force_login(representative)
    page = client.get(en("grants:application", application.pk)).content.decode()
    assert "Granted: 10,000 kr" in text_of(page)  # the outcome and its amount, with no space before the colon
    client.logout()
    assert f"10{NBSP}000 kr" in client.get(sv("grants:decisions")).content.decode()


def test_the_pool_message_groups_thousands(nils, official, programme, actor):  # noqa: F811
    first = SubmittedApplicationFactory(programme=programme)
    decided(first, amount=55_000)
    application = SubmittedApplicationFactory(programme=programme, actor=actor)
    review(application, official)
    page = nils.post(en("grants:decide", application.pk), {"outcome": "granted", "amount": "8000",
                                                            "reasons": "Bra.", "meeting_date": "2026-06-10"})
    assert "The pool has 5,000 kronor left; 8,000 is more than that." in page.content.decode()


def test_an_open_programme_says_so_with_its_punctuation_next_to_the_word(client, programme):
    with time_machine.travel(date(2026, 3, 15), tick=False):
        page = client.get(en("grants:index")).content.decode()
    assert "Open, last day 31 March 2026" in text_of(page)
    assert not re.search(r"</strong>\s*[,:;.]", page)


def test_a_draft_is_called_a_draft_once(client, representative, programme, actor):
    ApplicationFactory(programme=programme, actor=actor)
    client.force_login(representative)
    page = client.get(sv("grants:mine")).content.decode()
    meta = re.search(r'<p class="card__meta">(.*?)</p>', page, re.S).group(1)
    assert text_of(meta).count(says("Draft")) == 1


def test_counted_words_are_singular_or_plural(nils, programme, actor):  # noqa: F811
    application = SubmittedApplicationFactory(programme=programme, actor=actor)  # not reviewed yet
    page = nils.post(en("grants:decide", application.pk), {"outcome": "granted", "amount": "8000",
                                                            "reasons": "Bra.", "meeting_date": "2026-06-10"})
    assert "This application needs 1 review before a decision." in page.content.decode()
    programme.two_reviewers_above = 5_000
    programme.save()
    page = nils.post(en("grants:decide", application.pk), {"outcome": "granted", "amount": "8000",
                                                            "reasons": "Bra.", "meeting_date": "2026-06-10"})
    assert "This application needs 2 reviews before a decision." in page.content.decode()

