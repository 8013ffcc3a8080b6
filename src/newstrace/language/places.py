"""Place mentions of an article, resolved on the offline gazetteer.

Only spans that something already marks as places are resolved: fuzzy matching over raw text
invents places from ordinary words and first names. Those spans are

* spaCy's GPE, LOC and FAC entities, extended over a following feature word ("Idlib"
  + "province") so that the gazetteer's feature cue applies. A one-word GPE the gazetteer
  does not know as written, outside a locative context, is dropped (the small model calls
  surnames GPE: "Hartmann said"); so is a longer one that holds no known place, names no
  natural feature or road and stands nowhere a place stands ("United Way"). One that holds
  a place is read on it: "Northeast Georgia" as Georgia, "Henderson County Jail" as
  Henderson County; "the Catawba River" stays unresolved rather than become the town;
* nationality adjectives (NORP "Syrian", "Russians"), resolved to their country (label
  "NORP"): news geoparsing corpora annotate them as toponyms, and they tell which countries
  an article is about;
* "X County", "X Province", "Orchard Street": a capitalized name with a feature or street
  word is a place whatever the model called it, and so is each name in "Idlib and Hama
  provinces". Streets stay unresolved: the gazetteer has none;
* label fixes: the small model calls towns ORG, PERSON or FAC ("Al-Bukamal", "Lancaster
  police") or leaves them unlabelled. Such a span becomes a place only with strong evidence:
  the gazetteer has it, as written, in one of the article's countries AND the context is
  locative ("in X", "near X", "the town of X", "X province", "shelled X", "X, Ohio"); or the
  same surface is a place elsewhere in the article (one sense per discourse); or, for ORG
  and unlabelled spans, it is exactly a town of the province the article's places lie in.
  "the town of X" makes X a place even when the gazetteer lacks it. A word of a person's
  name, an acronym ("MNA") and a lone sentence-initial word never qualify;
* places opening or closing an organization's name ("the Ohio Department of Health",
  "University of Cincinnati", "the Turkish Government") when the place is a country,
  province or county, is a place elsewhere in the article, or is a town of the article's
  province. They keep the organization's label ("ORG"), so a later stage can tell them from
  where things happened;
* datelines: the one ingest found (role "dateline", its entity no "mention") and a wire
  dateline opening a later sentence, as after a headline ("COLUMBUS --").

Resolution: a first pass, without context, collects the article's countries (named
countries, nationality adjectives and provinces, towns whose every exact namesake lies in
one country, the dateline counted double) and the province most of its names can lie in.
Spans are then resolved with those countries (most mentioned first) and a province: the one
the text attaches ("X, Y", "X in Y province", shared by every mention of X), else the
article's, unless that picks a hamlet over a city a hundred times its size. Last, a name
several towns of the country bear becomes the one within 100 km of the article's
unambiguous places, if any. Spans the gazetteer does not know stay, unresolved (place_id
None, score 0): a village the gazetteer lacks is still a place. ``place_context`` holds
the context and resolution, ``place_words`` the English cue words.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import replace
from typing import Any

from newstrace.language.gazetteer import Gazetteer, feature_cue
from newstrace.language.place_context import (
    CONTEXT_ROUNDS,
    Article,
    Cand,
    abbreviation,
    article_countries,
    article_province,
    attach_context,
    exact,
    exact_in,
    exact_name,
    local_town,
    make_cand,
    merge,
    nearest_namesakes,
    overlaps,
    resolvable,
    resolve_cand,
    share_hints,
)
from newstrace.language.place_words import (
    COMPASS,
    DATELINE_TAIL,
    FEATURE_WORDS,
    GENERIC_WORDS,
    NAME_LABELS,
    NATURAL_WORDS,
    ORG_HEADS,
    PLACE_LABELS,
    PLURAL_FEATURES,
    QUALIFIERS,
    STREET_WORDS,
    TITLES,
    TOWN_NOUNS,
    WAY_WORDS,
    acronym,
    capitalized,
    locative,
    name_start,
    surface_key,
)
from newstrace.language.records import PlaceRef
from newstrace.records import Dateline

__all__ = ["find_places"]

EMBEDDED_FEATURES = frozenset({"country", "province", "district", "continent"})
"""Features a place inside an organization's name may have without other support."""


