"""A property (issue 11): whatever order two builds and edits happen in, ``output/`` is a clean
build of some state ``content/`` was in. Real ``sitegen build`` processes, started at random
moments while a leaflet is edited, published, changed and made a draft again.

One leaflet is edited (each save atomic, as editors save), so every state a build can read is
one of the states written; a draft must leave no trace in any listing (the issue's
"title left in index.html, sitemap.xml, feed.xml"). The examples are few and bounded
because each runs real processes; ``derandomize`` keeps the suite repeatable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from helpers import TODAY, leaflet, make_site, tree

VERSIONS = {
    "published": leaflet("Sleeping well", "## Tips\n\nGo to bed at the same time each night.\n"),
    "changed": leaflet("Sleeping well", "## Tips\n\nKeep your bedroom dark and cool.\n"),
    "draft": leaflet("Sleeping well", "## Tips\n\nGo to bed at the same time each night.\n", status="draft"),
}
OTHERS = {"content/asthma.md": leaflet(), "content/diabetes.md": leaflet("Living with diabetes")}
CLEAN: dict[str, dict[str, bytes]] = {}


def clean_build(base: Path, version: str) -> dict[str, bytes]:
    """The output of one build of ``content/`` in this state, in a fresh site folder."""
    if version not in CLEAN:
        from sitegen.build import build
        from sitegen.config import load_config
        root = make_site(base / f"clean-{version}", {**OTHERS, "content/sleep.md": VERSIONS[version]})
        assert build(load_config(root), pdf=False).ok
        CLEAN[version] = tree(root / "output")
    return CLEAN[version]


def save(path: Path, text: str) -> None:
    aside = path.with_name(f".{path.name}.tmp")
    aside.write_text(text, encoding="utf-8")
    os.replace(aside, path)


def start_build(root: Path) -> subprocess.Popen:
    env = {**os.environ, "SITEGEN_TODAY": TODAY}
    return subprocess.Popen([sys.executable, "-m", "sitegen", "build", "--site", str(root), "--no-pdf"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


STEP = st.one_of(st.just("build"), st.sampled_from(sorted(VERSIONS)))
PAUSE = st.sampled_from([0.0, 0.05, 0.2, 0.5])


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(plan=st.lists(st.tuples(STEP, PAUSE), min_size=3, max_size=5).filter(
    lambda plan: sum(step == "build" for step, _ in plan) >= 2))
def test_output_is_always_a_clean_build_of_some_state(tmp_path_factory, plan: list[tuple[str, float]]) -> None:
    base = tmp_path_factory.mktemp("interleave")
    root = make_site(base / "site", {**OTHERS, "content/sleep.md": VERSIONS["published"]})
    states = ["published"]
    builds: list[subprocess.Popen] = []
    for step, pause in plan:
        if step == "build":
            builds.append(start_build(root))
        else:
            save(root / "content" / "sleep.md", VERSIONS[step])
            states.append(step)
        time.sleep(pause)
    for running in builds:
        _, err = running.communicate(timeout=300)
        assert running.returncode == 0 or "another sitegen build is running in this folder (process " in err, err
    if (root / "output").exists():
        assert tree(root / "output") in [clean_build(base, state) for state in states]
    final = start_build(root)
    assert final.wait(timeout=300) == 0
    assert tree(root / "output") == clean_build(base, states[-1])
    shutil.rmtree(base)
