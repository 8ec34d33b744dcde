"""Every text colour on every background the style sheet uses passes WCAG 2.1 AA (4.5:1),
and the borders and focus ring that people must see pass the 3:1 of non-text contrast.

The colours are read from static/css/samverka.css and from the municipality's theme
(/theme.css, the Municipality model's defaults), so changing a colour in either place is
checked here. Pairs inside one CSS rule (a `color` and a `background-color` side by side)
are found by themselves; pairs that meet through inheritance (text on the page background,
a link inside a notice) are listed below. The last test keeps the style sheet free of
left/right properties, so that the Arabic pages mirror.
"""

import re
from pathlib import Path

import pytest

from samverka.municipality.colours import contrast
from samverka.municipality.models import Municipality

CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "samverka.css"

AA_TEXT = 4.5
AA_NON_TEXT = 3.0

# (text, background): colours that meet through inheritance rather than in one rule.
TEXT_PAIRS = [
    # Body text and quieter text on every surface.
    *[(text, bg) for text in ("--colour-text", "--colour-text-muted")
      for bg in ("--colour-background", "--colour-surface", "--colour-surface-muted", "--colour-surface-tint")],
    # Links on every surface, and inside notices.
    *[("--colour-link", bg) for bg in (
        "--colour-background", "--colour-surface", "--colour-surface-muted", "--colour-surface-tint",
        "--colour-success-background", "--colour-warning-background", "--colour-error-background",
        "--colour-info-background")],
    ("--colour-link-hover", "--colour-background"),
    ("--colour-link-hover", "--colour-surface"),
    # Notices: ordinary text on the tinted backgrounds.
    *[("--colour-text", bg) for bg in (
        "--colour-success-background", "--colour-warning-background", "--colour-error-background",
        "--colour-info-background")],
    # Status badges.
    ("--colour-success", "--colour-success-background"),
    ("--colour-warning", "--colour-warning-background"),
    # Errors next to fields and in the summary.
    ("--colour-error", "--colour-background"),
    ("--colour-error", "--colour-surface"),
    ("--colour-error", "--colour-surface-muted"),
    # The header, the hero and the buttons.
    ("--colour-text-inverse", "--colour-primary-dark"),
    ("--colour-text-inverse", "--colour-primary"),
    ("--colour-text-inverse", "--colour-error"),
    ("--colour-primary", "--colour-surface"),
    ("--colour-primary-dark", "--colour-surface-tint"),
    # A focused link or button: dark text on the accent (yellow).
    ("--colour-focus-text", "--colour-focus"),
]

# (foreground, background) that are not text but must be seen: WCAG 1.4.11.
NON_TEXT_PAIRS = [
    ("--colour-border-strong", "--colour-surface"),  # input borders
    ("--colour-border-strong", "--colour-background"),
    ("--colour-focus-text", "--colour-background"),  # the dark edge of the focus ring
    ("--colour-focus", "--colour-primary-dark"),  # the yellow ring in the header and hero
    ("--colour-primary", "--colour-background"),  # checked radios and checkboxes
    ("--colour-accent", "--colour-primary-dark"),  # the current page in the menu
]


def _declarations(block: str) -> dict[str, str]:
    return {name.strip(): value.strip() for name, value in re.findall(r"([\w-]+)\s*:\s*([^;]+);", block)}


