"""Trigger rules of the event taxonomy: which words name a happening, and how the words
around a trigger refine its type.

A rule is (word forms, refiner). The refiner gets the cue classes found in the trigger's
window (its sentence, or the whole snippet) and returns (label code, strength) or None when
the words name nothing here (a labour strike read as an airstrike, a clash of views). Label
codes are the short names of ``_LABELS`` in ``newstrace.events.taxonomy``. Rules are listed
phrase-first only for readability: matching takes the longest phrase at each word, and the
first rule that lists a phrase owns it. Stop phrases (false friends) are rules whose
refiner returns None, so their words cannot trigger anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable


class Ctx:
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


class Match:
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


Result = tuple[str, float] | None
Refiner = Callable[[Ctx, Match], Result]


def _weapon(ctx: Ctx) -> str | None:
    """The remote-violence sub-type the window's weapon words point at, most telling first."""
    for cue in ("suicide", "chem", "air", "grenade", "ied", "art"):
        if ctx.has(cue):
            return {"chem": "chem", "art": "shell"}.get(cue, cue)
    return None


def _protest_force(ctx: Ctx) -> str | None:
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


def _r_protest(ctx: Ctx, m: Match) -> Result:
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


def _r_strike(ctx: Ctx, m: Match) -> Result:
    if ctx.has("labour") and not ctx.has("air", "art"):
        return ("peace", 0.7)
    if ctx.has("sport"):
        return None
    kind = _weapon(ctx)
    if kind:
        return (kind, 0.75)
    return ("air", 0.45)


def _r_weapon(default: str, strength: float, needs_cue: bool = False) -> Refiner:
    """Explosions, bombings, blasts: typed by the weapon words around them. A device found
    or defused without anything going off is a disrupted weapons use; an explosion at a
    factory or a gas tank is an accident unless a weapon is named."""

    def refine(ctx: Ctx, m: Match) -> Result:
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


def _r_attack(strength: float) -> Refiner:
    """A bare attack/assault/killing: by weapon, then by context (protest, targets)."""

    def refine(ctx: Ctx, m: Match) -> Result:
        if ctx.has("sport"):
            return None
        after = m.string[m.end():m.end() + 30].lower()
        if (ctx.has("rhetoric") and not ctx.has("lethal", "civ", "mil", "air", "art", "ied")) \
                or after.startswith((" the policy", " the plan", " the decision")):
            return None
        if ctx.has("accident", "crime") and not ctx.has("nonstate", "suicide", "ied"):
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


def _r_clash(ctx: Ctx, m: Match) -> Result:
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
    return ("clash", 0.8)


_PREPS = frozenset(["on", "against", "from", "with", "of", "to", "by", "at", "in", "into"])


def _winner(ctx: Ctx, m: Match) -> str | None:
    """Who took the place: the nearest actor word before the verb in its sentence that is
    not the object of a preposition ("crackdown on Taliban militants"); else "by X" after
    it; "from X" after it names the loser."""
    text, at = m.string, m.start()
    floor = text.rfind(". ", 0, at)
    best, who = -1, None
    for side in ("gov", "nonstate"):
        for p in ctx.pos.get(side, ()):
            if floor < p < at and p > best and not _PREPS.intersection(
                    text[max(floor, p - 16):p].lower().split()[-2:]):
                best, who = p, side
    if who:
        return who
    tail = text[m.end():m.end() + 80].lower()
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


def _near(ctx: Ctx, name: str, m: Match, reach: int = 50) -> int:
    """Distance in characters from the trigger to the nearest cue ``name``, or a large
    number when none is within ``reach``."""
    dists = [m.start() - p if p < m.start() else p - m.end() for p in ctx.pos.get(name, ())]
    best = min(dists, default=10**6)
    return best if best <= reach else 10**6


