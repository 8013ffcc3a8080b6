"""Event-type triggers and snippet classification on sentences written for these tests."""

from __future__ import annotations

import itertools

import pytest

from newstrace.events.records import EVENT_TYPES
from newstrace.events.taxonomy import (
    SUB_EVENT_TYPES,
    SUB_TYPES_BY_EVENT,
    Trigger,
    classify_text,
    find_triggers,
)

CASES = [
    # Battles
    ("Armed clash", "Heavy fighting broke out between the army and rebels near the border."),
    ("Armed clash", "Militants ambushed a military convoy and exchanged fire with soldiers."),
    ("Government regains territory",
     "Government forces recaptured the town of Karim from insurgents on Sunday."),
    ("Government regains territory",
     "The army said it had liberated three villages in the northern district."),
    ("Non-state actor overtakes territory",
     "Insurgents seized control of the district headquarters after government troops fled."),
    ("Non-state actor overtakes territory",
     "Rebels captured the strategic town of Beli late on Friday."),
    # Explosions/Remote violence
    ("Air/drone strike", "A drone strike hit a vehicle carrying two commanders, killing both."),
    ("Air/drone strike", "Warplanes struck a market in the rebel-held town, residents said."),
    ("Shelling/artillery/missile attack",
     "Artillery shelling of the eastern suburbs killed three civilians overnight."),
    ("Shelling/artillery/missile attack",
     "Rebels fired rockets at the airport, damaging a runway."),
    ("Remote explosive/landmine/IED",
     "A roadside bomb exploded next to a police patrol, wounding four officers."),
    ("Remote explosive/landmine/IED", "Two children were killed when a landmine went off."),
    ("Suicide bomb", "A suicide bomber blew himself up at the entrance of a mosque."),
    ("Suicide bomb", "The attacker detonated an explosive vest near the checkpoint."),
    ("Grenade", "An unknown man hurled a grenade into a crowded bar, injuring six."),
    ("Grenade", "A grenade attack on a police station wounded two guards."),
    ("Chemical weapon", "Doctors treated dozens of people after a chlorine gas attack."),
    ("Chemical weapon", "Investigators said sarin was used in the assault on the town."),
    # Violence against civilians
    ("Attack", "Gunmen stormed a village and shot dead eleven farmers."),
    ("Attack", "The militia massacred dozens of villagers overnight."),
    ("Sexual violence", "Soldiers raped two women at a checkpoint, a rights group said."),
    ("Sexual violence", "The survivors described sexual violence by the armed men."),
    ("Abduction/forced disappearance", "Gunmen kidnapped a priest on his way to church."),
    ("Abduction/forced disappearance",
     "Armed men abducted 30 students from their dormitory at night."),
    # Protests
    ("Peaceful protest", "Hundreds of teachers marched to parliament demanding higher pay."),
    ("Peaceful protest", "Nurses went on strike on Monday over unpaid wages."),
    ("Protest with intervention",
     "Police fired tear gas and water cannon to disperse the demonstrators."),
    ("Protest with intervention", "Police detained dozens of protesters at the rally."),
    ("Excessive force against protesters",
     "Security forces opened fire on protesters, killing four of them."),
    ("Excessive force against protesters",
     "Troops used live ammunition against peaceful demonstrators in the capital."),
    # Riots
    ("Violent demonstration", "Rioters torched cars and threw stones at the police."),
    ("Violent demonstration",
     "Protesters clashed with police and set fire to a government building."),
    ("Mob violence", "A mob lynched a man accused of stealing a motorbike."),
    ("Mob violence", "Angry villagers lynched two suspected thieves."),
    # Strategic developments
    ("Agreement", "The warring parties signed a ceasefire agreement in the capital."),
    ("Agreement", "The two sides agreed to a prisoner exchange next week."),
    ("Arrests", "Police arrested the opposition leader at his home."),
    ("Arrests", "Security forces rounded up dozens of activists overnight."),
    ("Change to group/activity", "Some 200 fighters defected to the government side."),
    ("Change to group/activity", "The army deployed reinforcements to the border region."),
    ("Disrupted weapons use", "Bomb disposal experts defused a device found near the bridge."),
    ("Disrupted weapons use", "Air defences shot down two drones over the city."),
    ("Headquarters or base established",
     "Turkish troops set up a new military base near the town."),
    ("Headquarters or base established",
     "The rebels established their headquarters in an abandoned school."),
    ("Looting/property destruction", "Armed men looted shops and burned houses in the village."),
    ("Looting/property destruction", "Authorities demolished dozens of homes in the area."),
    ("Non-violent transfer of territory",
     "The militia withdrew from the town and handed over control to local police "
     "without a fight."),
    # Natural disasters
    ("Flood", "Flash floods swept through the valley, killing 12 people."),
    ("Earthquake", "A magnitude 6.1 earthquake shook the coastal province."),
    ("Storm", "Cyclone Mira made landfall, flattening homes along the coast."),
    ("Wildfire", "A wildfire forced thousands to flee their homes."),
    ("Landslide", "A landslide buried part of the mountain village after days of rain."),
    ("Drought", "The drought has destroyed crops across the region."),
]


