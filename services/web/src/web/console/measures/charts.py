"""A bar chart of one measure a month, laid out for an SVG the server renders (no JavaScript
needed), with no I/O. The table beside each chart holds the same figures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 240
LEFT, BOTTOM, TOP, RIGHT = 48, 36, 12, 8


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: float


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    baseline: float
    bars: list[Bar]
    ticks: list[Tick]
    label_every: int
    """Every how many bars a month is written under the axis (so labels never overlap)."""


def nice_ceiling(value: float) -> int:
    """The axis' top: 1, 2 or 5 times a power of ten, at least ``value`` (1 for nothing)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


def bar_chart(points: Sequence[tuple[str, float | None]]) -> Chart:
    """Bars for (label, value) points, in order; a missing value draws no bar."""
    top = nice_ceiling(max((v or 0 for _, v in points), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    baseline = TOP + plot_h
    bars = []
    for i, (label, value) in enumerate(points):
        height = plot_h * (value or 0) / top
        bars.append(
            Bar(
                x=round(LEFT + i * slot + slot * 0.15, 1),
                y=round(baseline - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=label,
                value=value or 0,
            )
        )
    ticks = [Tick(round(baseline - plot_h * n / 4, 1), round(top * n / 4)) for n in range(5)]
    label_every = max(1, math.ceil(len(points) / 12))
    return Chart(WIDTH, HEIGHT, LEFT, baseline, bars, ticks, label_every)
