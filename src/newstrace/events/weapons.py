"""Weapons and the platforms that carry them, as named in text.

The events stage reports a weapon field (munitions: missile, mortar, IED) and a platform
field (warplane, drone, helicopter) separately, because reports agree on one and differ on
the other ("a drone fired two missiles" vs "a missile strike"). Each mention carries the
canonical singular ``name`` so mentions compare across articles, and the type designation
(``model``: "F-16", "MQ-9 Reaper", "Grad") when the text gives one.

Two regexes, compiled once: common nouns (case-insensitive, plural forms written out) and
type designations (case-sensitive: "Grad" the rocket, not "grad" the graduate). Cheap
false-friend checks look one or two words around: "water jets", "private jet", "shell
company", "think tank", "bricks and mortar", "smoking gun", "the drone of traffic".
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WeaponMention:
    """A weapon or platform named in text: offsets, the words, the canonical name, "weapon"
    or "platform", and the type designation when given."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    model: str | None = None


# (word forms, canonical name, kind). In a form "~" is an optional space or hyphen; forms
# are matched whole-word, case-insensitive; longer forms first within an entry, and an entry
# whose phrases start with another entry's word ("artillery shell") listed before it.
_NOUNS: list[tuple[str, str, str]] = [
    ("chemical~weapon chemical~weapons chemical~munitions nerve~agent nerve~agents sarin "
     "chlorine~gas mustard~gas", "chemical weapon", "weapon"),
    ("tear~gas teargas tear~gas~canisters tear~gas~shells", "tear gas", "weapon"),
    ("improvised~explosive~device improvised~explosive~devices ied ieds roadside~bomb "
     "roadside~bombs car~bomb car~bombs vbied vbieds booby~trap booby~traps "
     "magnetic~bomb sticky~bomb", "ied", "weapon"),
    ("landmine landmines land~mine land~mines anti-personnel~mine anti-tank~mine",
     "landmine", "weapon"),
    ("cruise~missile cruise~missiles ballistic~missile ballistic~missiles missile missiles "
     "anti-tank~missile anti-tank~missiles guided~missile guided~missiles",
     "missile", "weapon"),
    ("rocket-propelled~grenade rocket-propelled~grenades rpg rpgs", "rocket", "weapon"),
    ("rocket rockets katyusha katyushas", "rocket", "weapon"),
    ("mortar~shell mortar~shells mortar~round mortar~rounds mortar mortars",
     "mortar", "weapon"),
    ("artillery~shell artillery~shells tank~shell tank~shells shells", "shell", "weapon"),
    ("artillery howitzer howitzers", "artillery", "weapon"),
    ("barrel~bomb barrel~bombs cluster~bomb cluster~bombs bomb bombs", "bomb", "weapon"),
    ("hand~grenade hand~grenades grenade grenades", "grenade", "weapon"),
    ("explosive~device explosive~devices explosives explosive~vest explosive~belt "
     "suicide~vest suicide~belt dynamite", "explosive", "weapon"),
    ("machine~gun machine~guns assault~rifle assault~rifles rifle rifles gun guns pistol "
     "pistols handgun handguns revolver revolvers small~arms firearm firearms gunfire "
     "gunshots gunshot kalashnikov kalashnikovs shotgun shotguns", "firearm", "weapon"),
    ("knife knives", "knife", "weapon"),
    ("machete machetes", "machete", "weapon"),
    ("fighter~jet fighter~jets warplane warplanes war~plane war~planes fighter~plane "
     "fighter~planes fighter~aircraft military~aircraft jet jets aircraft bomber~aircraft "
     "bomber bombers",
     "warplane", "platform"),
    ("unmanned~aerial~vehicle unmanned~aerial~vehicles unmanned~aircraft drone drones uav "
     "uavs quadcopter quadcopters loitering~munition loitering~munitions", "drone",
     "platform"),
    ("helicopter~gunship helicopter~gunships helicopter helicopters gunship gunships "
     "chopper choppers", "helicopter", "platform"),
    ("tank tanks", "tank", "platform"),
    ("warship warships frigate frigates destroyer destroyers gunboat gunboats "
     "naval~vessel naval~vessels", "ship", "platform"),
    ("armoured~vehicle armoured~vehicles armored~vehicle armored~vehicles "
     "armoured~personnel~carrier armored~personnel~carrier apc apcs military~vehicle "
     "military~vehicles", "vehicle", "platform"),
]

# Type designations: (regex, canonical name, kind); the matched text is the model.
_MODELS: list[tuple[str, str, str]] = [
    (r"(?:F|FA|F/A)-\d{1,3}[A-Z]?|Su-\d{2}[A-Z]*|MiG-\d{2}[A-Z]*|Tu-\d{2,3}[A-Z]*|"
     r"B-(?:1B?|2|52)|A-10|Mirage(?: 2000)?|Rafale|Eurofighter(?: Typhoon)?|Tornado jets?|"
     r"J-\d{2}", "warplane", "platform"),
    (r"MQ-\d(?: Reaper| Predator)?|RQ-\d{1,3}(?: Global Hawk)?|Reaper|Predator|"
     r"Bayraktar(?: TB2)?|TB2|Shahed(?:-\d{3})?|Geran-\d|Orlan-\d{1,2}|Lancet|"
     r"Wing Loong(?: I{1,2})?|Mohajer-\d|Heron|Hermes \d{3}", "drone", "platform"),
    (r"AH-64(?: Apache)?|Apache|Black Hawk|UH-60|Mi-\d{1,2}|Ka-5\d|AH-1Z?(?: Cobra)?",
     "helicopter", "platform"),
    (r"T-(?:55|62|64|72|80|90)[A-Z]*|Leopard 2|Leopard|M1 Abrams|Abrams|Merkava|"
     r"Challenger 2", "tank", "platform"),
    (r"Grad|BM-\d{2}|HIMARS|M142|Smerch|Uragan|Katyusha|Qassam", "rocket", "weapon"),
    (r"Tomahawk|Kalibr|Iskander(?:-M)?|Scud|Kh-\d{2,3}|ATACMS|Storm Shadow|Javelin|Stinger|"
     r"Hellfire|Kornet|Fateh-\d{3}|Zolfaghar|Burkan|Hwasong-\d{1,2}|S-[34]00|Patriot|"
     r"Tochka(?:-U)?", "missile", "weapon"),
    (r"AK-47|AK-74|M16|M4 carbine|RPG-7", "firearm", "weapon"),
]

