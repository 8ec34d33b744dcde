"""What people write (the idea's name, what it is, for whom, where, the coach's notes and the
support given) keeps its own direction on Arabic pages: each is in a <bdi> or an element with
dir="auto", on the gallery, the board, the idea's page and the author's page."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samverka.ideas import services

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db

ISOLATED = r'(?:<bdi>|<[a-z0-9]+\b[^>]*\sdir="auto"[^>]*>)(?:\s*<p>)?\s*'
TEXTS = ["Cykelkafé.", "Lagar cyklar.", "Unga på Adelsö.", "Skolan på Munsö.", "Hjälp med lokal.", "Vi ses i juni.",
         "Salen i skolan."]


def not_isolated(page: str, text: str) -> list[str]:
    body = page[page.index("<body"):]
    shown = [m.start() for m in re.finditer(re.escape(text), body)]
    isolated_at = {m.end() - len(text) for m in re.finditer(ISOLATED + re.escape(text), body)}
    return [body[max(0, at - 80):at + len(text)] for at in shown if at not in isolated_at]


def test_what_people_write_keeps_its_direction_on_arabic_pages(client, coach):
    idea = IdeaFactory(title="Cykelkafé.", what="Lagar cyklar.", for_whom="Unga på Adelsö.", place="Skolan på Munsö.",
                       help_wanted="Hjälp med lokal.", is_public=True, name="Ali Hassan")
    services.take_idea(by=coach, idea=idea)
    services.move_forward(by=coach, idea=idea, note="Vi ses i juni.", on=timezone.localdate())
    services.record_support(by=coach, idea=idea, kind="premises", text="Salen i skolan.", on=timezone.localdate())
    with translation.override("ar"):
        pages = {"gallery": reverse("ideas:gallery"), "idea": idea.get_absolute_url(),
                 "private": idea.get_private_url(), "board": reverse("ideas:board")}
    client.force_login(coach)
    problems = []
    for name, url in pages.items():
        page = client.get(url).content.decode()
        assert 'dir="rtl"' in page, name
        for text in TEXTS:
            problems += [f"{name}: {where}" for where in not_isolated(page, text)]
    assert not problems, "\n".join(problems)
