"""Speakers resolved: pronouns and role nouns to earlier speakers, speakers to actors.

"He said", "the channel said", "the officials said" name no one; the reader of an article
links them to the nearest compatible earlier speaker, and so does this module: the nearest
earlier claim whose speaker fits (a person for "he", a plural for "they", a channel for
"the channel"), else the nearest earlier actor mention of a fitting type. The actor of a
speaker is the language stage's actor mention at the speaker's head, or inside its
"of/for" phrase ("a spokesman for the Movement"), or the antecedent's actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.claims.cues import DETERMINERS_BACK, PRONOUNS, ROLE_NOUNS
from newstrace.language.records import Span

PERSON_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "minister",
                          "commander", "president", "diplomat", "officer", "mayor",
                          "governor", "chief", "head", "leader", "envoy", "mediator", "man",
                          "woman", "farmer", "source", "witness", "resident", "analyst"})
GROUP_TYPES = {"group": ("armed group",), "movement": ("armed group",),
               "militia": ("armed group",), "ministry": ("ministry", "government"),
               "government": ("government",), "military": ("armed group", "government"),
               "army": ("armed group", "government"), "police": ("police",),
               "agency": ("media", "government"), "authority": ("government",),
               "directorate": ("government",), "committee": ("civil society",)}


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor mention of the article, as the claims stage needs it."""

    start: int
    end: int
    key: str
    actor_type: str = "unknown"
    label: str = "ORG"


@dataclass(frozen=True, slots=True)
class Resolution:
    ref: Span | None
    actor: str | None


def is_back_reference(text: str) -> bool:
    """A pronoun, or "the/this" + role noun with no name ("the channel", "The officials")."""
    words = text.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return True
    if not 2 <= len(words) <= 3 or words[0].lower() not in DETERMINERS_BACK:
        return False
    return words[-1].lower() in ROLE_NOUNS and not any(w[:1].isupper() for w in words[1:])


def _fits(anaphor: str, candidate: str) -> bool:
    words = anaphor.lower().split()
    cand = candidate.lower()
    if len(words) == 1:
        kind = PRONOUNS[words[0]]
        head = cand.split(",")[0].split()
        last = head[-1] if head else ""
        if kind == "person":
            return bool(set(cand.replace(",", " ").split()) & PERSON_WORDS) or \
                (any(w[:1].isupper() for w in candidate.split()[1:2]) and not last.endswith("s"))
        if kind == "plural":
            return last.endswith("s") or last in ("police", "media", "people")
        return not set(cand.split()) & PERSON_WORDS and not last.endswith("s")
    noun = words[-1]
    stem = noun[:-1] if noun.endswith("s") and noun not in ("sources",) else noun
    return stem in cand or (noun == "sources" and "source" in cand)


def resolve_speaker(speaker: Span, earlier: Sequence[tuple[Span, str | None]],
                    actors: Sequence[ActorRef]) -> Resolution:
    """Antecedent and actor of a back-referring speaker; ``earlier`` holds the preceding
    claims' (speaker span, actor key), nearest last."""
    for span, actor in reversed(earlier):
        if span.start < speaker.start and not is_back_reference(span.text) \
                and _fits(speaker.text, span.text):
            return Resolution(span, actor)
    noun = speaker.text.lower().split()[-1]
    types = GROUP_TYPES.get(noun.rstrip("s"), ())
    for ref in sorted((a for a in actors if a.end <= speaker.start), key=lambda a: -a.start):
        if (types and ref.actor_type in types) or (noun in PRONOUNS and noun == "it"
                                                   and ref.actor_type != "person"):
            return Resolution(None, ref.key)
    return Resolution(None, None)


def actor_of(span: Span, head_char: int | None, actors: Sequence[ActorRef]) -> str | None:
    """The actor a speaker phrase names: the organization a named person speaks for ("Lt.
    Col. X, a Central Command spokeswoman": the claim is the institution's), else the
    mention at its head, else the longest mention inside it that is not a mere place."""
    inside = [a for a in actors if a.start >= span.start and a.end <= span.end]
    if not inside:
        return None
    bodies = [a for a in inside if a.actor_type not in ("person", "unknown") and a.label != "GPE"]
    if bodies and any(a.actor_type == "person" for a in inside):
        return bodies[0].key
    if head_char is not None:
        for ref in inside:
            if ref.start <= head_char < ref.end:
                return ref.key
    named = [a for a in inside if a.label != "GPE"] or inside
    return max(named, key=lambda a: (a.end - a.start, -a.start)).key
