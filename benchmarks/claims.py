"""Claims benchmark: attributions extracted from PolNeAR news against its gold, and the speed.

    .venv/bin/python benchmarks/claims.py [--split dev|train] [--limit N] [--data DIR]
                                          [--errors N]

The language stage's spaCy pipeline (``load_nlp`` with the actor dictionary's EntityRuler
patterns, as ``run_language`` loads it) parses each article's whole text and
``extract_claims`` runs on the Doc; only claims of part "text" count. Gold: PolNeAR
(../shared/eval/claims/polnear, read its SOURCE.md), 2016 US-election news with every
attribution annotated as source / cue / content, thoughts and intentions ("X wants",
"Y believes") included. Only the first annotator copy of an article is read; the number of
later copies skipped is printed. Tuning happens on train; dev is the reported split (test
is not used here). Nothing from the corpus enters the repository: not a text, not a list.

Tokens: ``\\w+`` word tokens of the text for contents and sources (punctuation and quote
marks are left out: annotators and systems place them inconsistently at span edges),
``\\w+|[^\\w\\s]`` for cues (a colon or a dash can be the cue). A span covers the tokens it
shares a character with; a gold role's discontinuous pieces are taken together.

Figures (benchmarks/claims_data.py computes them):

1. attributions, matched on content, one to one: a gold attribution G and a predicted claim
   P qualify at threshold t when |G ∩ P| >= t·|G| AND |G ∩ P| >= t·|P| (content word-token
   positions; each side must be covered at least t). Qualifying pairs are ranked by
   |G ∩ P| / max(|G|, |P|), then by |G ∩ P|, and taken greedily, each gold and each claim
   once. Precision = matched / predicted claims, recall = matched / gold attributions. At
   t = 0.5 (the headline; PARC-style partial match), 0.3 (Gender Gap Tracker's lenient
   match) and 1.0 ("exact": the same word tokens).
2. on the attributions matched at 0.5: source accuracy. A gold attribution without a source
   is right when the claim has no speaker; otherwise right when the speaker and the gold
   source share a word, case-insensitive, not counting articles, pronouns, honorifics and
   "president" unless one side has nothing else ("he" matches "he"; "Mr. Trump" does not
   match "Mr. Pence"). "surface": the speaker as written; "or resolved": the speaker or its
   antecedent (``speaker_ref``) may match.
   Cue accuracy: the predicted and the gold cue share a token position (stricter than
   sharing a word: a "said" elsewhere does not count).
3. Citron's span metrics (on the tokens above; Citron counts spaCy tokens): content token overlap
   (predicted content tokens inside some gold content / all predicted content tokens, and
   the converse; tokens counted once); cue exact (a predicted cue with the same tokens as
   some gold cue, and the converse); source exact and overlap (a claim with a speaker is
   right when its cue overlaps a gold cue whose source has the same tokens / shares a token,
   over the gold attributions that have a source and the claims that have a speaker).
4. recall at 0.5 by the gold cue's kind: a verb of saying or reporting (a list written here,
   independent of the extractor's lexicon: said, told, according, wrote, added, denied,
   ...), punctuation alone (colon, dash), or other (thoughts, intentions, findings:
   "wants", "believes", "shows") that a speech extractor may leave alone on purpose; and by
   whether the gold content holds a double quote mark.
5. speed: parse time (``nlp.pipe``, batch 16, streamed) and extract time measured apart,
   docs/s and ms/doc each (wall clock), extract time as a share of parse time; the CPU
   time of each too (``time.process_time``: less moved by other processes on a shared
   machine); peak RSS of the process.

With --errors N, N missed gold attributions and N false-positive claims, sampled across
articles, are printed to stderr with their roles marked ([S: source] [C: cue] [Q: content]),
for reading on train. Printed, never written into the repository.

Anchors: BBC's Citron (CRF models trained on PARC 3.0, WSJ text; PARC 3.0 test partition):
cue F1 82.3 and source F1 82.0 by exact match, content F1 83.3 by token overlap. Gender Gap
Tracker (Asr et al. 2021, spaCy rules, Canadian news): quote F1 83.7 at 0.3 overlap. Neither
ran on PolNeAR, whose gold also holds thoughts and intentions. Targets here: dev F1 >= 0.75
at 0.5 overlap, source accuracy >= 0.90.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims_data import (
    MAIN,
    THRESHOLDS,
    TOKEN,
    WORD,
    GoldArticle,
    Pieces,
    Predicted,
    TokenIndex,
    Totals,
    cue_kind,
    is_quoted,
    load_gold,
)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "claims" / "polnear"
TARGET_F1 = 0.75
TARGET_SOURCE = 0.90
Extractor = Callable[[Any], Sequence[Any]]


def default_extractor() -> Extractor:
    from newstrace.claims.extract import extract_claims

    return extract_claims


def load_pipeline(max_chars: int) -> Any:
    """The pipeline the language stage runs: the model with the actor dictionary's ruler."""
    from newstrace.language.actor_dict import load_actor_dictionary, ruler_patterns
    from newstrace.language.nlp import load_nlp

    nlp = load_nlp("", ruler_patterns(load_actor_dictionary("")))
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    return nlp


