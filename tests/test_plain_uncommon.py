"""Uncommon words (sitegen.plain.uncommon) and abbreviations (sitegen.plain.abbreviations)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.model import TextUnit
from sitegen.plain import analyse, load_lexicon
from sitegen.plain.uncommon import is_uncommon
from sitegen.source import parse_leaflet

FIXTURES = Path(__file__).parent / "fixtures" / "plain_english"


def run(text: str, **kw: object):  # type: ignore[no-untyped-def]
    units = [TextUnit(p, n + 1, "paragraph", "") for n, p in enumerate(text.split("\n\n"))]
    return analyse(units, lexicon=load_lexicon(), **kw)  # type: ignore[arg-type]


def uncommon(text: str, **kw: object) -> list[str]:
    return [h.term for h in run(text, **kw).uncommon]


def abbreviations(text: str, **kw: object) -> list[str]:
    return [h.term for h in run(text, **kw).abbreviations]


# --------------------------------------------------------------------------- uncommon words

@pytest.mark.parametrize("word", ["cardiomyopathy", "atelectasis", "osteoporosis", "epithelium",
                                  "catalepsy", "insufficiency", "pancreatic"])
def test_rare_medical_words_from_the_issue_are_uncommon(word: str) -> None:
    assert is_uncommon(word)


@pytest.mark.parametrize("word", ["blood", "tummy", "breathless", "toothache", "unwell", "tightness",
                                  "bruise", "asthma", "diabetes", "leaflet", "paracetamol", "wheezing"])
def test_everyday_words_are_not_uncommon(word: str) -> None:
    assert not is_uncommon(word)


def test_first_use_is_reported_with_line_and_column() -> None:
    result = run("Rest well.\n\nYou may have atelectasis after surgery. Atelectasis gets better.")
    (hit,) = result.uncommon
    assert (hit.term, hit.key, hit.line, hit.column, hit.suggestion) == ("atelectasis", "atelectasis", 2, 14, "")


def test_neighbouring_uncommon_words_are_one_phrase() -> None:
    assert uncommon("Some people get pancreatic insufficiency.") == ["pancreatic insufficiency"]


@pytest.mark.parametrize("text", [
    "You may have atelectasis (a collapsed part of the lung).",
    "You may have a collapsed lung (atelectasis).",
    "This is sometimes called atelectasis.",
    "Spirometry is a breathing test. Atelectasis means part of the lung has collapsed.",
])
def test_explained_on_first_use_in_either_order_is_not_reported(text: str) -> None:
    assert uncommon(text) == []


def test_a_use_before_the_explanation_is_still_reported() -> None:
    assert uncommon("Atelectasis is common.\n\nAtelectasis (a collapsed lung) gets better.") == ["Atelectasis"]


def test_names_title_words_keep_terms_and_glossary_are_not_reported() -> None:
    assert uncommon("Ask Dr Okonkwo or Mrs Szczepanska at Northfield.") == []
    assert uncommon("Atelectasis can follow surgery.", title="Atelectasis after surgery") == []
    assert uncommon("Atelectasis can follow surgery.", keep_terms=["atelectasis"]) == []
    assert uncommon("Atelectasis can follow surgery.", glossary={"atelectasis": "a collapsed lung"}) == []


def test_a_sentence_first_name_used_mid_sentence_elsewhere_is_a_name() -> None:
    assert uncommon("Okonkwo runs the clinic. Please ask Okonkwo first.") == []


def test_lexicon_terms_are_left_to_the_jargon_check() -> None:
    result = run("Post-operative pain is normal.")
    assert [h.term for h in result.jargon] == ["Post-operative"] and result.uncommon == ()


def test_knee_replacement_leaflet_words_are_all_reported() -> None:
    path = FIXTURES / "knee-replacement.md"
    leaflet, problems = parse_leaflet(str(path), "knee-replacement", path.read_bytes())
    assert problems == [] and leaflet is not None
    result = analyse(leaflet.body.units, lexicon=load_lexicon(), title=leaflet.meta.title)
    reported = {h.term.lower() for h in (*result.jargon, *result.uncommon)}
    assert {"prosthesis", "thromboembolism", "post-operative", "general anaesthetic", "spirometry"} <= reported


def test_works_with_sockets_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen.plain import frequency

    monkeypatch.setattr(frequency, "_table", None)  # force a fresh load from the package data
    monkeypatch.setattr(socket.socket, "connect", lambda *a, **k: (_ for _ in ()).throw(OSError("no network")))
    assert uncommon("Spirometry checks your lungs. Catalepsy is rare.") == ["Catalepsy"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["atelectasis", "catalepsy", "epithelium", "cardiomyopathy"]),
       st.sampled_from(["a collapsed part of the lung", "a kind of illness", "the lining of the body"]),
       st.booleans(), st.text(alphabet="abcdefgh ", max_size=30))
def test_property_explained_on_first_use_is_never_reported(term: str, plain: str, term_first: bool,
                                                           filler: str) -> None:
    explained = f"{term} ({plain})" if term_first else f"{plain} ({term})"
    text = f"Some {filler.strip() or 'words'} here. You may have {explained}. Later the {term} is gone."
    assert term not in [t.lower() for t in uncommon(text)]


# --------------------------------------------------------------------------- abbreviations

@pytest.mark.parametrize("text", [
    "You have chronic obstructive pulmonary disease (COPD). COPD is a lung condition.",
    "COPD (chronic obstructive pulmonary disease) is a lung condition.",
    "You have chronic obstructive pulmonary disease, or COPD.",
    "You may have an ECG, which stands for electrocardiogram.",
])
def test_spelled_out_abbreviations_are_not_reported(text: str) -> None:
    assert abbreviations(text) == []


def test_unexplained_abbreviation_reported_once_at_first_use() -> None:
    result = run("You will have an ECG. The ECG takes 5 minutes. ECGs do not hurt.")
    assert [(h.term, h.key, h.column) for h in result.abbreviations] == [("ECG", "ECG", 18)]


def test_everyday_abbreviations_shouting_and_numerals_are_not_reported() -> None:
    assert abbreviations("See your GP or go to A&E. The NHS is free in the UK. CALL 999 NOW. Type II diabetes.") == []


def test_keep_terms_cover_abbreviations() -> None:
    assert abbreviations("Your HbA1c shows your sugar levels.", keep_terms=["HbA1c"]) == []
    assert abbreviations("Your HbA1c shows your sugar levels.") == ["HbA1c"]


# --------------------------------------------------------------------------- fixture cases

def word_cases() -> list[tuple[str, str, list[str]]]:
    """(title, input, expected) from fixtures/plain_english/words.txt (markdown-it-py fixture style)."""
    body = "\n".join(l for l in (FIXTURES / "words.txt").read_text("utf-8").splitlines()
                     if not l.startswith("#") or l.startswith("# ")) + "\n"
    parts = body.split("\n.\n")
    return [(parts[i].strip().splitlines()[-1], parts[i + 1], [t.strip() for t in parts[i + 2].splitlines() if t.strip() and t.strip() != "(none)"])
            for i in range(0, len(parts) - 2, 3)]


@pytest.mark.parametrize("title,text,expected", word_cases(), ids=[c[0] for c in word_cases()])
def test_fixture_cases(title: str, text: str, expected: list[str]) -> None:
    from test_plain_quality import units_from_markdownish

    result = analyse(units_from_markdownish(text), lexicon=load_lexicon(), title=title)
    found = [f"uncommon: {h.key}" for h in result.uncommon] + [f"abbreviation: {h.key}" for h in result.abbreviations]
    assert found == expected
