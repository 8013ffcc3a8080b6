"""The words that attribute: cue verbs with their type, media, hedges and role nouns.

Hand-written lexicons (no lemmatizer runs in the language stage, so every inflected form is
listed by rule). The cue type says what the speaker does with the content: assert it,
report it from others, deny it, confirm it, allege it against someone, or only believe it.
"""

from __future__ import annotations

_TYPED_LEMMAS: dict[str, tuple[str, ...]] = {
    "assert": (
        "say", "tell", "add", "note", "stress", "announce", "state", "explain", "insist",
        "warn", "declare", "write", "tweet", "post", "comment", "reply", "respond", "argue",
        "emphasise", "emphasize", "affirm", "pledge", "promise", "vow", "urge", "ask",
        "describe", "mention", "recall", "repeat", "reiterate", "conclude", "complain",
        "testify", "remark", "predict", "caution", "charge", "counter", "maintain",
        "point", "put", "threaten", "boast", "quip", "answer", "disclose",
        "reveal", "indicate", "signal", "suggest", "concede", "proclaim", "assert",
        "demand", "call", "recount", "specify", "clarify", "observe", "joke", "lament",
        "tout", "brag", "confide", "muse", "acknowledge", "admit", "describe", "criticize",
        "criticise", "endorse", "defend", "propose", "praise", "oppose", "denounce",
        "question", "offer", "continue", "agree", "refuse", "decline", "condemn",
        "welcome", "challenge", "attack", "slam", "blast", "mock", "label", "dub",
    ),
    "report": ("report", "learn", "quote", "cite", "publish", "broadcast", "air", "show",
               "find", "reveal"),
    "deny": ("deny", "reject", "dismiss", "refute", "rebut", "disavow", "dispute",
             "contradict", "disown", "repudiate"),
    "confirm": ("confirm", "verify", "corroborate"),
    "allege": ("claim", "allege", "accuse", "blame", "hold", "contend"),
    "believe": ("think", "believe", "consider", "feel", "estimate", "expect", "fear", "hope",
                "suspect", "doubt", "assume", "guess", "wonder", "worry", "reckon", "know",
                "want", "understand", "calculate", "judge", "anticipate", "speculate", "seem",
                "appear", "plan", "intend", "seek", "aim", "prefer", "support", "favor",
                "favour", "see"),
}
"""Cue lemmas by type. "acknowledge"/"admit" stay asserts (the speaker says it of itself);
"hold" is an allegation only with "responsible" (checked by the extractor)."""

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said", "says", "saying"), "tell": ("told", "tells", "telling"),
    "write": ("wrote", "written", "writes", "writing"), "think": ("thought",),
    "hold": ("held", "holds", "holding"), "put": ("puts", "putting"),
    "feel": ("felt",), "know": ("knew", "known"), "learn": ("learnt",),
    "understand": ("understood",), "broadcast": ("broadcasts", "broadcasting"),
    "find": ("found", "finds", "finding"), "see": ("saw", "seen", "sees", "seeing"),
    "seek": ("sought", "seeks", "seeking"), "show": ("shown",),
}

_DOUBLING = {"admit", "regret", "quip", "rebut", "commit", "omit", "plan", "label"}


