"""Corroboration: every field of an event as a Fact, each value with the passages behind it.

The question is not which value is true but who says it and how independently. Two counts
answer "how independently": ``n_chains``, the source chains carrying a value (copies of one
report are one chain), and ``n_origins``, the distinct first-hand sources (whom a speaker
cites, else the speaker's actor or words, else the outlet itself). Ten outlets quoting the
same officials are many chains but one origin; the status needs both to call a fact
corroborated (see ``MIN_ORIGINS``).

Values that a reader would call the same are one FactValue ("3" and "three"); values that
are merely compatible ("at least 2" and "3", a town and its province) stay apart but do not
contest each other. A single-valued field with two incompatible values is contested; a
denial by the accused ("did not conduct any strikes") makes the fact denied, whatever else.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as _field
from datetime import date

from newstrace.claims.records import Claim
from newstrace.events.records import (
    FIELD_KINDS,
    UNKNOWN,
    Casualties,
    Event,
    EventMention,
    Evidence,
    Fact,
    FactValue,
    FieldValue,
)
from newstrace.geo import km

ACTOR_FIELDS = frozenset({"perpetrator", "target_actor", "affected", "party"})
NUMERIC_FIELDS = frozenset({"date", "fatalities", "injuries", "participants", "count"})
# A denial aimed at a claim ("CENTCOM denied the report") disputes who did it, not where
# or when: the gold keeps the date and place of a denied strike corroborated.
DENIABLE_FIELDS = frozenset({"perpetrator"})
# Corroboration needs two source chains AND two origins: six outlets relaying the same
# provincial officials confirm that the officials said it, not that it is so.
MIN_CHAINS = 2
MIN_ORIGINS = 2
# How far apart two resolved places may be and still be the same place, by the coarser of
# their precisions: a town and its province are compatible, two towns 40 km apart are not.
PLACE_TOLERANCE_KM = {"town": 25.0, "district": 60.0, "province": 250.0}
LOOSE_PRECISIONS = frozenset({"country", "continent"})
PRECISION_RANK = {"town": 0, "district": 1, "province": 2, "country": 3, "continent": 4}

DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "some"})
# Words that say the source is nameless, not which source it is.
VAGUE_WORDS = frozenset({"unnamed", "anonymous", "unidentified"})
PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "it", "we", "i", "you"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"[\w'’.-]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _Sources:
    """What build_facts needs to know about articles, chains and actors."""

    claims: Mapping[str, Claim]
    chain_of: Mapping[str, str]
    outlet_of: Mapping[str, str]
    actor_of_key: Mapping[tuple[str, str], str]
    outlet_names: Mapping[str, str]


@dataclass(slots=True)
class _Item:
    """One FieldValue of one mention, normalized, with its evidence."""

    value: FieldValue
    key: str
    evidence: Evidence
    attributed: bool


@dataclass(slots=True)
class _Group:
    """Items a reader would call the same value."""

    field: str
    items: list[_Item] = _field(default_factory=list)
    low: float | None = None
    high: float | None = None
    geo: tuple[float, float, str] | None = None
    country: str | None = None

    @property
    def firm(self) -> bool:
        """Stated without a hedge at least once: only firm values contest others."""
        return any(not i.value.hedged for i in self.items)


def build_facts(
    event: Event,
    mentions: Sequence[EventMention],
    claims: Mapping[str, Claim],
    chain_of: Mapping[str, str],
    outlet_of: Mapping[str, str],
    actor_of_key: Mapping[tuple[str, str], str],
    actor_names: Mapping[str, str] | None = None,
    outlet_names: Mapping[str, str] | None = None,
) -> list[Fact]:
    """Every field stated by the event's mentions as a Fact, in FIELD_KINDS order.

    ``mentions`` are the event's mentions in publication order (evidence keeps that order;
    an outlet's own-voice copy takes the origin of the earliest chain member). ``claims``
    must hold the claims the values cite and, for denials aimed at a claim, the denying
    claims of the same articles. ``actor_names`` labels actor values by their canonical
    name; ``outlet_names`` names the outlet when it speaks in its own voice.
    """
    src = _Sources(claims, chain_of, outlet_of, actor_of_key, outlet_names or {})
    countries = _place_countries(mentions)
    positive: dict[str, list[_Item]] = {}
    denials: dict[str, list[Evidence]] = {}
    for mention in mentions:
        for fv in mention.values:
            item = _item(mention.article_id, fv, src)
            if fv.negated:
                denials.setdefault(fv.field, []).append(item.evidence)
            else:
                positive.setdefault(fv.field, []).append(item)
    facts = []
    for name in _field_order(set(positive) | set(denials)):
        items = positive.get(name, [])
        groups = _group(name, items, countries)
        for group in groups:
            _share_outlet_origins(group, src.outlet_of)
        negated = denials.get(name, [])
        denied_by = _dedupe(negated + _claim_denials(name, items, negated, src))
        facts.append(_fact(event.id, name, groups, denied_by, actor_names or {}))
    return facts


def summarize_casualties(fact: Fact | None) -> Casualties | None:
    """ACLED's low/best/high from a casualty fact: the range over every reported figure,
    the best the figure most chains (then most origins) carry."""
    if fact is None:
        return None
    values = [v for v in fact.values if v.low is not None]
    if not values:
        return None
    lows = [v.low for v in values if v.low is not None]
    highs = [v.high for v in values]
    high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    best = max(values, key=lambda v: (v.n_chains, v.n_origins, -(v.low or 0.0)))
    return Casualties(low=int(min(lows)), best=None if best.low is None else int(best.low),
                      high=None if high is None else int(high))


# -- one value as evidence --------------------------------------------------------------


def _item(article_id: str, fv: FieldValue, src: _Sources) -> _Item:
    claim = src.claims.get(fv.claim_id) if fv.claim_id else None
    stance = "hedges" if fv.hedged else (claim.stance if claim else "asserts")
    origin, speaker = _origin_and_speaker(article_id, claim, src)
    evidence = Evidence(article_id=article_id, span=fv.span,
                        chain_id=src.chain_of.get(article_id, article_id), origin=origin,
                        speaker=speaker, claim_id=fv.claim_id, stance=stance)
    value = fv.value
    if fv.field in ACTOR_FIELDS:
        value = src.actor_of_key.get((article_id, value), value)
    return _Item(fv, value, evidence, attributed=not origin.startswith("outlet:"))


def _origin_and_speaker(article_id: str, claim: Claim | None, src: _Sources) -> tuple[str, str]:
    """The independence key and the name shown: whom the speaker cites, else the speaker,
    else the outlet (its own voice, or a claim with no speaker: "it is reported")."""
    outlet = src.outlet_of.get(article_id, article_id)
    outlet_voice = ("outlet:" + outlet, src.outlet_names.get(outlet, outlet))
    if claim is None or claim.speaker is None:
        if claim is not None and claim.via is not None:
            return _via_origin(claim, src), outlet_voice[1]
        return outlet_voice
    speaker = claim.speaker.text
    if claim.speaker_ref is not None and _is_pronoun(speaker):
        speaker = claim.speaker_ref.text
    if claim.via is not None:
        return _via_origin(claim, src), speaker
    actor = _actor(claim.article_id, claim.speaker_actor, src)
    if actor is not None:
        return actor, speaker
    words = _words(claim.speaker_ref.text if claim.speaker_ref is not None else speaker)
    return (words or outlet_voice[0]), speaker


def _via_origin(claim: Claim, src: _Sources) -> str:
    assert claim.via is not None
    actor = _actor(claim.article_id, claim.via_actor, src)
    return "via:" + (actor if actor is not None else _words(claim.via.text))


def _actor(article_id: str, key: str | None, src: _Sources) -> str | None:
    return None if key is None else src.actor_of_key.get((article_id, key))


def _is_pronoun(text: str) -> bool:
    return text.strip().lower() in PRONOUNS


def _words(text: str) -> str:
    """Lower-cased words without determiners or nameless-source adjectives, so "the
    officials" and "unnamed officials" are one origin."""
    words = [w.strip(".").lower() for w in _WORD.findall(text)]
    return " ".join(w for w in words if w and w not in DETERMINERS and w not in VAGUE_WORDS)


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, int, int, str | None]] = set()
    out = []
    for ev in evidence:
        key = (ev.article_id, ev.span.start, ev.span.end, ev.claim_id)
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


