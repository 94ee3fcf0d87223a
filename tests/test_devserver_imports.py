"""The live-reload layer only gets a builder: sitegen/devserver/ imports no pipeline module.

MkDocs' rule (its livereload server takes a ``builder`` callable and never imports the
build): the dev server can then be tested with a fake builder, and the build never
learns about serving. This test reads every import in the package and fails on any
module of sitegen outside the package except a few tiny neutral ones.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "sitegen" / "devserver"
NEUTRAL = {"sitegen.console", "sitegen.filenames", "sitegen.addresses"}
"""Modules of sitegen the dev server may use: they hold names and one-line helpers, and import nothing of sitegen."""
THIRD_PARTY = {"watchdog"}


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved against its package."""
    package = "sitegen.devserver"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            if not node.module:  # from . import x: x is a module
                found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def allowed(module: str) -> bool:
    top = module.split(".")[0]
    if top == "sitegen":
        return module == "sitegen.devserver" or module.startswith("sitegen.devserver.") or module in NEUTRAL
    return top in sys.stdlib_module_names or top in THIRD_PARTY or top == "__future__"


def test_devserver_imports_no_pipeline_module() -> None:
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 5
    wrong = {f"{path.name}: {module}" for path in files for module in imported_modules(path) if not allowed(module)}
    assert not wrong, f"the dev server must only be given a builder, not import the pipeline: {sorted(wrong)}"


def test_the_rule_catches_a_pipeline_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from ..build import build\nfrom .. import render\nimport sitegen.site\nfrom ..console import stderr\n")
    assert {m for m in imported_modules(bad) if not allowed(m)} == {"sitegen.build", "sitegen", "sitegen.render", "sitegen.site"}


def test_neutral_modules_import_nothing_of_sitegen() -> None:
    root = PACKAGE.parent
    for name in sorted(NEUTRAL):
        path = root / f"{name.split('.')[-1]}.py"
        if path.exists():
            tree = ast.parse(path.read_text(encoding="utf-8"))
            relative = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
            absolute = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names if a.name.startswith("sitegen")]
            assert not relative and not absolute, name


def test_importing_the_devserver_loads_no_pipeline_and_no_watchdog() -> None:
    probe = ("import sys, sitegen.devserver; "
             "print(sorted(m for m in sys.modules if m.startswith(('sitegen.', 'watchdog', 'jinja2', 'markdown_it', 'yaml'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(done.stdout))
    assert loaded <= {"sitegen.devserver"} | {m for m in loaded if m.startswith("sitegen.devserver.")} | NEUTRAL, loaded
