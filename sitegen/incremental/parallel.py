"""Spread per-leaflet work over the machine's cores.

Workers are forked after the shared, read-only state (settings, word lists, the
judged site) is in place, so they inherit it instead of receiving it through pipes;
only small task lists and results cross process boundaries. Small jobs run in-process
because starting workers costs more than it saves below ``MIN_ITEMS``.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 64
"""Below this many leaflets one process is faster (measured: a fork pool costs ~40 ms)."""

STATE: dict[str, Any] = {}
"""Read-only state for the current job, set before workers are forked."""


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _run_chunk(args: tuple[Callable[[T], R], Sequence[T]]) -> list[R]:
    func, chunk = args
    return [func(item) for item in chunk]


def map_items(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None, *,
              min_items: int = MIN_ITEMS, min_chunk: int = 8, **state: Any) -> list[R]:
    """``[func(i) for i in items]``, in worker processes when that pays off. Order is kept.

    Costly items (a PDF takes ~0.3 s, a page ~3 ms) pay off a pool from two items, and
    in small chunks so no worker is left with a long tail: lower ``min_items`` and ``min_chunk``."""
    STATE.clear()
    STATE.update(state)
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return [func(item) for item in items]
    size = max(min_chunk, len(items) // (jobs * 8))
    chunks = [(func, items[i:i + size]) for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return [result for chunk in pool.map(_run_chunk, chunks) for result in chunk]
