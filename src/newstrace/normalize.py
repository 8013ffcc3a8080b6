"""Normalized article text, content hashes, datelines and language.

Every later stage keeps character offsets into the normalized text, so normalization is
defined once here: Unicode NFC, control and zero-width characters removed, runs of spaces
folded, paragraphs kept and separated by exactly one blank line. Quote marks and spellings
are left as published: they are evidence (house style tells copies apart).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from newstrace.records import Dateline

_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u200c\u200d\u2060\ufeff]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PARA_SPLIT = re.compile(r"\n[ \t]*\n\s*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def normalize_text(text: str) -> str:
    """The canonical text every offset refers to.

    Where the text has blank lines, they separate paragraphs and single newlines are soft
    wraps (hand-typed text); where it has none, each line is a paragraph (extractors, feeds
    and scrapers write one paragraph a line).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    # Invisible characters go before composing: a zero-width joiner between a letter and
    # its accent would otherwise keep them apart until a second pass.
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    paragraph_per_line = _BLANK_LINE.search(text.strip()) is None
    blocks = text.split("\n") if paragraph_per_line else _PARA_SPLIT.split(text)
    paragraphs = []
    for block in blocks:
        para = _SPACES.sub(" ", block.replace("\n", " ")).strip()
        if para:
            paragraphs.append(para)
    return "\n\n".join(paragraphs)


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3})      # TEHRAN, AL-BUKAMAL
    (?:,\s*(?P<region>[A-Z][A-Za-z.'’\-]+(?:\s+[A-Z][A-Za-z.'’\-]+){0,2}))?  # , Afghanistan
    (?:,?\s*""" + _MONTH + r"""\s+\d{1,2}(?:,\s*\d{4})?)?               # , Nov. 3
    \s*(?:\((?P<agency>[^()\n]{1,40})\))?                               # (AP)
    \s*(?:[–—]|-{1,2}|:)\s+""",
    re.VERBOSE,
)


def find_dateline(text: str) -> Dateline | None:
    """The wire dateline a body opens with, e.g. `TEHRAN (Agency) –` or `KABUL, Afghanistan —`.

    The place must be in capitals, as wire style writes it; that keeps ordinary sentences
    ("US forces said - ...") from being read as datelines.
    """
    match = _DATELINE.match(text[:200])
    if not match:
        return None
    place = match.group("place").strip(" .")
    if len(place.replace(" ", "")) < 3 or not any(ch.isalpha() for ch in place):
        return None
    colon_only = match.group(0).rstrip().endswith(":")
    if colon_only and not match.group("agency") and not match.group("region"):
        return None
    region = match.group("region")
    if region:
        place = f"{place}, {region}"
    agency = match.group("agency")
    return Dateline(place=place, agency=agency.strip() if agency else None, start=0,
                    end=match.end())


# Function words no other language written in Latin script uses this often.
_ENGLISH_WORDS = frozenset((
    "the", "and", "of", "that", "with", "was", "were", "said", "from", "which", "this",
    "have", "has", "been", "their", "would", "its", "by", "for", "are", "is", "on", "it",
))
_WORD = re.compile(r"[^\W\d_]+")
ENGLISH_SHARE = 0.15  # English news prose runs 0.18-0.3; Dutch 0.09, French 0.03


def _clearly_english(sample: str) -> bool:
    """True when English function words make up 15% of the words or more.

    A fast path for the common case: py3langid costs about 1 ms a text and 100 MB of model.
    """
    words = _WORD.findall(sample.lower())
    if len(words) < 40:
        return False
    return sum(w in _ENGLISH_WORDS for w in words) / len(words) >= ENGLISH_SHARE


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = text[:1500]  # enough for a confident call; langid's cost grows with length
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    if _clearly_english(sample):
        return "en"
    import py3langid as langid  # imported late: loading its model costs ~0.3 s

    code, _score = langid.classify(sample)
    return str(code)
