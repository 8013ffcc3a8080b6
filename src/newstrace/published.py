"""Publication times as sources state them, with their precision and where they came from.

Time of day and zone are kept when given: later stages resolve "late on Tuesday" against
this moment, and a day off at a zone boundary misdates an event. A time the source does not
give is not invented: precision says how much of the value is real.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

_HAS_SECONDS = re.compile(r"\d{1,2}:\d{2}:\d{2}")
_HAS_MINUTES = re.compile(r"\d{1,2}:\d{2}")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|$|[-_])")


def _precision_of(raw: str, has_time: bool) -> str:
    if not has_time:
        return "day"
    if _HAS_SECONDS.search(raw):
        return "second"
    return "minute"


def _format(moment: datetime, precision: str) -> str:
    if precision == "day":
        return moment.date().isoformat()
    if precision == "month":
        return moment.strftime("%Y-%m")
    spec = "seconds" if precision == "second" else "minutes"
    return moment.isoformat(timespec=spec)


def parse_published(raw: str | None) -> tuple[str | None, str]:
    """(ISO 8601 value, precision) of a date string, or (None, "unknown") if it is no date."""
    if not raw or not raw.strip():
        return None, "unknown"
    text = raw.strip()[:100]
    iso = _parse_iso(text)
    if iso:
        return iso
    try:
        moment = parsedate_to_datetime(text)
        return _format(moment, _precision_of(text, True)), _precision_of(text, True)
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_free(text)


def _parse_iso(text: str) -> tuple[str, str] | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    has_time = len(candidate) > 10
    precision = _precision_of(candidate, has_time)
    return _format(moment, precision), precision


@lru_cache(maxsize=1)
def _date_parser() -> Any:
    import dateparser  # late: its import costs about a second

    # No relative-time parser: "3 hours ago" in a scraped header says nothing about when the
    # article was published, only about when it was scraped, and must not become today.
    return dateparser.date.DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"],
            "PARSERS": ["timestamp", "custom-formats", "absolute-time", "no-spaces-time"],
        },
    )


def _parse_free(text: str) -> tuple[str | None, str]:
    cleaned = re.sub(r"\s+[-–—|,]\s+", " ", text)
    try:
        data = _date_parser().get_date_data(cleaned)
    except (ValueError, OverflowError, TypeError):
        return None, "unknown"
    moment = data.date_obj if data else None
    if moment is None or moment.year < 1900:
        return None, "unknown"
    period = data.period or "day"
    if _HAS_MINUTES.search(cleaned):
        precision = _precision_of(cleaned, True)
    elif period == "year":  # dateparser fills in today's month; the source gave none
        return f"{moment.year:04d}", "year"
    elif period == "month":
        precision = "month"
    else:
        precision = "day"
    return _format(moment, precision), precision


def published_from_url(url: str | None) -> tuple[str | None, str]:
    """A day from a dated URL path such as /2026/11/12/, the last resort before none."""
    if not url:
        return None, "unknown"
    match = _URL_DATE.search(url)
    if not match:
        return None, "unknown"
    try:
        moment = datetime(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None, "unknown"
    return moment.date().isoformat(), "day"
