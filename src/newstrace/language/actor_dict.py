"""The actor dictionary: state actors, international organizations and well-known armed groups.

The small spaCy model does not know that "CENTCOM" is the US military or that "Tehran said"
names a government, and no amount of in-article evidence tells it. A bundled dictionary
(``data/state_actors.yaml``) says so, and a user file (YAML in the same format, or CSV) extends
it or overrides entries by id, so an analyst can add the actors of their own conflict without
touching code.

Three kinds of surface lead to an entry, because news uses them differently:

* aliases name the actor wherever they appear ("the Pentagon", "IDF");
* metonyms name it only when the place acts ("Washington denied"): the caller decides that;
* heads name it once its country is named ("Pakistan's army", "Afghan border forces", "the
  foreign ministry of Qatar"): listing every such phrase per country would be thousands of
  lines, and a bare "the army" or "the Foreign Office" means nothing without its country.

Lookups fold case, dots and apostrophes ("U.S." = "US", "Iraq’s" = "Iraq's") with the
gazetteer's ``fold_chars``; aliases written in capitals ("WHO", "AU") match only as written,
or "who" and "au" would become organizations.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newstrace.errors import ConfigError
from newstrace.language.gazetteer_keys import fold_chars
from newstrace.language.records import ACTOR_TYPES

BUNDLED = "state_actors.yaml"
LIST_FIELDS = ("aliases", "metonyms", "heads")
ENTRY_FIELDS = ("id", "name", "type", "country", "parent", *LIST_FIELDS)
CSV_COLUMNS = ("id", "name", "type", "country", "aliases", "metonyms", "parent", "heads")
TOP_LEVEL = ("entries", "countries", "head_sets")
ROLE_WORDS = frozenset({"minister", "secretary"})
"""A head ending in one of these names the actor's chief, not the actor: it becomes a title."""
MAX_QUALIFIER_WORDS = 4
_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_EXACT = re.compile(r"^(?:[A-Z0-9&]\.?){2,10}$")
"""An alias in capitals ("WHO", "U.N.", "CENTCOM") is matched as written."""
_DOTTED = {"US": "U.S.", "UK": "U.K.", "UN": "U.N.", "EU": "E.U.", "UAE": "U.A.E."}
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "de", "del", "des", "al"})


