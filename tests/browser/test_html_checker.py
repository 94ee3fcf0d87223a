"""Every page of the example site, in every language, passes the Nu Html Checker (vnu.jar):
the W3C's HTML checker, pinned by package-lock.json and run with Java, offline.

Needs ``java`` (``apt-get install default-jre-headless``; .ci/run installs it) and vnu-jar
(``make test`` runs ``npm ci`` in tests/browser). Without them the test is skipped, or fails
when the environment variable CI is set, like the axe tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from test_site_a11y import build_example_site

pytestmark = pytest.mark.browser

VNU = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_example_page_passes_the_html_checker() -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        reason = "no java" if java is None else f"no {VNU.name} (run make test)"
        if os.environ.get("CI"):
            pytest.fail(f"the HTML checker cannot run: {reason}", pytrace=False)
        pytest.skip(f"the HTML checker cannot run: {reason}")
    build = build_example_site()
    assert build.returncode == 0, build.log
    pages = sorted(str(p) for p in build.output.rglob("*.html"))
    assert any("/cy/" in p for p in pages) and any("/ur/" in p for p in pages)
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages],
                          capture_output=True, text=True, timeout=600)
    problems = (done.stdout + done.stderr).replace(str(build.output) + "/", "")
    assert done.returncode == 0 and not problems.strip(), problems
