"""Typed records of the events, stories and corroboration stages.

Three levels, because the question "what happened, who says so, how independently" needs
all three apart:

* an ``EventMention`` is one article's account of one happening: the fields it states, each
  as a ``FieldValue`` with the passage and the claim behind it. A background mention ("back
  in June") is its own mention with its own time, never part of today's.
* an ``Event`` is the real-world happening: the mentions that the stories stage decided are
  the same event, across articles, with a summary of their fields.
* a ``Fact`` is one field of an event with every value reported for it, the evidence behind
  each value, how many independent source chains and speakers carry it, and a status.

Values are normalized so they can be compared across articles: dates and counts as
intervals (``low``/``high``; dates as proleptic ordinals), places as gazetteer ids with a
point and a precision, actors as canonical actor ids (article-local keys until resolved).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from dataclasses import field as _field

from newstrace.language.records import Span

# ACLED's six event types with newstrace's extensions for non-conflict happenings; the
# sub-event types live in newstrace.events.taxonomy.
EVENT_TYPES = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
    "Riots", "Strategic developments", "Natural disaster", "Other",
)
ACTOR_ROLES = ("perpetrator", "alleged perpetrator", "target", "affected", "party",
               "protester", "signatory", "mediator", "responder", "actor")
FACT_STATUSES = ("corroborated", "single-source", "contested", "denied")

# Fields and how their values combine. "single": one true value, so two incompatible values
# contest each other ("3 killed" vs "2 killed"). "set": values add up (warplanes and drones).
FIELD_KINDS = {
    "event_type": "single",
    "date": "single",          # low/high: ISO dates as ordinals; compatible if they overlap
    "place": "single",         # value: place id; geo: (lat, lon, precision)
    "perpetrator": "single",   # value: actor id; "unknown" is compatible with anything
    "target_actor": "set",     # value: actor id
    "affected": "set",         # value: actor id
    "party": "set",            # value: actor id of a party, signatory, protester, responder
    "target": "single",        # the thing hit: "vehicle", "headquarters", "market"
    "weapon": "set",           # munitions: "missile", "rocket", "mortar", "ied"
    "platform": "set",         # what delivered them: "warplane", "drone", "helicopter"
    "fatalities": "single",    # low/high: persons killed
    "injuries": "single",      # low/high: persons injured
    "participants": "single",  # low/high: protesters, marchers
    "count": "single",         # a counted thing (value: its noun); low/high: how many
}
UNKNOWN = "unknown"


def field_kind(name: str) -> str:
    """"count:missile" counts like "count"."""
    return FIELD_KINDS[name.split(":", 1)[0]]


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One value of one field, as one article states it, with its passage.

    ``field`` is a key of FIELD_KINDS, or "count:<noun>" for a counted thing ("count:missile").
    ``value`` is the comparable form (an ISO date interval "2026-11-10" or
    "2026-06-01/2026-06-30", a place id, an actor id or key, a noun lemma, a number as text);
    ``label`` the form to show ("late on Tuesday → 2026-11-10", "Al-Bukamal, Deir ez-Zor,
    Syria", "four missiles"). ``low``/``high`` bound a number or a date (ordinals), ``high``
    None when open ("at least 12"). ``geo`` is (lat, lon, precision) for a place.
    ``claim_id`` is the claim whose content holds the passage; None when the outlet states it
    in its own voice. ``negated`` marks a value stated as not so, typically in a denial ("U.S.
    forces did not conduct any strikes"): it is evidence against the value, not for it.
    """

    field: str
    value: str
    label: str
    span: Span
    claim_id: str | None = None
    low: float | None = None
    high: float | None = None
    geo: tuple[float, float, str] | None = None
    negated: bool = False
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class EventActor:
    """An actor of an event in one role. ``actor_id`` is the canonical actor (None when the
    language stage resolved none: "unnamed foreign jets"); ``key`` the article's actor key."""

    name: str
    role: str
    actor_id: str | None = None
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Casualties:
    """A reported count as ACLED keeps it: ``best`` the most supported figure, ``low`` and
    ``high`` the range across reports. ``None`` fields mean not stated, 0 a stated zero."""

    low: int | None
    best: int | None
    high: int | None