def alias_key(surface: str) -> str:
    """The case-, dot- and apostrophe-free key of a name, without a leading "the"."""
    words = fold_chars(surface).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _exact_key(surface: str) -> str | None:
    """The key of a capitals-only alias ("U.N." -> "UN"), None for other surfaces."""
    text = surface.strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    text = text.replace(" ", "")
    return text.replace(".", "") if _EXACT.match(text) else None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary actor (see the header of ``data/state_actors.yaml``)."""

    id: str
    name: str
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Country:
    """The names and demonyms that qualify a head for one country."""

    code: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorDictionary:
    """Entries by id with their lookups; build with :func:`load_actor_dictionary`."""

    entries: Mapping[str, ActorEntry]
    countries: Mapping[str, Country]
    sources: tuple[str, ...] = ()
    _aliases: dict[str, str] = field(default_factory=dict, repr=False)
    _exact: dict[str, str] = field(default_factory=dict, repr=False)
    _metonyms: dict[str, str] = field(default_factory=dict, repr=False)
    _qualifiers: dict[str, str] = field(default_factory=dict, repr=False)
    _heads: dict[tuple[str, str], tuple[str, str | None]] = field(default_factory=dict,
                                                                   repr=False)

    def match(self, surface: str) -> ActorEntry | None:
        """The entry a name stands for: an alias, or a head qualified by its country
        ("Pakistani border forces", "the foreign ministry of Qatar", "Iraq's foreign minister")."""
        exact = _exact_key(surface)
        if exact is not None and exact in self._exact:
            return self.entries[self._exact[exact]]
        key = alias_key(surface)
        if key in self._aliases:
            return self.entries[self._aliases[key]]
        composed = self.compose(key)
        return composed[0] if composed else None

    def compose(self, key: str) -> tuple[ActorEntry, str | None] | None:
        """Entry and role title of a qualified head given as an alias key: "afghan forces",
        "iraqs foreign minister" (role "foreign minister"), "armed forces of ukraine"."""
        words = key.split()
        for i in range(1, min(MAX_QUALIFIER_WORDS, len(words) - 1) + 1):
            country = self.country_of(" ".join(words[:i]))
            if country:
                found = self.head(country, " ".join(words[i:]))
                if found:
                    return found
        if "of" in words[1:-1]:
            at = words.index("of", 1)
            country = self.country_of(" ".join(words[at + 1:]))
            if country:
                return self.head(country, " ".join(words[:at]))
        return None

    def metonym(self, surface: str) -> ActorEntry | None:
        """The actor a place name stands for when the place acts ("Tehran" -> Iran's
        government); the caller checks that it acts."""
        found = self._metonyms.get(alias_key(surface))
        return self.entries[found] if found else None

    def country_of(self, qualifier: str) -> str | None:
        """ISO code of a country name, demonym or possessive ("Pakistan's", "the Iraqi")."""
        return self._qualifiers.get(alias_key(qualifier))

    def head(self, country: str, surface: str) -> tuple[ActorEntry, str | None] | None:
        """The entry a generic head names in a country, and the role title when the head
        names its chief ("foreign minister")."""
        found = self._heads.get((country, alias_key(surface)))
        if found is None:
            return None
        return self.entries[found[0]], found[1]

    @functools.cached_property
    def max_head_words(self) -> int:
        """Longest head in words: how far a caller has to look after a qualifier."""
        return max((len(key.split()) for _, key in self._heads), default=0)

    @classmethod
    def build(cls, entries: Mapping[str, ActorEntry], countries: Mapping[str, Country],
              sources: Sequence[str] = ()) -> ActorDictionary:
        """Index the entries; ConfigError when two entries claim one surface."""
        where = " + ".join(sources) or "actor dictionary"
        aliases: dict[str, str] = {}
        exact: dict[str, str] = {}
        metonyms: dict[str, str] = {}
        heads: dict[tuple[str, str], tuple[str, str | None]] = {}
        for entry in entries.values():
            for alias in entry.aliases:
                ekey = _exact_key(alias)
                if ekey is not None:
                    _claim(exact, ekey, entry.id, alias, where)
                else:
                    _claim(aliases, alias_key(alias), entry.id, alias, where)
            for metonym in entry.metonyms:
                _claim(metonyms, alias_key(metonym), entry.id, metonym, where)
            if entry.heads and (entry.country is None or entry.country not in countries):
                raise ConfigError(f"{where}: entry {entry.id}: heads need a country listed "
                                  f"under countries, not {entry.country!r}")
            for head, role in _head_forms(entry.heads):
                key = (entry.country or "", alias_key(head))
                if key in heads and heads[key][0] != entry.id:
                    raise ConfigError(f"{where}: head {head!r} of {entry.country} is claimed "
                                      f"by both {heads[key][0]} and {entry.id}")
                heads[key] = (entry.id, role)
        return cls(entries=dict(entries), countries=dict(countries), sources=tuple(sources),
                   _aliases=aliases, _exact=exact, _metonyms=metonyms,
                   _qualifiers=_qualifier_index(countries), _heads=heads)


def _claim(index: dict[str, str], key: str, entry_id: str, surface: str, where: str) -> None:
    """Record that ``key`` means ``entry_id``; a second entry claiming it is an error."""
    if not key:
        raise ConfigError(f"{where}: entry {entry_id}: {surface!r} has no letters")
    other = index.setdefault(key, entry_id)
    if other != entry_id:
        raise ConfigError(f"{where}: {surface!r} is claimed by both {other} and {entry_id}")


def _head_forms(heads: Iterable[str]) -> list[tuple[str, str | None]]:
    """Each head with its role title, plus the minister of every ministry: "foreign ministry"
    also gives "foreign minister", "ministry of defence" also "minister of defence"."""
    forms: list[tuple[str, str | None]] = []
    for head in heads:
        words = head.split()
        forms.append((head, head if words[-1].lower() in ROLE_WORDS else None))
        if words[-1].lower() == "ministry":
            role = " ".join([*words[:-1], "minister"])
            forms.append((role, role))
        elif words[0].lower() == "ministry" and len(words) > 1:
            role = " ".join(["minister", *words[1:]])
            forms.append((role, role))
    return forms


def _qualifier_index(countries: Mapping[str, Country]) -> dict[str, str]:
    """Every name, demonym and possessive ("pakistans") of every country -> its code."""
    index: dict[str, str] = {}
    for country in countries.values():
        for form in (*country.names, *country.demonyms):
            key = alias_key(form)
            index.setdefault(key, country.code)
            index.setdefault(key + "s", country.code)  # "Iraq's", "Iraq’s" (apostrophe folded)
    return index


# ----------------------------------------------------------------------------- loading

def load_actor_dictionary(user_file: str = "") -> ActorDictionary:
    """The bundled dictionary, extended or overridden by ``user_file`` (YAML or CSV).

    A user entry whose id exists replaces the fields it gives and keeps the others (an empty
    CSV cell keeps the bundled value); a new id needs at least name and type.
    """
    bundled_raw, bundled_name = _bundled_raw()
    entries, countries = _parse_document(bundled_raw, bundled_name)
    sources = [bundled_name]
    if user_file:
        user_entries, user_countries = _read_user_file(Path(user_file))
        countries.update(user_countries)
        _overlay(entries, user_entries, user_file)
        sources.append(user_file)
    where = " + ".join(sources)
    final = {eid: _entry(fields, where) for eid, fields in entries.items()}
    _check_parents(final, where)
    return ActorDictionary.build(final, countries, sources)


@functools.lru_cache(maxsize=1)
def _bundled_raw() -> tuple[Any, str]:
    """The bundled YAML, parsed once per process (it never changes under a running program)."""
    source = resources.files("newstrace.language") / "data" / BUNDLED
    text = source.read_text(encoding="utf-8")
    return _load_yaml(text, f"bundled {BUNDLED}"), f"bundled {BUNDLED}"


def _load_yaml(text: str, where: str) -> Any:
    """Parsed YAML, or a ConfigError that names the file and the YAML error."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML: {exc}") from None


