"""Word tokens with offsets, keyed so that house-style and transliteration edits still match.

A copy rarely keeps every character: "US" becomes "U.S.", "Deir ez-Zor" becomes
"Deir al-Zour", straight quotes turn curly. Matching is done on token keys that fold these
differences away; offsets stay on the original normalized text, so every passage points at
what the article really says.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"\w+(?:[.’'\-]\w+)*", re.UNICODE)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ash|as|az|ar|at|an|ez|es|ed|en|er|et|ul|il)[-’']")
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLES = re.compile(r"(.)\1+")
_ROMANIZE = str.maketrans({"q": "k", "c": "k", "w": "u", "j": "g"})


@dataclass(frozen=True)
class Tokens:
    """An article's tokens: match keys and the character span of each token."""

    keys: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lead: tuple[int, ...]  # start, moved back over punctuation attached to the token
    trail: tuple[int, ...]  # end, moved on over punctuation attached to the token

    def __len__(self) -> int:
        return len(self.keys)

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens first..last-1, with the punctuation that clings to them
        (an opening quote before, a full stop or closing quote after)."""
        return self.lead[first], self.trail[last - 1]

    def token_at(self, char: int) -> int:
        """Index of the first token that ends after `char`."""
        lo, hi = 0, len(self.ends)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.ends[mid] <= char:
                lo = mid + 1
            else:
                hi = mid
        return lo


@lru_cache(maxsize=200_000)
def token_key(word: str) -> str:
    """The match key of a word.

    Lower-case words are compared as they are (apart from case, accents and inner
    punctuation). Names, which carry a capital, are reduced to a consonant skeleton with
    Arabic article prefixes removed, so Daraa/Deraa/Dar'a and Deir ez-Zor/Deir al-Zour
    share keys.
    """
    folded = unicodedata.normalize("NFKD", word)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    is_name = any(ch.isupper() for ch in folded)
    lower = folded.lower()
    if not is_name:
        return _NON_ALNUM.sub("", lower) or lower
    stripped = _ARTICLE_PREFIX.sub("", lower)
    plain = _NON_ALNUM.sub("", stripped) or lower
    if plain.isdigit() or len(plain) <= 2:
        return plain
    romanized = plain.translate(_ROMANIZE)
    first = "a" if romanized[0] in "aeiouy" else romanized[0]
    return first + _DOUBLES.sub(r"\1", _VOWELS.sub("", romanized[1:]))


_CLING_BEFORE = re.compile(r"[“‘«\"'(\[]+$")
_CLING_AFTER = re.compile(r"[.,;:!?”’»\"')\]…]+")


def tokenize(text: str) -> Tokens:
    keys, starts, ends, lead, trail = [], [], [], [], []
    for match in _TOKEN.finditer(text):
        keys.append(token_key(match.group()))
        start, end = match.start(), match.end()
        starts.append(start)
        ends.append(end)
        before = _CLING_BEFORE.search(text, max(0, start - 4), start)
        lead.append(before.start() if before else start)
        after = _CLING_AFTER.match(text, end, end + 4)
        trail.append(after.end() if after else end)
    return Tokens(tuple(keys), tuple(starts), tuple(ends), tuple(lead), tuple(trail))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of a normalized text (separated by blank lines)."""
    spans, start = [], 0
    for part in text.split("\n\n"):
        spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans
