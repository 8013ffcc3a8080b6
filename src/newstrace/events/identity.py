"""Event identity across articles: which event mentions are the same real-world happening.

Plain text similarity cannot tell two air strikes on the same town a week apart from one
strike told ten ways, so the decision leans on the event record first: a date window or a
place clearly incompatible vetoes a merge, type, place, time and shared actors add evidence,
and weighted term similarity (online IDF) carries the decision when the record is thin
(general news with no place or date extracted).

Mentions arrive in publication order and each is placed once (online), so a later run
continues where the last stopped. Candidates come from blocking keys (place cells, place
ids, actors and rare terms, each crossed with coarse time buckets when dated), read back
capped to the most recently touched events, so one ``add`` costs a bounded number of
comparisons and grouping n mentions stays near-linear instead of n².
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from newstrace.events.records import Casualties, Event, EventActor, EventMention, event_id
from newstrace.geo import km

JOIN = 0.42
"""Least score to join an event; below it the mention starts its own."""
JOIN_TERMS = 0.35
"""For a mention with no date, place or actors (general news the extractor found little
in): its words decide alone. Chosen on the ECB+ train topics with the provisional adapter
(B-cubed F1 0.809 at 0.4, 0.833 at 0.35, 0.828 at 0.3; lower merges near-miss events)."""
JOIN_DENIED = 0.27
"""A denial is short ("did not carry out any strikes") and shares few words with reports of
the act, so it joins on less, as long as place, time or actors back it."""
VETO = -1e9
TERM_WEIGHT = 1.0
SAME_ARTICLE = -0.2
"""The extractor already merged one article's mentions of one event; a second mention in the
same article is most often another event."""
STALE_DAYS = 45
"""An undated report published this long after an event's window is taken as news of
something else, unless the words agree very strongly."""

TIME_RANK = {"second": 0, "minute": 0, "hour": 0, "day": 0, "week": 1, "month": 2,
             "quarter": 3, "year": 4, "decade": 5}
TIME_TOL = (2, 4, 10, 20, 45, 365)
"""Days two windows may lie apart and still be one event, by the coarser precision."""
TIME_BONUS = (0.2, 0.12, 0.05, 0.02, 0.0, 0.0)
PLACE_RANK = {"point": 0, "town": 0, "district": 1, "province": 2, "country": 3,
              "continent": 4}
PLACE_TOL_KM = (40.0, 100.0, 250.0, math.inf, math.inf)
GENERIC_SUBTYPES = frozenset({"", "other", "attack", "armed clash", "unknown"})
FAMILIES = ({"Battles", "Explosions/Remote violence", "Violence against civilians"},
            {"Protests", "Riots"})
K_RECENT = 24
"""Events read back per blocking key: the most recently touched ones (arrival order)."""
STRONG = 0.95
"""A score that settles the match: candidates come most-shared-keys first, so the rest are
not scored (a near-twin event scoring higher still is rare; place, time and actors agree
on both then)."""
MAX_CANDIDATES = 12
"""Events scored per mention: those sharing the most blocking keys with it (place, time,
actors, rare terms); the same event shares many, a bystander one or two."""
QUERY_TERMS = 4
INDEX_TERMS = 6


@dataclass(frozen=True, slots=True)
class _Window:
    lo: int
    hi: int
    rank: int


@dataclass(frozen=True, slots=True)
class _Place:
    place_id: str | None
    lat: float | None
    lon: float | None
    rank: int
    country: str
    admin1: str
    name: str | None = None


@dataclass(slots=True)
class _Features:
    mention: EventMention
    kind: tuple[str, str]
    window: _Window | None
    place: _Place | None
    actors: frozenset[str]
    terms: Counter[str]
    published: int | None
    weights: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0


@dataclass(slots=True)
class _Cluster:
    id: str
    members: list[EventMention] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)
    windows: Counter[_Window] = field(default_factory=Counter)
    places: Counter[_Place] = field(default_factory=Counter)
    actors: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    weights: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    best: _Window | None = None
    best_fresh: bool = False

    def add(self, f: _Features, idf: Mapping[str, float]) -> None:
        """Term weights are those of the term statistics when the term's count last
        changed: recomputing every weight of a large event on each report would cost more
        than the slow drift of the document frequencies is worth."""
        self.members.append(f.mention)
        self.articles.add(f.mention.article_id)
        self.kinds[f.kind] += 1
        if f.window is not None:
            self.windows[f.window] += 1
        if f.place is not None:
            self.places[f.place] += 1
        self.actors.update(f.actors)
        for t, n in f.terms.items():
            count = self.terms[t] + n
            self.terms[t] = count
            w = (1.0 + math.log(count)) * idf[t]
            self.norm2 += w * w - self.weights.get(t, 0.0) ** 2
            self.weights[t] = w
        self.best_fresh = False

    def window(self) -> _Window | None:
        if not self.best_fresh:
            self.best, self.best_fresh = best_window(self.windows), True
        return self.best


# -- field normalization -----------------------------------------------------------------


def _ordinal(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def _time_rank(precision: str | None, lo: int, hi: int) -> int:
    if precision in TIME_RANK:
        return TIME_RANK[precision]
    span = hi - lo + 1
    return next((r for r, days in enumerate((1, 7, 31, 92, 366)) if span <= days), 5)


def _window(m: EventMention) -> _Window | None:
    lo = _ordinal(m.date_start)
    hi = _ordinal(m.date_end) if m.date_end else lo
    if lo is None or hi is None:
        return None
    lo, hi = min(lo, hi), max(lo, hi)
    return _Window(lo, hi, _time_rank(m.time_precision, lo, hi))


def _place(m: EventMention) -> _Place | None:
    if m.place_id is None and m.lat is None and not m.country:
        return None
    rank = PLACE_RANK.get(m.geo_precision or "", 0 if m.lat is not None else 3)
    return _Place(m.place_id, m.lat, m.lon, rank, (m.country or "").lower(),
                  (m.admin1 or "").lower(), m.place)


def _features(m: EventMention) -> _Features:
    actors = frozenset(a.actor_id for a in m.actors if a.actor_id)
    return _Features(m, (m.event_type, m.sub_event_type), _window(m), _place(m), actors,
                     Counter(t.lower() for t in m.terms if t), _ordinal(m.published_at))


def published_key(published_at: str | None) -> str:
    """A sortable UTC form of a publication time; unknown times sort last."""
    if not published_at:
        return "~"
    try:
        moment = datetime.fromisoformat(published_at)
    except ValueError:
        return published_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


# -- pairwise evidence -------------------------------------------------------------------


def _gap(a: _Window, b: _Window) -> int:
    return max(0, max(a.lo, b.lo) - min(a.hi, b.hi))


def time_score(a: _Window, b: _Window) -> float:
    """VETO beyond the coarser precision's tolerance; a bonus for overlap at fine precision."""
    rank = max(a.rank, b.rank)
    gap = _gap(a, b)
    if gap > TIME_TOL[rank]:
        return VETO
    return TIME_BONUS[rank] if gap == 0 else TIME_BONUS[rank] / 4


