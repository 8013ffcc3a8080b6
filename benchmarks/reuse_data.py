"""Synthetic news-copy corpus with exact reuse labels, for `benchmarks/reuse.py`.

Originals are written from topic entities (places with transliteration variants, actors,
organisations, a speech) in each outlet's house style, with the outlet's footer appended.
Derived articles copy whole or partial bodies from an earlier article of another outlet,
with word edits, restyling (quotes, "US"/"U.S.", place spellings, "percent"), reorders,
drops, insertions, credits and copy-of-copy chains. Every body paragraph records where it
was first written and which articles it passed through, so gold pairs, their passages and
directions follow exactly. Hard negatives: independent articles on the same topic, and
independent articles quoting the same 20-35-word sentence of a speech.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    initials: str
    curly: bool  # curly quotes
    dotted: bool  # "U.S." rather than "US"
    per_cent: bool
    spelling: int  # which transliteration variant
    footer: tuple[str, ...]
    masthead: str | None = None


def _footer(name: str, domain: str, k: int) -> tuple[str, ...]:
    options = [
        f"Follow us on Telegram for updates from {name}. Our correspondents file around the "
        f"clock, and corrections are listed at {domain}/corrections.",
        f"© 2026 {name}. All rights reserved. No part of this article may be reproduced "
        "without written permission from the editors.",
        f"Subscribe to the {name} newsletter for a daily briefing on the region, delivered "
        "to your inbox every morning before seven.",
    ]
    return tuple(options[k % 3 : k % 3 + 2]) if k % 2 else (options[k % 3],)


_OUTLET_SPECS = [  # name, domain stem, initials, curly, dotted, per_cent, masthead
    ("Levant Wire", "levantwire", "LW", True, False, False, None),
    ("Orontes Post", "orontespost", "OP", False, True, False, "Orontes Post | Regional desk"),
    ("Euphrates Daily", "euphratesdaily", "ED", True, True, True, None),
    ("Cedar Morning Herald", "cedarherald", "CMH", False, False, True, None),
    ("Gulf Ledger", "gulfledger", "GL", True, False, False, "Gulf Ledger | Live coverage"),
    ("Northern Courier", "northerncourier", "NC", False, True, False, None),
    ("Barada Times", "baradatimes", "BT", True, True, False, None),
    ("Mediterranean Monitor", "medmonitor", "MM", False, False, True, None),
]
OUTLETS = [
    Outlet(n, f"{d}.example", i, c, u, p, k % 3, _footer(n, f"{d}.example", k), m)
    for k, (n, d, i, c, u, p, m) in enumerate(_OUTLET_SPECS)
]

VARIANTS = [
    ("Daraa", "Deraa", "Dar'a"), ("Deir ez-Zor", "Deir al-Zour", "Dayr az-Zawr"),
    ("Idlib", "Edlib"), ("Homs", "Hims"), ("Raqqa", "al-Raqqa", "Rakka"),
    ("Qamishli", "Kamishli", "al-Qamishli"), ("Latakia", "Lattakia"), ("Tartus", "Tartous"),
    ("Manbij", "Menbij"), ("Afrin", "Efrin"), ("Quneitra", "Kuneitra"),
    ("al-Bukamal", "al-Boukamal"), ("Jableh", "Jablah"),
]
PLAIN_PLACES = ["Aleppo", "Hama", "Damascus", "Suwayda", "Kobani", "Maarat", "Saraqib",
                "Douma", "Palmyra", "Hasakah", "Azaz", "Jisr al-Shughur", "Salamiyah"]
PLACES = [v[0] for v in VARIANTS] + PLAIN_PLACES
PEOPLE = [
    ("Mohammed al-Hassan", "Muhammad al-Hasan"), ("Amira Haddad",), ("Yusuf Demir",),
    ("Leila Farouk",), ("Omar Khaled", "Omar Khalid"), ("Rashid al-Amin",), ("Nadia Kassem",),
    ("Hussein Jaber", "Husayn Jabir"), ("Dara Rauf",), ("Salma Yassin", "Salma Yasin"),
    ("Ahmed Suleiman", "Ahmad Sulayman"), ("Rima Nasser",), ("Tariq Mansour",),
    ("Fatima Idrissi",), ("Karim Aboud",), ("Hala Saleh",), ("Bashar Hijazi",),
]
ROLES = ["the provincial governor", "the interior minister", "a police spokesman", "the mayor",
         "an opposition lawmaker", "a senior army officer", "the health minister",
         "a tribal elder", "a local council member", "a UN official", "an aid worker",
         "a hospital director", "the state prosecutor", "a militia commander"]
ORGS = ["the Interior Ministry", "the Red Crescent", "the local council", "the water board",
        "the port authority", "the state oil company", "the electoral commission",
        "the teachers' union", "the coast guard", "the Supreme Court", "the customs service",
        "a coalition of rights groups", "the World Food Programme", "the health directorate",
        "the Kurdish-led administration", "the Syrian Observatory for Human Rights"]
EVENTS = ["protest", "strike", "flood", "explosion", "fuel shortage", "ceasefire",
          "corruption inquiry", "power outage", "cholera outbreak", "border closure",
          "prison break", "wildfire", "bridge collapse", "shelling", "drone strike", "raid"]
GROUPS = ["teachers", "farmers", "dock workers", "students", "residents", "nurses",
          "truck drivers", "displaced families", "shopkeepers", "fishermen", "pensioners"]
VERBS = ["said", "told reporters", "said in a statement", "wrote on social media",
         "told a news conference", "confirmed", "warned", "insisted", "acknowledged", "added"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ADJ = ["chaotic", "tense", "angry", "calm but crowded", "desperate", "sombre", "confused"]
AID = ["flour", "medicine", "drinking water", "fuel", "blankets", "baby formula", "tents"]
GOODS = ["bread", "diesel", "cooking gas", "rice", "sugar", "vegetables", "rent"]
FILLER = ["quickly", "reportedly", "also", "still", "later", "nearby", "several", "official",
          "local", "new", "major", "recent", "small", "armed", "public", "early", "further"]
_T = [
    "{Person}, {role}, {verb} that at least {n} people had been {hurt} in {place} since {day}.",
    "The {event} in {place} began {when} {day}, according to {org}.",
    "{Org} {verb} it had sent {small} teams to {place} and {place2} to assess the damage.",
    "Residents of {place} described {adj} scenes as {group} fled toward {place2}.",
    "Officials put the damage at {money} million dollars, a figure {org} disputed.",
    "It was the {ordinal} {event} to hit the area since {year}.",
    "Talks between {org} and {org2} are expected to resume on {day2}.",
    "The road from {place} to {place2} stayed closed for {small} hours.",
    "Prices of {goods} in {place} have risen by {pct} percent since {month}, traders said.",
    "{Org} said {n} people had been detained but gave no names.",
    "A curfew was imposed from {hour} p.m. in parts of {place}, {person} {verb}.",
    "Video shared online appeared to show {adj} crowds outside {org} offices in {place}.",
    "Analysts said the {event} could weigh on {org} before the {month} deadline.",
    "The UN called for restraint and urged {org} to open an inquiry into the {event}.",
    "{Person} could not be reached for comment on {day2}.",
    "About {n} {group} have fled their homes, according to figures from {org}.",
    "The US embassy said it was following events in {place} {closely}.",
    "{Group} in {place} said they had received no {aid} for {small} days.",
    "Electricity in much of {place} was cut for {small} hours, {person} {verb}.",
    "A convoy of {small} trucks carrying {aid} reached {place} on {day}, {org} said.",
    "Schools in {place} will stay closed until {day2}, {org} announced.",
    "Witnesses said gunfire could be heard near the {landmark} in {place} until {hour} a.m.",
    "Hospitals in {place} are working at {pct} percent of capacity, {person} {verb}.",
    "{Org} denied any role in the {event}, calling the accusations {adj2}.",
    "Fuel queues stretched for {small} kilometres outside stations in {place} on {day}.",
    "Repairs to the {landmark} near {place} will take at least {small} weeks, {org} said.",
    "{Person} {verb} that {n} families had been moved to schools in {place2}.",
    "The {event} has deepened a rift between {org} and {org2} that dates back to {year}.",
    "US and UN officials discussed the {event} by phone on {day}, a diplomat said.",
    "In {place2}, {group} blocked the main square for a {ordinal2} day.",
    "{Org} has not commented on the report.",
    "Some {pct} percent of {group} in {place} rely on {aid} deliveries, {org} estimates.",
    "Shops in the old quarter of {place} reopened on {day} after {small} days of closures.",
    "{Person} accused {org} of blocking {aid} shipments at the {landmark}.",
    "Local media reported that {n} {group} signed a petition addressed to {org}.",
    "Farmers near {place} say the {event} has ruined much of this season's wheat.",
    "The death toll could rise, {person} {verb}, as rescue teams search the rubble.",
    "Checkpoints on the highway north of {place} were reinforced overnight.",
    "{Org} estimated that {pct} percent of wells in the district have run dry.",
    "Security forces fired tear gas to disperse a crowd near the {landmark}, witnesses said.",
    "Doctors at the main clinic in {place} reported shortages of {aid} and anaesthetics.",
    "The governor's office promised compensation of {money} million pounds to affected families.",
    "Several {group} interviewed by telephone asked that their names be withheld.",
    "{Person} is expected to visit {place2} on {day2}, his office said.",
    "Mobile networks across {place} went down shortly after {hour} p.m.",
    "A spokesman for {org} declined to give a timeline for reopening the crossing.",
    "Rents in {place2} have doubled as families arrive from {place}.",
    "The {event} follows weeks of rising anger over {goods} prices and unpaid wages.",
    "Aid agencies said access to {place} remained unpredictable.",
    "At a funeral in {place} on {day}, mourners chanted against {org}.",
    "Engineers warned that the {landmark} could give way if heavy rain returns.",
    "{Org} published a list of {small} demands, including the release of detainees.",
    "Smugglers have raised the fee for crossing into {place2} to {money} hundred dollars.",
    "Bakeries in {place} rationed {goods} to {small} bags per family.",
    "The committee investigating the {event} will report back in {month}, {person} {verb}.",
    "Journalists were barred from entering {place} for a {ordinal2} day.",
    "Residents formed queues at dawn to collect {aid} from a mosque in {place}.",
    "{Person}, speaking by phone from {place2}, described the situation as {adj}.",
    "Cross-border deliveries through {place2} were suspended after the {event}.",
    "The opposition boycotted a session of the council held in {place} on {day}.",
    "Relatives gathered outside the {landmark} waiting for news of the missing.",
    "Traders in {place} said they had stopped accepting payment in local currency.",
    "Since {month}, at least {small} similar incidents have been recorded in the province.",
    "{Org} said its staff in {place} were safe but that two vehicles had been damaged.",
    "The water supply to {n} households in {place} was restored late on {day}.",
    "A ministry statement blamed the {event} on what it called foreign interference.",
    "{Person} said the authorities had learned nothing from the {event} of {year}.",
    "Classes for {n} students were moved online until further notice.",
    "Military vehicles were seen heading toward {place2} on {day}, residents said.",
    "The price of a tank of drinking water in {place} has tripled, {group} said.",
]

LANDMARKS = ["grain silos", "old bridge", "central market", "bus station", "water plant",
             "citadel", "checkpoint", "power station", "mosque", "hospital gate"]
MONTHS = ["January", "February", "March", "April", "May", "June", "October", "November"]

# Composed sentences: [lead] subject predicate [tail], from families whose parts fit together;
# "[a|b]" picks one alternative, so fixed wording varies as reporters' wording does.
LEADS = ["[On|Early on|Late on|By] {day}, ", "[Earlier|Later] [this|that] week, ",
         "In {place2}, ", "[Meanwhile|Separately|Elsewhere|Nearby], ", "By {hour} [p.m.|a.m.], ",
         "For a {ordinal2} [day|night|week], ", "[Despite|After|During] the {event}, ",
         "Since [early|late|mid-]{month}, ", "[Overnight|Before dawn|At midday], ",
         "As the {event} [went on|dragged on|spread], ", "By the [weekend|evening|afternoon], "]
TAILS = [", {person} {verb}", ", [according to|citing|said] {org}",
         ", [witnesses|residents|shopkeepers|drivers|doctors] [said|reported|told {outlet}]",
         ", a [local|security|medical|tribal] source [said|told {outlet}]",
         ", [officials|police|medics] said [on {day}|later|afterwards]",
         ", {org} said in a [statement|post|briefing]",
         " [despite|in spite of|ignoring] [repeated|urgent|several] appeals from {org}",
         ", {person} told [reporters|journalists|{outlet}] in {place2}",
         " as the {event} [dragged on|spread|deepened]",
         ", [local|state|opposition] [media|television|radio] reported"]
FAMILIES: list[tuple[list[str], list[str]]] = [
    (["{n} {group}", "[dozens|scores] of {group}", "[hundreds of|several] families from {place}",
      "{group} [in|from|near] {place}", "[residents|people] of {village}",
      "[many|most|some] {group} from {place2}", "[some|about|nearly] {small} {group}",
      "[several hundred|a few dozen] {group}", "[displaced|homeless] families in {village}",
      "[young|elderly|local] {group}"],
     ["[fled|headed|walked] [toward|to] {village}",
      "[gathered|assembled|waited] [outside|near|behind] the {landmark}",
      "were left without {aid} [for days|again|overnight]",
      "[queued|lined up] for {aid} at the {landmark}", "[blocked|closed] the road to {village}",
      "staged a [sit-in|protest|vigil] [near|outside] the {landmark}",
      "[returned|went back] to their homes in {village}",
      "[sheltered|slept] in [schools|mosques|tents] in {place2}",
      "marched [to|towards] the [offices|headquarters] of {org}",
      "[demanded|sought|asked for] [compensation|answers|help] [for|after] the {event}",
      "were turned back at a checkpoint [near|outside] {village}",
      "[slept|camped] in the open [near|by] the {landmark}",
      "waited {small} hours for {aid}", "were [evacuated|moved|driven away] by {org}",
      "[protested|rallied] against {org} for a {ordinal2} time"]),
    (["{Person}, {role},", "{Org}", "a [spokesman|spokeswoman] for {org}",
      "[officials|authorities] in {place}", "{Person}", "the office of {person}",
      "a [senior|leading] figure in {org}", "{role} {person}"],
     ["[said|reported|confirmed] [that |]{n} [people|civilians|residents] [had been|were] {hurt}",
      "[denied|rejected] any [role|part] in the {event}",
      "[promised|pledged] {aid} [deliveries|shipments] within {small} days",
      "blamed {org2} for the {event} [in {village}|on {day}|]",
      "[announced|imposed|declared] a curfew from {hour} p.m.",
      "[called|appealed] for calm in {village}",
      "said repairs [would|could] take {small} [weeks|months]",
      "put the [damage|losses] at {money} million [dollars|pounds]",
      "declined to comment on the {event} [in {village}|]",
      "accused {org2} of [exaggerating|inflating|hiding] the toll",
      "[ordered|opened|promised] an inquiry into the {event}",
      "said {small} [suspects|men|people] had been [arrested|detained]",
      "warned of further [unrest|violence|shortages] in {place2}",
      "pledged {money} million [pounds|dollars] in [aid|relief]",
      "said talks with {org2} would resume [on {day2}|next week|soon]",
      "dismissed the [reports|claims|accusations] as {adj2}"]),
    (["the road between {place} and {village}", "the {landmark} in {village}",
      "[electricity|power] in {village}", "the main [water|gas|power] line to {place}",
      "[mobile|phone|internet] [networks|services] in {village}", "schools in {village}",
      "the border crossing at {place2}", "[bakeries|pharmacies|shops] in {village}",
      "the [hospital|clinic] in {village}", "the [highway|road] [north|south|east|west] of {place}",
      "the [market|souk] in {village}"],
     ["[remained|stayed] closed for {small} [hours|days]",
      "was [damaged|hit|destroyed] in the {event}", "was cut off for {small} [days|hours]",
      "[reopened|resumed work] on {day}", "came under fire {when} {day}",
      "was [guarded|ringed] by {small} new checkpoints", "ran [short|out] of {aid}",
      "stayed shut until {day2}", "was hit twice in {small} days",
      "[operated|worked] at {pct} percent of capacity",
      "was handed over to {org} [on {day}|last week|]"]),
    (["the price of {goods} [in {village}|]", "rents in {village}", "the cost of {aid}",
      "fuel queues in {village}", "the number of {group} [out of work|without homes]",
      "demand for {aid} in {village}", "the toll from the {event} [in {village}|]"],
     ["has [risen|jumped|climbed] by {pct} percent since {month}",
      "[doubled|tripled] within {small} days", "reached {money} [pounds|dinars]",
      "stretched for {small} kilometres", "[climbed|rose] to {n}",
      "fell by {pct} percent after the {event}", "has [tripled|doubled] since {month}"]),
]
FIRST = ["Ali", "Hassan", "Samir", "Walid", "Ziad", "Khalil", "Majd", "Fadi", "Nour", "Lina",
         "Rana", "Mona", "Zeina", "Yara", "Ghassan", "Issam", "Marwan", "Jamil", "Suha", "Abir",
         "Bassel", "Hadi", "Kinda", "Maher", "Nidal", "Ola", "Qais", "Reem", "Tamer", "Wafa"]
LAST = ["Haddad", "Khoury", "Masri", "Shami", "Halabi", "Darwish", "Najjar", "Sabbagh", "Attar",
        "Homsi", "Qassab", "Zein", "Saad", "Barakat", "Ghanem", "Issa", "Jabri", "Kabbani",
        "Nahas", "Rifai", "Sayegh", "Tarabishi", "Yazigi", "Zoubi", "Hamwi", "Dabbagh"]
_PREFIX = ["Kafr", "Tell", "Ain", "Beit", "Khirbet", "Jabal", "Wadi", "Maarat", "Deir", "Tal"]
_ONSET = ["b", "d", "f", "h", "j", "k", "l", "m", "n", "q", "r", "s", "sh", "t", "z", "kh"]


def _village(rng: random.Random) -> str:
    root = "".join(rng.choice(_ONSET) + rng.choice("aaiuo") for _ in range(rng.randint(2, 3)))
    return f"{rng.choice(_PREFIX)} {root.capitalize()}{rng.choice(['', 'a', 'iya', 'an'])}"


def _vary(text: str, rng: random.Random) -> str:
    return re.sub(r"\[([^\[\]]*)\]", lambda m: rng.choice(m.group(1).split("|")), text)


Sig = tuple[int, ...]


def _composed(rng: random.Random, topic: Topic) -> tuple[Sig, Sig, Sig, str]:
    """(key, head, tail, sentence): what the sentence is made of, how it starts and ends."""
    f = rng.randrange(len(FAMILIES))
    subjects, predicates = FAMILIES[f]
    si, pi = rng.randrange(len(subjects)), rng.randrange(len(predicates))
    li = rng.randrange(len(LEADS)) if rng.random() < 0.35 else -1
    ti = rng.randrange(len(TAILS)) if rng.random() < 0.4 else -1
    lead, tail = LEADS[li] if li >= 0 else "", TAILS[ti] if ti >= 0 else ""
    text = _vary(lead + subjects[si] + " " + predicates[pi] + tail + ".", rng)
    text = text.format(**_fills(rng, topic)).replace(",,", ",").replace(", said", " said")
    text = re.sub(r" +", " ", text).replace(" .", ".").replace(" ,", ",")
    return (f, si, pi), (li, f, si), (f, pi, ti), text[0].upper() + text[1:]


def _fills(rng: random.Random, topic: Topic) -> dict[str, str]:
    other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    person = topic.people[0] if rng.random() < 0.4 else rng.choice([rng.choice(PEOPLE)[0], other])
    place = topic.place if rng.random() < 0.5 else rng.choice(PLACES)
    org = rng.choice(topic.orgs) if rng.random() < 0.5 else rng.choice(ORGS)
    return {
        "Person": person, "person": rng.choice([topic.people[-1], other, other]),
        "village": topic.place if rng.random() < 0.3 else _village(rng),
        "outlet": rng.choice(["reporters", "this newspaper", "a local radio station"]),
        "role": rng.choice(ROLES), "verb": rng.choice(VERBS), "place": place,
        "place2": rng.choice(PLACES), "org": org, "Org": org[0].upper() + org[1:],
        "org2": rng.choice(ORGS), "n": f"{rng.randint(12, 9000):,}", "small": str(
            rng.randint(2, 40)), "hurt": rng.choice(["injured", "killed", "detained"]),
        "day": rng.choice(DAYS), "day2": rng.choice(DAYS), "event": topic.event,
        "when": rng.choice(["early on", "late on", "on the morning of", "on"]),
        "adj": rng.choice(ADJ), "adj2": rng.choice(["baseless", "politically motivated",
                                                       "absurd", "a fabrication"]),
        "group": topic.group, "Group": topic.group.capitalize(),
        "money": f"{rng.randint(1, 950)}.{rng.randint(0, 9)}", "ordinal": rng.choice(
            ["second", "third", "worst", "largest", "first"]), "ordinal2": rng.choice(
            ["second", "third", "fourth", "fifth"]), "year": str(rng.randint(2011, 2025)),
        "goods": rng.choice(GOODS), "pct": str(rng.randint(3, 140)), "month": rng.choice(
            MONTHS), "hour": str(rng.randint(6, 11)), "aid": rng.choice(AID),
        "landmark": rng.choice(LANDMARKS), "closely": rng.choice(
            ["closely", "with concern", "very closely", "around the clock"]),
    }


@dataclass
class Topic:
    event: str
    place: str
    people: list[str]
    orgs: list[str]
    group: str
    guard: Guard
    speech: str = ""  # one sentence, 20-35 words, no final period


SPEECH = [
    ["We will not accept", "Nobody in this country can accept", "History will not forgive",
     "This council will never tolerate", "The world must not look away from",
     "I say clearly to everyone listening that we reject", "Our families cannot survive",
     "No government worthy of the name would allow", "Let me be very clear: we will resist"],
    ["a situation in which {group} in {place} go without {aid}",
     "the slow strangling of {place} and its {group}", "another winter of {event} in {place}",
     "the silence that surrounds the {event}", "{small} more days of waiting for {aid}",
     "the punishment of {group} for crimes they did not commit",
     "an arrangement that leaves {place} at the mercy of {org}"],
    ["while {org} looks the other way", "while the officials responsible sleep soundly",
     "for {small} days in a row", "as if our children were worth nothing",
     "after every promise made in {month}", "in the name of security",
     "under the eyes of the whole world", "because of decisions taken far from {place}"],
    ["and we demand", "and we expect", "so we are calling for", "and I am asking for",
     "and today we insist on", "which is why we want"],
    ["an independent inquiry", "immediate access for aid convoys",
     "that those responsible be held to account", "a full ceasefire",
     "the reopening of the crossing at {place2}", "the release of every detainee",
     "compensation for every family", "a timetable for the return of the displaced"],
    ["before the end of this week", "without any further delay", "now", "before {day}",
     "from every party involved", "before the next convoy leaves {place2}",
     "and we will not wait another {small} days", "by the end of {month}"],
]


def _speech(rng: random.Random, t: Topic) -> str:
    best = ""
    for _attempt in range(200):
        fills = _fills(rng, t)
        text = " ".join(rng.choice(part) for part in SPEECH).format(**fills)
        if not 20 <= len(text.split()) <= 35:
            continue
        best = text
        if t.guard.accepts(((-2,), (-2,)), (-2,), text, cutoff=0.6):
            break
    else:
        t.guard.failures += 1
    t.guard.history[(-2,)].append(best)
    return best


@dataclass
class Para:
    text: str
    origin: tuple[int, int]  # (article index, paragraph index) where first written
    path: tuple[int, ...]  # articles it passed through before this one, oldest first
    skip: int = 0  # leading characters not copied (a dateline the copier added)


@dataclass
class GenArticle:
    index: int
    outlet: Outlet
    url: str
    title: str
    body: list[Para]
    published: datetime | None
    role: str  # original | copy | same_topic | shared_quote
    topic: int
    source: int | None = None
    credit: str | None = None  # dateline | according | None
    edit_rate: float = 0.0
    notes: list[str] = field(default_factory=list)

    def paragraphs(self) -> list[str]:
        head = [self.outlet.masthead] if self.outlet.masthead else []
        return head + [p.text for p in self.body] + list(self.outlet.footer)

    def record(self) -> dict[str, str]:
        rec = {"outlet": self.outlet.name, "url": self.url, "title": self.title,
               "text": "\n\n".join(self.paragraphs())}
        if self.published is not None:
            rec["published_at"] = self.published.isoformat(timespec="seconds")
        return rec


def restyle(text: str, outlet: Outlet) -> str:
    """The outlet's house style: quote marks, U.S./US, place spellings, per cent."""
    if outlet.curly:
        flip = iter(range(10**6))
        text = re.sub(r'"', lambda _m: "“" if next(flip) % 2 == 0 else "”", text)
    else:
        text = text.replace("“", '"').replace("”", '"')
    if outlet.dotted:
        text = re.sub(r"\bUS\b", "U.S.", re.sub(r"\bUN\b", "U.N.", text))
    else:
        text = text.replace("U.S.", "US").replace("U.N.", "UN")
    for group in VARIANTS:
        want = group[outlet.spelling % len(group)]
        for variant in group:
            if variant != want:
                text = re.sub(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", want, text)
    for group in PEOPLE:
        want = group[outlet.spelling % len(group)]
        for variant in group:
            text = text.replace(variant, want) if variant != want else text
    return text.replace(" percent", " per cent") if outlet.per_cent else text.replace(
        " per cent", " percent")


def edit_words(text: str, rate: float, rng: random.Random) -> str:
    """Substitute, delete or insert about `rate` of the words (plain lower-case words only)."""
    words = text.split(" ")
    for _ in range(round(rate * len(words))):
        plain = [i for i, w in enumerate(words) if w.isalpha() and w.islower()]
        if not plain:
            break
        i, op = rng.choice(plain), rng.random()
        if op < 0.5:
            words[i] = rng.choice(FILLER)
        elif op < 0.75 and len(words) > 8:
            del words[i]
        else:
            words.insert(i + 1, rng.choice(FILLER))
    return " ".join(words)


class Guard:
    """Keeps independently written text independent, so that the only long shared passages
    are the labelled copies and shared quotations: no two sentences of 14 words or more of
    one kind are 75% alike (character edit similarity), no sentence end is followed by the
    same sentence start twice in the corpus, no run of 12 words (across sentences, names and
    numbers left out) is written twice, and no two speeches are 60% alike."""

    N = 12

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.history: dict[Sig, list[str]] = defaultdict(list)
        self.joints: set[tuple[Sig, Sig]] = set()
        self.seen: set[tuple[str, ...]] = set()
        self.failures = 0

    @staticmethod
    def shape(text: str) -> list[str]:
        """Words, with names and numbers as one placeholder (a copy detector bridges them)."""
        return ["#" if w[0].isupper() or w[0].isdigit() else w for w in re.findall(r"\w+", text)]

    def grams(self, before: str, sentence: str, shaped: bool) -> set[tuple[str, ...]]:
        """12-word runs; for stock sentences also their own shapes, which recur otherwise."""
        runs = [re.findall(r"\w+", before.lower())[-(self.N - 1) :]
                + re.findall(r"\w+", sentence.lower())]
        if shaped:
            runs.append(self.shape(sentence))
        return {tuple(run[i : i + self.N]) for run in runs for i in range(len(run) - self.N + 1)}

    def accepts(self, joint: tuple[Sig, Sig], key: Sig, sentence: str, cutoff: float = 0.75,
                before: str = "") -> bool:
        if not self.enabled:
            return True
        shaped = len(key) == 1
        if joint in self.joints or self.grams(before, sentence, shaped) & self.seen:
            return False
        if len(sentence.split()) < 14:
            return True
        return process.extractOne(sentence, self.history[key], scorer=Levenshtein.
                                  normalized_similarity, score_cutoff=cutoff) is None

    def add(self, joint: tuple[Sig, Sig], key: Sig, sentence: str, before: str = "") -> None:
        if self.enabled:
            self.joints.add(joint)
            self.seen |= self.grams(before, sentence, len(key) == 1)
            if len(sentence.split()) >= 14:
                self.history[key].append(sentence)


def _sentences(rng: random.Random, topic: Topic, n: int, used: list[Sig],
               before: str = "") -> str:
    """n sentences: a fifth from stock templates (none twice in one article), the rest
    composed; checked by the corpus guard (`used` is the article's record of tails)."""
    out = []
    for _ in range(n):
        prev = used[-1] if used else (-1,)
        for _attempt in range(200):
            if rng.random() < 0.15:
                i = rng.randrange(len(_T))
                key: Sig = (i,)
                head, tail = key, key
                sentence = _T[i].format(**_fills(rng, topic))
                if key in used:
                    continue
            else:
                key, head, tail, sentence = _composed(rng, topic)
            if topic.guard.accepts((prev, head), key, sentence, before=before):
                break
        else:
            topic.guard.failures += 1
        topic.guard.add((prev, head), key, sentence, before=before)
        used.append(tail)
        out.append(sentence)
        before = sentence
    return " ".join(out)


def _quote_para(rng: random.Random, topic: Topic, used: list[Sig]) -> str:
    q, who = topic.speech, topic.people[0]
    surname = who.split()[-1].removeprefix("al-").capitalize()
    form = rng.choice([
        f'"{q[0].upper()}{q[1:]}," {who} said.',
        f'{who}, {rng.choice(ROLES)}, said: "{q[0].upper()}{q[1:]}."',
        f'"{q[0].upper()}{q[1:]}," said {who}, {rng.choice(ROLES)}.',
        f'{surname} told reporters in {topic.place}: "{q[0].upper()}{q[1:]}."',
        f'In a statement on {rng.choice(DAYS)}, {who} said: "{q[0].upper()}{q[1:]}."',
    ])
    return form + (" " + _sentences(rng, topic, 1, used) if rng.random() < 0.5 else "")


def _body(rng: random.Random, topic: Topic, index: int, outlet: Outlet, n: int,
          quote: bool, first: int = 0) -> list[Para]:
    paras: list[str] = []
    used: list[Sig] = []
    last = ""
    for _ in range(n):
        size = rng.choices([1, 2, 3, 4], [0.2, 0.35, 0.3, 0.15])[0]
        last = _sentences(rng, topic, size, used, before=last)
        paras.append(restyle(last, outlet))
    if quote:
        paras.insert(rng.randint(1, max(1, n - 1)), restyle(_quote_para(rng, topic, used),
                                                              outlet))
    if outlet.initials == "LW" and first == 0:  # the agency datelines its own copy
        paras[0] = f"{topic.place.upper()} (LW) – {paras[0]}"
    return [Para(t, (index, first + k), ()) for k, t in enumerate(paras)]


def _derive(rng: random.Random, src: GenArticle, index: int, outlet: Outlet, topic: Topic,
            when: datetime | None) -> GenArticle:
    taken = [Para(p.text, p.origin, (*p.path, src.index)) for p in src.body]
    notes: list[str] = []
    if rng.random() < 0.45:  # whole copy, possibly with drops, insertions and reorders
        mode = "whole"
        if rng.random() < 0.3 and len(taken) > 4:
            for _ in range(rng.randint(1, 2)):
                del taken[rng.randrange(1, len(taken))]
            notes.append("drop")
        if rng.random() < 0.25:
            i, j = sorted(rng.sample(range(len(taken)), 2))
            taken[i], taken[j] = taken[j], taken[i]
            notes.append("reorder")
        new_n = rng.randint(1, 2) if rng.random() < 0.3 else 0
    else:
        mode = "partial"
        k = min(rng.randint(2, 6), len(taken))
        if rng.random() < 0.2:
            taken = [taken[i] for i in sorted(rng.sample(range(len(taken)), k))]
            notes.append("scattered")
        else:
            start = rng.randrange(0, len(taken) - k + 1)
            taken = taken[start : start + k]
        new_n = rng.randint(3, 8)
    rate = rng.choice([0.0, 0.0, rng.uniform(0.02, 0.05)])
    style = rng.random() < 0.8
    for p in taken:
        text = edit_words(p.text, rate, rng) if rate else p.text
        p.text = restyle(text, outlet) if style else text
    fresh = _body(rng, topic, index, outlet, new_n, False, first=len(taken)) if new_n else []
    body = list(taken)
    for para in fresh:
        body.insert(rng.randint(0, len(body)), para)
    credit = None
    if rng.random() < 0.25 and not src.body[0].text.startswith(f"{topic.place.upper()} ("):
        source_outlet = src.outlet
        if rng.random() < 0.5:
            prefix = f"{topic.place.upper()} ({source_outlet.initials}) – "
            body[0] = Para(prefix + body[0].text, body[0].origin, body[0].path,
                           len(prefix) + body[0].skip)
            credit = "dateline"
        else:
            line = f"The {topic.event} was first reported by {source_outlet.name} on " \
                   f"{rng.choice(DAYS)}, according to {source_outlet.name}."
            body.insert(rng.randint(0, len(body)), Para(line, (index, 999), ()))
            credit = "according"
    return GenArticle(index, outlet, _url(outlet, index), f"{topic.event.capitalize()} in "
                      f"{topic.place}: {mode} copy", body, when, "copy", src.topic, src.index,
                      credit, rate, [mode, *notes, "restyled" if style else "as-is"])


def _url(outlet: Outlet, index: int) -> str:
    return f"https://{outlet.domain}/news/story-{index:05d}"


def _time(rng: random.Random) -> datetime:
    zone = timezone(timedelta(hours=rng.choice([0, 2, 3])))
    return datetime(2026, 1, 5, tzinfo=UTC).astimezone(zone) + timedelta(
        days=rng.randint(0, 60), seconds=rng.randint(0, 86399))


def generate(seed: int, n_originals: int, n_derived: int, n_same_topic: int,
             n_shared_quote: int, exact: bool = True) -> tuple[list[GenArticle], int]:
    """The corpus, in generation order (sources before their copies), and how many
    sentences could not be made unique (should be 0 for exact labels). Without `exact` the
    guard is off (for large corpora, whose labels are not scored)."""
    rng = random.Random(seed)
    topics, guard_ = [], Guard(enabled=exact)
    for _ in range(n_originals):
        place = rng.choice(PLACES)
        topics.append(Topic(rng.choice(EVENTS), place, [rng.choice(PEOPLE)[0] for _ in "ab"],
                            rng.sample(ORGS, 2), rng.choice(GROUPS), guard_))
        topics[-1].speech = _speech(rng, topics[-1])
    quoted = set(rng.sample(range(n_originals), min(n_shared_quote, n_originals)))
    arts: list[GenArticle] = []
    for t, topic in enumerate(topics):
        outlet = rng.choice(OUTLETS)
        quote = t in quoted or rng.random() < 0.4
        body = _body(rng, topic, len(arts), outlet, rng.randint(8, 16), quote)
        arts.append(GenArticle(len(arts), outlet, _url(outlet, len(arts)),
                               f"{topic.event.capitalize()} in {topic.place}", body,
                               _time(rng), "original", t))
    for _ in range(n_derived):
        src = rng.choice(arts[:n_originals] if rng.random() < 0.7 else arts)
        lineage = {arts[i].outlet.name for p in src.body for i in p.path} | {src.outlet.name}
        outlet = rng.choice([o for o in OUTLETS if o.name not in lineage])
        roll = rng.random()
        when = None if roll < 0.12 or src.published is None else (
            src.published if roll < 0.25 else
            src.published + timedelta(seconds=rng.randint(3600, 48 * 3600)))
        arts.append(_derive(rng, src, len(arts), outlet, topics[src.topic], when))
    for role, count in (("same_topic", n_same_topic), ("shared_quote", n_shared_quote)):
        pool = sorted(quoted) if role == "shared_quote" else list(range(n_originals))
        for t in rng.sample(pool, min(count, len(pool))):
            outlet = rng.choice([o for o in OUTLETS if o is not arts[t].outlet])
            body = _body(rng, topics[t], len(arts), outlet, rng.randint(8, 16),
                         role == "shared_quote")
            base = arts[t].published
            assert base is not None  # originals are always dated
            when = base + timedelta(seconds=rng.randint(-20000, 90000))
            arts.append(GenArticle(len(arts), outlet, _url(outlet, len(arts)),
                                   f"{topics[t].event.capitalize()} in {topics[t].place}", body,
                                   when, role, t, source=t))
    return arts, guard_.failures


@dataclass
class GoldPair:
    """Two articles that share copied text; `source` is set when one descends from the other."""

    a: int
    b: int
    a_paras: list[int]
    b_paras: list[int]
    source: int | None


def gold_pairs(arts: list[GenArticle]) -> dict[tuple[int, int], GoldPair]:
    by_origin: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for art in arts:
        for k, p in enumerate(art.body):
            by_origin.setdefault(p.origin, []).append((art.index, k))
    pairs: dict[tuple[int, int], GoldPair] = {}
    for holders in by_origin.values():
        for x, (ai, ak) in enumerate(holders):
            for bi, bk in holders[x + 1 :]:
                a, b = min(ai, bi), max(ai, bi)
                pair = pairs.setdefault((a, b), GoldPair(a, b, [], [], None))
                pair.a_paras.append(ak if a == ai else bk)
                pair.b_paras.append(bk if a == ai else ak)
                if a in arts[b].body[pair.b_paras[-1]].path:
                    pair.source = a
                elif b in arts[a].body[pair.a_paras[-1]].path:
                    pair.source = b
    return pairs
