"""Actors across articles: the in-article groups of mentions joined into canonical actors.

Each article says which of its mentions belong together (``aliases``); here the groups of
different articles meet. Two groups are one actor when they share a dictionary entry, a full
name, a name in another script, or transliteration variants of a name ("Harakat Sayf
al-Furat" = "Harakah Saif al-Furaat"); an acronym joins them only when every article that
spells it out spells out the same actor, so two groups that both call themselves "HSF"
stay apart. Generic references ("the group", "officials", "the Senate") never join
anything across articles: they mean a different actor in every article.

Actor ids are derived from content, so a re-run gives the same ids: "dict:<entry id>" for
dictionary actors, "actor:<hash of kind and canonical name>" otherwise, and
"local:<hash of article and key>" for an actor known only by a generic name in one article.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newstrace.language.actor_dict import ActorDictionary, alias_key
from newstrace.language.actor_words import (
    INSTITUTION_WORDS,
    is_acronym,
    is_foreign_script,
    is_generic,
    name_words,
    significant_words,
    strip_possessive,
    translit_keys,
)
from newstrace.language.alias_clusters import TYPE_PRIORITY, UnionFind
from newstrace.language.records import Actor, ActorMention

NodeKey = tuple[str, str]
_Join = Callable[[int, int], None]


@dataclass(slots=True)
class _Node:
    """One article's group of mentions (one in-article key), as the merge sees it."""

    article_id: str
    key: str
    mentions: list[ActorMention] = field(default_factory=list)
    dict_id: str | None = None
    is_person: bool = False
    full: dict[str, str] = field(default_factory=dict)  # alias key -> surface
    acronyms: set[str] = field(default_factory=set)
    scripts: dict[str, str] = field(default_factory=dict)
    bare: set[str] = field(default_factory=set)  # institution names without their country

    @property
    def linkable(self) -> bool:
        return bool(self.full or self.acronyms or self.scripts or self.bare)


def merge_actors(per_article: Mapping[str, Sequence[ActorMention]],
                 dictionary: ActorDictionary) -> tuple[list[Actor], dict[NodeKey, str]]:
    """Canonical actors of a corpus, and (article id, in-article key) -> actor id."""
    nodes = _nodes(per_article)
    uf = UnionFind(len(nodes))
    persons = [n.is_person for n in nodes]

    def join(a: int, b: int) -> None:
        if persons[uf.find(a)] == persons[uf.find(b)]:
            uf.union(a, b)

    free = [i for i, n in enumerate(nodes) if n.dict_id is None and n.linkable]
    _link_names(nodes, free, join)
    _link_acronyms(nodes, free, uf, join)
    _link_institutions(nodes, free, uf, join)
    return _actors(nodes, uf, dictionary)


def _nodes(per_article: Mapping[str, Sequence[ActorMention]]) -> list[_Node]:
    """One node per (article, key), with its surfaces sorted by what they can link by."""
    by_key: dict[NodeKey, _Node] = {}
    for article_id in sorted(per_article):
        for mention in per_article[article_id]:
            node = by_key.setdefault((article_id, mention.key), _Node(article_id, mention.key))
            node.mentions.append(mention)
            node.dict_id = node.dict_id or mention.dict_id
            node.is_person = node.is_person or mention.actor_type == "person"
    for node in by_key.values():
        surfaces = [node.mentions[0].name, *node.mentions[0].aliases]
        surfaces += [m.span.text for m in node.mentions]
        for surface in surfaces:
            _classify(node, surface)
    return list(by_key.values())


def _classify(node: _Node, surface: str) -> None:
    """Sort a surface into what it can link by: a full name, an acronym, a name in another
    script, an institution without its country ("Border Ports Authority"), or nothing."""
    text = re.sub(r"(?:'s|’s)$", "", surface.strip())  # "Washington's"; inner ones stay
    key = alias_key(strip_possessive(text))
    if not key:
        return
    if is_acronym(text):
        node.acronyms.add(text.replace(".", "").upper())
    elif is_foreign_script(text):
        node.scripts.setdefault(key, text)
    elif is_generic(text):
        return
    elif all(w in INSTITUTION_WORDS for w in key.split()):
        node.bare.add(key)
    elif not node.is_person or len(name_words(text)) >= 2:
        node.full.setdefault(key, text)


def _link_names(nodes: list[_Node], free: list[int], join: _Join) -> None:
    """Shared full names, names in another script, transliteration variants (not of people:
    "Ahmed Ali" and "Ahmad Ali" may well be two men)."""
    first: dict[tuple[object, ...], int] = {}
    for i in free:
        node = nodes[i]
        keys: list[tuple[object, ...]] = [("full", k) for k in node.full]
        keys += [("script", k) for k in node.scripts]
        if not node.is_person:
            keys += [("translit", k) for name in node.full for k in translit_keys(name)]
        for key in keys:
            if key in first:
                join(first[key], i)
            else:
                first[key] = i


def _link_acronyms(nodes: list[_Node], free: list[int], uf: UnionFind, join: _Join) -> None:
    """An acronym joins the actor every article that spells it out names; with no article
    spelling it out, the one actor whose name it abbreviates ("MNA": Meridian News
    Agency); with none, its users join each other."""
    users: dict[str, list[int]] = defaultdict(list)
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i in free:
        for acronym in nodes[i].acronyms:
            users[acronym].append(i)
        if not nodes[i].is_person:
            for name in nodes[i].full:
                for initials in _initials(name):
                    by_initials[initials].add(i)
    for acronym, holders in sorted(users.items()):
        definers = {uf.find(i) for i in holders if nodes[i].full}
        if len(definers) > 1:
            continue  # two actors spelled out with one acronym: it proves nothing
        if not definers:
            definers = {uf.find(i) for i in by_initials.get(acronym, ())}
            if len(definers) > 1:
                definers = set()
        target = definers.pop() if definers else holders[0]
        for i in holders:
            join(target, i)


