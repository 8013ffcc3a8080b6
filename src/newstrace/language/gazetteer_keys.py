"""Name keys: how a place name is normalized so that its spellings in the news meet.

News transliterates the same Arabic, Kurdish, Pashto or Persian name many ways ("Deir ez-Zor",
"Deir al-Zour", "Dayr az Zawr", "Deir Ezzor"). Instead of fuzzy matching (which invents places
from ordinary words), every name is reduced to a few deterministic keys, and a name matches a
surface only when one of their keys is identical. Three tiers, from strong to weak:

* plain keys: casefolded, accents and apostrophes dropped, spaces and hyphens removed, feature
  words ("province", "Governorate of") removed. Two plain keys are produced when the name has
  Arabic articles: one keeping them ("elsalvador") and one without ("salvador"), so that
  "Al-Hasakah" meets "Hasakah" while "El Salvador" still prefers El Salvador over Salvador.
* a vowel-folded key, prefixed "~": every run of vowels becomes "a", doubled letters collapse,
  common consonant spelling pairs merge (q/k, sh/s, kh/h, dh/d, th/t, v/w ...), a final
  ta marbuta "h" and attached articles ("Ezzor") go, and Abu/Albu/Bu meet.
* a consonant skeleton, prefixed "#": the folded key without its vowels (the first letter is
  kept). Folded keys and skeletons shorter than four letters are not made: they match too
  much.

Names in other scripts (Arabic "البوكمال", Cyrillic, CJK) keep one key: their NFC casefolded
form without spaces and punctuation (Arabic also without vowel marks, and a second key without
the article "ال" and without "محافظة"/"منطقة" prefixes).

Every change here changes the index: the on-disk cache name hashes this file.
"""

from __future__ import annotations

import re
import unicodedata

MIN_KEY_LEN = 3
"""Shortest Latin key: two-letter keys ("Of", "Ur") match too much to mean anything."""
MIN_SCRIPT_KEY_LEN = 2
"""Shortest key in other scripts, where two characters are a whole name (东京)."""
MIN_FOLD_LEN = 4
"""Shortest folded key: three-letter folds join unrelated names ("Asia" = "USA" = "asa")."""
MIN_SKELETON_LEN = 4

FOLD_PREFIX = "~"
SKELETON_PREFIX = "#"

ARTICLES = frozenset({
    "al", "el", "il", "ul", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an", "ed",
    "ez", "es", "er", "et", "en", "ud", "ur", "us", "uz", "un",
})
"""Transliterated Arabic articles, dropped when another word follows."""

# feature word -> the feature it announces ("Deir ez-Zor province" is a province)
SUFFIX_FEATURES: dict[str, str] = {
    "province": "province", "governorate": "province", "region": "province",
    "state": "province", "oblast": "province", "prefecture": "province",
    "muhafazah": "province", "wilayah": "province", "wilaya": "province",
    "district": "district", "county": "district", "subdistrict": "district",
    "municipality": "district", "raion": "district", "rayon": "district", "qada": "district",
    "qadaa": "district", "nahiya": "district", "nahiyah": "district", "city": "town",
}
PREFIX_FEATURES: dict[str, str] = {
    "muhafazat": "province", "muhafazah": "province", "mohafazat": "province",
    "wilayat": "province", "qada": "district", "qadaa": "district", "qadha": "district",
    "nahiyat": "district", "nahiyah": "district", "nahiya": "district", "iqlim": "province",
}
"""One-word Arabic administrative prefixes, as in "Muhafazat Dimashq", "Qada' Samarra'"."""
OF_PREFIXES = frozenset({
    "governorate", "province", "district", "city", "region", "county", "municipality", "state",
})
"""Words that announce a feature in front of "of": "Governorate of Idlib", "City of London"."""
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}