def _forms(lemma: str) -> set[str]:
    """The regular inflections of an English verb, with the irregular ones added."""
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    if lemma in ("say", "tell", "write", "hold", "put", "feel", "know", "think",
                 "understand", "broadcast", "find", "see", "seek"):
        return forms | {lemma + "s", lemma + "ing"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma in _DOUBLING:
        forms |= {lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    else:
        suffix = "es" if lemma.endswith(("s", "sh", "ch", "x")) else "s"
        forms |= {lemma + suffix, lemma + "ed", lemma + "ing"}
    return forms


def _index(typed: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for cue_type, lemmas in typed.items():
        for lemma in lemmas:
            for form in _forms(lemma):
                index.setdefault(form, (lemma, cue_type))
    return index


CUE_FORMS = _index(_TYPED_LEMMAS)
"""Inflected form → (lemma, cue type)."""

SPEECH_LEMMAS = frozenset({"say", "tell", "add", "write", "report", "announce", "state",
                           "deny", "confirm", "claim", "tweet", "post", "reply", "respond"})
"""Cues that are unambiguously attributions, even without a clausal complement."""

NOUN_OBJECT_LEMMAS = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "disavow",
                                "dispute", "contradict", "confirm", "verify", "acknowledge",
                                "admit", "accuse", "blame", "hold", "claim", "estimate",
                                "put", "promise", "pledge", "vow", "announce", "report",
                                "disown", "repudiate", "corroborate", "demand", "urge",
                                "threaten", "describe", "criticize", "criticise", "endorse",
                                "defend", "propose", "praise", "oppose", "denounce",
                                "question", "call", "continue", "agree", "refuse", "decline",
                                "condemn", "welcome", "challenge", "slam", "blast", "label",
                                "dub", "want", "plan", "intend", "seek", "hope", "support",
                                "expect", "offer", "recall", "ask"})
"""Cues whose object noun phrase or infinitive is itself the content ("denied any
involvement", "confirmed receiving two bodies", "promised to pay")."""

CITING_FORMS = frozenset({"citing", "quoting"})
ACCORDING = "according"

MEDIUM_NOUNS = frozenset({
    "tweet", "statement", "post", "speech", "interview", "conference", "briefing", "channel",
    "phone", "telephone", "message", "video", "broadcast", "communique", "communiqué",
    "release", "letter", "email", "e-mail", "remarks", "address", "ceremony", "appearance",
    "x", "twitter", "telegram", "facebook", "instagram", "whatsapp", "television", "radio",
    "tv", "blog", "op-ed", "column", "report", "article", "newsletter", "podcast", "call",
    "session", "hearing", "debate", "rally", "sermon", "summit", "meeting", "website",
    "account", "page", "feed", "text", "note",
})
"""Head nouns of a "how it was said" phrase: "in a tweet", "at a briefing", "by phone"."""

MEDIUM_PREPS = frozenset({"in", "on", "at", "by", "via", "during", "through", "over"})

SPEAKER_MEDIA = frozenset({"channel", "account", "feed", "website", "page", "statement"})
"""A speaker whose head is one of these is itself the medium: "a messaging channel"."""

HEDGE_WORDS = frozenset({
    "reportedly", "allegedly", "apparently", "purportedly", "possibly", "perhaps", "maybe",
    "may", "might", "could", "likely", "unlikely", "probably", "speculate", "unclear",
    "unconfirmed", "believed", "appear", "appears", "appeared", "seem", "seems", "seemed",
    "suggest", "indication", "if", "estimate", "estimated", "roughly", "around",
})
"""Words in a cue or its content that weaken the claim ("no indication", "reportedly")."""

HEDGE_PHRASES = ("no indication", "no information", "not going to speculate", "too early",
                 "will believe it when", "cannot confirm", "could not confirm",
                 "not clear", "no evidence", "would judge", "as they promise")

DENIAL_ACTIONS = frozenset({
    "conduct", "conducted", "carry", "carried", "strike", "struck", "launch", "launched",
    "fire", "fired", "target", "targeted", "attack", "attacked", "bomb", "bombed", "shell",
    "shelled", "play", "played", "involve", "involved", "participate", "participated",
    "kill", "killed", "order", "ordered", "operate", "operating", "responsible", "role",
    "part", "hit", "shoot", "shot", "raid", "raided",
})
"""Actions whose negation in a claim denies taking part ("did not conduct any strikes",
"had played no part"), as opposed to a stated absence ("no one was hurt")."""

NEGATIONS = frozenset({"not", "n't", "no", "never", "none", "neither", "nor", "nothing"})

PRONOUNS = {
    "he": "person", "she": "person", "him": "person", "her": "person", "they": "plural",
    "them": "plural", "it": "thing", "we": "plural", "i": "person",
}

ROLE_NOUNS = frozenset({
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister",
    "commander", "channel", "agency", "group", "movement", "militia", "ministry", "military",
    "army", "government", "authority", "authorities", "source", "sources", "directorate",
    "office", "organisers", "organizers", "statement", "president", "diplomat", "diplomats",
    "officer", "police", "mayor", "governor", "committee", "council", "witness", "witnesses",
    "resident", "residents", "company", "campaign", "network", "newspaper", "outlet",
    "station", "broadcaster", "department", "administration", "party", "coalition",
    "alliance", "force", "forces", "chief", "head", "leader", "envoy", "mediator",
    "the man", "the woman",
})
"""Head nouns that, after "the", usually point back at an earlier speaker."""

DETERMINERS_BACK = frozenset({"the", "this", "that", "these", "those"})


def lemma_type(form: str) -> tuple[str, str] | None:
    """(lemma, cue type) of an inflected cue verb, or None."""
    return CUE_FORMS.get(form.lower())

