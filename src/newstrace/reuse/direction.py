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
from datetime import UTC, datetime, timedelta

MIN_GAP = timedelta(minutes=5)
UNKNOWN_ZONE = timedelta(hours=14)  # a time without zone may be anywhere from UTC-12 to UTC+14
CONTAINED = 0.8
MARGIN = 0.25


@dataclass(frozen=True)
class ArticleSide:
    """What direction needs to know of one article."""

    id: str
    outlet: str
    outlet_domain: str | None
    published_at: str | None
    precision: str
    text: str
    dateline_agency: str | None
    outlet_offset: str | None = None


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


def window(side: ArticleSide) -> tuple[datetime, datetime, str] | None:
    """The UTC interval the article was published in, and how its zone was known.

    A time without zone takes the outlet's offset when all its zoned articles agree on one;
    otherwise it could be anywhere within UTC-12..UTC+14, and the window widens to match.
    """
    if not side.published_at or side.precision not in ("second", "minute", "day"):
        return None
    try:
        moment = datetime.fromisoformat(side.published_at)
    except ValueError:
        return None
    width = timedelta(days=1) if side.precision == "day" else timedelta(0)
    if moment.tzinfo is not None:
        start = moment.astimezone(UTC).replace(tzinfo=None)
        return start, start + width, "zoned"
    if side.outlet_offset:
        offset = datetime.fromisoformat("2000-01-01T00:00:00" + side.outlet_offset).utcoffset()
        if offset is not None:
            start = moment - offset
            return start, start + width, f"zone {side.outlet_offset} from the outlet's articles"
    return moment - UNKNOWN_ZONE, moment + width + UNKNOWN_ZONE, "zone unknown"


def by_time(a: ArticleSide, b: ArticleSide) -> tuple[str, str] | None:
    """(source id, evidence) from publication order, when the windows cannot overlap."""
    wa, wb = window(a), window(b)
    if wa is None or wb is None:
        return None
    if wa[1] + MIN_GAP <= wb[0]:
        first, later, gap, notes = a, b, wb[0] - wa[1], {wa[2], wb[2]}
    elif wb[1] + MIN_GAP <= wa[0]:
        first, later, gap, notes = b, a, wa[0] - wb[1], {wa[2], wb[2]}
    else:
        return None
    how = "; ".join(sorted(n for n in notes if n != "zoned"))
    return first.id, f"published at least {_human(gap)} before {later.id}" + (
        f" ({how})" if how else "")


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