_CHAR_MAP = str.maketrans({
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
    "ə": "a", "ǝ": "a", "ħ": "h", "ŋ": "n", "ß": "ss", "ʃ": "sh",
})
_DROPPED = re.compile(r"[.'`´‘’ʿʾʼʻˈˌ′″ʹ\"\u200c\u200d\u0640]")
"""Apostrophes and ayn/hamza marks vanish ("Dar'a" = "Dara"); dots too ("U.S." = "US")."""
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""Combining marks of Latin letters after NFKD (marks of other scripts keep them non-ASCII)."""
_SEPARATORS = re.compile(r"[^\w]+|_")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_PREFIXES = ("محافظة", "منطقة", "قضاء", "ناحية", "مدينة")

# spelling pairs merged in the folded key, applied in this order
_FOLD_PAIRS = (
    ("sch", "s"), ("sh", "s"), ("ch", "s"), ("kh", "h"), ("gh", "g"), ("dh", "d"),
    ("th", "t"), ("ph", "f"), ("dj", "j"), ("zh", "j"), ("ck", "k"), ("q", "k"), ("v", "w"),
    ("x", "ks"),
)
_VOWEL_RUN = re.compile(r"^[aeiou][aeiouyw]*|(?<!^)[aeiouyw]*[aeiou][aeiouyw]*")
"""A run of vowels, with y/w that touch a vowel (diphthongs: "Dayr" = "Deir" = "Dar");
a leading y/w stays a consonant ("Yemen", "Wasit")."""
_DOUBLES = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
"""Ta marbuta: "Hasakah" = "Hasaka", "Hassakeh" = "Hassake"."""
_ATTACHED_ARTICLE = re.compile(r"^[aeu]([tdrzsln])\1(?=\w{2})")
"""An article fused to its sun letter ("Ezzor" = "ez-Zor"), stripped only after the first word."""
_ABU = frozenset({"abu", "abou", "albu", "ebu", "bu"})


def fold_chars(surface: str) -> str:
    """Casefolded, accents stripped, apostrophes dropped, punctuation turned into spaces."""
    if surface.isascii():  # the common case, and five times faster
        text = surface.lower()
    else:
        text = unicodedata.normalize("NFKD", surface).casefold()
        text = _COMBINING.sub("", text).translate(_CHAR_MAP)
    return _SEPARATORS.sub(" ", _DROPPED.sub("", text)).strip()


def _script_keys(surface: str) -> list[str]:
    """Keys of a name in a non-Latin script: its NFC casefolded form without separators."""
    text = unicodedata.normalize("NFC", surface).casefold()
    text = _SEPARATORS.sub(" ", _DROPPED.sub("", text)).strip()
    keys: list[str] = []
    if _ARABIC.search(text):
        text = _ARABIC_MARKS.sub("", text)
        words = text.split()
        if len(words) > 1 and words[0] in _ARABIC_PREFIXES:
            words = words[1:]
        keys.append("".join(words))
        bare = "".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words)
        keys.append(bare)
    else:
        keys.append(text.replace(" ", ""))
    return [k for k in dict.fromkeys(keys) if len(k) >= MIN_SCRIPT_KEY_LEN]


def _strip_feature_words(words: list[str]) -> tuple[list[str], str | None]:
    """Remove "the", "Governorate of", "... province" and the like; return the feature cue."""
    cue: str | None = None
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 2 and words[1] == "of" and words[0] in OF_PREFIXES:
        cue = SUFFIX_FEATURES.get(words[0], "province")
        words = words[2:]
    elif len(words) > 1 and words[0] in PREFIX_FEATURES:
        cue = PREFIX_FEATURES[words[0]]
        words = words[1:]
    for _ in range(2):  # "X District Municipality"
        if len(words) > 1 and words[-1] in SUFFIX_FEATURES:
            cue = cue or SUFFIX_FEATURES[words[-1]]
            words = words[:-1]
    return words, cue


def _words(surface: str) -> tuple[list[str], str | None] | None:
    """The Latin words of a surface and its feature cue, or None for another script."""
    text = fold_chars(surface)
    if _NON_ASCII.search(text):
        return None
    words, cue = _strip_feature_words(text.split())
    if not ABBREVIATIONS.keys().isdisjoint(words[:-1]):
        words = [ABBREVIATIONS.get(w, w) for w in words[:-1]] + words[-1:]
    return words, cue


def _fold(words: list[str]) -> str:
    """The vowel-folded form of article-free words (see the module docstring)."""
    out: list[str] = []
    for i, word in enumerate(words):
        if word in _ABU:
            word = "bu"
        elif i > 0:
            word = _ATTACHED_ARTICLE.sub(r"\1", word)
        out.append(word)
    text = _FINAL_H.sub("", "".join(out))
    for src, dst in _FOLD_PAIRS:
        text = text.replace(src, dst)
    return _DOUBLES.sub(r"\1", _VOWEL_RUN.sub("a", text))


TIERS = ("full", "bare", "fold", "skeleton")
"""Key tiers, strongest first: with articles, without them, vowel-folded, consonant skeleton."""


def tiered_keys(surface: str) -> tuple[list[tuple[str, int]], str | None]:
    """The keys of a surface or name with their tier (an index into TIERS), strongest first,
    and the feature its words announce. Empty when nothing long enough remains."""
    parsed = _words(surface)
    if parsed is None:
        script = _script_keys(surface)
        return [(k, min(i, 1)) for i, k in enumerate(script)], None
    words, cue = parsed
    keys: list[tuple[str, int]] = []
    full = "".join(words)
    if len(full) >= MIN_KEY_LEN:
        keys.append((full, 0))
    bare_words = words
    if not ARTICLES.isdisjoint(words[:-1]):
        bare_words = [w for w in words[:-1] if w not in ARTICLES] + words[-1:]
    bare = "".join(bare_words)
    if len(bare) < MIN_KEY_LEN:
        return keys, cue
    if bare != full:
        keys.append((bare, 1))
    folded = _fold(bare_words)
    if len(folded) >= MIN_FOLD_LEN:
        keys.append((FOLD_PREFIX + folded, 2))
        skeleton = _DOUBLES.sub(r"\1", folded[0] + folded[1:].replace("a", ""))
        if len(skeleton) >= MIN_SKELETON_LEN:
            keys.append((SKELETON_PREFIX + skeleton, 3))
    return keys, cue


def name_key(surface: str) -> list[str]:
    """The normalized keys of a place name, strongest first (see the module docstring).

    >>> name_key("Deir ez-Zor")
    ['deirezzor', 'deirzor', '~darzar', '#drzr']
    """
    return [key for key, _ in tiered_keys(surface)[0]]


def feature_cue(surface: str) -> str | None:
    """The feature a surface announces by its words: "Idlib province" -> "province"."""
    return tiered_keys(surface)[1]
