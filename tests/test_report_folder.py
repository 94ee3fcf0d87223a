"""The report folder is written whole: what it holds is exactly the last report."""

from __future__ import annotations

from pathlib import Path

from helpers import leaflet, make_site, run_cli


def test_a_deleted_leaflet_leaves_no_job_bag_behind(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"content/asthma.md": leaflet(), "content/flu.md": leaflet("The flu jab")})
    assert run_cli("report", "--site", str(site)).code == 0
    assert (site / "report" / "job-bags" / "flu" / "record.json").is_file()
    (site / "content" / "flu.md").unlink()
    again = run_cli("report", "--site", str(site))
    assert again.code == 0, again.err
    assert sorted(p.name for p in (site / "report" / "job-bags").iterdir()) == ["asthma"]
    assert sorted(p.name for p in site.iterdir()) == [".sitegen-cache", "content", "report"]  # no half-made folders left


def test_a_report_made_before_the_marker_is_replaced(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"content/asthma.md": leaflet(),
                                         "report/index.html": "old", "report/job-bags/gone/record.md": "old"})
    assert run_cli("report", "--site", str(site)).code == 0
    assert not (site / "report" / "job-bags" / "gone").exists()
    assert (site / "report" / ".sitegen-report").is_file()


def test_a_folder_with_someone_elses_files_is_never_replaced(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"content/asthma.md": leaflet(), "notes/minutes.docx": "board minutes"})
    result = run_cli("report", "--site", str(site), "--out", str(site / "notes"))
    assert result.code == 1
    assert result.err == (f"sitegen: error: {site / 'notes'}/ holds files that sitegen report did not write (minutes.docx), "
                          "so it will not replace it; move them, or pass --out DIR with an empty or new folder\n")
    assert (site / "notes" / "minutes.docx").read_text() == "board minutes"


def test_a_linked_report_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    site = make_site(tmp_path / "site", {"content/asthma.md": leaflet()})
    (site / "report").symlink_to(elsewhere)
    result = run_cli("report", "--site", str(site))
    assert result.code == 1
    assert result.err == (f"sitegen: error: {site / 'report'} is a symbolic link or a file, not a report folder; "
                          "remove it or pass --out DIR with another folder, then run sitegen report again\n")
    assert list(elsewhere.iterdir()) == []
