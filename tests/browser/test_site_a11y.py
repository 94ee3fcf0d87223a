"""The bundled example site, built the way a user builds it, checked in a real browser.

* every ``*.html`` page of the built site: 0 axe violations (WCAG 2.0-2.2 A/AA + best practice);
* one leaflet page: no sideways scrolling at 320 CSS px (WCAG 1.4.10 reflow) or at 200% zoom
  (1.4.4 resize text), with screenshots of both kept in pytest's tmp dir.

The site is built once, while pytest collects this module, because the per-page tests are
parametrised by the pages the build wrote. ``pytest -m "not browser"`` skips that build.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SITE_PARTS = ("content", "templates", "feedback", "pyproject.toml")  # what makes up the example site
TODAY = "2026-11-23"  # the date tests/conftest.py fixes, so review dates cannot expire the site
NOT_BUILT = "not-built"  # the one parameter used when there are no pages to list
# (id, CSS viewport width, device scale factor): see conftest.horizontal_overflow
REFLOW_VIEWS = [("reflow-320px", 320, 1), ("zoom-200pct", 640, 2)]


@dataclass
class Build:
    site: Path
    returncode: int
    log: str

    @property
    def output(self) -> Path:
        return self.site / "output"

    def pages(self) -> list[str]:
        """Every HTML page written, as a path relative to output/ (sorted, so ids are stable)."""
        if self.returncode != 0 or not self.output.is_dir():
            return []
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html"))


@functools.cache
def build_example_site() -> Build:
    """Copy the example site into a temporary folder and run ``python -m sitegen build`` on it."""
    site = Path(tempfile.mkdtemp(prefix="sitegen-a11y-"))
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, site / part)
        elif source.is_file():
            shutil.copy2(source, site / part)
        # a missing part (git does not keep an empty templates/) means "use the theme's"
    env = {**os.environ, "SITEGEN_TODAY": TODAY, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site)],
                          cwd=site, env=env, capture_output=True, text=True, timeout=300)
    return Build(site, done.returncode, f"{done.stdout}\n{done.stderr}".strip())


def browser_tests_deselected(config: pytest.Config) -> bool:
    # parametrisation runs before -m deselects anything; don't build a site no test will read
    return "not browser" in (config.getoption("markexpr", "") or "")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_path" not in metafunc.fixturenames:
        return
    pages = []
    if not browser_tests_deselected(metafunc.config):
        pages = build_example_site().pages()
        metafunc.config.add_cleanup(lambda: shutil.rmtree(build_example_site().site, ignore_errors=True))
    # a failed build still yields one test, which reports the build's output (see built_site)
    metafunc.parametrize("page_path", pages or [NOT_BUILT])


@pytest.fixture(scope="session")
def built_site() -> Build:
    build = build_example_site()
    if not build.pages():
        # not a skip: a broken example site must not pass CI without anyone noticing
        pytest.fail(f"`sitegen build` on a copy of the example site exited {build.returncode} "
                    f"and wrote no pages:\n{build.log}", pytrace=False)
    return build


@pytest.fixture(scope="session")
def site_url(a11y, built_site):
    with a11y.serve_folder(built_site.output) as url:
        yield url


def is_leaflet(page: Path) -> bool:
    # only leaflet.html wraps its content in leaflet-body; listings (A to Z, topics, glossary) don't
    return 'class="leaflet-body"' in page.read_text(encoding="utf-8")


def pick_leaflet(build: Build) -> str:
    """The first leaflet (alphabetically) with a table, which is what overflows first;
    failing that, the longest leaflet."""
    output = build.output
    leaflets = sorted(p for p in output.glob("*/index.html") if is_leaflet(p))
    if not leaflets:
        pytest.fail(f"the example site was built but published no leaflet pages:\n{build.log}", pytrace=False)
    with_table = [p for p in leaflets if "<table" in p.read_text(encoding="utf-8")]
    chosen = with_table[0] if with_table else max(leaflets, key=lambda p: p.stat().st_size)
    return chosen.relative_to(output).as_posix()


def test_every_page_has_no_axe_violations(a11y, axe_page, built_site, site_url, page_path):
    violations = a11y.run_axe(axe_page, site_url + page_path)
    if violations:  # pytest.fail: the formatted list says it all, a repr diff of axe's dicts would not
        pytest.fail(a11y.format_violations(violations, page_path), pytrace=False)


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize(("view", "width", "zoom"), REFLOW_VIEWS, ids=[v[0] for v in REFLOW_VIEWS])
def test_leaflet_does_not_scroll_sideways(a11y, axe_page, built_site, site_url, screenshot_dir, view, width, zoom):
    leaflet = pick_leaflet(built_site)
    screenshot = screenshot_dir / f"{leaflet.split('/')[0]}-{view}.png"
    overflow = a11y.horizontal_overflow(axe_page, site_url + leaflet, width, zoom, screenshot=screenshot)
    print(f"screenshot of {leaflet} at {width} CSS px, scale {zoom}: {screenshot}")
    assert overflow == 0, (f"{leaflet} scrolls {overflow} CSS px sideways in a {width} CSS px wide viewport "
                           f"(scale {zoom}); see {screenshot}")
