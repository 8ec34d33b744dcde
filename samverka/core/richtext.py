"""Text people write in a form (a guide, the municipality's privacy notice): plain paragraphs,
`## ` and `### ` headings and `- ` lists, drawn as HTML by this small renderer. Everything
people wrote is escaped; no markup of theirs reaches the page. Templates use it as the `ui`
filter `written`."""

from __future__ import annotations

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
