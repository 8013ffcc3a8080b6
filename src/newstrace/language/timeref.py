"""Time expressions: a DATE or TIME mention resolved to an inclusive date interval.

Candidates come from the parse (spaCy DATE/TIME entities), never from scanning raw text:
dateparser's ``search_dates`` turns "41st" into 1941 and "We" into a date. Each candidate
loses its hedges ("late on", "back in", "mid-", "night") before dateparser sees it, because
dateparser rejects "late on Tuesday" outright; the hedge is kept on the TimeRef.

Decisions (tests/test_timeref.py pins each):

* A bare weekday is the latest such day on or before publication ("Tuesday" in a Tuesday
  article is that day; dateparser would go back a week).
* Numeric dates ("10/11/2026") are day-first: conflict news is mostly written outside the US,
  whose press rarely writes numeric dates in prose. If that reading is after publication and
  month-first is not, month-first wins.
* "the 1990s" is that decade as a year interval; "2019-2020" a year range.
* Durations ("for three years") stay unresolved with a reason; "ago" makes them resolve;
  "the past two weeks" ends on the publication day. "overnight" alone spans the eve and the
  day of publication. Ages, frequencies ("daily"), ordinals ("41st") and bare numbers are no
  points in time: ``find_times`` drops them.
* The anchor is "absolute" when the interval does not move with the base: two distant
  sentinel bases and the publication give the same result.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from newstrace.language.records import Span, TimeRef

NO_PUBLICATION = "relative expression without a publication time"
NOT_A_TIME = "not a point in time"
"""Prefix of the reasons ``find_times`` drops: the NER called it DATE, but it is no time."""
DURATION = "a duration, not a point in time"
VAGUE = "a vague period with no bounds to resolve"
TIME_OF_DAY = "a time of day without a date"
UNRECOGNIZED = "not a recognized date expression"

Interval = tuple[date, date, str]
"""First day, last day (inclusive) and precision."""

_SENTINELS = (datetime(1990, 7, 15, 12), datetime(2040, 2, 20, 12))
_PUB_RANK = {"second": 1, "minute": 1, "hour": 1, "day": 1, "month": 2, "year": 3}
_RESULT_RANK = {"day": 1, "week": 1, "month": 2, "year": 3}
_UNRECORDED = {"on", "in", "at", "of", "during"}
"""Plain prepositions: stripped before parsing but no hedge."""
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "twenty": 20, "thirty": 30}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_UNITS = r"(?:second|minute|hour|day|night|week|month|year|decade|centur(?:y|ie))s?"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)"

_LEAD = re.compile(
    r"^(?:in\s+the\s+(?:early|small|wee)\s+hours\s+of|the\s+(?:early|small|wee)\s+hours\s+of"
    r"|(?:late|early|later|earlier)\s+(?:on|in)|back\s+in|some\s?time\s+in"
    r"|(?:(?:by|at|until|since|before|after|in|towards?)\s+)?the\s+(?:end|start|beginning|middle)"
    r"\s+of|(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+of|spring|summer|autumn|winter"
    r"|mid-|mid|late|early|earlier|later|overnight|around|about|approximately|circa|since|until"
    r"|till|before|after|by|as\s+(?:early|late)\s+as|as\s+of|on|in|at|during|throughout|of|from)"
    r"(?:\s+|(?<=-)\s*)", re.I)
_TRAIL = re.compile(r"\s+(night|evening|morning|afternoon|overnight|at\s+(?:dawn|dusk|noon|"
                    r"midnight)|local\s+time)$", re.I)
_CLOCK = (r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}(?:\s*(?:gmt|utc|hrs|h))?"
          r"|\d{4}\s*(?:gmt|utc|hrs)|noon|midnight|midday|dawn|dusk|daybreak|sunrise|sunset)"
          r"(?:\s+local\s+time)?")
_CLOCK_LEAD = re.compile(rf"^(?:(?:at|about|around|shortly\s+(?:before|after))\s+)?{_CLOCK}"
                         r"\s*,?\s+(?:(?:on|of)\s+)?", re.I)
_CLOCK_TRAIL = re.compile(rf"\s*,?\s+(?:(?:at|about|around)\s+)?{_CLOCK}$", re.I)
_TIME_ONLY = re.compile(rf"^(?:{_CLOCK}|night|evening|morning|afternoon|(?:the\s+)?"
                        r"(?:(?:early|small|wee)\s+|(?:early\s+)?morning\s+)hours)$", re.I)

_AGE = re.compile(rf"\b\d+[-\s]?{_UNITS}[-\s]old\b|^aged?\s+\d+", re.I)
_FREQUENCY = re.compile(r"^(?:daily|weekly|monthly|annual|annually|yearly|nightly|hourly|"
                        r"quarterly|biannual|every\b.*|each\b.*|once\b.*|twice\b.*|per\b.*"
                        rf"|.*\btimes\s+(?:a|per)\s+{_UNITS})$", re.I)
_ORDINAL = re.compile(r"^(?:the\s+)?\d+(?:st|nd|rd|th)$", re.I)
_NUMBER = re.compile(rf"^(?!(?:1\d|20)\d\d$)(?:\d+|{_COUNT})$", re.I)
_VAGUE = re.compile(rf"^(?:(?:the\s+)?(?:past|last|recent|coming|next)\s+)?(?:few|several|many"
                    rf"|couple\s+of|recent)\s+{_UNITS}$", re.I)
_DURATION = re.compile(
    r"^(?:(?:for|over|within|nearly|almost|about|around|more\s+than|less\s+than|at\s+least"
    rf"|up\s+to|some)\s+)*(?:{_COUNT}(?:[-\s]and[-\s]a[-\s]half)?\s+|(?:a\s+)?few\s+|several\s+"
    rf"|many\s+|(?:a\s+)?couple\s+of\s+|(?:hundreds|thousands|dozens)\s+of\s+)?{_UNITS}$", re.I)
_NON_TIMES = ((_AGE, f"{NOT_A_TIME}: an age"), (_FREQUENCY, f"{NOT_A_TIME}: a frequency"),
              (_ORDINAL, f"{NOT_A_TIME}: an ordinal"), (_NUMBER, f"{NOT_A_TIME}: a number"),
              (_VAGUE, VAGUE), (_DURATION, DURATION), (_TIME_ONLY, TIME_OF_DAY))

_DECADE = re.compile(r"^(?:the\s+)?(?:(\d{3})0|'?(\d)0)['’]?s$", re.I)
_YEAR_RANGE = re.compile(r"^(?:between\s+|from\s+)?(\d{4})\s*(?:-|–|—|/|to|and|until|through)"
                         r"\s*(\d{4}|\d{2})$", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")
_DAY_RANGE = re.compile(r"(?<!\d)(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})(?!\d)")
_WEEKDAY = re.compile(r"^(?:(?:this\s+)?past\s+|this\s+)?(mon|tue|wed|thu|fri|sat|sun)"
                      r"(?:day|s|sday|nesday|rsday|r|rs|urday)?\.?$", re.I)
_WEEKEND = re.compile(r"^(?:the\s+|this\s+|last\s+|past\s+|this\s+past\s+)?weekend$", re.I)
_PAST_UNITS = re.compile(r"^(the\s+)?(past|last|previous|preceding)\s+(?:(\S+)\s+)?"
                         r"(hour|day|week|month|year|decade)s?$", re.I)
_SPLIT = re.compile(r"\s+(?:that|when|which|while|where|as)\s+|\s*;\s*", re.I)
_LEFT_HEDGE = re.compile(r"(?:\b(?:(?:late|early|later|earlier)(?:\s+(?:on|in))?|back\s+in"
                         r"|in\s+the\s+(?:early|small|wee)\s+hours\s+of|overnight|since|until)"
                         r"\s+|\bmid-)$", re.I)
_HOURS = re.compile(r"the\s+(?:early|small|wee)\s+hours\b", re.I)
_RIGHT_HEDGE = re.compile(r"^\s+(?:night|evening|morning|afternoon|overnight)\b", re.I)
_MERGE_GAP = re.compile(r"^\s+(?:(?:of|on|at)\s+)?$", re.I)


def _publication(published: str | None, precision: str) -> tuple[datetime, int] | None:
    """The publication as a naive LOCAL wall time and its precision rank.

    Never converted to UTC: an article posted 23:52 +03:00 on the 10th says "tonight" about
    the 10th. When the time of day is unknown the base is the end of the known period, so a
    date of that period counts as past (PREFER_DATES_FROM 'past').
    """
    if not published:
        return None
    rank = _PUB_RANK.get(precision, 9)
    text = published.strip()
    try:
        moment = datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        partial = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", text)
        if partial is None:
            return None
        year, month = int(partial[1]), int(partial[2] or 12)
        rank = max(rank, 2 if partial[2] else 3)
        moment = datetime(year, month, calendar.monthrange(year, month)[1])
    if rank > 1 or precision == "day" or ("T" not in text and " " not in text):
        moment = moment.replace(hour=23, minute=59, second=59)
    return moment, rank


def _clean(text: str) -> str:
    """Whitespace, edge punctuation and a possessive off: "“Tuesday's" is "Tuesday"."""
    core = " ".join(text.split()).strip(" \"'“”‘’«»()[]{},;:!?")
    return re.sub(r"['’]s$", "", core)


def _strip_hedges(core: str) -> tuple[str, str]:
    """Peel qualifiers and clock times off both ends; return the core and the hedge.

    Leading pieces read in order ("since late"), trailing ones after " ... " ("late on ...
    night"); plain prepositions are stripped but not kept.
    """
    lead: list[str] = []
    trail: list[str] = []
    for _ in range(4):
        before = core
        for pattern in (_LEAD, _CLOCK_LEAD):
            match = pattern.match(core)
            if match and core[match.end():].strip(" ,"):
                lead.append(_piece(match[0], pattern is _CLOCK_LEAD))
                core = core[match.end():].strip(" ,")
        for pattern in (_TRAIL, _CLOCK_TRAIL):
            match = pattern.search(core)
            rest = core[:match.start()].strip(" ,").lower() if match else ""
            if match and rest not in ("", "this", "last", "late", "early", "the"):
                trail.insert(0, _piece(match[0], pattern is _CLOCK_TRAIL))
                core = core[:match.start()].strip(" ,")
        if core == before:
            break
    hedge = " ".join(p for p in lead if p)
    tail = " ".join(p for p in trail if p)
    return core, f"{hedge} ... {tail}" if hedge and tail else hedge or tail


def _piece(matched: str, clock: bool) -> str:
    """A stripped qualifier, lower-cased; a clock time without its joining preposition."""
    piece = " ".join(matched.split()).strip(" ,").lower()
    if clock:
        piece = re.sub(r"^(?:at|on|of)\s+|\s+(?:on|of)$", "", piece)
    return "" if piece in _UNRECORDED else piece


def _not_a_time(core: str) -> str | None:
    """Why ``core`` is no time at all, before dateparser reads "41st" as 1941."""
    for pattern, reason in _NON_TIMES:
        if pattern.search(core):
            return reason
    return None


def _decade(core: str, base: datetime) -> Interval | None:
    """"the 1990s"; "the '90s" is the latest such decade not after the base."""
    match = _DECADE.match(core)
    if match is None:
        return None
    first = int(match[1]) * 10 if match[1] else 2000 + int(match[2]) * 10
    first -= 100 if match[2] and first > base.year else 0
    return date(first, 1, 1), date(first + 9, 12, 31), "year"


def _year_range(core: str, base: datetime) -> Interval | None:
    """"2019-2020", "2019/20": from January 1 of the first to December 31 of the last."""
    match = _YEAR_RANGE.match(core)
    first, last = (int(match[1]), int(match[2])) if match else (0, 0)
    last += first - first % 100 if last < 100 else 0
    return (date(first, 1, 1), date(last, 12, 31), "year") if first < last else None


def _numeric(core: str, base: datetime) -> Interval | None:
    """"10/11/2026": day-first, unless invalid, or after the base when month-first is not."""
    match = _NUMERIC.match(core)
    if match is None:
        return None
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    year += 2000 if len(match[4]) == 2 else 0
    valid = [d for d in (_date(year, second, first), _date(year, first, second)) if d]
    fitting = [d for d in valid if d <= base.date()] or valid
    return (fitting[0], fitting[0], "day") if fitting else None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_range(core: str, base: datetime) -> Interval | None:
    """"10-12 November", "Nov. 10-12": the first day through dateparser, the last in its
    month (parsed alone, a last day after the base would go back a year)."""
    match = _DAY_RANGE.search(core)
    if match is None or not re.search(r"[a-z]{3}", core, re.I):
        return None
    first = _dateparser(core[:match.start()] + match[1] + core[match.end():], base)
    last = _date(first[0].year, first[0].month, int(match[2])) if first else None
    return (first[0], last, "day") if first and last and first[0] < last else None


def _weekday(core: str, base: datetime) -> Interval | None:
    """The most recent such weekday on or before the base (dateparser skips the base day)."""
    match = _WEEKDAY.match(core)
    if match is None:
        return None
    wanted = _WEEKDAYS.index(match[1].lower())
    day = base.date() - timedelta(days=(base.weekday() - wanted) % 7)
    return day, day, "day"


def _weekend(core: str, base: datetime) -> Interval | None:
    """The latest Saturday-Sunday begun by the base ("last weekend" on a weekend: the one
    before); "overnight" alone, the night that ended on the publication day, spans two."""
    if core.lower() == "overnight":
        return base.date() - timedelta(days=1), base.date(), "day"
    if not _WEEKEND.match(core):
        return None
    saturday = base.date() - timedelta(days=(base.weekday() - 5) % 7)
    if core.lower().startswith("last") and base.weekday() >= 5:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1), "day"


def _past_units(core: str, base: datetime) -> Interval | None:
    """"the past two weeks": from that long before the publication day up to it ("last
    week" without "the" or a count is the calendar week: dateparser's)."""
    match = _PAST_UNITS.match(core)
    if match is None or not (match[1] or match[3] or match[2].lower() != "last"):
        return None
    word = (match[3] or "one").lower()
    count = _NUMBERS.get(word) or (int(word) if word.isdigit() else 0)
    unit, end = match[4].lower(), base.date()
    if count == 0:
        return None
    if unit in ("hour", "day", "week"):
        start = end - timedelta(days=-(-count * {"hour": 1, "day": 24, "week": 168}[unit] // 24))
    else:
        start = _shift_months(end, -count * {"month": 1, "year": 12, "decade": 120}[unit])
    return start, end, {"hour": "day", "decade": "year"}.get(unit, unit)


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _dateparser(core: str, base: datetime) -> Interval | None:
    """dateparser's date and period (day/week/month/quarter/year) as an interval."""
    data = _parser(base).get_date_data(core)
    if data.date_obj is None:
        return None
    day: date = data.date_obj.date()
    period = data.period
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if period in ("month", "quarter"):
        months = 3 if period == "quarter" else 1
        first = date(day.year, day.month - (day.month - 1) % months, 1)
        return first, _shift_months(first, months) - timedelta(days=1), "month"
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31), "year"
    return day, day, "day"


@lru_cache(maxsize=64)
def _parser(base: datetime) -> Any:
    """One DateDataParser per base, cached for the process.

    dateparser fixes RELATIVE_BASE when a parser is built, so a parser serves one base (one
    article). Building one costs ~20 µs; the slow part (0.15 s, the English locale data) is
    loaded at the first parse and shared process-wide by dateparser itself. Timestamps are
    not parsed: a ten-digit number in news is no Unix time.
    """
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY",
        "PREFER_LOCALE_DATE_ORDER": False, "PARSERS": ["relative-time", "absolute-time"]})


_RESOLVERS: tuple[Callable[[str, datetime], Interval | None], ...] = (
    _decade, _year_range, _numeric, _day_range, _weekday, _weekend, _past_units,
    _dateparser)


@lru_cache(maxsize=8192)
def _interval(core: str, base: datetime) -> Interval | None:
    """The first resolver's interval; out-of-range arithmetic ("the past 5000 years") is none.

    Cached: the sentinel parses that decide the anchor repeat across a whole corpus.
    """
    for resolver in _RESOLVERS:
        try:
            found = resolver(core, base)
        except (ValueError, OverflowError):
            return None
        if found is not None:
            return found
    return None


def resolve_time(text: str, published: str | None, published_precision: str = "day",
                 start: int = 0) -> TimeRef:
    """Resolve one time expression found at ``start`` of an article published ``published``.

    Relative expressions need a publication time precise enough for their own precision
    ("yesterday" needs the day, "last year" only the year); absolute ones resolve alone.
    """
    span = Span(start, start + len(text), text)
    core, hedge = _strip_hedges(_clean(text))
    reason = _not_a_time(core) if core else UNRECOGNIZED
    first = None if reason else _interval(core, _SENTINELS[0])
    if first is None:
        return TimeRef(span, None, None, None, "none", hedge, reason or UNRECOGNIZED)
    absolute = first == _interval(core, _SENTINELS[1])
    publication = _publication(published, published_precision)
    found = _interval(core, publication[0]) if publication else None
    if absolute and found in (None, first):
        return _resolved(span, first, "absolute", hedge)
    if publication is None or found is None:
        reason = NO_PUBLICATION if publication is None else UNRECOGNIZED
        return TimeRef(span, None, None, None, "none", hedge, reason)
    if publication[1] > _RESULT_RANK[found[2]]:
        known = (f"known only to the {published_precision}" if published_precision in _PUB_RANK
                 else "of unknown precision")
        reason = f"relative {found[2]} expression with a publication time {known}"
        return TimeRef(span, None, None, None, "none", hedge, reason)
    return _resolved(span, _clip(found, hedge, publication[0].date()), "published", hedge)


def _clip(found: Interval, hedge: str, published: date) -> Interval:
    """"earlier this month" ends at publication; "later this month" starts there."""
    first, last, precision = found
    words = hedge.split()
    if "earlier" in words and first <= published < last:
        last = published
    if "later" in words and first < published <= last:
        first = published
    return first, last, precision


def _resolved(span: Span, found: Interval, anchor: str, hedge: str) -> TimeRef:
    first, last, precision = found
    return TimeRef(span, first.isoformat(), last.isoformat(), precision, anchor, hedge)


def find_times(doc: Any, published: str | None, published_precision: str = "day"
               ) -> list[TimeRef]:
    """Every time expression of a spaCy Doc, in text order; non-times are dropped.

    Adjacent DATE/TIME entities are merged ("the early hours" of "Sunday"), each candidate
    is widened over hedges the NER left out ("late on" Tuesday), and a run the NER glued
    together ("Nov. 10, 2026 that 10/11/2026") is split at clause words.
    """
    text: str = doc.text
    refs: list[TimeRef] = []
    for begin, end in _candidates(doc):
        for sub_begin, sub_end in _split(text, begin, end):
            ref = resolve_time(text[sub_begin:sub_end], published, published_precision,
                               sub_begin)
            if not ref.reason.startswith(NOT_A_TIME):
                refs.append(ref)
    return refs


def _candidates(doc: Any) -> Iterator[tuple[int, int]]:
    """DATE/TIME entity offsets, merged when adjacent and widened over hedges."""
    text: str = doc.text
    ents = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME"))
    merged: list[list[int]] = []
    for begin, end in ents:
        if merged and _MERGE_GAP.match(text[merged[-1][1]:begin]):
            merged[-1][1] = end
        else:
            merged.append([begin, end])
    previous_end = 0
    for begin, end in merged:
        window = text[max(previous_end, begin - 40):begin]
        left = _LEFT_HEDGE.search(window)
        if left is None and _HOURS.match(text, begin):
            left = re.search(r"\bin\s+$", window, re.I)
        if left:
            begin -= len(left[0])
        right = _RIGHT_HEDGE.match(text[end:])
        if right:
            end += right.end()
        previous_end = end
        yield begin, end


def _split(text: str, begin: int, end: int) -> Iterator[tuple[int, int]]:
    """Sub-spans of a candidate cut at clause words and semicolons, stripped of spaces."""
    cuts = [begin, *(at for m in _SPLIT.finditer(text, begin, end) for at in m.span()), end]
    for cut_begin, cut_end in zip(cuts[::2], cuts[1::2], strict=True):
        chunk = text[cut_begin:cut_end]
        if chunk.strip():
            yield (cut_begin + len(chunk) - len(chunk.lstrip()),
                   cut_begin + len(chunk.rstrip()))
