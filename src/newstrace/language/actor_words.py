"""Word lists and name tests shared by the in-article alias finder and the cross-article merge.

They encode what the small spaCy model gets wrong in conflict news: transliterated group names
it calls PERSON ("Harakat Sayf al-Furat"), towns it calls ORG ("Albu Kamal"), weapons it
calls ORG ("Warplanes"), outlets it calls PERSON ("Pamir Daily"), and the titles and head
words that tell a person from an organization. Everything here is a pure function of text.
"""

from __future__ import annotations

import re

from newstrace.language.gazetteer_keys import ARTICLES, fold_chars, tiered_keys

# head word (folded) -> actor type; a name carrying one is an organization, whatever ner said
ORG_HEADS: dict[str, str] = {
    **dict.fromkeys((
        "harakat", "harakah", "haraka", "movement", "brigade", "brigades", "front", "jaysh",
        "jaish", "jeish", "kataib", "katib", "liwa", "liwaa", "saraya", "asaib", "ansar",
        "hezbollah", "hizbollah", "hizballah", "militia", "militias", "battalion",
        "battalions", "faction", "resistance", "mujahideen", "jabhat", "tanzim", "army",
        "forces", "guards", "corps", "division", "regiment", "legion", "quwat", "command",
    ), "armed group"),
    **dict.fromkeys(("party", "hizb"), "political party"),
    **dict.fromkeys((
        "council", "authority", "authorities", "commission", "directorate", "office",
        "department", "agency", "administration", "government", "municipality",
        "governorate", "presidency", "cabinet", "bureau", "service", "majlis",
    ), "government"),
    **dict.fromkeys(("ministry", "ministries"), "ministry"),
    **dict.fromkeys(("parliament", "assembly", "senate", "congress", "knesset", "duma",
                     "representatives"), "legislature"),
    "police": "police",
    **dict.fromkeys((
        "university", "institute", "centre", "center", "foundation", "association", "union",
        "syndicate", "society", "observatory", "committee", "organisation", "organization",
        "network", "coalition", "federation", "alliance", "chamber",
    ), "civil society"),
    **dict.fromkeys(("company", "corporation", "corp", "inc", "ltd", "llc", "plc",
                     "holdings", "airlines", "airways"), "company"),
}
MEDIA_HEADS = frozenset({
    "news", "wire", "daily", "times", "post", "courier", "today", "relay", "broadcasting",
    "broadcaster", "tv", "television", "radio", "press", "tribune", "herald", "journal",
    "gazette", "monitor", "telegraph", "express", "channel", "media", "chronicle", "dispatch",
    "magazine", "weekly", "newspaper",
})
"""Last words of outlet names ("Pamir Daily", "Levant Wire", "Meridian News Agency")."""
HEAD_TRANSLATIONS = {
    "harakat": "movement", "harakah": "movement", "haraka": "movement", "jaysh": "army",
    "jaish": "army", "jeish": "army", "liwa": "brigade", "liwaa": "brigade",
    "kataib": "brigade", "katib": "brigade", "brigades": "brigade", "saraya": "brigade",
    "jabhat": "front", "hizb": "party", "tanzim": "organization", "organisation": "organization",
    "majlis": "council", "quwat": "forces", "asaib": "league", "battalions": "battalion",
    "militias": "militia", "ministries": "ministry", "authorities": "authority",
}
"""Arabic head words and plurals -> the English singular, so "the Movement" meets
"Harakat ..." and "the Brigades" meets "Kataib ..."."""
ARABIC_HEADS = frozenset({"harakat", "harakah", "haraka", "jaysh", "jaish", "jeish", "liwa",
                          "liwaa", "kataib", "katib", "saraya", "asaib", "ansar", "jabhat",
                          "tanzim", "hizb", "majlis", "quwat"})
