"""A fingerprint copied by hand with a slip is called a slip, on its own line (issue 14, item 4)."""

from __future__ import annotations

from hypothesis import given, strategies as st

from helpers import leaflet, run_cli

from sitegen.fingerprint import fingerprint, near_miss

BODY = "## What it is\n\nAsthma makes it hard to breathe.\n"


def _with_patient_fingerprint(written: str) -> str:
    text = leaflet(body=BODY)
    current = fingerprint("Living with asthma", "How to look after your asthma.", BODY)
    head, tail = text.split("  - name: Maria Lopez\n    role: patient\n    date: 2026-03-10\n")
    return head + "  - name: Maria Lopez\n    role: patient\n    date: 2026-03-10\n" + tail.replace(current, written, 1)


def test_one_wrong_character_is_called_a_copying_slip(site) -> None:
    current = fingerprint("Living with asthma", "How to look after your asthma.", BODY)
    slip = current[:-1] + ("0" if current[-1] != "0" else "1")
    root = site({"content/asthma.md": _with_patient_fingerprint(slip)})
    lines = (root / "content" / "asthma.md").read_text(encoding="utf-8").split("\n")
    line = lines.index(f"    fingerprint: {slip}") + 1
    result = run_cli("check", "--site", str(root))
    assert (f"content/asthma.md:{line}: blocker: not published: this fingerprint is not this text's: "
            f"did you copy it correctly? This text's fingerprint is {current} [signoff-stale]\n"
            f"    hint: if Maria Lopez approved the text on the page now, change this line to: fingerprint: {current}"
            ) in result.out
    assert "signed an earlier version" not in result.out


def test_a_fingerprint_of_other_words_is_still_an_earlier_version(site) -> None:
    root = site({"content/asthma.md": _with_patient_fingerprint("0123456789")})
    result = run_cli("check", "--site", str(root))
    assert "Maria Lopez signed an earlier version on 2026-03-10" in result.out
    assert "did you copy it correctly" not in result.out


def test_near_misses() -> None:
    assert near_miss("66e8de94d7", "66e8de94d1")  # the example
    assert near_miss("66e8de9d1", "66e8de94d1")  # one missing
    assert near_miss("6e68de94d1", "66e8de94d1")  # two swapped
    assert near_miss("66e8de94", "66e8de94d1")  # the end left off
    assert not near_miss("66e8de94d1", "66e8de94d1")
    assert not near_miss("3f9a2c1b0e", "66e8de94d1")


@given(st.text("0123456789abcdef", min_size=10, max_size=10), st.text("0123456789abcdef", min_size=10, max_size=10))
def test_near_miss_is_symmetric_for_same_length(a: str, b: str) -> None:
    assert near_miss(a, b) == near_miss(b, a)
