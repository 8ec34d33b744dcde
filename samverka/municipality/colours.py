"""WCAG 2.1 contrast, for the municipality's brand colours and the style sheet's test.

`problems(primary=…, primary_dark=…, accent=…)` checks the brand colours against the
colours the style sheet draws them with (static/css/samverka.css): white text on the
primary colours (buttons, the site header), the primary colours as link text on the page's
backgrounds, and the focus ring's dark text on the accent. Each problem names the ratio
found and a suggestion: the nearest shade of the same colour that passes."""

from __future__ import annotations

from dataclasses import dataclass

NORMAL_TEXT = 4.5  # WCAG 2.1 AA, 1.4.3
NON_TEXT = 3.0  # WCAG 2.1 AA, 1.4.11

WHITE = "#ffffff"
# The backgrounds links are drawn on: the page, cards, muted panels, tinted panels.
BACKGROUNDS = ("#ffffff", "#faf8f4", "#f2eee7", "#e8f0f3")
FOCUS_TEXT = "#0b0c0c"


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance of #rrggbb."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _mix(hex_colour: str, towards: str, share: float) -> str:
    a = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(towards[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


def _nearest(hex_colour: str, towards: str, passes) -> str | None:
    """The first shade of `hex_colour` mixed towards black or white that passes."""
    for step in range(1, 101):
        shade = _mix(hex_colour, towards, step / 100)
        if passes(shade):
            return shade
    return None


@dataclass(frozen=True)
class Problem:
    field: str
    ratio: float
    needed: float
    suggestion: str | None


def _worst_as_text(colour: str) -> float:
    """The lowest contrast of `colour` with white text on it or as text on any background."""
    return min(contrast(colour, background) for background in BACKGROUNDS)


def problems(*, primary: str, primary_dark: str, accent: str) -> list[Problem]:
    """The brand colours that would make text hard to read, with the ratio and a suggestion."""
    found = []
    for field, value in (("colour_primary", primary), ("colour_primary_dark", primary_dark)):
        ratio = _worst_as_text(value)
        if ratio < NORMAL_TEXT:
            found.append(Problem(field, ratio, NORMAL_TEXT,
                                 _nearest(value, "#000000", lambda c: _worst_as_text(c) >= NORMAL_TEXT)))
    accent_ok = lambda c: (contrast(c, FOCUS_TEXT) >= NORMAL_TEXT  # noqa: E731
                           and contrast(c, primary_dark) >= NON_TEXT)
    if not accent_ok(accent):
        ratio = contrast(accent, FOCUS_TEXT)
        needed = NORMAL_TEXT
        if ratio >= NORMAL_TEXT:
            ratio, needed = contrast(accent, primary_dark), NON_TEXT
        found.append(Problem("colour_accent", ratio, needed, _nearest(accent, "#ffffff", accent_ok)))
    return found
