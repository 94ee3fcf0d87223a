"""Profile sitegen's three build cases on a generated site: cold, one-leaflet edit, no change.

    python benchmarks/profile_build.py [--leaflets 1000] [--jobs 2] [--top 25] [--case cold,edit,nochange] [--search]

Each case runs ``sitegen build`` in this process under cProfile (the forked workers are not
profiled: their time shows as the parent waiting; ``--jobs 1`` profiles the per-leaflet work
in-process instead) and prints wall time, the parent's peak RSS growth and the functions with
the most cumulative and own time. The site is generated in profile-n<N>/ under benchmarks/work.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import corpus  # noqa: E402
import run  # noqa: E402

from sitegen import cli  # noqa: E402


def build_once(site: Path, jobs: int, top: int, label: str, *extra: str) -> None:
    argv = ["build", "--site", str(site), "--today", run.PINNED_TODAY, "--no-pdf", "--jobs", str(jobs), *extra]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    profile = cProfile.Profile()
    start = time.perf_counter()
    real_stdout, real_stderr = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()  # the build's own report is not what we are reading
    try:
        profile.enable()
        code = cli.main(argv)
        profile.disable()
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr
    wall = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"\n=== {label}: exit {code}, {wall:.2f} s wall, parent max RSS grew {grown:.0f} MiB")
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(profile, stream=text).strip_dirs().sort_stats(order).print_stats(top)
        lines = text.getvalue().splitlines()
        start_at = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
        print(f"--- by {order}")
        print("\n".join(lines[start_at:]))


def quiet_build(site: Path) -> None:
    real_stdout, real_stderr = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        cli.main(["build", "--site", str(site), "--today", run.PINNED_TODAY, "--no-pdf"])
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leaflets", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--case", default="cold,edit,nochange")
    parser.add_argument("--search", action=argparse.BooleanOptionalAction, default=False,
                        help="build the search index too (default: off, as in the rows compared with peers)")
    args = parser.parse_args(argv)
    site = run.WORK / f"profile-n{args.leaflets}"
    corpus.generate(site, args.leaflets)
    run.set_search(site, args.search)
    cases = args.case.split(",")
    for folder in ("output", ".sitegen-cache", "output.previous"):
        run.clear(site / folder)
    if "cold" in cases:
        build_once(site, args.jobs, args.top, "cold (--no-cache)", "--no-cache")
    if not (site / ".sitegen-cache").exists() or "cold" not in cases:
        quiet_build(site)
    if "edit" in cases:
        target = run.pick_edit_target(site)
        original = target.read_bytes()
        try:
            run.edit_one_word(target)
            build_once(site, args.jobs, args.top, f"one-leaflet edit ({target.name})")
        finally:
            target.write_bytes(original)
        quiet_build(site)  # back to the committed text
    if "nochange" in cases:
        build_once(site, args.jobs, args.top, "no change")
    return 0


if __name__ == "__main__":
    sys.exit(main())