"""Head words that open a name instead of closing it."""
TITLE_WORDS = frozenset({
    "general", "gen", "lieutenant", "lt", "colonel", "col", "major", "maj", "brigadier",
    "brig", "captain", "capt", "sergeant", "sgt", "corporal", "cpl", "private", "pvt",
    "admiral", "adm", "commander", "cmdr", "commodore", "marshal", "field", "staff", "chief",
    "warrant", "officer", "army", "navy", "air", "force", "marine", "rear", "vice",
    "president", "prime", "minister", "foreign", "defence", "defense", "interior", "finance",
    "secretary", "press", "state", "deputy", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "envoy", "special", "senator", "sen", "representative", "rep",
    "congressman", "congresswoman", "governor", "gov", "mayor", "judge", "justice",
    "attorney", "chancellor", "king", "queen", "prince", "princess", "crown", "emir",
    "sheikh", "shaikh", "sultan", "mr", "mrs", "ms", "dr", "prof", "professor", "ayatollah",
    "grand", "imam", "mullah", "mawlawi", "maulvi", "mufti", "pope", "patriarch", "bishop",
    "archbishop", "rabbi", "haji", "hajji", "sayyid", "sayed", "qari", "commissioner",
})
"""Capitalized words of a title in front of a name ("Army Colonel", "Lt. Col.", "Mawlawi")."""
ROLE_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "official", "officials", "officer",
    "commander", "minister", "chief", "head", "director", "leader", "envoy", "mediator",
    "ambassador", "representative", "source", "sources",
})
"""Nouns after an institution that name someone speaking for it ("police spokesman")."""
PLACE_NOUNS = frozenset({
    "valley", "square", "street", "road", "highway", "district", "province", "city", "town",
    "village", "crossing", "bridge", "camp", "airport", "base", "river", "mountain",
    "mountains", "dam", "gate", "neighbourhood", "neighborhood", "quarter", "market",
    "border", "area", "areas", "region", "governorate", "port", "island", "lake", "desert",
    "plain", "hills", "hill", "oasis", "field", "outskirts", "suburb", "countryside",
    "province's", "provinces", "towns", "villages", "cities", "frontier", "corridor",
})
WEAPON_WORDS = frozenset({
    "warplane", "warplanes", "jet", "jets", "drone", "drones", "missile", "missiles",
    "rocket", "rockets", "helicopter", "helicopters", "aircraft", "bomber", "bombers", "tank",
    "tanks", "artillery", "mortar", "mortars", "shell", "shells", "uav", "uavs", "ied",
    "ieds", "rpg", "rpgs", "f-16", "f-16s", "f-35", "f-35s", "himars", "atacms", "shahed",
    "bayraktar", "tb2", "reaper", "reapers", "predator", "grad", "katyusha", "kalibr",
    "iskander", "patriot", "and", "fighter", "fighters", "armed",
})
PLATFORMS = frozenset({"telegram", "x", "twitter", "facebook", "whatsapp", "youtube",
                       "instagram", "tiktok", "signal", "wechat", "weibo", "vk", "truth social"})
GENERIC_WORDS = frozenset({
    "group", "groups", "movement", "militia", "faction", "organisation", "organization",
    "ministry", "government", "authority", "authorities", "directorate", "agency", "office",
    "department", "council", "committee", "army", "military", "forces", "police", "party",
    "channel", "officials", "official", "source", "sources", "spokesman", "spokeswoman",
    "organisers", "organizers", "brigade", "command", "administration", "commission",
    "coalition", "alliance", "front", "senate", "parliament", "regime", "state", "media",
    "residents", "witnesses", "lawmakers", "deputies", "protesters", "fighters",
})
"""Words that name a kind of actor, not one actor: "the group", "the Ministry", "officials"."""
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "wa", "wal", "de",
                            "du", "des", "la", "le", "del", "bin", "ibn", "bint"})
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "deny", "confirm", "claim", "announce", "warn", "write",
    "report", "describe", "insist", "accuse", "urge", "call", "estimate", "allege",
    "acknowledge", "admit", "explain", "note", "argue", "ask", "reply", "respond", "promise",
    "vow", "threaten", "condemn", "blame", "put", "quote", "declare", "reject", "stress",
    "affirm", "post", "tweet", "testify", "predict", "believe", "think", "speak", "comment",
    "charge", "dismiss", "suggest", "mourn", "pledge", "demand", "caution", "recall",
})
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write",
              "written": "write", "thought": "think", "spoke": "speak", "spoken": "speak",
              "put": "put", "puts": "put"}