def _r_territory(retake: bool) -> Refiner:
    """Taking a place, typed by who took it; taking weapons or people is something else."""

    def refine(ctx: Ctx, m: Match) -> Result:
        tail = m.string[m.end():m.end() + 40].lower()
        weapons, place = _near(ctx, "wseize", m), _near(ctx, "terrplace", m, 60)
        if weapons < place or (ctx.has("wseize") and ctx.has("found")):
            return ("disrupt", 0.7)
        if ctx.has("crime"):
            return ("other", 0.5)
        if place == 10**6 and re.match(r"\s+(?:\w+\s+){0,2}(?:[a-z]+s|him|her|them)\b",
                                                 tail) and ctx.has("people"):
            return ("arrest", 0.45)
        if ctx.has("nonviol") and not ctx.has("lethal"):
            return ("transfer", 0.6)
        who = _winner(ctx, m)
        if who is None:
            who = "gov" if retake else "nonstate"
        strength = 0.9 if place < 10**6 else 0.4
        return ("gov_terr" if who == "gov" else "ns_terr", strength)

    return refine


def _r_arrest(ctx: Ctx, m: Match) -> Result:
    if ctx.has("crime"):
        return ("other", 0.55)
    forced = _protest_force(ctx)
    if ctx.has("protest") and forced in ("interv", None):
        return ("interv", 0.75)
    return ("arrest", 0.8)


def _r_seize(ctx: Ctx, m: Match) -> Result:
    if ctx.has("wseize", "ied"):
        return ("disrupt", 0.8)
    if ctx.has("crime"):
        return ("other", 0.6)
    return _r_territory(False)(ctx, m)


def _r_burn(ctx: Ctx, m: Match) -> Result:
    if ctx.has("protest", "violent") and ctx.has("protest", "security"):
        return ("riot", 0.75)
    if ctx.has("mob"):
        return ("mob", 0.75)
    if ctx.has("accident") and not ctx.has("nonstate", "mil"):
        return ("other", 0.5)
    return ("loot", 0.7)


_FROM_PLACE = re.compile(r"\W+(?:\w+\W+){0,3}?from\s+(?:the\s+)?[A-Z\w]")
_HANDED = re.compile(r"hand(?:ed|ing|s)?[\s-]*over|handover|vacat", re.IGNORECASE)


def _r_withdraw(ctx: Ctx, m: Match) -> Result:
    """Leaving a place (withdrew from the town, handed over the base) transfers territory;
    a withdrawal without a place is a change of the group's activity."""
    if _HANDED.match(m.group(0)) and ctx.has("terrplace"):
        return ("transfer", 0.95)
    if ctx.has("nonviol") and ctx.has("terrplace"):
        tail = m.string[m.start():m.start() + 200].lower()
        if re.search(r"handed over|hand over|handover|without (?:a fight|resistance|fighting)|"
                     r"took over|taken over|entered|took control|deployed", tail):
            return ("transfer", 0.7)
    if _FROM_PLACE.match(m.string, m.end()) and ctx.has("terrplace"):
        return ("transfer", 0.6)
    return ("change", 0.55)


def _r_none(ctx: Ctx, m: Match) -> Result:
    return None


def _r_fixed(code: str, strength: float) -> Refiner:
    def refine(ctx: Ctx, m: Match) -> Result:
        return (code, strength)

    return refine


def _r_unless(code: str, strength: float, *blockers: str) -> Refiner:
    """A fixed reading unless one of the cue classes ``blockers`` is in the window."""

    def refine(ctx: Ctx, m: Match) -> Result:
        return None if ctx.has(*blockers) else (code, strength)

    return refine


def _r_disrupt(strength: float) -> Refiner:
    def refine(ctx: Ctx, m: Match) -> Result:
        if not ctx.has("wseize", "ied", "air", "art", "grenade", "suicide", "chem"):
            return ("other", 0.4) if ctx.has("crime") else None
        return ("disrupt", strength)

    return refine


def _r_crime(strength: float) -> Refiner:
    """Ordinary crime is outside ACLED's political violence: type "Other"."""

    def refine(ctx: Ctx, m: Match) -> Result:
        if ctx.has("nonstate") and ctx.has("lethal"):
            return None
        return ("other", strength)

    return refine


