"""Live-preview speed on a large site: start-up, and save-to-reload latency.

Starts the real ``sitegen serve`` on a generated corpus, waits for the first page,
then saves one leaflet at a time (the editor way: write aside, rename over) and times
how long until the page's reload channel answers with a new build id, which is the
moment the browser is told to reload. Loopback only; bounded; stops by itself.

    .venv/bin/python benchmarks/bench_preview.py --leaflets 1000 --saves 15
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "benchmarks" / "work"


def make_corpus(count: int) -> Path:
    site = WORK / f"preview-{count}"
    if not (site / "content").is_dir():
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), str(site), "--leaflets", str(count)], check=True)
    return site


def start(site: Path) -> tuple[subprocess.Popen, int, float]:
    began = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env, cwd=REPO)
    port = 0
    while not port:
        line = proc.stderr.readline()
        if not line:
            raise SystemExit("sitegen serve exited before serving")
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        port = int(found.group(1)) if found and "Serving" in line else 0
    status, body = get(port, "/")
    assert status == 200, status
    return proc, port, time.perf_counter() - began


def get(port: int, path: str, timeout: float = 60) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def build_id(port: int, page: str) -> str:
    _, body = get(port, page)
    return re.search(r'data-build="([^"]+)"', body).group(1)


def save_and_time(site: Path, port: int, page: str, leaflet: Path, number: int) -> float:
    since = build_id(port, page)
    text = leaflet.read_text(encoding="utf-8")
    aside = leaflet.with_name(leaflet.name + ".tmp")
    aside.write_text(text.replace("\n## ", f"\n## Edit {number} ", 1), encoding="utf-8")
    saved = time.perf_counter()
    os.replace(aside, leaflet)
    _, answer = get(port, f"/__sitegen__/reload?since={since}")
    took = time.perf_counter() - saved
    assert json.loads(answer)["build"] != since
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leaflets", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    site = make_corpus(args.leaflets)
    leaflets = sorted((site / "content").glob("*.md"))
    results = {"leaflets": args.leaflets}
    for label in ("cold", "warm"):  # the first start fills the cache; the second is what a writer sees each morning
        proc, port, seconds = start(site)
        results[f"startup_{label}_s"] = round(seconds, 2)
        if label == "warm":
            page = f"/{leaflets[0].stem}/"
            times = [save_and_time(site, port, page, leaflets[n % len(leaflets)], n) for n in range(args.saves)]
            results["save_to_reload_ms"] = {"median": round(statistics.median(times) * 1000),
                                            "min": round(min(times) * 1000), "max": round(max(times) * 1000)}
        proc.terminate()
        proc.wait(timeout=30)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
