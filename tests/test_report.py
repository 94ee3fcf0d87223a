"""The governance report: its checklist must say what each leaflet's front matter says."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import yaml

from helpers import REPO, TODAY, run_cli


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_checklist_matches_front_matter_of_every_example_leaflet(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "pyproject.toml", site / "pyproject.toml")
    result = run_cli("report", "--site", str(site))
    assert result.code == 0, result.err
    data = json.loads((site / "report" / "leaflets.json").read_text(encoding="utf-8"))
    rows = {row["source"]: row for row in data["leaflets"]}
    sources = sorted((site / "content").glob("*.md"))  # the English leaflets (translations have their own policy)
    translations = sorted(p.relative_to(site).as_posix() for p in (site / "content").glob("*/*.md"))
    assert sorted(rows) == sorted([f"content/{p.name}" for p in sources] + translations)
    assert all(rows[t]["status"] == "published" for t in translations)
    today = dt.date.fromisoformat(TODAY)
    for path in sources:
        meta, row = front_matter(path), rows[f"content/{path.name}"]
        checks = row["checks"]
        assert checks["users_involved"] == any(c.get("lived_experience") and c.get("how") for c in meta["coproduction"])
        assert checks["sources"] == bool(meta.get("sources"))
        assert checks["formats"] == bool(meta.get("formats"))
        assert checks["review_dates"] == (meta["next_review"] >= today)
        assert checks["clinical_signoff"] and checks["patient_signoff"] and row["status"] == "published"
        assert row["next_review"] == meta["next_review"].isoformat()
    with (site / "report" / "leaflets.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(sources) + len(translations)
    page = (site / "report" / "index.html").read_text(encoding="utf-8")
    assert "Governance report" in page and not (site / "output").exists()


def test_report_hides_names_and_names_next_action(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    target = site / "content" / "the-flu-jab.md"
    target.write_text(target.read_text(encoding="utf-8").replace("## ", "## Changed: ", 1), encoding="utf-8")
    assert run_cli("report", "--site", str(site)).code == 0
    data = json.loads((site / "report" / "leaflets.json").read_text(encoding="utf-8"))
    row = next(r for r in data["leaflets"] if r["source"] == "content/the-flu-jab.md")
    assert row["status"] == "not published"
    assert row["next_action"].startswith("Needs a current sign-off by a clinical reviewer;")
    hidden = [c["name"] for p in (site / "content").glob("*.md") for c in front_matter(p)["coproduction"] if c.get("show_name") is False]
    everything = "".join(p.read_text(encoding="utf-8") for p in (site / "report").rglob("*") if p.is_file())  # job bags too
    assert hidden and not any(name in everything for name in hidden)