def _root_variables(css: str) -> dict[str, str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    root = re.search(r":root\s*\{(.*?)\}", css, re.S)
    assert root, "samverka.css has no :root block with the colour variables"
    return {k: v for k, v in _declarations(root.group(1)).items() if k.startswith("--colour-")}


def _theme_variables(theme_css: str) -> dict[str, str]:
    return _root_variables(theme_css)


def _resolve(value: str, variables: dict[str, str], depth: int = 0) -> str:
    assert depth < 10, f"circular colour variable: {value}"
    value = value.strip()
    if match := re.fullmatch(r"var\((--[\w-]+)(?:\s*,\s*([^)]+))?\)", value):
        name, fallback = match.groups()
        if name in variables:
            return _resolve(variables[name], variables, depth + 1)
        assert fallback, f"{name} is used but never defined"
        return _resolve(fallback, variables, depth + 1)
    if re.fullmatch(r"#[0-9a-fA-F]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", value), f"not a #rrggbb colour: {value!r}"
    return value.lower()


@pytest.fixture
def colours(client, db):
    """The colours a visitor sees: the style sheet's variables with the theme on top."""
    css = CSS.read_text()
    variables = _root_variables(css)
    response = client.get("/theme.css")
    assert response.status_code == 200
    variables.update(_theme_variables(response.content.decode()))
    return {name: _resolve(value, variables) for name, value in variables.items()}


def _rules(css: str):
    """(selector, declarations) for every rule, media queries included."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        yield " ".join(selector.split()), _declarations(body)


def test_the_fallback_colours_are_the_municipality_defaults():
    """Without /theme.css (a cached or failed request) the page looks as the admin's defaults say."""
    variables = _root_variables(CSS.read_text())
    for field in ("primary", "primary_dark", "accent"):
        default = Municipality._meta.get_field(f"colour_{field}").default
        assert variables[f"--colour-{field.replace('_', '-')}"].lower() == default.lower()


def test_the_theme_sets_the_brand_colours(client, db):
    theme = _theme_variables(client.get("/theme.css").content.decode())
    assert set(theme) == {"--colour-primary", "--colour-primary-dark", "--colour-accent"}


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_is_readable_on_its_background(colours, text, background):
    ratio = contrast(colours[text], colours[background])
    assert ratio >= AA_TEXT, f"{text} {colours[text]} on {background} {colours[background]}: {ratio:.2f}:1"


@pytest.mark.parametrize(("foreground", "background"), NON_TEXT_PAIRS)
def test_borders_and_focus_are_visible(colours, foreground, background):
    ratio = contrast(colours[foreground], colours[background])
    assert ratio >= AA_NON_TEXT, f"{foreground} on {background}: {ratio:.2f}:1"


def test_every_rule_that_sets_both_colours_is_readable(colours):
    css = CSS.read_text()
    checked = 0
    for selector, decls in _rules(css):
        background = decls.get("background-color") or decls.get("background")
        if "color" not in decls or not background or not background.startswith(("var(", "#")):
            continue
        if selector.startswith(":root"):
            continue
        fg = _resolve(decls["color"], colours)
        bg = _resolve(background, colours)
        ratio = contrast(fg, bg)
        assert ratio >= AA_TEXT, f"{selector}: {decls['color']} on {background} is {ratio:.2f}:1"
        checked += 1
    assert checked >= 10, "the parser found too few rules; is the style sheet still where it was?"


def test_every_text_colour_in_the_style_sheet_is_checked():
    """A new text colour must come with its pairs in this file."""
    css = CSS.read_text()
    used = {
        match
        for _, decls in _rules(css)
        if "color" in decls
        for match in re.findall(r"var\((--colour-[\w-]+)\)", decls["color"])
    }
    checked = {text for text, _ in TEXT_PAIRS}
    assert used, "no text colours found in the style sheet"
    assert used <= checked, f"text colours without a contrast check: {sorted(used - checked)}"


def test_the_contrast_formula_matches_the_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_the_style_sheet_uses_logical_properties_so_arabic_mirrors():
    """margin-inline-start, not margin-left: the same rules lay out Arabic right to left."""
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(), flags=re.S)
    css = re.sub(r"@media[^{]*\{", "{", css)  # min-width of the window is not a direction
    physical = re.findall(
        r"(?<![\w-])((?:margin|padding|border)-(?:left|right|top|bottom)(?:-[\w]+)?|left|right|top|bottom"
        r"|width|height|min-width|max-width|min-height|max-height|float|clear)\s*:\s*+(?!none|inline-start|inline-end)"
        r"([^;{}]+);",  # float and clear take logical values too
        css,
    )
    physical += [("text-align", value) for value in re.findall(r"text-align\s*:\s*(left|right)", css)]
    assert physical == [], f"physical properties in samverka.css: {physical}"
