"""A guide's text: plain paragraphs, `## ` and `### ` headings and `- ` lists, drawn as HTML by
this small renderer. Everything people wrote is escaped; no markup of theirs reaches the page."""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BLANK = re.compile(r"\n\s*\n")


def _flush(out: list[str], paragraph: list[str], items: list[str]) -> None:
    if paragraph:
        out.append("<p>" + "<br>".join(escape(p) for p in paragraph) + "</p>")
        paragraph.clear()
    if items:
        out.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
        items.clear()


def render(body: str) -> SafeString:
    """`## Heading` → <h2>, `### Heading` → <h3>, lines starting with `- ` → a list, other
    blocks separated by an empty line → paragraphs (a single line break is kept)."""
    out: list[str] = []
    for block in _BLANK.split((body or "").replace("\r\n", "\n").strip()):
        paragraph: list[str] = []
        items: list[str] = []
        for line in (line.strip() for line in block.split("\n") if line.strip()):
            if line.startswith(("## ", "### ")):
                _flush(out, paragraph, items)
                level = 3 if line.startswith("### ") else 2
                out.append(f"<h{level}>{escape(line[level + 1:].strip())}</h{level}>")
            elif line.startswith(("- ", "* ")):
                _flush(out, paragraph, [])
                items.append(line[2:].strip())
            else:
                _flush(out, [], items)
                paragraph.append(line)
        _flush(out, paragraph, items)
    return mark_safe("\n".join(out))  # noqa: S308  # nosec: B308, B703  # every piece above is escaped


def diff(old: str, new: str) -> list[tuple[str, str]]:
    """The lines of two texts as (kind, line): kind is "same", "removed" or "added"."""
    rows = []
    for line in difflib.ndiff((old or "").splitlines(), (new or "").splitlines()):
        code, text = line[:2], line[2:]
        if code == "  ":
            rows.append(("same", text))
        elif code == "- ":
            rows.append(("removed", text))
        elif code == "+ ":
            rows.append(("added", text))
    return rows
