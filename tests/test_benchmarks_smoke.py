"""Smoke tests for benchmarks/: the corpus generator and the runner (sitegen only, tiny sizes).

Kept under ~20 s so they run in the normal suite; the real figures come from
`python benchmarks/run.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import yaml

from sitegen.fingerprint import fingerprint

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "benchmarks" / "corpus.py"
RUN = REPO / "benchmarks" / "run.py"


def generate(out: Path, count: int, *extra: str) -> None:
    subprocess.run([sys.executable, str(CORPUS), str(out), "--leaflets", str(count), *extra],
                   check=True, capture_output=True, cwd=REPO)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def split(text: str) -> tuple[dict, str]:
    """Front matter and body exactly as sitegen cuts them (body = everything after the closing ---)."""
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end])), "\n".join(lines[end + 1:])


def test_generator_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 20, "--peers", str(tmp_path / "pa"))
    generate(tmp_path / "b", 20, "--peers", str(tmp_path / "pb"))
    first = tree(tmp_path / "a")
    assert len([k for k in first if k.startswith("content/")]) == 20
    assert first == tree(tmp_path / "b")
    peers = tree(tmp_path / "pa")
    assert peers == tree(tmp_path / "pb")
    for tool, folder in (("pelican", "content"), ("mkdocs", "docs"), ("hugo", "content"), ("eleventy", "content")):
        assert len([k for k in peers if k.startswith(f"{tool}/{folder}/") and k.endswith(".md")]) >= 20, tool
    assert {"eleventy/eleventy.config.js", "eleventy/content/_includes/leaflet.njk"} <= peers.keys()


def test_generated_front_matter_follows_the_contract(tmp_path: Path) -> None:
    generate(tmp_path / "site", 20)
    files = sorted((tmp_path / "site" / "content").glob("*.md"))
    slugs = {f.stem for f in files}
    assert (tmp_path / "site" / "sitegen.toml").read_text() == 'site_name = "Benchmark site"\n'
    for path in files:
        meta, body = split(path.read_text(encoding="utf-8"))
        current = fingerprint(meta["title"], meta["summary"], body)
        roles = {s["role"]: s for s in meta["signoff"]}
        assert {"clinical", "patient"} <= roles.keys(), path
        assert all(s["fingerprint"] == current and s["date"] >= meta["last_reviewed"] for s in meta["signoff"]), path
        assert meta["next_review"] > dt.date(2026, 12, 31), path
        assert meta["next_review"] <= meta["last_reviewed"].replace(year=meta["last_reviewed"].year + 3), path
        assert any(c.get("lived_experience") is True for c in meta["coproduction"]), path
        assert 2 <= len(meta["coproduction"]) <= 3, path
        assert all(s["url"].startswith("https://") for s in meta["sources"]), path
        assert set(meta["related"]) <= slugs - {path.stem}, path
        assert meta["status"] == "published"
        assert "\n# " not in body and "\n#### " not in body, path
        assert "::: " in body and "\n:::\n" in body, path


def test_runner_smoke(tmp_path: Path) -> None:
    out = tmp_path / "run.json"
    done = subprocess.run([sys.executable, str(RUN), "--sizes", "50", "--repeat", "1", "--no-peers", "--json", str(out),
                           "--work", str(tmp_path / "work")],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(out.read_text())
    assert {"machine", "config", "corpus", "results"} <= report.keys()
    assert report["machine"]["nproc"] >= 1
    tools = {row["tool"]: row for row in report["results"]}
    assert set(tools) == {"sitegen build cold", "sitegen build no-change", "sitegen build 1-edit", "sitegen check",
                          "sitegen build cold +search", "sitegen build no-change +search", "sitegen build 1-edit +search"}
    for row in tools.values():
        assert row["n"] == 50 and row["ok"], row
        assert row["median_s"] > 0 and row["min_s"] > 0 and row["peak_mib"] > 0, row
        assert 0 < row["peak_pss_mib"] <= row["peak_mib"], row
        assert row["cpu_s_median"] > 0, row
        assert {"max_s", "times_s", "ratio_vs_sitegen_cold"} <= row.keys()
    for suffix in ("", " +search"):  # "no change" answers from the memo: a full build here means it was not primed
        assert tools[f"sitegen build no-change{suffix}"]["median_s"] < tools[f"sitegen build cold{suffix}"]["median_s"]


SHARING_PARENT = """
import os, sys, time
block = bytearray(b"x" * (64 * 1024 * 1024))  # touched: 64 MiB resident, shared with the child after fork
if os.fork() == 0:
    time.sleep(30); os._exit(0)
print("ready", flush=True)
time.sleep(30)
"""


def test_pss_counts_memory_shared_by_forked_workers_once() -> None:
    """Summed RSS counts the 64 MiB block in parent and child; summed PSS counts it once."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import run  # noqa: PLC0415 - the benchmark runner is a script, not a package

    proc = subprocess.Popen([sys.executable, "-c", SHARING_PARENT], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"  # type: ignore[union-attr]
        assert len(run.tree_pids(proc.pid)) == 2
        rss_kib, pss_kib = run.tree_memory_kib(proc.pid)
    finally:
        for pid in run.tree_pids(proc.pid)[::-1]:
            os.kill(pid, signal.SIGKILL)
        proc.wait()
    assert rss_kib / 1024 > 2 * 64
    assert 64 < pss_kib / 1024 < 64 + 40
