"""A guide's text: plain paragraphs, `## ` and `### ` headings and `- ` lists, drawn as HTML by
this small renderer. Everything people wrote is escaped; no markup of theirs reaches the page."""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BLANK = re.compile(r"\n\s*\n")


def render(body: str) -> SafeString:
    """`## Heading` → <h2>, `### Heading` → <h3>, lines starting with `- ` → a list, other
    blocks separated by an empty line → paragraphs (a single line break is kept)."""
    out: list[str] = []
    for block in _BLANK.split((body or "").replace("\r\n", "\n").strip()):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        paragraph: list[str] = []
        items: list[str] = []

        def flush():
            if paragraph:
                out.append("<p>" + "<br>".join(escape(p) for p in paragraph) + "</p>")
                paragraph.clear()
            if items:
                out.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
                items.clear()

        for line in lines:
            stripped = line.strip()
            if stripped.startswith("### ") or stripped.startswith("## "):
                flush()
                level = 3 if stripped.startswith("### ") else 2
                out.append(f"<h{level}>{escape(stripped[level + 1:].strip())}</h{level}>")
            elif stripped.startswith(("- ", "* ")):
                if paragraph:
                    flush()
                items.append(stripped[2:].strip())
            else:
                if items:
                    flush()
                paragraph.append(stripped)
        flush()
    return mark_safe("\n".join(out))  # noqa: S308 - every piece above is escaped


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
