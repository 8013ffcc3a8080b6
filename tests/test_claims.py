"""The claims extractor on sentences written for each attribution form the issue lists."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.claims.extract import extract_claims
from newstrace.claims.records import Claim
from newstrace.claims.speakers import ActorRef
from newstrace.language.actor_dict import load_actor_dictionary, ruler_patterns
from newstrace.language.aliases import find_actor_mentions
from newstrace.language.nlp import load_nlp
from newstrace.quotes import find_quotes


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp(patterns=ruler_patterns(load_actor_dictionary(None)))


def claims_of(nlp: Any, text: str, title: str | None = None) -> list[Claim]:
    doc = nlp(text)
    mentions = find_actor_mentions(doc, load_actor_dictionary(None))
    refs = [ActorRef(m.span.start, m.span.end, m.key, m.actor_type, m.label) for m in mentions]
    return extract_claims(doc, "a1", refs, title)


def one(claims: list[Claim], content_word: str) -> Claim:
    found = [c for c in claims if content_word in c.content.text]
    assert len(found) == 1, [c.content.text for c in claims]
    return found[0]


def speaker(claim: Claim) -> str | None:
    return claim.speaker.text if claim.speaker else None


def test_x_said_that(nlp: Any) -> None:
    claims = claims_of(nlp, "The provincial governor said that the bridge over the canal "
                            "had been destroyed by shelling.")
    claim = one(claims, "bridge")
    assert speaker(claim) == "The provincial governor"
    assert claim.content.text == "the bridge over the canal had been destroyed by shelling"
    assert (claim.cue.text, claim.cue_type, claim.stance, claim.quote_type) == \
        ("said", "assert", "asserts", "indirect")


def test_trailing_x_said_and_adding_that(nlp: Any) -> None:
    text = ("Two rockets landed near the airport late on Monday, a channel linked to the "
            "brigade said, adding that nobody was hurt.")
    claims = claims_of(nlp, text)
    first, second = one(claims, "rockets"), one(claims, "nobody")
    assert speaker(first) == "a channel linked to the brigade"
    assert first.content.text == "Two rockets landed near the airport late on Monday"
    assert first.medium is not None and first.medium.text == "channel"
    assert speaker(second) == "a channel linked to the brigade"
    assert second.cue.text == "adding"


def test_inverted_said_x(nlp: Any) -> None:
    claims = claims_of(nlp, '"The water came in through the doors," said Leila Haddad, '
                            'a baker whose shop was flooded.')
    claim = one(claims, "water")
    assert speaker(claim) == "Leila Haddad, a baker whose shop was flooded" or \
        speaker(claim) == "Leila Haddad"
    assert claim.quote_type == "direct"
    assert claim.content.text == "The water came in through the doors"


def test_according_to(nlp: Any) -> None:
    claims = claims_of(nlp, "According to hospital officials, eleven people were treated "
                            "for smoke inhalation.")
    claim = one(claims, "eleven")
    assert speaker(claim) == "hospital officials"
    assert claim.cue.text == "According to"
    claims = claims_of(nlp, "Eleven people were treated for smoke inhalation, according "
                            "to Syrian state media.")
    claim = one(claims, "Eleven")
    assert speaker(claim) == "Syrian state media" and claim.cue_type == "report"


def test_citing_gives_via(nlp: Any) -> None:
    claims = claims_of(nlp, "The state news agency, citing security officials, said gunmen "
                            "had attacked a checkpoint east of the city.")
    claim = one(claims, "gunmen")
    assert speaker(claim) == "The state news agency"
    assert claim.via is not None and claim.via.text == "security officials"
    assert claim.cue_type == "report" and claim.cue_text == "citing … said"


def test_denial_with_tweet(nlp: Any) -> None:
    text = ("The army denied any involvement, with its spokesman saying in a tweet that "
            "\u201cour forces did not fire a single shell at the village.\u201d")
    claims = claims_of(nlp, text)
    denial, tweet = one(claims, "involvement"), one(claims, "shell")
    assert (denial.cue_type, denial.stance, denial.content.text) == \
        ("deny", "denies", "any involvement")
    assert speaker(tweet) == "its spokesman"
    assert tweet.medium is not None and tweet.medium.text == "in a tweet"
    assert (tweet.cue_type, tweet.stance, tweet.quote_type) == ("assert", "denies", "direct")


def test_denial_points_at_the_claim_it_denies(nlp: Any) -> None:
    text = ("A rebel group said its fighters had shot down a drone over the valley. "
            "The defence ministry rejected the report.")
    claims = claims_of(nlp, text)
    report, rejection = one(claims, "drone"), one(claims, "report")
    assert rejection.cue_type == "deny" and rejection.denies == report.id
    assert report.denies is None


def test_denial_object_with_nested_claim(nlp: Any) -> None:
    text = ("The navy denied sinking a fishing boat that local fishermen said had been "
            "rammed off the coast.")
    claims = claims_of(nlp, text)
    denial, nested = one(claims, "sinking"), one(claims, "rammed")
    assert denial.content.text == "sinking a fishing boat"
    assert speaker(nested) == "local fishermen"
    assert denial.denies == nested.id


def test_colon_introduction(nlp: Any) -> None:
    text = ("Asked about the convoy, the mayor told reporters by telephone: "
            "\u201cWe were not told it was coming, and we still do not know who sent it.\u201d")
    claim = one(claims_of(nlp, text), "convoy was" if False else "coming")
    assert speaker(claim) == "the mayor"
    assert claim.quote_type == "direct"
    assert claim.content.text.startswith("We were not told")
    assert claim.medium is not None and "telephone" in claim.medium.text


def test_headline_attribution(nlp: Any) -> None:
    claims = claims_of(nlp, "Nobody was hurt.", title="Blast hits fuel depot, witnesses say")
    head = next(c for c in claims if c.part == "title")
    assert head.content.text == "Blast hits fuel depot"
    assert speaker(head) == "witnesses" and head.cue.text == "say"
    assert claims_of(nlp, "Nobody was hurt.", title="Blast hits fuel depot in port city") == []


def test_multi_paragraph_quote(nlp: Any) -> None:
    text = ("\u201cWe lost the harvest in one night,\u201d said Omar Saleh, a grower.\n\n"
            "\u201cThe trucks could not reach us for a week. Nobody came to help.\n\n"
            "\u201cNow we wait for the rain to stop,\u201d he added.")
    claims = claims_of(nlp, text)
    assert speaker(one(claims, "harvest")) == "Omar Saleh, a grower"
    last = one(claims, "trucks")  # two paragraphs, one quotation, closed by "he added"
    assert last.content.text.endswith("for the rain to stop") and last.quote_type == "direct"
    assert speaker(last) == "he" and last.speaker_ref is not None
    assert last.speaker_ref.text == "Omar Saleh, a grower"


def test_unbalanced_quotes_never_crash_and_stay_in_their_paragraph(nlp: Any) -> None:
    text = ('The minister said the talks were "constructive.\n\n'
            "Police said 40 people were arrested.\n\n\u201d\u201d A stray mark \u201c here.")
    claims = claims_of(nlp, text)
    police = one(claims, "arrested")
    assert speaker(police) == "Police" and police.quote_type == "indirect"
    assert [q for q in find_quotes(text) if q.start < 50 < q.end] == []


def test_pronoun_speaker_resolves_to_earlier_speaker(nlp: Any) -> None:
    text = ("Colonel Amina Yusuf, a spokeswoman for the regional command, said the road "
            "had been reopened. She said two soldiers were wounded in the ambush.")
    claims = claims_of(nlp, text)
    second = one(claims, "soldiers")
    assert speaker(second) == "She"
    assert second.speaker_ref is not None and second.speaker_ref.text.startswith(
        "Colonel Amina Yusuf")


def test_role_speaker_resolves(nlp: Any) -> None:
    text = ("A Telegram channel run by the militia said its fighters had repelled an attack. "
            "The channel said three attackers were killed.")
    second = one(claims_of(nlp, text), "attackers")
    assert speaker(second) == "The channel"
    assert second.speaker_ref is not None and "Telegram channel" in second.speaker_ref.text


def test_speaker_actor_from_dictionary(nlp: Any) -> None:
    claims = claims_of(nlp, "The Pentagon said no American aircraft were involved.")
    claim = one(claims, "aircraft")
    assert claim.speaker_actor == "dict:us.military"
    assert claim.stance == "denies"


def test_hedges(nlp: Any) -> None:
    text = ("A defence official, speaking on condition of anonymity, said there was no "
            "indication that foreign aircraft had been operating in the area.")
    assert one(claims_of(nlp, text), "indication").stance == "hedges"
    text = "Analysts believe the ceasefire will hold through the winter."
    claim = one(claims_of(nlp, text), "ceasefire")
    assert (claim.cue_type, claim.stance) == ("believe", "hedges")


def test_stated_absence_is_not_a_denial(nlp: Any) -> None:
    claim = one(claims_of(nlp, "The group said no one was hurt in the strike."), "no one")
    assert claim.stance == "asserts"


def test_noun_object_cues(nlp: Any) -> None:
    text = "A doctor at the clinic confirmed receiving four wounded men on Thursday night."
    claim = one(claims_of(nlp, text), "receiving")
    assert claim.cue_type == "confirm" and claim.content.text.startswith("receiving")
    text = "The governor accused the rebels of blocking the aid convoy."
    claim = one(claims_of(nlp, text), "rebels")
    assert claim.cue_type == "allege"
    assert claim.content.text == "the rebels of blocking the aid convoy"


def test_parenthetical_cue(nlp: Any) -> None:
    claim = one(claims_of(nlp, "One of the dead, they said, was a local commander."),
                "commander")
    assert speaker(claim) == "they"
    assert "was a local commander" in claim.content.text


def test_dateline_is_not_a_speaker(nlp: Any) -> None:
    text = "ADEN (YN) — The coast guard on Sunday denied seizing a cargo ship in the strait."
    claim = one(claims_of(nlp, text), "cargo")
    assert speaker(claim) == "The coast guard"


def test_what_is_not_a_claim(nlp: Any) -> None:
    text = ("The group did not say who it believed had launched the drone. "
            "No one claimed responsibility for the blast. "
            "He was told to leave the building. The said building was empty.")
    assert claims_of(nlp, text) == []


def test_reposted_statement(nlp: Any) -> None:
    text = ("[Statement posted on the Telegram channel of the Valley Brigades on 3 March "
            "2026. Translation by the outlet.]\n\n"
            "In the name of God, the Most Merciful. Our fighters destroyed two armoured "
            "vehicles of the enemy near the dam.\n\n"
            "We hold the occupation responsible for the shelling of the market.\n\n"
            "Outlet note: the statement could not be verified.")
    claims = claims_of(nlp, text)
    vehicles = one(claims, "armoured")
    assert speaker(vehicles) == "Valley Brigades" or speaker(vehicles) == "the Valley Brigades"
    assert vehicles.quote_type == "direct"
    assert vehicles.medium is not None and vehicles.medium.text == "Telegram channel"
    assert one(claims, "market").cue_type == "allege"
    assert not [c for c in claims if "verified" in c.content.text]
    assert not [c for c in claims if "Most Merciful" in c.content.text]


def test_claim_ids_are_stable(nlp: Any) -> None:
    text = "The mayor said the water supply had been restored."
    assert [c.id for c in claims_of(nlp, text)] == [c.id for c in claims_of(nlp, text)]
