"""All claims of one parsed article: found, completed, resolved and typed by stance.

The finders (``verbs``, ``forms``) return drafts; this module settles what they leave open:
a speaker shared with an earlier cue ("…, adding that"), a content that swallowed a nested
attribution ("denied a strike that X said hit…"), quotations that continue a speaker's
words, back-referring speakers and actors, stance, and the claim a denial is aimed at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newstrace.claims.cues import SPEAKER_MEDIA
from newstrace.claims.forms import headline_claim, statement_drafts
from newstrace.claims.records import Claim
from newstrace.claims.spans import Doc, char_span, doc_text, strip_marks, subtree_run, trim
from newstrace.claims.speakers import (
    PERSON_WORDS,
    ActorRef,
    actor_of,
    is_back_reference,
    resolve_speaker,
)
from newstrace.claims.stance import denial_targets, quote_type_of, stance_of
from newstrace.claims.verbs import Draft, according_draft, in_quote, verb_draft
from newstrace.language.records import Span
from newstrace.quotes import Quote, find_quotes

DATELINE = re.compile(r"^\s*[A-Z][A-Z'.\- ]+(?:,\s*[A-Z][\w .'\-]+?)?\s*(?:\([^)\n]{1,30}\))?"
                      r"\s*[—–-]+\s*")
"""A dateline ("KABUL, Afghanistan — ", "BAGHDAD (ET) - ") is the outlet's, never a claim's."""


def _dateline_end(text: str) -> int:
    match = DATELINE.match(text)
    return match.end() if match and match.end() < 80 else 0


def _drop_dateline(doc: Doc, drafts: list[Draft]) -> None:
    """Move speakers and contents that a small parser started inside the dateline."""
    end = _dateline_end(doc_text(doc))
    if not end:
        return
    first = _token_index(doc, end)
    for draft in drafts:
        if draft.content[0] < end < draft.content[1]:
            draft.content = (end, draft.content[1])
        if draft.speaker is not None and draft.speaker[0] < first:
            cut = next((t.i for t in doc[first:draft.cue[0]]
                        if t.dep_ in ("prep", "npadvmod") or t.ent_type_ == "DATE"),
                       draft.cue[0])
            draft.speaker = trim(doc, (first, cut)) if draft.speaker[1] <= first + 1 or \
                cut < draft.speaker[1] else trim(doc, (first, draft.speaker[1]))


def extract_claims(doc: Doc, article_id: str = "", actors: Sequence[ActorRef] = (),
                   title: str | None = None) -> list[Claim]:
    """Every attributed statement of ``doc`` (and of ``title``, when given), in text order."""
    quotes = find_quotes(doc_text(doc))
    drafts = statement_drafts(doc, quotes)
    reposted = [(d.content[0], d.content[1]) for d in drafts]
    for tok in doc:
        if any(lo <= tok.idx < hi for lo, hi in reposted):
            continue
        draft = according_draft(doc, tok, quotes) or verb_draft(doc, tok, quotes)
        if draft is not None:
            drafts.append(draft)
    _drop_dateline(doc, drafts)
    drafts = _share_speakers(doc, _dedupe(drafts))
    nested = _cut_nested(doc, drafts)
    kept = [k for k, d in enumerate(drafts) if d.kind != "nested"]
    renumber = {old: new for new, old in enumerate(kept)}
    nested = {renumber[a]: renumber[b] for a, b in nested.items()
              if a in renumber and b in renumber}
    drafts = [drafts[k] for k in kept]
    drafts, nested = _add_continuations(doc, drafts, quotes, nested)
    claims = _claims(doc, drafts, quotes, article_id, actors, nested)
    head = headline_claim(title, article_id) if title else None
    return ([head] if head else []) + claims


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One draft per content span: "according to" and a verb can both find one sentence."""
    best: dict[tuple[int, int], Draft] = {}
    for draft in drafts:
        seen = best.get(draft.content)
        if seen is None or (seen.speaker is None and draft.speaker is not None):
            best[draft.content] = draft
    return sorted(best.values(), key=lambda d: (d.cue[0], d.content[0]))


