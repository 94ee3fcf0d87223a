"""Benchmark the plain-English pass: milliseconds per 1,000-word page on one core.

Run: ``.venv/bin/python benchmarks/bench_plain.py``. Prints figures; asserts nothing.
Pages are built from the test fixtures (plain leaflet text plus jargon passages), so
the mix of headings, list items, paragraphs and jargon is realistic.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.model import TextUnit  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "plain_english"


def to_units(text: str) -> list[TextUnit]:
    """Headings ("# "), list items ("- ") and paragraphs, as the Markdown stage gives them."""
    units: list[TextUnit] = []
    section, para, start = "", [], 1
    for n, line in enumerate(text.splitlines() + [""], start=1):
        if line.startswith(("# ", "- ")) or not line.strip():
            if para:
                units.append(TextUnit("\n".join(para), start, "paragraph", section))
                para = []
            if line.startswith("# "):
                section = line[2:]
                units.append(TextUnit(section, n, "heading", section))
            elif line.startswith("- "):
                units.append(TextUnit(line[2:], n, "list-item", section))
        elif not line.startswith(("#", "===", ".")):
            para, start = para + [line], (start if para else n)
    return units


def pages(words_per_page: int = 1000, jargon: bool = True) -> list[list[TextUnit]]:
    """Slice the fixture text into pages of about ``words_per_page`` words."""
    text = (FIXTURES / "plain.txt").read_text("utf-8")
    if jargon:  # the jargon passages make pages far denser in jargon than real leaflets
        text += (FIXTURES / "jargon.txt").read_text("utf-8")
    units = to_units(text)
    out, page, count = [], [], 0
    for unit in units * 3:
        page.append(unit)
        count += len(unit.text.split())
        if count >= words_per_page:
            out.append(page)
            page, count = [], 0
    return out


def cold_start() -> None:
    """Time the one-off loads in this process; measure their memory in a fresh one."""
    t0 = time.perf_counter()
    from sitegen.plain import load_lexicon
    from sitegen.plain.syllables import table

    table()
    t1 = time.perf_counter()
    lexicon = load_lexicon()
    t2 = time.perf_counter()
    from sitegen.plain import frequency

    words = frequency.table()
    t3 = time.perf_counter()
    again = time.perf_counter()
    assert frequency.table() is words  # loaded once per process
    again = time.perf_counter() - again
    probe = ("import tracemalloc; tracemalloc.start(); "
             "from sitegen.plain.syllables import table; table(); "
             "print(tracemalloc.get_traced_memory()[0] / 2**20)")
    mib = float(subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout)
    probe = probe.replace("from sitegen.plain.syllables import table; table()",
                          "from sitegen.plain.frequency import table; table()")
    freq_mib = float(subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                                    text=True, check=True).stdout)
    print(f"cold start: CMUdict table {1000 * (t1 - t0):.0f} ms ({mib:.1f} MiB), "
          f"lexicon {1000 * (t2 - t1):.0f} ms ({len(lexicon)} entries, {len(lexicon.index)} keys), "
          f"word frequencies {1000 * (t3 - t2):.0f} ms ({len(words)} words, {freq_mib:.1f} MiB; "
          f"a second call {1e6 * again:.0f} us: loaded once per process)")


def reference_ms() -> float:
    """A fixed pure-Python workload, so figures from a busy machine can be scaled."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        sum(range(1_000_000))
        best = min(best, time.process_time() - start)
    return best * 1000


def bench(work: list[list[TextUnit]], label: str, reference: float) -> None:
    from sitegen.plain import analyse, load_lexicon

    lexicon = load_lexicon()
    words = sum(analyse(page, lexicon=lexicon).page.words for page in work)  # also warms up
    # The machine is shared and noisy: report wall and CPU time, median and best of 15.
    wall, cpu = [], []
    for _ in range(15):
        w0, c0 = time.perf_counter(), time.process_time()
        for page in work:
            analyse(page, lexicon=lexicon)
        wall.append((time.perf_counter() - w0) * 1000 / (words / 1000))
        cpu.append((time.process_time() - c0) * 1000 / (words / 1000))
    print(f"analyse, {label}: {len(work)} pages, {words / len(work):.0f} words per page; "
          f"ms per 1,000 words (target <= 3): wall median {statistics.median(wall):.2f} "
          f"best {min(wall):.2f}; CPU median {statistics.median(cpu):.2f} best {min(cpu):.2f}; "
          f"best CPU / reference = {min(cpu) / reference:.3f}")


def main() -> None:
    cold_start()
    reference = reference_ms()
    print(f"reference: sum(range(10**6)) takes {reference:.1f} ms of CPU here")
    bench(pages(jargon=True), "jargon-dense pages", reference)
    bench(pages(jargon=False), "plain leaflet pages", reference)


if __name__ == "__main__":
    main()
