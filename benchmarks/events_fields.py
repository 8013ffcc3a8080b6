"""Event-field benchmark on the MUC-3/4 terrorism corpus: incident detection, type agreement
and six template slots (date, location, perpetrator, target, weapon, deaths).

    .venv/bin/python benchmarks/events_fields.py [--data DIR] [--limit N] [--errors N]

Data: ../shared/eval/events/muc34 (read its README.md; research-only: nothing from it, not
a text and not a word list, enters the repository). The raw DEV answer keys
(``corpora/dev/key-dev-*.muc4``) and texts (``dev-muc3-*``) are read; ``--limit N`` keeps
the first N documents in file order, relevant and irrelevant alike (0: all 1,300).

Running the system: each text becomes an article of a temporary store, ingested as JSON
Lines: outlet = the dateline's source (FBIS when it names none), published_at = the
dateline's date. The ingest API has no dateline field, so the dateline is rewritten in the
wire form the dateline detector reads (``SAN SALVADOR (AFP) -- ``, the place kept in
capitals, its date moved to published_at); a CLANDESTINE or NO CITY dateline is dropped.
The leading bracketed background notes (``[REPORT] [SPEAKER] [TEXT]``) are dropped too:
they are header material, not prose. The texts are in capitals, which blinds spaCy's small
model, so the body is truecased first (``truecase``: per-character case changes only, so
its length and every offset are unchanged). Then ``run_stages`` runs "language" and
"claims" together and "events" alone (timed apart), and each article's mentions are read
back with ``store.article_event_mentions``.

Scoring, per document, on document-level slot sets (the common simplification of MUC
scoring: no template alignment; every template of a document pools its fills, and so do
all the document's violent mentions):

* ours = the mentions that are not background, not denied, and whose event_type is
  Battles, Explosions/Remote violence or Violence against civilians ("violent").
* incident detection: a document is relevant when one of its templates is not "*" (optional
  templates count like the others), and predicted relevant when it has a violent mention.
* each slot: a gold fill is a set of alternatives (MUC's "A" / "B"); a gold fill is recalled
  when one of our fills matches one of its alternatives, one of our fills (distinct after
  folding) is correct when it matches some gold fill. P = correct / ours, R = recalled /
  gold, micro-averaged over documents and over slots.
  - date: gold day, range, month or "- D" (on or before D) as an interval; ours
    date_start..date_end; a match when the intervals overlap.
  - location: ours = (place, admin1, country name); a match when one of them equals any level
    of the gold hierarchy, folding case and accents.
  - perpetrator: gold PERP INDIVIDUAL and ORGANIZATION strings; ours the actors in role
    perpetrator / alleged perpetrator; a match when one string contains the other or they
    share a token that is not a stopword (plurals folded).
  - target: gold PHYS TGT ID, HUM TGT NAME and DESCRIPTION; ours the labels of target /
    target_actor / affected field values and the actors in role target / affected; matched
    like perpetrators.
  - weapon: gold INSTRUMENT ID strings with the INSTRUMENT TYPE class that refers to them;
    ours the mention's weapons and the labels of weapon / platform values; a match when they
    share a token (plurals folded).
  - deaths: per template, the summed HUM TGT NUMBER of the targets whose effect is DEATH
    (PLURAL = 2 or more, "N-" = N or more, a target with no number = 1 or more), TOTAL
    NUMBER instead when every effect is DEATH and it is given, 0 when the only effects are
    "no death" ones; ours the fatalities interval; a match when the intervals overlap.
* detection without Battles: the same with Battles mentions left out, since MUC counts an
  army-guerrilla clash as no incident (its targets are civilians and property).
* type agreement: MUC types against our types through ``MUC_TYPES`` below (a mention's
  sub-event type -> the MUC types it may stand for); a gold type is recalled when one of
  our non-background mentions may stand for it, one of our mapped sub-event types is correct
  when it may stand for a gold type of the document.

Also printed: the events stage's throughput alone (documents/s), the language+claims time,
and peak RSS. ``--errors N`` prints N mismatched documents with our fills and the gold's.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events_fields_data import (
    INF,
    SLOTS,
    STOPWORDS,
    GoldDoc,
    Interval,
    Text,
    article_text,
    load,
)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "events" / "muc34"
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

# Our sub-event type -> the MUC incident types it may stand for. ACLED puts a bomb attack
# under Explosions/Remote violence, MUC under BOMBING, but MUC calls mortar fire and aerial
# bombing an ATTACK, so explosions stand for both; arson and robbery are property crimes.
MUC_TYPES: dict[str, frozenset[str]] = {
    "Armed clash": frozenset({"ATTACK"}),
    "Government regains territory": frozenset({"ATTACK"}),
    "Non-state actor overtakes territory": frozenset({"ATTACK"}),
    "Chemical weapon": frozenset({"ATTACK"}),
    "Air/drone strike": frozenset({"ATTACK", "BOMBING"}),
    "Suicide bomb": frozenset({"BOMBING", "ATTACK"}),
    "Shelling/artillery/missile attack": frozenset({"ATTACK", "BOMBING"}),
    "Remote explosive/landmine/IED": frozenset({"BOMBING", "ATTACK"}),
    "Grenade": frozenset({"BOMBING", "ATTACK"}),
    "Sexual violence": frozenset({"ATTACK"}),
    "Attack": frozenset({"ATTACK"}),
    "Abduction/forced disappearance": frozenset({"KIDNAPPING"}),
    "Violent demonstration": frozenset({"ATTACK", "ARSON"}),
    "Mob violence": frozenset({"ATTACK", "ARSON"}),
    "Looting/property destruction": frozenset({"ARSON", "ROBBERY"}),
    "Peaceful protest": frozenset({"FORCED WORK STOPPAGE"}),
    "Protest with intervention": frozenset({"FORCED WORK STOPPAGE"}),
}


# -- matchers ----------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Case, accents and punctuation folded: "Bogotá," -> "bogota"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain.casefold()))


def singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_tokens(text: str) -> set[str]:
    return {singular(w) for w in fold(text).split() if w not in STOPWORDS and not w.isdigit()}


def overlaps(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def name_match(ours: str, gold: str) -> bool:
    """One string contains the other, or they share a content token (plurals folded)."""
    a, b = fold(ours), fold(gold)
    if a and b and (f" {a} " in f" {b} " or f" {b} " in f" {a} "):
        return True
    return bool(content_tokens(ours) & content_tokens(gold))


def weapon_match(ours: str, gold: str) -> bool:
    return bool(content_tokens(ours) & content_tokens(gold))


def place_match(ours: Sequence[str], levels: Sequence[str]) -> bool:
    folded = {fold(level) for level in levels}
    return any(fold(name) in folded for name in ours if name)


def interval_match(ours: Interval, gold: Interval) -> bool:
    return overlaps(ours, gold)


MATCHERS: dict[str, Any] = {"date": interval_match, "location": place_match,
                            "perpetrator": name_match, "target": name_match,
                            "weapon": weapon_match, "deaths": interval_match}


@dataclass
class Counts:
    pred: int = 0
    correct: int = 0
    gold: int = 0
    recalled: int = 0

    def add(self, other: Counts) -> None:
        self.pred += other.pred
        self.correct += other.correct
        self.gold += other.gold
        self.recalled += other.recalled

    def prf(self) -> tuple[float, float, float]:
        return prf(self.correct, self.pred, self.recalled, self.gold)


def prf(correct: int, pred: int, recalled: int, gold: int) -> tuple[float, float, float]:
    """Precision over predictions, recall over gold (they may count different matches)."""
    p = correct / pred if pred else 0.0
    r = recalled / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_slot(gold: Sequence[Sequence[Any]], ours: Sequence[Any], match: Any) -> Counts:
    """Set-level matching: each gold fill (alternatives) recalled by any of ours; each of ours
    correct when it matches an alternative of any gold fill."""
    return Counts(
        pred=len(ours),
        correct=sum(any(match(o, g) for alts in gold for g in alts) for o in ours),
        gold=len(gold),
        recalled=sum(any(match(o, g) for o in ours for g in alts) for alts in gold))


# -- our fills ---------------------------------------------------------------------------------

PERP_ROLES = ("perpetrator", "alleged perpetrator")
TARGET_ROLES = ("target", "affected")


def _ordinal(iso: str | None) -> float | None:
    try:
        return float(date.fromisoformat(iso[:10]).toordinal()) if iso else None
    except ValueError:
        return None


def our_fills(mentions: Sequence[Any], country_name: Any = lambda c: c) -> dict[str, list[Any]]:
    """Each slot's fills from the violent, reported (not background, not denied) mentions."""
    out: dict[str, list[Any]] = {s: [] for s in SLOTS}
    for m in mentions:
        if m.background or m.denied or m.event_type not in VIOLENT:
            continue
        start, end = _ordinal(m.date_start), _ordinal(m.date_end or m.date_start)
        if start is not None:
            out["date"].append((start, end if end is not None else start))
        where = tuple(x for x in (m.place, m.admin1, country_name(m.country) if m.country
                                  else None) if x)
        if where:
            out["location"].append(where)
        out["perpetrator"] += [a.name for a in m.actors if a.role in PERP_ROLES]
        out["target"] += [a.name for a in m.actors if a.role in TARGET_ROLES]
        out["target"] += [v.label for v in m.values
                          if v.field in ("target", "target_actor", "affected") and not v.negated]
        out["weapon"] += list(m.weapons) + [v.label for v in m.values if v.field in (
            "weapon", "platform") and not v.negated]
        if m.fatalities is not None:
            f = m.fatalities
            lo = f.low if f.low is not None else f.best
            hi = f.high if f.high is not None else f.best
            if lo is not None or hi is not None:
                out["deaths"].append((float(lo if lo is not None else hi),
                                      float(hi) if hi is not None else INF))
    return {k: list(dict.fromkeys(v if k in ("date", "location", "deaths")
                                  else [x for x in v if fold(str(x))])) for k, v in out.items()}