STATIVE_VERBS = frozenset({
    "be", "is", "are", "was", "were", "been", "being", "'s", "lie", "lies", "lay", "sit",
    "sits", "sat", "share", "shares", "shared", "border", "borders", "remain", "remains",
    "remained", "rely", "relies", "relied", "stretch", "stretches", "cover", "covers",
    "include", "includes", "contain", "contains", "consist", "consists", "rank", "ranks",
    "face", "faces", "suffer", "suffers", "suffered", "host", "hosts", "straddle",
    "straddles", "overlook", "overlooks", "have", "has", "had", "receive", "receives",
    "export", "exports", "import", "imports", "neighbour", "neighbours",
})
"""Verbs whose subject is a place being described, not a state acting ("Iran shares borders")."""

_ACRONYM = re.compile(r"^[A-Z][A-Za-z&\-]{1,9}$")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def verb_base(word: str) -> str:
    """A crude base form of an English verb, enough for the speech-verb test (the pipeline
    runs without its lemmatizer)."""
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", ""), ("d", "")):
        if word.endswith(suffix) and word[:-len(suffix)] + repl in SPEECH_VERBS:
            return word[:-len(suffix)] + repl
    if word.endswith("ing") and word[:-3] + "e" in SPEECH_VERBS:
        return word[:-3] + "e"
    return word


def is_speech_verb(word: str) -> bool:
    """Whether a verb form says someone spoke ("said", "denies", "warning")."""
    return verb_base(word) in SPEECH_VERBS


def is_acronym(text: str) -> bool:
    """ "HSF", "CENTCOM", "MoD": two or more capitals and no more small letters than
    capitals ("Al-Bukamal" is no acronym), no spaces, at most ten characters."""
    compact = text.replace(".", "")
    upper = sum(c.isupper() for c in compact)
    lower = sum(c.islower() for c in compact)
    return bool(_ACRONYM.match(compact)) and upper >= 2 and lower <= upper


def is_foreign_script(text: str) -> bool:
    """True when the text has letters and none of them is Latin ("حركة سيف الفرات")."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(_LATIN_LETTER.match(c) for c in letters)


def name_words(name: str) -> list[str]:
    """Folded words of a name, hyphens split: "Harakat Sayf al-Furat" -> harakat sayf al furat."""
    return fold_chars(name).split()


def significant_words(name: str) -> list[str]:
    """Name words without Arabic articles and function words: what initials are made of."""
    return [w for w in name_words(name) if w not in ARTICLES and w not in FUNCTION_WORDS]


def head_word(name: str) -> str | None:
    """The word that says what kind of organization a name is: the Arabic head in front
    ("Harakat Sayf al-Furat"), the noun before "of" ("Ministry of Defence"), or the last word
    ("Sword of the Euphrates Movement"). None when no known head word is there."""
    words = name_words(name)
    if not words:
        return None
    if words[0] == "the" and len(words) > 1:
        words = words[1:]
    if words[0] in ARABIC_HEADS:
        return words[0]
    for i, word in enumerate(words[1:], 1):
        if word in ("of", "for", "in") and words[i - 1] in ORG_HEADS:
            return words[i - 1]
    return words[-1] if words[-1] in ORG_HEADS else None


def english_head(word: str) -> str:
    """A head word in its English singular: "Harakat" -> "movement"."""
    return HEAD_TRANSLATIONS.get(word, word)


def org_type(name: str) -> str | None:
    """The actor type a name's own words announce, None when they announce nothing."""
    words = name_words(name)
    if (words and words[-1] in MEDIA_HEADS) or "news" in words[-3:]:
        return "media"
    head = head_word(name)
    return ORG_HEADS.get(head) if head else None