# Words that, right before or after a form, show it is not a weapon.
_NOT_BEFORE: dict[str, tuple[str, ...]] = {
    "warplane": ("water", "private", "passenger", "jumbo", "commercial", "business",
                 "corporate", "cargo", "civilian", "airline", "civil", "executive"),
    "tank": ("think", "fuel", "water", "oil", "gas", "septic", "storage", "fish", "shark",
             "petrol", "diesel", "propane", "oxygen", "holding", "sewage"),
    "mortar": ("bricks and", "brick and", "pestle and"),
    "firearm": ("smoking", "glue", "nail", "spray", "starting", "top", "staple", "heat",
                "water", "big"),
    "shell": ("sea", "egg", "nut", "turtle", "snail", "oyster"),
    "bomb": ("photo", "bath", "box-office", "sex", "f-"),
    "drone": (),
}
_NOT_AFTER: dict[str, tuple[str, ...]] = {
    "warplane": ("lag", "ski", "set", "stream", "fuel", "engine", "skis"),
    "shell": ("company", "companies", "corporation", "oil", "game", "script", "out", "shocked"),
    "tank": ("top", "tops", "of"),
    "drone": ("of", "on"),
    "firearm": ("control", "laws", "law", "violence", "rights", "lobby", "owners", "show",
            "shows", "culture"),
    "rocket": ("science", "scientist", "scientists", "launcher"),
    "bomb": ("threat", "threats", "squad", "disposal", "shelter", "shelters"),
}


def _alt(forms: str) -> str:
    parts = [r"[\s-]?".join(re.escape(w) for w in f.split("~")) for f in forms.split()]
    return "|".join(sorted(parts, key=len, reverse=True))


def _compile_nouns() -> tuple[re.Pattern[str], list[tuple[str, str]]]:
    groups = [f"(?P<n{i}>{_alt(forms)})" for i, (forms, _, _) in enumerate(_NOUNS)]
    rx = re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.IGNORECASE)
    return rx, [(name, kind) for _, name, kind in _NOUNS]


_NOUN_RE, _NOUN_INFO = _compile_nouns()
_MODEL_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<m{i}>{rx})" for i, (rx, _, _) in enumerate(_MODELS))
    + r")(?![\w-])")
_BEFORE_RE = {name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words)
                                + r")[\s-]*$", re.IGNORECASE)
              for name, words in _NOT_BEFORE.items() if words}
_PERSON_BOMBER = re.compile(r"\b(?:the|a|suicide|would-be)[\s-]*$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"[\s-]*([\w-]+)")


def _false_friend(text: str, start: int, end: int, name: str) -> bool:
    """True when the words right before or after the noun give it a non-weapon sense."""
    if text[start:end].lower().startswith("bomber") and _PERSON_BOMBER.search(
            text, max(0, start - 24), start):
        return True  # "the bomber" / "a suicide bomber": a person
    rx = _BEFORE_RE.get(name)
    if rx is not None and rx.search(text, max(0, start - 24), start):
        return True
    after = _WORD_AFTER.match(text, end, end + 24)
    return after is not None and after.group(1).lower() in _NOT_AFTER.get(name, ())


def _nouns(text: str) -> list[WeaponMention]:
    out = []
    for m in _NOUN_RE.finditer(text):
        assert m.lastgroup is not None
        name, kind = _NOUN_INFO[int(m.lastgroup[1:])]
        if _false_friend(text, m.start(), m.end(), name):
            continue
        out.append(WeaponMention(m.start(), m.end(), m.group(0), name, kind))
    return out


def _models(text: str) -> list[WeaponMention]:
    out = []
    for m in _MODEL_RE.finditer(text):
        assert m.lastgroup is not None
        _, name, kind = _MODELS[int(m.lastgroup[1:])]
        out.append(WeaponMention(m.start(), m.end(), m.group(0), name, kind, m.group(0)))
    return out


def _merge(models: list[WeaponMention], nouns: list[WeaponMention],
           text: str) -> list[WeaponMention]:
    """A model followed by its noun ("F-16 jets", "Grad rockets") becomes one mention with
    the model; otherwise models win overlaps and the rest keep text order."""
    by_start = {n.start: n for n in nouns}
    merged: list[WeaponMention] = []
    used: set[int] = set()
    for mo in models:
        gap = len(text[mo.end:]) - len(text[mo.end:].lstrip(" -"))
        noun = by_start.get(mo.end + gap)
        if noun is not None and gap <= 2 and (noun.name == mo.name or mo.kind == noun.kind):
            used.add(noun.start)
            merged.append(WeaponMention(mo.start, noun.end, text[mo.start:noun.end],
                                        mo.name, mo.kind, mo.model))
        else:
            merged.append(mo)
    rest = [n for n in nouns if n.start not in used
            and not any(m.start < n.end and n.start < m.end for m in merged)]
    return sorted(merged + rest, key=lambda w: w.start)


def find_weapons(text: str) -> list[WeaponMention]:
    """Weapons and platforms named in ``text``, in text order and non-overlapping."""
    return _merge(_models(text), _nouns(text), text)