def our_types(mentions: Sequence[Any]) -> list[str]:
    return list(dict.fromkeys(m.sub_event_type for m in mentions
                              if not m.background and not m.denied
                              and m.sub_event_type in MUC_TYPES))


# -- the run -----------------------------------------------------------------------------------

@dataclass
class Outcome:
    doc_id: str
    gold: GoldDoc
    mentions: list[Any]
    fills: dict[str, list[Any]]
    gold_fills: dict[str, list[list[Any]]]
    counts: dict[str, Counts]


def run_system(docs: Sequence[Text], work: Path) -> tuple[dict[str, list[Any]], dict[str, float]]:
    """Ingest, run language+claims then events (timed apart); mentions by document id."""
    from newstrace import Store, ingest, load_config
    from newstrace.pipeline import run_stages

    try:  # registers "events" even before the pipeline lists it
        __import__("newstrace.events.stage")
    except ImportError as exc:
        raise SystemExit(f"the events stage is not available: {exc}") from None
    jsonl = work / "muc.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps({
                "url": f"https://muc.example/{doc.doc_id}", "text": article_text(doc),
                "outlet": doc.source or "FBIS", "published": doc.published,
                "muc_id": doc.doc_id}) + "\n")
    config = load_config(env={}, overrides={"db": str(work / "muc.db")})
    timing: dict[str, float] = {}
    with Store.open(config.db) as store:
        ingest(store, [str(jsonl)], config)
        t0 = time.perf_counter()
        run_stages(store, config, ["language", "claims"])
        t1 = time.perf_counter()
        run_stages(store, config, ["events"])
        t2 = time.perf_counter()
        timing = {"language_claims_s": t1 - t0, "events_s": t2 - t1}
        by_doc = {a.url.rsplit("/", 1)[1]: store.article_event_mentions(a.id)
                  for a in store.iter_articles() if a.url}
        timing["articles"] = float(len(by_doc))
    return by_doc, timing


