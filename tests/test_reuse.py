"""Reuse: alignment under edits and reorders, direction evidence, chains, boilerplate, quotes."""

from __future__ import annotations

from newstrace.reuse.align import align
from newstrace.reuse.boilerplate import masked_spans, outlet_boilerplate
from newstrace.reuse.chains import LinkView, build_chains
from newstrace.reuse.direction import ArticleSide, decide
from newstrace.reuse.quotes import quote_spans
from newstrace.reuse.tokens import token_key, tokenize

LEAD = ("Three vehicles belonging to an armed group were hit by four missiles fired from "
        "foreign jets late on Tuesday near the town of Al-Bukamal in Deir ez-Zor province, "
        "the group's Telegram channel said on Wednesday.")
DENIAL = ('The US military denied any involvement. "US forces did not conduct any strikes in '
          'Abu Kamal on November 10," US Central Command said in a post on X.')
BACKGROUND = ("Al-Bukamal sits on the Euphrates River opposite the Iraqi town of Al-Qaim and "
              "has been a crossing point for fighters and goods for more than a decade.")
OWN = ("A resident reached by phone said he heard loud explosions after midnight and saw "
       "smoke rising from a road south of the town until the early morning hours.")


def spans(a: str, b: str) -> list[tuple[str, str, float]]:
    ta, tb = tokenize(a), tokenize(b)
    out = []
    for al in align(ta, tb):
        sa, sb = ta.char_span(al.a_start, al.a_end), tb.char_span(al.b_start, al.b_end)
        out.append((a[sa[0]:sa[1]], b[sb[0]:sb[1]], al.similarity))
    return out


def test_transliteration_and_house_style_share_keys():
    assert token_key("US") == token_key("U.S.") == "us"
    assert token_key("Daraa") == token_key("Deraa") == token_key("Dar'a")
    assert token_key("ez-Zor") == token_key("al-Zour")
    assert token_key("Idlib") == token_key("Edlib")
    assert token_key("Hasakah") == token_key("Hassakeh")
    assert token_key("said") != token_key("sad")  # lower-case words are not skeletonised


def test_whole_copy_with_house_style_edits_aligns_at_full_similarity():
    source = f"{LEAD}\n\n{DENIAL}"
    copy = source.replace("Deir ez-Zor", "Deir al-Zour").replace("US", "U.S.").replace(
        '"', "“", 1).replace('," U.S.', ',” U.S.')
    [(a, b, similarity)] = spans(source, copy)
    assert a == source and b == copy
    assert similarity == 1.0


def test_reordered_paragraphs_give_one_passage_each():
    source = f"{LEAD}\n\n{BACKGROUND}\n\n{DENIAL}"
    copy = f"{DENIAL}\n\n{OWN}\n\n{LEAD}"
    found = {a for a, _, _ in spans(source, copy)}
    assert LEAD in found and DENIAL in found
    assert not any(BACKGROUND in a or OWN in b for a, b, _ in spans(source, copy))


def test_word_edits_keep_the_passage_whole():
    copy = LEAD.replace("late on Tuesday", "late Tuesday").replace("fired from", "launched by")
    [(a, b, similarity)] = spans(LEAD, copy)
    assert a == LEAD and b == copy
    assert 0.85 <= similarity < 1.0


def test_unrelated_text_on_the_same_topic_does_not_align():
    other = ("Warplanes struck a headquarters of an armed group near the Syrian border town "
             "overnight, Iranian state media reported, citing officials in the province.")
    assert spans(LEAD, other) == []


def side(article_id: str, outlet: str, published: str | None, text: str = "",
         agency: str | None = None, offset: str | None = None, precision: str = "second"):
    return ArticleSide(article_id, outlet, outlet.replace(" ", "").lower() + ".example",
                       published, precision if published else "unknown", text, agency, offset)


def test_direction_from_publication_order():
    a = side("a", "Levant Wire", "2026-11-11T09:14:00+02:00")
    b = side("b", "Gulf Courier", "2026-11-11T14:30:00+04:00")
    d = decide(a, b, 0.4, 0.5)
    assert d.source == "a" and "before b" in d.evidence[0]


