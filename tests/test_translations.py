"""The translation catalogues: Swedish is complete, nothing is left fuzzy, placeholders and
markup survive translation, and the compiled .mo files say what the .po files say (so a
machine without gettext shows the same text)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import gettext, ngettext, override, pgettext

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%%|%[sdif]")
TAG = re.compile(r"<[^>]+>")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.msgstr_plural[i] for i in sorted(self.msgstr_plural)]


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), body)


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (the header and obsolete entries left out)."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple | None = None

    def finish():
        nonlocal current, target
        if target is not None:
            entries.append(current)
        current, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if target is not None:
                finish()
            current.flags += [f.strip() for f in line[2:].split(",")]
        elif line.startswith("#"):
            if target is not None:
                finish()
        elif match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)\s+(".*")$', line):
            keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3))
            if keyword == "msgid":
                current.line = number
            if keyword.startswith("msgstr["):
                current.msgstr_plural[int(index)] = value
                target = ("plural", int(index))
            else:
                setattr(current, keyword, value)
                target = (keyword,)
        elif line.startswith('"'):
            value = _unquote(line)
            if target[0] == "plural":
                current.msgstr_plural[target[1]] += value
            else:
                setattr(current, target[0], getattr(current, target[0]) + value)
        else:
            raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return [e for e in entries if e.msgid]


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def where(language: str, entry: Entry) -> str:
    return f"locale/{language}/LC_MESSAGES/django.po:{entry.line} {entry.msgid[:60]!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_catalogue_and_a_compiled_file(language):
    assert catalogue(language).exists()
    assert catalogue(language).with_suffix(".mo").exists(), f"run compilemessages for {language}"


def test_swedish_is_complete():
    untranslated = [where("sv", e) for e in parse_po(catalogue("sv")) if not all(t.strip() for t in e.translations)]
    assert not untranslated, "Swedish is the default language; translate:\n" + "\n".join(untranslated)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_left_fuzzy(language):
    fuzzy = [where(language, e) for e in parse_po(catalogue(language)) if "fuzzy" in e.flags]
    assert not fuzzy, "Django does not use fuzzy entries; check and unflag:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_markup(language):
    wrong = []
    for entry in parse_po(catalogue(language)):
        source = entry.msgid + (entry.msgid_plural or "")
        wanted = set(PLACEHOLDER.findall(source))
        for text in entry.translations:
            if not text:
                continue
            found = set(PLACEHOLDER.findall(text))
            # A plural form may say the number in words ("one place") instead of %(counter)s.
            optional = {"%(counter)s"} if entry.msgid_plural is not None else set()
            if found - wanted or (wanted - found) - optional:
                wrong.append(f"{where(language, entry)}: placeholders {sorted(found)} should be {sorted(wanted)}")
            if sorted(TAG.findall(text)) != sorted(TAG.findall(entry.msgid)):
                wrong.append(f"{where(language, entry)}: markup differs in {text!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_compiled_catalogue_says_what_the_po_file_says(language):
    """Proves the .mo is current: every translation in the .po comes back from gettext."""
    stale = []
    with override(language):
        for entry in parse_po(catalogue(language)):
            if entry.msgid_plural is None:
                found = pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else gettext(entry.msgid)
                if entry.msgstr and found != entry.msgstr:
                    stale.append(where(language, entry))
            else:
                one, other = (1, 2) if language == "sv" else (1, 100)
                singular = entry.msgstr_plural.get(0 if language == "sv" else 1)
                plural = entry.msgstr_plural.get(1 if language == "sv" else 5)
                if singular and ngettext(entry.msgid, entry.msgid_plural, one) != singular:
                    stale.append(where(language, entry))
                elif plural and ngettext(entry.msgid, entry.msgid_plural, other) != plural:
                    stale.append(where(language, entry))
    assert not stale, f"run compilemessages -l {language}; out of date:\n" + "\n".join(stale)
