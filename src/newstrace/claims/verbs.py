"""Claims found through their cue in the parse: a cue verb with its subject and complement,
or "according to X".

Each finder returns a ``Draft``: token runs of the parts, not yet resolved or typed by
stance. The dependency parse does most of the work ("X said that …", "…, X said", "X,
citing Y, said …", "with X saying in a tweet that …"); quotations and colons rescue the
cases a small parser splits wrongly ("X said: “…”", "“…,” X said.").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from newstrace.claims.cues import (
    ACCORDING,
    CITING_FORMS,
    MEDIUM_NOUNS,
    MEDIUM_PREPS,
    NOUN_OBJECT_LEMMAS,
    SPEECH_LEMMAS,
    lemma_type,
)
from newstrace.claims.spans import Doc, Token, doc_text, subtree_run, token_at, trim
from newstrace.quotes import Quote

Run = tuple[int, int]
NO_ONE = frozenset({"no one", "nobody", "none", "no-one", "nothing"})
MEDIA_WORDS = frozenset({"media", "reports", "report", "agency", "newspaper", "television",
                         "channel", "outlets", "press", "broadcaster"})
RELATIVE = frozenset({"who", "which", "that", "whom"})


@dataclass
class Draft:
    """A claim found in the parse, as token runs (``content`` as characters, because a
    quotation's marks do not fall on token edges)."""

    cue: Run
    lemma: str
    cue_type: str
    content: tuple[int, int]
    speaker: Run | None = None
    via: Run | None = None
    medium: Run | None = None
    cue_parts: list[Run] = field(default_factory=list)
    inherit_from: int | None = None
    kind: str = "verb"


def in_quote(quotes: list[Quote], char: int) -> bool:
    return any(q.start <= char < q.end for q in quotes)


def verb_draft(doc: Doc, tok: Token, quotes: list[Quote]) -> Draft | None:
    """A claim whose cue is the verb ``tok``, or None when ``tok`` attributes nothing."""
    entry = lemma_type(tok.text)
    if entry is None or not tok.tag_.startswith("VB") or tok.dep_ in ("amod", "compound"):
        return None
    lemma, cue_type = entry
    if in_quote(quotes, tok.idx) or _passive(tok) or not _licensed(tok, lemma) or \
            any(_negated(t) for t in (tok, *tok.ancestors)):
        return None  # "did not say who it believed …" attributes nothing
    speaker, inherit = _speaker(doc, tok)
    if speaker is not None and doc[speaker[0]:speaker[1]].text.lower() in NO_ONE:
        return None
    if speaker is None and inherit is None:
        return None
    content = _colon_content(doc, tok, quotes) or _trailing_content(doc, tok, lemma, speaker) \
        or _content(doc, tok, lemma, quotes)
    if content is None:
        return None
    content = _whole_quote(quotes, content)
    if doc_text(doc)[content[0]:content[1]].strip().lower() in RELATIVE | {"it", "this", "so"}:
        return None
    if lemma == "hold":
        cue_type = "allege"
    via = _via(doc, tok)
    if via is not None and cue_type == "assert":
        cue_type = "report"
    return Draft(cue=(tok.i, tok.i + 1), lemma=lemma, cue_type=cue_type, content=content,
                 speaker=speaker, inherit_from=inherit, via=via,
                 medium=_medium(doc, tok), cue_parts=_cue_parts(doc, tok))


def according_draft(doc: Doc, tok: Token, quotes: list[Quote]) -> Draft | None:
    """"According to X, …" / "…, according to X": X is the speaker, the clause the content."""
    if tok.lower_ != ACCORDING or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    if in_quote(quotes, tok.idx):
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker = trim(doc, subtree_run(pobj))
    head = _clause_head(tok)
    excluded = {t.i for t in tok.subtree} | set(range(tok.i, (speaker or (0, tok.i + 2))[1]))
    run = trim(doc, subtree_run(head, exclude=excluded, prefer=None if head.i == tok.i else head.i))
    if run is None or speaker is None:
        return None
    media = any(t.lower_ in MEDIA_WORDS for t in doc[speaker[0]:speaker[1]])
    return Draft(cue=(tok.i, tok.i + 2), lemma="according to",
                 cue_type="report" if media else "assert",
                 content=_chars(doc, run), speaker=speaker, kind="according")


def _clause_head(tok: Token) -> Token:
    """The verb the "according to" phrase hangs from (a small parser attaches it to nouns)."""
    head = tok.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    return head if head.i != tok.i else tok.sent.root


def _negated(tok: Token) -> bool:
    return lemma_type(tok.text) is not None and any(c.dep_ == "neg" for c in tok.children)


def _passive(tok: Token) -> bool:
    """"He is believed to…", "was told to leave": the subject is not the speaker."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _licensed(tok: Token, lemma: str) -> bool:
    """Cues that mean something else without their telltale parts."""
    kids = {c.dep_ for c in tok.children}
    if lemma == "hold":
        return any(t.lower_ == "responsible" for t in tok.subtree)
    if lemma == "put":
        return any(c.dep_ == "prep" and c.lower_ == "at" for c in tok.children) and \
            any(c.dep_ == "dobj" and c.lower_ in ("number", "toll", "figure", "count", "total")
                for c in tok.children)
    if lemma in ("claim",):
        return "ccomp" in kids or any(c.dep_ == "dobj" and c.lower_ != "responsibility"
                                      for c in tok.children)
    if lemma in NOUN_OBJECT_LEMMAS or lemma in SPEECH_LEMMAS:
        return True
    return bool(kids & {"ccomp", "xcomp"})


def _chars(doc: Doc, run: Run) -> tuple[int, int]:
    return doc[run[0]].idx, doc[run[1] - 1].idx + len(doc[run[1] - 1].text)


def _content(doc: Doc, tok: Token, lemma: str, quotes: list[Quote]) -> tuple[int, int] | None:
    """The first of: a noun-object cue's object after it, the complement clause, the object,
    a "that" clause hung elsewhere, the noun a relative cue describes ("an account the
    military rejected"), the clause a parenthetical cue interrupts, an adjacent quotation."""
    if lemma in NOUN_OBJECT_LEMMAS and any(c.dep_ in ("dobj", "xcomp") and c.i > tok.i
                                           for c in tok.children):
        run = _object_content(doc, tok, lemma)
        if run:
            return _chars(doc, run)
    for run in _content_runs(doc, tok, lemma):
        if run:
            return _chars(doc, run)
    return _adjacent_quote(doc, tok, quotes) if lemma in SPEECH_LEMMAS else None


def _content_runs(doc: Doc, tok: Token, lemma: str) -> Iterator[Run | None]:
    for child in tok.children:
        if child.dep_ == "ccomp":
            yield trim(doc, subtree_run(child, exclude=_cue_side(tok, child), prefer=child.i),
                       keep_quotes=True)
    yield _object_content(doc, tok, lemma)
    that = _that_clause(tok)
    if that is not None:
        yield trim(doc, subtree_run(that), keep_quotes=True)
    own = {t.i for t in tok.subtree}
    if tok.dep_ == "relcl" and lemma in NOUN_OBJECT_LEMMAS and tok.head.pos_ == "NOUN":
        yield trim(doc, subtree_run(tok.head, exclude=own))
    interrupts = tok.dep_ == "parataxis" or (
        tok.dep_ in ("advcl", "ccomp", "conj") and tok.head.pos_ in ("VERB", "AUX")
        and tok.head.i < tok.i)
    if interrupts and lemma in SPEECH_LEMMAS:
        yield trim(doc, subtree_run(tok.head, exclude=own))


def _trailing_content(doc: Doc, tok: Token, lemma: str, speaker: Run | None
                      ) -> tuple[int, int] | None:
    """"…, Qatar's foreign ministry said, three days after …": the words before the comma
    that precedes the speaker, whatever the parse hung where."""
    if lemma not in SPEECH_LEMMAS or speaker is None or speaker[1] != tok.i:
        return None
    sent = tok.sent
    comma = speaker[0] - 1
    if comma <= sent.start or doc[comma].text not in (",", "”", '"'):
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[sent.start:comma]):
        return None  # "One of them, they said, was …": the content goes on after the cue
    after = doc[tok.i + 1] if tok.i + 1 < sent.end else None
    if after is not None and after.text not in (",", ".", ";") and \
            any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
        return None
    if after is not None and after.lower_ in ("that", ":"):
        return None
    run = trim(doc, (sent.start, comma), keep_quotes=True)
    return _chars(doc, run) if run else None


def _whole_quote(quotes: list[Quote], content: tuple[int, int]) -> tuple[int, int]:
    """A content inside one quotation is the whole quotation: a small parser cuts quoted
    speech at its inner sentence ends ("“We heard … ran. The market is empty now,” said X"),
    and a quotation that closes a multi-paragraph one takes in the paragraphs it ends."""
    for k, q in enumerate(quotes):
        if q.start - 1 <= content[0] and content[1] <= q.end + 1:
            start = q.start
            while k > 0 and quotes[k - 1].continued:
                k -= 1
                start = quotes[k].start
            return (start, q.end)
    return content


def _cue_side(tok: Token, comp: Token) -> set[int]:
    """Tokens of the cue's own clause that a small parser hangs inside the complement."""
    return {t.i for c in tok.children if c.i != comp.i and c.dep_ in ("nsubj", "punct")
            for t in c.subtree}


def _object_content(doc: Doc, tok: Token, lemma: str) -> Run | None:
    """"denied any involvement", "accused X of Y", "put the number at 2,000", "promised to
    pay": the object (or its figure) is what is claimed."""
    if lemma not in NOUN_OBJECT_LEMMAS:
        return None
    kids = list(tok.children)
    if lemma in ("put", "estimate"):
        at = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "at"), None)
        if at is not None:
            return trim(doc, subtree_run(at, exclude={at.i}))
    if lemma == "hold":
        subj = next((c for c in kids if c.dep_ == "nsubj"), None)
        end = max(t.i for c in kids if c.dep_ in ("dobj", "oprd", "acomp", "ccomp", "prep")
                  for t in c.subtree) if kids else tok.i
        return trim(doc, (subj.left_edge.i if subj is not None else tok.i, end + 1))
    obj = next((c for c in kids if c.dep_ in ("dobj", "xcomp")), None)
    if obj is None and lemma in ("call", "ask"):
        obj = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("for", "on")), None)
    if obj is None:
        return None
    run = subtree_run(obj)
    if lemma in ("call", "describe", "label", "dub") and run is not None:
        tail = [t.i for c in kids if c.dep_ in ("oprd", "xcomp", "prep", "ccomp")
                and c.i > obj.i for t in c.subtree]
        if tail:
            run = (run[0], max(max(tail) + 1, run[1]))
    if lemma in ("accuse", "blame") and run is not None:
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if prep is not None:
            run = (run[0], max(t.i for t in prep.subtree) + 1)
    return trim(doc, run, keep_quotes=True)


