"""Sentence frames: what one sentence says about a happening, each field with its passage.

A frame is built around the strongest trigger of a sentence ("struck", "clash", "rally").
Its values come from the language stage's annotations inside the sentence, narrowed to the
claim that reports the happening when there is one: in "CENTCOM said on Wednesday that
U.S. forces did not strike Abu Kamal on November 10", "Wednesday" dates the statement, not
the strike. Roles come from the parse: the subject of an active trigger (or of the light
verb that carries a trigger noun: "conduct strikes") is its perpetrator, the object, a
passive subject or an "on/at/against" phrase its target, a possessive or modifier of a
trigger noun ("U.S. strikes") its perpetrator.

A perpetrator is compared across articles by the state it belongs to ("US warplanes", "U.S.
Central Command", "the American occupation" are all the United States): reports and denials
name the state's forces in many ways, and what a reader asks is whether the accused state
denies it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Token

from newstrace.claims.records import Claim
from newstrace.claims.spans import token_at
from newstrace.events.records import UNKNOWN, FieldValue
from newstrace.events.taxonomy import Trigger, find_triggers
from newstrace.events.weapons import WeaponMention
from newstrace.language.records import Span

Mention = Mapping[str, Any]  # a language-stage mention as the store reads it back

STATE_TYPES = frozenset({"government", "state force", "ministry", "police", "legislature"})
LIGHT_VERBS = frozenset({"conduct", "conducted", "conducting", "conducts", "carry", "carried",
                         "carrying", "carries", "launch", "launched", "launching", "launches",
                         "stage", "staged", "staging", "mount", "mounted", "mounting",
                         "perform", "performed", "execute", "executed", "claim", "claimed"})
TARGET_PREPS = frozenset({"on", "at", "against", "targeting", "near"})
TARGET_GROUPS = {
    "vehicle": "vehicle", "vehicles": "vehicle", "car": "vehicle", "cars": "vehicle",
    "truck": "vehicle", "trucks": "vehicle", "pickup": "vehicle", "convoy": "vehicle",
    "bus": "vehicle", "motorcycle": "vehicle",
    "headquarters": "building", "building": "building", "buildings": "building",
    "compound": "building", "office": "building", "offices": "building", "base": "building",
    "bases": "building", "house": "building", "houses": "building", "home": "building",
    "homes": "building", "depot": "building", "warehouse": "building",
    "position": "position", "positions": "position", "checkpoint": "position",
    "checkpoints": "position", "post": "position", "posts": "position", "camp": "position",
    "market": "market", "school": "school", "hospital": "hospital", "mosque": "mosque",
    "bridge": "bridge", "airport": "airport",
}
SUBSET = re.compile(r"\b(including|among them|among whom|of them|of whom|"
                    r"(?:dead|victims|killed|wounded|injured) (?:included|include))\W*$", re.I)
SUBSET_AFTER = re.compile(r"\W*(?:\w+ ){0,2}(?:were|was|are) among (?:the|those)\b", re.I)
PHRASE_ROLE_TYPES = frozenset({"Battles", "Explosions/Remote violence",
                               "Violence against civilians", "Protests", "Riots"})
COUNTED_NOUNS = frozenset({
    "vehicle", "car", "truck", "missile", "rocket", "drone", "shell", "round", "mortar",
    "bomb", "explosion", "strike", "airstrike", "building", "house", "home", "position",
    "checkpoint", "jet", "warplane", "aircraft", "helicopter", "tank"})
PARTICIPANT_NOUNS = frozenset({"person", "protester", "demonstrator", "teacher", "marcher",
                               "worker", "student", "resident", "supporter", "people"})


@dataclass(slots=True)
class Frame:
    """One sentence's account: the trigger, the claim reporting it, and its values."""

    sentence: Span
    trigger: Trigger | None
    claim: Claim | None = None
    denied: bool = False
    time: Mention | None = None
    place: Mention | None = None
    values: list[FieldValue] = field(default_factory=list)
    roles: list[tuple[Mention, str]] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Context:
    """What the frame builder needs of one article."""

    doc: Doc
    text: str
    mentions: Sequence[Mention]
    claims: Sequence[Claim]
    actor_country: Mapping[str, str]
    actor_type: Mapping[str, str]
    published: str | None = None  # ISO date: a time after it is a plan, not the event

    def within(self, kind: str, span: Span) -> list[Mention]:
        return [m for m in self.mentions
                if m["kind"] == kind and span.start <= m["start"] and m["end"] <= span.end]