def _r_fire(ctx: Ctx, m: Match) -> Result:
    text = m.string[max(0, m.start() - 12):m.end() + 12].lower()
    if re.search(r"forest|bush|brush|wild", text):
        return ("wildfire", 0.9)
    if ctx.has("protest", "mob", "violent") and ctx.has("protest", "mob"):
        return None
    return ("other", 0.6)


_F = _r_fixed
# The lexicon: (word forms or "re:" raw regex, refiner). Listed phrase-first: the alternation
# takes the first rule that matches at a position, so a phrase must come before its words.
RULES: list[tuple[str, Refiner]] = [
    # -- false friends: phrases that name no happening, matched so their words are not
    ("liberation~army liberation~front liberation~movement liberation~tigers "
     "liberation~forces liberation~organization liberation~organisation "
     "riot~police riot~gear riot~control riot~squad riot~officers riot~shields rocket~science "
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
     "hand~grenade hand~grenades", _r_weapon("grenade", 1.0)),
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
     "shoot-out exchange~of~fire exchanged~fire exchanging~fire traded~fire trading~fire "
     "skirmish skirmishes "
     "counter-attack counterattack counter-attacks "
     "ambush ambushed ambushes engaged~in~combat hostilities repelled repulsed "
     "fight fighting outbreak~of~fighting", _F("clash", 0.9)),
    ("clash clashes clashed clashing fought battle battles battled combat offensive "
     "heavy~fighting fierce~fighting "
     "gunfire fighters~attacked", _r_clash),
    ("recaptured recapture recaptures recapturing retook retake retaken retaking regained "
     "regain liberated liberation won~back back~under~control freed drove~out "
     "driven~out flushed~out purged drove~back pushed~back", _r_territory(True)),
    ("took~full~control took~complete~control gained~ground advanced advancing",
     _r_territory(False)),
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
     "hand~over pull~back pulled~back pulling~back vacated vacate handing~over handed~control "
     "handed~authority", _r_withdraw),
    ("evacuation~deal evacuation~agreement in~the~hands~of encountered~any~resistance "
     "entered~without", _F("transfer", 0.6)),
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
    ("poisoning poisoned contaminated adulterated leakage gas~leak oxygen~leak "
     "chemical~leak oil~leak tank~leak tank~leaks overturned catching~fire hazardous",
     _F("other", 0.45)),
    # acts of state that make news on their own: a law passed, a crossing reopened
    ("passed~the~law passed~the~bill passed~a~bill passed~a~law passed~the~draft~law "
     "approved~the~law approved~the~bill approved~a~law approved~a~bill voted~to~approve "
     "approved~a~new approved~the~new bill~passed law~was~passed bill~was~passed "
     "reopened~the reopened~to reopened~it reopens~to reopen~to", _F("sd_other", 0.55)),
    ("claimed~responsibility claims~responsibility blamed blames accused appointed "
     "sworn~in passed~a~law curfew state~of~emergency martial~law reopened reopen "
     "announced election elections resigned resignation mass~grave mass~graves "
     "humanitarian~aid humanitarian~assistance displaced refugees evacuated",
     _F("sd_other", 0.3)),
]


# Base building: a verb and a base noun a few words apart, beyond a phrase table.
_HQ_NOUN = (r"(?:bases?|military posts?|observation (?:posts?|points?)|headquarters|outposts?|"
            r"camps?|military points?|checkpoints?|barracks|points?)")
_HQ_VERB = (r"(?:set(?:s|ting)? up|establish(?:ed|es|ing)?|open(?:ed|s)?|buil(?:t|ds|ding)|"
            r"construct(?:ed|s|ing)?|creat(?:ed|es|ing))")
HQ_RE = re.compile(rf"\b{_HQ_VERB}\b(?:\W+\w+){{0,5}}?\W+{_HQ_NOUN}\b|\b{_HQ_NOUN}\b"
                    rf"(?:\W+\w+){{0,4}}?\W+(?:was|were|been|are|is) {_HQ_VERB}\b",
                    re.IGNORECASE)
HQ_RULE: tuple[str, Refiner] = ("", _r_fixed("hq", 0.85))
