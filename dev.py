#!/usr/bin/env python3
"""Set up and run Samverka with nothing but Python 3.12+ installed.

    python3 dev.py run     set up, migrate, load the demo municipality, serve on :8000
    python3 dev.py test    set up and run the whole test suite on every core
    python3 dev.py bench   fill the database and measure the pages (see README)

This script uses only the standard library. It finds a Python 3.12+ interpreter
(this one, python3.13/python3.12 on PATH, or pyenv), creates `.venv`, installs the
pinned dependencies from `requirements.lock` and then hands over to the project.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
MIN = (3, 12)


def _version(python: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True, text=True, timeout=20, check=True,
        ).stdout.split()
        return int(out[0]), int(out[1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def find_python() -> str:
    candidates = [sys.executable]
    for name in ("python3.14", "python3.13", "python3.12", "python3"):
        if found := shutil.which(name):
            candidates.append(found)
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/3.1[2-9]*/bin/python3"), reverse=True)
    for python in candidates:
        version = _version(python)
        if version and version >= MIN:
            return python
    sys.exit(
        "Samverka needs Python 3.12 or newer, and none was found.\n"
        "Install it from https://www.python.org/downloads/ (or: apt install python3.12,\n"
        "brew install python@3.12, pyenv install 3.12) and run this command again."
    )


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    python = venv_python()
    if python.exists() and (_version(str(python)) or (0, 0)) < MIN:
        shutil.rmtree(VENV)
    if not python.exists():
        print("Creating .venv …", flush=True)
        subprocess.run([find_python(), "-m", "venv", str(VENV)], check=True)
    stamp = VENV / ".lock-sha256"
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print("Installing pinned dependencies from requirements.lock …", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-r", str(LOCK)],
            check=True,
        )
        stamp.write_text(digest)
    return python


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    args = sys.argv[2:]
    if command not in {"run", "test", "bench", "manage"}:
        print(__doc__)
        sys.exit(0 if command == "help" else 2)
    python = str(ensure_venv())
    os.chdir(ROOT)
    env = dict(os.environ)
    if command == "run":
        env.setdefault("DEBUG", "1")
        run = [python, "manage.py"]
        subprocess.run([*run, "migrate", "--noinput"], check=True, env=env)
        # serve_dev loads the demo once it knows its own address, for the links in its messages.
        os.execve(python, [python, "manage.py", "serve_dev", "--load-demo", *args], env)
    if command == "test":
        # Every core of the machine (pytest-xdist), unless the caller chose (-n 0 runs in one process).
        parallel = [] if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in args) else ["-n", "auto"]
        os.execve(python, [python, "-m", "pytest", *parallel, *args], env)
    if command == "bench":
        os.execve(python, [python, "-m", "bench", *args], env)
    os.execve(python, [python, "manage.py", *args], env)


if __name__ == "__main__":
    main()