def covering_claim(claims: Sequence[Claim], start: int, end: int) -> Claim | None:
    """The innermost body claim whose content holds the span."""
    best: Claim | None = None
    for claim in claims:
        c = claim.content
        if claim.part == "text" and c.start <= start and end <= c.end and (
                best is None or c.end - c.start < best.content.end - best.content.start):
            best = claim
    return best


def build_frame(ctx: Context, sentence: Span, trigger: Trigger | None,
                weapons: Sequence[WeaponMention]) -> Frame:
    claim = covering_claim(ctx.claims, trigger.start, trigger.end) if trigger else None
    scope = claim.content if claim is not None else sentence
    frame = Frame(sentence, trigger, claim, denied=claim is not None and claim.stance == "denies")
    frame.time = _pick_time(ctx.within("time", scope), trigger, ctx.published)
    if frame.time is None and claim is not None:  # "strikes back in June, which X said..."
        frame.time = _pick_time([t for t in ctx.within("time", sentence)
                                 if not _about_the_saying(t, claim)], trigger, ctx.published)
    frame.place = _pick_place(ctx, [p for p in ctx.within("place", scope)
                                    if claim is None or not _about_the_saying(p, claim)],
                              trigger)
    if trigger is not None:
        states = [p for p in ctx.within("place", scope) if p.get("precision") == "country"]
        roles = _roles(ctx, trigger, ctx.within("actor", scope) + states, claim)
        frame.roles = [(m, _role_for_type(role, trigger)) for m, role in roles
                       if m["kind"] == "actor" or role == "perpetrator"]
    frame.weapons = [w.name for w in weapons if scope.start <= w.start and w.end <= scope.end]
    frame.values = _values(ctx, frame, scope, weapons)
    return frame


def _about_the_saying(mention: Mention, claim: Claim) -> bool:
    """"said on Wednesday", "told reporters in Washington": when or where it was said,
    not done."""
    start = int(mention["start"])
    if claim.content.start <= start < claim.content.end:
        return False
    return claim.cue.start - 40 <= start <= claim.cue.end + 40 or (
        claim.medium is not None and claim.medium.start - 5 <= start <= claim.medium.end + 30)


def _near(trigger: Trigger | None, m: Mention) -> int:
    return 0 if trigger is None else abs(int(m["start"]) - trigger.start)


def _pick_time(times: list[Mention], trigger: Trigger | None, published: str | None
               ) -> Mention | None:
    resolved = [t for t in times if t.get("value_start") and t.get("precision")
                and (published is None or str(t["value_start"]) <= published)]
    order = {"day": 0, "week": 1, "month": 2, "year": 3}
    return min(resolved, key=lambda t: (order.get(str(t["precision"]), 4), _near(trigger, t)),
               default=None)


PLACE_ORDER = {"town": 0, "district": 1, "province": 2, "country": 3, "continent": 4}


def _pick_place(ctx: Context, places: list[Mention], trigger: Trigger | None
                ) -> Mention | None:
    usable = [p for p in places if p.get("place_id") and p.get("role") != "dateline"
              and p.get("label") not in ("ORG", "NORP") and p.get("lat") is not None
              and not _adjectival(ctx, p)]
    return min(usable, key=lambda p: (PLACE_ORDER.get(str(p.get("precision")), 5),
                                      _near(trigger, p)), default=None)


