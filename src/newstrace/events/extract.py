"""Event mentions: one article's accounts of happenings, each with its fields and evidence.

An article usually reports one happening and recalls others: the strike it reports, and
"U.S. strikes … back in June"; the ceasefire signed today, and "Saturday's clash". So the
sentence frames are assembled in text order into mentions: a frame joins an earlier mention
of the same kind of happening whose time and place it fits, else it starts a new one. A
mention whose time ends before the article's main happening began is background: recalled,
not reported, and never merged into today's event. Sentences with no trigger still give the
current mention what they state of its outcome ("By the grace of God, no brother was
harmed"). A denial joins the happening it denies and adds its evidence against it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from newstrace.events.frames import (
    PLACE_ORDER,
    Context,
    Frame,
    Mention,
    build_frame,
    perpetrator_value,
)
from newstrace.events.records import (
    Casualties,
    EventActor,
    EventMention,
    FieldValue,
)
from newstrace.events.taxonomy import Trigger, find_triggers
from newstrace.events.weapons import WeaponMention, find_weapons
from newstrace.geo import km
from newstrace.language.records import Span

VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
TOLERANCE_KM = {"town": 50.0, "district": 100.0, "province": 300.0}
MIN_STRENGTH = 0.5
LEAD_SENTENCES = 4
MIN_VIOLENT = 0.45  # "struck", "attack": violence named plainly, typed by its context
VIOLENT_SUBTYPES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack",
                              "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                              "Armed clash", "Attack"})
AIRBORNE = frozenset({"warplane", "drone", "helicopter"})
GENERIC_SUBTYPES = frozenset({"Other", "Attack", "Armed clash"})
OUTCOME_FIELDS = ("fatalities", "injuries", "weapon", "platform")
TIME_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
_STOP_TEXT = """the and for with from that this was were are has have had its his her their
they them said says say after over into about near than but not who which what when where
while will would could been being also more most some other new news report reports"""
STOPWORDS = frozenset(_STOP_TEXT.split())


@dataclass(slots=True)
class _Draft:
    frames: list[Frame] = field(default_factory=list)
    extra: list[Frame] = field(default_factory=list)  # trigger-less outcome sentences

    @property
    def reporting(self) -> list[Frame]:
        return [f for f in self.frames if not f.denied] or self.frames


def extract_event_mentions(ctx: Context, article_id: str, title: str | None = None,
                           published_at: str | None = None) -> list[EventMention]:
    """Every happening the article reports or recalls, main one first."""
    weapons = find_weapons(ctx.text)
    frames = []
    for sent in _sentences(ctx):
        inside = [w for w in weapons if sent.start <= w.start and w.end <= sent.end]
        frames.append(build_frame(ctx, sent, _best_trigger(sent, inside), inside))
    published = _published_date(published_at)
    drafts = _assemble(frames, published)
    if not drafts or _recalled(drafts[0], published):
        lead = _lead(ctx, frames)
        if lead is None:
            return []
        drafts.insert(0, _Draft([lead]))
    _attach_denials(ctx, drafts)
    main_start = _draft_dates(drafts[0])[0] or published
    out = []
    for i, draft in enumerate(drafts):
        mention = _mention(ctx, draft, article_id, i, published_at,
                           published if i == 0 else None)
        mention.background = _is_background(mention, draft, main_start, i == 0, published)
        opening = [f.sentence for f in frames[:LEAD_SENTENCES]] if i == 0 else []
        mention.terms = _terms(draft, title if i == 0 else None, mention, opening)
        out.append(mention)
    return out


def _sentences(ctx: Context) -> list[Span]:
    return [Span(s.start_char, s.end_char, ctx.text[s.start_char:s.end_char])
            for s in ctx.doc.sents if ctx.text[s.start_char:s.end_char].strip()]


def _best_trigger(sent: Span, weapons: Sequence[WeaponMention]) -> Trigger | None:
    """The sentence's main happening: the first of its strong triggers (a sentence leads
    with what it reports; "in response to rocket attacks" comes after). Weak triggers
    ("blamed", "met") name happenings too vaguely to make an event of on their own."""
    found = [t for t in find_triggers(sent.text) if t.strength >= (
        MIN_VIOLENT if t.sub_event_type in VIOLENT_SUBTYPES else MIN_STRENGTH)]
    if not found:
        return None
    top = max(t.strength for t in found)
    best = next(t for t in found if t.strength >= 0.8 * top)
    sub = best.sub_event_type
    if best.event_type == "Explosions/Remote violence" and sub != "Air/drone strike" and any(
            w.name in AIRBORNE for w in weapons):  # fired from the air, whatever the munition
        sub = "Air/drone strike"
    return Trigger(best.start + sent.start, best.end + sent.start, best.text, best.event_type,
                   sub, best.strength)


# -- assembly ----------------------------------------------------------------------------

def _attach_denials(ctx: Context, drafts: list[_Draft]) -> None:
    """A denial is evidence against the denier's own part in the happening it answers: the
    one holding the claim it denies, or the one its own words were read into. "Its
    spokesman" denies for the institution the previous denial named."""
    last_actor: str | None = None
    for claim in ctx.claims:
        if claim.stance != "denies":
            continue
        actor = claim.speaker_actor or last_actor
        last_actor = actor
        aimed = {claim.id} | ({claim.denies} if claim.denies else set())
        draft = next((d for d in drafts if any(
            v.claim_id in aimed for f in d.frames + d.extra for v in f.values)
            or any(f.claim is claim for f in d.frames)), None)
        mention = next((m for m in ctx.mentions if m["kind"] == "actor"
                        and m.get("key") == actor), None)
        if draft is None or mention is None:
            continue
        value = perpetrator_value(ctx, mention)
        label = claim.speaker.text if claim.speaker is not None else str(mention["text"])
        draft.extra.append(Frame(claim.content, None, claim, True, values=[FieldValue(
            "perpetrator", value, label, claim.content, claim.id, negated=True)]))


