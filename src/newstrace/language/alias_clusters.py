"""Grouping one article's actor candidates into actors, and the mentions that come out.

The finder (``aliases``) proposes spans and the links the text states ("Name (ACR)", "also
known as"); this module adds the links the names themselves imply (same dictionary entry,
same name, transliteration variants, an acronym of a name in the article, a surname of a
person named in full, a name without its head word: "Sayf al-Furat" in "Harakat Sayf
al-Furat"), then names each group and gives it one key.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstrace.language.actor_dict import ActorDictionary, alias_key
from newstrace.language.actor_words import (
    ARABIC_HEADS,
    ORG_HEADS,
    english_head,
    head_word,
    initials_match,
    name_words,
    translit_keys,
)
from newstrace.language.records import ActorMention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

TYPE_PRIORITY = ("armed group", "state force", "police", "ministry", "government",
                 "legislature", "political party", "media", "international organization",
                 "company", "civil society", "group", "person")
"""Order of preference when a group's mentions suggest types equally often."""


@dataclass(slots=True)
class Cand:
    """A span that may name an actor, with what is known of it so far (token offsets).

    ``kind``: "name", "acronym", "script" (another script), "generic" ("the Senate"),
    "anaphor" ("the group", kept only when linked) or "dropped".
    """

    start: int
    end: int
    label: str
    name: str
    kind: str = "name"
    dict_id: str | None = None
    actor_type: str = "unknown"
    title: str | None = None
    speaker: bool = False

    @property
    def is_person(self) -> bool:
        return self.label == "PERSON"


