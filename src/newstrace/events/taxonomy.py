"""The event-type taxonomy (ACLED's sub-event types plus newstrace's non-conflict types) and
the trigger lexicon that finds and types the words naming a happening.

Why rules and not a model: this runs on every sentence of every article, must say *which*
words named the happening (the trigger becomes the mention's span), and must be cheap.
Triggers are found with one compiled alternation over written-out word forms (no
lemmatizer); a trigger word is usually ambiguous on its own ("strike", "attack",
"explosion"), so each carries a refiner that reads cue words of its sentence (or, in
``classify_text``, of the whole snippet): weapons and platforms, who acted, whom it hit,
protest context, labour context, accident and crime context. False friends (a labour
strike, "attacked the policy", a clash of views, "protested that ...") are refined away or
kept with a low strength, because a missed event costs less than a made-up one.

The word lists live in ``trigger_words`` (cue classes) and ``trigger_rules`` (trigger
phrases and refiners); this module holds the taxonomy, the matching and the scoring.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from newstrace.events.records import EVENT_TYPES
from newstrace.events.trigger_rules import HQ_RE, HQ_RULE, RULES, Ctx, Match
from newstrace.events.trigger_words import CUES

# Every sub-event type and its event type. ACLED's 25 first, then newstrace's extensions.
# "Other" is ACLED's Strategic developments/Other; the newstrace event type "Other" also has
# a sub-event type spelled "Other" (accidents, crime: happenings outside the taxonomy), which
# a str-keyed dict cannot hold twice: SUB_TYPES_BY_EVENT lists both.
SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
    "Flood": "Natural disaster",
    "Earthquake": "Natural disaster",
    "Storm": "Natural disaster",
    "Wildfire": "Natural disaster",
    "Landslide": "Natural disaster",
    "Drought": "Natural disaster",
    "Other natural disaster": "Natural disaster",
}
SUB_TYPES_BY_EVENT: dict[str, tuple[str, ...]] = {
    etype: tuple(s for s, t in SUB_EVENT_TYPES.items() if t == etype) for etype in EVENT_TYPES
}
SUB_TYPES_BY_EVENT["Other"] = ("Other",)
assert set(SUB_EVENT_TYPES.values()) | {"Other"} == set(EVENT_TYPES)


@dataclass(frozen=True, slots=True)
class Trigger:
    """Words naming a happening; ``strength`` in (0, 1] is how surely they name one of this
    type ("airstrike" 1.0, a bare "attack" about 0.5)."""

    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    strength: float


# Short codes for (event type, sub-event type), to keep the lexicon table readable.
_LABELS: dict[str, tuple[str, str]] = {
    "clash": ("Battles", "Armed clash"),
    "gov_terr": ("Battles", "Government regains territory"),
    "ns_terr": ("Battles", "Non-state actor overtakes territory"),
    "chem": ("Explosions/Remote violence", "Chemical weapon"),
    "air": ("Explosions/Remote violence", "Air/drone strike"),
    "suicide": ("Explosions/Remote violence", "Suicide bomb"),
    "shell": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "ied": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "grenade": ("Explosions/Remote violence", "Grenade"),
    "sexual": ("Violence against civilians", "Sexual violence"),
    "attack": ("Violence against civilians", "Attack"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "peace": ("Protests", "Peaceful protest"),
    "interv": ("Protests", "Protest with intervention"),
    "excess": ("Protests", "Excessive force against protesters"),
    "riot": ("Riots", "Violent demonstration"),
    "mob": ("Riots", "Mob violence"),
    "agree": ("Strategic developments", "Agreement"),
    "arrest": ("Strategic developments", "Arrests"),
    "change": ("Strategic developments", "Change to group/activity"),
    "disrupt": ("Strategic developments", "Disrupted weapons use"),
    "hq": ("Strategic developments", "Headquarters or base established"),
    "loot": ("Strategic developments", "Looting/property destruction"),
    "transfer": ("Strategic developments", "Non-violent transfer of territory"),
    "sd_other": ("Strategic developments", "Other"),
    "flood": ("Natural disaster", "Flood"),
    "quake": ("Natural disaster", "Earthquake"),
    "storm": ("Natural disaster", "Storm"),
    "wildfire": ("Natural disaster", "Wildfire"),
    "landslide": ("Natural disaster", "Landslide"),
    "drought": ("Natural disaster", "Drought"),
    "nd_other": ("Natural disaster", "Other natural disaster"),
    "other": ("Other", "Other"),
}


_TOKEN = re.compile(r"[^\W_]+")


def _cue_keys(forms: str) -> list[str]:
    """A cue's word forms as token keys: hyphens split words (as the tokenizer does), "~"
    gives both the joined and the spaced spelling."""
    keys = []
    for f in forms.lower().replace("-", "_").split():
        keys.append(f.replace("~", "_").replace("_", " "))
        if "~" in f:
            keys.append(f.replace("~", "").replace("_", " "))
    return keys


_CUE_INDEX: dict[str, tuple[str, ...]] = {}
for _name, _forms in CUES.items():
    for _key in _cue_keys(_forms):
        _CUE_INDEX[_key] = (*_CUE_INDEX.get(_key, ()), _name)
_CUE_MAX = max(k.count(" ") for k in _CUE_INDEX) + 1
_CUE_EXTRA = {"air": re.compile(r"\b(?:F-\d{1,3}|Su-\d{2}|MiG-\d{2}|MQ-\d)\b"),
              "nonstate": re.compile(r"\bIS\b")}
_NOT_GRENADE = ("stun", "flash", "sound")
_RIOT_GEAR = ("police", "gear", "control", "squad", "officers", "shields", "unit")


def _trigger_index() -> tuple[dict[str, int], set[str], int]:
    """Phrase key -> rule index (the first rule listing a phrase owns it); the words that
    can start a phrase; the longest phrase in words."""
    index: dict[str, int] = {}
    for i, (forms, _) in enumerate(RULES):
        for key in _cue_keys(forms):
            index.setdefault(key, i)
    return index, {k.split(" ", 1)[0] for k in index}, max(k.count(" ") for k in index) + 1


_TRIG_INDEX, _TRIG_FIRST, _TRIG_MAX = _trigger_index()
_GAP = re.compile(r"[\s-]+")


def _matches(text: str) -> list[tuple[int, int, int]]:
    """(start, end, rule index) of every lexicon phrase, longest first at each word, left
    to right without overlap; the base-building pattern merged in."""
    toks = [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    words = [w for w, _, _ in toks]
    out: list[tuple[int, int, int]] = []
    for hq in HQ_RE.finditer(text):
        out.append((hq.start(), hq.end(), -1))
    i, n_tok = 0, len(toks)
    while i < n_tok:
        if words[i] not in _TRIG_FIRST:
            i += 1
            continue
        for n in range(min(_TRIG_MAX, n_tok - i), 0, -1):
            rule = _TRIG_INDEX.get(" ".join(words[i:i + n]))
            if rule is not None and all(_GAP.fullmatch(text, toks[j][2], toks[j + 1][1])
                                        for j in range(i, i + n - 1)):
                out.append((toks[i][1], toks[i + n - 1][2], rule))
                i += n
                break
        else:
            i += 1
    if len(out) > 1:
        out.sort()
        kept = [out[0]]
        for cur in out[1:]:
            if cur[0] >= kept[-1][1]:
                kept.append(cur)
        out = kept
    return out


_SENT_END = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")


def _windows(text: str) -> list[int]:
    """Sentence start offsets (a cheap splitter: good enough to scope cue words)."""
    return [0] + [m.end() for m in _SENT_END.finditer(text)]


def _cue_positions(text: str, start: int, end: int) -> dict[str, list[int]]:
    """Every cue class found in text[start:end], with the offsets where it occurs: a word
    may belong to several classes ("village" is a civilian target and a place)."""
    toks = [(m.group(0).lower(), m.start()) for m in _TOKEN.finditer(text, start, end)]
    words = [w for w, _ in toks]
    pos: dict[str, list[int]] = {}
    for i, (_, at) in enumerate(toks):
        for n in range(1, min(_CUE_MAX, len(toks) - i) + 1):
            names = _CUE_INDEX.get(" ".join(words[i:i + n]))
            if not names:
                continue
            for name in names:
                if name == "grenade" and i and words[i - 1] in _NOT_GRENADE:
                    continue
                if name == "violent" and n == 1 and words[i] == "riot" and i + 1 < len(words) \
                        and words[i + 1] in _RIOT_GEAR:
                    continue
                pos.setdefault(name, []).append(at)
    for name, rx in _CUE_EXTRA.items():
        for m in rx.finditer(text, start, end):
            pos.setdefault(name, []).append(m.start())
    return pos


def _triggers(text: str, whole: bool) -> list[Trigger]:
    starts = [0] if whole else _windows(text)
    ctxs: dict[int, Ctx] = {}
    out: list[Trigger] = []
    for start, end, rule in _matches(text):
        k = bisect_right(starts, start) - 1
        if k not in ctxs:
            stop = starts[k + 1] if k + 1 < len(starts) else len(text)
            ctxs[k] = Ctx(_cue_positions(text, starts[k], stop))
        m = Match(text, start, end)
        got = (RULES[rule] if rule >= 0 else HQ_RULE)[1](ctxs[k], m)
        if got is None:
            continue
        etype, sub = _LABELS[got[0]]
        out.append(Trigger(m.start(), m.end(), m.group(0), etype, sub, got[1]))
    return out


def find_triggers(text: str) -> list[Trigger]:
    """Every word or phrase of ``text`` that names a happening, typed from its sentence, in
    text order and non-overlapping."""
    return _triggers(text, whole=False)


# Sub-types a bare trigger falls back to: a more specific reading beats them at equal strength.
_GENERIC = {"Attack", "Other", "Armed clash", "Peaceful protest"}


def classify_text(text: str) -> tuple[str, str] | None:
    """The best (event type, sub-event type) for a short snippet, or None.

    Triggers are refined against the whole snippet (a weapon named in the second sentence
    types the "attack" of the first); each label scores its strongest trigger, plus a little
    for every further one and for a specific sub-type.
    """
    best: dict[tuple[str, str], float] = {}
    for t in _triggers(text, whole=True):
        key = (t.event_type, t.sub_event_type)
        score = t.strength + (0.0 if t.sub_event_type in _GENERIC else 0.05)
        prev = best.get(key)
        best[key] = score if prev is None else max(prev, score) + 0.1 * min(prev, score)
    if not best:
        return None
    return max(best.items(), key=lambda kv: kv[1])[0]