def _lead(ctx: Context, frames: list[Frame]) -> Frame | None:
    """An article whose sentences name no happening strongly still reports something: its
    lead, typed by whatever weak trigger it has ("reopened", "passed")."""
    lead = next((f for f in frames if f.sentence.text.strip()), None)
    if lead is None:
        return None
    weak = find_triggers(lead.sentence.text)
    trigger = None
    if weak:
        t = max(weak, key=lambda t: t.strength)
        trigger = Trigger(t.start + lead.sentence.start, t.end + lead.sentence.start, t.text,
                          t.event_type, t.sub_event_type, t.strength)
    return build_frame(ctx, lead.sentence, trigger, [])


def _recalled(draft: _Draft, published: date | None) -> bool:
    end = _draft_dates(draft)[1]
    return end is not None and published is not None and end < published - timedelta(days=60)


def _assemble(frames: list[Frame], published: date | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    for frame in frames:
        if frame.trigger is None:
            if current is not None and any(v.field in OUTCOME_FIELDS for v in frame.values):
                frame.values = [v for v in frame.values if v.field in OUTCOME_FIELDS]
                current.extra.append(frame)
            continue
        match = _match(drafts, frame, current, published)
        if match is None:
            match = _Draft()
            drafts.append(match)
        match.frames.append(frame)
        current = match
    return drafts


def _match(drafts: list[_Draft], frame: Frame, current: _Draft | None,
           published: date | None) -> _Draft | None:
    ordered = ([current] if current is not None else []) + \
              [d for d in drafts if d is not current]
    return next((d for d in ordered if _fits(d, frame, published)), None)


def _fits(draft: _Draft, frame: Frame, published: date | None) -> bool:
    assert frame.trigger is not None
    kinds = {f.trigger.event_type for f in draft.frames if f.trigger is not None}
    kind = frame.trigger.event_type
    if kind not in kinds and not (kind in VIOLENT and kinds & VIOLENT) and not frame.denied:
        return False
    start, end = _draft_dates(draft)
    if start is None and published is not None:  # undated: reported as news, so recent
        start, end = published - timedelta(days=3), published
    if frame.time is not None and start is not None and end is not None:
        f_start = date.fromisoformat(str(frame.time["value_start"]))
        f_end = date.fromisoformat(str(frame.time["value_end"] or frame.time["value_start"]))
        if f_end < start - timedelta(days=1) or f_start > end + timedelta(days=1):
            return False
    place = next((f.place for f in draft.frames if f.place is not None), None)
    return frame.place is None or place is None or _near(place, frame.place)


def _near(a: Mention, b: Mention) -> bool:
    if a["place_id"] == b["place_id"]:
        return True
    coarse = max((str(a.get("precision")), str(b.get("precision"))),
                 key=lambda p: PLACE_ORDER.get(p, 5))
    if coarse not in TOLERANCE_KM:  # a country named in passing places nothing precisely
        return True
    return km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"])) \
        <= TOLERANCE_KM[coarse]


def _draft_dates(draft: _Draft) -> tuple[date | None, date | None]:
    times = [f.time for f in draft.reporting if f.time is not None] or \
            [f.time for f in draft.frames if f.time is not None]
    if not times:
        return None, None
    best = min(times, key=lambda t: TIME_ORDER.get(str(t["precision"]), 4))
    return (date.fromisoformat(str(best["value_start"])),
            date.fromisoformat(str(best["value_end"] or best["value_start"])))


def _published_date(published_at: str | None) -> date | None:
    try:
        return date.fromisoformat(published_at[:10]) if published_at else None
    except ValueError:
        return None


def _is_background(mention: EventMention, draft: _Draft, main_start: date | None, main: bool,
                   published: date | None) -> bool:
    if mention.date_end is None:  # an undated aside to the article's own story
        return not main
    end = date.fromisoformat(mention.date_end)
    if any("back" in str(f.time.get("hedge") or "") for f in draft.frames if f.time):
        return True
    if main:
        return published is not None and end < published - timedelta(days=60)
    # an aside that began before the article's own story is recalled, not reported
    return main_start is not None and date.fromisoformat(str(mention.date_start)) < main_start


# -- the mention's summary ---------------------------------------------------------------

def _mention(ctx: Context, draft: _Draft, article_id: str, index: int,
             published_at: str | None, published: date | None) -> EventMention:
    frames = draft.reporting
    best = _vote([f.trigger for f in frames if f.trigger is not None])
    first = frames[0]
    trigger = Span(best.start, best.end, best.text) if best else \
        Span(first.sentence.start, first.sentence.start, "")
    mention = EventMention(
        article_id=article_id, index=index,
        event_type=best.event_type if best else "Other",
        sub_event_type=best.sub_event_type if best else "Other",
        trigger=trigger, published_at=published_at, denied=all(f.denied for f in draft.frames))
    _set_time(mention, draft, published)
    _set_place(mention, draft, next(
        (m for m in ctx.mentions if m["kind"] == "place" and m.get("role") == "dateline"
         and m.get("place_id") and m.get("lat") is not None), None))
    mention.actors = _actors(ctx, draft)
    mention.values = _dedupe([v for f in draft.frames + draft.extra for v in f.values])
    mention.weapons = list(dict.fromkeys(
        v.value for v in mention.values if v.field in ("weapon", "platform")))
    mention.fatalities = _casualties(mention.values, "fatalities")
    mention.injuries = _casualties(mention.values, "injuries")
    mention.sentences = sorted({f.sentence for f in draft.frames + draft.extra},
                               key=lambda s: s.start)
    return mention


def _vote(triggers: list[Trigger]) -> Trigger | None:
    """The type most of the account's sentences give, the first sentence counting double;
    its first trigger stands for it."""
    votes: dict[tuple[str, str], float] = {}
    for i, t in enumerate(triggers):
        key = (t.event_type, t.sub_event_type)
        votes[key] = votes.get(key, 0.0) + t.strength * (3 if i == 0 else 1) + \
            (0.1 if t.sub_event_type not in GENERIC_SUBTYPES else 0)
    if not votes:
        return None
    kind = max(votes, key=lambda k: votes[k])
    return next(t for t in triggers if (t.event_type, t.sub_event_type) == kind)


def _set_time(mention: EventMention, draft: _Draft, published: date | None) -> None:
    start, end = _draft_dates(draft)
    times = [f.time for f in draft.reporting if f.time is not None]
    if start is not None and end is not None:
        best = min(times or [f.time for f in draft.frames if f.time is not None],
                   key=lambda t: TIME_ORDER.get(str(t["precision"]), 4))
        mention.date_start, mention.date_end = start.isoformat(), end.isoformat()
        mention.time_precision = str(best["precision"])
    elif published is not None:  # an undated main report: shortly before publication
        mention.date_start = (published - timedelta(days=2)).isoformat()
        mention.date_end = published.isoformat()
        mention.time_precision = "week"


def _set_place(mention: EventMention, draft: _Draft, dateline: Mention | None) -> None:
    """The most precise place the reports give, the lead's first among equals; the
    dateline only when the text names no place at all (it says where the reporter was)."""
    places = [f.place for f in draft.reporting if f.place is not None]
    denied = [f.place for f in draft.frames if f.denied and f.place is not None]
    if denied and (not places or _rank(denied) < _rank(places)):
        places += denied  # a denial names the place it denies precisely
    if not places:
        if dateline is None:
            return
        places = [dateline]
    counts = Counter(str(p["place_id"]) for p in places)
    counts[str(places[0]["place_id"])] += 2
    best = min(places, key=lambda p: (PLACE_ORDER.get(str(p.get("precision")), 5),
                                      -counts[str(p["place_id"])]))
    mention.place_id, mention.place = str(best["place_id"]), best.get("place")
    mention.country, mention.admin1 = best.get("country"), best.get("admin1")
    mention.lat, mention.lon = float(best["lat"]), float(best["lon"])
    mention.geo_precision = str(best.get("precision") or "town")


def _rank(places: list[Mention]) -> int:
    return min(PLACE_ORDER.get(str(p.get("precision")), 5) for p in places)


def _actors(ctx: Context, draft: _Draft) -> list[EventActor]:
    out: dict[tuple[str, str], EventActor] = {}
    for frame in draft.reporting:
        if frame.denied:
            continue
        for actor, role in frame.roles:
            if role == "perpetrator" and frame.claim is not None and \
                    frame.claim.speaker_actor != actor.get("key"):
                role = "alleged perpetrator"
            name = str(actor.get("actor") or actor.get("place") or actor["text"])
            key = (str(actor.get("actor_id") or name), role)
            out.setdefault(key, EventActor(name, role, actor.get("actor_id"), actor.get("key")))
    perps = {k[0] for k in out if k[1] == "perpetrator"}
    return [a for k, a in out.items() if not (k[1] == "alleged perpetrator" and k[0] in perps)]


def _dedupe(values: list[FieldValue]) -> list[FieldValue]:
    seen: dict[tuple[str, str, int, int, bool], FieldValue] = {}
    for v in values:
        seen.setdefault((v.field, v.value, v.span.start, v.span.end, v.negated), v)
    return list(seen.values())


def _casualties(values: Sequence[FieldValue], name: str) -> Casualties | None:
    found = [v for v in values if v.field == name and not v.negated]
    if not found:
        return None
    lows = [int(v.low) for v in found if v.low is not None]
    highs = [int(v.high) for v in found if v.high is not None]
    exact = Counter(int(v.low) for v in found if v.low is not None and v.low == v.high)
    best = exact.most_common(1)[0][0] if exact else (min(lows) if lows else None)
    high = None if any(v.high is None for v in found) else max(highs, default=None)
    return Casualties(min(lows) if lows else None, best, high)


def _terms(draft: _Draft, title: str | None, mention: EventMention, lead: list[Span]
           ) -> tuple[str, ...]:
    """Words that describe the happening: the title twice, the article's lead for its main
    happening, the sentences that report it, names, places, triggers; repetition is weight.
    Many stories (an arrest, an acquisition) carry no strong trigger, so the words are what
    groups them."""
    words: list[str] = []
    if title:
        words += [w.lower() for w in _WORD.findall(title) if w.lower() not in STOPWORDS] * 2
    sentences = {f.sentence for f in draft.frames[:3] + draft.extra[:1]} | set(lead)
    for sentence in sorted(sentences, key=lambda s: s.start):
        words += [w.lower() for w in _WORD.findall(sentence.text)
                  if w.lower() not in STOPWORDS]
    for frame in draft.frames[:3]:
        if frame.trigger is not None:
            words.append(frame.trigger.text.lower())
    words += [a.name.lower() for a in mention.actors]
    if mention.place:
        words.append(mention.place.lower())
    return tuple(words)


__all__ = ["Context", "extract_event_mentions", "perpetrator_value"]
