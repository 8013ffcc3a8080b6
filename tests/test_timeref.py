"""Time expressions: the resolution table, the unresolved cases, and find_times over a parse."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.language.nlp import load_nlp
from newstrace.language.timeref import (
    DURATION,
    NO_PUBLICATION,
    NOT_A_TIME,
    TIME_OF_DAY,
    UNRECOGNIZED,
    VAGUE,
    find_times,
    resolve_time,
)

TUE = "2026-11-10T23:52:00+03:00"
"""Tuesday 10 November 2026, late evening, local time three hours ahead of UTC."""
WED = "2026-11-11T10:00:00+00:00"
SUN = "2026-03-01T08:00:00-05:00"
"""Sunday 1 March 2026: weeks and months across a month boundary."""
FRI = "2026-01-02T09:00:00+01:00"
"""Friday 2 January 2026: relative expressions across a year boundary."""
SAT = "2026-11-14T12:00:00Z"
DAY_ONLY = "2026-11-10"
EARLY_LOCAL = "2026-11-11T01:30:00+03:00"
"""The 11th locally, still the 10th in UTC."""
LATE_LOCAL = "2026-11-10T23:30:00-05:00"
"""The 10th locally, already the 11th in UTC."""

# text, published, publication precision, start, end, precision, anchor, hedge
RESOLVED: list[tuple[str, str | None, str, str, str, str, str, str]] = [
    # weekdays: the latest such day on or before publication, the same day included
    ("Tuesday", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("on Tuesday", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("late on Tuesday", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published",
     "late on"),
    ("early Wednesday", TUE, "minute", "2026-11-04", "2026-11-04", "day", "published", "early"),
    ("Wednesday", WED, "minute", "2026-11-11", "2026-11-11", "day", "published", ""),
    ("Tuesday", WED, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("Monday", TUE, "minute", "2026-11-09", "2026-11-09", "day", "published", ""),
    ("on Monday night", TUE, "minute", "2026-11-09", "2026-11-09", "day", "published", "night"),
    ("Monday evening", TUE, "minute", "2026-11-09", "2026-11-09", "day", "published",
     "evening"),
    ("in the early hours of Sunday", TUE, "minute", "2026-11-08", "2026-11-08", "day",
     "published", "in the early hours of"),
    ("Saturday's", TUE, "minute", "2026-11-07", "2026-11-07", "day", "published", ""),
    ("Tues.", WED, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("last Tuesday", WED, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("about 3 a.m. on Tuesday", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published",
     "about 3 a.m."),
    ("Tuesday at 3 p.m.", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published",
     "3 p.m."),
    ("late on Monday night", TUE, "minute", "2026-11-09", "2026-11-09", "day", "published",
     "late on ... night"),
    ("Sunday", SUN, "minute", "2026-03-01", "2026-03-01", "day", "published", ""),
    ("Saturday", SUN, "minute", "2026-02-28", "2026-02-28", "day", "published", ""),
    ("Friday", FRI, "minute", "2026-01-02", "2026-01-02", "day", "published", ""),
    # days relative to publication
    ("today", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("yesterday", TUE, "minute", "2026-11-09", "2026-11-09", "day", "published", ""),
    ("tonight", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("this morning", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("last night", TUE, "minute", "2026-11-09", "2026-11-09", "day", "published", ""),
    ("yesterday morning", TUE, "minute", "2026-11-09", "2026-11-09", "day", "published",
     "morning"),
    ("overnight", TUE, "minute", "2026-11-09", "2026-11-10", "day", "published", ""),
    ("three days ago", TUE, "minute", "2026-11-07", "2026-11-07", "day", "published", ""),
    ("yesterday", SUN, "minute", "2026-02-28", "2026-02-28", "day", "published", ""),
    ("today", DAY_ONLY, "day", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("tonight", DAY_ONLY, "day", "2026-11-10", "2026-11-10", "day", "published", ""),
    # local wall time of publication, never UTC
    ("tonight", EARLY_LOCAL, "minute", "2026-11-11", "2026-11-11", "day", "published", ""),
    ("today", LATE_LOCAL, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("Tuesday", LATE_LOCAL, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    # weeks: Monday..Sunday
    ("last week", TUE, "minute", "2026-11-02", "2026-11-08", "week", "published", ""),
    ("this week", TUE, "minute", "2026-11-09", "2026-11-15", "week", "published", ""),
    ("earlier this week", TUE, "minute", "2026-11-09", "2026-11-10", "week", "published",
     "earlier"),
    ("last week", SUN, "minute", "2026-02-16", "2026-02-22", "week", "published", ""),
    ("this week", SUN, "minute", "2026-02-23", "2026-03-01", "week", "published", ""),
    ("last week", FRI, "minute", "2025-12-22", "2025-12-28", "week", "published", ""),
    ("the past two weeks", TUE, "minute", "2026-10-27", "2026-11-10", "week", "published", ""),
    ("the past week", TUE, "minute", "2026-11-03", "2026-11-10", "week", "published", ""),
    ("the past 24 hours", TUE, "minute", "2026-11-09", "2026-11-10", "day", "published", ""),
    ("the weekend", TUE, "minute", "2026-11-07", "2026-11-08", "day", "published", ""),
    ("the weekend", SAT, "minute", "2026-11-14", "2026-11-15", "day", "published", ""),
    ("last weekend", SAT, "minute", "2026-11-07", "2026-11-08", "day", "published", ""),
    # months
    ("June", TUE, "minute", "2026-06-01", "2026-06-30", "month", "published", ""),
    ("back in June", TUE, "minute", "2026-06-01", "2026-06-30", "month", "published",
     "back in"),
    ("mid-October", TUE, "minute", "2026-10-01", "2026-10-31", "month", "published", "mid-"),
    ("November", TUE, "minute", "2026-11-01", "2026-11-30", "month", "published", ""),
    ("December", TUE, "minute", "2025-12-01", "2025-12-31", "month", "published", ""),
    ("December", SUN, "minute", "2025-12-01", "2025-12-31", "month", "published", ""),
    ("earlier this month", TUE, "minute", "2026-11-01", "2026-11-10", "month", "published",
     "earlier"),
    ("later this month", TUE, "minute", "2026-11-10", "2026-11-30", "month", "published",
     "later"),
    ("this month", TUE, "minute", "2026-11-01", "2026-11-30", "month", "published", ""),
    ("last month", SUN, "minute", "2026-02-01", "2026-02-28", "month", "published", ""),
    ("three months ago", TUE, "minute", "2026-08-01", "2026-08-31", "month", "published", ""),
    ("the end of October", TUE, "minute", "2026-10-01", "2026-10-31", "month", "published",
     "the end of"),
    ("June", "2026-11", "month", "2026-06-01", "2026-06-30", "month", "published", ""),
    ("June 2019", None, "day", "2019-06-01", "2019-06-30", "month", "absolute", ""),
    ("Q3 2026", TUE, "minute", "2026-07-01", "2026-09-30", "month", "absolute", ""),
    # years and decades
    ("this year", TUE, "minute", "2026-01-01", "2026-12-31", "year", "published", ""),
    ("last year", TUE, "minute", "2025-01-01", "2025-12-31", "year", "published", ""),
    ("last year", FRI, "minute", "2025-01-01", "2025-12-31", "year", "published", ""),
    ("earlier this year", TUE, "minute", "2026-01-01", "2026-11-10", "year", "published",
     "earlier"),
    ("this year", "2026", "year", "2026-01-01", "2026-12-31", "year", "published", ""),
    ("Two decades ago", TUE, "minute", "2006-01-01", "2006-12-31", "year", "published", ""),
    ("in 2019", TUE, "minute", "2019-01-01", "2019-12-31", "year", "absolute", ""),
    ("2019", None, "day", "2019-01-01", "2019-12-31", "year", "absolute", ""),
    ("since 2019", TUE, "minute", "2019-01-01", "2019-12-31", "year", "absolute", "since"),
    ("late 2025", TUE, "minute", "2025-01-01", "2025-12-31", "year", "absolute", "late"),
    ("mid-2019", TUE, "minute", "2019-01-01", "2019-12-31", "year", "absolute", "mid-"),
    ("back in 2014", TUE, "minute", "2014-01-01", "2014-12-31", "year", "absolute", "back in"),
    ("summer 2025", TUE, "minute", "2025-01-01", "2025-12-31", "year", "absolute", "summer"),
    ("2019-2020", TUE, "minute", "2019-01-01", "2020-12-31", "year", "absolute", ""),
    ("2019/20", None, "day", "2019-01-01", "2020-12-31", "year", "absolute", ""),
    ("the 1990s", TUE, "minute", "1990-01-01", "1999-12-31", "year", "absolute", ""),
    ("the 1990s", None, "day", "1990-01-01", "1999-12-31", "year", "absolute", ""),
    ("the past decade", TUE, "minute", "2016-11-10", "2026-11-10", "year", "published", ""),
    # absolute days, and days that need the publication year
    ("10 November 2026", TUE, "minute", "2026-11-10", "2026-11-10", "day", "absolute", ""),
    ("10 November 2026", None, "day", "2026-11-10", "2026-11-10", "day", "absolute", ""),
    ("Nov. 10, 2026", TUE, "minute", "2026-11-10", "2026-11-10", "day", "absolute", ""),
    ("Tuesday, Nov. 10, 2026", None, "day", "2026-11-10", "2026-11-10", "day", "absolute", ""),
    ("2026-11-09", None, "day", "2026-11-09", "2026-11-09", "day", "absolute", ""),
    ("Nov. 10", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("November 10", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("November 12", TUE, "minute", "2025-11-12", "2025-11-12", "day", "published", ""),
    ("5 May", TUE, "minute", "2026-05-05", "2026-05-05", "day", "published", ""),
    ("Dec. 31", FRI, "minute", "2025-12-31", "2025-12-31", "day", "published", ""),
    ("Tuesday, Nov. 10", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("10-12 November 2026", None, "day", "2026-11-10", "2026-11-12", "day", "absolute", ""),
    ("Nov. 3-5", TUE, "minute", "2026-11-03", "2026-11-05", "day", "published", ""),
    # numeric dates: day-first, month-first only when day-first is after publication
    ("10/11/2026", TUE, "minute", "2026-11-10", "2026-11-10", "day", "absolute", ""),
    ("10/11/2026", None, "day", "2026-11-10", "2026-11-10", "day", "absolute", ""),
    ("10/11/2026", "2026-10-12", "day", "2026-10-11", "2026-10-11", "day", "published", ""),
    ("11/13/2026", None, "day", "2026-11-13", "2026-11-13", "day", "absolute", ""),
    ("13.11.2026", None, "day", "2026-11-13", "2026-11-13", "day", "absolute", ""),
    # unbalanced quotes and brackets around the expression
    ("“Tuesday", TUE, "minute", "2026-11-10", "2026-11-10", "day", "published", ""),
    ("(last week", TUE, "minute", "2026-11-02", "2026-11-08", "week", "published", ""),
]

# text, published, publication precision, reason
UNRESOLVED: list[tuple[str, str | None, str, str]] = [
    ("Tuesday", None, "day", NO_PUBLICATION),
    ("yesterday", None, "day", NO_PUBLICATION),
    ("last week", None, "day", NO_PUBLICATION),
    ("June", None, "day", NO_PUBLICATION),
    ("Nov. 10", None, "day", NO_PUBLICATION),
    ("three days ago", None, "day", NO_PUBLICATION),
    ("yesterday", "2026-11", "month",
     "relative day expression with a publication time known only to the month"),
    ("Tuesday", "2026-11-10T12:00:00", "month",
     "relative day expression with a publication time known only to the month"),
    ("June", "2026", "year",
     "relative month expression with a publication time known only to the year"),
    ("June", TUE, "unknown",
     "relative month expression with a publication time of unknown precision"),
    ("Tuesday", "not a date", "minute", NO_PUBLICATION),
    ("for three years", TUE, "minute", DURATION),
    ("two decades", TUE, "minute", DURATION),
    ("24 hours", TUE, "minute", DURATION),
    ("a year", TUE, "minute", DURATION),
    ("the past few days", TUE, "minute", VAGUE),
    ("recent weeks", TUE, "minute", VAGUE),
    ("about 3 a.m.", TUE, "minute", TIME_OF_DAY),
    ("the early hours", TUE, "minute", TIME_OF_DAY),
    ("evening", TUE, "minute", TIME_OF_DAY),
    ("Christmas", TUE, "minute", UNRECOGNIZED),
    ("the past 5000 years", TUE, "minute", UNRECOGNIZED),
    ("0000-0001", None, "day", UNRECOGNIZED),
    ("", TUE, "minute", UNRECOGNIZED),
    ("52-year-old", TUE, "minute", f"{NOT_A_TIME}: an age"),
    ("daily", TUE, "minute", f"{NOT_A_TIME}: a frequency"),
    ("annual", TUE, "minute", f"{NOT_A_TIME}: a frequency"),
    ("twice a year", TUE, "minute", f"{NOT_A_TIME}: a frequency"),
    ("41st", TUE, "minute", f"{NOT_A_TIME}: an ordinal"),
    ("seven", TUE, "minute", f"{NOT_A_TIME}: a number"),
]


@pytest.mark.parametrize(("text", "published", "pub_precision", "start", "end", "precision",
                          "anchor", "hedge"), RESOLVED)
def test_resolved(text: str, published: str | None, pub_precision: str, start: str, end: str,
                  precision: str, anchor: str, hedge: str) -> None:
    ref = resolve_time(text, published, pub_precision)
    assert (ref.start, ref.end, ref.precision, ref.anchor, ref.hedge, ref.reason) == (
        start, end, precision, anchor, hedge, "")


@pytest.mark.parametrize(("text", "published", "pub_precision", "reason"), UNRESOLVED)
def test_unresolved(text: str, published: str | None, pub_precision: str, reason: str) -> None:
    ref = resolve_time(text, published, pub_precision)
    assert (ref.start, ref.end, ref.precision, ref.anchor, ref.reason) == (
        None, None, None, "none", reason)


def test_table_size() -> None:
    assert len(RESOLVED) + len(UNRESOLVED) >= 60
    assert len(RESOLVED) >= 60


def test_span_offsets() -> None:
    ref = resolve_time("late on Tuesday", TUE, "minute", start=40)
    assert (ref.span.start, ref.span.end, ref.span.text) == (40, 55, "late on Tuesday")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 /-.,'“(ayJunoTesdlhrwkm")),
               max_size=24))
def test_never_raises(text: str) -> None:
    ref = resolve_time(text, TUE, "minute", start=3)
    assert ref.span.end - ref.span.start == len(text)
    if ref.start is not None:
        assert ref.end is not None and ref.start <= ref.end and ref.reason == ""
    else:
        assert ref.anchor == "none" and ref.reason


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def _found(refs: list[Any]) -> list[tuple[str, str | None, str | None, str | None, str, str]]:
    return [(r.span.text, r.start, r.end, r.precision, r.anchor, r.hedge) for r in refs]


def test_find_times_hedges_left_out_by_the_ner(nlp: Any) -> None:
    text = ("The group said the strikes happened late on Tuesday near the town. "
            "Similar strikes hit the area back in June.")
    refs = find_times(nlp(text), TUE, "minute")
    assert _found(refs) == [
        ("late on Tuesday", "2026-11-10", "2026-11-10", "day", "published", "late on"),
        ("back in June", "2026-06-01", "2026-06-30", "month", "published", "back in"),
    ]
    assert all(text[r.span.start:r.span.end] == r.span.text for r in refs)


def test_find_times_merges_and_drops(nlp: Any) -> None:
    text = ("In the early hours of Sunday, drones struck the depot. The army has fought the "
            "group for three years, and daily shelling left a 52-year-old dead. Residents said "
            "the attack began at about 3 a.m. on Tuesday. On Monday evening a convoy was hit.")
    refs = find_times(nlp(text), TUE, "minute")
    found = {r.span.text: r for r in refs}
    assert found["In the early hours of Sunday"].start == "2026-11-08"
    assert found["In the early hours of Sunday"].hedge == "in the early hours of"
    assert found["three years"].reason == DURATION
    assert found["about 3 a.m. on Tuesday"].start == "2026-11-10"
    assert found["Monday evening"].start == "2026-11-09"
    assert not any(r.reason.startswith(NOT_A_TIME) for r in refs)
    assert "daily" not in found and "52-year-old" not in found
    assert all(text[r.span.start:r.span.end] == r.span.text for r in refs)


def test_find_times_splits_a_glued_entity(nlp: Any) -> None:
    text = ("The ministry said on Nov. 10, 2026 that 10/11/2026 was the date; talks set for "
            "2019-2020 collapsed. The past two weeks saw heavy fighting, as did earlier this "
            "year, and this week.")
    refs = find_times(nlp(text), TUE, "minute")
    assert _found(refs) == [
        ("Nov. 10, 2026", "2026-11-10", "2026-11-10", "day", "absolute", ""),
        ("10/11/2026", "2026-11-10", "2026-11-10", "day", "absolute", ""),
        ("2019-2020", "2019-01-01", "2020-12-31", "year", "absolute", ""),
        ("The past two weeks", "2026-10-27", "2026-11-10", "week", "published", ""),
        ("earlier this year", "2026-01-01", "2026-11-10", "year", "published", "earlier"),
        ("this week", "2026-11-09", "2026-11-15", "week", "published", ""),
    ]


def test_find_times_without_publication(nlp: Any) -> None:
    text = "Last night the town was shelled, as it was in the 1990s and on 10 November 2026."
    refs = find_times(nlp(text), None)
    by_text = {r.span.text: r for r in refs}
    assert by_text["Last night"].reason == NO_PUBLICATION
    assert (by_text["the 1990s"].start, by_text["the 1990s"].end) == ("1990-01-01", "1999-12-31")
    assert by_text["10 November 2026"].anchor == "absolute"


def test_find_times_ordinal_date_entity_is_dropped(nlp: Any) -> None:
    from spacy.tokens import Span as SpacySpan

    doc = nlp("Commanders of the 41st said the fighting ended on Tuesday.")
    ordinal = next(t.i for t in doc if t.text == "41st")
    tuesday = next(t.i for t in doc if t.text == "Tuesday")
    doc.ents = [SpacySpan(doc, ordinal, ordinal + 1, label="DATE"),
                SpacySpan(doc, tuesday, tuesday + 1, label="DATE")]
    assert _found(find_times(doc, TUE, "minute")) == [
        ("Tuesday", "2026-11-10", "2026-11-10", "day", "published", ""),
    ]


def test_find_times_empty_and_unbalanced(nlp: Any) -> None:
    assert find_times(nlp(""), TUE, "minute") == []
    text = "He said “the attack came late on Tuesday (local time, and [then"
    refs = find_times(nlp(text), TUE, "minute")
    assert refs and refs[0].start == "2026-11-10"
    assert all(text[r.span.start:r.span.end] == r.span.text for r in refs)