def _that_clause(tok: Token) -> Token | None:
    """A "that" clause the parser hung below the cue's object ("reporting on the word of
    officials that …")."""
    for t in tok.subtree:
        if t.i != tok.i and t.dep_ in ("relcl", "ccomp", "acl") and \
                any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
            return t
    return None


def _adjacent_quote(doc: Doc, tok: Token, quotes: list[Quote]) -> tuple[int, int] | None:
    """"“…,” he said." where the parse lost the link: the quotation in the cue's sentence,
    or the one ending right before it."""
    sent = tok.sent
    lo, hi = sent.start_char, sent.end_char
    inside = [q for q in quotes if lo <= q.start < hi]
    if inside:
        best = min(inside, key=lambda q: abs(q.start - tok.idx))
        return best.start, best.end
    before = [q for q in quotes if q.end <= lo and lo - q.end <= 3]
    if before:
        return before[-1].start, before[-1].end
    return None


def _colon_content(doc: Doc, tok: Token, quotes: list[Quote]) -> tuple[int, int] | None:
    """"X said: “…”" and "X told MNA by telephone: …": the words after the colon."""
    colon = next((t for t in doc[tok.i + 1: min(len(doc), tok.i + 8)] if t.text == ":"), None)
    if colon is None or any(t.text in ".;" or lemma_type(t.text) for t in
                            doc[tok.i + 1: colon.i]):
        return None
    after = colon.idx + 1
    nxt = [q for q in quotes if after <= q.start <= after + 4]
    if nxt:
        chain = [nxt[0]]
        for q in quotes:
            if q.start > chain[-1].end and chain[-1].continued:
                chain.append(q)
        return chain[0].start, chain[-1].end
    end = tok.sent.end_char
    start = token_at(doc, after)
    if start is None or after >= end:
        return None
    return doc[start].idx, end