def to_predicted(claims: Sequence[Any]) -> list[Predicted]:
    """The body-text claims, reduced to offsets. Claims sharing one cue are one PolNeAR
    attribution: newstrace splits a speaker's quotation that goes on after the cue ("“A,”
    X said. “B.”") into one claim per quoted passage, PolNeAR annotates one attribution
    whose content covers both; the merged content runs from the first passage to the last."""
    def piece(span: Any) -> tuple[int, int] | None:
        return (span.start, span.end) if span is not None else None

    merged: dict[tuple[int, int], Predicted] = {}
    for c in claims:
        if c.part != "text":
            continue
        cue = (c.cue.start, c.cue.end)
        seen = merged.get(cue)
        content = (c.content.start, c.content.end)
        if seen is not None:
            content = (min(seen.content[0], content[0]), max(seen.content[1], content[1]))
        merged[cue] = Predicted(piece(c.speaker), cue, content, piece(c.speaker_ref))
    return list(merged.values())


@dataclass
class Run:
    totals: Totals = field(default_factory=Totals)
    parse_seconds: float = 0.0
    extract_seconds: float = 0.0
    parse_cpu: float = 0.0
    extract_cpu: float = 0.0
    ignored_title_claims: int = 0
    kept: list[tuple[GoldArticle, list[Predicted], list[tuple[int, int]]]] = field(
        default_factory=list)
    """(article, predictions, matches at 0.5) when errors are to be printed."""


def run(articles: Sequence[GoldArticle], nlp: Any, extract: Extractor, keep: bool) -> Run:
    """Parse (streamed, timed apart), extract, score. Docs are not kept: RSS is the run's."""
    result = Run()
    docs = iter(nlp.pipe((a.text for a in articles), batch_size=16))
    for article in articles:
        t0, c0 = time.perf_counter(), time.process_time()
        doc = next(docs)
        t1, c1 = time.perf_counter(), time.process_time()
        claims = extract(doc)
        t2, c2 = time.perf_counter(), time.process_time()
        result.parse_seconds += t1 - t0
        result.extract_seconds += t2 - t1
        result.parse_cpu += c1 - c0
        result.extract_cpu += c2 - c1
        preds = to_predicted(claims)
        result.ignored_title_claims += len(claims) - len(preds)
        main = result.totals.add(article.text, article.attributions, preds)
        if keep:
            result.kept.append((article, preds, main))
    return result


def print_report(split: str, articles: Sequence[GoldArticle], skipped: int, r: Run,
                 load_seconds: float) -> None:
    t = r.totals
    f = t.figures()
    golds = [g for a in articles for g in a.attributions]
    quoted = sum(is_quoted(g, a.text) for a in articles for g in a.attributions)
    print(f"PolNeAR {split}: {len(articles)} articles ({skipped} later annotator copies "
          f"skipped), {len(golds):,} gold attributions ({quoted:,} with a quote mark, "
          f"{sum(g.no_source for g in golds):,} without a source); {t.n['pred']:,} claims "
          f"predicted in the text ({r.ignored_title_claims} title claims ignored)")
    print("\nattributions, content matched one to one (both sides covered >= t):")
    for label in THRESHOLDS:
        note = {MAIN: f"  (target F1 >= {TARGET_F1})",
                "overlap >= 0.3": "  (Gender Gap Tracker: F1 0.837 at 0.3)"}.get(label, "")
        print(f"  {label:20} P {f['P ' + label]:.3f}  R {f['R ' + label]:.3f}  "
              f"F1 {f['F1 ' + label]:.3f}  ({t.n['matched ' + label]:,} matched){note}")
    print(f"\non the {t.n['matched ' + MAIN]:,} attributions matched at 0.5:")
    print(f"  source accuracy, surface        {f['source surface']:.3f}  "
          f"(target >= {TARGET_SOURCE})")
    print(f"  source accuracy, or resolved    {f['source resolved']:.3f}")
    print(f"  cue accuracy (shared token)     {f['cue']:.3f}")
    print("\nCitron's span metrics (Citron on PARC 3.0 test in brackets):")
    for name, key, anchor in (("content, token overlap", "content tokens", "0.833"),
                              ("cue, exact", "cue exact", "0.823"),
                              ("source, exact (cue overlaps)", "source exact", "0.820"),
                              ("source, overlap (cue overlaps)", "source overlap", "0.853")):
        print(f"  {name:31} P {f['P ' + key]:.3f}  R {f['R ' + key]:.3f}  "
              f"F1 {f['F1 ' + key]:.3f}  [{anchor}]")
    for name, title in (("cue", "by the gold cue"), ("content", "by the gold content")):
        print(f"\nrecall at 0.5 {title}:")
        for group, n, recall in t.breakdown(name):
            print(f"  {group:36} {n:6,} gold  recall {recall:.3f}")
    n = max(len(articles), 1)
    parse, extract = max(r.parse_seconds, 1e-9), max(r.extract_seconds, 1e-9)
    chars = sum(len(a.text) for a in articles) / n
    print(f"\nspeed: {len(articles)} articles, {chars:,.0f} characters on average "
          f"(pipeline loaded in {load_seconds:.1f} s, not counted)")
    print(f"  parse   {r.parse_seconds:7.2f} s  {n / parse:7.1f} docs/s  "
          f"{parse / n * 1000:7.1f} ms/doc  (CPU {r.parse_cpu:.2f} s)")
    print(f"  extract {r.extract_seconds:7.2f} s  {n / extract:7.1f} docs/s  "
          f"{extract / n * 1000:7.1f} ms/doc  (CPU {r.extract_cpu:.2f} s)")
    print(f"  extract time = {extract / parse:.1%} of parse time "
          f"(CPU: {r.extract_cpu / max(r.parse_cpu, 1e-9):.1%})")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process: {rss:.0f} MB")


