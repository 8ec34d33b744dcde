"""The OWASP ASVS 5.0 map (docs/security/asvs.toml) stays whole and true: every Level 1 and
Level 2 requirement is mapped, every named test exists, every documented pointer leads to a
heading that is there, and docs/security/asvs.md is the page the data makes."""

from __future__ import annotations

import ast
import importlib.util
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECURITY = ROOT / "docs" / "security"
STATUSES = {"tested", "documented", "not_applicable"}


def load_map() -> dict:
    with (SECURITY / "asvs.toml").open("rb") as file:
        return tomllib.load(file)


def source_levels() -> dict[str, int]:
    """Every requirement id of ASVS 5.0.0 and its level, from the transcribed list."""
    levels = {}
    for line in (SECURITY / "asvs-5.0.0-levels.txt").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        section, *numbers = line.split()
        for index, level in enumerate(numbers, start=1):
            levels[f"{section}.{index}"] = int(level)
    return levels


@cache
def functions_in(path: str) -> frozenset[str]:
    """`name` and `Class::name` of every test function in a test module."""
    tree = ast.parse((ROOT / path).read_text(), filename=path)
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            names |= {f"{node.name}::{item.name}" for item in node.body
                      if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name.startswith("test")}
    return frozenset(names)


def slug(heading: str) -> str:
    """The anchor a Markdown renderer (GitHub's) gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


@cache
def anchors(path: str) -> frozenset[str]:
    text = (ROOT / path).read_text()
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # no headings inside code blocks
    return frozenset(slug(match) for match in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, flags=re.M))


def node_problem(node: str) -> str | None:
    path, separator, name = node.partition("::")
    if not separator or not path.endswith(".py") or not Path(path).name.startswith("test_"):
        return f"{node}: not a test node id (path/to/test_module.py::test_function)"
    if not (ROOT / path).is_file():
        return f"{node}: no file {path}"
    if name not in functions_in(path):
        return f"{node}: no test {name} in {path}"
    return None


def pointer_problem(pointer: str) -> str | None:
    path, separator, anchor = pointer.partition("#")
    if not separator or not anchor:
        return f"{pointer}: a pointer is path#heading-anchor"
    if not (ROOT / path).is_file():
        return f"{pointer}: no file {path}"
    if anchor not in anchors(path):
        return f"{pointer}: no heading with the anchor #{anchor} in {path}"
    return None


def requirement_problems(requirement: dict) -> list[str]:
    """What is wrong with one mapped requirement, as sentences (empty: nothing)."""
    rid, status = requirement.get("id", "?"), requirement.get("status")
    problems = []
    if not requirement.get("text", "").strip():
        problems.append(f"{rid}: no text")
    if status not in STATUSES:
        return [*problems, f"{rid}: status {status!r} is none of {sorted(STATUSES)}"]
    if status == "tested":
        if not requirement.get("tests"):
            problems.append(f"{rid}: tested, but names no test")
        problems += [f"{rid}: {problem}" for node in requirement.get("tests", []) if (problem := node_problem(node))]
    if status == "documented" or requirement.get("doc"):
        if not requirement.get("doc"):
            problems.append(f"{rid}: documented, but points nowhere")
        elif problem := pointer_problem(requirement["doc"]):
            problems.append(f"{rid}: {problem}")
    if requirement.get("gap") and (status != "documented" or not requirement.get("doc", "").endswith("#known-gaps")):
        problems.append(f"{rid}: a gap is documented under #known-gaps")
    if status == "not_applicable" and not requirement.get("reason", "").strip():
        problems.append(f"{rid}: not applicable, but says not why")
    return problems


def test_every_level_1_and_2_requirement_is_mapped_once_with_its_level():
    expected = {rid: level for rid, level in source_levels().items() if level <= 2}
    mapped = [requirement["id"] for requirement in load_map()["requirement"]]
    levels = {requirement["id"]: requirement["level"] for requirement in load_map()["requirement"]}
    assert len(source_levels()) == 345  # ASVS 5.0.0 has 345 requirements in all
    assert sorted(set(expected) - set(mapped)) == [], "unmapped requirements"
    assert sorted(set(mapped) - set(expected)) == [], "ids that are not Level 1 or 2 requirements of ASVS 5.0.0"
    assert sorted({rid for rid in mapped if mapped.count(rid) > 1}) == [], "mapped twice"
    assert {rid: level for rid, level in levels.items() if expected[rid] != level} == {}, "wrong levels"
    assert load_map()["source"]["count"] == len(expected)


def test_every_mapping_names_tests_that_exist_headings_that_are_there_or_a_reason():
    data = load_map()
    problems = [problem for requirement in data["requirement"] for problem in requirement_problems(requirement)]
    assert problems == []


def test_the_page_is_generated_from_the_data():
    spec = importlib.util.spec_from_file_location("render_asvs", SECURITY / "render_asvs.py")
    render_asvs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render_asvs)
    expected = render_asvs.render(load_map())
    assert (SECURITY / "asvs.md").read_text() == expected, "run: python docs/security/render_asvs.py"


# The checks themselves: a map that is wrong in each way is found out.

GOOD_TEST = "tests/test_asvs_map.py::test_the_page_is_generated_from_the_data"


@pytest.mark.parametrize("requirement, says", [
    ({"id": "V1", "text": "t", "status": "tested", "tests": ["tests/test_asvs_map.py::test_that_is_not_there"]},
     "no test test_that_is_not_there"),
    ({"id": "V1", "text": "t", "status": "tested", "tests": ["tests/test_gone.py::test_x"]}, "no file tests/test_gone.py"),
    ({"id": "V1", "text": "t", "status": "tested", "tests": []}, "names no test"),
    ({"id": "V1", "text": "t", "status": "tested", "tests": ["test_asvs_map"]}, "not a test node id"),
    ({"id": "V1", "text": "t", "status": "documented", "doc": "docs/security/controls.md#no-such-heading"},
     "no heading with the anchor #no-such-heading"),
    ({"id": "V1", "text": "t", "status": "documented", "doc": "docs/security/gone.md#sessions"}, "no file"),
    ({"id": "V1", "text": "t", "status": "documented"}, "points nowhere"),
    ({"id": "V1", "text": "t", "status": "documented", "doc": "docs/security/controls.md#sessions", "gap": True},
     "under #known-gaps"),
    ({"id": "V1", "text": "t", "status": "not_applicable", "reason": " "}, "says not why"),
    ({"id": "V1", "text": "t", "status": "planned"}, "is none of"),
    ({"id": "V1", "text": "t", "status": "maybe"}, "is none of"),
    ({"id": "V1", "text": "", "status": "tested", "tests": [GOOD_TEST]}, "no text"),
])
def test_a_wrong_mapping_is_found(requirement, says):
    problems = requirement_problems(requirement)
    assert any(says in problem for problem in problems), problems


@pytest.mark.parametrize("requirement", [
    {"id": "V1", "text": "t", "status": "tested", "tests": [GOOD_TEST]},
    {"id": "V1", "text": "t", "status": "documented", "doc": "docs/security/controls.md#identity-provider-oidc"},
    {"id": "V1", "text": "t", "status": "documented", "doc": "docs/security/controls.md#known-gaps", "gap": True},
    {"id": "V1", "text": "t", "status": "documented", "doc": "README.md#running-in-production"},
    {"id": "V1", "text": "t", "status": "not_applicable", "reason": "No WebRTC."},
])
def test_a_right_mapping_passes(requirement):
    assert requirement_problems(requirement) == []


def test_a_requirement_missing_from_the_map_is_found():
    expected = {rid for rid, level in source_levels().items() if level <= 2}
    mapped = {requirement["id"] for requirement in load_map()["requirement"] if requirement["id"] != "V7.3.1"}
    assert expected - mapped == {"V7.3.1"}
