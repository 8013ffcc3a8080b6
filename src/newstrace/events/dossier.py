"""The read model of one event: everything a reader needs to judge it, as one JSON-ready dict.

The dossier answers "what happened, who says so, how independently" for one event: its
fields, each fact with every value and the passages behind it (with enough surrounding
text to read them in context), the claims those passages come from, the source chains of
its articles (who copied whom), which articles report it and which only recall it, and the
other events its articles report. The CLI, the exports and the web view all read this one
shape, so they cannot disagree about an event.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from newstrace.events.records import FACT_STATUSES, Event, Evidence, Fact
from newstrace.output import safe
from newstrace.records import Article
from newstrace.store import Store

CONTEXT = 120
"""Characters of article text kept on each side of a passage (then widened to whole words)."""
WORD_SLACK = 20
"""How far a context edge may move to reach a word boundary."""
CACHED_ARTICLES = 2000
"""Articles (with their text) a reader keeps; an export of a large store reads each event's
articles in turn and must not hold every text at once."""
CLAIM_FIELDS = ("id", "article", "part", "speaker", "speaker_ref", "speaker_actor",
                "speaker_actor_id", "via", "via_actor", "cue", "cue_text", "cue_type",
                "stance", "quote_type", "medium", "content", "content_start", "content_end",
                "denies")


def build_dossier(store: Store, event_ref: str) -> dict[str, Any]:
    """The dossier of the event with this id or id prefix (NotFoundError when none)."""
    return DossierReader(store).dossier(store.get_event(event_ref))


def iter_dossiers(store: Store, events: Iterable[Event] | None = None) -> Iterator[dict[str, Any]]:
    """Dossiers of many events (default: all), sharing one reader's caches."""
    reader = DossierReader(store)
    for event in store.all_events() if events is None else events:
        yield reader.dossier(event)


def status_counts(facts: Sequence[Fact]) -> dict[str, int]:
    counts = Counter(f.status for f in facts)
    return {status: counts.get(status, 0) for status in FACT_STATUSES}


def chains_of(event: Event, facts: Sequence[Fact],
              chains: Mapping[str, str] | None = None) -> set[str]:
    """The distinct source chains of the event's articles.

    Without the store's chain map, the chain each evidence passage names stands in for its
    article's, and an article with no evidence counts as a chain of its own.
    """
    if chains is None:
        chains = {e.article_id: e.chain_id for f in facts for e in all_evidence(f)}
    return {chains.get(a, a) for a in event.article_ids}


def all_evidence(fact: Fact) -> Iterator[Evidence]:
    """The passages behind every value of a fact, then its denials."""
    for value in fact.values:
        yield from value.evidence
    yield from fact.denied_by


