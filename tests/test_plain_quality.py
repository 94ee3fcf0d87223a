"""Quality figures for the plain-English pass, measured on the fixtures.

These tests fail if jargon recall drops below 90 %, if plain leaflet text raises more
than 1 false jargon finding per 1,000 words, or if the reading-age examples move.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.model import TextUnit
from sitegen.plain import analyse, load_lexicon

FIXTURES = Path(__file__).parent / "fixtures" / "plain_english"


def units_from_markdownish(text: str, first_line: int = 1) -> list[TextUnit]:
    """Tiny stand-in for the Markdown stage: headings, list items and paragraphs."""
    units: list[TextUnit] = []
    section = ""
    para: list[str] = []
    para_line = first_line

    def flush() -> None:
        if para:
            units.append(TextUnit("\n".join(para), para_line, "paragraph", section))
            para.clear()

    for n, line in enumerate(text.splitlines(), start=first_line):
        if line.startswith("# "):
            flush()
            section = line[2:].strip()
            units.append(TextUnit(section, n, "heading", section))
        elif line.startswith("- "):
            flush()
            units.append(TextUnit(line[2:].strip(), n, "list-item", section))
        elif not line.strip():
            flush()
        else:
            if not para:
                para_line = n
            para.append(line.strip())
    flush()
    return units


def jargon_cases() -> list[tuple[str, str, list[str]]]:
    """(title, input, expected keys) from jargon.txt (markdown-it-py fixture style)."""
    body = "\n".join(l for l in (FIXTURES / "jargon.txt").read_text("utf-8").splitlines()
                     if not l.startswith("#") or l.startswith("# ")) + "\n"
    parts = body.split("\n.\n")
    cases = []
    for i in range(0, len(parts) - 2, 3):
        title = parts[i].strip().splitlines()[-1]
        expected = [t.strip() for t in parts[i + 2].splitlines() if t.strip()]
        cases.append((title, parts[i + 1], expected))
    return cases


def plain_passages() -> list[tuple[str, tuple[str, ...], str]]:
    """(title, keep_terms, text) from plain.txt."""
    out = []
    text = (FIXTURES / "plain.txt").read_text("utf-8")
    for chunk in ("\n" + text).split("\n=== ")[1:]:
        head, _, text = chunk.partition("\n")
        title, _, keep = head.partition("| keep:")
        keep_terms = tuple(k.strip() for k in keep.split(",") if k.strip())
        out.append((title.strip(), keep_terms, text))
    return out


def word_count(units: list[TextUnit]) -> int:
    return analyse(units, lexicon=load_lexicon(), min_sentences=1).page.words


# --------------------------------------------------------------------------- jargon recall

def test_jargon_fixture_has_at_least_60_distinct_terms() -> None:
    keys = {k for _, _, expected in jargon_cases() for k in expected}
    assert len(keys) >= 60
    lexicon = load_lexicon()
    assert keys <= set(lexicon.entries), keys - set(lexicon.entries)


def test_jargon_recall_at_least_90_percent() -> None:
    lexicon = load_lexicon()
    expected_all: set[str] = set()
    found_all: set[str] = set()
    for _title, text, expected in jargon_cases():
        result = analyse(units_from_markdownish(text), lexicon=lexicon)
        found = {h.key for h in result.jargon if h.suggestion}
        expected_all |= set(expected)
        found_all |= found & set(expected)
    recall = len(found_all) / len(expected_all)
    assert recall >= 0.90, sorted(expected_all - found_all)


@pytest.mark.parametrize("title,text,expected", jargon_cases(),
                         ids=[title for title, _, _ in jargon_cases()])
def test_each_jargon_case(title: str, text: str, expected: list[str]) -> None:
    result = analyse(units_from_markdownish(text), lexicon=load_lexicon())
    keys = [h.key for h in result.jargon]
    assert len(keys) == len(set(keys)), "one hit per term per page"
    missing = set(expected) - set(keys)
    assert len(missing) <= max(1, len(expected) // 10), (title, missing)


# --------------------------------------------------------------------------- false alarms

def test_plain_fixture_is_at_least_2000_words() -> None:
    total = sum(word_count(units_from_markdownish(t)) for _, _, t in plain_passages())
    assert total >= 2000


def test_plain_text_false_jargon_rate_at_most_1_per_1000_words() -> None:
    lexicon = load_lexicon()
    words = 0
    false_hits = []
    for title, keep, text in plain_passages():
        units = units_from_markdownish(text)
        result = analyse(units, lexicon=lexicon, keep_terms=keep, min_sentences=1)
        words += result.page.words
        false_hits += [(title, h.term, h.line) for h in result.jargon]
    assert len(false_hits) * 1000 / words <= 1.0, false_hits


# --------------------------------------------------------------------------- reading age

SHORT_PLAIN = """\
# Washing your hands

Wash your hands often. Use soap and warm water. Rub your hands together for
20 seconds. Do not forget your thumbs. Clean under your nails too. Rinse off the
soap. Dry your hands on a clean towel. Wash them after you use the toilet. Wash
them before you eat or cook. This helps to stop germs from spreading. It keeps you
and your family well.
"""

DENSE_CLINICAL = """\
# Management of acute exacerbations

Patients presenting with an acute exacerbation of chronic obstructive pulmonary
disease should receive controlled oxygen therapy titrated to achieve peripheral
saturations between 88 and 92 percent. Nebulised bronchodilators should be
administered immediately, and systemic corticosteroids considered unless
contraindicated. Antibiotic therapy is indicated where there is increased sputum
purulence. Non-invasive ventilation should be considered for persistent hypercapnic
respiratory acidosis despite optimal medical management. Arterial blood gas analysis
should be repeated within sixty minutes of initiating ventilation. Comorbidities,
particularly cardiovascular disease, significantly influence prognosis and
subsequent hospitalisation. Pulmonary rehabilitation following discharge demonstrably
reduces readmission frequency. Multidisciplinary discharge planning facilitates
continuity between secondary and primary care. Pharmacological optimisation requires
consideration of inhaler technique, adherence and polypharmacy. Documentation of
escalation preferences is essential for individuals with severe functional limitation.
"""


def test_short_plain_passage_reading_age_at_most_11() -> None:
    result = analyse(units_from_markdownish(SHORT_PLAIN), lexicon=load_lexicon())
    assert result.page.enough_text
    assert result.page.reading_age is not None and result.page.reading_age <= 11


def test_dense_clinical_passage_reading_age_over_14() -> None:
    result = analyse(units_from_markdownish(DENSE_CLINICAL), lexicon=load_lexicon())
    assert result.page.enough_text
    assert result.page.reading_age is not None and result.page.reading_age > 14


def test_bullet_list_without_full_stops_is_not_one_sentence() -> None:
    text = "# Things to bring\n\n" + "\n".join(
        f"- your {w} and anything else you might want to bring with you on the day"
        for w in ("letter", "medicines", "glasses", "phone", "charger", "book", "snacks"))
    result = analyse(units_from_markdownish(text), lexicon=load_lexicon(), min_sentences=1)
    assert result.page.sentences == 8
    assert result.long_sentences == ()