def is_generic(name: str) -> bool:
    """A name that can only refer back ("the group", "the Ministry", "officials"), or one
    written all in lower case ("civil defence officials"): never a key across articles."""
    words = name_words(name)
    while words and words[0] in ("the", "a", "an", "its", "their"):
        words = words[1:]
    if not words:
        return True
    if all(w in GENERIC_WORDS or w in FUNCTION_WORDS for w in words):
        return True
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.islower() for c in letters) and not is_foreign_script(name)


def initials_match(name: str, acronym: str, skip_leading: bool = True) -> bool:
    """Whether an acronym abbreviates a name: the initials of its significant words ("HSF" for
    "Harakat Sayf al-Furat"), or clipped words ("CENTCOM" for "US Central Command", "MoD" for
    "Ministry of Defence"). Leading words may be skipped ("US") unless ``skip_leading`` is
    false; a word once started must give its first letter; articles and function words may
    give a letter or none."""
    letters = re.sub(r"[^a-z0-9]", "", acronym.lower())
    words = [w for w in name_words(name) if w]
    if len(letters) < 2 or not words:
        return False
    starts = range(len(words)) if skip_leading else range(1)
    return any(_abbreviates(letters, words[start:], 0) for start in starts)


def _abbreviates(letters: str, words: list[str], used: int) -> bool:
    """Whether ``letters`` abbreviate ``words``; ``used``: words that gave letters so far
    (two at least: one word clipped to any subsequence would match nearly anything)."""
    if not letters:
        return used >= 2 and all(w in ARTICLES or w in FUNCTION_WORDS for w in words)
    if not words:
        return False
    word, rest = words[0], words[1:]
    optional = word in ARTICLES or word in FUNCTION_WORDS
    if optional and _abbreviates(letters, rest, used):
        return True
    if letters[0] != word[0]:
        return False
    for take in range(1, len(letters) + 1):
        if (_is_subsequence(letters[1:take], word[1:])
                and _abbreviates(letters[take:], rest, used + 1)):
            return True
    return False


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def strip_possessive(text: str) -> str:
    """ "Erbil's civil defence directorate" -> "Erbil civil defence directorate"; a plural's
    apostrophe stays ("teachers' coordination committee")."""
    return re.sub(r"(?<=\w)(?:'s|’s)(?=\s|$)", "", text)


INSTITUTION_WORDS = frozenset({
    "house", "representatives", "senate", "parliament", "national", "assembly", "council",
    "supreme", "court", "central", "bank", "foreign", "office", "ministry", "border", "ports",
    "port", "authority", "commission", "general", "directorate", "security", "intelligence",
    "service", "services", "police", "army", "navy", "air", "force", "forces", "guard",
    "presidency", "cabinet", "government", "federal", "state", "customs", "civil", "defence",
    "defense", "interior", "election", "electoral", "high", "independent", "public",
    "prosecution", "judicial", "department", "agency", "administration", "committee",
    "of", "the", "and", "for", "affairs", "finance", "health", "education", "water",
})
"""Words of names that only mean something with their country ("Border Ports Authority")."""
_TRANSLIT_HEADS = {"harakah": "harakat", "haraka": "harakat", "jaish": "jaysh",
                   "jeish": "jaysh", "katib": "kataib", "liwaa": "liwa", "hizbullah": "hezbollah",
                   "hizbollah": "hezbollah", "hizballah": "hezbollah"}


def translit_keys(name: str) -> set[str]:
    """Keys under which transliteration variants of a multi-word name meet ("Harakat Sayf
    al-Furat" = "Harakah Saif al-Furaat"): the gazetteer's vowel-folded key, after the
    Arabic head words are spelled one way. Empty for names of fewer than two significant
    words, which would meet too much."""
    if len(significant_words(name)) < 2 or is_foreign_script(name):
        return set()
    words = [_FINAL_H.sub("", _TRANSLIT_HEADS.get(w, w)) for w in name_words(name)]
    return {key for key, tier in tiered_keys(" ".join(words))[0] if tier == 2}


_FINAL_H = re.compile(r"(?<=[aeiou])h$")
"""Ta marbuta at the end of every word, not only of the name: "Sulaymaniyah police"."""
