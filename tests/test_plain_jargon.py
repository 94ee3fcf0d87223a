"""Unit tests for jargon matching (sitegen.plain.jargon and sitegen.plain.lexicon)."""

from __future__ import annotations

import pytest

from sitegen.model import TextUnit
from sitegen.plain import analyse, load_lexicon


def hits(text: str, **kw: object) -> list[tuple[str, str, int, int]]:
    units = [TextUnit(text, 10, "paragraph", "")]
    result = analyse(units, lexicon=kw.pop("lexicon", load_lexicon()), **kw)  # type: ignore[arg-type]
    return [(h.term, h.key, h.line, h.column) for h in result.jargon]


def keys(text: str, **kw: object) -> list[str]:
    return [k for _, k, _, _ in hits(text, **kw)]


def test_builtin_lexicon_has_at_least_250_entries_each_with_a_source() -> None:
    lexicon = load_lexicon()
    assert len(lexicon) >= 250
    assert all(e.source and e.suggestion for e in lexicon.entries.values())


def test_lexicon_is_cached() -> None:
    assert load_lexicon() is load_lexicon()
    assert load_lexicon({"x": "y"}) is load_lexicon({"x": "y"})


@pytest.mark.parametrize("word", ["haemorrhage", "haemorrhages", "Haemorrhage", "HAEMORRHAGE", "hemorrhage"])
def test_inflections_case_and_us_spelling_match(word: str) -> None:
    assert keys(f"There was a {word} today.") == ["haemorrhage"]


@pytest.mark.parametrize("word", ["utilise", "utilised", "utilises", "utilising", "utilize"])
def test_verb_inflections_match(word: str) -> None:
    assert keys(f"We {word} it.") == ["utilise"]


def test_doubled_consonant_and_latin_plural() -> None:
    assert keys("It occurred twice.") == ["occur"]
    assert keys("Metastases were seen.") == ["metastasis"]
    assert keys("The nurse administered it.") == ["administer"]


def test_multi_word_terms_win_over_their_parts() -> None:
    assert keys("He had a myocardial infarction.") == ["myocardial infarction"]
    assert keys("You must comply with the rules.") == ["comply with"]
    assert keys("She complied with the rules.") == ["comply with"]
    assert keys("Report any adverse effects.") == ["adverse effect"]


def test_multi_word_term_across_a_soft_line_break() -> None:
    assert hits("Tell us in the event\nthat you feel worse.") == [("in the event\nthat", "in the event that", 10, 9)]


def test_hyphens_and_dotted_abbreviations() -> None:
    assert keys("Sit in a water-infection clinic.") == ["water infection"]
    assert keys("Bring snacks, e.g. fruit.") == ["eg"]
    assert keys("Bring snacks, eg fruit.") == ["eg"]


def test_apostrophes_and_possessives() -> None:
    assert keys("The uterus's lining grows.") == ["uterus"]
    assert keys("The uterus\u2019s lining grows.") == ["uterus"]


def test_one_hit_per_term_per_page_at_the_first_use() -> None:
    units = [TextUnit("The haemorrhage stopped.", 1, "paragraph", ""),
             TextUnit("Another haemorrhage and more haemorrhages.", 3, "paragraph", "")]
    result = analyse(units, lexicon=load_lexicon())
    assert [(h.key, h.line) for h in result.jargon] == [("haemorrhage", 1)]


@pytest.mark.parametrize("text", [
    "You may have piles (haemorrhoids).",
    "You may have haemorrhoids (piles).",
    "A dull ache in your tummy (abdomen).",
    "Swollen veins, sometimes called haemorrhoids, are common.",
    "Piles (also called haemorrhoids) are common.",
])
def test_explained_terms_are_not_flagged(text: str) -> None:
    assert keys(text) == []


def test_once_explained_later_uses_are_fine_but_earlier_ones_are_not() -> None:
    assert keys("You may have piles (haemorrhoids). Haemorrhoids can bleed.") == []
    assert keys("Haemorrhoids can bleed. Piles (haemorrhoids) are common.") == ["haemorrhoids"]


def test_an_abbreviation_in_brackets_does_not_explain() -> None:
    assert keys("You had a myocardial infarction (MI).") == ["myocardial infarction"]


def test_brackets_with_a_long_aside_do_not_explain() -> None:
    assert keys("Rest (and call us if the haemorrhage comes back).") == ["haemorrhage"]


