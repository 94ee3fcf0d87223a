"""`sitegen init`: from an empty folder to a published leaflet, with no message that needs the code (issue 14, item 6)."""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli, tree

from sitegen.config import load_config
from sitegen.placeholders import BODY, FRONT


def test_init_writes_a_commented_site_and_never_overwrites(tmp_path: Path) -> None:
    root = tmp_path / "northfield-health"
    first = run_cli("init", str(root))
    assert first.code == 0, first.err
    assert first.out == (
        f"Started a sitegen site in '{root}'.\n"
        "  wrote sitegen.toml\n"
        "  wrote content/glossary.yml\n"
        "  wrote content/our-first-leaflet.md\n"
        "Next:\n"
        "  1. open sitegen.toml and set site_name, base_url and feedback;\n"
        "  2. write your first leaflet in content/ (every field has a note saying what to write);\n"
        f"  3. run: sitegen serve --site {root}   (the preview shows what is still missing before it can be published)\n")
    settings = (root / "sitegen.toml").read_text(encoding="utf-8")
    assert 'site_name = "Northfield health"' in settings and "# Where the site will live." in settings
    config = load_config(root)
    assert config.site_name == "Northfield health" and config.feedback == "" and config.source == "sitegen.toml"
    before = tree(root)
    (root / "content" / "glossary.yml").write_text("inhaler: A device for breathing in medicine.\n", encoding="utf-8")
    changed = tree(root)
    again = run_cli("init", str(root))
    assert again.code == 0
    assert "  kept sitegen.toml, as it was\n  kept content/glossary.yml, as it was\n" in again.out
    assert "  kept the leaflets already in content/ (no first leaflet was added)\n" in again.out
    assert tree(root) == changed and set(changed) == set(before)


def test_init_keeps_settings_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.sitegen]\nsite_name = "Ours"\n', encoding="utf-8")
    done = run_cli("init", "--site", str(tmp_path))
    assert "  kept pyproject.toml [tool.sitegen], as it was\n" in done.out
    assert not (tmp_path / "sitegen.toml").exists()


def test_build_warns_about_example_settings_until_they_are_set(tmp_path: Path) -> None:
    tmp_path = tmp_path / "asthma-group"
    assert run_cli("init", str(tmp_path)).code == 0
    built = run_cli("build", "--site", str(tmp_path))
    assert built.code == 0, built.err
    assert ("sitegen.toml: warning: base_url is still the example address https://www.example.org/, so canonical "
            "links, the sitemap and the feed point there\n"
            "    hint: set base_url to the address where the site will live, for example "
            "base_url = \"https://leaflets.your-charity.org.uk/\"") in built.err
    assert ("sitegen.toml: warning: feedback is empty, so every leaflet says \"Contact Asthma group\" "
            "with no way to reach you\n") in built.err
    settings = tmp_path / "sitegen.toml"
    text = settings.read_text(encoding="utf-8").replace('base_url = "https://www.example.org/"', 'base_url = "https://leaflets.example.net/"')
    settings.write_text(text.replace('feedback = ""', 'feedback = "leaflets@example.net"'), encoding="utf-8")
    built = run_cli("build", "--site", str(tmp_path))
    assert built.code == 0 and "warning: base_url" not in built.err and "warning: feedback" not in built.err


def test_build_without_settings_suggests_init(site) -> None:
    root = site({"content/.keep": ""})
    built = run_cli("build", "--site", str(root))
    assert ("sitegen.toml: warning: this site has no settings file, so it uses the example settings\n"
            "    hint: run sitegen init to write a sitegen.toml with every setting explained (it changes nothing else)") in built.err


def test_build_in_an_empty_folder_suggests_init(tmp_path: Path) -> None:
    built = run_cli("build", cwd=tmp_path)
    assert built.code == 2
    assert built.err == ("sitegen: error: there is no content/ folder in this folder; run sitegen in your site's folder, "
                         "or pass --site DIR. To start a new site here, run: sitegen init\n")


def test_from_an_empty_folder_to_a_published_leaflet(tmp_path: Path) -> None:
    root = tmp_path / "site"
    assert run_cli("init", str(root)).code == 0
    path = root / "content" / "our-first-leaflet.md"
    text = path.read_text(encoding="utf-8")
    words = {"summary": "How to look after a sprained ankle at home.", "audience": "Adults with a sprained ankle",
             "credit_name": "Sam Patel", "credit_how": "Told us what helped when they sprained an ankle.",
             "source_title": "Sprains guideline", "source_publisher": "A guideline body",
             "source_url": "https://guidelines.example.net/sprains", "heading": "What a sprain is",
             "advice": "A sprain is a stretched or torn ligament. Rest it and keep it raised.",
             "urgent": "Call 999 if your foot goes cold, blue or numb."}
    for placeholder in FRONT + BODY:
        text = text.replace(placeholder.text, words[placeholder.name])
    path.write_text(text.replace("status: draft", "status: published"), encoding="utf-8")
    for name, role in (("Dr Helen Park", "clinical"), ("Sam Patel", "patient")):
        assert run_cli("signoff", "content/our-first-leaflet.md", "--name", name, "--role", role, "--site", str(root)).code == 0
    built = run_cli("build", "--site", str(root))
    assert built.code == 0, built.err
    assert "including 1 leaflet page." in built.out and "not published" not in built.out
    assert "A sprain is a stretched or torn ligament." in (root / "output" / "our-first-leaflet" / "index.html").read_text(encoding="utf-8")
