"""Gold loading and scoring of benchmarks/claims.py (pure Python: no spaCy, no newstrace).

Everything here works on character offsets into one document's text, so the scoring can be
tested on hand-written examples (tests/test_claims_benchmark_scoring.py) without PolNeAR.
A span is a tuple of pieces ``(start, end)`` (end exclusive): PolNeAR roles may be
discontinuous, a predicted claim's parts are one piece each.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Piece = tuple[int, int]
Pieces = tuple[Piece, ...]

WORD = re.compile(r"\w+")
"""Word tokens: content and source overlap count these (punctuation, quote marks included,
is placed inconsistently at content edges by annotators and systems alike)."""
TOKEN = re.compile(r"\w+|[^\w\s]")
"""Word and punctuation tokens: cues count these (a colon or a dash can be the cue)."""


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


THRESHOLDS: dict[str, float] = {"overlap >= 0.5": 0.5, "overlap >= 0.3": 0.3,
                                "exact (same words)": 1.0}
MAIN = "overlap >= 0.5"

SPEECH_WORDS = _wordset("""
    say says said saying tell tells told telling add adds added adding according
    write writes wrote written writing report reports reported reporting stated stating
    announce announces announced announcing deny denies denied denying claim claims claimed
    claiming argue argues argued arguing insist insists insisted insisting explain explains
    explained explaining note notes noted noting ask asks asked asking declare declares
    declared acknowledge acknowledged admit admits admitted warn warns warned warning
    respond responds responded reply replies replied confirm confirms confirmed
    tweet tweets tweeted posted quoted quoting cite cites cited citing recall recalls
    recalled comment commented stressed continued concluded testified told
""")
"""Verbs of saying and reporting (every form written out: no lemmatizer). Independent of the
extractor's own lexicon, so the split is not shaped by what the system knows."""

QUOTE_MARKS = frozenset('"“”«»„')
"""Double quote marks only: single curly quotes double as apostrophes ("Clinton’s")."""

FUNCTION_WORDS = _wordset("""
    a an the of in on at for to from by with and or its his her their our my your this that
    these those he she it they we i you him them us me who which one s mr mrs ms miss dr
    sen rep gov gen lt col sgt jr sr president senator governor
""")
"""Ignored when comparing sources, unless one side has nothing else: "Mr. Trump" and "Mr.
Pence" share only "mr"; "he" and "he" share only a pronoun and still match."""


@dataclass(frozen=True)
class GoldAttribution:
    source: Pieces
    cue: Pieces
    content: Pieces
    no_source: bool


@dataclass(frozen=True)
class GoldArticle:
    article: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True)
class Predicted:
    """One predicted claim, reduced to the offsets the scoring reads."""

    speaker: Piece | None
    cue: Piece
    content: Piece
    speaker_ref: Piece | None = None


def _pieces(items: Iterable[dict[str, object]]) -> Pieces:
    return tuple((int(str(p["start"])), int(str(p["end"]))) for p in items)


def load_gold(path: Path, limit: int = 0) -> tuple[list[GoldArticle], int]:
    """The first annotator copy of each article (file order) and how many copies were skipped."""
    articles: list[GoldArticle] = []
    seen: set[str] = set()
    skipped = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            if row["article"] in seen:
                skipped += 1
                continue
            if limit and len(articles) >= limit:
                continue  # an article beyond the limit: neither read nor counted
            seen.add(row["article"])
            atts = tuple(GoldAttribution(
                _pieces(a["source"]), _pieces(a["cue"]), _pieces(a["content"]),
                bool(a.get("no_source")) or not a["source"]) for a in row["attributions"])
            articles.append(GoldArticle(row["article"], row["text"], atts))
    return articles, skipped