def test_keep_terms_with_inflections_and_phrases() -> None:
    assert keys("The haemorrhages stopped.", keep_terms=("haemorrhage",)) == []
    assert keys("Go to the renal unit. Your renal team will call.", keep_terms=("renal unit",)) == ["renal"]


def test_glossary_terms_are_not_flagged() -> None:
    assert keys("Use the nebuliser twice a day. Take the analgesic.",
                glossary={"analgesic": "a painkiller"}) == []


def test_allows_are_not_flagged_and_are_returned() -> None:
    units = [TextUnit("A subarachnoid haemorrhage is a bleed.", 4, "paragraph", "")]
    allows = (("haemorrhage", "name of the condition", 3),)
    result = analyse(units, lexicon=load_lexicon(), allows=allows)
    assert result.jargon == ()
    assert result.allowed == allows


@pytest.mark.parametrize("text", [
    "Acute lymphoblastic leukaemia is a cancer.",
    "Chronic obstructive pulmonary disease makes breathing hard.",
    "Chronic fatigue syndrome is tiring.",
    "Acute kidney injury can be treated.",
    "She has Acute Myeloid Leukaemia.",
    "He had chronic bronchitis.",
])
def test_context_terms_are_fine_in_condition_names(text: str) -> None:
    assert keys(text) == []


def test_context_terms_are_flagged_elsewhere() -> None:
    assert keys("It causes acute pain.") == ["acute"]
    assert keys("A chronic cough is common.") == ["chronic"]
    lexicon = load_lexicon()
    assert "context" in lexicon.entries["acute"].flags


def test_exception_phrases() -> None:
    assert keys("Scarlet fever is common in children.") == []
    assert keys("You may get a fever.") == ["fever"]
    assert keys("Book your diabetic eye screening.") == []


def test_policy_words_are_off_by_default() -> None:
    assert keys("The key thing is to deliver a robust focus.") == []
    policy = load_lexicon(include_policy=True)
    assert set(keys("The key thing is to deliver a robust focus.", lexicon=policy)) == {
        "key", "deliver", "robust", "focus"}


def test_site_terms_add_override_and_drop() -> None:
    lexicon = load_lexicon({"nebuliser": "breathing machine", "haemorrhage": "", "renal": "kidney (site)"})
    found = hits("The nebuliser helps. A haemorrhage. A renal test.", lexicon=lexicon)
    assert [k for _, k, _, _ in found] == ["nebuliser", "renal"]
    assert lexicon.entries["nebuliser"].source == "site"
    assert lexicon.entries["renal"].suggestion == "kidney (site)"


def test_hit_carries_term_as_written_suggestion_source_line_and_column() -> None:
    units = [TextUnit("Rest well.\nThe Haemorrhage may\n  stop.", 7, "paragraph", "S")]
    (hit,) = analyse(units, lexicon=load_lexicon()).jargon
    assert (hit.term, hit.key, hit.line, hit.column) == ("Haemorrhage", "haemorrhage", 8, 5)
    assert hit.suggestion == "a very heavy bleed"
    assert hit.source == "nhs-az"


def test_disagreeing_sources_keep_both_alternatives() -> None:
    entry = load_lexicon().entries["oesophagus"]
    assert entry.suggestion == "food pipe; gut"
    assert set(entry.source.split(",")) == {"sitegen", "nala-medical"}
    assert {"nhs-az", "cdc-thesaurus"} <= set(load_lexicon().entries["abdomen"].source.split(","))


def test_data_rows_have_at_most_six_columns() -> None:
    from importlib import resources

    text = resources.files("sitegen.plain").joinpath("data/jargon.tsv").read_text("utf-8")
    bad = [line for line in text.splitlines() if not line.startswith("#") and line.count("\t") > 5]
    assert bad == []


def test_inflection_does_not_invent_unrelated_nouns() -> None:
    assert keys("Use your inhaler. Consumer rights apply.") == []


def test_every_source_id_is_listed_in_sources_md() -> None:
    from importlib import resources

    data = resources.files("sitegen.plain").joinpath("data")
    listed = data.joinpath("SOURCES.md").read_text("utf-8")
    ids = {s.strip() for line in data.joinpath("jargon.tsv").read_text("utf-8").splitlines()
           if line.strip() and not line.startswith("#") for s in line.split("\t")[2].split(",")}
    assert ids and all(f"`{i}`" in listed for i in ids), ids
