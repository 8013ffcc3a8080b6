"""Quantities: the numbers of an article, attached to what they count.

The small English model tags numbers (CARDINAL) but says nothing of what they count or
whether they are casualties; its dependency parse does ("four" -nummod-> "missiles",
"soldiers" -nsubjpass-> "killed"). So a number is read by a small interval parser (digits,
number words, "a dozen", vague amounts), bounded by the hedge before it, attached to its
counted noun, and classed as a casualty when the noun, or the number itself, is what a
casualty word happens to. Decisions downstream stages can rely on:

* Bounds keep the stated number as an inclusive bound, which is always true: "at least 12",
  "more than 20", "over 20" -> low=N, high=None; "up to 30", "as many as 30", "fewer than
  30", "at most 30" -> low=None, high=N. The open end already says the value is open, so a
  bound alone is not ``approximate``.
* Hedges ("about", "around", "nearly", "almost", "some", "roughly", "an estimated", "... or
  so") keep low=high=N and set ``approximate``.
* Vague amounts are ranges with ``approximate`` set: "a few"/"a handful" 2-5, "a couple" 2,
  "several" 3-9, "dozens" 24-99, "scores" 40-99, "hundreds" 200-999, "thousands" 2000-9999,
  "tens"/"hundreds of thousands" 20,000-99,000/200,000-999,000; they multiply ("several
  dozen" 36-108). "a dozen" is exactly 12. Ranges: "10-15", "10 to 15", "two or three",
  "between 10 and 15" -> low, high.
* ``category``: "killed" (killed, dead, died, deaths, fatalities, slain, martyred, lost their
  lives), "injured" (wounded, injured, hurt, injuries), "casualties" for a non-zero count of
  casualties or of the harmed (killed or injured: the text does not say which), "count"
  otherwise. A stated zero of casualties ("no casualties", "no brother was harmed") is
  "killed" with ``stated_zero``: the report says nobody died.
* ``counted`` is the counted noun, lower-cased and singular ("vehicles" -> "vehicle",
  "people" -> "person"); "person" for a casualty number without a noun ("the strike killed
  12", "no one was hurt") or counting "others" or a pronoun ("one of them").
* "no <noun>", "no one", "nobody", "none", a number without a noun ("killed 12") and an
  indefinite article ("a civilian was killed") count only in a casualty context: "no
  independent confirmation", "no reports of casualties", "a headquarters" are not quantities.
* Not quantities: dates, times, durations, years (any 1900-2100), ages, ordinals, money,
  percentages, measures ("60 kilometres"), identifiers after their noun ("Resolution 2334",
  "News ID: 81234"), numbers in names and model numbers ("F-16", "Su-24", "41st Brigade"),
  phone numbers, compound modifiers ("two-storey", "52-year-old") and "one of the ..."
  outside a casualty ("one of the main crossings").
* Subsets stand alone: "12 people, including five children, were killed" gives 12 persons
  and 5 children, both killed; a consumer summing casualties must not add them up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from newstrace.language.records import Quantity, Span


def _words(text: str) -> set[str]:
    """A vocabulary written as one string, to keep long word lists compact."""
    return set(text.split())


_UNITS = {w: n for n, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"])}
_TENS = {w: 10 * n for n, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)}
_MULTIPLIERS = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000,
                "million": 10**6, "billion": 10**9}
_VAGUE = {"several": (3, 9), "few": (2, 5), "handful": (2, 5), "couple": (2, 2)}
_PLURALS = {"dozens": (24, 99), "scores": (40, 99), "tens": (20, 99), "hundreds": (200, 999),
            "thousands": (2000, 9999), "millions": (2 * 10**6, 9_999_999)}
_PLURAL_BASE = {"thousands": 1000, "millions": 10**6}
_AFTER_A = _words("dozen score hundred thousand million few handful couple")
_DIGITS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|[1-9]\d{0,8}|0)(?:\.\d+)?")
_HEDGES = {tuple(hedge.split()): kind for kind, hedges in (
    ("low", "at least|more than|over|upwards of|in excess of"),
    ("high", "up to|as many as|at most|no more than|fewer than|less than"),
    ("about", "about|around|nearly|almost|some|roughly|approximately|close to|an estimated|"
              "estimated"),
    ("between", "between")) for hedge in hedges.split("|")}
_SUFFIXES = {("or", "more"): "low", ("or", "so"): "about", ("plus",): "low"}

_KILLED = _words("kill kills killed killing killings dead die died dies dying death deaths "
                 "fatality fatalities slain martyred perished massacred murdered")
_INJURED = _words("wound wounds wounded wounding injure injured injures injuring injury "
                  "injuries hurt hurting maimed")
_HARMED = _words("casualty casualties harmed")
_INTRANSITIVE = _words("die died dies dying perished")
_TAKE_LIVES = _words("claimed claim claims claiming took take takes taking cost costing lost "
                     "lose losing")
_SUFFER = _words("suffer suffers suffered suffering sustain sustains sustained sustaining")
_STATES = _words("dead wounded injured hurt")
_BE = _words("be is are was were been being remain remained")

_NOT_COUNTED = _words(  # measures, money and time: compared in the singular
    "km kilometre kilometer mile metre meter m cm mm kg kilogram kilo tonne ton pound litre "
    "liter hectare acre foot degree millimetre percent per % dollar euro dinar rial lira shekel "
    "rupee yuan yen afghani second minute hour day week month year decade century a.m. p.m. "
    "am pm o'clock gmt utc monday tuesday wednesday thursday friday saturday sunday point way "
    "thing hand time reason part kind sort type example instance")
_MONTHS = _words("january february march april may june july august september october "
                 "november december jan feb mar apr jun jul aug sep sept oct nov dec")
_COLLECTIVE = _AFTER_A | _words("number lot total group majority minority series crowd host "
                                "pair toll tally range bunch")
_NOMINAL = _words("NOUN PROPN PRON NUM")
_INVARIANT = _words("aircraft personnel police staff crew people livestock cattle sheep "
                    "artillery militia infantry")
_IRREGULAR = {"people": "person", "persons": "person", "children": "child", "lives": "life",
              "wives": "wife", "buses": "bus", "feet": "foot", "others": "person",
              "sorties": "sortie"}


@dataclass(frozen=True, slots=True)
class _Number:
    """A number read from tokens ``first``..``end`` (exclusive); ``start`` includes a hedge."""

    start: int
    first: int
    end: int
    low: int | None
    high: int | None
    approximate: bool


def find_quantities(doc: Any) -> list[Quantity]:
    """Every quantity of a spaCy ``doc`` in text order; no token is counted twice.

    Explicit zeros go first, so the "one" of "no one" is not read as 1; indefinite articles
    go last, so "a dozen rebels" is not also one rebel.
    """
    used: set[int] = set()
    found = list(_zeros(doc, used))
    i = 0
    while i < len(doc):
        number = None if i in used else _read_number(doc, i)
        if number is None:
            i += 1
            continue
        if (quantity := _attach(doc, number, used)) is not None:
            found.append(quantity)
        i = number.end
    found += _indefinites(doc, used)
    return sorted(found, key=lambda q: (q.span.start, q.span.end))


def _read_number(doc: Any, i: int) -> _Number | None:
    """The number starting at token ``i`` with its hedge, range and suffix, if any."""
    end = _run(doc, i)
    value = _value(doc, i, end) if end > i else None
    if value is None:
        return None
    low: int | None = value[0]
    high: int | None = value[1]
    start, hedge = _hedge(doc, i, end)
    if (ranged := _range_end(doc, end, value[0], hedge)) is not None:
        end, high = ranged
    if hedge == "between":
        start, hedge = (start if ranged else i), ""
    for words, kind in _SUFFIXES.items():
        if tuple(t.lower_ for t in doc[end:end + len(words)]) == words:
            end, hedge = end + len(words), kind
    if hedge == "low":
        high = None
    elif hedge == "high":
        low = None
    return _Number(start, i, end, low, high, value[2] or hedge == "about")


def _run(doc: Any, i: int) -> int:
    """The end of the longest run of number words from token ``i`` ("twenty - three")."""
    j, prev = i, ""
    while j < len(doc):
        word = doc[j].lower_
        if not _accepts(word, prev, doc[j + 1].lower_ if j + 1 < len(doc) else ""):
            break
        if word == "-" and (doc[j - 1].whitespace_ or doc[j].whitespace_):
            break
        prev, j = word, j + 1
    while j > i and doc[j - 1].lower_ in ("a", "an", "-", "and", "of"):
        j -= 1
    return j


def _accepts(word: str, prev: str, nxt: str) -> bool:
    """Whether ``word`` continues a number run after ``prev`` (empty at the start)."""
    if not prev:
        return ((word in ("a", "an") and nxt in _AFTER_A) or word in _UNITS or word in _TENS
                or word == "several" or (word in _PLURALS and (word != "tens" or nxt == "of"))
                or _DIGITS.fullmatch(word) is not None)
    if prev in ("a", "an"):
        return word in _AFTER_A and (word not in ("handful", "couple") or nxt == "of")
    if word == "-":
        return prev in _TENS and 0 < _UNITS.get(nxt, 0) < 10
    if word == "and":
        return prev in _MULTIPLIERS and (nxt in _UNITS or nxt in _TENS)
    if word == "of":
        return prev in _PLURALS and nxt in _PLURAL_BASE
    if word in _MULTIPLIERS:
        return prev not in _MULTIPLIERS or _MULTIPLIERS[prev] < _MULTIPLIERS[word]
    if word in _UNITS:
        return prev in _TENS or prev in _MULTIPLIERS or prev in ("-", "and")
    if word in _TENS:
        return prev in _MULTIPLIERS or prev == "and"
    return word in _PLURAL_BASE and prev == "of"


def _value(doc: Any, i: int, end: int) -> tuple[int, int, bool] | None:
    """The interval a run of number words means, and whether it is vague.

    Fractions keep "1.5 million" exact; a value that is not whole ("2.5") counts nothing.
    """
    total = (Fraction(0), Fraction(0))
    cur: tuple[Fraction, Fraction] | None = None
    approx = False
    for word in (t.lower_ for t in doc[i:end]):
        if word in ("a", "an"):
            cur = (Fraction(1), Fraction(1))
        elif _DIGITS.fullmatch(word):
            cur = (Fraction(word.replace(",", "")), Fraction(word.replace(",", "")))
        elif word in _UNITS or word in _TENS:
            n = _UNITS.get(word, _TENS.get(word, 0))
            cur = (cur[0] + n, cur[1] + n) if cur else (Fraction(n), Fraction(n))
        elif word in _VAGUE:
            cur, approx = (Fraction(_VAGUE[word][0]), Fraction(_VAGUE[word][1])), True
        elif word in _MULTIPLIERS:
            m, base = _MULTIPLIERS[word], cur or (Fraction(1), Fraction(1))
            cur = (base[0] * m, base[1] * m)
            if m >= 1000:
                total, cur = (total[0] + cur[0], total[1] + cur[1]), None
        elif word in _PLURALS:
            approx, b, (lo, hi) = True, _PLURAL_BASE.get(word), _PLURALS[word]
            cur = (cur[0] * b, cur[1] * b) if cur and b else (Fraction(lo), Fraction(hi))
    if cur:
        total = (total[0] + cur[0], total[1] + cur[1])
    if total[0].denominator != 1 or total[1].denominator != 1:
        return None
    return int(total[0]), int(total[1]), approx


def _hedge(doc: Any, i: int, end: int) -> tuple[int, str]:
    """The hedge right before token ``i`` and its kind, if it modifies the number.

    It must hang on the number or the noun just after it: "fighting over 12 villages" has
    no bound.
    """
    for n in (3, 2, 1):
        kind = _HEDGES.get(tuple(t.lower_ for t in doc[i - n:i])) if i >= n else None
        if kind and (kind == "between" or doc[i].ent_iob_ == "I"
                     or any(i <= t.head.i < end + 4 for t in doc[i - n:i])):
            return i - n, kind
    return i, ""


def _range_end(doc: Any, end: int, low: int, hedge: str) -> tuple[int, int] | None:
    """The end token and upper value of "N to M", "N-M", "N or M", "between N and M"."""
    if end + 1 >= len(doc):
        return None
    link = doc[end].lower_
    if link not in ({"and"} if hedge == "between" else {"to", "or", "-", "–"}):
        return None
    if link in "-–" and (doc[end].whitespace_ or doc[end - 1].whitespace_):
        return None
    if link == "to" and end >= 2 and doc[end - 2].lower_ == "from":
        return None  # "rose from 12 to 15" is a change, not a range
    stop = _run(doc, end + 1)
    second = _value(doc, end + 1, stop) if stop > end + 1 else None
    return (stop, second[1]) if second is not None and second[0] > low else None


def _attach(doc: Any, number: _Number, used: set[int]) -> Quantity | None:
    """The number as a Quantity of its counted noun, or None when it counts nothing."""
    if _excluded(doc, number):
        return None
    tokens = doc[number.first:number.end]
    head = _run_head(tokens)
    noun, kind = _counted(doc, head, number)
    if kind == "skip" or (kind != "noun" and any(t.ent_type_ in ("DATE", "TIME") for t in tokens)):
        return None
    carrier = noun if kind in ("noun", "misparse") else head
    cls = _context(carrier, noun if kind == "partitive" else None)
    after = doc[number.end] if number.end < len(doc) else head
    if cls is None and kind == "bare" and after.lower_ in (*_STATES, "killed"):
        cls = _word_class(after)  # "treated 45 wounded", parsed as a clause
    if kind == "misparse":  # "kills three south of Baghdad": the noun is no count noun
        noun, kind = None, "bare"
    if cls is None and (kind == "bare" or (kind == "partitive" and tokens.text.lower() == "one")
                        or noun.pos_ == "PRON" or noun.lower_ == "others"):
        return None
    counted = _singular(noun) if noun is not None else "person"
    zero = number.low == 0 and number.high == 0
    category = "killed" if zero and cls == "casualties" else cls or "count"
    last = noun.i if noun is not None and number.end <= noun.i <= number.end + 5 else number.end - 1
    used.update(range(number.start, last + 1))
    return Quantity(_span(doc, number.start, last), number.low, number.high, counted,
                    category, number.approximate, zero)


def _excluded(doc: Any, number: _Number) -> bool:
    """Whether the number is part of a name, year, time, amount of money, or modifier."""
    tokens = doc[number.first:number.end]
    if any(t.ent_type_ not in ("", "CARDINAL", "QUANTITY", "DATE", "TIME") for t in tokens):
        return True
    before = doc[number.start - 1] if number.start else None
    after = doc[number.end] if number.end < len(doc) else None
    if before is not None and (before.text in ("$", "€", "£", "#", "+", "№", "No.") or (
            before.text in ("-", "–", "/", ":", ".") and not before.whitespace_)):
        return True  # money, identifiers, model numbers ("Su-24" split by the tokenizer)
    if after is not None and (after.lower_ in ("%", "percent", "per") or (
            after.text in ("-", "–", "/", ":") and not tokens[-1].whitespace_)):
        return True  # percentages, phone numbers, compound modifiers ("two-storey")
    if any(t is not None and t.text[:1].isupper() and t.lower_.rstrip(".") in _MONTHS
           for t in (before, after)):
        return True
    return len(tokens) == 1 and tokens.text.isdigit() and 1900 <= int(tokens.text) <= 2100


def _run_head(tokens: Any) -> Any:
    """The token of a run whose head lies outside it: the run's syntactic head."""
    first, end = tokens.start, tokens.end
    outside = [t for t in tokens if not first <= t.head.i < end or t.head.i == t.i]
    return outside[-1] if outside else tokens[-1]


