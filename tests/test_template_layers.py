"""Templates follow the layers as imports do (docs/architecture.md): a template under
samverka/<app>/templates loads only the tags of its own app, of the apps in the layers
below it, and of libraries from outside the project. The layers are read from the
import-linter contract in pyproject.toml."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "samverka"
LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")


def layers() -> dict[str, int]:
    """{app: its layer's height}; 0 is core, apps on one line share a height."""
    contract = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"][0]
    lines = list(reversed(contract["layers"]))
    return {app.strip(): height for height, line in enumerate(lines) for app in line.split("|")}


def tag_libraries() -> dict[str, str]:
    """{tag library name: the app that defines it}, for the project's own libraries."""
    return {module.stem: module.parent.parent.name
            for module in PACKAGE.glob("*/templatetags/*.py") if module.stem != "__init__"}


def loaded(text: str) -> list[str]:
    names = []
    for match in LOAD.finditer(text):
        words = match.group(1).split()
        names.extend(words[words.index("from") + 1:] if "from" in words else words)
    return names


def wrong_loads(package: Path = PACKAGE) -> list[str]:
    height, owners = layers(), tag_libraries()
    found = []
    for template in sorted(package.glob("*/templates/**/*")):
        if not template.is_file():
            continue
        app = template.relative_to(package).parts[0]
        for library in loaded(template.read_text(encoding="utf-8")):
            owner = owners.get(library)
            if owner is None or owner == app:
                continue
            if app not in height or owner not in height or height[owner] >= height[app]:
                found.append(f"{template.relative_to(package)} loads {library} (app {owner})")
    return found


def test_the_layers_are_read_from_the_contract():
    height = layers()
    assert height["core"] == 0
    assert height["portal"] == height["api"] > height["crisis"] == height["cases"] > height["actors"]
    assert tag_libraries()["activities"] == "activities"
    assert loaded("{% load static activities %}{% load upcoming from cases %}") == ["static", "activities", "cases"]


# Known and not yet turned around: the actor page lists the actor's coming activities with the
# activities app's tag. A new load upwards or sideways fails this test.
KNOWN = ["actors/templates/actors/detail.html loads activities (app activities)"]


def test_no_template_loads_the_tags_of_an_app_above_or_beside_it():
    assert wrong_loads() == KNOWN


def test_a_template_loading_an_app_above_or_beside_it_is_found(tmp_path):
    for app, text in [("actors", "{% load static activities %}"), ("crisis", "{% load cases %}"),
                      ("activities", "{% load i18n activities ui %}"), ("portal", "{% load cases %}")]:
        folder = tmp_path / app / "templates" / app
        folder.mkdir(parents=True)
        (folder / "page.html").write_text(text, encoding="utf-8")
    assert wrong_loads(tmp_path) == ["actors/templates/actors/page.html loads activities (app activities)",
                                     "crisis/templates/crisis/page.html loads cases (app cases)"]
