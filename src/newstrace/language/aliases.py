"""In-article actor mentions: which spans name an actor, and which of them name the same one.

News defines its aliases in the text ("Harakat Sayf al-Furat (HSF)", "also known as the Sword
of the Euphrates Movement", "حركة سيف الفرات"), then uses them interchangeably, with "the
Movement" or "the group" in between. Cross-article merging only works if each article first
says which of its spans belong together, so this module turns one parsed article into
ActorMentions whose ``key`` is shared by every mention of one actor.

Sources of mentions, in order: spaCy's ORG/PERSON/NORP entities (corrected: transliterated
group names called PERSON, towns called ORG, weapons called ORG, outlets called PERSON);
metonyms that act ("Washington denied", "no comment from Tehran"); country + head
compositions from the dictionary ("Pakistan's army", "Iraq's foreign minister"); institutions
behind unnamed roles ("the minister of water and irrigation", "a police spokesman"); names
defined by alias patterns; definite references back ("the Movement", "the group").
A person is kept only with a title or as a speaker: the small model's other PERSON spans in
conflict news are mostly places ("Jurf al-Nasr") or outlets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from newstrace.language.actor_dict import ActorDictionary, alias_key
from newstrace.language.actor_words import (
    ARABIC_HEADS,
    INSTITUTION_WORDS,
    PLACE_NOUNS,
    PLATFORMS,
    ROLE_NOUNS,
    STATIVE_VERBS,
    TITLE_WORDS,
    WEAPON_WORDS,
    initials_match,
    is_acronym,
    is_generic,
    org_type,
    strip_possessive,
)
from newstrace.language.alias_clusters import Cand, build_mentions
from newstrace.language.alias_patterns import CONNECTORS, POSSESSIVE, PatternFinder, shape
from newstrace.language.records import ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PlaceTest = Callable[[str], bool]
_DATELINE = re.compile(r"^([A-Z][A-Z .'\-]{1,40})(?:,[^,\n—–(]{1,40})?\s*(?:\([A-Za-z]{1,8}\))?"
                       r"\s*[—–-]\s")
ACTOR_LABELS = frozenset({"ORG", "PERSON", "NORP", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPS = frozenset({
    "in", "near", "at", "around", "outside", "inside", "across", "from", "into", "toward",
    "towards", "through", "between", "within", "along", "beyond", "opposite", "on", "off",
    "past", "via", "over", "to",
})
LOCATION_VERBS = frozenset({"lie", "lies", "lay", "sit", "sits", "sat", "border", "borders",
                            "straddle", "straddles", "overlook", "overlooks"})
COMMENT_NOUNS = frozenset({"comment", "response", "reaction", "word", "confirmation",
                           "statement", "denial", "reply", "condemnation"})
def find_actor_mentions(doc: Doc, dictionary: ActorDictionary,
                        is_place: PlaceTest | None = None) -> list[ActorMention]:
    """The actor mentions of one parsed article, every mention of one actor sharing ``key``.

    ``is_place`` (optional, e.g. a gazetteer lookup) tells a town the model called ORG or
    PERSON from an organization; without it, the article's own evidence decides (the same
    name labelled GPE elsewhere, a locative preposition, "the town of X").
    """
    return _Finder(doc, dictionary, is_place).run()


class _Finder(PatternFinder):
    """One pass over one document; the steps share the candidates and the links."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary, is_place: PlaceTest | None):
        super().__init__(doc, dictionary)
        self.is_place = is_place
        self.places = self._place_evidence()
        found = _DATELINE.match(doc.text)
        self.dateline_end = found.end() if found else 0
        self.dateline_place = found.group(1).strip().title() if found else None

    def run(self) -> list[ActorMention]:
        """The steps in order: each one may use what the earlier ones found."""
        self._entities()
        self._headed_runs()
        self._compositions()
        self._institution_roles()
        self._alias_definitions()
        self._describe()
        self._surnames()
        self._anaphors()
        return build_mentions(self.doc, self.cands, self.links, self.d)

    def _entities(self) -> None:
        """The model's ORG/PERSON/NORP/GPE spans: dictionary actors, acting metonyms, and
        the rest corrected by ``_named_entity``."""
        for ent in self.doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            start, end = self._trim(ent.start, ent.end)
            if start >= end or self._is_dateline(start, end):
                continue
            if start > 0 and self.doc[start - 1].is_title \
                    and self.doc[start - 1].lower_ in ARABIC_HEADS:
                start -= 1  # "Jabhat" left out of "Jabhat Tahrir al-Janub"
            text = self._text(start, end)
            entry = self.d.entries.get(ent.ent_id_) if ent.ent_id_ else self.d.match(text)
            if entry is not None:
                self._add(Cand(start, end, ent.label_ if ent.label_ != "GPE" else "ORG",
                                entry.name, shape(text), entry.id, entry.type))
                continue
            metonym = self.d.metonym(text)
            if metonym is not None or ent.label_ == "GPE":
                if metonym is not None and self._acts(self.doc[start:end].root, text):
                    self._add(Cand(start, end, "GPE", metonym.name, "name", metonym.id,
                                    metonym.type))
                continue
            self._named_entity(start, end, ent.label_)

    def _named_entity(self, start: int, end: int, label: str) -> None:
        """An ORG/PERSON/NORP entity that the dictionary does not know, corrected."""
        doc = self.doc
        text = self._text(start, end)
        words = [t.lower_ for t in doc[start:end] if not t.is_punct]
        if not words or all(w in WEAPON_WORDS for w in words) or " ".join(words) in PLATFORMS:
            return
        if label == "ORG" and all(w in TITLE_WORDS for w in words) and end < len(doc) \
                and (doc[end].lower_ in TITLE_WORDS or doc[end].ent_type_ == "PERSON"):
            return  # "Army" of "Army Colonel Jane Doe"
        form = shape(text)
        kind_type = org_type(text)
        if label == "PERSON" and (kind_type or self._defined_as_acronym(start, end)):
            label = "ORG"
        if label in ("ORG", "PERSON") and kind_type is None and form == "name" \
                and self._place_like(start, end):
            return
        if label == "NORP" and not self._norp_acts(doc[start:end].root):
            return
        title = None
        if label == "PERSON":
            start, title = self._inner_title(start, end)
            if start >= end:
                return
        default = {"PERSON": "person", "NORP": "group"}.get(label, "unknown")
        name = strip_possessive(self._text(start, end))
        kind = "generic" if form == "name" and is_generic(name) else form
        self._add(Cand(start, end, label, name, kind, None, kind_type or default, title))

    def _headed_runs(self) -> None:
        """Capitalized names the model missed or called PRODUCT that carry an organization's
        head word: "the Sword of the Euphrates Movement mourns", "Liwa Fatemiyoun said"."""
        covered = {i for c in self.cands for i in range(c.start, c.end)}
        at = 0
        while at < len(self.doc):
            run = self._name_run(at, 1) if self.doc[at].is_title else None
            if run is None or run[1] <= at:
                at += 1
                continue
            start, end = run
            while start < end and (self.doc[start].pos_ != "PROPN"
                                   or self.doc[start].lower_ in CONNECTORS):
                start += 1  # "Fighters of Harakat ...": a sentence's first word
            name = self._text(start, end)
            if start < end and not covered.intersection(range(start, end)) and org_type(name) \
                    and len([w for w in alias_key(name).split() if w not in CONNECTORS]) >= 2:
                self._add(Cand(start, end, "ORG", name, "name", None, org_type(name) or ""))
            at = end

    def _inner_title(self, start: int, end: int) -> tuple[int, str | None]:
        """Move title words the model put inside a PERSON span ("Mawlawi Hamdullah Zahid")."""
        first = start
        while first < end - 1 and self.doc[first].lower_.rstrip(".") in TITLE_WORDS:
            first += 1
        while first < end - 1 and self.doc[first].text == ".":
            first += 1
        return first, (self._text(start, first) if first > start else None)

    def _is_dateline(self, start: int, end: int) -> bool:
        """ "KABUL, Afghanistan —", "TEHRAN (MNA) –": the dateline says where the reporter
        was, it names no actor."""
        return self.doc[start:end].end_char <= self.dateline_end

    def _defined_as_acronym(self, start: int, end: int) -> bool:
        """Whether "(ACR)" follows and abbreviates the span: then it names an organization."""
        doc = self.doc
        return end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
            and is_acronym(doc[end + 1].text) \
            and initials_match(self._text(start, end), doc[end + 1].text)

    def _place_evidence(self) -> set[str]:
        """Names this article itself shows to be places: labelled GPE/LOC/FAC somewhere, or
        in a locative position ("near Albu Kamal", "the town of Al-Bukamal")."""
        keys: set[str] = set()
        for ent in self.doc.ents:
            misread = ent.label_ in ("ORG", "PERSON") and org_type(ent.text) is None \
                and not is_acronym(ent.text) and self._locative(ent.root)
            if ent.label_ in PLACE_LABELS or misread:
                keys.add(alias_key(ent.text))
        return keys

    def _place_like(self, start: int, end: int) -> bool:
        """Whether an ORG/PERSON span without an organization's words is a place."""
        doc = self.doc
        text = self._text(start, end)
        if alias_key(text) in self.places or (self.is_place and self.is_place(text)):
            return True
        if doc[end - 1].lower_ in PLACE_NOUNS:
            return True
        after = end
        while after < min(len(doc), end + 3) and (doc[after].is_title
                                                  or doc[after].lower_ in CONNECTORS):
            after += 1  # "Dayr/ORG az Zawr/PERSON province"
        if after < len(doc) and doc[after].lower_ in PLACE_NOUNS:
            return True
        return self._locative(doc[start:end].root)

    def _locative(self, token: Token) -> bool:
        """A token in a place's position: object of "near"/"in", "the town of X", "the X
        crossing", subject of "lies"."""
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        head = token.head
        if token.dep_ == "pobj":
            if head.lower_ == "of":
                return head.head.lower_ in PLACE_NOUNS
            if head.lower_ == "to" and head.head.lower_ == "according":
                return False
            return head.lower_ in LOCATIVE_PREPS
        if token.dep_ in ("compound", "nmod") and head.lower_ in PLACE_NOUNS:
            return True
        return token.dep_ == "nsubj" and head.lower_ in LOCATION_VERBS

    def _acts(self, token: Token, text: str) -> bool:
        """Whether a place name acts ("Washington denied", "Tehran's decision", "comment
        from Kabul", "hosted by Qatar"); only capitals act as possessors: "Iran's borders"."""
        nxt = token.i + 1
        if nxt + 1 < len(self.doc) and self.doc[nxt].lower_ in ("or", "and") \
                and self.doc[nxt + 1].is_lower:
            return False  # "any U.S. or coalition aircraft": a modifier
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        head = token.head
        if token.dep_ == "nsubj":
            return head.lower_ not in STATIVE_VERBS
        if token.dep_ == "poss":
            return self.d.country_of(text) is None and head.lower_ not in PLACE_NOUNS \
                and not head.ent_type_
        if token.dep_ == "pobj" and head.lower_ == "from":
            return head.head.lower_ in COMMENT_NOUNS
        return token.dep_ == "pobj" and head.dep_ == "agent"

    def _norp_acts(self, token: Token) -> bool:
        """A NORP as a noun that acts ("the Kurds said"), not an adjective ("Iraqi officials")."""
        return token.pos_ in ("PROPN", "NOUN") and token.dep_ in ("nsubj", "nsubjpass") \
            and token.head.lower_ not in STATIVE_VERBS

    def _compositions(self) -> None:
        """Country + head: "Pakistan's army", "Afghan border forces", "the foreign ministry
        of Qatar", "Iraq's foreign minister" (a role: the title), and a generic institution
        qualified by its country ("Jordan's House of Representatives")."""
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "NORP", "ORG", "LOC"):
                continue
            start, end = self._trim(ent.start, ent.end)
            if start >= end:
                continue
            country = self.d.country_of(self._text(start, end))
            if country is None:
                continue
            after = end + 1 if end < len(doc) and doc[end].text in POSSESSIVE else end
            if not self._head_after(country, start, after):
                self._head_before(country, start, end)

    def _head_after(self, country: str, q_start: int, at: int) -> bool:
        """A head of the country's entries right after its name ("Pakistan's | army"), or a
        generic institution; True when one was found."""
        doc = self.doc
        for n in range(min(self.d.max_head_words, len(doc) - at), 0, -1):
            if not doc[at + n - 1].is_alpha:
                continue
            found = self.d.head(country, self._text(at, at + n))
            if found is None:
                continue
            end = at + n
            entry, role = found
            if end < len(doc) and doc[end].lower_ in ROLE_NOUNS and doc[end].pos_ == "NOUN":
                role = doc[end].text if role is None else role
                end += 1
            self._replace(Cand(q_start, end, "ORG", entry.name, "name", entry.id, entry.type,
                                role))
            return True
        qualified = self._qualified_institution(country, q_start, at)
        return qualified

    def _head_before(self, country: str, q_start: int, q_end: int) -> None:
        """ "the foreign ministry of Qatar": a head, "of", (the) country."""
        doc = self.doc
        of = q_start - 1
        if of < 1 or doc[of].lower_ != "of":
            return
        for n in range(min(self.d.max_head_words, of), 0, -1):
            if not doc[of - n].is_alpha:
                continue
            found = self.d.head(country, self._text(of - n, of))
            if found is not None:
                entry, role = found
                self._replace(Cand(of - n, q_end, "ORG", entry.name, "name", entry.id,
                                    entry.type, role))
                return

    def _qualified_institution(self, country: str, q_start: int, at: int) -> bool:
        """A generic institution after "<country>'s" gets the country in its name, so that
        Jordan's and Iraq's parliaments stay apart: "Jordan House of Representatives"."""
        for i, cand in enumerate(self.cands):
            if cand.start == at and cand.dict_id is None and cand.label == "ORG" \
                    and _institutional(cand.name) and at > q_start:
                prefix = self.d.countries[country].names[0]
                self.cands[i] = Cand(q_start, cand.end, "ORG", f"{prefix} {cand.name}",
                                      "name", None, cand.actor_type)
                return True
        return False

    def _replace(self, cand: Cand) -> None:
        """Add a composed candidate; the entity candidates inside it go."""
        self.cands = [c for c in self.cands
                      if c.end <= cand.start or c.start >= cand.end]
        self._add(cand)

    def _institution_roles(self) -> None:
        """Institutions behind unnamed roles: "the minister of water and irrigation" ->
        Ministry of Water and Irrigation; "a police spokesman", "police said" -> police, named
        after the dateline city when there is one ("Sulaymaniyah police")."""
        doc = self.doc
        covered = {i for c in self.cands for i in range(c.start, c.end)}
        for tok in doc:
            if tok.i in covered:
                continue
            if tok.lower_ == "minister" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
                end = tok.i + 2
                while end < len(doc) and (doc[end].is_lower and doc[end].is_alpha
                                          and doc[end].pos_ in ("NOUN", "CCONJ", "ADJ")):
                    end += 1
                field = self._text(tok.i + 2, end)
                if end > tok.i + 2 and field.lower() not in ("state",):
                    self._add(Cand(tok.i, end, "ORG", f"Ministry of {field.title()}".replace(
                        " And ", " and "), "name", None, "ministry", "minister"))
            elif tok.lower_ == "police" and tok.pos_ in ("NOUN", "PROPN") and (
                    tok.dep_ in ("nsubj", "nsubjpass")
                    or (tok.dep_ == "compound" and tok.head.lower_ in ROLE_NOUNS)):
                role = tok.head.text if tok.dep_ == "compound" else None
                place = self.dateline_place  # a local story's police: the dateline city's
                self._add(Cand(tok.i, tok.i + 1, "ORG", f"{place} police" if place else "police",
                               "name" if place else "generic", None, "police", role))

def _institutional(name: str) -> bool:
    """A name made only of institution words ("House of Representatives", "Border Ports
    Authority"): it means something only with its country."""
    words = alias_key(name).split()
    return bool(words) and all(w in INSTITUTION_WORDS for w in words)
