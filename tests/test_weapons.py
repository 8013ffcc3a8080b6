"""Weapons and platforms: kinds, canonical names, models, false friends, exact offsets."""

from __future__ import annotations

import itertools

import pytest

from newstrace.events.weapons import WeaponMention, find_weapons


def names(text: str) -> list[tuple[str, str, str | None]]:
    return [(w.name, w.kind, w.model) for w in find_weapons(text)]


def test_platform_and_munition_kinds() -> None:
    text = "Two warplanes and a drone fired missiles at the depot, then a helicopter landed."
    assert names(text) == [("warplane", "platform", None), ("drone", "platform", None),
                           ("missile", "weapon", None), ("helicopter", "platform", None)]


def test_models_join_their_noun() -> None:
    found = find_weapons("Israeli F-16 jets and an MQ-9 Reaper drone struck the camp; "
                         "rebels answered with Grad rockets.")
    assert [(w.text, w.name, w.model) for w in found] == [
        ("F-16 jets", "warplane", "F-16"), ("MQ-9 Reaper drone", "drone", "MQ-9 Reaper"),
        ("Grad rockets", "rocket", "Grad")]


def test_bare_models_and_canonical_names() -> None:
    got = names("A Bayraktar TB2 hit two T-72 tanks; gunmen carried AK-47 rifles and knives.")
    assert got == [("drone", "platform", "Bayraktar TB2"), ("tank", "platform", "T-72"),
                   ("firearm", "weapon", "AK-47"), ("knife", "weapon", None)]


@pytest.mark.parametrize(("text", "name"), [
    ("A roadside bomb hit the patrol.", "ied"),
    ("Mortar rounds landed near the market.", "mortar"),
    ("Artillery shells fell on the village.", "shell"),
    ("The attacker threw a hand grenade.", "grenade"),
    ("Police fired tear gas at the crowd.", "tear gas"),
    ("Witnesses heard heavy gunfire overnight.", "firearm"),
    ("Inspectors confirmed the use of sarin.", "chemical weapon"),
    ("Soldiers cleared a landmine from the road.", "landmine"),
    ("An unmanned aerial vehicle was seen over the base.", "drone"),
])
def test_names(text: str, name: str) -> None:
    assert [w.name for w in find_weapons(text)] == [name]


@pytest.mark.parametrize("text", [
    "The think tank published its report on fuel tanks.",
    "Firefighters used water jets; the minister flew on a private jet.",
    "A shell company moved the money.",
    "The report was a bombshell for the cabinet.",
    "Bricks and mortar shops are closing.",
    "The email was the smoking gun in the case.",
    "Gun control laws were debated.",
    "The bomber was arrested at the border.",
    "Fire broke out in the kitchen and staff were fired.",
])
def test_false_friends(text: str) -> None:
    assert find_weapons(text) == []


def test_offsets_exact_and_in_order() -> None:
    text = "On Monday, Su-34 bombers and Ka-52 helicopters backed tanks near the IED site."
    found = find_weapons(text)
    assert all(text[w.start:w.end] == w.text for w in found)
    assert [w.start for w in found] == sorted(w.start for w in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert [w.name for w in found] == ["warplane", "helicopter", "tank", "ied"]


def test_record_is_frozen() -> None:
    w = WeaponMention(0, 5, "drone", "drone", "platform")
    with pytest.raises(AttributeError):
        w.name = "x"  # type: ignore[misc]