def event_row(event: Event, facts: Sequence[Fact],
              chains: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The flat record of one event (`newstrace events --json`, GeoJSON properties)."""
    return {
        "id": event.id, "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "date_start": event.date_start,
        "date_end": event.date_end, "time_precision": event.time_precision,
        "place": event.place, "place_id": event.place_id, "country": event.country,
        "admin1": event.admin1, "lat": event.lat, "lon": event.lon,
        "geo_precision": event.geo_precision,
        "actors": [{"name": a.name, "role": a.role, "actor_id": a.actor_id}
                   for a in event.actors],
        "weapons": list(event.weapons),
        "fatalities": None if event.fatalities is None else asdict(event.fatalities),
        "injuries": None if event.injuries is None else asdict(event.injuries),
        "background": event.background,
        "n_articles": len(event.article_ids),
        "n_chains": len(chains_of(event, facts, chains)),
        "first_seen": event.first_seen, "last_updated": event.last_updated,
        "facts": [{"field": f.field, "status": f.status, "n_chains": f.n_chains,
                   "values": [v.label for v in f.values]} for f in facts],
    }


class DossierReader:
    """Builds dossiers; caches what many of them share (chains, articles, claims)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._chains: dict[str, str] = {}
        self._articles: dict[str, Article] = {}
        self._claims: dict[str, dict[str, dict[str, Any]]] = {}
        self._stored_chains: dict[str, dict[str, Any] | None] = {}

    def chains(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Article id -> source chain for these articles: read per event, not for the whole
        store, so a dossier costs the same in a small store and a large one."""
        missing = [a for a in article_ids if a not in self._chains]
        if missing:
            if len(self._chains) >= 50 * CACHED_ARTICLES:
                self._chains.clear()
            self._chains.update(self.store.chains_of(missing))
        return {a: self._chains[a] for a in article_ids}

    def article(self, article_id: str) -> Article:
        if article_id not in self._articles:
            if len(self._articles) >= CACHED_ARTICLES:
                self._articles.clear()
                self._claims.clear()
            self._articles[article_id] = self.store.get_article(article_id)
        return self._articles[article_id]

    def claims_of(self, article_id: str) -> dict[str, dict[str, Any]]:
        """An article's claims by id, speakers' actors joined (the `claims` query)."""
        if article_id not in self._claims:
            self._claims[article_id] = {
                c["id"]: {k: c.get(k) for k in CLAIM_FIELDS}
                for c in self.store.list_claims(article=article_id)}
        return self._claims[article_id]

    def dossier(self, event: Event) -> dict[str, Any]:
        facts = self.store.event_facts(event.id)
        chains = self.chains(event.article_ids)
        head = {**asdict(event), "n_articles": len(event.article_ids),
                "n_chains": len(chains_of(event, facts, chains)),
                "status_counts": status_counts(facts)}
        return {
            "event": head,
            "facts": [self._fact(f) for f in facts],
            "claims": self._cited_claims(facts),
            "source_chains": self._source_chains(event, chains),
            "articles": self._articles_of(event, chains),
            "related": [{"id": e.id, "event_type": e.event_type,
                         "sub_event_type": e.sub_event_type, "date_start": e.date_start,
                         "date_end": e.date_end, "place": e.place, "background": e.background}
                        for e in self.store.related_events(event.id)],
        }

    # -- facts and their evidence ---------------------------------------------------------

    def _fact(self, fact: Fact) -> dict[str, Any]:
        return {
            "field": fact.field, "status": fact.status, "n_chains": fact.n_chains,
            "n_origins": fact.n_origins,
            "values": [{"value": v.value, "label": v.label, "n_chains": v.n_chains,
                        "n_origins": v.n_origins, "low": v.low, "high": v.high,
                        "evidence": [self._evidence(e) for e in v.evidence]}
                       for v in fact.values],
            "denied_by": [self._evidence(e) for e in fact.denied_by],
        }

    def _evidence(self, ev: Evidence) -> dict[str, Any]:
        article = self.article(ev.article_id)
        claim = self.claims_of(ev.article_id).get(ev.claim_id or "")
        part, context = passage_context(article, ev.span.start, ev.span.end, ev.span.text)
        return {
            "article_id": ev.article_id, "outlet": article.outlet, "title": article.title,
            "published_at": article.published_at, "passage": ev.span.text,
            "start": ev.span.start, "end": ev.span.end, "part": part, "context": context,
            "speaker": ev.speaker, "origin": ev.origin, "chain_id": ev.chain_id,
            "stance": ev.stance, "claim_id": ev.claim_id,
            "cue": claim["cue"] if claim else None,
            "cue_type": claim["cue_type"] if claim else None,
            "claim_stance": claim["stance"] if claim else None,
        }

    def _cited_claims(self, facts: Sequence[Fact]) -> list[dict[str, Any]]:
        cited: dict[str, dict[str, Any]] = {}
        for fact in facts:
            for ev in all_evidence(fact):
                claim = self.claims_of(ev.article_id).get(ev.claim_id or "")
                if claim is not None:
                    cited.setdefault(claim["id"], claim)
        return list(cited.values())

    # -- articles and chains --------------------------------------------------------------

    def _articles_of(self, event: Event, chains: Mapping[str, str]) -> list[dict[str, Any]]:
        background: dict[str, bool] = {}
        for mention in self.store.event_mentions(event.mention_ids):
            background[mention.article_id] = (background.get(mention.article_id, True)
                                              and mention.background)
        out = []
        for aid in event.article_ids:
            article = self.article(aid)
            out.append({"id": aid, "outlet": article.outlet, "title": article.title,
                        "url": article.url, "published_at": article.published_at,
                        "chain_id": chains.get(aid, aid),
                        "role": "background" if background.get(aid, False) else "reports"})
        return out

    def _source_chains(self, event: Event, chains: Mapping[str, str]) -> list[dict[str, Any]]:
        seen: dict[str, dict[str, Any]] = {}
        for aid in event.article_ids:
            chain_id = chains.get(aid, aid)
            if chain_id in seen:
                continue
            chain = self._stored_chain(chain_id, aid) or {
                "id": chain_id, "root_articles": [aid], "members": [aid], "edges": [],
                "credited": False}
            # a chain's other members are named, not read: their texts are not shown
            known = self.store.outlets_of(chain["members"])
            members = [{"id": m, "outlet": known.get(m, {}).get("outlet"),
                        "published_at": known.get(m, {}).get("published_at"),
                        "in_event": m in event.article_ids} for m in chain["members"]]
            seen[chain_id] = {"id": chain_id, "root_articles": chain["root_articles"],
                              "members": members, "edges": chain["edges"],
                              "credited": chain["credited"]}
        return list(seen.values())

    def _stored_chain(self, chain_id: str, article_id: str) -> dict[str, Any] | None:
        """The reuse stage's chain (None before reuse ran), read once per reader."""
        if chain_id not in self._stored_chains:
            stored = self.store.chains(article=article_id)
            self._stored_chains[chain_id] = stored[0] if stored else None
        return self._stored_chains[chain_id]


def passage_context(article: Article, start: int, end: int,
                    passage: str) -> tuple[str, dict[str, Any] | None]:
    """Which text of the article holds the passage ("text", "title", or "unknown" when
    neither does at those offsets) and the passage in about CONTEXT characters each side.

    Offsets come from other stages; they are checked against the words rather than
    trusted, so a passage from the title (a headline attribution) is found there.
    """
    for part, text in (("text", article.text), ("title", article.title or "")):
        if 0 <= start <= end <= len(text) and text[start:end] == passage:
            return part, _window(text, start, end)
    return "unknown", None


def _window(text: str, start: int, end: int) -> dict[str, Any]:
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    if left > 0:
        space = text.find(" ", left, min(start, left + WORD_SLACK))
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", max(end, right - WORD_SLACK), right)
        right = space if space >= 0 else right
    return {"text": text[left:right], "offset": left, "passage_start": start - left,
            "passage_end": end - left, "clipped_start": left > 0,
            "clipped_end": right < len(text)}


# -- the dossier in a terminal --------------------------------------------------------------

def render_dossier(dossier: dict[str, Any], width: int = 100) -> Iterator[str]:
    """The dossier as lines of terminal-safe text, wrapped to ``width``; every string that
    comes from an article passes through `output.safe`."""
    for line in _dossier_lines(dossier, width):
        if len(line) <= width:
            yield line
            continue
        indent = " " * (len(line) - len(line.lstrip()) + 4)
        yield from textwrap.wrap(line, max(30, width), subsequent_indent=indent,
                                 break_on_hyphens=False)


def _dossier_lines(dossier: dict[str, Any], width: int) -> Iterator[str]:
    yield from _header(dossier["event"])
    yield ""
    counts = ", ".join(f"{n} {s}" for s, n in dossier["event"]["status_counts"].items() if n)
    yield f"facts ({counts or 'none yet: run the corroboration stage'})"
    for fact in dossier["facts"]:
        yield from _fact_lines(fact, width)
    yield ""
    yield "source chains (who copied whom)"
    for chain in dossier["source_chains"]:
        yield from _chain_lines(chain)
    yield ""
    yield "articles"
    for a in dossier["articles"]:
        yield f"  [{a['role']}] {a['id']} {safe(a['outlet'])}, {a['published_at'] or 'undated'}"
        yield f"      {safe(a['title']) or '(no title)'}"
    if dossier["related"]:
        yield ""
        yield "related events (reported by the same articles)"
        for r in dossier["related"]:
            where = f"  {safe(r['place'])}" if r["place"] else ""
            yield (f"  {r['id']}  {_dates(r)}  {safe(r['sub_event_type'])}{where}"
                   f"{'  (background)' if r['background'] else ''}")


def _dates(e: Mapping[str, Any]) -> str:
    start, end = e.get("date_start"), e.get("date_end")
    if not start:
        return "undated"
    return start if end in (None, start) else f"{start}..{end}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _casualty_text(c: Mapping[str, Any] | None) -> str:
    if c is None:
        return "not reported"
    return ", ".join(f"{k} {'?' if c[k] is None else c[k]}" for k in ("low", "best", "high"))


def _header(e: dict[str, Any]) -> Iterator[str]:
    yield f"{e['id']}  {safe(e['event_type'])} / {safe(e['sub_event_type'])}"
    precision = f" ({e['time_precision']})" if e["time_precision"] else ""
    yield f"  {'date':<11} {_dates(e)}{precision}"
    where = ", ".join(safe(x) for x in (e["place"], e["admin1"], e["country"]) if x)
    if e["geo_precision"]:
        where += f" [{safe(e['geo_precision'])}]"
    if e["lat"] is not None and e["lon"] is not None:
        where += f" {e['lat']:.4f}, {e['lon']:.4f}"
    yield f"  {'place':<11} {where or 'unknown'}"
    actors = "; ".join(f"{safe(a['name'])} ({safe(a['role'])})" for a in e["actors"])
    yield f"  {'actors':<11} {actors or 'none named'}"
    if e["weapons"]:
        yield f"  {'weapons':<11} {safe(', '.join(e['weapons']))}"
    yield f"  {'fatalities':<11} {_casualty_text(e['fatalities'])}"
    if e["injuries"] is not None:
        yield f"  {'injuries':<11} {_casualty_text(e['injuries'])}"
    yield (f"  {'reported by':<11} {_plural(e['n_articles'], 'article')} in "
           f"{_plural(e['n_chains'], 'source chain')}")
    yield f"  {'seen':<11} first {e['first_seen'] or '?'}, last {e['last_updated'] or '?'}"
    if e["background"]:
        yield "  (only ever recalled as background, never reported as news)"


def _counts(item: Mapping[str, Any]) -> str:
    return f"({_plural(item['n_chains'], 'chain')}, {_plural(item['n_origins'], 'origin')})"


def _fact_lines(fact: dict[str, Any], width: int) -> Iterator[str]:
    yield f"  {safe(fact['field'])}: {fact['status']} {_counts(fact)}"
    for value in fact["values"]:
        yield f"    = {safe(value['label'])} {_counts(value)}"
        for ev in value["evidence"]:
            yield from _evidence_lines(ev, width)
    if fact["denied_by"]:
        yield "    denied by:"
        for ev in fact["denied_by"]:
            yield from _evidence_lines(ev, width)


def _evidence_lines(ev: dict[str, Any], width: int) -> Iterator[str]:
    stance = ev["claim_stance"] or ev["stance"]
    cue = f" {safe(ev['cue'])}" if ev["cue"] else ""
    yield (f"      {safe(ev['speaker']) or '(the outlet)'}{cue} [{safe(stance)}] "
           f"- {safe(ev['outlet'])}, {ev['published_at'] or 'undated'}")
    quoted = f"\u201c{safe(ev['passage'])}\u201d"
    for line in textwrap.wrap(quoted, max(30, width - 8)) or [quoted]:
        yield f"        {line}"


def _chain_lines(chain: dict[str, Any]) -> Iterator[str]:
    """A chain as a tree of who copied whom, from its roots (as `newstrace chains`)."""
    members = {m["id"]: m for m in chain["members"]}
    children: dict[str, list[dict[str, Any]]] = {}
    for edge in chain["edges"]:
        children.setdefault(str(edge["source"]), []).append(edge)
    credited = "credited" if chain["credited"] else "not credited"
    yield (f"  chain {chain['id']}: {_plural(len(members), 'article')}"
           + (f", {credited}" if chain["edges"] else ""))

    def label(aid: str) -> str:
        m = members.get(aid, {})
        mark = "" if m.get("in_event", False) else " (not in this event)"
        return f"{aid} {safe(m.get('outlet'))} {m.get('published_at') or 'undated'}{mark}"

    def walk(node: str, depth: int, seen: set[str]) -> Iterator[str]:
        for edge in children.get(node, []):
            target = str(edge["target"])
            arrow = "->" if edge["directed"] else "--"
            credit = ", credited" if edge["credited"] else ""
            yield (f"{'  ' * depth}{arrow} {label(target)} "
                   f"({edge['shared_chars']} chars shared{credit})")
            if target not in seen:
                seen.add(target)
                yield from walk(target, depth + 1, seen)

    seen = set(chain["root_articles"])
    for root in chain["root_articles"]:
        yield f"    {label(root)}"
        yield from walk(root, 3, seen)