def place_score(a: _Place, b: _Place) -> float:
    """Same place id always fits; other countries never; distance judged at the coarser
    precision, a veto only when both are towns (a province's centre says little)."""
    rank = max(a.rank, b.rank)
    if a.place_id is not None and a.place_id == b.place_id:
        return (0.25, 0.2, 0.1, 0.04, 0.0)[rank]
    if a.country and b.country and a.country != b.country:
        return VETO
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        tol = PLACE_TOL_KM[rank]
        if math.isinf(tol):
            return 0.02
        d = km(a.lat, a.lon, b.lat, b.lon)
        if d <= tol:
            return (0.2, 0.15, 0.05)[rank] * (1 - d / tol) + 0.02
        return (VETO, -0.3, -0.15)[rank]
    if a.admin1 and a.admin1 == b.admin1:
        return 0.03
    return 0.0


def _generic(sub: str) -> bool:
    return sub.strip().lower() in GENERIC_SUBTYPES


def type_score(a: tuple[str, str], b: tuple[str, str]) -> float:
    """Types are extracted per article and disagree at the margins ("attack" vs "air
    strike"), so only types of different families weigh strongly against a merge."""
    if a[0] == b[0]:
        if a[1] == b[1]:
            return 0.1 if a[1] else 0.06
        return 0.05 if _generic(a[1]) or _generic(b[1]) else -0.05
    if "Other" in (a[0], b[0]) or not a[0] or not b[0]:
        return -0.05
    if any(a[0] in fam and b[0] in fam for fam in FAMILIES):
        return -0.08 if _generic(a[1]) or _generic(b[1]) else -0.15
    return -0.35


