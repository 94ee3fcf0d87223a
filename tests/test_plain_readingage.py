"""sitegen's reading age (sitegen.plain.readingage), confidence and what drives it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.model import TextUnit
from sitegen.plain import analyse, load_lexicon, readingage


def run(*paragraphs: str):  # type: ignore[no-untyped-def]
    units = [TextUnit(p, n * 2 + 1, "paragraph", "Section" if n else "") for n, p in enumerate(paragraphs)]
    return analyse(units, lexicon=load_lexicon())


PLAIN = "Take one tablet. Drink some water. Rest in bed. Call us if you feel worse."


def test_formula_by_hand() -> None:
    # 100 words, 10 sentences, 150 syllables, rarity 20 (constants of readingage.py)
    assert readingage.age(100, 10, 150, 20.0) == round(-8.875 + 0.231 * 10 + 6.631 * 1.5 + 14.42 * 0.2 + 5, 1) == 11.3


def test_an_age_for_three_sentences_with_low_confidence_and_none_for_two() -> None:
    assert run("Rest. Drink water. Sleep.").age.age is not None
    assert run("Rest. Drink water. Sleep.").age.confidence == "low"
    assert run("Rest. Drink water.").age.age is None
    assert run(" ".join(["Rest now."] * 10)).age.confidence == "normal"


def test_rare_words_and_unknown_abbreviations_raise_the_age() -> None:
    plain = run(PLAIN).age.age
    technical = run("Take one tablet. Drink some water. Rest in bed. Call us if you have atelectasis.").age.age
    abbreviated = run("Take one tablet. Drink some water. Rest in bed. Call us if your FEV1 drops.").age.age
    assert plain < technical and plain < abbreviated


def test_drivers_name_the_hard_sentence_and_word() -> None:
    result = run(PLAIN, "Postoperative atelectasis and thromboembolism are uncommon complications of arthroplasty.")
    top = result.age.drivers.sentences[0]
    assert top.line == 3 and top.section == "Section" and top.adds > 1
    assert {"atelectasis", "thromboembolism"} <= {w.word for w in result.age.drivers.words}


def test_the_number_moves_when_a_sentence_is_shortened_or_a_word_swapped() -> None:
    long = run(PLAIN, "You may feel tired and sore for several weeks after the operation while your body heals.")
    short = run(PLAIN, "You may feel tired and sore. It can last a few weeks.")
    swapped_before = run(PLAIN, "Your physiotherapist will show you exercises.")
    swapped_after = run(PLAIN, "Your physio will show you exercises.")
    assert short.age.age < long.age.age
    assert swapped_after.age.age < swapped_before.age.age


def test_named_formulas_stay_beside_the_age() -> None:
    page = run(PLAIN + " " + PLAIN).page
    assert page.smog is not None and page.flesch_reading_ease is not None and page.flesch_kincaid_grade is not None


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["Rest well.", "Drink water today.", "Call your nurse if you feel worse.",
                                 "Atelectasis is a collapsed lung.", "Take two tablets with food."]),
                min_size=3, max_size=20))
def test_property_every_text_of_three_sentences_gets_an_age(sentences: list[str]) -> None:
    age = run(" ".join(sentences)).age.age
    assert age is not None and readingage.MIN_AGE <= age < 30