def _claim_denials(name: str, items: list[_Item], negated: list[Evidence],
                   src: _Sources) -> list[Evidence]:
    """Denying claims aimed at a claim that is evidence of this fact ("the Pentagon
    denied the report"), as denials of who did it (DENIABLE_FIELDS); a claim already
    behind a negated value is not counted twice."""
    if _base(name) not in DENIABLE_FIELDS:
        return []
    targets = {i.evidence.claim_id for i in items if i.evidence.claim_id}
    known = {e.claim_id for e in negated if e.claim_id}
    out = []
    for cid in sorted(src.claims):
        claim = src.claims[cid]
        if claim.stance == "denies" and claim.denies in targets and cid not in known:
            origin, speaker = _origin_and_speaker(claim.article_id, claim, src)
            out.append(Evidence(article_id=claim.article_id, span=claim.content,
                                chain_id=src.chain_of.get(claim.article_id, claim.article_id),
                                origin=origin, speaker=speaker, claim_id=cid, stance="denies"))
    return out


# -- grouping values ---------------------------------------------------------------------


def _base(name: str) -> str:
    return name.split(":", 1)[0]


def _kind(name: str) -> str:
    """Fields outside FIELD_KINDS (a newer events stage) are taken as single-valued."""
    return FIELD_KINDS.get(_base(name), "single")


