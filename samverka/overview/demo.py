"""The overview's demo: its figures computed from the demo municipality the other apps' demos
loaded (`load_demo` calls `load(stdout=...)` last). Running it again recomputes them."""

from __future__ import annotations

from . import services


def load(*, stdout) -> None:
    written = services.compute_figures(everything=True)
    stdout.write(f"Overview: {written} figures computed.")