@cache
def _gazetteer() -> Any:
    from newstrace.language.gazetteer import Gazetteer

    return Gazetteer.load()


def country_name(code: str) -> str:
    """An ISO code's country name (the gazetteer's), the string itself when not a code."""
    if len(code) in (2, 3) and code.isalpha():
        place = _gazetteer().country(code)
        if place is not None:
            return str(place.name)
    return code


def score(pairs: Sequence[tuple[Text, GoldDoc]], by_doc: dict[str, list[Any]]
          ) -> tuple[dict[str, float], list[Outcome]]:
    totals = {s: Counts() for s in SLOTS}
    detect, detect_nb, types = Counts(), Counts(), Counts()
    outcomes = []
    for doc, gold in pairs:
        mentions = by_doc.get(doc.doc_id, [])
        fills, gold_fills = our_fills(mentions, country_name), gold.fills()
        counts = {s: score_slot(gold_fills[s], fills[s], MATCHERS[s]) for s in SLOTS}
        for s in SLOTS:
            totals[s].add(counts[s])
        predicted = any(not m.background and not m.denied and m.event_type in VIOLENT
                        for m in mentions)
        hit = int(predicted and gold.relevant)
        detect.add(Counts(int(predicted), hit, int(gold.relevant), hit))
        no_battle = any(not m.background and not m.denied and m.event_type in VIOLENT
                        and m.event_type != "Battles" for m in mentions)
        hit = int(no_battle and gold.relevant)
        detect_nb.add(Counts(int(no_battle), hit, int(gold.relevant), hit))
        mapped, gold_types = our_types(mentions), gold.types()
        types.add(Counts(len(mapped), sum(bool(MUC_TYPES[t] & gold_types) for t in mapped),
                         len(gold_types),
                         sum(any(g in MUC_TYPES[t] for t in mapped) for g in gold_types)))
        outcomes.append(Outcome(doc.doc_id, gold, mentions, fills, gold_fills, counts))
    figures: dict[str, float] = {}
    micro = Counts()
    for name, c in [*totals.items(), ("detection", detect), ("detection_no_battles", detect_nb),
                    ("type", types)]:
        p, r, f = c.prf()
        figures.update({f"{name}_P": p, f"{name}_R": r, f"{name}_F1": f,
                        f"{name}_gold": float(c.gold), f"{name}_pred": float(c.pred)})
        if name in SLOTS:
            micro.add(c)
    figures.update(dict(zip(("micro_P", "micro_R", "micro_F1"), micro.prf(), strict=True)))
    figures["documents"] = float(len(pairs))
    figures["relevant"] = float(sum(g.relevant for _, g in pairs))
    return figures, outcomes


