"""Typed records of the language stage: what a span of an article refers to.

Every record carries character offsets into the article's normalized text (``Article.text``),
so later stages (claims, events, the dossier) can point at the exact passage. The stage keeps
each kind's resolution in its own record instead of one loose dict: a TimeRef and a Quantity
have nothing in common but their span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MENTION_KINDS = ("actor", "place", "time", "quantity")
ACTOR_TYPES = (
    "government", "state force", "police", "ministry", "legislature", "armed group",
    "political party", "media", "international organization", "company",
    "civil society", "person", "group", "unknown",
)
TIME_PRECISIONS = ("day", "week", "month", "year")
PLACE_PRECISIONS = ("town", "district", "province", "country", "continent")


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of an article's normalized text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression resolved to a date interval.

    ``start``/``end`` are ISO dates (inclusive) or None when unresolved, in which case
    ``reason`` says why ("no publication time for a relative expression", "not a date").
    ``anchor`` is "published" when the value depends on the article's publication time,
    "absolute" when the text alone fixes it ("10 November 2026"), "none" when unresolved.
    ``hedge`` keeps what was stripped before parsing ("late on", "back in").
    """

    span: Span
    start: str | None
    end: str | None
    precision: str | None
    anchor: str
    hedge: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number attached to what it counts.

    ``low``/``high`` bound the value (equal when exact; ``high`` None when open: "at least
    12"); ``counted`` is the lemma of the counted noun or casualty class ("vehicle",
    "missile", "killed", "injured", "civilian"); ``category`` is "killed", "injured" or
    "count"; ``stated_zero`` marks an explicit nothing ("no casualties").
    """

    span: Span
    low: int | None
    high: int | None
    counted: str
    category: str = "count"
    approximate: bool = False
    stated_zero: bool = False


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place mention resolved on the gazetteer (``place_id`` None when unresolved).

    ``role`` is "dateline" for the reporting location in a dateline and "mention" otherwise:
    a dateline says where the reporter was, not where anything happened. ``label`` is the
    kind of span it was found in: GPE/LOC/FAC, NORP for a nationality adjective ("Syrian"),
    or the organization's label (ORG) for a place inside an organization's name ("the Ohio
    Department of Health"), which later stages should not take for where something happened.
    """

    span: Span
    place_id: str | None
    name: str | None
    precision: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    score: float
    role: str = "mention"
    label: str = "GPE"


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span naming an actor, before cross-article resolution.

    ``key`` is the actor's canonical key within the article (set by the in-article alias
    finder: every alias of one actor shares it); ``dict_id`` the id of a bundled or
    user-supplied dictionary entry it matched; ``title`` a person's role ("Army Colonel",
    "commander of the 41st Brigade") when one is attached.
    """

    span: Span
    label: str
    name: str
    key: str
    actor_type: str = "unknown"
    dict_id: str | None = None
    title: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor across articles."""

    id: str
    name: str
    actor_type: str
    aliases: tuple[str, ...] = ()
    dict_id: str | None = None
    country: str | None = None
    n_mentions: int = 0


@dataclass(slots=True)
class ArticleLanguage:
    """All language annotations of one article, as the stage hands them to the store."""

    article_id: str
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    countries: tuple[str, ...] = ()