def _share_speakers(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """A cue with no subject takes the speaker of the cue it depends on ("adding that"), or
    that verb's own subject ("media went further, reporting …")."""
    by_cue = {d.cue[0]: d for d in drafts}
    kept = []
    for draft in drafts:
        if draft.speaker is None and draft.inherit_from is not None:
            source = by_cue.get(draft.inherit_from)
            if source is not None and source.speaker is not None:
                draft.speaker, draft.medium = source.speaker, draft.medium or source.medium
                draft.via = draft.via or source.via
            else:
                head = doc[draft.inherit_from]
                subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                draft.speaker = trim(doc, subtree_run(subj)) if subj is not None else None
        if draft.speaker is not None:
            kept.append(draft)
    return kept


def _cut_nested(doc: Doc, drafts: list[Draft]) -> dict[int, int]:
    """End a content before an attribution nested inside it; returns outer → inner index."""
    nested: dict[int, int] = {}
    for i, outer in enumerate(drafts):
        for j, inner in enumerate(drafts):
            if i == j or outer.kind == "statement":
                continue
            cue_char = doc[inner.cue[0]].idx
            if not outer.content[0] < cue_char < outer.content[1]:
                continue
            starts = [inner.cue[0]]
            if inner.speaker and doc[inner.speaker[0]].idx > outer.content[0]:
                starts.append(inner.speaker[0])
            if outer.content[0] < inner.content[0] < cue_char:
                starts.append(_token_index(doc, inner.content[0]))
            first = min(starts)
            clause = _clause_start(doc, first)
            if outer.cue_type != "deny" and inner.inherit_from != outer.cue[0] and \
                    inner.cue_type != "deny":
                inner.kind = "nested"  # reported inside reported words: part of them
                continue
            if doc[clause].idx > outer.content[0]:
                run = trim(doc, (_token_index(doc, outer.content[0]), clause))
                if run:
                    outer.content = (doc[run[0]].idx, doc[run[1] - 1].idx +
                                     len(doc[run[1] - 1].text))
                    nested[i] = j
    return nested


def _clause_start(doc: Doc, first: int) -> int:
    """Back over a relative pronoun ("that an armed group said …")."""
    if first > 0 and doc[first - 1].lower_ in ("that", "which", "who"):
        return first - 1
    return first


def _token_index(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return int(span.start) if span is not None else 0


def _add_continuations(doc: Doc, drafts: list[Draft], quotes: list[Quote],
                       nested: dict[int, int]) -> tuple[list[Draft], dict[int, int]]:
    """A quotation with no cue of its own, right after a speaker's quoted words in the same
    paragraph (or continuing their paragraph), is more of the same speaker's words."""
    extra: list[Draft] = []
    for q in quotes:
        if any(d.content[0] <= q.start < d.content[1] for d in drafts):
            continue
        previous = [d for d in drafts if d.content[1] <= q.start and d.kind != "statement"
                    and _quoted(quotes, d)]
        if not previous:
            continue
        last = max(previous, key=lambda d: d.content[1])
        gap = doc_text(doc)[last.content[1]:q.start]
        if "\n" in gap.strip(" \"“”") and not _continues(quotes, last):
            continue
        if any(d.content[1] <= q.start and d.content[0] >= last.content[1] for d in drafts):
            continue
        if len(doc_text(doc)[q.start:q.end].split()) < 4 or in_quote(quotes, q.start - 2):
            continue
        extra.append(Draft(cue=last.cue, lemma=last.lemma, cue_type=last.cue_type,
                           content=(q.start, q.end), speaker=last.speaker, via=last.via,
                           medium=last.medium, cue_parts=last.cue_parts,
                           kind="continuation"))
    if not extra:
        return drafts, nested
    order = sorted(range(len(drafts) + len(extra)),
                   key=lambda k: (drafts + extra)[k].content[0])
    merged = [(drafts + extra)[k] for k in order]
    position = {old: new for new, old in enumerate(order)}
    return merged, {position[a]: position[b] for a, b in nested.items()}


def _quoted(quotes: list[Quote], draft: Draft) -> bool:
    return any(q.start <= draft.content[0] + 1 and q.end >= draft.content[1] - 1
               for q in quotes)


def _continues(quotes: list[Quote], draft: Draft) -> bool:
    return any(q.continued and q.start <= draft.content[0] + 1 for q in quotes
               if q.end >= draft.content[1] - 1)


def _claims(doc: Doc, drafts: list[Draft], quotes: list[Quote], article_id: str,
            actors: Sequence[ActorRef], nested: dict[int, int]) -> list[Claim]:
    claims: list[Claim] = []
    earlier: list[tuple[Span, str | None]] = []
    for draft in drafts:
        claim = _claim(doc, draft, quotes, article_id, actors, earlier)
        claims.append(claim)
        if claim.speaker is not None:
            earlier.append((claim.speaker_ref or claim.speaker, claim.speaker_actor))
    targets = denial_targets(claims, nested)
    return [_with_target(c, claims[targets[i]].id if i in targets else None)
            for i, c in enumerate(claims)]


def _with_target(claim: Claim, target: str | None) -> Claim:
    if target is None or target == claim.id:
        return claim
    return replace(claim, denies=target)


def _claim(doc: Doc, draft: Draft, quotes: list[Quote], article_id: str,
           actors: Sequence[ActorRef], earlier: list[tuple[Span, str | None]]) -> Claim:
    text = doc_text(doc)
    raw = Span(draft.content[0], draft.content[1], text[draft.content[0]:draft.content[1]])
    content = strip_marks(text, raw)
    speaker = char_span(doc, draft.speaker)
    ref, actor = None, None
    if speaker is not None and is_back_reference(speaker.text):
        found = resolve_speaker(speaker, earlier, actors)
        ref, actor = found.ref, found.actor
        if ref is None and actor is None and draft.speaker is not None:
            ref = char_span(doc, _subject_antecedent(doc, draft.speaker[0]))
    if actor is None and (ref or speaker) is not None:
        actor = actor_of(ref or speaker, _head_char(doc, draft.speaker), actors)  # type: ignore[arg-type]
    cue = char_span(doc, draft.cue)
    assert cue is not None
    cue_text = " … ".join(s.text for s in (char_span(doc, p) for p in draft.cue_parts) if s)
    quote_type = "direct" if draft.kind == "statement" else \
        quote_type_of(quotes, raw.start, raw.end)
    medium = char_span(doc, draft.medium) or _speaker_medium(doc, draft.speaker)
    return Claim(article_id=article_id, part="text", speaker=speaker, cue=cue,
                 cue_type=draft.cue_type, content=content,
                 stance=stance_of(draft.cue_type, content.text, cue_text),
                 quote_type=quote_type, speaker_ref=ref, speaker_actor=actor,
                 via=char_span(doc, draft.via), cue_text=cue_text or cue.text, medium=medium,
                 via_actor=actor_of(v, None, actors) if (v := char_span(doc, draft.via))
                 else None)


def _subject_antecedent(doc: Doc, before: int) -> tuple[int, int] | None:
    """"Jordan's water minister described … “…,” he told the chamber": for "he"/"she" with no
    earlier speaker, the nearest earlier subject naming a person or a person's role."""
    pronoun = doc[before].lower_
    if pronoun not in ("he", "she"):
        return None
    for tok in reversed(doc[max(0, before - 80):before]):
        if tok.dep_ != "nsubj" or tok.lower_ in ("he", "she", "it", "they"):
            continue
        if tok.ent_type_ == "PERSON" or tok.lower_ in PERSON_WORDS:
            return trim(doc, subtree_run(tok, exclude={t.i for c in tok.children
                                                       if c.dep_ == "relcl" for t in c.subtree}))
    return None


def _head_char(doc: Doc, run: tuple[int, int] | None) -> int | None:
    if run is None:
        return None
    for tok in doc[run[0]:run[1]]:
        if not run[0] <= tok.head.i < run[1] or tok.head.i == tok.i:
            return int(tok.idx)
    return None


def _speaker_media_run(doc: Doc, run: tuple[int, int] | None) -> tuple[int, int] | None:
    if run is None:
        return None
    for tok in doc[run[0]:run[1]]:
        if tok.lower_ in SPEAKER_MEDIA and tok.pos_ == "NOUN":
            start = tok.i
            while start - 1 >= run[0] and doc[start - 1].dep_ in ("compound", "amod") and \
                    doc[start - 1].head.i == tok.i:
                start -= 1
            return (start, tok.i + 1)
    return None


def _speaker_medium(doc: Doc, run: tuple[int, int] | None) -> Span | None:
    """A speaker that is a channel or account is also how it spoke: "a messaging channel"."""
    return char_span(doc, _speaker_media_run(doc, run))
