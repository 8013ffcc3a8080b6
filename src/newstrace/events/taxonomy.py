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
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from newstrace.events.records import EVENT_TYPES

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


# Context cues: word classes looked for around a trigger (its sentence, or the snippet).
_CUES: dict[str, str] = {
    "air": ("drone drones uav uavs warplane warplanes war~plane war~planes jets jet "
                "fighter~jet fighter~jets aircraft air~force air~forces air~strike air~strikes "
                "air~raid air~raids aerial helicopter helicopters gunship gunships bombers "
                "airstrike airstrikes air-launched sorties sortie coalition~aircraft "
                "bombing~raid bombing~raids"),
    "art": ("artillery shelling shelled shells mortar mortars rocket rockets missile "
                "missiles howitzer howitzers barrage grad katyusha katyushas cannon "
                "projectile projectiles rocket-propelled ballistic cruise~missile "
                "tank~fire mlrs fired~shells"),
    "ied": ("ied ieds improvised~explosive roadside~bomb roadside~bombs landmine landmines "
                "land~mine land~mines car~bomb car~bombs booby~trap booby~trapped "
                "booby~traps explosive~device explosive~devices planted remote-controlled "
                "remote~controlled magnetic~bomb sticky~bomb motorcycle~bomb vbied "
                "explosive-laden explosives-laden unexploded mine~blast roadside "
                "bomb~exploded bomb~went~off bomb~blast bomb~attack bicycle~bomb"),
    "suicide": ("suicide suicide~bomber suicide~bombers explosive~vest explosives~vest "
                    "explosive~belt suicide~vest blew~himself~up blew~herself~up "
                    "blew~themselves~up"),
    "grenade": ("grenade grenades hand~grenade"),
    "chem": ("chemical~weapon chemical~weapons chemical~attack chemical~attacks "
                 "chemical~agent chemical~agents chemical~munitions chlorine sarin "
                 "mustard~gas nerve~agent nerve~agents toxic~gas poison~gas poisonous~gas "
                 "gas~attack novichok vx toxic~chemicals"),
    "protest": ("protest protests protested protesting protester protesters protestor "
                    "protestors demonstration demonstrations demonstrators demonstrator "
                    "rally rallies marchers sit-in sit-ins picket picketed picketing "
                    "took~to~the~streets strikers agitation agitators"),
    "interv": ("tear~gas teargas tear-gassed water~cannon water~cannons dispersed "
                   "disperse dispersing rubber~bullets rubber~bullet baton batons baton~charge "
                   "baton-charged lathi lathicharge lathi-charge pepper~spray stun~grenades "
                   "stun~grenade broke~up broken~up cracked~down crackdown arrested detained "
                   "suppressed suppress suppressing chased chase pepper-sprayed "
                   "pepper~sprayed"),
    "lethal": ("killed killing shot~dead shot died dead deaths death live~ammunition "
                   "live~rounds live~fire opened~fire fired~on fired~at death~toll fatally "
                   "gunfire bullets massacre"),
    "harm": ("brutally beaten beat beating wounded injured injuring violently hurt"),
    "excess": ("live~ammunition live~rounds live~fire opened~fire fired~on fired~at "
               "shot~dead excessive~force violently~suppressed violently~dispersed "
               "brutally brutal~crackdown fatally shot~and~killed gunfire"),
    "diplo": ("sanctions sanction expelled expel expels expelling expulsion diplomats "
              "diplomat consulate embassy ambassador condemned condemns condemnation "
              "test tests tested testing test-fired test-launched"),
    "claim": ("claimed~responsibility claims~responsibility claim~responsibility "
              "took~credit takes~credit claimed~credit denied~responsibility"),
    "found": ("found discovered uncovered recovered stash stashes cache caches hideout "
              "depot seized confiscated defused dismantled unearthed"),
    "boom": ("exploded explosion blast explosions blasts went~off detonated killed "
             "killing wounded injured"),
    "security": ("police policemen policeman officers security~forces troops soldiers army "
                     "riot~police gendarmes gendarmerie military paramilitary forces "
                     "security~personnel cops law~enforcement"),
    "violent": ("riot riots rioting rioters stones stone stone-pelting pelted pelting "
                    "hurled threw throwing molotov petrol~bombs petrol~bomb torched "
                    "set~fire set~ablaze vandalized vandalised vandalism smashed violent "
                    "violence burned~tyres burnt~tyres burning~tyres clashed clashes "
                    "bottles clash clashing rampage thrown throws throw projectiles "
                    "scuffles scuffle scuffled aggressive pulled~down pull~down barricades "
                    "barricaded vandals"),
    "mob": ("mob mobs lynched lynching lynch vigilante vigilantes angry~crowd irate "
                "mob~justice angry~residents angry~villagers"),
    "civ": ("civilian civilians villagers residents worshippers worshipers farmers "
                "passengers women children students family families shoppers pilgrims "
                "villager resident man woman boy girl teacher teachers journalist "
                "journalists aid~workers workers tourists herders people locals mosque "
                "church market school hospital village home house homes houses"),
    "mil": ("soldiers troops army military~base military~post military~convoy "
                "military~positions positions position checkpoint checkpoints army~base "
                "base bases outpost outposts convoy police~station police~post "
                "police~officers policemen barracks security~forces army~patrol patrol "
                "militants rebels insurgents fighters forces"),
    "gov": ("army troops government~forces military soldiers security~forces "
                "regime~forces regime loyalist loyalists pro-government pro-regime "
                "syrian~arab~army saa forces~loyal national~army government~troops "
                "armed~forces fardc tatmadaw peshmerga government defence~forces "
                "defense~forces police iraqi~forces afghan~forces"),
    "nonstate": ("militants militant rebels rebel insurgents insurgent jihadists "
                     "jihadist islamic~state isis isil is daesh al-shabaab al~shabaab "
                     "shabaab al-qaeda al~qaeda qaeda taliban boko~haram houthi houthis "
                     "fighters gunmen militia militias militiamen separatists separatist "
                     "guerrillas guerrilla opposition~forces opposition sdf ypg pkk hts "
                     "extremists terrorists terrorist armed~group armed~groups bandits "
                     "insurgency mujahideen"),
    "labour": ("workers employees union unions teachers doctors nurses staff drivers "
                   "general~strike went~on~strike on~strike strikers walkout walk-out pay "
                   "wages wage salary salaries labour labor transporters traders "
                   "pensions pension employers bandh shutdown hartal"),
    "accident": ("gas~cylinder gas~leak gas~explosion boiler factory plant refinery "
                     "pipeline tanker fireworks warehouse short~circuit accident "
                     "accidentally industrial coal~mine chemical~plant caught~fire fuel "
                     "oil~tank gas~tank gas~station cylinder firefighters fire~brigade "
                     "firefighting fire~crews mine~collapse blaze spill spilt spilled leak "
                     "leaked leakage leaking crash crashed crashes derailed collision "
                     "capsized propane poisoning contaminated container storage garage "
                     "solvents"),
    "sport": ("match goal goals striker midfielder league season coach team scored "
                  "tournament cup championship playoff defender innings wicket"),
    "rhetoric": ("policy policies plan critics remarks speech comments statement "
                     "verbally verbal twitter criticism proposal bill decision rhetoric "
                     "opinion views debate parliament editorial argument words"),
    "wseize": ("weapons weapon arms ammunition ammo explosives rifles guns grenades "
                   "rockets cache caches arsenal ieds bombs mortar~rounds firearms "
                   "detonators pistols pistol bullets revolvers revolver rifle cartridges "
                   "rounds projectiles machine~guns mortars munitions explosive~devices "
                   "explosive~device ordnance"),
    "crime": ("drugs drug cocaine heroin narcotics smuggling smuggled smugglers smuggle "
                  "trafficking traffickers trafficked contraband cannabis marijuana "
                  "methamphetamine robbery robberies robbers robbed gang gangs cartel "
                  "cartels fraud counterfeit bribe bribery poaching poachers theft thefts "
                  "stolen burglary thieves criminal criminals extortion kidnap-for-ransom "
                  "trafficker crime crimes scam pornography pornographic thugs hacker "
                  "hackers hacking cybercrime migrants"),
    "terrplace": ("town towns village villages city cities district districts area areas "
                      "territory territories hill hills region province neighbourhood "
                      "neighborhood airport crossing strategic capital locality settlement "
                      "control base bases positions outskirts county municipality oilfield "
                      "dam bridge highway road"),
    "people": ("militant militants fighter fighters suspect suspects soldier soldiers "
                   "members member commander leader man men woman women person people "
                   "prisoners"),
    "nonviol": ("without~a~fight without~resistance without~fighting without~clashes "
                    "handed~over handover hand~over peacefully withdrawal withdrew "
                    "pulled~out"),
    "space": ("spacex nasa satellite satellites space~agency orbit lunar"),
    "volcano": ("volcano volcanic lava eruption"),
    "disaster": ("flood floods flooding earthquake quake storm cyclone typhoon hurricane "
                     "landslide wildfire drought tsunami"),
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
for _name, _forms in _CUES.items():
    for _key in _cue_keys(_forms):
        _CUE_INDEX[_key] = (*_CUE_INDEX.get(_key, ()), _name)
_CUE_MAX = max(k.count(" ") for k in _CUE_INDEX) + 1
_CUE_EXTRA = {"air": re.compile(r"\b(?:F-\d{1,3}|Su-\d{2}|MiG-\d{2}|MQ-\d)\b")}
_NOT_GRENADE = ("stun", "flash", "sound")
_RIOT_GEAR = ("police", "gear", "control", "squad", "officers", "shields", "unit")


class _Ctx:
    """The cue words found in one window of the text, with their positions."""

    __slots__ = ("pos",)

    def __init__(self, pos: dict[str, list[int]]) -> None:
        self.pos = pos

    def has(self, *names: str) -> bool:
        return any(n in self.pos for n in names)

    def before(self, name: str, at: int) -> int:
        """Position of the nearest cue ``name`` before ``at``, or -1."""
        return max((p for p in self.pos.get(name, ()) if p < at), default=-1)

    def first(self, name: str, at: int) -> int:
        """Position of the first cue ``name`` before ``at``, or -1."""
        return min((p for p in self.pos.get(name, ()) if p < at), default=-1)

    def after(self, name: str, at: int) -> bool:
        return any(p > at for p in self.pos.get(name, ()))


class _M:
    """A found trigger as the refiners see it: the text and the trigger's offsets."""

    __slots__ = ("_end", "_start", "string")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self.string[self._start:self._end]


_Result = tuple[str, float] | None
_Refiner = Callable[[_Ctx, _M], _Result]


def _weapon(ctx: _Ctx) -> str | None:
    """The remote-violence sub-type the window's weapon words point at, most telling first."""
    for cue in ("suicide", "chem", "air", "grenade", "ied", "art"):
        if ctx.has(cue):
            return {"chem": "chem", "art": "shell"}.get(cue, cue)
    return None


def _protest_force(ctx: _Ctx) -> str | None:
    """Protest context, by what happened at it: protesters' own violence (stones, clashes)
    makes it a violent demonstration; lethal or brutal force against it, excessive force;
    tear gas, dispersal or arrests, intervention."""
    if not ctx.has("protest"):
        return None
    if ctx.has("violent"):
        return "riot"
    if ctx.has("excess") or (ctx.has("lethal") and ctx.has("security")):
        return "excess"
    if ctx.has("interv"):
        return "interv"
    return None


def _r_protest(ctx: _Ctx, m: _M) -> _Result:
    word = m.group(0).lower()
    nxt = m.string[m.end():m.end() + 6].lower()
    if word in ("protested", "protests", "protest") and nxt.startswith((" that", " the ")) \
            and not ctx.has("security", "interv"):
        return None  # "protested that ..." reports speech, not a gathering
    if ctx.has("mob") and not ctx.has("protest"):
        return ("mob", 0.8)
    forced = _protest_force(ctx) if ctx.has("protest") else None
    if forced is None and ctx.has("violent", "interv") and ctx.has("security"):
        forced = "riot" if ctx.has("violent") else "interv"
    return (forced or "peace", 0.85)


def _r_strike(ctx: _Ctx, m: _M) -> _Result:
    if ctx.has("labour") and not ctx.has("air", "art"):
        return ("peace", 0.7)
    if ctx.has("sport"):
        return None
    kind = _weapon(ctx)
    if kind:
        return (kind, 0.75)
    return ("air", 0.45)


def _r_weapon(default: str, strength: float, needs_cue: bool = False) -> _Refiner:
    """Explosions, bombings, blasts: typed by the weapon words around them. A device found
    or defused without anything going off is a disrupted weapons use; an explosion at a
    factory or a gas tank is an accident unless a weapon is named."""

    def refine(ctx: _Ctx, m: _M) -> _Result:
        kind = _weapon(ctx)
        if ctx.has("found") and not ctx.has("boom"):
            return ("disrupt", 0.8)
        if ctx.has("accident") and not ctx.has("nonstate", "suicide", "chem", "ied"):
            return ("other", 0.6)
        cap = 0.5 if ctx.has("diplo") and not ctx.has("boom") else 1.0
        if needs_cue:
            return (kind, min(cap, strength)) if kind else None
        if kind:
            return (kind, min(cap, max(strength, 0.75)))
        return (default, min(cap, strength))

    return refine


def _r_attack(strength: float) -> _Refiner:
    """A bare attack/assault/killing: by weapon, then by context (protest, targets)."""

    def refine(ctx: _Ctx, m: _M) -> _Result:
        if ctx.has("sport"):
            return None
        after = m.string[m.end():m.end() + 30].lower()
        if (ctx.has("rhetoric") and not ctx.has("lethal", "civ", "mil", "air", "art", "ied")) \
                or after.startswith((" the policy", " the plan", " the decision")):
            return None
        if ctx.has("accident") and not ctx.has("nonstate", "suicide", "ied"):
            return ("other", 0.5)
        kind = _weapon(ctx)
        if kind:
            return (kind, max(strength, 0.7))
        forced = _protest_force(ctx)
        if forced:
            return (forced, 0.75)
        if ctx.has("mob"):
            return ("mob", 0.7)
        if ctx.has("mil") and ctx.after("mil", m.start()) and not ctx.after("civ", m.start()):
            return ("clash", strength)
        if ctx.has("gov") and ctx.has("nonstate") and not ctx.has("civ"):
            return ("clash", strength)
        return ("attack", strength)

    return refine


def _r_clash(ctx: _Ctx, m: _M) -> _Result:
    after = m.string[m.end():m.end() + 24].lower()
    if ctx.has("rhetoric") and not ctx.has("lethal", "mil", "nonstate", "air", "art"):
        return None  # a clash of views
    if after.startswith((" of ", " over ")) and not ctx.has("lethal", "nonstate"):
        return None
    if ctx.has("protest") or (ctx.has("violent") and ctx.has("security")
                              and not ctx.has("nonstate")):
        return ("riot", 0.8)
    if ctx.has("mob"):
        return ("mob", 0.7)
    return ("clash", 0.85)


def _winner(ctx: _Ctx, m: _M) -> str | None:
    """Who took the place: the nearest actor word before the verb, else "by X" after it;
    "from X" after it names the loser."""
    g, n = ctx.first("gov", m.start()), ctx.first("nonstate", m.start())
    if g >= 0 or n >= 0:
        return "gov" if n < 0 or 0 <= g < n else "nonstate"
    tail = m.string[m.end():m.end() + 80].lower()
    by, frm = tail.find(" by "), tail.find(" from ")
    if frm >= 0 and (by < 0 or frm < by):
        if ctx.after("nonstate", m.end()):
            return "gov"
        if ctx.after("gov", m.end()):
            return "nonstate"
    if by >= 0:
        if ctx.after("gov", m.end()) and not ctx.after("nonstate", m.end()):
            return "gov"
        if ctx.after("nonstate", m.end()):
            return "nonstate"
    return None


def _r_territory(retake: bool) -> _Refiner:
    def refine(ctx: _Ctx, m: _M) -> _Result:
        tail = m.string[m.end():m.end() + 40].lower()
        if ctx.has("wseize") and (not ctx.has("terrplace") or ctx.has("found")):
            return ("disrupt", 0.7)
        if ctx.has("crime"):
            return ("other", 0.5)
        if not ctx.has("terrplace") and re.match(r"\s+(?:\w+\s+){0,2}(?:[a-z]+s|him|her|them)\b",
                                                 tail) and ctx.has("people"):
            return ("arrest", 0.45)
        if ctx.has("nonviol") and not ctx.has("lethal"):
            return ("transfer", 0.6)
        who = _winner(ctx, m)
        if who is None:
            who = "gov" if retake else "nonstate"
        strength = 0.8 if ctx.has("terrplace") else 0.45
        return ("gov_terr" if who == "gov" else "ns_terr", strength)

    return refine


def _r_arrest(ctx: _Ctx, m: _M) -> _Result:
    if ctx.has("crime"):
        return ("other", 0.55)
    forced = _protest_force(ctx)
    if ctx.has("protest") and forced in ("interv", None):
        return ("interv", 0.75)
    return ("arrest", 0.8)


def _r_seize(ctx: _Ctx, m: _M) -> _Result:
    if ctx.has("wseize", "ied"):
        return ("disrupt", 0.8)
    if ctx.has("crime"):
        return ("other", 0.6)
    return _r_territory(False)(ctx, m)


def _r_burn(ctx: _Ctx, m: _M) -> _Result:
    if ctx.has("protest", "violent") and ctx.has("protest", "security"):
        return ("riot", 0.75)
    if ctx.has("mob"):
        return ("mob", 0.75)
    if ctx.has("accident") and not ctx.has("nonstate", "mil"):
        return ("other", 0.5)
    return ("loot", 0.7)


def _r_withdraw(ctx: _Ctx, m: _M) -> _Result:
    if ctx.has("nonviol") and ctx.has("terrplace"):
        tail = m.string[m.start():m.start() + 200].lower()
        if re.search(r"handed over|hand over|handover|without (?:a fight|resistance|fighting)|"
                     r"took over|taken over|entered|took control|deployed", tail):
            return ("transfer", 0.6)
    return ("change", 0.55)


def _r_none(ctx: _Ctx, m: _M) -> _Result:
    return None


def _r_fixed(code: str, strength: float) -> _Refiner:
    def refine(ctx: _Ctx, m: _M) -> _Result:
        return (code, strength)

    return refine


def _r_unless(code: str, strength: float, *blockers: str) -> _Refiner:
    """A fixed reading unless one of the cue classes ``blockers`` is in the window."""

    def refine(ctx: _Ctx, m: _M) -> _Result:
        return None if ctx.has(*blockers) else (code, strength)

    return refine


def _r_disrupt(strength: float) -> _Refiner:
    def refine(ctx: _Ctx, m: _M) -> _Result:
        if not ctx.has("wseize", "ied", "air", "art", "grenade", "suicide", "chem"):
            return ("other", 0.4) if ctx.has("crime") else None
        return ("disrupt", strength)

    return refine


def _r_crime(strength: float) -> _Refiner:
    """Ordinary crime is outside ACLED's political violence: type "Other"."""

    def refine(ctx: _Ctx, m: _M) -> _Result:
        if ctx.has("nonstate") and ctx.has("lethal"):
            return None
        return ("other", strength)

    return refine


def _r_fire(ctx: _Ctx, m: _M) -> _Result:
    text = m.string[max(0, m.start() - 12):m.end() + 12].lower()
    if re.search(r"forest|bush|brush|wild", text):
        return ("wildfire", 0.9)
    if ctx.has("protest", "mob", "violent") and ctx.has("protest", "mob"):
        return None
    return ("other", 0.6)


_F = _r_fixed
# The lexicon: (word forms or "re:" raw regex, refiner). Listed phrase-first: the alternation
# takes the first rule that matches at a position, so a phrase must come before its words.
_RULES: list[tuple[str, _Refiner]] = [
    # -- false friends: phrases that name no happening, matched so their words are not
    ("riot~police riot~gear riot~control riot~squad riot~officers riot~shields rocket~science "
     "rocket~scientist rocket~scientists fighting~corruption fight~corruption "
     "fight~against~corruption fighting~against~corruption fighting~poverty fight~poverty "
     "fighting~for fight~for fighting~the~virus fighting~crime fight~against~crime "
     "fighting~fires fighting~the~fire fighting~climate~change landslide~victory "
     "landslide~win landslide~election outbreak~of~violence outbreak~of~war "
     "outbreak~of~hostilities outbreak~of~unrest hit~song hit~single hit~record "
     "hit~the~market hit~the~shelves hit~the~headlines hit~the~road hit~back bombshell "
     "jet~lag jet~ski water~jets private~jet flooded~the~streets flooded~the~market "
     "storm~of~criticism storm~of~protest war~of~words price~war trade~war "
     "strike~a~balance struck~a~chord struck~a~balance lucky~strike", _r_none),
    # -- phrases and unambiguous words
    ("suicide~bomber suicide~bombers suicide~bombing suicide~bombings suicide~attack "
     "suicide~attacks suicide~attacker suicide~car~bomb suicide~vest blew~himself~up "
     "blew~herself~up blew~themselves~up detonated~his~explosive~vest "
     "detonated~her~explosive~vest self-immolation~bomber", _F("suicide", 1.0)),
    ("chemical~attack chemical~attacks chemical~weapon chemical~weapons gas~attack "
     "chlorine~gas sarin~gas mustard~gas nerve~agent toxic~gas poison~gas sarin chlorine",
     _r_unless("chem", 1.0, "accident")),
    ("air~strike air~strikes airstrike airstrikes air~raid air~raids drone~strike "
     "drone~strikes drone~attack drone~attacks aerial~bombardment aerial~attack "
     "aerial~attacks bombing~raid bombing~raids air~attack air~attacks", _F("air", 1.0)),
    ("roadside~bomb roadside~bombs landmine landmines land~mine land~mines ied ieds "
     "improvised~explosive~device improvised~explosive~devices car~bomb car~bombs "
     "booby~trap booby~trapped booby~traps vbied magnetic~bomb sticky~bomb "
     "motorcycle~bomb bicycle~bomb", _r_weapon("ied", 0.95)),
    ("grenade~attack grenade~attacks hurled~a~grenade threw~a~grenade lobbed~a~grenade "
     "hand~grenade hand~grenades", _F("grenade", 1.0)),
    ("grenade grenades", _r_weapon("grenade", 0.85)),
    ("rocket~attack rocket~attacks missile~attack missile~attacks mortar~attack "
     "mortar~attacks artillery~fire artillery~shelling mortar~fire mortar~shells "
     "mortar~rounds shelling shelled shells~landed rocket~fire barrage bombarded "
     "bombardment bombarding fired~rockets fired~missiles fired~mortars fired~shells "
     "launched~rockets launched~missiles missile~strike missile~strikes rocket~strike "
     "rocket~strikes", _r_weapon("shell", 0.9)),
    ("rocket rockets missile missiles mortar mortars artillery", _r_unless("shell", 0.55, "space")),
    ("sexual~violence sexual~assault sexually~assaulted sexually~abused sexual~abuse "
     "gang-raped gang~rape raped rape rapes raping molested molesting", _F("sexual", 1.0)),
    ("taken~hostage took~hostage held~hostage kidnapped kidnapping kidnappings kidnap "
     "kidnappers abducted abduction abductions abducting abduct enforced~disappearance "
     "forcibly~disappeared forced~disappearance held~captive", _F("abduct", 0.95)),
    ("went~missing whereabouts~unknown hostages hostage", _F("abduct", 0.45)),
    ("tear~gas teargas tear-gassed water~cannon water~cannons rubber~bullets baton~charge "
     "baton-charged lathi-charged lathicharge stun~grenade stun~grenades flash~grenades "
     "sound~grenades", _F("interv", 0.6)),
    ("hunger~strike hunger~strikes general~strike went~on~strike on~strike sit-in sit-ins "
     "took~to~the~streets staged~a~protest staged~protests picketed picketing "
     "walked~out walkout", _r_protest),
    ("protest protests protested protesting protester protesters protestor protestors "
     "demonstration demonstrations demonstrators demonstrator rally rallies rallied marched "
     "marchers marching picket vigil", _r_protest),
    ("riots rioted rioting rioters unrest stone~pelting pelted~stones hurled~stones "
     "threw~stones riot",
     _F("riot", 0.9)),
    ("lynched lynching lynch~mob mob~justice mob mobs vigilantes vigilante~group",
     _F("mob", 0.9)),
    ("firefight firefights gun~battle gun~battles gunbattle gunbattles gunfight shootout "
     "shoot-out exchange~of~fire exchanged~fire exchanging~fire skirmish skirmishes "
     "heavy~fighting fierce~fighting counter-attack counterattack counter-attacks "
     "ambush ambushed ambushes engaged~in~combat hostilities repelled repulsed "
     "fight fighting outbreak~of~fighting", _F("clash", 0.9)),
    ("clash clashes clashed clashing fought battle battles battled combat offensive "
     "gunfire fighters~attacked", _r_clash),
    ("recaptured recapture recaptures recapturing retook retake retaken retaking regained "
     "regain liberated liberation won~back back~under~control freed drove~out "
     "driven~out flushed~out purged", _r_territory(True)),
    ("seized~control took~control taken~control take~control gained~control "
     "captured capture captures capturing overran overrun overrunning took~over taken~over "
     "fell~to fallen~to advanced~into", _r_territory(False)),
    ("seized seize seizes seizing seizure confiscated recovered", _r_seize),
    ("ceasefire ceasefires cease-fire cease~fire truce armistice peace~deal peace~agreement "
     "peace~accord peace~treaty peace~pact prisoner~swap prisoner~exchange "
     "exchanged~prisoners exchange~of~prisoners in~exchange~for surrendered surrender "
     "surrenders surrendering laid~down~their~arms laid~down~arms", _F("agree", 0.95)),
    ("peace~talks memorandum~of~understanding signed~an~agreement "
     "signed~a~deal reached~an~agreement reached~a~deal struck~a~deal strike~a~deal "
     "agreement agreements accord agreed deal", _F("agree", 0.75)),
    ("arrested arrest arrests arresting detained detain detaining detention apprehended "
     "rounded~up taken~into~custody nabbed held~for~questioning", _r_arrest),
    ("defused defuse defusing bomb~disposal controlled~explosion bomb~squad",
     _F("disrupt", 0.9)),
    ("without~a~fight without~fighting without~resistance without~a~shot~fired",
     _F("transfer", 0.6)),
    ("dismantled intercepted "
     "intercept intercepting interception shot~down downed foiled thwarted neutralised "
     "neutralized weapons~cache arms~cache cache~of arms~depot weapons~depot "
     "unexploded", _r_disrupt(0.85)),
    ("observation~post observation~posts observation~point observation~points",
     _F("hq", 0.6)),
    ("defected defect defection defections defectors joined~forces merged merger "
     "disbanded dissolved formed~a~new formation~of pledged~allegiance "
     "deployed deployment redeployed reinforced reinforcing fortify fortified fortifying "
     "moving~troops moved~troops sent~troops send~troops consolidating military~drills "
     "military~exercises war~games "
     "reinforcements recruited mobilised mobilized split~from dispatched stationed "
     "mobilizing mobilising were~formed was~formed been~formed", _F("change", 0.6)),
    ("formed drills exercises", _F("change", 0.35)),
    ("withdrew withdrawn withdraw withdrawal pulled~out pull-out handed~over handover "
     "hand~over pull~back pulled~back pulling~back", _r_withdraw),
    ("looted looting looters loot ransacked plundered pillaged demolished demolition "
     "razed bulldozed vandalised vandalized arson torched set~fire~to set~ablaze "
     "burned~down burnt~down burned burnt destroyed~homes destroyed~houses",
     _r_burn),
    # -- natural disasters
    ("flash~floods flash~flood floods flood flooding flooded floodwaters inundated deluge "
     "torrential~rain torrential~rains heavy~rains heavy~rain monsoon~rains", _F("flood", 0.95)),
    ("earthquake earthquakes quake quakes tremor tremors aftershock aftershocks "
     "tsunami magnitude", _F("quake", 0.95)),
    ("tropical~storm storm storms cyclone cyclones typhoon typhoons hurricane hurricanes "
     "tornado tornadoes blizzard hailstorm lightning~strike lightning~struck "
     "thunderstorm thunderstorms gale", _r_unless("storm", 0.8, "protest")),
    ("wildfire wildfires bushfire bushfires forest~fire forest~fires brush~fire",
     _F("wildfire", 1.0)),
    ("landslide landslides mudslide mudslides avalanche avalanches", _F("landslide", 0.9)),
    ("drought droughts dry~spell famine crop~failure", _F("drought", 0.85)),
    ("volcano volcanic~eruption eruption heatwave heat~wave cold~wave epidemic pandemic "
     "cholera ebola dengue measles malaria covid-19 covid coronavirus sinkhole locusts "
     "outbreak outbreaks",
     _r_unless("nd_other", 0.8, "nonstate")),
    # -- accidents and crime: happenings outside ACLED (type "Other")
    ("plane~crash air~crash car~crash bus~crash crashed crash derailed derailment "
     "collision collided capsized capsizing sank stampede gas~leak chemical~spill oil~spill "
     "spill collapsed building~collapse fire~broke~out caught~fire blaze inferno gutted",
     _r_fire),
    ("robbery robberies robbed robbers burglary theft smuggling smuggled smugglers "
     "trafficking traffickers cartel cartels drug~trafficking narcotics cocaine heroin "
     "fraud extortion money~laundering counterfeit poaching poachers "
     "child~pornography organized~crime organised~crime gang~members", _r_crime(0.6)),
    # -- explosions, bombs, generic violence (refined by the weapon words around them)
    ("explosion explosions exploded explode blast blasts detonated detonation "
     "went~off bomb bombs bombing bombings bombed explosive~device explosive~devices "
     "explosives", _r_weapon("ied", 0.6)),
    ("drone drones warplanes warplane jets", _r_weapon("air", 0.4, needs_cue=True)),
    ("strike strikes struck striking", _r_strike),
    ("hit hits hitting pounded pounding targeted targeting", _r_weapon("air", 0.5,
                                                                        needs_cue=True)),
    ("massacre massacred massacres beheaded beheading hacked~to~death beaten~to~death "
     "stabbed~to~death burned~alive burnt~alive gunned~down shot~dead executed "
     "tortured torture", _r_attack(0.75)),
    ("opened~fire attack attacks attacked attacking assault assaulted assaults raid raided "
     "killed killing killings murdered murder stabbed shot gunmen beaten beat", _r_attack(0.45)),
    # -- strategic developments, other: political acts and claims (weak on purpose)
    ("imposed~sanctions imposes~sanctions new~sanctions expelled~diplomats "
     "expels~diplomats recalled~its~ambassador summoned~the~ambassador severed~ties "
     "diplomatic~relations closed~the~consulate", _F("sd_other", 0.8)),
    ("sanctions sanctioned expelled expels expelling expulsion summoned ambassador "
     "diplomats diplomatic embassy consulate envoy summit condemned condemns condemnation "
     "bilateral", _F("sd_other", 0.4)),
    ("found discovered uncovered unearthed stash stashes hideout", _r_disrupt(0.7)),
    ("poisoning poisoned contaminated adulterated leakage leaked", _F("other", 0.45)),
    ("claimed~responsibility claims~responsibility blamed blames accused appointed "
     "sworn~in passed~a~law curfew state~of~emergency martial~law reopened reopen "
     "announced election elections resigned resignation mass~grave mass~graves "
     "humanitarian~aid humanitarian~assistance displaced refugees evacuated",
     _F("sd_other", 0.3)),
]


def _trigger_index() -> tuple[dict[str, int], set[str], int]:
    """Phrase key -> rule index (the first rule listing a phrase owns it); the words that
    can start a phrase; the longest phrase in words."""
    index: dict[str, int] = {}
    for i, (forms, _) in enumerate(_RULES):
        for key in _cue_keys(forms):
            index.setdefault(key, i)
    return index, {k.split(" ", 1)[0] for k in index}, max(k.count(" ") for k in index) + 1


_TRIG_INDEX, _TRIG_FIRST, _TRIG_MAX = _trigger_index()
# Base building: a verb and a base noun a few words apart, beyond a phrase table.
_HQ_NOUN = (r"(?:bases?|military posts?|observation (?:posts?|points?)|headquarters|outposts?|"
            r"camps?|military points?|checkpoints?|barracks|points?)")
_HQ_VERB = (r"(?:set(?:s|ting)? up|establish(?:ed|es|ing)?|open(?:ed|s)?|buil(?:t|ds|ding)|"
            r"construct(?:ed|s|ing)?|creat(?:ed|es|ing))")
_HQ_RE = re.compile(rf"\b{_HQ_VERB}\b(?:\W+\w+){{0,5}}?\W+{_HQ_NOUN}\b|\b{_HQ_NOUN}\b"
                    rf"(?:\W+\w+){{0,4}}?\W+(?:was|were|been|are|is) {_HQ_VERB}\b",
                    re.IGNORECASE)
_HQ_RULE = ("", _r_fixed("hq", 0.85))
_GAP = re.compile(r"[\s-]+")


def _matches(text: str) -> list[tuple[int, int, int]]:
    """(start, end, rule index) of every lexicon phrase, longest first at each word, left
    to right without overlap; the base-building pattern merged in."""
    toks = [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    words = [w for w, _, _ in toks]
    out: list[tuple[int, int, int]] = []
    for hq in _HQ_RE.finditer(text):
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
    ctxs: dict[int, _Ctx] = {}
    out: list[Trigger] = []
    for start, end, rule in _matches(text):
        k = bisect_right(starts, start) - 1
        if k not in ctxs:
            stop = starts[k + 1] if k + 1 < len(starts) else len(text)
            ctxs[k] = _Ctx(_cue_positions(text, starts[k], stop))
        m = _M(text, start, end)
        got = (_RULES[rule] if rule >= 0 else _HQ_RULE)[1](ctxs[k], m)
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