def _field_order(names: set[str]) -> list[str]:
    known = [n for n in FIELD_KINDS if n in names]
    counts = sorted(n for n in names if n.startswith("count:"))
    rest = sorted(n for n in names if n not in FIELD_KINDS and not n.startswith("count:"))
    return known + counts + rest


def _interval(fv: FieldValue) -> tuple[float | None, float | None]:
    """low/high as given, else parsed from the value ("2026-11-10", "2026-06-01/06-30",
    "3"), so a producer that left them empty still compares."""
    if fv.low is not None or fv.high is not None:
        return fv.low, fv.high
    value = fv.value.strip()
    if _base(fv.field) == "date":
        parts = value.split("/")
        if all(_ISO_DATE.match(p) for p in parts) and len(parts) in (1, 2):
            days = [float(date.fromisoformat(p).toordinal()) for p in parts]
            return days[0], days[-1]
        return None, None
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        return None, None
    return (number, number) if math.isfinite(number) else (None, None)


def _same_key(name: str, item: _Item) -> tuple[object, ...]:
    """What makes two values the same value: the interval for numbers and dates (the
    counted noun too for a bare "count"), the place id or actor id, else the folded text."""
    base = _base(name)
    if base in NUMERIC_FIELDS:
        low, high = _interval(item.value)
        if low is not None or high is not None:
            noun = item.value.value.lower() if name == "count" else ""
            return ("interval", noun, low, high)
    return ("value", item.key.strip().casefold())


def _group(name: str, items: list[_Item], countries: Mapping[str, str]) -> list[_Group]:
    groups: dict[tuple[object, ...], _Group] = {}
    for item in items:
        group = groups.setdefault(_same_key(name, item), _Group(field=name))
        if not group.items:
            group.low, group.high = _interval(item.value)
        group.items.append(item)
        if group.geo is None and item.value.geo is not None:
            group.geo = item.value.geo
        if group.country is None:
            group.country = countries.get(item.key)
    return list(groups.values())


def _place_countries(mentions: Sequence[EventMention]) -> dict[str, str]:
    """Place id -> country, as the mentions located at that place give it."""
    out: dict[str, str] = {}
    for mention in mentions:
        if mention.place_id and mention.country:
            out.setdefault(mention.place_id, mention.country.casefold())
    return out


def _share_outlet_origins(group: _Group, outlet_of: Mapping[str, str]) -> None:
    """An outlet's own voice is not a new source when it restates what the same outlet
    attributes elsewhere (a lede summing up "officials said"), nor when its source chain
    carries the value: a copy or paraphrase takes the chain's attributed origin, else
    the origin of the earliest member's own voice."""
    by_outlet: dict[str, str] = {}
    by_chain: dict[str, str] = {}
    for item in group.items:
        if item.attributed:
            by_outlet.setdefault(_outlet(item, outlet_of), item.evidence.origin)
            by_chain.setdefault(item.evidence.chain_id, item.evidence.origin)
    for item in group.items:
        if item.attributed:
            continue
        origin = (by_outlet.get(_outlet(item, outlet_of))
                  or by_chain.setdefault(item.evidence.chain_id, item.evidence.origin))
        if origin != item.evidence.origin:
            item.evidence = replace(item.evidence, origin=origin)


