"""Typed records of the claims stage: one attributed statement of an article.

A claim keeps every part as a span of the text it was found in (the article's text, or its
title for a headline attribution), so the dossier can show the exact words behind each fact
and the benchmark can score spans. Speakers are kept twice: the words the article uses
("he", "the channel") and the mention they resolve to, because a reader checking the
evidence needs the first and the corroboration count needs the second.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from newstrace.language.records import Span

CUE_TYPES = ("assert", "report", "deny", "confirm", "allege", "believe")
STANCES = ("asserts", "denies", "hedges")
QUOTE_TYPES = ("direct", "indirect", "mixed")


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed statement.

    ``part`` says which text the spans index: "text" (the article body) or "title".
    ``speaker`` is the source as written (None when the article names none: "it is
    reported"); ``speaker_ref`` the earlier mention a pronoun or role noun resolves to
    ("he" → "Lt. Col. Dana Whitfield"); ``speaker_actor`` the language stage's actor key
    (joined to the actor id in the store) of whichever of the two names an actor.
    ``via`` is whom the speaker cites ("the agency, citing officials, said": via
    "officials"). ``cue`` is the attributing words ("said", "according to", "denied");
    ``cue_text`` adds distant parts ("citing … said"). ``medium`` is how it was said ("in a
    tweet", "on its Telegram channel"). ``denies`` is the id of the claim a denial is aimed
    at, when the article shows it.
    """

    article_id: str
    part: str
    speaker: Span | None
    cue: Span
    cue_type: str
    content: Span
    stance: str = "asserts"
    quote_type: str = "indirect"
    speaker_ref: Span | None = None
    speaker_actor: str | None = None
    via: Span | None = None
    via_actor: str | None = None
    cue_text: str = ""
    medium: Span | None = None
    denies: str | None = None

    @property
    def id(self) -> str:
        """Derived from where the claim sits, so re-runs upsert rather than duplicate."""
        return claim_id(self.article_id, self.part, self.cue, self.content)


def claim_id(article_id: str, part: str, cue: Span, content: Span) -> str:
    key = f"{article_id}|{part}|{cue.start}:{cue.end}|{content.start}:{content.end}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]
