"""Reproduce the constants of sitegen/plain/readingage.py from the CLEAR corpus.

Run: ``.venv/bin/python benchmarks/calibrate_reading_age.py --clear CLEAR.csv`` (the full
corpus saved as CSV; without ``--clear`` it runs on the 153-excerpt sample, which gives
rougher numbers). Prints the fitted constants; changes nothing.

1. Shape: least squares of the teachers' difficulty (``-BT_easiness``) on words per
   sentence, syllables per word and rarity per word (sitegen's own counts).
2. Scale: least squares of each excerpt's US grade (from its Lexile band,
   ``plaindata.lexile_grade``) on that score.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import plaindata  # noqa: E402
from sitegen.model import TextUnit  # noqa: E402
from sitegen.plain.analysis import _total, _unit_sentences  # noqa: E402


def features(text: str) -> list[float] | None:
    sentences: list = []
    for n, paragraph in enumerate(p for p in text.split("\n") if p.strip()):
        _unit_sentences(TextUnit(paragraph.strip(), n + 1, "paragraph", ""), sentences)
    c = _total(sentences)
    if c.sentences == 0 or c.words == 0:
        return None
    return [1.0, c.words / c.sentences, c.syllables / c.words, c.rarity / c.words]


def least_squares(rows: list[list[float]], target: list[float]) -> list[float]:
    """Normal equations solved by Gaussian elimination (no numpy needed)."""
    n = len(rows[0])
    a = [[sum(r[i] * r[j] for r in rows) for j in range(n)] + [sum(r[i] * t for r, t in zip(rows, target))]
         for i in range(n)]
    for i in range(n):
        pivot = max(range(i, n), key=lambda k: abs(a[k][i]))
        a[i], a[pivot] = a[pivot], a[i]
        for k in range(i + 1, n):
            f = a[k][i] / a[i][i]
            a[k] = [x - f * y for x, y in zip(a[k], a[i])]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (a[i][n] - sum(a[i][j] * x[j] for j in range(i + 1, n))) / a[i][i]
    return x


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clear", type=Path, default=None)
    args = parser.parse_args()
    rows, difficulty, grade = [], [], []
    for row in plaindata.clear(args.clear):
        f = features(row["Excerpt"])
        if f is not None:
            rows.append(f)
            difficulty.append(-float(row["BT_easiness"]))
            grade.append(plaindata.lexile_grade(row["Lexile Band"]))
    shape = least_squares(rows, difficulty)
    score = [sum(a * b for a, b in zip(r, shape)) for r in rows]
    base, slope = least_squares([[1.0, s] for s in score], grade)
    print(f"{len(rows)} excerpts")
    print(f"GRADE_BASE = {base + slope * shape[0]:.3f}")
    for name, weight in zip(("GRADE_WPS", "GRADE_SPW", "GRADE_RARITY"), shape[1:]):
        print(f"{name} = {slope * weight:.3f}")


if __name__ == "__main__":
    main()
