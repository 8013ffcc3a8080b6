"""Attributions that are not a clause with a cue verb: headlines and reposted statements.

A headline attributes by position ("Drone strike kills three, security sources say"); an
outlet reposting a statement attributes a whole block of text with one preamble
("[Statement posted on the Telegram channel of X on 10 November …]"). Every sentence of such
a block is the channel's direct speech until the outlet's own note begins.
"""

from __future__ import annotations

import re

from newstrace.claims.cues import lemma_type
from newstrace.claims.records import Claim
from newstrace.claims.spans import Doc, doc_text, token_at
from newstrace.claims.verbs import Draft
from newstrace.language.records import Span
from newstrace.quotes import Quote

HEADLINE_CUES = r"says|say|said|claims|claim|reports|report|warns|warn|insists|insist"
HEADLINE = re.compile(
    rf"^(?P<content>.{{12,}}?)\s*[,:;]\s+(?P<speaker>(?:[\w'’.\-]+\s+){{0,5}}[\w'’.\-]+?)"
    rf"\s+(?P<cue>{HEADLINE_CUES})\s*[.!]?$")
HEADLINE_COLON = re.compile(
    r"^(?P<content>.{12,}?):\s+(?P<speaker>(?:[\w'’.\-]+\s+){0,3}(?:officials?|sources?|"
    r"police|ministry|military|army|witnesses|residents|spokes(?:man|woman|person)|"
    r"medics?|report|media))\s*$", re.IGNORECASE)

PREAMBLE = re.compile(
    r"^\s*\[?\s*(?P<cue>(?:Text of (?:a|the) )?[Ss]tatement (?:posted|published|issued|"
    r"released|shared) (?:on|by|via|in) (?:the |its |a )?(?P<medium>[\w' ]{0,30}?"
    r"(?:channel|account|website|page|feed)))\s+of\s+(?P<speaker>[^(\[\],.]+?)"
    r"(?=\s*\(|\s+on\s|\s+at\s|[,.\]])")
NOTE_START = re.compile(r"^\s*(?:[\w' ]{1,40}\bnote|About the source|Editor'?s? note|"
                        r"Follow us|Translation|Source)\s*:", re.IGNORECASE)
FORMULA = re.compile(r"^\s*(?:In the name of God|Praise be to God|God is (?:the )?[Gg]reat)")
REPOST = re.compile(r"\b(?:reposts?|republish(?:es)?|does not imply endorsement)\b",
                    re.IGNORECASE)


def headline_claim(title: str, article_id: str) -> Claim | None:
    """The attribution of a headline of the form "…, officials say" / "…: local official"."""
    match = HEADLINE.match(title.strip()) or HEADLINE_COLON.match(title.strip())
    if match is None:
        return None
    offset = len(title) - len(title.lstrip())
    speaker = _group(title, match, "speaker", offset)
    if speaker.text.split()[0].lower() in ("he", "she", "it", "they") and len(speaker.text) < 5:
        return None
    cue = _group(title, match, "cue", offset) if "cue" in match.groupdict() and \
        match.group("cue") else speaker
    return Claim(article_id=article_id, part="title", speaker=speaker, cue=cue,
                 cue_type="assert", content=_group(title, match, "content", offset),
                 cue_text=cue.text)


def _group(text: str, match: re.Match[str], name: str, offset: int) -> Span:
    start, end = match.span(name)
    return Span(start + offset, end + offset, text[start + offset:end + offset])


def statement_drafts(doc: Doc, quotes: list[Quote]) -> list[Draft]:
    """One direct-speech draft per sentence of each reposted statement in the text."""
    text: str = doc_text(doc)
    drafts: list[Draft] = []
    offset = 0
    paragraphs = []
    for line in text.split("\n"):
        paragraphs.append((offset, offset + len(line), line))
        offset += len(line) + 1
    i = 0
    while i < len(paragraphs):
        start, _, line = paragraphs[i]
        match = PREAMBLE.match(line)
        i += 1
        if match is None:
            continue
        parts = [_runs(doc, start + match.start(g), start + match.end(g))
                 for g in ("cue", "medium", "speaker")]
        if any(p is None for p in parts):
            continue
        while i < len(paragraphs) and not _ends_statement(paragraphs[i][2]):
            drafts.extend(_sentences(doc, paragraphs[i], parts))
            i += 1
    return drafts


def _ends_statement(line: str) -> bool:
    return bool(NOTE_START.match(line) or REPOST.search(line) or PREAMBLE.match(line))


def _runs(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    first, last = token_at(doc, start), token_at(doc, max(start, end - 1))
    return None if first is None or last is None else (first, last + 1)


def _sentences(doc: Doc, paragraph: tuple[int, int, str],
               parts: list[tuple[int, int] | None]) -> list[Draft]:
    start, end, line = paragraph
    if not line.strip():
        return []
    cue, medium, speaker = parts
    assert cue is not None and speaker is not None
    drafts = []
    for sent in doc.char_span(start, end, alignment_mode="expand").sents:
        words = sent.text.strip()
        if len(words.split()) < 4 or FORMULA.match(words):
            continue
        inner = [lemma_type(t.text) for t in sent if t.tag_.startswith("VB")]
        typed = next((e[1] for e in inner if e and e[1] in ("allege", "deny", "confirm")),
                     "assert")
        if any(e and e[0] == "hold" for e in inner) and any(t.lower_ == "responsible"
                                                            for t in sent):
            typed = "allege"
        drafts.append(Draft(cue=cue, lemma="statement", cue_type=typed,
                            content=(sent.start_char, sent.end_char), speaker=speaker,
                            medium=medium, cue_parts=[cue], kind="statement"))
    return drafts
