"""Search: what indexing adds to a build, and what a reader downloads for one query.

    .venv/bin/python benchmarks/bench_search.py --leaflets 5000 --repeat 3

Per round, in alternating order on the same generated site (``corpus.py``, PDFs off as in
``run.py``): a cold build (``--no-cache``, output deleted) with ``search = true`` and one with
``search = false``, then a no-change rebuild of each. Prints medians, the extra time indexing
adds as a share of the cold build without it (target: at most 10 %), and the difference of the
no-change rebuilds (target: nothing; the whole-build memo answers before search is reached).

Then the bytes a reader's browser fetches for one query (target: under 300 KB at 5,000
leaflets): the built site is served on 127.0.0.1, each query is typed into the search page in
Debian's headless Chromium, and the bodies of every response from ``pagefind/`` and
``assets/search.js`` are added up (a fresh browser context per query, so nothing is cached):
as served here, uncompressed, and as a host that gzips text files would send them (Pagefind's
index and WebAssembly files are gzip already and count as they are).
The machine is shared: compare the ratios, not the seconds, across runs.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
QUERIES = ("tummy", "asthma", "high blood pressure", "inhaler spacer", "pain")


def sitegen(site: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site), "--no-pdf", *args],
                   cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "SITEGEN_TODAY": "2026-11-23"})
    return time.perf_counter() - started


def make_sites(leaflets: int, work: Path) -> dict[bool, Path]:
    base = work / f"search-n{leaflets}"
    if not (base / "content").is_dir():
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(base), "--leaflets", str(leaflets)],
                       check=True, stdout=subprocess.DEVNULL)
    sites = {}
    for search in (True, False):
        site = work / f"search-n{leaflets}-{'on' if search else 'off'}"
        if not site.is_dir():
            shutil.copytree(base, site, symlinks=True)
        settings = (base / "sitegen.toml").read_text(encoding="utf-8")
        (site / "sitegen.toml").write_text(settings + f"\nsearch = {'true' if search else 'false'}\n", encoding="utf-8")
        sites[search] = site
    return sites


def cold(site: Path) -> float:
    for name in ("output", "output.previous", ".sitegen-cache"):
        shutil.rmtree(site / name, ignore_errors=True)
    return sitegen(site, "--no-cache")


def timings(sites: dict[bool, Path], repeat: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {k: [] for k in ("cold on", "cold off", "no-change on", "no-change off")}
    for n in range(repeat):
        order = (True, False) if n % 2 == 0 else (False, True)
        for search in order:
            label = "on" if search else "off"
            times[f"cold {label}"].append(cold(sites[search]))
            sitegen(sites[search])  # a warm build fills the cache and the memo
            times[f"no-change {label}"].append(sitegen(sites[search]))
        print(f"round {n + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()), flush=True)
    return times


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def sent(path: str, body: bytes) -> int:
    """Bytes on the wire from a host that gzips text (.js, .json); Pagefind's own files are gzip already."""
    return len(gzip.compress(body, 6)) if path.split("?")[0].endswith((".js", ".json")) else len(body)


def query_bytes(output: Path, queries: tuple[str, ...]) -> dict[str, tuple[int, int, int, int]]:
    """query -> (bytes fetched from pagefind/ and assets/search.js, the same gzipped, requests, results)."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    found = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                sizes: list[tuple[int, int]] = []

                def counted(request) -> None:
                    path = request.url[len(base):]
                    if path.startswith(("pagefind/", "assets/search.js")):
                        response = request.response()
                        body = response.body() if response else b""
                        sizes.append((len(body), sent(path, body)))

                page.on("requestfinished", counted)
                page.goto(base + "search/?q=" + query.replace(" ", "+"))
                page.wait_for_function("document.getElementById('sg-search-status').textContent.match(/found/)",
                                       timeout=60_000)
                page.wait_for_load_state("networkidle")
                found[query] = (sum(s for s, _ in sizes), sum(g for _, g in sizes), len(sizes),
                                page.locator("#sg-search-results li").count())
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--leaflets", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--bytes-only", action="store_true", help="skip the timings")
    args = parser.parse_args()
    sites = make_sites(args.leaflets, args.work)
    if not args.bytes_only:
        times = timings(sites, args.repeat)
        med = {k: statistics.median(v) for k, v in times.items()}
        print(f"\nN={args.leaflets}, medians of {args.repeat} (load average {os.getloadavg()[0]:.1f}):")
        for k, v in med.items():
            print(f"  {k:14} {v:7.2f} s   (min {min(times[k]):.2f}, max {max(times[k]):.2f})")
        share = (med["cold on"] - med["cold off"]) / med["cold off"]
        print(f"  indexing adds {med['cold on'] - med['cold off']:.2f} s to a cold build: {share:.1%} (target <= 10%)")
        print(f"  no-change rebuild with search minus without: {med['no-change on'] - med['no-change off']:+.2f} s (target: 0)")
    elif not (sites[True] / "output" / "pagefind").is_dir():
        cold(sites[True])
    bundle = sum(p.stat().st_size for p in (sites[True] / "output" / "pagefind").rglob("*") if p.is_file())
    print(f"\nsearch bundle on disk: {bundle / 1e6:.1f} MB in {sum(1 for _ in (sites[True] / 'output' / 'pagefind').rglob('*'))} files")
    print("one query, what the browser fetches (target < 300 KB):")
    for query, (size, gzipped, requests, results) in query_bytes(sites[True] / "output", QUERIES).items():
        print(f"  {query!r:24} {size / 1000:6.1f} KB as served here, {gzipped / 1000:6.1f} KB from a host that gzips text; "
              f"{requests} requests, {results} results shown")


if __name__ == "__main__":
    main()
