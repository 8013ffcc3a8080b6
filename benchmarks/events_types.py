"""Event-type benchmark: ``classify_text`` on the CASE 2021 Task 2 test snippets.

    .venv/bin/python benchmarks/events_types.py [--data DIR] [--errors N]

Data: ../shared/eval/events/case2021 (read its README.md): 1,019 short news snippets, each
with one gold code: 24 ACLED sub-event types, ACLED's OTHER, and 5 types ACLED lacks.
Nothing from it enters the repository; errors are printed for reading, never saved.

Label mapping (gold code -> newstrace's (event type, sub-event type)):

* the 24 ACLED codes -> the ACLED sub-event type of the same name (ART_MISS_ATTACK ->
  Shelling/artillery/missile attack, REM_EXPLOS -> Remote explosive/landmine/IED, ...);
* OTHER (ACLED's Strategic developments/Other) -> Strategic developments/Other;
* NATURAL_DISASTER -> event type Natural disaster. Gold has no sub-type, so every one of our
  natural-disaster sub-types (Flood, Earthquake, ...) is scored as the one label
  "Natural disaster";
* MAN_MADE_DISASTER (accidents: crashes, industrial fires, spills) and ORG_CRIME (robbery,
  smuggling, trafficking) -> Other/Other: newstrace's bucket for happenings outside ACLED's
  political-violence scope;
* DIPLO (sanctions, expulsions of diplomats, condemnations) and ATTRIB (claims of
  responsibility, blame) -> Strategic developments/Other: political acts, not violence.

So the 30 gold codes become 27 labels (two merges of two and one of three). A snippet for
which ``classify_text`` returns None counts as wrong (label "(none)"). Figures: accuracy,
macro-F1 and support-weighted F1 over those labels, the same over the 25 ACLED codes only
(snippets whose gold is an ACLED code), event-type accuracy, coverage (share not None),
throughput (snippets/s, classification only, wall and CPU) and peak RSS.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from newstrace.events.taxonomy import classify_text

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "events" / \
    "case2021"
FILE = "test_set_final_release_with_labels.tsv"

GOLD_MAP: dict[str, tuple[str, str]] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
    "NATURAL_DISASTER": ("Natural disaster", "Natural disaster"),
    "MAN_MADE_DISASTER": ("Other", "Other"),
    "ORG_CRIME": ("Other", "Other"),
    "DIPLO": ("Strategic developments", "Other"),
    "ATTRIB": ("Strategic developments", "Other"),
}
UNSEEN = {"NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "DIPLO", "ATTRIB"}
NONE = ("(none)", "(none)")


def load(data_dir: Path) -> list[tuple[str, str]]:
    """(snippet, gold code) rows."""
    with (data_dir / FILE).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r["EventSnippet"], r["SubType"].strip()) for r in rows]


def predict_label(text: str) -> tuple[str, str]:
    got = classify_text(text)
    if got is None:
        return NONE
    if got[0] == "Natural disaster":
        return ("Natural disaster", "Natural disaster")
    return got


def f1_scores(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    """Accuracy, macro-F1 and weighted F1 over the gold labels (sklearn's definitions with
    labels = the gold classes: a predicted label no gold carries only costs precision)."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter(pred)
    n_gold: Counter[str] = Counter(gold)
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
    f1 = {}
    for lab in n_gold:
        prec = tp[lab] / n_pred[lab] if n_pred[lab] else 0.0
        rec = tp[lab] / n_gold[lab]
        f1[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    total = len(gold)
    acc = sum(tp.values()) / total if total else 0.0
    macro = sum(f1.values()) / len(f1) if f1 else 0.0
    weighted = sum(f1[lab] * n_gold[lab] for lab in f1) / total if total else 0.0
    return acc, macro, weighted


def run(data_dir: Path, errors: int = 0) -> dict[str, float]:
    rows = load(data_dir)
    t0, c0 = time.perf_counter(), time.process_time()
    preds = [predict_label(text) for text, _ in rows]
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    golds = [GOLD_MAP[code] for _, code in rows]
    g_sub, p_sub = ["/".join(g) for g in golds], ["/".join(p) for p in preds]
    acc, macro, weighted = f1_scores(g_sub, p_sub)
    seen = [i for i, (_, code) in enumerate(rows) if code not in UNSEEN]
    s_acc, s_macro, s_weighted = f1_scores([g_sub[i] for i in seen], [p_sub[i] for i in seen])
    type_acc = sum(g[0] == p[0] for g, p in zip(golds, preds, strict=True)) / len(rows)
    if errors:
        print_errors(rows, golds, preds, errors)
    return {
        "snippets": float(len(rows)),
        "accuracy": acc, "macro_f1": macro, "weighted_f1": weighted,
        "acled_accuracy": s_acc, "acled_macro_f1": s_macro, "acled_weighted_f1": s_weighted,
        "event_type_accuracy": type_acc,
        "coverage": sum(p != NONE for p in preds) / len(rows),
        "snippets_per_s": len(rows) / wall if wall else 0.0,
        "snippets_per_cpu_s": len(rows) / cpu if cpu else 0.0,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def print_errors(rows: list[tuple[str, str]], golds: list[tuple[str, str]],
                 preds: list[tuple[str, str]], n: int) -> None:
    """The most frequent confusions, then n wrong snippets spread over the set (stderr)."""
    wrong = [i for i, (g, p) in enumerate(zip(golds, preds, strict=True)) if g != p]
    pairs = Counter((golds[i][1], preds[i][1]) for i in wrong)
    print("confusions (gold -> predicted):", file=sys.stderr)
    for (g, p), k in pairs.most_common(n):
        print(f"  {k:3d}  {g} -> {p}", file=sys.stderr)
    step = max(1, len(wrong) // n) if n else 1
    for i in wrong[::step][:n]:
        print(f"\n[{rows[i][1]} -> {preds[i][1]}] {rows[i][0][:400]}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print the N most frequent confusions and N wrong snippets")
    args = ap.parse_args(argv)
    if not (args.data / FILE).is_file():
        print(f"no CASE 2021 data at {args.data} ({FILE} missing): nothing measured")
        return 0
    res = run(args.data, args.errors)
    print(f"CASE 2021 task 2 test, {int(res['snippets'])} snippets "
          f"(27 labels after mapping; see module docstring)")
    print(f"  sub-event type: accuracy {res['accuracy']:.3f}  macro-F1 {res['macro_f1']:.3f}  "
          f"weighted F1 {res['weighted_f1']:.3f}")
    print(f"  ACLED codes only: accuracy {res['acled_accuracy']:.3f}  "
          f"macro-F1 {res['acled_macro_f1']:.3f}  weighted F1 {res['acled_weighted_f1']:.3f}")
    print(f"  event type accuracy {res['event_type_accuracy']:.3f}  "
          f"coverage {res['coverage']:.3f}")
    print(f"  speed {res['snippets_per_s']:.0f} snippets/s wall, "
          f"{res['snippets_per_cpu_s']:.0f}/s CPU; peak RSS {res['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
