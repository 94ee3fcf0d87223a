"""Time and memory for pathological leaflets (the bounds the closing note and README state).

Each case runs in a fresh process: parse + analyse + render one leaflet. Prints a table;
nothing is asserted (timed assertions belong nowhere near a unit test on a shared machine).

    .venv/bin/python benchmarks/bench_pathological.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASES = {
    "600-level nested list": "'## Deep\\n\\n' + ''.join('  ' * d + '- level\\n' for d in range(600))",
    "5,000-deep block quote": "'## Deep\\n\\n' + '>' * 5000 + ' quoted\\n'",
    "10,000-row table": "'## Table\\n\\n| Dose | When |\\n|---|---|\\n' + ''.join(f'| {n} mg | morning |\\n' for n in range(10000))",
    "one 150,000-word line": "'## Long\\n\\n' + 'word ' * 150000",
    "20,000 nested emphasis runs": "'## Stars\\n\\n' + '*a **b ' * 20000",
    "1 MB of plain prose (the limit)": "'## Big\\n\\n' + 'Plain words here. ' * 55000",
}
PROGRAM = """
import datetime as dt, json, resource, sys, time
sys.path.insert(0, {tests!r})
from helpers import leaflet
from sitegen.config import SiteConfig
from sitegen.htmlrender import finish
from sitegen.plain import load_lexicon
from sitegen.site import analyse_leaflet
from sitegen.source import parse_leaflet
lexicon = load_lexicon()
raw = leaflet(body={body}).encode()
start = time.perf_counter()
found, problems = parse_leaflet("content/x.md", "x", raw)
page = analyse_leaflet(found, SiteConfig(), dt.date(2026, 11, 23), lexicon, {{}}) if found else None
html = finish(page.draft, {{}}) if page else ""
seconds = time.perf_counter() - start
print(json.dumps({{"bytes": len(raw), "seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "refused": [p.message for p in problems]}}))
"""


def main() -> None:
    print(f"{'case':34} {'size':>9} {'seconds':>8} {'peak MiB':>9}  result")
    for name, body in CASES.items():
        code = PROGRAM.format(tests=str(REPO / "tests"), body=body)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=600)
        if done.returncode != 0:
            print(f"{name:34} failed: {done.stderr.strip().splitlines()[-1]}")
            continue
        data = json.loads(done.stdout)
        result = "refused: " + data["refused"][0] if data["refused"] else "built"
        print(f"{name:34} {data['bytes'] / 1e6:8.2f}M {data['seconds']:8.2f} {data['peak_mib']:9.0f}  {result}")


if __name__ == "__main__":
    main()
