"""Events-per-period bar chart for the events page, laid out for an inline SVG.

A reader filtering events wants to see where they cluster in time and to jump to one
period: each bar is a link that filters the list to its period. Bars sit at their place in
time, so a quiet year shows as a gap rather than vanishing; only when the span holds too
many periods for usable bars are the empty ones left out (and the Timeline says so).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

WIDTH = 800
HEIGHT = 120
PAD_LEFT = 34
PAD_RIGHT = 8
PAD_TOP = 10
AXIS_H = 22
MAX_SLOTS = 240
MAX_BAR_W = 40
MIN_LABEL_GAP = 72
MAX_LABELS = 8

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Bar:
    """One period's bar; (hit_x, hit_w) is the full-height strip that makes it clickable."""

    x: float
    y: float
    w: float
    h: float
    hit_x: float
    hit_w: float
    period: str
    count: int
    href: str
    title: str


@dataclass(frozen=True)
class AxisLabel:
    """Text on an axis; anchor is an SVG text-anchor value (start, middle, end)."""

    x: float
    y: float
    text: str
    anchor: str


@dataclass(frozen=True)
class Timeline:
    """Everything `_timeline.html` draws, in viewBox="0 0 width height"."""

    width: int
    height: int
    plot_top: float
    baseline: float
    bars: tuple[Bar, ...]
    labels: tuple[AxisLabel, ...]
    max_count: int
    total: int
    compressed: bool

    @property
    def empty(self) -> bool:
        return not self.bars


def _slot(period: str) -> tuple[str, int] | None:
    """(granularity, ordinal) of a period: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""
    match = _PERIOD.match(period)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return "day", date(int(year), int(month), int(day)).toordinal()
        if month:
            if not 1 <= int(month) <= 12:
                return None
            return "month", int(year) * 12 + int(month) - 1
    except ValueError:
        return None
    return "year", int(year)


def _positions(periods: Sequence[str]) -> tuple[list[int], int, bool]:
    """Slot index of each period, the number of slots, and whether the placement is only
    ordinal (mixed or unreadable periods, or a span too long for usable bars)."""
    slots = [_slot(p) for p in periods]
    kinds = {s[0] for s in slots if s is not None}
    if None not in slots and len(kinds) == 1:
        ordinals = [s[1] for s in slots if s is not None]
        span = ordinals[-1] - ordinals[0] + 1
        if 0 < span <= MAX_SLOTS and ordinals == sorted(ordinals):
            return [o - ordinals[0] for o in ordinals], span, False
    return list(range(len(periods))), len(periods), len(periods) > 1


def _noun(n: int) -> str:
    return f"{n} event" if n == 1 else f"{n} events"


def build_timeline(counts: Sequence[tuple[str, int]], href: Callable[[str], str]) -> Timeline:
    """Bars for (period, n) pairs sorted ascending; href(period) links to that period."""
    counts = [(str(p), int(n)) for p, n in counts if int(n) > 0]
    plot_top, baseline = float(PAD_TOP), float(HEIGHT - AXIS_H)
    if not counts:
        return Timeline(WIDTH, HEIGHT, plot_top, baseline, (), (), 0, 0, False)
    periods = [p for p, _ in counts]
    index, n_slots, compressed = _positions(periods)
    slot_w = (WIDTH - PAD_LEFT - PAD_RIGHT) / n_slots
    bar_w = min(max(slot_w * 0.8, 1.0), MAX_BAR_W)
    top = max(n for _, n in counts)
    plot_h = baseline - plot_top
    bars = []
    for (period, n), i in zip(counts, index, strict=True):
        slot_x = PAD_LEFT + i * slot_w
        h = max(plot_h * n / top, 2.0)
        bars.append(Bar(round(slot_x + (slot_w - bar_w) / 2, 2), round(baseline - h, 2),
                        round(bar_w, 2), round(h, 2), round(slot_x, 2), round(slot_w, 2),
                        period, n, href(period), f"{period}: {_noun(n)}"))
    labels = [AxisLabel(PAD_LEFT - 4, plot_top + 8, str(top), "end"),
              AxisLabel(PAD_LEFT - 4, baseline, "0", "end")]
    labels.extend(_period_labels(bars, baseline + 15))
    return Timeline(WIDTH, HEIGHT, plot_top, baseline, tuple(bars), tuple(labels), top,
                    sum(n for _, n in counts), compressed)


def _period_labels(bars: Sequence[Bar], y: float) -> list[AxisLabel]:
    """First and last period, and a few between them where they do not crowd each other."""
    centres = [b.hit_x + b.hit_w / 2 for b in bars]
    step = max(1, len(bars) // (MAX_LABELS - 1))
    chosen = sorted({0, len(bars) - 1, *range(0, len(bars), step)})
    out: list[AxisLabel] = []
    for k in chosen:
        x = round(min(max(centres[k], PAD_LEFT + 24), WIDTH - PAD_RIGHT - 24), 2)
        if k == len(bars) - 1:
            # the last period matters more than its crowded neighbours (the first stays)
            while len(out) > 1 and x - out[-1].x < MIN_LABEL_GAP:
                out.pop()
            if out and x - out[-1].x < MIN_LABEL_GAP:
                continue
        elif out and x - out[-1].x < MIN_LABEL_GAP:
            continue
        out.append(AxisLabel(x, y, bars[k].period, "middle"))
    return out


__all__ = ["AxisLabel", "Bar", "Timeline", "build_timeline"]
