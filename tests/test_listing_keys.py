"""The listing pages' cache keys: ``SharedRepr`` writes each shared tuple's repr once, and must
give exactly ``repr``, or a listing page would be reused when what it shows has changed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitegen.render import SharedRepr
from sitegen.views import LetterGroup, PageRef

texts = st.text(max_size=8)
refs = st.builds(PageRef, texts, texts, texts)
leaves = st.one_of(texts, st.integers(), st.none(), st.booleans(), refs)
values = st.recursive(leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=4).map(tuple),
    st.dictionaries(texts, inner, max_size=3),
    st.builds(LetterGroup, texts, texts, st.just(())),
), max_leaves=25)


@given(values)
def test_shared_repr_is_repr(value) -> None:
    assert SharedRepr().of(value) == repr(value)


@given(st.lists(values, min_size=1, max_size=4))
def test_a_tuple_shown_twice_gives_the_same_text_both_times(parts) -> None:
    shared = tuple(parts)
    context = {"letters": shared, "again": (shared, shared), "one": (shared,)}
    reprs = SharedRepr()
    assert reprs.of(context) == repr(context)
    assert reprs.of({"letters": shared}) == repr({"letters": shared})


def test_a_mutable_value_is_written_again_each_time() -> None:
    reprs = SharedRepr()
    rows = [PageRef("Asthma", "asthma/")]
    first = reprs.of({"rows": rows})
    rows.append(PageRef("Sleep", "sleep/"))
    assert first != reprs.of({"rows": rows}) == repr({"rows": rows})
