"""MUC-3/4 data for benchmarks/events_fields.py: the answer-key parser, the gold fills of a
document's templates, the texts with their datelines, and the truecasing of their capitals.

Research-only data (../shared/eval/events/muc34): read at run time, never copied into the
repository, and no list derived from it is written here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

SLOTS = ("date", "location", "perpetrator", "target", "weapon", "deaths")
INF = float("inf")
MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
    start=1)}
STOPWORDS = frozenset((
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from",
    "de", "del", "la", "las", "los", "el", "y", "his", "her", "their", "its", "other",
    "others", "some", "two", "three", "several", "one", "unidentified", "unknown", "group",
    "member", "members", "people", "person", "persons"))
"""Words that make no match on their own (connectors, quantifiers, generic heads)."""
FUNCTION_WORDS = frozenset((
    "a", "an", "the", "by", "in", "on", "at", "to", "from", "with", "that", "which", "who",
    "was", "were", "is", "are", "has", "have", "said", "says", "against", "as", "its", "his"))


# -- the answer keys ---------------------------------------------------------------------------

@dataclass
class Template:
    """One key template: its slot lines by slot number (a slot's fill lines, as written)."""

    doc_id: str
    number: str
    slots: dict[int, list[str]] = field(default_factory=dict)

    @property
    def relevant(self) -> bool:
        return self.number.strip() != "*" and self.incident_type != "*"

    @property
    def incident_type(self) -> str:
        lines = self.slots.get(4, ["*"])
        return _clean_set(lines[0])[0] if lines and lines[0].strip() else "*"


_SLOT_LINE = re.compile(r"^(\d+)\.\s+(.+?)(?:\s{2,}(.*))?$")


def parse_keys(text: str) -> list[Template]:
    """Templates of a key file: numbered slot lines, continuation lines indented, ";;;" notes."""
    out: list[Template] = []
    current: Template | None = None
    slot = -1
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.startswith(";"):
            continue
        match = _SLOT_LINE.match(line)
        if match and not raw[0].isspace():
            slot, value = int(match.group(1)), (match.group(3) or "").strip()
            if slot == 0:
                current = Template(value.split()[0] if value else "", "")
                out.append(current)
            elif current is not None and slot == 1:
                current.number = value
            if current is not None and slot > 1:
                current.slots.setdefault(slot, []).append(value)
        elif current is not None and slot > 1:
            current.slots.setdefault(slot, []).append(line.strip())
    return out


def _fill_strings(line: str) -> list[str]:
    """The quoted alternatives of a string fill, without the cross-reference after ':'."""
    head = re.split(r'(?<=")\s*:\s*(?=")', line, maxsplit=1)[0]
    return [s.strip() for s in re.findall(r'"([^"]*)"', head) if s.strip()]


def _clean_set(line: str) -> list[str]:
    """The alternatives of a set fill ("? BOMB / EXPLOSIVE: \\"...\\"" -> BOMB, EXPLOSIVE)."""
    head = line.split('"', 1)[0].rstrip().rstrip(":")
    return [a.strip(" ?()") for a in head.split("/") if a.strip(" ?()")]


def _refs(line: str) -> list[str]:
    """The strings a set fill refers to (after its ':')."""
    _, _, tail = line.partition(": ")
    return re.findall(r'"([^"]*)"', tail) if tail.startswith('"') or '"' in tail else []


def _empty(lines: list[str]) -> bool:
    return not lines or all(v.strip() in ("", "-", "*") for v in lines)


# -- gold fills of a template ------------------------------------------------------------------

Interval = tuple[float, float]


def parse_day(text: str, default_year: int | None = None) -> Interval | None:
    """"30 DEC 89" -> that day; "DEC 89" -> the month; "30 DEC" -> in ``default_year``."""
    words = text.upper().replace(".", " ").split()
    if not words:
        return None
    day = int(words[0]) if words[0].isdigit() else None
    rest = words[1:] if day is not None else words
    if not rest or rest[0][:3] not in MONTHS:
        return None
    month = MONTHS[rest[0][:3]]
    year = default_year
    if len(rest) > 1 and rest[1].isdigit():
        year = int(rest[1]) + (1900 if len(rest[1]) == 2 else 0)
    if year is None:
        return None
    if day is not None:
        ordinal = float(date(year, month, day).toordinal())
        return ordinal, ordinal
    last = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
    return float(date(year, month, 1).toordinal()), float(last)


def parse_date_fill(text: str, default_year: int | None = None) -> list[Interval]:
    """A DATE slot: "/"-separated alternatives, each a day, "A - B" or "- B" (on or before)."""
    out: list[Interval] = []
    for alt in text.split("/"):
        alt = alt.strip(" ?()")
        if not alt or alt == "-":
            continue
        left, dash, right = alt.partition("-")
        if not dash:
            day = parse_day(alt, default_year)
            if day:
                out.append(day)
            continue
        end = parse_day(right, default_year)
        start = parse_day(left, default_year) if left.strip() else None
        if end:
            out.append((start[0] if start else -INF, end[1]))
    return out


def parse_count(text: str) -> Interval | None:
    """A NUMBER fill: "6", "PLURAL" (2+), "5-" (5+), "-26" (up to 26), "3-4", "~30"."""
    best: Interval | None = None
    for alt in text.split("/"):
        alt = alt.strip(" ?")
        if alt == "PLURAL":
            got: Interval | None = (2.0, INF)
        elif m := re.fullmatch(r"~(\d+)", alt):
            n = float(m.group(1))
            got = (n * 0.9, n * 1.1)
        elif m := re.fullmatch(r"(\d*)\s*-\s*(\d*)", alt):
            lo, hi = m.group(1), m.group(2)
            got = (float(lo) if lo else 0.0, float(hi) if hi else INF) if lo or hi else None
        elif alt.isdigit():
            got = (float(alt), float(alt))
        else:
            got = None
        if got is not None:
            best = got if best is None else (min(best[0], got[0]), max(best[1], got[1]))
    return best


def gold_deaths(t: Template) -> list[Interval]:
    """Deaths of one template (see the events_fields docstring) as alternatives: the total,
    then each dead target's own count when there are several (a text may give either);
    empty when the template says nothing of deaths."""
    effects = [(eff, _refs(line)) for line in t.slots.get(23, []) if not _empty([line])
               for eff in [_clean_set(line)]]
    dead = [refs for eff, refs in effects if "DEATH" in eff]
    if not dead:
        said_none = any(e in ("NO INJURY OR DEATH", "NO DEATH") for eff, _ in effects
                        for e in eff)
        return [(0.0, 0.0)] if said_none else []
    total = t.slots.get(24, [])
    if len(dead) == len(effects) and not _empty(total):
        counted = parse_count(" / ".join(_clean_set(total[0])))
        if counted:
            return [counted]
    numbers: dict[str, Interval] = {}
    for line in t.slots.get(21, []):
        counted = parse_count(" / ".join(_clean_set(line)))
        for ref in _refs(line):
            if counted:
                numbers[ref] = counted
    each = [next((numbers[r] for r in refs if r in numbers), (1.0, INF)) for refs in dead]
    summed = (sum(lo for lo, _ in each), sum(hi for _, hi in each))
    return [summed, *each] if len(each) > 1 else [summed]


def location_levels(line: str) -> list[str]:
    """"EL SALVADOR: SAN MIGUEL (DEPARTMENT): X (TOWN)" -> every level's name, alternatives too."""
    levels = []
    for part in line.split(":"):
        for alt in part.split("/"):
            name = re.sub(r"\([^)]*\)", "", alt).strip(" ?-*")
            if name:
                levels.append(name)
    return levels


@dataclass
class GoldDoc:
    doc_id: str
    templates: list[Template]
    year: int | None = None

    @property
    def relevant(self) -> bool:
        return any(t.relevant for t in self.templates)

    def types(self) -> set[str]:
        return {t.incident_type for t in self.templates if t.relevant}

    def fills(self) -> dict[str, list[list[Any]]]:
        """Each slot's gold fills: a list of alternatives each (strings or intervals)."""
        out: dict[str, list[list[Any]]] = {s: [] for s in SLOTS}
        for t in (t for t in self.templates if t.relevant):
            out["date"] += [alts for v in t.slots.get(2, []) if not _empty([v])
                            if (alts := parse_date_fill(v, self.year))]
            out["location"] += [[tuple(lv)] for v in t.slots.get(3, [])
                                if (lv := location_levels(v))]
            for slot, name in ((9, "perpetrator"), (10, "perpetrator"), (12, "target"),
                               (18, "target"), (19, "target"), (6, "weapon")):
                out[name] += [s for v in t.slots.get(slot, []) if (s := _fill_strings(v))]
            _weapon_classes(t, out["weapon"])
            deaths = gold_deaths(t)
            if deaths:
                out["deaths"].append(deaths)
        return {k: _dedupe(v) for k, v in out.items()}


def _weapon_classes(t: Template, weapons: list[list[Any]]) -> None:
    """An INSTRUMENT TYPE class joins the alternatives of the ID it refers to, or stands alone."""
    for line in t.slots.get(7, []):
        classes, refs = _clean_set(line), _refs(line)
        if not classes or _empty([line]):
            continue
        owner = next((w for w in weapons if set(refs) & set(w)), None)
        if owner is not None:
            owner.extend(c for c in classes if c not in owner)
        elif not refs:
            weapons.append(list(classes))


def _dedupe(fills: list[list[Any]]) -> list[list[Any]]:
    seen, out = set(), []
    for alts in fills:
        key = tuple(sorted(map(str, alts)))
        if key not in seen:
            seen.add(key)
            out.append(alts)
    return out


# -- the texts ---------------------------------------------------------------------------------

@dataclass
class Text:
    doc_id: str
    place: str | None
    published: str | None
    source: str | None
    body: str


_DOC_START = re.compile(r"^([A-Z0-9]+-MUC\d-\d{4})\b.*$", re.M)
_DATELINE = re.compile(
    r"^\s*(?P<place>[^,\n]+?),\s*(?P<date>[^(\n]*?)\s*(?:\((?P<source>[^)\n]*)\))?\s*--\s*")
_NOTES = re.compile(r"^(?:\s*\[[^\]]*\])+\s*")


def parse_texts(text: str) -> Iterator[Text]:
    """One Text per document: ID line, dateline ``PLACE, DD MMM YY (SOURCE) --``, body."""
    starts = list(_DOC_START.finditer(text))
    for i, m in enumerate(starts):
        chunk = text[m.end(): starts[i + 1].start() if i + 1 < len(starts) else len(text)]
        dl = _DATELINE.match(chunk)
        place = source = published = None
        body = chunk.strip()
        if dl:
            place, source = dl.group("place").strip(), dl.group("source")
            day = parse_day(dl.group("date"))
            published = date.fromordinal(int(day[0])).isoformat() if day else None
            body = chunk[dl.end():]
        body = _NOTES.sub("", body, count=1).strip("\n ")
        yield Text(m.group(1), place, published, source, body)


def load(data_dir: Path, limit: int) -> list[tuple[Text, GoldDoc]]:
    """The first ``limit`` DEV documents in file order (0: all), with their templates."""
    corpus = data_dir / "corpora" / "dev"
    keys: dict[str, list[Template]] = defaultdict(list)
    for path in sorted(corpus.glob("key-dev-*.muc4")):
        for t in parse_keys(path.read_text(encoding="latin-1")):
            keys[t.doc_id].append(t)
    out = []
    for path in sorted(corpus.glob("dev-muc3-*")):
        for doc in parse_texts(path.read_text(encoding="latin-1")):
            year = int(doc.published[:4]) if doc.published else None
            out.append((doc, GoldDoc(doc.doc_id, keys.get(doc.doc_id, []), year)))
            if limit and len(out) >= limit:
                return out
    return out


# -- truecasing ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'.]*(?:-[A-Za-z0-9]+)*|\d+[A-Za-z-]+")


@cache
def english_words() -> frozenset[str]:
    """Lower-case English words: spaCy's stop words and the lemma index and exceptions
    (WordNet-derived) that the installed model ships for its lemmatizer; empty if absent."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS)
    try:
        from spacy.lookups import Lookups

        from newstrace.language.nlp import load_nlp

        path = Path(load_nlp("", []).path) / "lemmatizer" / "lookups"
        lookups = Lookups().from_disk(path)
        for table in ("lemma_index", "lemma_exc"):
            for words_of_pos in lookups.get_table(table).values():
                words.update(w for w in words_of_pos if w.isalpha())
    except (OSError, KeyError, ValueError, ImportError):
        pass
    return frozenset(words)


CALENDAR = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday")


@cache
def known_names() -> tuple[str, ...]:
    """Names that always take a capital: months, weekdays, and the actor dictionary's
    country names, demonyms and metonyms (bundled with newstrace; not the actors' names,
    whose generic words, "Ministry", "Police", would then be capitalized everywhere)."""
    from newstrace.language.actor_dict import load_actor_dictionary

    book = load_actor_dictionary("")
    names = list(CALENDAR)
    for country in book.countries.values():
        names += [*country.names, *country.demonyms]
    for entry in book.entries.values():
        names += entry.metonyms
    return tuple(n for n in names if n[:1].isupper())


def _is_english(word: str, lexicon: frozenset[str]) -> bool:
    w = word.lower().rstrip(".'").removesuffix("'s")
    forms = {w, w.rstrip("s")}
    for suffix, repl in (("ies", "y"), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                         ("ing", "e"), ("ied", "y")):
        if w.endswith(suffix):
            forms.add(w[: -len(suffix)] + repl)
    return any(f in lexicon for f in forms if len(f) > 1)


def truecase(text: str, capitalized: Iterable[str] = (), lexicon: frozenset[str] | None = None
             ) -> str:
    """Restore a plausible case to an all-capitals text, changing no length.

    Everything is lowered, then: a word with no vowel or with a digit ("FMLN", "M-19") or
    with inner dots ("U.S.") stays in capitals, and so does a bracketed word whose letters are
    the initials of the words before it ("... LIBERATION FRONT [FMLN]"); the words of
    ``capitalized`` (the dateline place, country names) and every word that is not an
    English word (``english_words``: "Farabundo", "Usulutan", "Cristiani") get a capital,
    as does the first letter of each sentence and paragraph. English words that are also
    names ("Marti", "Salvador") stay lower unless listed in ``capitalized``.
    """
    lexicon = english_words() if lexicon is None else lexicon
    names = {w.lower() for phrase in capitalized for w in _TOKEN.findall(phrase)
             if w[0].isupper() and w.lower() not in STOPWORDS and len(w) > 2}
    acronyms, expansions = _acronyms(text)
    names |= {w.lower() for w in expansions if w.lower() not in STOPWORDS}
    chars = list(text.lower())
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start()
        if word.upper() in acronyms:
            chars[start:m.end()] = word.upper()
        elif len(word) > 1 and (word.lower() in names or not _is_english(word, lexicon)):
            chars[start] = word[0].upper()
    sentence_start = True
    for i, ch in enumerate(text):
        if ch.isalnum():
            if sentence_start and ch.isalpha():
                chars[i] = ch.upper()
            sentence_start = False
        elif ch in ".!?" or (ch == "\n" and text[i + 1: i + 2] in ("\n", " ")):
            sentence_start = ch != "." or not _abbreviation(text, i)
    return "".join(chars)


def _abbreviation(text: str, dot: int) -> bool:
    """A dot closing an initial or an abbreviation ("U.S.", "GEN.", "NO.4") ends no sentence."""
    word = re.search(r"[\w.]*$", text[:dot]).group()  # type: ignore[union-attr]
    return len(word.replace(".", "")) <= 1 or "." in word or word.upper() in {
        "GEN", "COL", "LT", "CAPT", "MAJ", "SGT", "NO", "MR", "MRS", "DR", "ST", "GOV", "SEN"}


def _acronyms(text: str) -> tuple[set[str], set[str]]:
    """Words kept in capitals, and the words of the names they abbreviate (spelt out before
    a bracketed acronym, or in brackets after it), which get a capital."""
    acronyms: set[str] = set()
    expansions: set[str] = set()
    upper = text.upper()
    for m in _TOKEN.finditer(upper):
        word = m.group()
        letters = re.sub(r"[^A-Z]", "", word)
        if len(letters) >= 2 and (not re.search(r"[AEIOUY]", letters)
                                  or any(c.isdigit() for c in word)
                                  or re.fullmatch(r"(?:[A-Z]\.){2,}", word)):
            acronyms.add(word)
    places = {n.upper() for n in known_names()}
    for m in re.finditer(r"[\[(]([A-Z]{2,5})[\])]", upper):
        if m.group(1).lower() not in STOPWORDS and m.group(1) not in places:
            acronyms.add(m.group(1))
    for m in re.finditer(r"((?:[A-Z][A-Z'-]*\s+){1,8})[\[(]([A-Z-]{2,8})[\])]", upper):
        if m.group(2) in acronyms:
            expansions.update(_spelt_out(m.group(1).split(), len(m.group(2))))
    for m in re.finditer(r"\b([A-Z-]{2,8})\s+[\[(]((?:[A-Z][A-Z'-]*\s*){2,8})[\])]", upper):
        words = m.group(2).split()
        if set(m.group(1).replace("-", "")) <= {w[0] for w in words}:
            acronyms.add(m.group(1))
            expansions.update(words)
    return acronyms, expansions


def article_text(doc: Text) -> str:
    """The dateline in the wire form the detector reads, then the truecased body."""
    place = doc.place
    if place and place.startswith(("CLANDESTINE", "NO CITY")):
        place = None
    head = ""
    if place:
        city, _, country = place.partition("(")
        head = city.strip() + (f", {country.strip(' )')}" if country else "")
        head += f" ({doc.source}) -- " if doc.source else " -- "
    return head + truecase(doc.body, [doc.place or "", *known_names()])


def _spelt_out(words: list[str], letters: int) -> list[str]:
    """The name an acronym abbreviates, read back from just before it: at most one word more
    than its letters (Spanish acronyms follow the Spanish word order, so initials are not
    checked), skipping "of"/"de", stopping at any other function word ("by", "the")."""
    out: list[str] = []
    for word in reversed(words):
        low = word.lower()
        if low in ("of", "de", "del", "la", "los", "las", "el", "for", "and"):
            continue
        if low in FUNCTION_WORDS or len(out) > letters:
            break
        out.append(word)
    return out