def best_window(windows: Mapping[_Window, int]) -> _Window | None:
    """The window most mentions are compatible with; ties to the narrowest, then earliest."""
    if not windows:
        return None
    top = sorted(windows.items(), key=lambda kv: -kv[1])[:50]
    best: tuple[int, int, int] | None = None
    chosen = None
    for w, _ in top:
        support = sum(n for v, n in top if _gap(w, v) <= TIME_TOL[max(w.rank, v.rank)])
        key = (-support, w.hi - w.lo, w.lo)
        if best is None or key < best:
            best, chosen = key, w
    return chosen


# -- the index ---------------------------------------------------------------------------


class EventIndex:
    """Online grouping of event mentions into events.

    ``add`` places one mention and returns its event id; ``events`` summarizes. Built from
    existing events and their mentions, it continues a previous run: their ids are kept and
    their mentions count in the term statistics.
    """

    def __init__(self, existing: Iterable[tuple[Event, Sequence[EventMention]]] = (),
                 actor_names: Mapping[str, str] | None = None) -> None:
        self.clusters: dict[str, _Cluster] = {}
        self.postings: defaultdict[int, list[str]] = defaultdict(list)
        """Blocking key (hashed: a collision only adds a candidate) -> event ids in the
        order they were touched."""
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.changed: set[str] = set()
        self.actor_names = dict(actor_names or {})
        self._summaries: dict[str, Event] = {}
        for event, mentions in existing:
            cluster = _Cluster(event.id)
            self.clusters[event.id] = cluster
            order = {mid: i for i, mid in enumerate(event.mention_ids)}
            for m in sorted(mentions, key=lambda x: order.get(x.id, len(order))):
                self._place_in(cluster, self._weighted(_features(m)))
            self._summaries[event.id] = event
        self.changed.clear()

    # -- public ------------------------------------------------------------------------

    def add(self, mention: EventMention) -> str:
        """Put the mention in its best-matching event, or start one; returns the event id."""
        f = self._weighted(_features(mention))
        cluster = self._match(f)
        if cluster is None:
            eid, n = event_id(mention.id), 1
            while eid in self.clusters:  # a re-extracted first mention left its old event
                eid, n = event_id(f"{mention.id}/{n}"), n + 1
            cluster = _Cluster(eid)
            self.clusters[cluster.id] = cluster
        self._place_in(cluster, f)
        self.changed.add(cluster.id)
        self._summaries.pop(cluster.id, None)
        return cluster.id

    def refresh(self, ids: Iterable[str]) -> None:
        """Summarize these events again: their stored summary is out of date."""
        for eid in ids:
            if eid in self.clusters:
                self._summaries.pop(eid, None)
                self.changed.add(eid)

    def events(self, ids: Iterable[str] | None = None) -> list[Event]:
        """Current events (all, or the given ids) with their summaries."""
        chosen = self.clusters if ids is None else ids
        out = []
        for eid in chosen:
            if eid not in self._summaries:
                self._summaries[eid] = summarize(eid, self.clusters[eid].members,
                                                 self.actor_names)
            out.append(self._summaries[eid])
        return out

    # -- placing -----------------------------------------------------------------------

    def _weighted(self, f: _Features) -> _Features:
        """The mention's term weights under the current statistics (TF-IDF, sublinear tf)."""
        log_n, df = math.log(self.n_docs + 1), self.df
        f.weights = {t: (1.0 + math.log(n)) * (log_n - math.log(df.get(t, 0) + 1) + 1.0)
                     for t, n in f.terms.items()}
        f.norm = math.sqrt(sum(w * w for w in f.weights.values()))
        return f

    def _place_in(self, cluster: _Cluster, f: _Features) -> None:
        window = f.window or cluster.window()
        self.n_docs += 1
        self.df.update(f.terms.keys())
        log_n, df = math.log(self.n_docs + 1), self.df
        cluster.add(f, {t: log_n - math.log(df[t] + 1) + 1.0 for t in f.terms})
        anchors = self._anchors(f, INDEX_TERMS, indexing=True)
        times = _time_keys(window, indexing=True) if window else []
        keys = [("p", *a) for a in anchors] + [("T", *t) for t in times] + [
            ("A", *a, *t) for a in anchors for t in times]
        if cluster.window() is None:
            keys += [("u", *a) for a in anchors]
        post = self.postings
        for key in keys:
            lst = post[hash(key)]
            if not lst or lst[-1] != cluster.id:
                lst.append(cluster.id)

    def _anchors(self, f: _Features, n_terms: int, indexing: bool) -> list[tuple[object, ...]]:
        keys: list[tuple[object, ...]] = [("a", a) for a in f.actors]
        p = f.place
        if p is not None:
            if p.place_id:
                keys.append(("id", p.place_id))
            if p.lat is not None and p.lon is not None:
                keys += _cell_keys(p, indexing)
            if p.country and (indexing or p.rank >= 2 or p.lat is None):
                keys.append(("c", p.country))
        weights, df = f.weights, self.df
        # a term never seen before has no posting to read
        usable = weights if indexing else [t for t in weights if t in df]
        keys += [("t", t) for t in sorted(usable, key=weights.__getitem__,
                                          reverse=True)[:n_terms]]
        return keys

    def _candidates(self, f: _Features) -> list[_Cluster]:
        anchors = self._anchors(f, QUERY_TERMS, indexing=False)
        if f.window is not None:
            times = _time_keys(f.window, indexing=False)
            keys = [("A", *a, *t) for a in anchors for t in times]
            keys += [("u", *a) for a in anchors if a[0] in ("a", "id", "t")]
            if not anchors:
                keys += [("T", *t) for t in times]
        else:
            keys = [("p", *a) for a in anchors]
        hits: Counter[str] = Counter()
        for key in keys:
            lst = self.postings.get(hash(key))
            if lst:
                hits.update(lst[-K_RECENT:])
        top = hits.most_common(MAX_CANDIDATES) if len(hits) > MAX_CANDIDATES else sorted(
            hits.items(), key=lambda kv: -kv[1])
        return [self.clusters[cid] for cid, _ in top]

    def _match(self, f: _Features) -> _Cluster | None:
        best, best_score = None, -math.inf
        for cluster in self._candidates(f):
            score = self._score(f, cluster)
            if score > best_score:
                best, best_score = cluster, score
                if score >= STRONG:
                    break
        if best is None:
            return None
        if f.mention.denied and best_score >= JOIN_DENIED:
            return best
        thin = f.window is None and f.place is None and not f.actors
        return best if best_score >= (JOIN_TERMS if thin else JOIN) else None

    def _score(self, f: _Features, c: _Cluster) -> float:
        """Field evidence (vetoes first, cheapest first) plus term similarity."""
        record = self._record_score(f, c)
        if record <= VETO / 2:
            return VETO
        return record + TERM_WEIGHT * _cosine(f, c)

    def _record_score(self, f: _Features, c: _Cluster) -> float:
        m = f.mention
        cw = c.window()
        score, backed = 0.0, False
        if f.window is not None and cw is not None:
            score += time_score(f.window, cw)
            backed = True
        elif m.background:
            return VETO  # a recalled event joins only an event whose time it matches
        elif cw is not None and f.published is not None and (
                f.published - cw.hi > STALE_DAYS or cw.lo - f.published > TIME_TOL[0]):
            score -= 0.3
        if score <= VETO / 2:
            return VETO
        if f.place is not None and c.places:
            places = c.places if len(c.places) <= 20 else list(c.places)[:20]
            ps = max(place_score(f.place, p) for p in places)
            if ps <= VETO / 2:
                return VETO
            score += ps
            backed = backed or ps > 0
        shared = sum(1 for a in f.actors if a in c.actors)
        score += min(0.25, 0.12 * shared)
        backed = backed or shared > 0
        kinds = c.kinds
        score += type_score(f.kind, f.kind) if f.kind in kinds else max(
            type_score(f.kind, k) for k in (kinds if len(kinds) <= 8 else list(kinds)[:8]))
        if m.article_id in c.articles and not (m.denied or m.background):
            score += SAME_ARTICLE
        if m.denied and not backed:
            score -= 0.2
        return score