def _read_user_file(path: Path) -> tuple[dict[str, dict[str, Any]], dict[str, Country]]:
    """Entries (as given fields) and countries of a user dictionary file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the actor dictionary: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the actor dictionary is not UTF-8 text") from None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _parse_document(_load_yaml(text, str(path)), str(path))
    if suffix == ".csv":
        return _parse_csv(text, str(path)), {}
    raise ConfigError(f"{path}: an actor dictionary must be .yaml, .yml or .csv")


def _parse_document(raw: Any, where: str) -> tuple[dict[str, dict[str, Any]],
                                                  dict[str, Country]]:
    """A YAML document: a list of entries, or a mapping with entries and countries."""
    if isinstance(raw, list):
        raw = {"entries": raw}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a list of entries or a mapping with 'entries'")
    unknown = sorted(set(map(str, raw)) - set(TOP_LEVEL))
    if unknown:
        raise ConfigError(f"{where}: unknown top-level key(s) {', '.join(unknown)}; "
                          f"expected {', '.join(TOP_LEVEL)}")
    raw_entries = raw.get("entries") or []
    if not isinstance(raw_entries, list):
        raise ConfigError(f"{where}: 'entries' must be a list")
    entries: dict[str, dict[str, Any]] = {}
    for n, item in enumerate(raw_entries, 1):
        fields = _entry_fields(item, f"{where}: entry {n}")
        if fields["id"] in entries:
            raise ConfigError(f"{where}: entry {n}: id {fields['id']!r} appears twice")
        entries[fields["id"]] = fields
    return entries, _parse_countries(raw.get("countries") or {}, where)


def _parse_csv(text: str, where: str) -> dict[str, dict[str, Any]]:
    """CSV rows (header id,name,type,country,aliases,metonyms,parent[,heads]; lists split on
    "|"); empty cells are left out so an override keeps the bundled value."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    if "id" not in header:
        raise ConfigError(f"{where}: the CSV header must name the columns "
                          f"{','.join(CSV_COLUMNS)} (at least id)")
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise ConfigError(f"{where}: unknown CSV column(s) {', '.join(unknown)}; "
                          f"expected {','.join(CSV_COLUMNS)}")
    entries: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(reader, 2):
        if None in row:
            raise ConfigError(f"{where}: row {n}: more cells than columns (quote a cell "
                              f"holding a comma)")
        cells = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not any(cells.values()):
            continue
        item: dict[str, Any] = {k: v for k, v in cells.items() if v}
        for name in LIST_FIELDS:
            if name in item:
                item[name] = [part.strip() for part in item[name].split("|") if part.strip()]
        fields = _entry_fields(item, f"{where}: row {n}")
        if fields["id"] in entries:
            raise ConfigError(f"{where}: row {n}: id {fields['id']!r} appears twice")
        entries[fields["id"]] = fields
    return entries


def _entry_fields(item: Any, where: str) -> dict[str, Any]:
    """The validated fields one entry gives (only those present)."""
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a mapping with id, name, type...")
    unknown = sorted(set(map(str, item)) - set(ENTRY_FIELDS))
    entry_id = item.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise ConfigError(f"{where}: id must be lowercase letters, digits, '.', '_' or '-' "
                          f"(got {entry_id!r})")
    where = f"{where} ({entry_id})"
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(unknown)}; "
                          f"expected {', '.join(ENTRY_FIELDS)}")
    fields: dict[str, Any] = {"id": entry_id}
    for name in ("name", "type", "country", "parent"):
        if item.get(name) is not None:
            value = item[name]
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where}: {name} must be a non-empty text")
            fields[name] = value.strip()
    if "type" in fields and fields["type"] not in ACTOR_TYPES:
        raise ConfigError(f"{where}: type {fields['type']!r} is not one of "
                          f"{', '.join(ACTOR_TYPES)}")
    if "country" in fields and not _ISO2.match(fields["country"]):
        raise ConfigError(f"{where}: country must be an ISO 3166-1 alpha-2 code such as "
                          f"'IQ', not {fields['country']!r}")
    for name in LIST_FIELDS:
        if item.get(name) is not None:
            fields[name] = _text_list(item[name], f"{where}: {name}")
    return fields


