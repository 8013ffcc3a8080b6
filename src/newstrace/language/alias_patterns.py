"""Text patterns of actor names within one article: how news defines and refers to them.

The base class of the in-article finder (``aliases``): it owns the candidate spans and the
links between them, and reads the patterns that tie names together ("Harakat Sayf al-Furat
(HSF)", "also known as", "the Sword of the Euphrates Movement, or Harakat Sayf al-Furat,",
"which calls itself حركة سيف الفرات"), the titles and descriptions set beside a name
("Lt. Col. Dana Whitfield, a Central Command spokeswoman"; "X, a Telegram news channel
associated with Y": media) and the references back ("the Movement", "the group").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newstrace.language.actor_dict import ActorDictionary, alias_key
from newstrace.language.actor_words import (
    ORG_HEADS,
    TITLE_WORDS,
    english_head,
    initials_match,
    is_acronym,
    is_foreign_script,
    is_speech_verb,
    org_type,
    strip_possessive,
)
from newstrace.language.alias_clusters import Cand, UnionFind, linked, profiles

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
DETERMINERS = frozenset({"the", "a", "an"})
CONNECTORS = frozenset({"of", "the", "al", "el", "ad", "ar", "as", "ash", "at", "az", "an",
                        "-", "and", "for", "wal", "bin", "ibn", "de", "la", "ul", "ud"})
ALIAS_TRIGGERS: tuple[tuple[str, ...], ...] = (
    ("whose", "name", "translates", "as"), ("known", "by", "its", "acronym"),
    ("known", "by", "the", "acronym"), ("known", "by", "its", "initials"),
    ("also", "referred", "to", "as"), ("formerly", "known", "as"), ("whose", "name", "means"),
    ("which", "calls", "itself"), ("also", "known", "as"), ("also", "called"),
    ("known", "as"),
)
_TRIGGERS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _trigger in ALIAS_TRIGGERS:  # longest first, as listed
    _TRIGGERS_BY_FIRST.setdefault(_trigger[0], []).append(_trigger)
ANAPHOR_TYPES: dict[str, frozenset[str]] = {
    "group": frozenset({"armed group", "group", "political party"}),
    "movement": frozenset({"armed group"}), "militia": frozenset({"armed group"}),
    "faction": frozenset({"armed group"}), "party": frozenset({"political party"}),
    "ministry": frozenset({"ministry"}), "army": frozenset({"state force"}),
    "military": frozenset({"state force"}), "government": frozenset({"government"}),
    "agency": frozenset(), "authority": frozenset(), "directorate": frozenset(),
    "council": frozenset(), "committee": frozenset(), "office": frozenset(),
    "department": frozenset(), "commission": frozenset(), "brigade": frozenset(),
    "organisation": frozenset(), "organization": frozenset(),
}
"""Words of a definite reference back ("the group") and the actor types it can point at;
an antecedent with the same head word ("the Movement" -> Harakat ...) always fits."""
APPOSITIVE_TYPES = {
    **dict.fromkeys(("channel", "outlet", "newspaper", "broadcaster", "station", "website",
                     "site", "daily", "paper", "magazine", "account"), "media"),
    **dict.fromkeys(("group", "militia", "faction", "movement", "coalition", "alliance"),
                    "group"),
    "party": "political party", "company": "company", "firm": "company",
    "contractor": "company", "charity": "civil society", "ngo": "civil society",
}
ARMED_CUES = ("armed", "militant", "jihadist", "rebel", "paramilitary", "insurgent",
              "aligned", "backed", "resistance")


class PatternFinder:
    """Candidates and links of one document, and the text patterns that add to them."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.d = dictionary
        self.cands: list[Cand] = []
        self.links: list[tuple[int, int]] = []

    def _add(self, cand: Cand) -> int:
        """Add a candidate, or return the one already on exactly that span."""
        for i, other in enumerate(self.cands):
            if (other.start, other.end) == (cand.start, cand.end):
                return i
        self.cands.append(cand)
        return len(self.cands) - 1

    def _text(self, start: int, end: int) -> str:
        """The text of tokens [start, end)."""
        return self.doc[start:end].text

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Without leading determiners, a trailing possessive or anything past a line break."""
        doc = self.doc
        for i in range(start, end):
            if "\n" in doc[i].text:
                end = i
                break
        while start < end and doc[start].lower_ in DETERMINERS:
            start += 1
        while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        return start, end

    def _alias_definitions(self) -> None:
        """Every "(...)", "also known as"-like trigger and ", or" alias of the document."""
        lower = [t.lower_ for t in self.doc]
        i = 0
        while i < len(lower):
            if lower[i] == "(":
                self._parenthesis(i)
            for trigger in _TRIGGERS_BY_FIRST.get(lower[i], ()):
                if tuple(lower[i:i + len(trigger)]) == trigger:
                    self._known_as(i, i + len(trigger))
                    i += len(trigger) - 1
                    break
            i += 1
        self._or_aliases()

    def _cand_ending(self, at: int) -> int | None:
        """The candidate that ends at token ``at`` (a comma in between allowed)."""
        found = [i for i, c in enumerate(self.cands) if c.kind != "dropped" and (
            c.end == at or (c.end == at - 1 and self.doc[at - 1].text == ","))]
        return min(found, key=lambda i: self.cands[i].start) if found else None

    def _parenthesis(self, open_at: int) -> None:
        """ "Name (ACR)", "ACR (Name)", "Name (حركة سيف الفرات)"."""
        doc = self.doc
        close = next((j for j in range(open_at + 1, min(open_at + 10, len(doc)))
                      if doc[j].text == ")"), None)
        if close is None or close == open_at + 1:
            return
        inner = self._text(open_at + 1, close)
        left = self._cand_ending(open_at)
        if is_acronym(inner):
            if left is None:
                left = self._run_before(open_at, inner)
            elif not self._abbreviates(self.cands[left], inner):
                return
            if left is not None:
                self._define(left, open_at + 1, close)
        elif left is not None and (is_foreign_script(inner) or (
                self.cands[left].kind == "acronym"
                and initials_match(inner, self.cands[left].name))):
            self._define(left, open_at + 1, close)

    def _abbreviates(self, owner: Cand, acronym: str) -> bool:
        """Whether an acronym in parentheses is the owner's: its initials, or the same
        dictionary entry ("US Central Command (CENTCOM)")."""
        if initials_match(self._text(owner.start, owner.end), acronym):
            return True
        entry = self.d.match(acronym)
        return entry is not None and entry.id == owner.dict_id

    def _run_before(self, at: int, acronym: str) -> int | None:
        """A capitalized name just before "(ACR)" that the model missed, trimmed from the
        left until the acronym abbreviates it: "the Sword of the Euphrates Movement (SEM)"."""
        run = self._name_run(at - 1, -1)
        if run is None:
            return None
        start, end = run
        while start < end:
            if self.doc[start].lower_ not in CONNECTORS \
                    and initials_match(self._text(start, end), acronym, skip_leading=False):
                name = self._text(start, end)
                return self._add(Cand(start, end, "ORG", name, "name", None,
                                       org_type(name) or "unknown"))
            start += 1
        return None

    def _define(self, left: int, start: int, end: int) -> None:
        """Link a candidate to the alias written at [start, end)."""
        owner = self.cands[left]
        text = self._text(start, end)
        entry = self.d.match(text)
        label = "PERSON" if owner.label == "PERSON" and not is_acronym(text) else "ORG"
        if owner.label == "PERSON" and label == "ORG":
            owner.label = "ORG"
            if owner.actor_type == "person":
                owner.actor_type = org_type(owner.name) or "unknown"
        if entry is not None:
            right = self._add(Cand(start, end, label, entry.name, shape(text), entry.id,
                                   entry.type))
        else:
            right = self._add(Cand(start, end, label, strip_possessive(text), shape(text),
                                   None, org_type(text) or owner.actor_type))
        if right != left:
            self.links.append((left, right))

    def _known_as(self, start: int, end: int) -> None:
        """ "X, also known as Y or Z", "X, whose name translates as Y", "X, which calls
        itself Y", "X, known by its acronym Y"."""
        left = self._cand_ending(start)
        if left is None:
            left = self._anaphor_before(start)
        if left is None:
            return
        at = end
        while at < len(self.doc):
            run = self._alias_at(at)
            if run is None:
                return
            self._define(left, *run)
            at = run[1]
            if at < len(self.doc) and self.doc[at].lower_ == "or":
                at += 1
            else:
                return

    def _anaphor_before(self, at: int) -> int | None:
        """ "The group, which calls itself ...": a definite reference as the defined name."""
        doc = self.doc
        end = at - 1 if at > 0 and doc[at - 1].text == "," else at
        if end >= 2 and doc[end - 2].lower_ == "the" and doc[end - 1].lower_ in ANAPHOR_TYPES:
            return self._add(Cand(end - 1, end, "ORG", doc[end - 1].lower_, "anaphor"))
        return None

    def _alias_at(self, at: int) -> tuple[int, int] | None:
        """The alias written from token ``at``: an acronym, a run in another script, or a
        capitalized name (a leading "the" skipped)."""
        doc = self.doc
        if at < len(doc) and doc[at].lower_ == "the":
            at += 1
        if at >= len(doc):
            return None
        if is_acronym(doc[at].text):
            return at, at + 1
        if is_foreign_script(doc[at].text):
            end = at
            while end < len(doc) and is_foreign_script(doc[end].text):
                end += 1
            return at, end
        return self._name_run(at, 1)

    def _name_run(self, at: int, step: int) -> tuple[int, int] | None:
        """A run of capitalized words with connectors (of, al-, and), read forward (step 1)
        or backward (step -1) from ``at``, trimmed of connectors at both ends."""
        doc = self.doc
        i = at
        while 0 <= i < len(doc) and (doc[i].is_title or (doc[i].is_upper and doc[i].is_alpha)
                                     or doc[i].lower_ in CONNECTORS):
            i += step
        start, end = (at, i) if step > 0 else (i + 1, at + 1)
        while start < end and doc[start].lower_ in CONNECTORS:
            start += 1
        while end > start and doc[end - 1].lower_ in CONNECTORS:
            end -= 1
        return (start, end) if end > start else None

    def _or_aliases(self) -> None:
        """ "the Sword of the Euphrates Movement, or Harakat Sayf al-Furat,": an alias when
        the name after "or" closes the clause."""
        doc = self.doc
        for i, cand in enumerate(list(self.cands)):
            at = cand.end
            if cand.label == "PERSON" or at + 2 >= len(doc) or doc[at].text != "," \
                    or doc[at + 1].lower_ != "or":
                continue
            run = self._alias_at(at + 2)
            if run and (run[1] >= len(doc) or doc[run[1]].text in (",", ".", ")", ";")):
                self._define(i, *run)

    def _describe(self) -> None:
        """Speakers, titles and descriptions of every candidate; a "PERSON" described as a
        channel, group or company becomes that organization."""
        for cand in self.cands:
            if cand.kind == "anaphor":
                continue
            root = self.doc[cand.start:cand.end].root
            cand.speaker = _speaks(root)
            found = self._appositive(cand, root)
            phrase, head = found if found else (None, None)
            org = _appositive_type(head, phrase or "", "unknown") if head else "unknown"
            if cand.label == "PERSON" and org == "unknown":
                titles = [t for t in (cand.title, self._title_before(cand), phrase) if t]
                cand.title = ", ".join(dict.fromkeys(titles)) or None
            elif phrase:
                if cand.label == "PERSON":  # "Nahr al-Sabireen, a Telegram news channel"
                    cand.label, cand.actor_type, cand.title = "ORG", "unknown", None
                cand.title = cand.title or phrase
                cand.actor_type = org if org != "unknown" else cand.actor_type

    def _surnames(self) -> None:
        """A person's last name alone where the model saw no entity ("Doe said"): a
        candidate, joined to the full name when the groups are made."""
        covered = {i for c in self.cands for i in range(c.start, c.end)}
        surnames = {self.doc[c.end - 1].text for c in self.cands
                    if c.label == "PERSON" and c.end - c.start > 1 and self.doc[c.end - 1].is_title}
        for tok in self.doc:
            if tok.text in surnames and tok.i not in covered and tok.pos_ == "PROPN":
                cand = Cand(tok.i, tok.i + 1, "PERSON", tok.text, "name", None, "person")
                cand.speaker = _speaks(tok)
                self._add(cand)

    def _title_before(self, cand: Cand) -> str | None:
        """ "Army Colonel Jane Doe", "Lt. Col. Dana Whitfield", "the commander Abu Zainab"."""
        doc = self.doc
        i = cand.start - 1
        while i >= 0 and ((doc[i].text[:1].isupper() and doc[i].lower_.rstrip(".") in TITLE_WORDS)
                          or (doc[i].text in (".", "-") and i > 0
                              and doc[i - 1].lower_ in TITLE_WORDS)):
            i -= 1
        if i < cand.start - 1:
            return self._text(i + 1, cand.start).replace(" .", ".")
        if i >= 1 and doc[i].pos_ == "NOUN" and doc[i].is_lower \
                and doc[i - 1].lower_ in ("the", "a", "an", "his", "her", "its", "their"):
            return doc[i].text
        return None

    def _appositive(self, cand: Cand, root: Token) -> tuple[str, str] | None:
        """The noun phrase set beside a name and its head noun: "X, a Telegram news channel
        associated with Y" (channel), "Hawre Ahmed, a spokesman for ..." (spokesman),
        "Kandahar's provincial spokesman, Mawlawi ..." (spokesman)."""
        doc = self.doc
        if root.dep_ == "appos" and root.head.i < cand.start and root.head.pos_ == "NOUN":
            noun = root.head
            phrase = self._phrase(noun.left_edge.i, min(noun.right_edge.i + 1, cand.start))
            return (phrase, noun.lower_) if phrase else None
        for child in root.children:
            if child.dep_ == "appos" and child.i >= cand.end and child.pos_ in ("NOUN", "PROPN"):
                if any(c.start <= child.i < c.end for c in self.cands):
                    continue
                phrase = self._phrase(child.left_edge.i, child.right_edge.i + 1)
                return (phrase, child.lower_) if phrase else None
        at = cand.end
        if at + 2 < len(doc) and doc[at].text == "," and doc[at + 1].lower_ in ("a", "an"):
            end = at + 2
            while end < min(len(doc), at + 14) and doc[end].text not in (",", ".", ";") \
                    and doc[end].lower_ not in ("who", "which", "whose", "that"):
                end += 1
            nouns = [t for t in doc[at + 2:end] if t.pos_ == "NOUN"]
            first_prep = next((t.i for t in doc[at + 2:end] if t.pos_ in ("ADP", "VERB")), end)
            heads = [t for t in nouns if t.i < first_prep] or nouns
            phrase = self._phrase(at + 1, end)
            return (phrase, heads[-1].lower_) if phrase and heads else None
        return None

    def _phrase(self, start: int, end: int) -> str | None:
        """A descriptive phrase without its determiner, cut at a comma or relative clause."""
        doc = self.doc
        stop = next((j for j in range(start, end) if doc[j].text in (",", ";", "(")
                     or doc[j].lower_ in ("who", "which", "whose", "that")), end)
        while start < stop and doc[start].lower_ in DETERMINERS:
            start += 1
        phrase = self._text(start, stop).strip()
        if phrase:
            self._organization_in(start, stop)
        return phrase or None

    def _organization_in(self, start: int, end: int) -> None:
        """The organization inside a title: "head of Erbil's civil defence directorate",
        "spokesman for the teachers' coordination committee in Sulaimani"."""
        doc = self.doc
        for tok in doc[start:end]:
            if tok.dep_ != "pobj" or tok.head.lower_ not in ("of", "for") \
                    or tok.lower_ not in ORG_HEADS or tok.lower_ in ("government", "forces"):
                continue
            first = tok.left_edge.i
            while first < tok.i and doc[first].lower_ in DETERMINERS:
                first += 1
            if any(c.start <= tok.i < c.end for c in self.cands):
                return
            name = strip_possessive(self._text(first, tok.i + 1))
            self._add(Cand(first, tok.i + 1, "ORG", name, "name", None,
                            org_type(name) or "unknown"))
            return

    def _anaphors(self) -> None:
        """ "the group", "the Movement", "the ministry": linked to the nearest earlier actor
        they fit (or to the name set beside them: "the group, Harakat Sayf al-Furat,");
        dropped when none fits. A capitalized one that fits nothing ("the Senate") stays,
        as an actor of this article only."""
        doc = self.doc
        covered = {i for c in self.cands for i in range(c.start, c.end)}
        for tok in doc:
            if tok.i not in covered and tok.i > 0 and doc[tok.i - 1].lower_ == "the" \
                    and tok.lower_ in ANAPHOR_TYPES and tok.dep_ != "compound":
                self._add(Cand(tok.i, tok.i + 1, "ORG", tok.lower_, "anaphor"))
        uf = linked(self.cands, self.links)
        groups = profiles(self.cands, uf)
        for i, cand in enumerate(self.cands):
            word = english_head(alias_key(cand.name))
            if cand.kind == "generic" and word in ANAPHOR_TYPES:
                cand.kind = "anaphor"
            if cand.kind != "anaphor":
                continue
            target = self._antecedent(cand, word, uf, groups)
            if target is not None:
                self.links.append((target, i))
            elif cand.name[:1].isupper():
                cand.kind = "generic"
            elif not any(i in pair for pair in self.links):
                cand.kind = "dropped"

    def _antecedent(self, anaphor: Cand, word: str, uf: UnionFind,
                    groups: dict[int, set[str]]) -> int | None:
        """The candidate "the <word>" refers to: a name set beside it, else the nearest
        earlier group that fits."""
        doc = self.doc
        after = anaphor.end
        if after + 1 < len(doc) and doc[after].text == ",":
            for i, cand in enumerate(self.cands):
                if cand.start == after + 1 and cand.kind in ("name", "acronym"):
                    return i
        wanted = {f"head:{word}", *(f"type:{t}" for t in ANAPHOR_TYPES[word])}
        best: int | None = None
        for i, cand in enumerate(self.cands):
            if cand.end > anaphor.start or cand.kind in ("anaphor", "generic", "dropped") \
                    or cand.is_person:
                continue
            if (best is None or cand.end > self.cands[best].end) \
                    and not wanted.isdisjoint(groups[uf.find(i)]):
                best = i
        return best


def shape(text: str) -> str:
    """ "acronym", "script" (a name in another script) or "name"."""
    if is_acronym(text):
        return "acronym"
    return "script" if is_foreign_script(text) else "name"


def _speaks(root: Token) -> bool:
    """A speaker: subject of a speech verb ("said Kawa Hassan" too), "according to X", or a
    name set beside a speaking role ("Kandahar's provincial spokesman, Mawlawi ..., said")."""
    token = root
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "nsubj" and is_speech_verb(token.head.text):
        return True
    return token.dep_ == "pobj" and token.head.lower_ == "to" \
        and token.head.head.lower_ == "according"


def _appositive_type(head: str, phrase: str, current: str) -> str:
    """The actor type the head noun of a description gives ("a Telegram news channel" ->
    media; "an armed group" -> armed group); ``current`` when it gives none."""
    found = APPOSITIVE_TYPES.get(head)
    if found == "group":
        return "armed group" if any(cue in phrase.lower() for cue in ARMED_CUES) \
            else (current if current != "unknown" else "group")
    return found or current