def _adjectival(ctx: Context, place: Mention) -> bool:
    """A country naming whose forces or border it is ("US warplanes", "the Iraqi border")
    says who, not where."""
    if place.get("precision") not in ("country", "continent"):
        return False
    head = _head(ctx.doc, int(place["start"]), int(place["end"]))
    return head is not None and head.dep_ in ("compound", "amod", "poss", "nmod")


def _role_for_type(role: str, trigger: Trigger) -> str:
    """Subject and object mean different things in a strike, a protest and an accord."""
    kind, sub = trigger.event_type, trigger.sub_event_type
    if kind == "Protests":
        return "protester" if role == "perpetrator" else role
    if kind == "Strategic developments":
        return "signatory" if sub == "Agreement" else "actor"
    if kind == "Natural disaster":
        return "affected" if role == "target" else "responder"
    if kind == "Battles":
        return "party"
    return role


# -- roles -------------------------------------------------------------------------------

def _head(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _anchor(doc: Doc, trigger: Trigger) -> Token | None:
    """The trigger's token; a trigger noun carried by a light verb hands over to the verb."""
    i = token_at(doc, trigger.start)
    if i is None:
        return None
    tok = doc[i]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "obj") \
            and tok.head.lower_ in LIGHT_VERBS:
        return tok.head
    return tok


def _role_on_path(actor: Token, anchor: Token) -> str | None:
    """The actor's role from the dependency path that joins it to the trigger."""
    child, steps = actor, 0
    while child.i != anchor.i and steps < 6:
        by_agent = child.dep_ == "agent" or (child.dep_ == "pobj" and child.head.lower_ == "by")
        if by_agent and _reaches(child.head, anchor):
            return "perpetrator"
        if child.head.i == anchor.i:
            return _direct_role(child, anchor)
        if child.head.i == child.i:
            return None
        child, steps = child.head, steps + 1
    return None


def _reaches(token: Token, anchor: Token) -> bool:
    return any(a.i == anchor.i for a in token.ancestors) or token.i == anchor.i


def _direct_role(child: Token, anchor: Token) -> str | None:
    dep = child.dep_
    if dep in ("nsubj", "csubj"):
        return "perpetrator"
    if dep in ("poss", "compound", "amod", "nmod") and anchor.pos_ in ("NOUN", "PROPN"):
        return "perpetrator"
    if dep in ("nsubjpass", "dobj", "obj"):
        return "target"
    if dep == "prep" and child.lower_ in TARGET_PREPS:
        return "target"
    if dep == "agent":
        return "perpetrator"
    return None


def _roles(ctx: Context, trigger: Trigger, actors: list[Mention], claim: Claim | None
           ) -> list[tuple[Mention, str]]:
    anchor = _anchor(ctx.doc, trigger)
    out: list[tuple[Mention, str]] = []
    for actor in actors:
        if claim is not None and claim.speaker is not None \
                and claim.speaker.start <= actor["start"] < claim.speaker.end:
            continue
        head = _head(ctx.doc, int(actor["start"]), int(actor["end"]))
        role = _role_on_path(head, anchor) if head is not None and anchor is not None else None
        if role is None:
            role = _default_role(trigger.event_type, str(actor.get("actor_type")))
        if role is not None:
            out.append((actor, role))
    if anchor is not None and trigger.event_type in PHRASE_ROLE_TYPES:
        out += _phrase_roles(ctx, trigger, anchor, out, claim)
    return out