@pytest.mark.parametrize(("sub", "text"), CASES)
def test_classify_each_sub_event_type(sub: str, text: str) -> None:
    assert classify_text(text) == (SUB_EVENT_TYPES[sub], sub)


@pytest.mark.parametrize("text", [
    "The singer's new album includes her biggest hit song.",
    "The phone will hit the market next month.",
    "The minister attacked the policy in a speech to parliament.",
    "Critics protested that the plan would raise taxes.",
    "The two leaders clashed over the budget during the debate.",
    "The striker scored twice as the team kept up their attack.",
    "The company fired its chief executive.",
    "The party won by a landslide victory.",
])
def test_false_friends_name_no_happening(text: str) -> None:
    assert classify_text(text) is None, find_triggers(text)


def test_labour_strike_is_a_protest_not_an_airstrike() -> None:
    got = find_triggers("Dock workers began a strike over pay.")
    assert [(t.text, t.sub_event_type) for t in got] == [("strike", "Peaceful protest")]


def test_explosion_at_a_factory_is_an_accident() -> None:
    assert classify_text("A gas cylinder explosion at a factory killed two workers.") == \
        ("Other", "Other")


def test_territory_by_who_took_it() -> None:
    assert classify_text("Islamist fighters recaptured the town from the army.") == \
        ("Battles", "Non-state actor overtakes territory")
    assert classify_text("The army seized the town after the militants retreated.") == \
        ("Battles", "Government regains territory")


def test_triggers_typed_by_their_own_sentence() -> None:
    text = "Warplanes struck the town. Later, students marched peacefully in the capital."
    got = [(t.text, t.sub_event_type) for t in find_triggers(text)]
    assert ("struck", "Air/drone strike") in got
    assert ("marched", "Peaceful protest") in got


def test_trigger_offsets_order_and_strength() -> None:
    text = ("Fierce fighting erupted after a suicide bomber attacked the base; "
            "an airstrike followed and police arrested three men.")
    got = find_triggers(text)
    assert got and all(isinstance(t, Trigger) for t in got)
    assert all(text[t.start:t.end] == t.text for t in got)
    assert all(a.end <= b.start for a, b in itertools.pairwise(got))
    assert all(0 < t.strength <= 1 for t in got)
    by_text = {t.text.lower(): t for t in got}
    assert by_text["airstrike"].strength == 1.0
    assert by_text["suicide bomber"].sub_event_type == "Suicide bomb"
    assert by_text["arrested"].sub_event_type == "Arrests"


def test_taxonomy_matches_records() -> None:
    assert set(SUB_TYPES_BY_EVENT) == set(EVENT_TYPES)
    assert set(SUB_EVENT_TYPES.values()) <= set(EVENT_TYPES)
    assert len(SUB_EVENT_TYPES) == 25 + 7
    assert SUB_TYPES_BY_EVENT["Other"] == ("Other",)


def test_nothing_happened() -> None:
    assert classify_text("The committee will meet again on Thursday.") is None
    assert find_triggers("") == []


@pytest.mark.parametrize(("text", "sub"), [
    ("Forty rebels surrendered to the army with their weapons.", "Agreement"),
    ("Police captured 30 rifles and 2,000 rounds of ammunition in a raid.",
     "Disrupted weapons use"),
    ("Soldiers killed six fighters of the National Liberation Army in a gun battle.",
     "Armed clash"),
    ("The army withdrew from the border town on Monday, residents said.",
     "Non-violent transfer of territory"),
    ("Police arrested three men suspected of smuggling cocaine.", "Other"),
])
def test_general_rules(text: str, sub: str) -> None:
    got = classify_text(text)
    assert got is not None and got[1] == sub, got