def run(data_dir: Path, limit: int) -> dict[str, float]:
    """Load, run the system in a temporary store, score; figures by name."""
    figures, _ = _run(data_dir, limit)
    return figures


def _run(data_dir: Path, limit: int) -> tuple[dict[str, float], list[Outcome]]:
    pairs = load(data_dir, limit)
    with tempfile.TemporaryDirectory(prefix="nt-muc-") as tmp:
        by_doc, timing = run_system([d for d, _ in pairs], Path(tmp))
    figures, outcomes = score(pairs, by_doc)
    figures.update(timing)
    figures["events_docs_per_s"] = len(pairs) / max(timing["events_s"], 1e-9)
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures, outcomes


# -- report ------------------------------------------------------------------------------------

def print_report(f: dict[str, float]) -> None:
    print(f"MUC-3/4 DEV: {f['documents']:.0f} documents, {f['relevant']:.0f} with an incident "
          f"({f['articles']:.0f} stored as articles)")
    print(f"\n{'':14} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'ours':>6}")
    for name in ("detection", "detection_no_battles", "type", *SLOTS):
        print(f"{name[:14]:14} {f[name + '_P']:6.3f} {f[name + '_R']:6.3f} {f[name + '_F1']:6.3f} "
              f"{f[name + '_gold']:6.0f} {f[name + '_pred']:6.0f}")
    print(f"{'slots, micro':14} {f['micro_P']:6.3f} {f['micro_R']:6.3f} {f['micro_F1']:6.3f}")
    print(f"\nlanguage+claims {f['language_claims_s']:.1f} s; events stage alone "
          f"{f['events_s']:.1f} s = {f['events_docs_per_s']:.1f} documents/s; "
          f"peak RSS {f['peak_rss_mb']:.0f} MB")


def _show(value: Any) -> str:
    if isinstance(value, tuple) and value and isinstance(value[0], float):
        return "..".join("inf" if v == INF else "-inf" if v == -INF else
                         date.fromordinal(int(v)).isoformat() if v > 700000 else f"{v:g}"
                         for v in value)
    if isinstance(value, (list, tuple)):
        return " / ".join(_show(v) for v in value)
    return str(value)


def print_errors(outcomes: Sequence[Outcome], n: int) -> None:
    """Documents with a detection or slot mismatch: our fills beside the gold's (stderr)."""
    bad = [o for o in outcomes if any(c.correct < c.pred or c.recalled < c.gold
                                      for c in o.counts.values())]
    for o in bad[:n]:
        ours = [f"{m.event_type}/{m.sub_event_type}{' (bg)' if m.background else ''}"
                for m in o.mentions]
        print(f"\n== {o.doc_id}  gold {sorted(o.gold.types()) or '*'}  ours {ours}",
              file=sys.stderr)
        for s in SLOTS:
            c = o.counts[s]
            if c.correct < c.pred or c.recalled < c.gold:
                print(f"  {s:12} gold: {'; '.join(_show(g) for g in o.gold_fills[s]) or '-'}"
                      f"\n  {'':12} ours: {'; '.join(_show(x) for x in o.fills[s]) or '-'}",
                      file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=200, help="first N documents (0: all)")
    parser.add_argument("--errors", type=int, default=0, help="print N mismatched documents")
    args = parser.parse_args(argv)
    if not (args.data / "corpora" / "dev").is_dir():
        print(f"MUC-3/4 data not found at {args.data} (expected corpora/dev/ inside); "
              "skipping the events field benchmark.")
        return 0
    figures, outcomes = _run(args.data, args.limit)
    print_report(figures)
    if args.errors:
        print_errors(outcomes, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