def _phrase_roles(ctx: Context, trigger: Trigger, anchor: Token,
                  named: list[tuple[Mention, str]], claim: Claim | None
                  ) -> list[tuple[Mention, str]]:
    """Who did it and to whom, when the text describes rather than names them ("gunmen",
    "foreign jets", "six Jesuit priests"): the trigger's subject, agent and object phrases
    that hold no named actor. They have no actor id, so they count as unknown parties."""
    taken = {r for _, r in named}
    out: list[tuple[Mention, str]] = []
    for child in anchor.children:
        role = _direct_role(child, anchor) if child.dep_ != "prep" else None
        if child.dep_ == "agent":
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
            role = "perpetrator"
        if role is None or role in taken or child.pos_ not in ("NOUN", "PROPN") \
                or child.lower_ in TARGET_GROUPS:
            continue
        if claim is not None and claim.speaker is not None \
                and claim.speaker.start <= child.idx < claim.speaker.end:
            continue
        left, right = child.left_edge, child
        start, end = left.idx, right.idx + len(right.text)
        if (trigger.start < end and start < trigger.end) \
                or any(t.strength >= 0.5 for t in find_triggers(child.text)) \
                or any(m["start"] < end and start < m["end"] for m, _ in named) \
                or any(m["start"] < end and start < m["end"] for m in ctx.mentions
                       if m["kind"] in ("place", "time")):
            continue  # the happening itself ("traded fire", "the strike"), a place, a date
        phrase = {"kind": "actor", "start": start, "end": end, "text": ctx.text[start:end],
                  "actor_id": None, "key": None, "actor": ctx.text[start:end]}
        out.append((phrase, role))
        taken.add(role)
    return out


def _default_role(event_type: str, actor_type: str) -> str | None:
    """Unconnected actors still take part in some kinds of happening."""
    if event_type == "Battles" and actor_type in ("state force", "armed group", "government"):
        return "party"
    if event_type == "Protests" and actor_type in ("civil society", "group", "political party"):
        return "protester"
    if event_type == "Strategic developments" and actor_type in STATE_TYPES:
        return "actor"
    return None


def perpetrator_value(ctx: Context, actor: Mention) -> str:
    """A state's forces are compared as the state; anything else as the actor."""
    if actor["kind"] == "place":
        return "state:" + str(actor.get("country")) if actor.get("country") else UNKNOWN
    actor_id = actor.get("actor_id")
    if actor_id and ctx.actor_type.get(str(actor_id)) in STATE_TYPES \
            and ctx.actor_country.get(str(actor_id)):
        return "state:" + ctx.actor_country[str(actor_id)]
    return str(actor_id) if actor_id else UNKNOWN


# -- values ------------------------------------------------------------------------------

def _ordinal(iso: str) -> float:
    return float(date.fromisoformat(iso[:10]).toordinal())


def date_value(span: Span, time: Mention, claim: Claim | None, hedged: bool) -> FieldValue:
    start, end = str(time["value_start"]), str(time["value_end"] or time["value_start"])
    value = start if start == end else f"{start}/{end}"
    return FieldValue("date", value, f"{time['text']} → {value}", span,
                      claim.id if claim else None, _ordinal(start), _ordinal(end),
                      hedged=hedged)


def place_value(place: Mention, claim: Claim | None, hedged: bool) -> FieldValue:
    label = ", ".join(str(p) for p in (place.get("place"), place.get("admin1"),
                                       place.get("country")) if p)
    span = Span(int(place["start"]), int(place["end"]), str(place["text"]))
    return FieldValue("place", str(place["place_id"]), label, span,
                      claim.id if claim else None,
                      geo=(float(place["lat"]), float(place["lon"]),
                           str(place.get("precision") or "town")), hedged=hedged)