@dataclass(slots=True)
class EventMention:
    """One article's account of one event.

    ``sentences`` are the passages that report it (in text order); ``trigger`` the words that
    name the happening ("struck", "clash", "rally"). ``background`` marks a mention of an
    earlier event given as context ("back in June") and ``denied`` one reported only as not
    having happened (the accused's "did not conduct any strikes"). ``terms`` are the
    weighted words that describe the mention (title words, names, trigger lemmas), for
    grouping mentions of events that carry no type, place or actors in common.
    """

    article_id: str
    index: int
    event_type: str
    sub_event_type: str
    trigger: Span
    published_at: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    time_precision: str | None = None
    place_id: str | None = None
    place: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    actors: list[EventActor] = _field(default_factory=list)
    weapons: list[str] = _field(default_factory=list)
    fatalities: Casualties | None = None
    injuries: Casualties | None = None
    background: bool = False
    denied: bool = False
    sentences: list[Span] = _field(default_factory=list)
    values: list[FieldValue] = _field(default_factory=list)
    terms: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """Derived from the article and position, so re-runs replace rather than add."""
        return mention_id(self.article_id, self.index)


def mention_id(article_id: str, index: int) -> str:
    return hashlib.sha256(f"{article_id}\x1fev\x1f{index}".encode()).hexdigest()[:16]


@dataclass(slots=True)
class Event:
    """A real-world happening: the event mentions judged the same, and their summary.

    ``id`` is stable across re-runs: derived from its earliest mention. ``background`` is
    true when every mention of it is background: an event only ever recalled, never
    reported. ``first_seen``/``last_updated`` are the publication times of its first and
    latest article (the Story of the event).
    """

    id: str
    event_type: str
    sub_event_type: str
    date_start: str | None = None
    date_end: str | None = None
    time_precision: str | None = None
    place_id: str | None = None
    place: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    actors: list[EventActor] = _field(default_factory=list)
    weapons: list[str] = _field(default_factory=list)
    fatalities: Casualties | None = None
    injuries: Casualties | None = None
    background: bool = False
    mention_ids: list[str] = _field(default_factory=list)
    article_ids: list[str] = _field(default_factory=list)
    first_seen: str | None = None
    last_updated: str | None = None


def event_id(first_mention_id: str) -> str:
    return "ev-" + hashlib.sha256(first_mention_id.encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One passage behind a fact value: the article, the claim (None for the outlet's own
    voice), the words, who says it (the speaker as written, or the outlet), the origin
    counted for independence (``origin``: whom the speaker cites if anyone, else the
    speaker's actor or words, else the outlet), the source chain, and the stance."""

    article_id: str
    span: Span
    chain_id: str
    origin: str
    speaker: str
    claim_id: str | None = None
    stance: str = "asserts"


@dataclass(slots=True)
class FactValue:
    value: str
    label: str
    evidence: list[Evidence] = _field(default_factory=list)
    n_chains: int = 0
    n_origins: int = 0
    low: float | None = None
    high: float | None = None


@dataclass(slots=True)
class Fact:
    """One field of an event with every value reported for it.

    ``status``: "denied" when a party denies a value (``denied_by`` holds the denials),
    else "contested" when two values of a single-valued field are incompatible, else
    "corroborated" when two or more independent source chains carry it, else
    "single-source". newstrace reports evidence and who says it, never which value is true.
    ``n_chains`` and ``n_origins`` count over all values.
    """

    event_id: str
    field: str
    status: str
    values: list[FactValue] = _field(default_factory=list)
    denied_by: list[Evidence] = _field(default_factory=list)
    n_chains: int = 0
    n_origins: int = 0