def _initials(name: str) -> set[str]:
    """The acronyms a name plainly makes: initials of its significant words ("HSF" for
    "Harakat Sayf al-Furat") or of all its words; clipped ones ("CENTCOM") are the
    dictionary's business."""
    forms = {"".join(w[0] for w in significant_words(name)),
             "".join(w[0] for w in name_words(name))}
    return {f.upper() for f in forms if len(f) >= 2}


def _link_institutions(nodes: list[_Node], free: list[int], uf: UnionFind,
                       join: _Join) -> None:
    """ "Border Ports Authority" joins the one "Iraq Border Ports Authority" of the corpus."""
    qualified: dict[str, set[int]] = defaultdict(set)
    for i in free:
        for key in nodes[i].full:
            words = key.split()
            for cut in (1, 2, 3):
                rest = " ".join(words[cut:])
                if rest and all(w in INSTITUTION_WORDS for w in words[cut:]):
                    qualified[rest].add(uf.find(i))
    for i in free:
        for key in nodes[i].bare:
            roots = qualified.get(key, set())
            if len(roots) == 1:
                join(next(iter(roots)), i)


def _actors(nodes: list[_Node], uf: UnionFind,
            dictionary: ActorDictionary) -> tuple[list[Actor], dict[NodeKey, str]]:
    """Actors of the groups (dictionary entry, article-local, or union-find root) and the
    mapping of every node to its actor."""
    groups: dict[str, list[_Node]] = defaultdict(list)
    for i, node in enumerate(nodes):
        if node.dict_id:
            groups[f"dict:{node.dict_id}"].append(node)
        elif not node.linkable:
            groups[_local_id(node)].append(node)
        else:
            groups[f"root:{uf.find(i)}"].append(node)
    actors: list[Actor] = []
    mapping: dict[NodeKey, str] = {}
    used: set[str] = set()
    for group_key in sorted(groups, key=lambda g: (groups[g][0].article_id, g)):
        members = groups[group_key]
        actor = _actor(group_key, members, dictionary, used)
        actors.append(actor)
        for node in members:
            mapping[(node.article_id, node.key)] = actor.id
    return sorted(actors, key=lambda a: (a.name.casefold(), a.id)), mapping


def _actor(group_key: str, members: list[_Node], dictionary: ActorDictionary,
           used: set[str]) -> Actor:
    """The canonical actor of one group, with its content-derived id."""
    mentions = [m for node in members for m in node.mentions]
    entry = dictionary.entries.get(members[0].dict_id or "")
    is_person = any(node.is_person for node in members)
    name = entry.name if entry else _best_name(members)
    actor_type = entry.type if entry else _majority_type(mentions, is_person)
    if entry:
        actor_id = f"dict:{entry.id}"
    elif group_key.startswith("local:"):
        actor_id = group_key
    else:
        kind = "person" if is_person else "org"
        actor_id = "actor:" + _digest(f"{kind}|{alias_key(name)}")
        if actor_id in used:  # two actors one name: told apart by their members
            actor_id = "actor:" + _digest("|".join(sorted(f"{n.article_id}/{n.key}"
                                                          for n in members)))
    used.add(actor_id)
    return Actor(id=actor_id, name=name, actor_type=actor_type,
                 aliases=_aliases(members, name), dict_id=entry.id if entry else None,
                 country=entry.country if entry else None, n_mentions=len(mentions))


def _best_name(members: list[_Node]) -> str:
    """The most frequent full name among the mentions (ties: the one met first); an
    acronym or a name in another script only when the actor has no other name."""
    counts: Counter[str] = Counter()
    forms: dict[str, str] = {}
    for node in members:
        for mention in node.mentions:
            key = alias_key(strip_possessive(mention.span.text))
            if key in node.full:
                counts[key] += 1
                forms.setdefault(key, node.full[key])
        for key, form in node.full.items():
            forms.setdefault(key, form)
            counts[key] += 0
    if counts:
        order = {key: i for i, key in enumerate(forms)}
        best = max(counts, key=lambda k: (counts[k], -order[k]))
        return forms[best]
    acronyms = Counter(a for node in members for a in node.acronyms)
    if acronyms:
        return sorted(acronyms, key=lambda a: (-acronyms[a], a))[0]
    scripts = [form for node in members for form in node.scripts.values()]
    return scripts[0] if scripts else members[0].mentions[0].name


def _majority_type(mentions: Iterable[ActorMention], is_person: bool) -> str:
    """The most frequent type among the mentions; ties by TYPE_PRIORITY."""
    if is_person:
        return "person"
    counts = Counter(m.actor_type for m in mentions if m.actor_type not in ("unknown", "person"))
    if not counts:
        return "unknown"
    top = max(counts.values())
    return next((t for t in TYPE_PRIORITY if counts.get(t) == top),
                counts.most_common(1)[0][0])


def _aliases(members: list[_Node], name: str) -> tuple[str, ...]:
    """Every linkable surface of the actor but its name, most frequent first."""
    counts: Counter[str] = Counter()
    forms: dict[str, str] = {}
    for node in members:
        for key, form in [*node.full.items(), *node.scripts.items(),
                          *((a.lower(), a) for a in node.acronyms)]:
            forms.setdefault(key, form)
            counts[key] += 1
    skip = alias_key(name)
    return tuple(forms[k] for k in sorted(counts, key=lambda k: (-counts[k], k)) if k != skip)


def _local_id(node: _Node) -> str:
    return "local:" + _digest(f"{node.article_id}|{node.key}")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

