"""What the PDFs cost: CPU per leaflet PDF, a cold build with PDFs, one edit, memory.

    python benchmarks/bench_pdf.py [--leaflets 1000] [--sample 40] [--repeat 3]

Targets (issue 15): at most 0.3 s of CPU per leaflet PDF; 1,000 leaflets with PDFs
from cold in under 3 minutes on 2 cores; a one-leaflet edit rebuilds that leaflet's
PDFs only; the PDFs add at most 60 MiB to peak memory.

1. CPU per PDF, in this process: the sample's PDFs made one by one (WeasyPrint already
   imported), standard and large print apart; medians and the 90th percentile.
2. Cold builds of the corpus, with and without PDFs, alternating (the machine is
   shared: compare the pair from one run). Wall time, CPU (the build and its workers),
   and peak memory two ways: the largest single process (the kernel's max RSS) and the
   sum of proportional set sizes over the process tree (shared pages counted once).
3. A one-word edit of one leaflet, then a build: how many PDFs it made (from the build's
   own summary line), and its wall time beside a no-change build.
Work files go to benchmarks/work (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))
import corpus  # noqa: E402
from run import PINNED_TODAY, POLL_S, _children_map, edit_one_word, pick_edit_target  # noqa: E402


@dataclass
class Sample:
    wall_s: float
    cpu_s: float
    max_rss_mib: float
    tree_pss_mib: float
    out: str


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_kib(root: int) -> int:
    tree, total, todo = _children_map(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kib(pid)
        todo.extend(tree.get(pid, ()))
    return total


def measure(cmd: list[str]) -> Sample:
    peak, done = [0], threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "SITEGEN_TODAY": PINNED_TODAY})

    def poll() -> None:
        while not done.wait(POLL_S):
            peak[0] = max(peak[0], tree_pss_kib(proc.pid))

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    watcher.join()
    reader.join()
    out = b"".join(chunks).decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out[-2000:]}")
    # wait4's usage covers the build and the workers it waited for.
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak[0] / 1024, out)


def build_cmd(python: str, site: Path, *extra: str) -> list[str]:
    return [python, "-m", "sitegen", "build", "--site", str(site), *extra]


def clear(site: Path) -> None:
    for name in ("output", "output.previous", ".sitegen-cache"):
        shutil.rmtree(site / name, ignore_errors=True)


def cpu_per_pdf(site: Path, sample: int) -> dict[str, list[float]]:
    """CPU seconds for each PDF of the first ``sample`` leaflets, by format."""
    from sitegen.build import check, static_copies
    from sitegen.config import load_config
    from sitegen.incremental.cache import Cache
    from sitegen.pdf import stage
    from sitegen.pdf.formats import formats_for
    from sitegen.render import Renderer

    config = load_config(site)
    judged = check(config, use_cache=False)
    renderer = Renderer(judged, Cache(site / ".bench-cache", "bench", enabled=False))
    pages = judged.shown_pages()[:sample]
    maker = stage.maker_for(renderer, pages, stage.site_files(static_copies(config, judged)))
    if maker is None:
        raise SystemExit("WeasyPrint could not be loaded: " + stage.engine.load().problem)
    maker.pdf(pages[0], formats_for((), config.pdf_page_size, "formats")[0])  # warm: fonts, stylesheets
    times: dict[str, list[float]] = {}
    for page in pages:
        for fmt in formats_for(page.leaflet.meta.formats, config.pdf_page_size, config.pdf_large_print):
            start = time.process_time()
            maker.pdf(page, fmt)
            times.setdefault(fmt.kind, []).append(time.process_time() - start)
    return times


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def made_count(out: str) -> str:
    found = re.search(r"PDFs: [^\n]*", out)
    return found.group(0) if found else "(no PDF line in the summary)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leaflets", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=40, help="leaflets timed one by one for CPU per PDF")
    parser.add_argument("--repeat", type=int, default=3, help="cold-build pairs (default 3)")
    parser.add_argument("--python", default=str(REPO / ".venv" / "bin" / "python"))
    parser.add_argument("--work", type=Path, default=HERE / "work")
    args = parser.parse_args(argv)
    site = args.work / f"pdf-n{args.leaflets}" / "site"
    corpus.generate(site, args.leaflets, 1, None)
    print(f"corpus: {args.leaflets} leaflets in {site}; cores usable: {len(os.sched_getaffinity(0))}; "
          f"load {os.getloadavg()[0]:.1f}")

    times = cpu_per_pdf(site, args.sample)
    for kind, values in times.items():
        print(f"CPU per PDF, {kind}: median {statistics.median(values):.3f} s, 90th percentile "
              f"{quantile(values, 0.9):.3f} s, max {max(values):.3f} s ({len(values)} PDFs; target 0.3 s)")

    runs: dict[str, list[Sample]] = {"without PDFs": [], "with PDFs": []}
    for round_ in range(args.repeat):
        pair = [("without PDFs", ("--no-pdf",)), ("with PDFs", ())]
        for label, extra in pair if round_ % 2 == 0 else reversed(pair):
            clear(site)
            runs[label].append(measure(build_cmd(args.python, site, "--no-cache", *extra)))
            print(f"  cold {label}: {runs[label][-1].wall_s:.1f} s  (load {os.getloadavg()[0]:.1f})", flush=True)
    med = {label: {k: statistics.median(getattr(s, k) for s in samples) for k in ("wall_s", "cpu_s", "max_rss_mib", "tree_pss_mib")}
           for label, samples in runs.items()}
    pdfs = sum(1 for _ in (site / "output").rglob("*.pdf"))
    print(f"\ncold build of {args.leaflets} leaflets, {pdfs} PDFs (medians of {args.repeat}):")
    print(f"{'':<14} {'wall s':>8} {'CPU s':>8} {'max RSS MiB':>12} {'tree PSS MiB':>13}")
    for label, row in med.items():
        print(f"{label:<14} {row['wall_s']:>8.1f} {row['cpu_s']:>8.1f} {row['max_rss_mib']:>12.0f} {row['tree_pss_mib']:>13.0f}")
    w, wo = med["with PDFs"], med["without PDFs"]
    print(f"PDFs add {w['wall_s'] - wo['wall_s']:.1f} s wall (target: whole build under 180 s), "
          f"{(w['cpu_s'] - wo['cpu_s']) / max(pdfs, 1):.3f} s CPU per PDF, "
          f"{w['max_rss_mib'] - wo['max_rss_mib']:.0f} MiB to the largest process and "
          f"{w['tree_pss_mib'] - wo['tree_pss_mib']:.0f} MiB to the tree's PSS (target 60 MiB)")

    warm = build_cmd(args.python, site)
    measure(warm)  # a warm cache after the --no-cache cold builds
    same = measure(warm)
    target = pick_edit_target(site)
    original = target.read_bytes()
    try:
        edit_one_word(target)
        edited = measure(warm)
    finally:
        target.write_bytes(original)
        measure(warm)
    print(f"\nno-change build: {same.wall_s:.2f} s; one-word edit of {target.name}: {edited.wall_s:.2f} s, "
          f"{made_count(edited.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
