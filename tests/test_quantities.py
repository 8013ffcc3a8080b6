"""Quantities in news sentences: the number, what it counts, and whether it is a casualty."""

from __future__ import annotations

import itertools
import random
import warnings
from typing import Any

import pytest

from newstrace.language.nlp import load_nlp
from newstrace.language.quantities import find_quantities
from newstrace.language.records import Quantity

Row = tuple[str, int | None, int | None, str, str, bool, bool]


@pytest.fixture(scope="module")
def nlp() -> Any:
    """One pipeline for the module: loading takes about a second."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W036: the EntityRuler holds no patterns here
        return load_nlp()


def q(text: str, low: int | None, high: int | None, counted: str, category: str = "count",
      approximate: bool = False, zero: bool = False) -> Row:
    return (text, low, high, counted, category, approximate, zero)


def rows(quantities: list[Quantity]) -> list[Row]:
    return [(x.span.text, x.low, x.high, x.counted, x.category, x.approximate, x.stated_zero)
            for x in quantities]


def run(nlp: Any, text: str) -> list[Quantity]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = nlp(text)
    found = find_quantities(doc)
    for x in found:
        assert x.span.text == text[x.span.start:x.span.end]
    return found


CASES: list[tuple[str, list[Row]]] = [
    # counts of things
    ("The militants fired four missiles at the base on November 10, 2019.",
     [q("four missiles", 4, 4, "missile")]),
    ("Foreign jets struck three vehicles near the border town.",
     [q("three vehicles", 3, 3, "vehicle")]),
    ("The ministry said about 1,200 troops had been deployed to the province.",
     [q("about 1,200 troops", 1200, 1200, "troop", approximate=True)]),
    ("Three hundred families fled the town overnight.",
     [q("Three hundred families", 300, 300, "family")]),
    ("Israeli jets carried out 15 airstrikes overnight.",
     [q("15 airstrikes", 15, 15, "airstrike")]),
    ("The F-16 and two MQ-9 drones struck at 23:31 on the 10th.",
     [q("two MQ-9 drones", 2, 2, "drone")]),
    ("Hardliners said twenty-three buses had been torched.",
     [q("twenty-three buses", 23, 23, "bus")]),
    ("More than 3 million people have been displaced since the war began in 2011.",
     [q("More than 3 million people", 3_000_000, None, "person")]),
    ("Two or three rockets landed near the embassy.",
     [q("Two or three rockets", 2, 3, "rocket")]),
    ("Witnesses counted 10-15 armoured vehicles on the road.",
     [q("10-15 armoured vehicles", 10, 15, "vehicle")]),
    ("Three of its vehicles were struck from the air.",
     [q("Three of its vehicles", 3, 3, "vehicle")]),
    # bounds and hedges
    ("At least 12 people were killed when a missile hit a two-storey building.",
     [q("At least 12 people", 12, None, "person", "killed")]),
    ("Up to 30 fighters died in the clashes.",
     [q("Up to 30 fighters", None, 30, "fighter", "killed")]),
    ("More than 20 people were wounded and dozens injured.",
     [q("More than 20 people", 20, None, "person", "injured"),
      q("dozens", 24, 99, "person", "injured", approximate=True)]),
    ("Nearly 50 people died and scores were hurt.",
     [q("Nearly 50 people", 50, 50, "person", "killed", approximate=True),
      q("scores", 40, 99, "person", "injured", approximate=True)]),
    ("Around 50 protesters were arrested outside the parliament.",
     [q("Around 50 protesters", 50, 50, "protester", approximate=True)]),
    ("Between 10 and 15 militants were killed in the raid.",
     [q("Between 10 and 15 militants", 10, 15, "militant", "killed")]),
    ("No more than 20 people were inside at the time.",
     [q("No more than 20 people", None, 20, "person")]),
    ("The channel has roughly 40,000 subscribers.",
     [q("roughly 40,000 subscribers", 40000, 40000, "subscriber", approximate=True)]),
    # vague amounts
    ("Several houses were destroyed, and a few civilians lost their lives.",
     [q("Several houses", 3, 9, "house", approximate=True),
      q("a few civilians", 2, 5, "civilian", "killed", approximate=True)]),
    ("Several dozen protesters gathered outside the embassy.",
     [q("Several dozen protesters", 36, 108, "protester", approximate=True)]),
    ("Tens of thousands of people fled, the UN said.",
     [q("Tens of thousands of people", 20000, 99000, "person", approximate=True)]),
    ("Dozens of people were injured in the clashes.",
     [q("Dozens of people", 24, 99, "person", "injured", approximate=True)]),
    ("A dozen rebels were killed; twenty-three others were injured.",
     [q("A dozen rebels", 12, 12, "rebel", "killed"),
      q("twenty-three others", 23, 23, "person", "injured")]),
    ("Up to a dozen drones were shot down.",
     [q("Up to a dozen drones", None, 12, "drone")]),
    # casualties in their many shapes
    ("Two soldiers and a civilian were killed in the attack.",
     [q("Two soldiers", 2, 2, "soldier", "killed"), q("a civilian", 1, 1, "civilian", "killed")]),
    ("The strike killed 12 and wounded dozens.",
     [q("12", 12, 12, "person", "killed"),
      q("dozens", 24, 99, "person", "injured", approximate=True)]),
    ("A suicide bomber killed 14 people and wounded 30 others in Kabul on Monday.",
     [q("14 people", 14, 14, "person", "killed"), q("30 others", 30, 30, "person", "injured")]),
    ("At least 12 killed as car bomb rips through market.",
     [q("At least 12", 12, None, "person", "killed")]),
    ("Police said 7 were killed in the three-day siege.",
     [q("7", 7, 7, "person", "killed")]),
    ("The attack left 5 dead and 10 wounded.",
     [q("5", 5, 5, "person", "killed"), q("10", 10, 10, "person", "injured")]),
    ("The attack left 12 people dead.",
     [q("12 people", 12, 12, "person", "killed")]),
    ("Two killed in drone strike near Jurf al-Nasr",
     [q("Two", 2, 2, "person", "killed")]),
    ("Pakistan's army said one of its soldiers had been wounded.",
     [q("one of its soldiers", 1, 1, "soldier", "injured")]),
    ("The group said 40 of its fighters had been killed since January.",
     [q("40 of its fighters", 40, 40, "fighter", "killed")]),
    ("Two civilians were killed and several others wounded when the two sides exchanged fire.",
     [q("Two civilians", 2, 2, "civilian", "killed"),
      q("several others", 3, 9, "person", "injured", approximate=True),
      q("two sides", 2, 2, "side")]),
    ("Two gunmen have killed 12 people, including a child.",
     [q("Two gunmen", 2, 2, "gunman"), q("12 people", 12, 12, "person", "killed"),
      q("a child", 1, 1, "child", "killed")]),
    ("Three people died and eight were injured when the building collapsed.",
     [q("Three people", 3, 3, "person", "killed"), q("eight", 8, 8, "person", "injured")]),
    ("A 12-year-old boy was among the dead.",
     [q("A 12-year-old boy", 1, 1, "boy", "killed")]),
    ("Four people were shot dead at a checkpoint.",
     [q("Four people", 4, 4, "person", "killed")]),
    ("A soldier was killed and another was wounded.",
     [q("A soldier", 1, 1, "soldier", "killed"), q("another", 1, 1, "person", "injured")]),
    ("Fourteen fatalities were recorded and 32 casualties were taken to hospital.",
     [q("Fourteen fatalities", 14, 14, "fatality", "killed"),
      q("32 casualties", 32, 32, "casualty", "casualties")]),
    ("The ministry reported 14 deaths and 22 injuries from the shelling.",
     [q("14 deaths", 14, 14, "death", "killed"), q("22 injuries", 22, 22, "injury", "injured")]),
    ("Gunmen killed 12 on Tuesday, raising the death toll to 45.",
     [q("12", 12, 12, "person", "killed"), q("45", 45, 45, "person", "killed")]),
    ("Reports said the fighting claimed the lives of 40 people.",
     [q("40 people", 40, 40, "person", "killed")]),
    ("Medics treated 45 wounded, hospital sources said.",
     [q("45", 45, 45, "person", "injured")]),
    ("The Sword of the Euphrates mourns three of its mujahideen who were martyred.",
     [q("three of its mujahideen", 3, 3, "mujahideen", "killed")]),
    ("A total of 15 people were killed.",
     [q("15 people", 15, 15, "person", "killed")]),
    ("Twelve soldiers died in the attack; 3 of the dead were officers.",
     [q("Twelve soldiers", 12, 12, "soldier", "killed"),
      q("3 of the dead", 3, 3, "person", "killed")]),
    ("US officials said 34 service members suffered traumatic brain injuries.",
     [q("34 service members", 34, 34, "member", "injured")]),
    ("The war has cost more than 500,000 lives.",
     [q("more than 500,000 lives", 500000, None, "life", "killed")]),
    # explicit zeros
    ("There were no casualties.",
     [q("no casualties", 0, 0, "casualty", "killed", zero=True)]),
    ("No one was killed, police said.",
     [q("No one", 0, 0, "person", "killed", zero=True)]),
    ("There were no injuries and no deaths.",
     [q("no injuries", 0, 0, "injury", "injured", zero=True),
      q("no deaths", 0, 0, "death", "killed", zero=True)]),
    ("No US personnel were injured in the attack, the Pentagon said.",
     [q("No US personnel", 0, 0, "personnel", "injured", zero=True)]),
    ("Nobody was hurt in the explosion.",
     [q("Nobody", 0, 0, "person", "injured", zero=True)]),
    ('"By the grace of God, none of our brothers was harmed," the channel said.',
     [q("none of our brothers", 0, 0, "brother", "killed", zero=True)]),
    ("There were zero casualties among the troops.",
     [q("zero casualties", 0, 0, "casualty", "killed", zero=True)]),
    # not quantities
    ("There were no immediate reports of casualties.", []),
    ("They gave no information on casualties. No group has claimed the attack.", []),
    ("The 52-year-old commander of the 41st Brigade said one of the drones was shot down.", []),
    ("It was the second attack this week, and one of the deadliest since 2019.", []),
    ("An estimated 30% of homes were damaged and $2 million in aid was pledged.", []),
    ("The 2,000-strong force left the base 30 km north of the city.", []),
    ("Fighting was reported on Route 6. Call +1 202-555-0143 for details.", []),
    ("An Su-24 flew over the town on 10 November 2026 at 23:31.", []),
    ("The officials said the attack targeted a headquarters, a two-storey building.", []),
    ("Residents said the water rose within ten minutes, two days after the storm.", []),
    ("Council resolution 2334 was adopted in 2016, News ID: 81234.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_quantities(nlp: Any, text: str, expected: list[Row]) -> None:
    assert rows(run(nlp, text)) == expected


def test_case_count() -> None:
    assert len(CASES) >= 35


def test_headline_number_does_not_count_the_next_line(nlp: Any) -> None:
    text = ("Flash floods kill four in Erbil\n\nDate: 8 November 2026\n\n"
            "ERBIL (LW) - Flash floods killed four people, officials said.")
    assert rows(run(nlp, text)) == [q("four", 4, 4, "person", "killed"),
                                    q("four people", 4, 4, "person", "killed")]


def test_offsets_point_into_the_article(nlp: Any) -> None:
    text = "Headline\n\nOfficials said 23 people were killed and more than 100 wounded."
    found = run(nlp, text)
    first, second = text.index("23 people"), text.index("more than 100")
    assert [(x.span.start, x.span.end) for x in found] == [
        (first, first + len("23 people")), (second, second + len("more than 100"))]
    assert [x.category for x in found] == ["killed", "injured"]


def test_no_token_counted_twice(nlp: Any) -> None:
    found = run(nlp, "Eleven civilians, including a woman and her child, were killed.")
    spans = [(x.span.start, x.span.end) for x in found]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert rows(found) == [q("Eleven civilians", 11, 11, "civilian", "killed"),
                           q("a woman", 1, 1, "woman", "killed")]


NOISE = ("a an no one two twenty - three hundred and of dozens tens thousands several few at "
         "least more than up to between or plus killed wounded dead nobody none people soldiers "
         "casualties 12 1,200 1.5 0 2019 10-15 $ % : . , ; ( ) \" ' — – + # toll lives lost "
         "another 23:31 F-16 year-old")


@pytest.mark.parametrize("text", ["", " ", "\n\n", "...", "a", "no", "-", "twenty-",
                                  "between 5 and", "one of", "a dozen", "1.5", "2.5 million"])
def test_fragments_never_raise(nlp: Any, text: str) -> None:
    found = run(nlp, text)
    assert all(x.low is None or x.high is None or x.low <= x.high for x in found)


def test_random_punctuation_never_raises(nlp: Any) -> None:
    pieces = NOISE.split()
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "\n"])
                       for _ in range(rng.randint(0, 20)))
        for x in run(nlp, text):
            assert x.low is None or x.high is None or x.low <= x.high
            assert x.category in ("count", "killed", "injured", "casualties")