class TokenIndex:
    """The tokens of one text, to find those a span covers (sharing a character)."""

    def __init__(self, text: str, pattern: re.Pattern[str] = WORD) -> None:
        self.text = text
        found = [(m.start(), m.end()) for m in pattern.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]

    def cover(self, pieces: Iterable[Piece]) -> frozenset[int]:
        out: set[int] = set()
        for start, end in pieces:
            i = bisect_right(self.ends, start)
            while i < len(self.starts) and self.starts[i] < end:
                out.add(i)
                i += 1
        return frozenset(out)

    def words(self, pieces: Iterable[Piece]) -> frozenset[str]:
        return frozenset(self.text[self.starts[i]:self.ends[i]].lower()
                         for i in self.cover(pieces))


# -- matching ---------------------------------------------------------------------------------

def qualifies(inter: int, gold: int, pred: int, threshold: float) -> bool:
    """Both sides' share: |G ∩ P| >= t·|G| and |G ∩ P| >= t·|P| (1.0: the same tokens)."""
    need = max(math.ceil(threshold * gold - 1e-9), math.ceil(threshold * pred - 1e-9))
    return inter > 0 and inter >= need


def match(gold: Sequence[frozenset[int]], pred: Sequence[frozenset[int]],
          threshold: float) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: every qualifying pair ranked by
    |G ∩ P| / max(|G|, |P|), then by |G ∩ P|, then by position; taken greedily."""
    ranked = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            inter = len(g & p)
            if qualifies(inter, len(g), len(p), threshold):
                ranked.append((-inter / max(len(g), len(p)), -inter, gi, pi))
    ranked.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, gi, pi in ranked:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def same_source(gold: frozenset[str], pred: frozenset[str]) -> bool:
    """Shared word other than FUNCTION_WORDS; all words when either side has only those."""
    g, p = gold - FUNCTION_WORDS, pred - FUNCTION_WORDS
    return bool(g & p) if g and p else bool(gold & pred)


def source_correct(gold: GoldAttribution, pred: Predicted, words: TokenIndex,
                   resolved: bool) -> bool:
    """Gold without a source wants no speaker; else the speaker (or, when ``resolved``, its
    antecedent) names the gold source (``same_source``)."""
    if gold.no_source:
        return pred.speaker is None
    candidates = [pred.speaker, pred.speaker_ref if resolved else None]
    gold_words = words.words(gold.source)
    return any(same_source(gold_words, words.words([c])) for c in candidates if c)


def cue_kind(gold: GoldAttribution, tokens: TokenIndex) -> str:
    found = tokens.words(gold.cue)
    if found & SPEECH_WORDS:
        return "speech or report verb"
    if found and not any(WORD.match(w) for w in found):
        return "punctuation (colon, dash)"
    return "other (thought, intention, finding)"


def is_quoted(gold: GoldAttribution, text: str) -> bool:
    return any(ch in QUOTE_MARKS for s, e in gold.content for ch in text[s:e])


# -- accumulation -----------------------------------------------------------------------------

def prf(hit_pred: int, n_pred: int, hit_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = hit_pred / n_pred if n_pred else 0.0
    r = hit_gold / n_gold if n_gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Totals:
    """Counts over documents; ``add`` scores one document and returns its main matches."""

    n: Counter[str] = field(default_factory=Counter)
    groups: Counter[tuple[str, str, bool]] = field(default_factory=Counter)
    """(breakdown, group, found at MAIN) -> gold attributions."""

    def add(self, text: str, golds: Sequence[GoldAttribution],
            preds: Sequence[Predicted]) -> list[tuple[int, int]]:
        words, tokens = TokenIndex(text, WORD), TokenIndex(text, TOKEN)
        g_content = [words.cover(g.content) for g in golds]
        p_content = [words.cover([p.content]) for p in preds]
        self.n["gold"] += len(golds)
        self.n["pred"] += len(preds)
        main: list[tuple[int, int]] = []
        for label, threshold in THRESHOLDS.items():
            pairs = match(g_content, p_content, threshold)
            self.n[f"matched {label}"] += len(pairs)
            main = pairs if label == MAIN else main
        for gi, pi in main:
            gold, pred = golds[gi], preds[pi]
            self.n["source surface"] += source_correct(gold, pred, words, resolved=False)
            self.n["source resolved"] += source_correct(gold, pred, words, resolved=True)
            self.n["cue"] += bool(tokens.cover(gold.cue) & tokens.cover([pred.cue]))
        found = {gi for gi, _ in main}
        for gi, gold in enumerate(golds):
            hit = gi in found
            self.groups["cue", cue_kind(gold, tokens), hit] += 1
            self.groups["content", "quoted" if is_quoted(gold, text) else "not quoted", hit] += 1
        self._citron(golds, preds, g_content, p_content, words, tokens)
        return main

    def _citron(self, golds: Sequence[GoldAttribution], preds: Sequence[Predicted],
                g_content: list[frozenset[int]], p_content: list[frozenset[int]],
                words: TokenIndex, tokens: TokenIndex) -> None:
        """Citron's span metrics: content token overlap, exact cues, sources by cue."""
        all_gold = frozenset().union(*g_content)
        all_pred = frozenset().union(*p_content)
        self.n["content tokens gold"] += len(all_gold)
        self.n["content tokens pred"] += len(all_pred)
        self.n["content tokens both"] += len(all_gold & all_pred)
        g_cue = [tokens.cover(g.cue) for g in golds]
        p_cue = [tokens.cover([p.cue]) for p in preds]
        self.n["cue exact pred"] += sum(c in g_cue for c in p_cue)
        self.n["cue exact gold"] += sum(c in p_cue for c in g_cue)
        g_src = [None if g.no_source else words.cover(g.source) for g in golds]
        p_src = [words.cover([p.speaker]) if p.speaker else None for p in preds]
        self.n["source gold"] += sum(s is not None for s in g_src)
        self.n["source pred"] += sum(s is not None for s in p_src)
        hits: dict[str, set[tuple[int, int]]] = {"exact": set(), "overlap": set()}
        for gi, gs in enumerate(g_src):
            for pi, ps in enumerate(p_src):
                if gs and ps and g_cue[gi] & p_cue[pi] and gs & ps:
                    hits["overlap"].add((gi, pi))
                    if gs == ps:
                        hits["exact"].add((gi, pi))
        for kind, pairs in hits.items():
            self.n[f"source {kind} gold"] += len({gi for gi, _ in pairs})
            self.n[f"source {kind} pred"] += len({pi for _, pi in pairs})

    def figures(self) -> dict[str, float]:
        n = self.n
        out: dict[str, float] = {}
        for label in THRESHOLDS:
            m = n[f"matched {label}"]
            out[f"P {label}"], out[f"R {label}"], out[f"F1 {label}"] = prf(
                m, n["pred"], m, n["gold"])
        matched = max(n[f"matched {MAIN}"], 1)
        out["source surface"] = n["source surface"] / matched
        out["source resolved"] = n["source resolved"] / matched
        out["cue"] = n["cue"] / matched
        both = n["content tokens both"]
        out["P content tokens"], out["R content tokens"], out["F1 content tokens"] = prf(
            both, n["content tokens pred"], both, n["content tokens gold"])
        out["P cue exact"], out["R cue exact"], out["F1 cue exact"] = prf(
            n["cue exact pred"], n["pred"], n["cue exact gold"], n["gold"])
        for kind in ("exact", "overlap"):
            out[f"P source {kind}"], out[f"R source {kind}"], out[f"F1 source {kind}"] = prf(
                n[f"source {kind} pred"], n["source pred"], n[f"source {kind} gold"],
                n["source gold"])
        return out

    def breakdown(self, name: str) -> list[tuple[str, int, float]]:
        """(group, gold attributions, recall at MAIN) for one breakdown, largest first."""
        names = {g for b, g, _ in self.groups if b == name}
        rows = []
        for group in names:
            found, missed = self.groups[name, group, True], self.groups[name, group, False]
            rows.append((group, found + missed, found / max(found + missed, 1)))
        return sorted(rows, key=lambda r: -r[1])