def test_times_too_close_or_unknown_leave_direction_unknown():
    a = side("a", "Levant Wire", "2026-11-11T09:14:00+02:00")
    b = side("b", "Gulf Courier", "2026-11-11T07:16:00+00:00")
    assert decide(a, b, 0.4, 0.5).source is None
    assert decide(side("a", "Levant Wire", None), side("b", "Gulf Courier", None),
                  0.4, 0.5).source is None


def test_a_time_without_zone_is_widened_unless_the_outlet_has_one():
    a = side("a", "Levant Wire", "2026-11-11T09:14:00+02:00")
    naive = side("c", "Euphrates Today", "2026-11-11T16:05:00")
    assert decide(a, naive, 0.4, 0.5).source is None  # 16:05 could be 02:05 UTC
    zoned = side("c", "Euphrates Today", "2026-11-11T16:05:00", offset="+03:00")
    d = decide(a, zoned, 0.4, 0.5)
    assert d.source == "a" and "+03:00" in d.evidence[0]


def test_credit_decides_even_against_times():
    a = side("a", "Levant Wire", "2026-11-11T09:14:00+02:00")
    b = side("b", "Gulf Courier", "2026-11-11T09:15:00+02:00",
             text="DAMASCUS (LW) – Foreign jets fired four missiles, according to Levant Wire.")
    d = decide(a, b, 0.4, 0.5)
    assert d.source == "a" and d.credited


def test_containment_decides_when_times_cannot():
    a = side("a", "Levant Wire", None)
    b = side("b", "Gulf Courier", None)
    d = decide(a, b, 0.95, 0.35)
    assert d.source == "a" and "adds material" in d.evidence[0]


def test_copy_of_copy_tree_keeps_only_direct_edges():
    links = [
        LinkView("A", "B", True, 1.0, 1000, False),
        LinkView("B", "C", True, 1.0, 900, False),
        LinkView("A", "C", True, 0.95, 800, False),  # C shares A's text only through B
    ]
    [chain] = [c for c in build_chains(["A", "B", "C", "D"], links) if len(c.members) > 1]
    assert chain.members == ["A", "B", "C"] and chain.roots == ["A"]
    assert [(e["source"], e["target"]) for e in chain.edges] == [("A", "B"), ("B", "C")]
    assert not chain.credited


def test_unknown_direction_gives_two_roots():
    [chain] = [c for c in build_chains(["A", "B"], [LinkView("A", "B", False, 1, 50, False)])]
    assert chain.roots == ["A", "B"]


def test_outlet_footer_is_boilerplate_and_masked():
    footer = "© 2026 Levant Wire. All rights reserved. Follow us on Telegram for updates."
    texts = [("x", f"{LEAD}\n\n{footer}"), ("y", f"{OWN}\n\n{footer}")]
    boilerplate = outlet_boilerplate(texts)
    assert len(boilerplate) == 1
    [(start, end)] = masked_spans(texts[0][1], boilerplate)
    assert texts[0][1][start:end] == footer


def test_a_shared_lead_paragraph_of_one_outlet_is_not_boilerplate():
    texts = [("x", f"{LEAD}\n\n{OWN}\n\n{BACKGROUND}"), ("y", f"{LEAD}\n\n{DENIAL}\n\nEnd.")]
    assert outlet_boilerplate(texts) == set()


def test_quote_spans_survive_unbalanced_marks():
    text = 'He said: "We will return.\n\n“Nobody asked us,” she added. A stray " mark'
    spans_found = quote_spans(text)
    assert (text.index('"We'), text.index("\n\n")) in spans_found  # unclosed: to paragraph end
    assert any(text[s:e] == "“Nobody asked us,”" for s, e in spans_found)


def test_a_lead_copied_into_two_articles_of_one_outlet_is_not_boilerplate():
    """Outlet Y opens two articles with the same paragraph taken from outlet X."""
    lead = ("Foreign jets fired four missiles at three vehicles near Al-Bukamal late on "
            "Tuesday, the armed group said.")
    texts = [("y1", f"{lead}\n\n{OWN}\n\n{BACKGROUND}\n\nEnd one."),
             ("y2", f"{lead}\n\n{DENIAL}\n\nAnother own paragraph of the second article.\n\nEnd.")]
    assert outlet_boilerplate(texts) == set()
