"""A guide's text: plain paragraphs, `## ` and `### ` headings and `- ` lists, drawn as HTML by
core's renderer (`samverka.core.richtext`), and the differences between two versions."""

from __future__ import annotations

import difflib

from samverka.core.richtext import render

__all__ = ["diff", "render"]


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
