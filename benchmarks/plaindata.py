"""Readers for the public data sets in benchmarks/data/ (samples) or their full versions.

Each reader returns plain Python values; none downloads anything. See
benchmarks/data/README.md for sources and licences.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# MetaMetrics, "Grade-level equivalents of Lexile measures" (text measures): grade 1
# 200-400L, 2 300-500L, 3 500-700L, 4 650-850L, 5 750-950L, 6 850-1050L, 7 950-1075L,
# 8 1000-1100L, 9 1050-1150L, 10 1100-1200L, 11-12 1100-1300L. Band midpoints here.
LEXILE_GRADE = [(300, 1), (400, 2), (600, 3), (750, 4), (850, 5), (950, 6), (1012, 7),
                (1050, 8), (1100, 9), (1150, 10), (1200, 11.5)]


def lexile_grade(band: str) -> float:
    """US grade for a CLEAR Lexile band ("900", "410L-600L"); one grade per 100L past the chart."""
    band = band.replace("L", "").replace(" ", "")
    value = sum(map(float, band.split("-"))) / len(band.split("-"))
    (low, g_low) = LEXILE_GRADE[0]
    if value <= low:
        return g_low - (low - value) / 100
    for (a, ga), (b, gb) in zip(LEXILE_GRADE, LEXILE_GRADE[1:]):
        if value <= b:
            return ga + (gb - ga) * (value - a) / (b - a)
    return LEXILE_GRADE[-1][1] + (value - LEXILE_GRADE[-1][0]) / 100


def wcl(path: Path | None = None) -> list[tuple[str, float]]:
    """(word, complexity 1-6) from the Word Complexity Lexicon."""
    rows = (line.rstrip("\n").split("\t") for line in _read(path or DATA / "wcl" / "sample.tsv").splitlines())
    return [(r[0].strip(), float(r[1])) for r in rows if len(r) >= 2 and r[0].strip()]


def cwi(folder: Path) -> list[tuple[str, int, int, str, float]]:
    """(sentence, start, end, target, share of 20 annotators who marked it) from CWI 2018 English TSVs."""
    out = []
    for tsv in sorted(folder.glob("*.tsv")):
        for line in _read(tsv).splitlines():
            c = line.split("\t")
            if len(c) >= 11 and " " not in c[4]:
                out.append((c[1], int(c[2]), int(c[3]), c[4], float(c[10])))
    return out


def cdc(path: Path | None = None) -> tuple[set[str], set[str]]:
    """(hard, plain) single words from the CDC Plain Language Thesaurus for Health Communications.

    Hard: one-word terms the thesaurus gives plainer words for. Plain: the words of its
    plain alternatives ("stomach, belly, tummy"), less any that are also hard terms and
    words of under 4 letters. The file is ``term<TAB>plain alternatives`` per line.
    """
    hard: set[str] = set()
    plain: set[str] = set()
    for line in _read(path or DATA / "cdc" / "sample.tsv").splitlines():
        term, _, alternatives = line.partition("\t")
        if term.strip() and " " not in term.strip():
            hard.add(term.strip().lower())
        plain.update(w.lower() for w in re.findall(r"[A-Za-z]+(?:'[a-z]+)?", alternatives) if len(w) >= 4)
    return hard, plain - hard


def onestop(folder: Path | None = None) -> list[tuple[str, str, str]]:
    """(name, advanced text, elementary text) pairs."""
    folder = folder or DATA / "onestopenglish"
    advanced = sorted(folder.rglob("*-adv.txt"))
    pairs = []
    for adv in advanced:
        ele = next(iter(folder.rglob(adv.name[:-len("-adv.txt")] + "-ele.txt")), None)
        if ele is not None:
            pairs.append((adv.name[:-8], _read(adv), _read(ele)))
    return pairs


def medwiki(path: Path | None = None, size: int = 5) -> list[tuple[str, str]]:
    """(technical, plain) texts of ``size`` consecutive changed sentence pairs."""
    lines = [line.split("\t") for line in _read(path or DATA / "medwiki" / "sample.tsv").splitlines()]
    changed = [(a, b) for a, b, *_ in (l for l in lines if len(l) >= 2) if a.strip() != b.strip()]
    texts = []
    for k in range(0, len(changed) - size + 1, size):
        chunk = changed[k:k + size]
        texts.append((_detok(" ".join(a for a, _ in chunk)), _detok(" ".join(b for _, b in chunk))))
    return texts


def clear(path: Path | None = None) -> list[dict[str, str]]:
    """CLEAR rows with at least ``Excerpt``, ``Lexile Band`` and ``BT_easiness``."""
    csv.field_size_limit(sys.maxsize)
    with open(path or DATA / "clear" / "sample.csv", newline="", encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if r.get("Excerpt")]


def _read(path: Path) -> str:
    return Path(path).read_text("utf-8-sig", errors="replace").replace("\r", "")


def _detok(text: str) -> str:
    """Undo the data set's tokenisation ("word , word ." -> "word, word.")."""
    return re.sub(r"\s+([,.;:!?)])", r"\1", re.sub(r"([(])\s+", r"\1", text))
