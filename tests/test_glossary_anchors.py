"""Glossary ids: one per term, in any script (an Urdu glossary once gave every term the id ``term-``)."""

from __future__ import annotations

from hypothesis import given, strategies as st

from sitegen.htmlrender import term_anchor

letters = st.characters(categories=("Lu", "Ll", "Lo", "Nd"))
word = st.text(letters, min_size=1, max_size=8)
term = st.lists(word, min_size=1, max_size=3).map(" ".join)


@given(term, term)
def test_different_terms_get_different_ids(first: str, second: str) -> None:
    if first.casefold() != second.casefold():
        assert term_anchor(first) != term_anchor(second)


@given(st.text(min_size=1, max_size=30))
def test_an_id_is_never_empty_and_never_holds_a_space(text: str) -> None:
    anchor = term_anchor(text)
    assert anchor.startswith("term-") and len(anchor) > len("term-")
    assert not any(ch.isspace() for ch in anchor)


def test_terms_in_other_scripts_keep_their_letters() -> None:
    assert [term_anchor(t) for t in ("Ffôn", "血圧", "Asthma attack")] == ["term-ffôn", "term-血圧", "term-asthma-attack"]
