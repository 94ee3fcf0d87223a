"""The translation gate as a property: whatever the sign-offs, settings and English status,
a translation is published only as its policy allows, with only the text its reviewer approved."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

import datetime as dt

from helpers import TODAY, make_site, tree
from sitegen.build import build
from sitegen.config import load_config
from translation_helpers import CY_BODY, EN_PRINT, OLD_PRINT, english, translation

UNAPPROVED = "Brawddeg na chymeradwyodd neb."
"""Added to the Welsh after its sign-off, in the "edited" case: it must never be published."""
TODAY_DATE = dt.date.fromisoformat(TODAY)
NOTICE = "Mae'r fersiwn Saesneg o'r daflen hon wedi newid ers iddi gael ei chyfieithu."

cases = st.fixed_dictionaries({
    "signoff": st.sampled_from(["translation", "clinical", "edited"]),
    "policy": st.sampled_from(["translation", "clinical or translation"]),
    "outdated": st.sampled_from(["notice", "unpublish"]),
    "source": st.sampled_from(["current", "old"]),
    "english": st.sampled_from(["published", "draft"]),
})


def site_files(case: dict) -> dict[str, str]:
    welsh = translation(source_print=EN_PRINT if case["source"] == "current" else OLD_PRINT,
                        role="clinical" if case["signoff"] == "clinical" else "translation")
    if case["signoff"] == "edited":
        welsh = welsh.replace(CY_BODY, CY_BODY + f"\n{UNAPPROVED}\n")
    policy = '[["translation"]]' if case["policy"] == "translation" else '[["clinical", "translation"]]'
    return {"content/living-with-asthma.md": english().replace("status: published", f"status: {case['english']}"),
            "content/cy/byw-gydag-asthma.md": welsh,
            "sitegen.toml": f'translation_signoffs = {policy}\noutdated_translations = "{case["outdated"]}"\n'}


def allowed(case: dict) -> bool:
    signed = case["signoff"] == "translation" or (case["signoff"] == "clinical" and case["policy"] != "translation")
    return case["english"] == "published" and signed and (case["source"] == "current" or case["outdated"] == "notice")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases)
def test_a_translation_is_published_only_as_its_policy_allows(tmp_path_factory, case: dict) -> None:
    root = make_site(tmp_path_factory.mktemp("gate"), site_files(case))
    assert build(load_config(root), pdf=False, today=TODAY_DATE).ok
    built = tree(root / "output")
    everything = b"\n".join(built.values()).decode("utf-8", "replace")
    page = built.get("cy/byw-gydag-asthma/index.html")
    assert (page is not None) == allowed(case), case
    assert UNAPPROVED not in everything
    if page is None:
        assert "Byw gydag asthma" not in everything  # not even its title in a listing, feed or sitemap
        return
    text = page.decode("utf-8")
    assert "Mae'r pibellau aer yn mynd yn gul." in text
    assert (NOTICE in text) == (case["source"] == "old"), case
