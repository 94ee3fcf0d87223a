""""You said, we did": only what people agreed to show, about published leaflets, never a name;
linked both ways with the leaflets' "What changed"; totals on "How we make our information"."""

from __future__ import annotations

from pathlib import Path

from helpers import leaflet, run_cli, tree

CHANGES = """changes:
  - date: 2026-03-01
    what: Added a section on spacers.
    why: People on our reader panel asked how to use a spacer.
    feedback: [spacer]
"""


def item(said: str, status: str = "changed", show: str = "true", about: str = "living-with-asthma") -> str:
    response = "" if status == "new" else "response: We looked at it.\n"
    return (f"received: 2026-02-04\nfrom: carer\nchannel: Ward 7 reader panel\nleaflets: [{about}]\nsaid: {said}\n"
            f"status: {status}\n{response}show_on_site: {show}\n")


def build(root: Path) -> dict[str, str]:
    done = run_cli("build", "--no-pdf", cwd=root)
    assert done.code == 0, done.out + done.err
    return {path: data.decode("utf-8", "replace") for path, data in tree(root / "output").items()}


def test_only_consented_acted_on_feedback_about_published_leaflets_is_shown(site) -> None:
    root = site({
        "content/living-with-asthma.md": leaflet(extra=CHANGES),
        "content/draft-leaflet.md": leaflet("Draft leaflet", status="draft"),
        "feedback/spacer.yml": item("Say how to use a spacer."),
        "feedback/no-change.yml": item("List the brands.", "not-changed"),
        "feedback/private.yml": item("Private words.", show="false"),
        "feedback/thinking.yml": item("Still thinking words.", "considered"),
        "feedback/waiting.yml": item("Waiting words.", "new"),
        "feedback/unpublished.yml": item("Words about a draft.", about="draft-leaflet"),
    })
    files = build(root)
    page = files["you-said-we-did/index.html"]
    assert "Say how to use a spacer." in page and "List the brands." in page
    assert '<strong>We changed the leaflet.</strong>' in page and '<strong>We did not change the leaflet.</strong>' in page
    assert '<h3 id="sg-feedback-spacer-title">A carer said, in February 2026</h3>' in page
    for hidden in ("Private words.", "Still thinking words.", "Waiting words.", "Words about a draft.", "draft-leaflet", "Ward 7"):
        assert not [path for path, text in files.items() if hidden in text], hidden
    assert "<li>Feedback received: 6</li>" in page
    assert "<li>Led to a change in a leaflet: 3</li>" in page  # totals count every item: spacer, private, unpublished
    assert "<li>Answered (we decided what to do): 5</li>" in page


def test_what_changed_and_you_said_link_to_each_other(site) -> None:
    root = site({"content/living-with-asthma.md": leaflet(extra=CHANGES), "feedback/spacer.yml": item("Say how to use a spacer.")})
    files = build(root)
    assert '<p><a href="../you-said-we-did/#sg-feedback-spacer">What you said, and what we did</a></p>' in files["living-with-asthma/index.html"]
    assert '<div class="change" id="sg-change-1">' in files["living-with-asthma/index.html"]
    assert '<p><a href="../living-with-asthma/#sg-change-1">What changed in Living with asthma</a></p>' in files["you-said-we-did/index.html"]


def test_no_link_to_an_item_the_page_does_not_show(site) -> None:
    root = site({"content/living-with-asthma.md": leaflet(extra=CHANGES), "feedback/spacer.yml": item("Say it.", show="false")})
    files = build(root)
    assert "you-said-we-did/#" not in files["living-with-asthma/index.html"]
    assert "There is nothing to show here yet." in files["you-said-we-did/index.html"]


def test_the_about_page_counts_feedback_and_links_to_the_page(site) -> None:
    root = site({"content/living-with-asthma.md": leaflet(extra=CHANGES), "feedback/spacer.yml": item("Say it."),
                 "feedback/waiting.yml": item("Hmm.", "new")})
    about = build(root)["how-we-make-our-information/index.html"]
    assert "<p>We have received 2 pieces of feedback about our leaflets. 1 led to a change in a leaflet, and we have answered 1.</p>" in about
    assert '<a href="../you-said-we-did/">You said, we did: what people told us and what we did about it</a>' in about


def test_a_site_without_a_log_has_no_such_page(site) -> None:
    root = site({"content/living-with-asthma.md": leaflet()})
    files = build(root)
    assert "you-said-we-did/index.html" not in files
    assert "Feedback and what we did" not in files["how-we-make-our-information/index.html"]