def find_places(doc: Any, gazetteer: Gazetteer, *, dateline: Dateline | None = None,
                exclude: Collection[tuple[int, int]] = ()) -> list[PlaceRef]:
    """Place mentions of a parsed article, in text order.

    ``doc`` is the spaCy Doc of the article's normalized text; ``dateline`` the one ingest
    found (its place becomes a "dateline" PlaceRef and its entity no "mention"); ``exclude``
    the (start, end) spans another module claimed ("Washington said": a government).
    """
    art = Article(doc, doc.text, gazetteer, _person_words(doc))
    blocked = list(exclude) + ([(dateline.start, dateline.end)] if dateline else [])
    dl = _dateline_cand(art.text, dateline)
    base = merge([], [c for c in _entity_cands(art) if not overlaps(c, blocked)])
    art.countries = article_countries(art, base, dl)
    art.province = article_province(art, base)
    art.known = {surface_key(c.text) for c in base
                 if c.source in ("entity", "feature") and c.label != "FAC"}
    for _ in range(CONTEXT_ROUNDS):  # the places found refine the context, which finds more
        extra = [c for c in _extra_cands(art) if not overlaps(c, blocked)]
        cands = merge(([dl] if dl else []) + base, extra)
        found = [c for c in cands if c.source != "dateline"]
        art.countries = article_countries(art, found, dl)
        art.province = article_province(art, found)
        art.fixed = {surface_key(c.text) for c in extra if c.source == "fixed"}
    cands = share_hints(attach_context(art.text, cands, gazetteer))
    return nearest_namesakes(art, cands, [resolve_cand(c, art) for c in cands])


def _entity_cands(art: Article) -> Iterator[Cand]:
    """Streets, listed units, GPE/LOC/FAC entities, nationality adjectives and "X County"
    spans, in this order of precedence."""
    doc = art.doc
    yield from _street_cands(doc)
    for token in doc:  # first: "Idlib" of "Idlib and Hama provinces" is a province
        if token.lower_ in PLURAL_FEATURES:
            yield from _listed(doc, token.i, PLURAL_FEATURES[token.lower_])
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            cand = _place_entity(art, ent)
            if cand is not None:
                yield cand
        elif ent.label_ == "NORP":
            res = art.gaz.resolve(ent.text)
            if res is not None and res.match == "demonym":
                yield Cand(ent.start_char, ent.end_char, ent.text, "NORP", "demonym")
    yield from _feature_cands(doc)


def _place_entity(art: Article, ent: Any) -> Cand | None:
    """The place a GPE/LOC/FAC entity names, if any. A name of several words the gazetteer
    does not know is read on the place it holds ("Northeast Georgia" as Georgia, "Henderson
    County Jail" as Henderson County), kept unresolved when it names a feature the gazetteer
    lacks (rivers, islands, highways) or stands where a place stands, and dropped otherwise
    ("United Way", "St. Patrick's Day", a name the model took for a place)."""
    doc = art.doc
    tokens = _trim(doc, ent.start, ent.end)
    if tokens is None or not _plausible_entity(art, *tokens):
        return None
    start, end = _extend_feature(doc, *tokens)
    whole = make_cand(doc, start, end, ent.label_, "entity")
    if end - start == 1 or resolvable(art, whole.text):
        return whole
    core = start
    while core < end - 1 and (COMPASS.fullmatch(doc[core].text) or doc[core].lower_ in (
            QUALIFIERS)):
        core += 1
    if core > start and resolvable(art, doc[core:end].text):
        return replace(whole, text=doc[core:end].text)
    words = {t.lower_ for t in doc[start:end]}
    if not words.isdisjoint(NATURAL_WORDS):
        return whole  # the Catawba River is not the town of Catawba
    for part in _name_parts(doc, start, end):
        if part != (start, end) and exact(art, doc[part[0]:part[1]].text):
            return make_cand(doc, *part, ent.label_, "entity")
    if not words.isdisjoint(WAY_WORDS) or locative(doc, start, end):
        return whole
    return None


def _plausible_entity(art: Article, start: int, end: int) -> bool:
    """Whether a GPE/LOC/FAC span may be a place: not a person's name or title ("Paris said"
    after "Paris Hilton", "Ms Izevbekhai"), not a lone word the gazetteer does not know as
    written outside a locative context ("Hartmann said")."""
    doc = art.doc
    text = doc[start:end].text
    if doc[start].lower_.rstrip(".") in TITLES:
        return False
    if locative(doc, start, end):
        return True
    if surface_key(text) in art.persons:
        return False
    return end - start > 1 or exact(art, text)