class UnionFind:
    """Disjoint sets over candidate indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self, members: list[int]) -> list[list[int]]:
        """The groups among ``members``, each in order, ordered by their first member."""
        out: dict[int, list[int]] = defaultdict(list)
        for i in members:
            out[self.find(i)].append(i)
        return sorted(out.values(), key=lambda g: g[0])


def linked(cands: list[Cand], links: list[tuple[int, int]]) -> UnionFind:
    """Union-find over the stated links only."""
    uf = UnionFind(len(cands))
    for a, b in links:
        uf.union(a, b)
    return uf


def build_mentions(doc: Doc, cands: list[Cand], links: list[tuple[int, int]],
                   dictionary: ActorDictionary) -> list[ActorMention]:
    """Group the candidates and emit one ActorMention per kept candidate."""
    live = [i for i, c in enumerate(cands) if c.kind != "dropped"]
    uf = linked(cands, links)
    _link_implied(cands, live, uf)
    mentions: list[ActorMention] = []
    used_keys: set[str] = set()
    for group in uf.groups(live):
        members = [cands[i] for i in group]
        mentions.extend(_group_mentions(doc, members, dictionary, used_keys))
    return sorted(mentions, key=lambda m: (m.span.start, m.span.end))


def _link_implied(cands: list[Cand], live: list[int], uf: UnionFind) -> None:
    """Links the names imply, within one article."""
    first: dict[tuple[object, ...], int] = {}

    def join(key: tuple[object, ...], i: int) -> None:
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i

    for i in live:
        cand = cands[i]
        if cand.kind == "anaphor":
            continue
        if cand.dict_id:
            join(("dict", cand.dict_id), i)
        join(("name", cand.is_person, alias_key(cand.name)), i)
        if cand.kind == "name":
            for key in translit_keys(cand.name):
                join(("translit", cand.is_person, key), i)
            bare = _without_head(cand.name)
            if bare and not cand.is_person:
                join(("name", False, bare), i)
    _link_acronyms(cands, live, uf)
    _link_surnames(cands, live, uf)


def _without_head(name: str) -> str | None:
    """The name without its head word when two or more words remain: "Harakat Sayf al-Furat"
    -> "sayf al furat", so a bare "Sayf al-Furat" meets it."""
    words = name_words(name)
    if len(words) < 3:
        return None
    if words[0] in ARABIC_HEADS:
        return " ".join(words[1:])
    if words[-1] in ORG_HEADS and words[-2] not in ("of", "the"):
        return " ".join(words[:-1])
    return None


def _link_acronyms(cands: list[Cand], live: list[int], uf: UnionFind) -> None:
    """An acronym used without its definition joins the one name in the article it
    abbreviates ("MNA" and "Meridian News Agency"); none when two names fit."""
    for i in live:
        acr = cands[i]
        if acr.kind != "acronym" or acr.dict_id:
            continue
        fits = {uf.find(j) for j in live
                if cands[j].kind == "name" and not cands[j].is_person
                and initials_match(cands[j].name, acr.name)}
        if len(fits) == 1:
            uf.union(i, fits.pop())


def _link_surnames(cands: list[Cand], live: list[int], uf: UnionFind) -> None:
    """ "Smith said" after "Army Colonel Jane Smith": a one-word name joins the one person
    of the article whose last word it is (even when the model called it ORG: "Smith's")."""
    last_words: dict[str, set[int]] = defaultdict(set)
    for j in live:
        words = name_words(cands[j].name)
        if cands[j].is_person and len(words) > 1:
            last_words[words[-1]].add(uf.find(j))
    for i in live:
        cand = cands[i]
        words = name_words(cand.name)
        if len(words) != 1 or cand.kind not in ("name", "generic") or cand.dict_id:
            continue
        if cand.is_person or (cand.label == "ORG" and cand.actor_type == "unknown"):
            fits = last_words.get(words[0], set())
            if len(fits) == 1:
                cand.label = "PERSON"
                cand.actor_type = "person"
                uf.union(i, next(iter(fits)))


def _group_mentions(doc: Doc, members: list[Cand], dictionary: ActorDictionary,
                    used_keys: set[str]) -> list[ActorMention]:
    """The mentions of one group, or none when it is not an actor worth keeping."""
    named = [c for c in members if c.kind != "anaphor"]
    if not named:
        return []
    is_person = sum(c.is_person for c in named) * 2 > len(named)
    if is_person and not any(c.title or c.speaker for c in named):
        return []  # the model's stray PERSON spans: places, outlets, nobody quoted
    dict_ids = Counter(c.dict_id for c in named if c.dict_id)
    dict_id = dict_ids.most_common(1)[0][0] if dict_ids else None
    entry = dictionary.entries.get(dict_id) if dict_id else None
    name = entry.name if entry else _best_name(named)
    actor_type = entry.type if entry else _group_type(named, is_person)
    key = f"dict:{dict_id}" if dict_id else f"{'person' if is_person else 'org'}:" \
        f"{alias_key(name) or name}"
    base, n = key, 2
    while key in used_keys:
        key, n = f"{base}#{n}", n + 1
    used_keys.add(key)
    aliases = _aliases(doc, named)
    person_title = next((c.title for c in named if c.title), None) if is_person else None
    mentions = []
    for cand in members:
        span = doc[cand.start:cand.end]
        mentions.append(ActorMention(
            span=Span(span.start_char, span.end_char, span.text),
            label=cand.label, name=name, key=key, actor_type=actor_type, dict_id=dict_id,
            title=person_title or cand.title, aliases=aliases))
    return mentions


def _best_name(named: list[Cand]) -> str:
    """The most frequent full name (ties: the earlier); an acronym or a
    name in another script only when nothing else names the group."""
    for kinds in (("name",), ("acronym",), ("script",), ("generic",)):
        pool = [c for c in named if c.kind in kinds]
        if pool:
            counts = Counter(alias_key(c.name) for c in pool)
            order = {alias_key(c.name): i for i, c in reversed(list(enumerate(pool)))}
            best = max(counts, key=lambda k: (counts[k], -order[k]))
            return next(c.name for c in pool if alias_key(c.name) == best)
    return named[0].name


def _group_type(named: list[Cand], is_person: bool) -> str:
    """The majority type of the group's mentions; ties by TYPE_PRIORITY."""
    if is_person:
        return "person"
    counts = Counter(c.actor_type for c in named if c.actor_type not in ("unknown", "person"))
    if not counts:
        return "unknown"
    top = max(counts.values())
    return next(t for t in TYPE_PRIORITY if counts.get(t) == top) \
        if any(counts.get(t) == top for t in TYPE_PRIORITY) else counts.most_common(1)[0][0]


def _aliases(doc: Doc, named: list[Cand]) -> tuple[str, ...]:
    """The distinct surfaces of a group in order of appearance, references back left out."""
    seen: dict[str, str] = {}
    for cand in sorted(named, key=lambda c: c.start):
        if cand.kind == "generic":
            continue
        surface = doc[cand.start:cand.end].text
        key = alias_key(surface)
        if key and key not in seen:
            seen[key] = surface
    return tuple(seen.values())


def profiles(cands: list[Cand], uf: UnionFind) -> dict[int, set[str]]:
    """Per group (union-find root): the English head words and actor types of its named
    members, which decide what "the <word>" may refer to ("the Movement" -> "Harakat ...")."""
    out: dict[int, set[str]] = defaultdict(set)
    for i, cand in enumerate(cands):
        if cand.kind in ("anaphor", "dropped"):
            continue
        head = head_word(cand.name)
        profile = out[uf.find(i)]
        profile.add(f"type:{cand.actor_type}")
        if head:
            profile.add(f"head:{english_head(head)}")
    return out
