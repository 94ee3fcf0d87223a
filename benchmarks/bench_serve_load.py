"""Load-test the preview server: many concurrent requests from a second process, on loopback only.

    python benchmarks/bench_serve_load.py [--requests 10000] [--concurrency 50] [--pollers 10] [--json FILE]

The parent process builds a small fake site (a home page, leaflet pages, a stylesheet,
missing pages) into a temporary folder, starts a DevServer on 127.0.0.1 with a free
port, then runs this same file with ``--client`` as a second process, so the load
generator does not share the server's interpreter lock. The client sends exactly
``--requests`` GETs over ``--concurrency`` threads (http.client, one connection per
request, as the server speaks HTTP/1.0) and reports latencies. The parent checks that
``GET /`` is still healthy afterwards and prints requests/second, p50/p95/p99 latency
and the error count. Meanwhile ``--pollers`` connections sit in the live-reload long-poll,
like open browser tabs. It stops by itself; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

PATHS = ("/", "/leaflets/asthma/", "/leaflets/diabetes/", "/style.css", "/no-such-page/", "/leaflets/asthma")
"""The mix each client cycles through: pages (with injection), CSS, the 404 page and a redirect."""
EXPECTED = {"/no-such-page/": 404, "/leaflets/asthma": 301}


def make_site(root: Path) -> Path:
    """About the size of a real leaflet page (~6 KB of HTML)."""
    site = root / "site"
    paragraph = "<p>Asthma makes it harder to breathe. Your reliever inhaler helps within minutes.</p>\n" * 60
    pages = {"index.html": "Leaflets", "leaflets/asthma/index.html": "Asthma", "leaflets/diabetes/index.html":
             "Diabetes", "404.html": "Page not found"}
    for rel, title in pages.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<!doctype html><html lang="en"><head><title>{title}</title>'
                        f'<link rel="stylesheet" href="/style.css"></head><body><h1>{title}</h1>{paragraph}'
                        '</body></html>', encoding="utf-8")
    (site / "style.css").write_text("body { font: 18px/1.5 sans-serif; color: #212b32 }\n" * 40)
    return site


# -- client (second process) ------------------------------------------------------------------


def one_request(port: int, path: str) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        conn.close()
        ok = response.status == EXPECTED.get(path, 200)
    except (OSError, http.client.HTTPException):
        ok = False
    return time.perf_counter() - started, ok


def hold_long_polls(port: int, count: int, done: threading.Event) -> None:
    """Keep ``count`` reload long-polls open until ``done`` (each one is a server thread, like an open tab)."""
    def poller() -> None:
        while not done.is_set():
            one_request(port, "/__sitegen__/reload?since=load-1")

    for _ in range(count):
        threading.Thread(target=poller, daemon=True).start()


def run_client(port: int, total: int, concurrency: int, pollers: int) -> dict[str, object]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(total))
    done = threading.Event()
    hold_long_polls(port, pollers, done)
    time.sleep(0.2 if pollers else 0)

    def worker() -> None:
        nonlocal errors
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                return
            elapsed, ok = one_request(port, PATHS[index % len(PATHS)])
            with lock:
                latencies.append(elapsed)
                errors += not ok

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    done.set()
    return {"requests": total, "concurrency": concurrency, "pollers": pollers, "seconds": round(wall, 3),
            "requests_per_second": round(total / wall, 1), "errors": errors,
            **{f"p{q}_ms": round(percentile(latencies, q) * 1000, 2) for q in (50, 95, 99)},
            "max_ms": round(max(latencies) * 1000, 2)}


def percentile(values: list[float], q: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


# -- parent (server process) -----------------------------------------------------------------


def healthy(port: int) -> bool:
    return one_request(port, "/")[1]


def run(total: int, concurrency: int, pollers: int) -> dict[str, object]:
    from sitegen.devserver import BuildOutcome, DevServer

    with tempfile.TemporaryDirectory(prefix="sitegen-load-") as tmp:
        site = make_site(Path(tmp))
        quiet: list[str] = []
        with DevServer(lambda changed: BuildOutcome(True, "load-1", site, ()), port=0, log=quiet.append) as server:
            client = subprocess.run([sys.executable, __file__, "--client", "--port", str(server.port),
                                     "--requests", str(total), "--concurrency", str(concurrency),
                                     "--pollers", str(pollers)],
                                    capture_output=True, text=True, timeout=1800)
            if client.returncode != 0:
                raise SystemExit(f"the load client failed:\n{client.stderr}")
            figures = json.loads(client.stdout)
            figures["healthy_after"] = healthy(server.port)
            figures["server_messages"] = [m for m in quiet if not m.startswith(("Built", "Serving"))]
    figures["python"] = platform.python_version()
    figures["machine"] = f"{platform.system()} {platform.machine()}, {_cpus()} CPUs"
    return figures


def _cpus() -> int:
    import os
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000, help="how many requests in all (default 10000)")
    parser.add_argument("--concurrency", type=int, default=50, help="requests in flight at once (default 50)")
    parser.add_argument("--pollers", type=int, default=10,
                        help="live-reload long-polls held open meanwhile, like open tabs (default 10)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.client:
        print(json.dumps(run_client(args.port, args.requests, args.concurrency, args.pollers)))
        return 0
    figures = run(args.requests, args.concurrency, args.pollers)
    print(f"{figures['requests']} requests, {figures['concurrency']} at a time "
          f"(plus {figures['pollers']} open reload long-polls), in {figures['seconds']} s "
          f"({figures['machine']}, Python {figures['python']})")
    print(f"  {figures['requests_per_second']} requests/second")
    print(f"  latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms, "
          f"max {figures['max_ms']} ms")
    print(f"  errors: {figures['errors']}; GET / afterwards: {'200 OK' if figures['healthy_after'] else 'FAILED'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if figures["healthy_after"] and not figures["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