def _trim(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """Token range without a leading "the" and a trailing possessive; None for spans that
    hold no capitalized word ("meth", "n't")."""
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    if end <= start or not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    return start, end


def _extend_feature(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Include a following feature word: "Deir ez-Zor" + "province"."""
    if end < len(doc) and doc[end].lower_ in FEATURE_WORDS:
        return start, end + 1
    return start, end


def _feature_cands(doc: Any) -> Iterator[Cand]:
    """"Anderson County", "Rapides Parish": a capitalized feature word makes a name, whatever
    the model says."""
    for token in doc:
        if token.lower_ in FEATURE_WORDS and token.text[:1].isupper() and token.i > 0:
            start = name_start(doc, token.i)
            if start < token.i:
                yield make_cand(doc, start, token.i + 1, "GPE", "feature")


def _street_cands(doc: Any) -> Iterator[Cand]:
    """"Orchard Street", "Wichita Drive": streets are places the gazetteer lacks (kept
    unresolved), and a street named after a town is not the town."""
    for token in doc:
        if token.text in STREET_WORDS and token.i > 0:
            start = name_start(doc, token.i)
            if start < token.i:
                yield make_cand(doc, start, token.i + 1, "FAC", "street")


def _listed(doc: Any, i: int, feature: str) -> Iterator[Cand]:
    """Names listed before a plural feature word, each read as "<name> <feature>"."""
    end = i
    while end > 0:
        start = name_start(doc, end)
        if start == end:
            return
        span = make_cand(doc, start, end, "GPE", "feature")
        yield replace(span, text=f"{span.text} {feature}")
        if start == 0 or doc[start - 1].lower_ not in (",", "and", "or"):
            return
        end = start - 1
        if end > 0 and doc[end - 1].text == "," and doc[end].lower_ in ("and", "or"):
            end -= 1


def _person_words(doc: Any) -> set[str]:
    """Words that name people in this article, so a lone "Saakashvili" or "Paris" is not
    read as a place: the words of multi-word PERSON entities made of proper nouns only (a
    headline "Rethinking Egypt" taken for a person does not make Egypt one), and the first
    word of a two-word name the model calls ORG ("Paris Hilton") whose second word is no
    organization's ("Police", "Council"), unless that word stands somewhere as a place
    ("in Paris")."""
    words = {surface_key(t.text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
             and all(t.pos_ == "PROPN" or not t.is_alpha for t in ent)
             for t in ent if t.text[:1].isupper()}
    firsts = {surface_key(ent[0].text) for ent in doc.ents if ent.label_ == "ORG" and len(ent) == 2
              and ent[1].is_title and ent[1].lower_ not in ORG_HEADS}
    if firsts:
        firsts -= {surface_key(t.text) for t in doc if surface_key(t.text) in firsts
                   and locative(doc, t.i, t.i + 1)}
    return words | firsts


def _dateline_cand(text: str, dateline: Dateline | None) -> Cand | None:
    """The dateline's place ("KABUL, Afghanistan") as a span of the text."""
    if dateline is None or not dateline.place:
        return None
    city, _, region = (part.strip() for part in dateline.place.partition(","))
    start = text.find(city, dateline.start, dateline.end)
    if start < 0:
        return None
    end = start + len(city)
    if region:
        at = text.find(region, end, dateline.end)
        end = at + len(region) if at >= 0 else end
    return Cand(start, end, city, "GPE", "dateline", country=region or None)


def _extra_cands(art: Article) -> Iterator[Cand]:
    """Spans that need the article's context to be found as places."""
    yield from _fixed_cands(art)
    yield from _embedded_cands(art)
    yield from _text_datelines(art)


def _fixed_cands(art: Article) -> Iterator[Cand]:
    """Names the model mislabelled or missed that are places (see the module docstring)."""
    doc = art.doc
    for start, end, label in _name_runs(doc):
        text = doc[start:end].text
        norm = surface_key(text)
        if norm in art.persons or acronym(text):
            continue
        seen = norm in art.known or (norm in art.fixed and label in ("ORG", "FAC", ""))
        if seen or _fix_evidence(art, start, end, label):
            yield make_cand(doc, *_extend_feature(doc, start, end), "GPE", "fixed")


def _fix_evidence(art: Article, start: int, end: int, label: str) -> bool:
    """Whether a name not seen as a place elsewhere is one: exact in the article's
    countries and locative, "the town of X", or (not PERSON) a town of the article's
    province; never a lone sentence-initial word."""
    doc = art.doc
    text = doc[start:end].text
    if doc[start].is_sent_start and end - start == 1:
        return False
    return ((locative(doc, start, end) and exact_in(art, text)) or _settlement(doc, start, end)
            or (label != "PERSON" and local_town(art, text)))


def _settlement(doc: Any, start: int, end: int) -> bool:
    """"the town of X", "the villages of X": a place even when the gazetteer lacks it."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in TOWN_NOUNS


def _name_runs(doc: Any) -> Iterator[tuple[int, int, str]]:
    """Whole ORG/PERSON/... entities ("the X" excepted: "the White House" is no town), and
    runs of capitalized proper nouns no entity covers (label "")."""
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and ent[0].lower_ != "the":
            end = ent.end - (1 if ent[-1].text in ("'s", "’s") else 0)
            if end > ent.start:
                yield ent.start, end, ent.label_
    i = 0
    while i < len(doc):
        if doc[i].ent_type_ or not capitalized(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and not doc[j].ent_type_ and capitalized(doc[j]):
            j += 1
        yield i, j, ""
        i = j


def _embedded_cands(art: Article) -> Iterator[Cand]:
    """Places that open or close an organization's name: "the Ohio Department of Health",
    "Gainesville Police", "University of Cincinnati"."""
    doc = art.doc
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS or ent.label_ == "NORP":
            continue  # "Syrian" of NORP "Syrian Kurds" is found as a nationality
        first = ent.start + (1 if ent[0].lower_ == "the" else 0)
        for start, end in _name_parts(doc, first, ent.end):
            if (start, end) == (first, ent.end) or (
                    doc[start].is_upper and not abbreviation(art, doc[start].text)):
                continue
            if start == first and ent.end - end == 1 and not _org_head(doc[end]):
                continue  # "Paris Hilton": a person's name, not Paris's Hilton
            text = doc[start:end].text
            if surface_key(text) in art.persons and ent.label_ == "PERSON":
                continue
            if surface_key(text) in art.known or _embedded_place(art, text):
                yield make_cand(doc, start, end, ent.label_, "embedded")
                break


def _org_head(token: Any) -> bool:
    return bool(token.lower_ in ORG_HEADS or token.text in ("'s", "’s"))


def _name_parts(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges that may be a place inside a name, longest first: the leading run of
    proper nouns and its prefixes (after a qualifier too: "Western Pennsylvania Kennel
    Association"), then the same after a final "of" ("University of Kentucky Medical
    Center"). A hyphen ends a run: "Nebraska-Lincoln"."""
    parts: list[tuple[int, int]] = []
    ofs = [k + 1 for k in range(start, end - 1) if doc[k].lower_ == "of"]
    for first in [start, *ofs[-1:]]:
        run = first
        while run < end and capitalized(doc[run]) and doc[run].text != "-":
            run += 1
        parts.extend((first, k) for k in range(run, first, -1))
        if run - first > 1 and (COMPASS.fullmatch(doc[first].text)
                                or doc[first].lower_ in QUALIFIERS):
            parts.extend((first + 1, k) for k in range(run, first + 1, -1))
    return parts


def _embedded_place(art: Article, text: str) -> bool:
    """Whether a name inside a name is a place: a country, province or county by its exact
    name, or a town of the article's provinces."""
    if COMPASS.fullmatch(text) or text.casefold() in GENERIC_WORDS:
        return False  # "North Fulton Regional Hospital", "Central Activities Center"
    cue = feature_cue(text)
    for cand in art.gaz.lookup(text):
        place = cand.place
        if cand.match == "demonym":
            return True  # "the Turkish Government", "The Lebanese Army"
        if not exact_name(art, text, place.id, place.name):
            continue
        if place.feature == "district" and cue != "district":
            continue  # "Lee School" is not Lee County's
        if place.feature in EMBEDDED_FEATURES and (
                place.country in art.countries or place.feature != "district"):
            return True
        if place.country in art.countries[:1] and place.admin1 == art.province:
            return True
    return False


def _text_datelines(art: Article) -> Iterator[Cand]:
    """Wire datelines that open a later sentence, as after a headline: "COLUMBUS -- The
    board ..." (a capitalized place the gazetteer knows as written)."""
    doc = art.doc
    for sent in doc.sents:
        end = sent.start
        while end < sent.end and doc[end].is_upper and doc[end].is_alpha:
            end += 1
        if end == sent.start or end - sent.start > 4:
            continue
        tail = DATELINE_TAIL.match(art.text, doc[end - 1].idx + len(doc[end - 1].text))
        text = doc[sent.start:end].text
        if tail and len(text) > 2 and exact(art, text):
            yield make_cand(doc, sent.start, end, "GPE", "dateline")
