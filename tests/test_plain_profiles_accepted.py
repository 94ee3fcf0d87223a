"""Audience profiles (sitegen.plain.profiles) and finding keys / acceptances (sitegen.plain.accepted)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.model import Accepted
from sitegen.plain.accepted import accepting, finding_key, unmatched
from sitegen.plain.profiles import CHILDREN, EASY_READ, easy_read_issues, profile


def test_profiles_and_their_numbers() -> None:
    assert profile(None).name == profile("general").name == "general"
    assert (EASY_READ.max_sentence_words, EASY_READ.max_words) == (15, 1000)
    assert CHILDREN.reading_age_target == 9
    with pytest.raises(KeyError):
        profile("teenagers")


def test_easy_read_issues() -> None:
    sentences = [("Take your tablet with water.", 3), ("You can see the nurse and then you can go home.", 4),
                 ("Do not take more than 2 pills.", 5)]
    issues = easy_read_issues(sentences, 1200, [("Your test", 2, True), ("After", 6, False)])
    assert [(i.kind, i.line, i.detail) for i in issues] == [
        ("too-long", None, ""), ("two-ideas", 4, "You can see the nurse and then you can go home."),
        ("different-words", 5, "tablet, pills"), ("no-picture", 6, "After")]


def test_keys_are_short_stable_and_change_with_the_word_or_sentence() -> None:
    key = finding_key("uncommon-word", term="Atelectasis")
    assert len(key) == 8 and key == finding_key("uncommon-word", term="atelectasis")
    assert key != finding_key("uncommon-word", term="spirometry") != finding_key("jargon", term="atelectasis")
    assert finding_key("long-sentence", sentence="A  long\nsentence.") == finding_key("long-sentence", sentence="a long sentence.")


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=40), st.text(max_size=40))
def test_property_key_survives_unrelated_edits(sentence: str, elsewhere: str) -> None:
    # The key depends only on the code and the finding's own sentence, never the rest of the page.
    page_a, page_b = [sentence, "Rest."], [elsewhere, sentence, "Rest more."]
    assert finding_key("long-sentence", sentence=page_a[0]) == finding_key("long-sentence", sentence=page_b[1])


def test_acceptance_matches_lapses_at_next_review_and_reopens_when_the_word_changes() -> None:
    entry = Accepted("jargon", "salbutamol", "", "Matches the inhaler label.", "Editorial group", dt.date(2026, 11, 20))
    key = finding_key("jargon", term="Salbutamol")
    today, review = dt.date(2027, 1, 1), dt.date(2029, 1, 1)
    assert accepting([entry], "jargon", key, today, review) is entry
    assert accepting([entry], "jargon", key, review, review) is None
    assert accepting([entry], "jargon", finding_key("jargon", term="terbutaline"), today, review) is None
    assert unmatched([entry], {("jargon", finding_key("jargon", term="terbutaline"))}) == [entry]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["Rest well.", "Drink water.", "Call your nurse if you feel worse.",
                                 "Take your tablets with food every morning."]), max_size=6))
def test_property_finding_keys_survive_unrelated_edits_to_the_page(extra: list[str]) -> None:
    from sitegen.model import TextUnit
    from sitegen.plain import analyse, load_lexicon

    hard = "You may get atelectasis and need an ECG and " + " ".join(["then rest"] * 10) + "."
    def keys(before: list[str]) -> set[str]:
        units = [TextUnit(t, n + 1, "paragraph", "") for n, t in enumerate([*before, hard])]
        r = analyse(units, lexicon=load_lexicon())
        return ({finding_key("uncommon-word", term=h.key) for h in r.uncommon}
                | {finding_key("abbreviation", term=h.key) for h in r.abbreviations}
                | {finding_key("long-sentence", sentence=s.text) for s in r.long_sentences})
    assert keys(extra) == keys([])
