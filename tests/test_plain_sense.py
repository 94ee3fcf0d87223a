"""Lexicon sense rules, condition names and job titles (the wrong-sense cases of issue 12)."""

from __future__ import annotations

import pytest

from sitegen.model import TextUnit
from sitegen.plain import analyse, load_lexicon
from sitegen.plain.lexicon import _sense_rules


def keys(text: str) -> list[str]:
    return [h.key for h in analyse([TextUnit(text, 1, "paragraph", "")], lexicon=load_lexicon()).jargon]


@pytest.mark.parametrize("text", [
    "The difference was statistically significant.",
    "There was a significant difference between the groups.",
    "Ask your pharmacist about drug interactions.",
    "The dose consumed by participants was small.",
    "Diabetic kidney disease is common.",
    "People with diabetic retinopathy need eye checks.",
    "Talk to our Service User Expert today.",
])
def test_wrong_sense_cases_from_the_issue_are_not_reported(text: str) -> None:
    assert keys(text) == []


@pytest.mark.parametrize("text,key", [
    ("You may have significant pain.", "significant"),
    ("There is an interaction with alcohol.", "interaction"),
    ("Do not consume alcohol.", "consume"),
    ("He is diabetic.", "diabetic"),
    ("Ask a service user what they think.", "service user"),
    ("Acute pain can start quickly.", "acute"),
])
def test_the_plain_sense_is_still_reported(text: str, key: str) -> None:
    assert keys(text) == [key]


def test_sense_rules_parse_and_reject_unknown_sides() -> None:
    assert _sense_rules("after:statistically,Clinically|before:by") == {
        "after": frozenset({"statistically", "clinically"}), "before": frozenset({"by"})}
    with pytest.raises(ValueError, match="must start with after: or before:"):
        _sense_rules("near:by")
