"""Charts drawn on the server as SVG, for the overview, action plans and reports.

A chart is data for a template (`components/chart_bars.html`, `components/chart_line.html`):
lengths in per cent of the chart's width (so it fits 320 px and a printed page alike) and
the numbers in words for the table every chart has beside it. No JavaScript, no external
library: a chart is a `<figure>` with an `<svg role="img">` titled in words and a `<table>`.

    chart = bars(_("Volunteers per part of the municipality"), [("Ekerö centrum", 120), ...])
    {% include "components/chart_bars.html" with chart=chart %}
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import number_format

BAR_ROW = 44  # px: one bar with its label above it
LINE_HEIGHT = 200  # px: the plotting area of a line chart
LINE_WIDTH = 600  # the viewBox's width; the SVG scales to its container


def _number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float | Decimal) and value != int(value):
        return number_format(value, 1, use_l10n=True, force_grouping=True)
    return number_format(int(value), 0, use_l10n=True, force_grouping=True)


@dataclass
class Bar:
    label: str
    value: float | int | Decimal
    display: str
    length: float  # 0–100: per cent of the chart's width
    label_y: int
    bar_y: int

    @property
    def rest(self) -> float:
        """Where a bar starts on a right-to-left page (it grows from the right)."""
        return round(100 - self.length, 2)


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    unit: str = ""
    chart_id: str = ""

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * BAR_ROW

    @property
    def empty(self) -> bool:
        return not self.bars


def bars(title: str, items, *, unit: str = "", chart_id: str = "") -> BarChart:
    """A horizontal bar chart of `items` [(label, value), …], longest bar the largest value."""
    items = [(str(label), value or 0) for label, value in items]
    top = max((value for _, value in items), default=0) or 1
    return BarChart(
        title=title, unit=unit, chart_id=chart_id or f"chart-{zlib.crc32(title.encode()):08x}",
        bars=[Bar(label=label, value=value, display=_number(value), length=round(100 * float(value) / float(top), 2),
                  label_y=i * BAR_ROW + 14, bar_y=i * BAR_ROW + 20) for i, (label, value) in enumerate(items)],
    )


@dataclass
class Point:
    when: date
    label: str
    value: float | int | Decimal | None
    display: str
    x: float
    y: float | None


@dataclass
class LineChart:
    title: str
    points: list[Point]
    unit: str = ""
    target: float | None = None
    target_y: float | None = None
    target_display: str = ""
    ticks: list[tuple[float, str]] = field(default_factory=list)
    chart_id: str = ""
    width: int = LINE_WIDTH
    height: int = LINE_HEIGHT + 30

    @property
    def path(self) -> str:
        """The line through every point that has a value (a gap where one is missing)."""
        parts, pen = [], "M"
        for point in self.points:
            if point.y is None:
                pen = "M"
                continue
            parts.append(f"{pen}{point.x:.1f},{point.y:.1f}")
            pen = "L"
        return " ".join(parts)

    @property
    def empty(self) -> bool:
        return all(point.value is None for point in self.points)


def line(title: str, series, *, unit: str = "", target=None, label=lambda when: when.isoformat(),
         chart_id: str = "") -> LineChart:
    """A line chart of `series` [(date, value or None), …] in date order, with an optional
    target drawn as a dashed line. `label` writes a date for the axis and the table."""
    series = sorted(series, key=lambda item: item[0])
    values = [float(value) for _, value in series if value is not None]
    if target is not None:
        values.append(float(target))
    top = max(values, default=0)
    top = top * 1.1 if top > 0 else 1
    step = LINE_WIDTH / max(1, len(series) - 1) if len(series) > 1 else 0

    def y_of(value):
        return None if value is None else round(10 + LINE_HEIGHT * (1 - float(value) / top), 1)

    points = [Point(when=when, label=label(when), value=value, display=_number(value),
                    x=round(step * i if len(series) > 1 else LINE_WIDTH / 2, 1), y=y_of(value))
              for i, (when, value) in enumerate(series)]
    ticks = [(round(10 + LINE_HEIGHT * (1 - share), 1), _number(top * share)) for share in (0, 0.5, 1)]
    return LineChart(title=title, points=points, unit=unit, ticks=ticks,
                     target=None if target is None else float(target), target_y=y_of(target),
                     target_display=_number(target) if target is not None else "",
                     chart_id=chart_id or f"chart-{zlib.crc32(title.encode()):08x}")
