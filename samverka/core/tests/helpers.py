"""Small helpers the tests share: what a page says, in the language it is shown in."""

from __future__ import annotations

import html
import re

from django.contrib.messages import get_messages
from django.utils.html import escape
from django.utils.translation import gettext, override


def says(msgid: str, language: str = "sv", **params) -> str:
    """`msgid` as a page in `language` shows it (translated when a catalogue has it,
    HTML-escaped), so tests hold before and after the translations are filled in."""
    with override(language):
        text = gettext(msgid)
    if params:
        text = text % params
    return escape(text)


def flash(response) -> list[str]:
    """The messages (success, error) the user is shown next, HTML-escaped as on the page."""
    return [escape(str(m)) for m in get_messages(response.wsgi_request)]


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def text_of(fragment: str) -> str:
    """The text of an HTML fragment, without tags, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def h1_text(page: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    return text_of(match.group(1)) if match else ""


def link_in(message) -> str:
    """The path of the (first) link in an outbox e-mail's plain-text part."""
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body_text)
    assert match, message.body_text
    return match.group(1)
