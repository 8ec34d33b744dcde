"""The overview's writes: only the platform's own computation of its figures."""

from __future__ import annotations

import time

from samverka.core import audit

from . import figures


def compute_figures(*, today=None, everything: bool = False, by=None) -> int:
    """Recompute the figures of the last 13 months (all with `everything`); records how many and
    how long it took. The overview reads them on its next request (it is not cached)."""
    began = time.monotonic()
    written = figures.compute(today=today, everything=everything)
    audit.record(by=by, action="figures.compute", target=None,
                 changes={"figures": written, "seconds": round(time.monotonic() - began, 2),
                          "everything": everything})
    return written