# -- errors, for reading ----------------------------------------------------------------------

def marked(text: str, roles: dict[str, Pieces], margin: int = 60, most: int = 700) -> str:
    """The roles' region of ``text`` with each piece marked [S: …] / [C: …] / [Q: …] (marks
    nest when a prediction's pieces overlap)."""
    pieces = [(s, e, tag) for tag, ps in roles.items() for s, e in ps if e > s]
    if not pieces:
        return ""
    marks = sorted([(e, 0, -s, "]") for s, e, _ in pieces]
                   + [(s, 1, -e, f"[{tag}: ") for s, e, tag in pieces])
    start = max(0, min(s for s, _, _ in pieces) - margin)
    end = min(len(text), max(e for _, e, _ in pieces) + margin)
    out, at = [], start
    for pos, _, _, mark in marks:
        out += [text[at:pos], mark]
        at = pos
    out.append(text[at:end])
    line = " ".join("".join(out).split())
    return line if len(line) <= most else f"{line[:most // 2]} … {line[-most // 2:]}"


def _best_overlap(words: TokenIndex, one: Pieces, others: Sequence[Pieces]) -> float:
    a = words.cover(one)
    best = 0.0
    for other in others:
        b = words.cover(other)
        if a and b:
            best = max(best, len(a & b) / max(len(a), len(b)))
    return best


def print_errors(kept: Sequence[tuple[GoldArticle, list[Predicted], list[tuple[int, int]]]],
                 n: int, seed: int = 0) -> None:
    """A sample of missed gold attributions and false-positive claims, to stderr."""
    missed, false = [], []
    for article, preds, main in kept:
        found, used = {gi for gi, _ in main}, {pi for _, pi in main}
        missed += [(article, preds, g) for gi, g in enumerate(article.attributions)
                   if gi not in found]
        false += [(article, p) for pi, p in enumerate(preds) if pi not in used]
    rng = random.Random(seed)
    err = sys.stderr
    print(f"\n== {min(n, len(missed))} of {len(missed):,} missed gold attributions ==", file=err)
    for article, preds, g in sorted(rng.sample(missed, min(n, len(missed))),
                                    key=lambda x: x[0].article):
        words = TokenIndex(article.text, WORD)
        best = _best_overlap(words, g.content, [(p.content,) for p in preds])
        tokens = TokenIndex(article.text, TOKEN)
        print(f"- {article.article} [{cue_kind(g, tokens)}; best claim overlap {best:.2f}"
              f"{'; no source' if g.no_source else ''}]", file=err)
        print("  " + marked(article.text, {"S": g.source, "C": g.cue, "Q": g.content}),
              file=err)
    print(f"\n== {min(n, len(false))} of {len(false):,} false-positive claims ==", file=err)
    for article, p in sorted(rng.sample(false, min(n, len(false))), key=lambda x: x[0].article):
        words = TokenIndex(article.text, WORD)
        best = _best_overlap(words, (p.content,), [g.content for g in article.attributions])
        print(f"- {article.article} [best gold overlap {best:.2f}]", file=err)
        roles: dict[str, Pieces] = {"S": (p.speaker,) if p.speaker else (), "C": (p.cue,),
                                    "Q": (p.content,)}
        print("  " + marked(article.text, roles), file=err)


def main(argv: Sequence[str] | None = None, extract: Extractor | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR jsonl folder")
    parser.add_argument("--limit", type=int, default=0, help="first N articles")
    parser.add_argument("--errors", type=int, default=0,
                        help="print N missed and N false-positive attributions to stderr")
    args = parser.parse_args(argv)
    path = args.data / f"{args.split}.jsonl"
    if not path.exists():
        print(f"{path} not found: PolNeAR is not available here, nothing measured")
        return 0
    articles, skipped = load_gold(path, args.limit)
    if extract is None:
        try:
            extract = default_extractor()
        except ImportError as exc:
            print(f"the claims extractor cannot be imported ({exc}): nothing measured")
            return 1
    started = time.perf_counter()
    nlp = load_pipeline(max((len(a.text) for a in articles), default=0))
    load_seconds = time.perf_counter() - started
    result = run(articles, nlp, extract, keep=args.errors > 0)
    print_report(args.split, articles, skipped, result, load_seconds)
    if args.errors:
        print_errors(result.kept, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