def _counted(doc: Any, head: Any, number: _Number) -> tuple[Any, str]:
    """The counted noun and how it attaches: noun, misparse, partitive, bare or skip."""
    target = head.head
    if head.dep_ in ("nummod", "compound", "quantmod", "amod", "nmod", "det") and (
            target.i >= number.end):
        if target.pos_ not in _NOMINAL or _line_break(doc, number.end - 1, target.i):
            return None, "bare"
        singular = target.tag_ in ("NN", "NNP") and target.lower_ not in _INVARIANT
        if _singular(target) in _NOT_COUNTED or (
                singular and target.dep_ in ("compound", "amod", "nmod") and number.low != 1):
            return None, "skip"
        return target, "misparse" if singular and (number.low or 0) > 1 else "noun"
    if head.dep_ == "nummod" and target.i < head.i:
        return None, "skip"  # an identifier: "Resolution 2334", "Route 6"
    for token in doc[number.first:number.end]:
        if (obj := _partitive(token)) is not None and obj.i >= number.end:
            if _singular(obj) in _NOT_COUNTED or _line_break(doc, number.end - 1, obj.i):
                return None, "skip"
            return obj, "partitive"
    return None, "bare"


def _line_break(doc: Any, first: int, last: int) -> bool:
    """Whether a line break separates two tokens: a headline's number counts nothing below."""
    return any("\n" in t.text_with_ws for t in doc[first:last])