def _text_list(value: Any, where: str) -> tuple[str, ...]:
    """A list of non-empty texts, deduplicated in order."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where} must be a list of non-empty texts")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _parse_countries(raw: Any, where: str) -> dict[str, Country]:
    """The countries section: ISO code -> names and demonyms."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: 'countries' must map ISO codes to names and demonyms")
    countries: dict[str, Country] = {}
    for code, spec in raw.items():
        label = f"{where}: country {code}"
        if not isinstance(code, str) or not _ISO2.match(code):
            raise ConfigError(f"{label}: not an ISO 3166-1 alpha-2 code")
        if not isinstance(spec, dict) or not spec.get("names"):
            raise ConfigError(f"{label}: expected a mapping with names (and demonyms)")
        unknown = sorted(set(map(str, spec)) - {"names", "demonyms"})
        if unknown:
            raise ConfigError(f"{label}: unknown field(s) {', '.join(unknown)}")
        countries[code] = Country(code, _text_list(spec["names"], f"{label}: names"),
                                  _text_list(spec.get("demonyms") or [], f"{label}: demonyms"))
    return countries


def _overlay(entries: dict[str, dict[str, Any]], user: Mapping[str, dict[str, Any]],
             where: str) -> None:
    """Apply user entries: given fields replace the bundled ones, new ids are added."""
    for entry_id, fields in user.items():
        if entry_id in entries:
            entries[entry_id] = {**entries[entry_id], **fields}
            continue
        missing = [name for name in ("name", "type") if name not in fields]
        if missing:
            raise ConfigError(f"{where}: new entry {entry_id} needs {' and '.join(missing)}")
        entries[entry_id] = dict(fields)


def _entry(fields: Mapping[str, Any], where: str) -> ActorEntry:
    """The final entry of merged fields; a new id without name or type is an error."""
    missing = [name for name in ("name", "type") if name not in fields]
    if missing:
        raise ConfigError(f"{where}: entry {fields['id']} needs {' and '.join(missing)}")
    return ActorEntry(id=fields["id"], name=fields["name"], type=fields["type"],
                      country=fields.get("country"), aliases=tuple(fields.get("aliases", ())),
                      metonyms=tuple(fields.get("metonyms", ())),
                      heads=tuple(fields.get("heads", ())), parent=fields.get("parent"))


def _check_parents(entries: Mapping[str, ActorEntry], where: str) -> None:
    """Every parent exists and no entry is its own ancestor."""
    for entry in entries.values():
        seen = {entry.id}
        parent = entry.parent
        while parent is not None:
            if parent not in entries:
                raise ConfigError(f"{where}: entry {entry.id}: parent {parent!r} is not an "
                                  f"entry id")
            if parent in seen:
                raise ConfigError(f"{where}: entry {entry.id}: parents form a cycle")
            seen.add(parent)
            parent = entries[parent].parent


# ----------------------------------------------------------------------------- ruler patterns

def ruler_patterns(dictionary: ActorDictionary) -> list[dict[str, Any]]:
    """EntityRuler phrase patterns (ORTH) for every alias, labelled ORG with the entry id.

    ORG is what the actor finder and the place code expect of an institution, whatever its
    actor type: the small model otherwise splits "US Central Command" into GPE + ORG or calls
    "Hezbollah" a person. Metonyms get no pattern: "Washington" stays GPE for the place code
    and "Washington Post" or "George Washington" stay whole. Heads get none either: they are
    composed after the parse, where the country before them is known.
    """
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for entry in dictionary.entries.values():
        for alias in entry.aliases:
            for variant in surface_variants(alias):
                if (variant, entry.id) not in seen:
                    seen.add((variant, entry.id))
                    patterns.append({"label": "ORG", "pattern": variant, "id": entry.id})
    return patterns


def surface_variants(alias: str) -> list[str]:
    """The spellings an alias takes in running text: without "the", capitalized at a sentence
    start or in a title, "US"/"U.S.", straight or curly apostrophes."""
    base = alias.strip()
    if base[:4].lower() == "the " and len(base) > 4:
        base = base[4:]
    forms = {base}
    if _exact_key(base) is None:
        forms.add(base[0].upper() + base[1:])
        forms.add(" ".join(w if w in _SMALL_WORDS or not w[0].isalpha() else
                           w[0].upper() + w[1:] for w in base.split()))
    for short, dotted in _DOTTED.items():
        for form in list(forms):
            words = form.split()
            if short in words:
                forms.add(" ".join(dotted if w == short else w for w in words))
            if dotted in words:
                forms.add(" ".join(short if w == dotted else w for w in words))
    for form in list(forms):
        if "'" in form:
            forms.add(form.replace("'", "’"))
    return sorted(forms)
