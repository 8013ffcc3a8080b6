"""A claim's stance toward its content, its quotation type, and what a denial denies.

Stance is read from the cue first (a denial denies), then from the content: a negated
action ("did not conduct any strikes", "played no part") denies taking part, while a stated
absence ("no one was hurt") asserts; hedging words ("no indication", "reportedly", "if")
make it a hedge. newstrace records how a speaker holds a statement, never whether it is true.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newstrace.claims.cues import DENIAL_ACTIONS, HEDGE_PHRASES, HEDGE_WORDS, NEGATIONS
from newstrace.claims.records import Claim
from newstrace.quotes import Quote, quoted_share

WORD = re.compile(r"[\w']+|n't")
MODAL_HEDGES = frozenset({"may", "might", "could"})
HEDGE_ADVERBS = frozenset({"reportedly", "allegedly", "apparently", "purportedly"})
CONTENT_HEDGES = HEDGE_ADVERBS | {"possibly", "perhaps", "unconfirmed", "unclear", "speculate"}
OPENING_HEDGES = (HEDGE_WORDS - {"around", "roughly", "estimate", "estimated"}) | MODAL_HEDGES
"""A content opening with one of these ("Possibly…", "Maybe…") hedges; approximations
("around 3,000") do not: they qualify a number, not the claim."""


def stance_of(cue_type: str, content: str, cue_words: str = "") -> str:
    if cue_type == "deny":
        return "denies"
    words = [w.lower() for w in WORD.findall(content)]
    if _denies_action(words):
        return "denies"
    if cue_type == "believe" or any(p in " ".join(words) for p in HEDGE_PHRASES):
        return "hedges"
    cue = {w.lower() for w in WORD.findall(cue_words)}
    if cue & HEDGE_ADVERBS or (words and words[0] in OPENING_HEDGES) or \
            _opens_with_if(content) or any(w in CONTENT_HEDGES for w in words):
        return "hedges"
    return "asserts"


def _opens_with_if(content: str) -> bool:
    """A condition opening a sentence ("If the gate opens tomorrow …") hedges; a condition
    inside a threat ("a strike would follow if …") does not."""
    return bool(re.search(r"(?:^|[.!?]\s+)If\b", content))


def _denies_action(words: Sequence[str]) -> bool:
    """A negation within four words before a taking-part action."""
    for i, word in enumerate(words):
        if word in DENIAL_ACTIONS and any(w in NEGATIONS for w in words[max(0, i - 4):i]):
            return True
        if word in ("no", "any") and i + 1 < len(words) and words[i + 1] in ("part", "role") \
                and (word == "no" or any(w in NEGATIONS for w in words[max(0, i - 3):i])):
            return True
    return False


def quote_type_of(quotes: list[Quote], start: int, end: int) -> str:
    share = quoted_share([(q.start, q.end) for q in quotes], start, end)
    if share >= 0.9:
        return "direct"
    return "mixed" if share > 0.05 else "indirect"


def denial_targets(claims: Sequence[Claim], nested: dict[int, int]) -> dict[int, int]:
    """For each denying claim (by index), the claim it denies: the claim nested in its own
    object ("denied carrying out a strike that X said hit…") or else the nearest earlier
    claim in the same part that does not itself deny."""
    targets: dict[int, int] = {}
    for i, claim in enumerate(claims):
        if claim.stance != "denies":
            continue
        if i in nested:
            targets[i] = nested[i]
            continue
        earlier = [j for j, other in enumerate(claims)
                   if other.part == claim.part and other.stance != "denies"
                   and other.content.start < claim.content.start]
        if earlier:
            targets[i] = max(earlier, key=lambda j: claims[j].content.start)
    return targets