def _cosine(f: _Features, c: _Cluster) -> float:
    if f.norm == 0 or c.norm2 <= 0:
        return 0.0
    cw = c.weights
    dot = sum(w * cw.get(t, 0.0) for t, w in f.weights.items())
    return dot / (f.norm * math.sqrt(c.norm2))


def _time_keys(w: _Window, indexing: bool) -> list[tuple[object, ...]]:
    """Coarse time buckets: 7-day for day/week precision, 30-day for month/quarter, 365-day
    for year/decade. An event is indexed at its own granularity and every coarser one, so a
    month-precision mention finds day-precision events; a query asks at its own."""
    tol = TIME_TOL[w.rank]
    sizes = [(7, "w"), (30, "m"), (365, "y")]
    level = 0 if w.rank <= 1 else 1 if w.rank <= 3 else 2
    chosen = sizes[level:] if indexing else sizes[level:level + 1]
    out: list[tuple[object, ...]] = []
    for size, name in chosen:
        lo, hi = (w.lo, w.hi) if indexing else (w.lo - tol, w.hi + tol)
        if (hi - lo) // size > 60:
            continue
        out += [(name, b) for b in range(lo // size, hi // size + 1)]
    return out


def _cell_keys(p: _Place, indexing: bool) -> list[tuple[object, ...]]:
    """Grid cells: 0.5° for towns, 2° for districts and provinces. A place is indexed in both
    grids; a query reads the cells its tolerance box touches on its own grid."""
    assert p.lat is not None and p.lon is not None
    grids = [0.5, 2.0] if indexing else [0.5 if p.rank == 0 else 2.0]
    if p.rank >= 3:
        return [] if not indexing else [("g", 2.0, int(p.lat // 2.0), int(p.lon // 2.0))]
    out: list[tuple[object, ...]] = []
    for g in grids:
        if indexing:
            out.append(("g", g, int(p.lat // g), int(p.lon // g)))
            continue
        dlat = PLACE_TOL_KM[p.rank] / 111.0
        dlon = dlat / max(0.2, math.cos(math.radians(p.lat)))
        for i in range(int((p.lat - dlat) // g), int((p.lat + dlat) // g) + 1):
            for j in range(int((p.lon - dlon) // g), int((p.lon + dlon) // g) + 1):
                out.append(("g", g, i, j))
    return out


# -- summaries ---------------------------------------------------------------------------

PRECISION_NAMES = ("day", "week", "month", "quarter", "year", "decade")


def summarize(event_id: str, mentions: Sequence[EventMention],
              actor_names: Mapping[str, str] | None = None) -> Event:
    """An event's fields from its mentions: what most of them support, at the finest
    precision they agree on. Mentions are taken in the order given (publication order)."""
    ms = list(mentions)
    etype, sub = _vote_type(ms)
    event = Event(id=event_id, event_type=etype, sub_event_type=sub)
    _summary_time(event, ms)
    _summary_place(event, ms)
    event.actors = merge_actors(ms, actor_names or {})
    event.weapons = list(dict.fromkeys(w for m in ms if not m.denied for w in m.weapons))
    event.fatalities = merge_casualties([(m.article_id, m.fatalities) for m in ms
                                         if not m.denied])
    event.injuries = merge_casualties([(m.article_id, m.injuries) for m in ms if not m.denied])
    event.background = bool(ms) and all(m.background for m in ms)
    event.mention_ids = [m.id for m in ms]
    event.article_ids = list(dict.fromkeys(m.article_id for m in ms))
    times = sorted((published_key(m.published_at), m.published_at) for m in ms
                   if m.published_at)
    if times:
        event.first_seen, event.last_updated = times[0][1], times[-1][1]
    return event


def _vote_type(ms: Sequence[EventMention]) -> tuple[str, str]:
    """Reports outvote recollections and denials; a specific sub-type outvotes a generic
    one ("Air/drone strike" over "Attack"); "Other" counts least."""
    votes: dict[tuple[str, str], float] = {}
    for m in ms:
        weight = 0.3 if m.background or m.denied else 1.0
        weight *= 1.0 if _generic(m.sub_event_type) else 2.0
        weight *= 0.5 if m.event_type == "Other" else 1.0
        kind = (m.event_type, m.sub_event_type)
        votes[kind] = votes.get(kind, 0.0) + weight
    if not votes:
        return "Other", ""
    return max(votes.items(), key=lambda kv: kv[1])[0]


def _summary_time(event: Event, ms: Sequence[EventMention]) -> None:
    windows: Counter[_Window] = Counter()
    precision: dict[_Window, str | None] = {}
    for m in ms:
        w = _window(m)
        if w is not None:
            windows[w] += 1
            precision.setdefault(w, m.time_precision)
    w = best_window(windows)
    if w is None:
        return
    event.date_start = date.fromordinal(w.lo).isoformat()
    event.date_end = date.fromordinal(w.hi).isoformat()
    event.time_precision = precision[w] or PRECISION_NAMES[w.rank]


def _summary_place(event: Event, ms: Sequence[EventMention]) -> None:
    """The most precise place that most mentions' places are compatible with: three
    "Syria"s and one "Al-Bukamal" give Al-Bukamal."""
    places: Counter[_Place] = Counter()
    source: dict[_Place, EventMention] = {}
    for m in ms:
        p = _place(m)
        if p is not None:
            places[p] += 1
            source.setdefault(p, m)
    if not places:
        return

    def key(p: _Place) -> tuple[int, int, int]:
        support = sum(n for q, n in places.items() if place_score(p, q) >= 0)
        return (-support, p.rank, -places[p])

    m = source[min(places, key=key)]
    event.place_id, event.place, event.country, event.admin1 = (m.place_id, m.place,
                                                                m.country, m.admin1)
    event.lat, event.lon, event.geo_precision = m.lat, m.lon, m.geo_precision


def _firm_perpetrator(m: EventMention, actor: EventActor) -> bool:
    """A perpetrator stated plainly; hedged or negated values, and the accused of a denied
    mention, only make an alleged one."""
    if m.denied or actor.role != "perpetrator":
        return False
    refs = {r for r in (actor.actor_id, actor.key) if r}
    backing = [v for v in m.values if v.field == "perpetrator" and v.value in refs]
    return not backing or any(not v.hedged and not v.negated for v in backing)


def merge_actors(ms: Sequence[EventMention], names: Mapping[str, str]) -> list[EventActor]:
    """One entry per actor (by actor id, else by name), in first-seen order."""
    groups: dict[str, list[tuple[EventMention, EventActor]]] = {}
    for m in ms:
        for a in m.actors:
            groups.setdefault(a.actor_id or "name:" + a.name.lower(), []).append((m, a))
    out = []
    for _ref, items in groups.items():
        actor_id = items[0][1].actor_id
        written = Counter(a.name for _, a in items).most_common(1)[0][0]
        name = names.get(actor_id, written) if actor_id else written
        out.append(EventActor(name, _merged_role(items), actor_id, items[0][1].key))
    return out


def _merged_role(items: Sequence[tuple[EventMention, EventActor]]) -> str:
    roles = [a.role for _, a in items]
    if any(_firm_perpetrator(m, a) for m, a in items):
        return "perpetrator"
    if any(r in ("perpetrator", "alleged perpetrator") for r in roles):
        return "alleged perpetrator"
    counts = Counter(roles)
    order = {r: i for i, r in enumerate(("target", "affected", "protester", "signatory",
                                         "mediator", "responder", "party", "actor"))}
    return min(counts, key=lambda r: (-counts[r], order.get(r, 99)))


def merge_casualties(reports: Sequence[tuple[str, Casualties | None]]) -> Casualties | None:
    """low: the least reported low; high: the greatest reported high; best: the figure the
    most articles give (an article's latest figure counts once), ties to the latest."""
    stated = [(aid, c) for aid, c in reports if c is not None and
              (c.low is not None or c.best is not None or c.high is not None)]
    if not stated:
        return None
    lows = [c.low for _, c in stated if c.low is not None]
    highs = [c.high for _, c in stated if c.high is not None]
    per_article: dict[str, int] = {}
    for aid, c in stated:
        value = c.best if c.best is not None else c.low if c.low is not None else c.high
        if value is not None:
            per_article.pop(aid, None)
            per_article[aid] = value
    counts: Counter[int] = Counter(per_article.values())
    last = {v: i for i, v in enumerate(per_article.values())}
    best = max(counts, key=lambda v: (counts[v], last[v])) if counts else None
    return Casualties(min(lows) if lows else None, best, max(highs) if highs else None)