def _values(ctx: Context, frame: Frame, scope: Span,
            weapons: Sequence[WeaponMention]) -> list[FieldValue]:
    claim, trigger = frame.claim, frame.trigger
    cid = claim.id if claim else None
    hedged = claim is not None and claim.stance == "hedges"
    out: list[FieldValue] = []
    if frame.denied:  # evidence against, attached per article (extract._attach_denials)
        return []
    if trigger is not None:
        tspan = Span(trigger.start, trigger.end, trigger.text)
        out.append(FieldValue("event_type", f"{trigger.event_type}|{trigger.sub_event_type}",
                              f"{trigger.event_type} / {trigger.sub_event_type}", tspan, cid,
                              hedged=hedged))
        if frame.time is not None:
            out.append(date_value(_span(frame.time), frame.time, claim, hedged))
        if frame.place is not None:
            out.append(place_value(frame.place, claim, hedged))
        out.extend(_role_values(ctx, frame, cid, hedged))
        out.extend(_target_values(ctx, trigger, scope, cid, hedged))
    for w in weapons:
        if scope.start <= w.start and w.end <= scope.end:
            out.append(FieldValue(w.kind, w.name, w.text, Span(w.start, w.end, w.text), cid,
                                  hedged=hedged))
    out.extend(quantity_values(ctx, ctx.within("quantity", scope), frame, cid, hedged))
    return out


def _span(m: Mention) -> Span:
    return Span(int(m["start"]), int(m["end"]), str(m["text"]))


def _role_values(ctx: Context, frame: Frame, cid: str | None, hedged: bool
                 ) -> list[FieldValue]:
    out = []
    for actor, role in frame.roles:
        if role == "perpetrator":
            out.append(FieldValue("perpetrator", perpetrator_value(ctx, actor),
                                  str(actor["text"]), _span(actor), cid, hedged=hedged))
        elif actor.get("actor_id"):
            name = {"target": "target_actor", "affected": "affected"}.get(role, "party")
            out.append(FieldValue(name, str(actor["actor_id"]), str(actor["text"]),
                                  _span(actor), cid, hedged=hedged))
    return out


def _target_values(ctx: Context, trigger: Trigger, scope: Span, cid: str | None,
                   hedged: bool) -> list[FieldValue]:
    anchor = _anchor(ctx.doc, trigger)
    if anchor is None:
        return []
    for tok in ctx.doc.char_span(scope.start, scope.end, alignment_mode="expand") or ():
        group = TARGET_GROUPS.get(tok.lower_)
        if group is None or tok.i == anchor.i:
            continue
        if _role_on_path(tok, anchor) == "target" or tok.head.lower_ in ("at", "on"):
            words = ctx.doc[tok.left_edge.i: tok.i + 1]
            span = Span(words.start_char, tok.idx + len(tok.text),
                        ctx.text[words.start_char: tok.idx + len(tok.text)])
            return [FieldValue("target", group, span.text, span, cid, hedged=hedged)]
    return []


def quantity_values(ctx: Context, quantities: list[Mention], frame: Frame, cid: str | None,
                    hedged: bool) -> list[FieldValue]:
    out = []
    event_type = frame.trigger.event_type if frame.trigger else ""
    for q in quantities:
        category, counted = str(q.get("category")), str(q.get("counted") or "")
        name = {"killed": "fatalities", "injured": "injuries"}.get(category)
        if name is None and event_type == "Protests" and counted in PARTICIPANT_NOUNS:
            name = "participants"
        if name is None and category == "count" and counted in COUNTED_NOUNS:
            name = "count:" + counted
        if name is None:
            continue
        if name in ("fatalities", "injuries") and (SUBSET.search(
                ctx.text[max(0, int(q["start"]) - 24):int(q["start"])])
                or SUBSET_AFTER.match(ctx.text[int(q["end"]):int(q["end"]) + 40])):
            name = f"count:{'killed' if name == 'fatalities' else 'injured'} {counted}"
        low, high = q.get("low"), q.get("high")
        if q.get("stated_zero"):
            low = high = 0
        if low is None and high is None:
            continue
        value = str(low) if low == high else f"{low if low is not None else ''}-" \
                                             f"{high if high is not None else ''}"
        out.append(FieldValue(name, value, str(q["text"]), _span(q), cid,
                              None if low is None else float(low),
                              None if high is None else float(high),
                              hedged=hedged or bool(q.get("approximate"))))
    return out
