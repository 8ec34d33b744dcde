"""Writes docs/security/asvs.md from asvs.toml: `python docs/security/render_asvs.py`.
tests/test_asvs_map.py fails when the page and the data disagree."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATUS_WORDS = {
    "tested": "tested", "documented": "documented", "not_applicable": "not applicable",
}


def load() -> dict:
    with (HERE / "asvs.toml").open("rb") as file:
        return tomllib.load(file)


def evidence(requirement: dict) -> str:
    if requirement["status"] == "tested":
        return "<br>".join(f"`{node}`" for node in requirement["tests"])
    if requirement["status"] == "not_applicable":
        return requirement["reason"]
    path, _, anchor = requirement["doc"].partition("#")
    link = f"[{Path(path).name}#{anchor}]({Path(path).relative_to('docs/security') if path.startswith('docs/security/') else '../../' + path}#{anchor})"
    return link


def status(requirement: dict) -> str:
    if requirement.get("gap"):
        return "**gap**"
    return STATUS_WORDS[requirement["status"]]


def render(data: dict) -> str:
    requirements = data["requirement"]
    counts = Counter("gap" if r.get("gap") else r["status"] for r in requirements)
    levels = Counter(r["level"] for r in requirements)
    lines = [
        "# OWASP ASVS 5.0 Level 2: how Samverka meets it",
        "",
        "<!-- Generated from asvs.toml by render_asvs.py; edit the data, not this page. -->",
        "",
        f"Every Level 1 and Level 2 requirement of {data['source']['standard']} ({levels[1]} of Level 1,",
        f"{levels[2]} of Level 2; ids and levels from `{data['source']['file']}`) is mapped in",
        "[asvs.toml](asvs.toml) to one of: **tested** (the tests that prove it), **documented** (the",
        "section that says how it is met, in [controls.md](controls.md) or elsewhere), **gap** (documented",
        "under \"Known gaps\": not met yet) or **not applicable** (why). `tests/test_asvs_map.py` fails when a",
        "requirement is missing, a named test does not exist, a section is not there, or this page is stale.",
        "",
        "| tested | documented | gap | not applicable |",
        "| --- | --- | --- | --- |",
        f"| {counts['tested']} | {counts['documented']} | {counts['gap']} | {counts['not_applicable']} |",
        "",
        "| id | level | requirement | status | evidence |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in requirements:
        lines.append(f"| {r['id']} | {r['level']} | {r['text']} | {status(r)} | {evidence(r)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (HERE / "asvs.md").write_text(render(load()))