def _speaker(doc: Doc, tok: Token) -> tuple[Run | None, int | None]:
    """The subject of the cue, or the cue whose subject it shares ("…, adding that")."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "expl")), None)
    if subj is not None and subj.dep_ == "nsubj":
        if subj.lower_ in RELATIVE and tok.dep_ == "relcl":
            return trim(doc, subtree_run(tok.head, exclude={t.i for t in tok.subtree})), None
        exclude = {t.i for c in subj.children if c.dep_ == "relcl" for t in c.subtree} \
            if subj.i > tok.i else set()
        return trim(doc, subtree_run(subj, exclude=exclude)), None
    head = tok.head
    if tok.dep_ == "conj" and head.dep_ == "ccomp" and lemma_type(head.head.text):
        return None, head.head.i
    if tok.dep_ in ("advcl", "conj", "xcomp", "pcomp") and head.i != tok.i and \
            head.pos_ in ("VERB", "AUX"):
        return None, head.i
    return None, None


def _via(doc: Doc, tok: Token) -> Run | None:
    """Whom the speaker cites: "citing officials", "quoting X", "on the word of X"."""
    for t in tok.subtree:
        if t.lower_ in CITING_FORMS and (t.head.i == tok.i or t.head.head.i == tok.i or
                                         t.head.dep_ in ("nsubj", "appos")):
            obj = next((c for c in t.children if c.dep_ in ("dobj", "pobj")), None)
            if obj is not None:
                return trim(doc, subtree_run(obj))
        if t.lower_ == "word" and t.head.lower_ == "on" and t.head.head.i == tok.i:
            of = next((c for c in t.children if c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if pobj is not None:
                return trim(doc, _without_clauses(pobj))
    return None


def _without_clauses(tok: Token) -> Run | None:
    return subtree_run(tok, exclude={t.i for c in tok.children if c.dep_ in ("relcl", "acl")
                                     for t in c.subtree})


def _medium(doc: Doc, tok: Token) -> Run | None:
    """How it was said: a "in a tweet" / "at a briefing" / "by phone" phrase of the cue (or of
    its addressee, or of an "Asked at a briefing" clause)."""
    kids = [c for c in tok.children if c.dep_ in ("dobj", "dative", "advcl", "npadvmod")]
    subj = [g for c in tok.children if c.dep_ == "nsubj" for g in c.children
            if g.dep_ in ("acl", "advcl") and g.tag_ == "VBG"]
    holders = [tok, *kids, *subj]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in MEDIUM_PREPS:
                continue
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_.rstrip(".") in MEDIUM_NOUNS:
                return trim(doc, subtree_run(prep, exclude=_clause_tokens(prep)))
    return None


def _clause_tokens(prep: Token) -> set[int]:
    """A "that" complement the parser attached inside the medium phrase."""
    return {t.i for c in prep.subtree if c.dep_ in ("ccomp", "relcl", "acl") and c.i > prep.i
            for t in c.subtree}


def _cue_parts(doc: Doc, tok: Token) -> list[Run]:
    """The words that make up the cue as displayed: "told MNA", "said … that", particles."""
    parts: list[Run] = [(tok.i, tok.i + 1)]
    for c in tok.children:
        if c.dep_ in ("prt", "dative") or (c.dep_ == "dobj" and tok.lower_.startswith("tol")):
            parts.append((c.left_edge.i, c.right_edge.i + 1))
        if c.lower_ in CITING_FORMS:
            parts.append((c.i, c.i + 1))
    return sorted(parts)