def _outlet(item: _Item, outlet_of: Mapping[str, str]) -> str:
    return outlet_of.get(item.evidence.article_id, item.evidence.article_id)


# -- compatibility and status ------------------------------------------------------------


def _compatible(a: _Group, b: _Group) -> bool:
    """Could both values be true of one happening? Unknowns are compatible with anything."""
    if UNKNOWN in (a.items[0].key.casefold(), b.items[0].key.casefold()):
        return True
    base = _base(a.field)
    if base in NUMERIC_FIELDS and (a.low, a.high, b.low, b.high) != (None,) * 4:
        if a.field == "count" and a.items[0].key.casefold() != b.items[0].key.casefold():
            return True  # different counted things
        return _overlap(a.low, a.high, b.low, b.high)
    if base == "place":
        return _places_compatible(a, b)
    return a.items[0].key.casefold() == b.items[0].key.casefold()


def _overlap(alow: float | None, ahigh: float | None, blow: float | None,
             bhigh: float | None) -> bool:
    lo_a, lo_b = (-math.inf if x is None else x for x in (alow, blow))
    hi_a, hi_b = (math.inf if x is None else x for x in (ahigh, bhigh))
    return lo_a <= hi_b and lo_b <= hi_a


def _places_compatible(a: _Group, b: _Group) -> bool:
    """Same id, or near enough for the coarser precision; a country-level place is
    compatible with anything in that country. Without coordinates nothing is contested."""
    if a.items[0].key == b.items[0].key:
        return True
    if a.geo is None or b.geo is None:
        return True
    coarser = max(a.geo[2], b.geo[2], key=lambda p: PRECISION_RANK.get(p, 0))
    if coarser in LOOSE_PRECISIONS:
        return a.country is None or b.country is None or a.country == b.country
    tolerance = PLACE_TOLERANCE_KM.get(coarser, PLACE_TOLERANCE_KM["town"])
    return km(a.geo[0], a.geo[1], b.geo[0], b.geo[1]) <= tolerance


def _contested(name: str, groups: list[_Group]) -> bool:
    if _kind(name) != "single":
        return False
    firm = [g for g in groups if g.firm]
    return any(not _compatible(a, b) for i, a in enumerate(firm) for b in firm[i + 1:])


def _status(name: str, groups: list[_Group], denied_by: list[Evidence], n_chains: int,
            n_origins: int) -> str:
    if denied_by:
        return "denied"
    if _contested(name, groups):
        return "contested"
    if n_chains >= MIN_CHAINS and n_origins >= MIN_ORIGINS:
        return "corroborated"
    return "single-source"


def _fact_value(group: _Group, actor_names: Mapping[str, str]) -> FactValue:
    evidence = _dedupe([i.evidence for i in group.items])
    value = Counter(i.key for i in group.items).most_common(1)[0][0]
    label = Counter(i.value.label for i in group.items).most_common(1)[0][0]
    if _base(group.field) in ACTOR_FIELDS and value in actor_names:
        label = actor_names[value]
    return FactValue(value=value, label=label, evidence=evidence,
                     n_chains=len({e.chain_id for e in evidence}),
                     n_origins=len({e.origin for e in evidence}), low=group.low,
                     high=group.high)


def _fact(event_id: str, name: str, groups: list[_Group], denied_by: list[Evidence],
          actor_names: Mapping[str, str]) -> Fact:
    values = [_fact_value(g, actor_names) for g in groups]
    values.sort(key=lambda v: (-v.n_chains, v.label, v.value))
    evidence = [e for v in values for e in v.evidence]
    # "it was not clear who" is counted as reported, but it corroborates no value
    telling = [e for v in values if v.value.casefold() != UNKNOWN for e in v.evidence]
    status = _status(name, groups, denied_by, len({e.chain_id for e in telling}),
                     len({e.origin for e in telling}))
    return Fact(event_id=event_id, field=name, status=status, values=values,
                denied_by=denied_by, n_chains=len({e.chain_id for e in evidence}),
                n_origins=len({e.origin for e in evidence}))