def _partitive(token: Any) -> Any:
    """The object of "of" after ``token`` ("none of our brothers", "dozens of people")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > token.i:
            return next((obj for obj in child.children if obj.dep_ == "pobj"), None)
    return None


def _context(carrier: Any, extra: Any = None, depth: int = 0) -> str | None:
    """The casualty class ("killed", "injured", "casualties") of what ``carrier`` counts.

    ``extra`` is the noun of a partitive ("three of its fighters who were martyred"). The
    class comes from the noun itself ("deaths"), a modifier ("wounded soldiers", "people
    killed in"), or the word governing it ("were killed", "killing 12", "left 5 dead"); a
    later conjunct or an "including" phrase takes the class of what it joins.
    """
    for token in (carrier, extra):
        if token is not None and (cls := _word_class(token) or _modifier_class(token)):
            return cls
    tok = carrier
    while tok.dep_ in ("conj", "appos") and tok.head.pos_ in _NOMINAL and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and (tok.head.lower_ == "including" or (
            tok.head.lower_ == "of" and tok.head.head.lower_ in _COLLECTIVE)):
        tok = tok.head.head  # "12 people, including a child", "a total of 15 people"
    if tok is not carrier and depth < 3:
        return _context(tok, None, depth + 1)
    return _governor_class(tok)


def _modifier_class(token: Any) -> str | None:
    """A casualty class given by a modifier: "wounded soldiers", "people who died"."""
    for child in token.children:
        if (child.dep_ == "amod" and child.lower_ in _STATES) or (
                child.dep_ == "acl" and (child.tag_ == "VBN" or child.lower_ in _INTRANSITIVE)
        ) or (child.dep_ == "relcl" and _undergoes(child, relative=True)):
            return _word_class(child)
    return None


def _governor_class(tok: Any) -> str | None:
    """A casualty class from the word ``tok`` depends on."""
    head, dep = tok.head, tok.dep_
    if dep == "nsubjpass":
        return _word_class(head)
    if dep == "nsubj":
        return _word_class(head) if _undergoes(head) else _state_class(head, "acomp")
    if dep in ("dobj", "nummod", "npadvmod", "quantmod", "advmod"):
        return _word_class(head) or _state_class(head, "oprd")  # "left 5 dead"
    if dep == "pobj" and head.lower_ == "of":
        return _word_class(head.head) or _toll_class(head.head)  # "deaths of 12"
    if dep == "pobj" and head.lower_ in ("to", "at"):
        return _toll_class(head.head)
    return None


def _undergoes(verb: Any, relative: bool = False) -> bool:
    """Whether the subject of ``verb`` is its patient: passive, "died", "lost their lives".

    A bare participle counts ("dozens injured") unless it is an active perfect ("gunmen
    have killed 12") or a relative clause ("the strike that killed"), whose subject acts.
    """
    children = list(verb.children)
    if verb.lower_ in _INTRANSITIVE or (verb.lower_ in ("lost", "lose", *_SUFFER)
                                        and _word_class(verb)):
        return True
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in children):
        return True
    active = any(c.dep_ == "dobj" or (c.dep_ == "aux" and c.lower_ in ("have", "has", "had"))
                 for c in children)
    return verb.tag_ == "VBN" and not active and not relative


def _state_class(verb: Any, dep: str) -> str | None:
    """"12 were dead", "two children were among the dead", "left 5 dead and 10 wounded"."""
    if dep == "acomp" and verb.lower_ not in _BE:
        return None
    for child in verb.children:
        if child.dep_ in (dep, "xcomp", "ccomp") and child.lower_ in _STATES:
            return _word_class(child)
        if dep == "acomp" and child.dep_ == "prep" and child.lower_ == "among":
            obj = next((o for o in child.children if o.dep_ == "pobj"), None)
            return _word_class(obj) if obj is not None else None
    return None


def _toll_class(token: Any) -> str | None:
    """"the death toll rose to 45", "raising the toll to 45", "a toll of 45": killed."""
    for word in [token, *[c for c in token.children if c.dep_ in ("nsubj", "dobj")]]:
        if word.lower_ in ("toll", "tally", "number"):
            classes = [cls for t in word.subtree if (cls := _word_class(t))]
            if classes or word.lower_ == "toll":
                return classes[0] if classes else "killed"
    return None


def _word_class(token: Any) -> str | None:
    """The casualty class a single word names, if any."""
    word = token.lower_
    if word in _KILLED:
        return "killed"
    if word in _INJURED:
        return "injured"
    if word in _HARMED:
        return "casualties"
    children = {c.lower_ for c in token.children}
    if (word in ("lost", "lose", "loses", "losing") and children & {"lives", "life"}) or (
            word == "shot" and "dead" in children):
        return "killed"
    if word in ("lives", "life") and token.head.lower_ in _TAKE_LIVES:
        return "killed"  # "claimed the lives of 40 people", "12 lives were lost"
    if word in _SUFFER:  # "34 service members suffered brain injuries"
        return next((_word_class(c) for c in token.children if c.dep_ == "dobj"), None)
    return None


def _zeros(doc: Any, used: set[int]) -> Iterator[Quantity]:
    """Explicit zeros of casualties: "no casualties", "no one was killed", "none was hurt"."""
    for token in doc:
        nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        if token.lower_ in ("nobody", "none"):
            carrier, noun = token, _partitive(token)
        elif token.lower_ == "no" and token.head.i > token.i and token.head.pos_ in _NOMINAL and (
                nxt not in ("more", "fewer", "less", "longer")):
            carrier = token.head
            noun = None if carrier.lower_ == "one" else carrier
        else:
            continue
        if (cls := _context(carrier, noun)) is None:
            continue
        counted = _singular(noun) if noun is not None else "person"
        last = max(carrier.i, noun.i if noun is not None else 0)
        last = last if last - token.i <= 5 else token.i
        used.update(range(token.i, last + 1))
        yield Quantity(_span(doc, token.i, last), 0, 0, counted,
                       "killed" if cls == "casualties" else cls, False, True)


def _indefinites(doc: Any, used: set[int]) -> Iterator[Quantity]:
    """One casualty named with "a"/"an"/"another": "two soldiers and a civilian were killed"."""
    for token in doc:
        noun = token.head
        if token.lower_ == "another" and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
            noun = token  # "a soldier was killed and another was wounded"
        elif token.lower_ not in ("a", "an", "another") or token.dep_ != "det" or (
                noun.i <= token.i):
            continue
        if noun.i in used or token.i in used or noun.tag_ not in ("NN", "NNP", "DT"):
            continue
        if noun.lower_ in _COLLECTIVE or _singular(noun) in _NOT_COUNTED or not (
                cls := _context(noun)):
            continue
        used.update(range(token.i, noun.i + 1))
        counted = "person" if noun is token else _singular(noun)
        yield Quantity(_span(doc, token.i, noun.i), 1, 1, counted, cls)


def _span(doc: Any, first: int, last: int) -> Span:
    """The character span of tokens ``first``..``last`` (inclusive)."""
    start = doc[first].idx
    return Span(start, doc[last].idx + len(doc[last].text), doc[first:last + 1].text)


def _singular(token: Any) -> str:
    """A light singular of the counted noun: no lemmatizer runs in the pipeline."""
    word: str = token.lower_
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if token.pos_ == "PRON" or word in _STATES:
        return "person"  # "two of them", "three of the dead"
    if token.tag_ not in ("NNS", "NNPS") or len(word) < 3 or word.endswith(("ss", "us")):
        return word
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word
