"""Who copied whom: the direction of a reuse link and the evidence for it.

Evidence, strongest first: a credit in one text to the other's outlet ("(LW) –", "according
to Levant Wire"); publication order when both times are known and far enough apart for
their precision; containment (the copy adds its own material around what it took). When
nothing decides, the direction is unknown: a guess would corrupt every source count built
on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

MIN_GAP = {"second": timedelta(minutes=5), "minute": timedelta(minutes=5)}
CONTAINED = 0.8
MARGIN = 0.25


@dataclass(frozen=True)
class ArticleSide:
    """What direction needs to know of one article."""

    id: str
    outlet: str
    outlet_domain: str | None
    published_utc: str | None
    precision: str
    text: str
    dateline_agency: str | None


@dataclass
class Direction:
    source: str | None
    evidence: list[str] = field(default_factory=list)
    credited: bool = False

    @property
    def known(self) -> bool:
        return self.source is not None


def outlet_aliases(outlet: str, domain: str | None) -> list[str]:
    """Names a text may credit an outlet by: its name, domain stem, initials."""
    aliases = [outlet]
    if domain:
        aliases.append(domain.split(".")[0])
    words = [w for w in re.split(r"\W+", outlet) if w]
    if len(words) >= 2:
        aliases.append("".join(w[0] for w in words).upper())
    return [a for a in aliases if len(a) >= 2]


def credits(copy: ArticleSide, source: ArticleSide) -> str | None:
    """The words by which `copy` credits `source`'s outlet, if it does."""
    if copy.outlet == source.outlet:
        return None
    for alias in outlet_aliases(source.outlet, source.outlet_domain):
        if copy.dateline_agency and copy.dateline_agency.strip().lower() == alias.lower():
            return f"dateline credits ({copy.dateline_agency})"
        if len(alias) <= 4 and alias.isupper():
            pattern = rf"\({re.escape(alias)}\)"
            flags = 0
        else:
            pattern = rf"\b{re.escape(alias)}\b"
            flags = re.IGNORECASE
        match = re.search(pattern, copy.text, flags)
        if match:
            return f"text credits {match.group()!r}"
    return None


def _moment(side: ArticleSide) -> datetime | None:
    if not side.published_utc or side.precision == "unknown":
        return None
    try:
        return datetime.fromisoformat(side.published_utc)
    except ValueError:
        return None


def by_time(a: ArticleSide, b: ArticleSide) -> tuple[str, str] | None:
    """(source id, evidence) from publication order, when the times can tell."""
    ta, tb = _moment(a), _moment(b)
    if ta is None or tb is None:
        return None
    if a.precision in MIN_GAP and b.precision in MIN_GAP:
        gap = MIN_GAP["minute"]
        if abs(ta - tb) < gap:
            return None
        first, later = (a, b) if ta < tb else (b, a)
        delta = abs(ta - tb)
        return first.id, f"published {_human(delta)} before {later.id}"
    if ta.date() == tb.date():
        return None
    first, later = (a, b) if ta.date() < tb.date() else (b, a)
    return first.id, f"published on an earlier day than {later.id}"


def _human(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes / 60
    return f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} days"


def by_containment(
    a: ArticleSide, b: ArticleSide, a_coverage: float, b_coverage: float
) -> tuple[str, str] | None:
    if a_coverage >= CONTAINED and b_coverage <= a_coverage - MARGIN:
        return a.id, f"{b.id} adds material around what it shares ({b_coverage:.0%} shared)"
    if b_coverage >= CONTAINED and a_coverage <= b_coverage - MARGIN:
        return b.id, f"{a.id} adds material around what it shares ({a_coverage:.0%} shared)"
    return None


def decide(a: ArticleSide, b: ArticleSide, a_coverage: float, b_coverage: float) -> Direction:
    """The direction of reuse between a and b, with every piece of evidence found."""
    b_credits_a, a_credits_b = credits(b, a), credits(a, b)
    timed = by_time(a, b)
    contained = by_containment(a, b, a_coverage, b_coverage)
    evidence: list[str] = []
    source: str | None = None
    credited = False
    if bool(b_credits_a) != bool(a_credits_b):
        source = a.id if b_credits_a else b.id
        credited = True
        evidence.append(b_credits_a or a_credits_b or "")
    for found in (timed, contained):
        if found is None:
            continue
        if source is None:
            source = found[0]
            evidence.append(found[1])
        elif found[0] == source:
            evidence.append(found[1])
        else:
            evidence.append(f"conflicting: {found[1]}")
    return Direction(source, evidence, credited)
