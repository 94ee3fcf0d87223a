"""Settings a new site has not filled in yet: said by ``sitegen build``, never a failure.

A site built with the example base_url has canonical links, a sitemap and a feed that
point at someone else's address, and one with no feedback route tells readers only
"Contact <organisation>". Neither stops a build (a first build is often a trial), so they
are warnings in the build's output, not findings: ``--strict`` is about the leaflets.
"""

from __future__ import annotations

from .config import SiteConfig
from .filenames import SETTINGS_FILE

EXAMPLE_BASE_URL = SiteConfig().base_url


def settings_warnings(config: SiteConfig) -> list[str]:
    where = config.source or SETTINGS_FILE
    found = []
    if not config.source:
        found.append(f"{SETTINGS_FILE}: warning: this site has no settings file, so it uses the example settings\n"
                     "    hint: run sitegen init to write a sitegen.toml with every setting explained (it changes nothing else)")
    if config.base_url.rstrip("/") == EXAMPLE_BASE_URL.rstrip("/"):
        found.append(f"{where}: warning: base_url is still the example address {EXAMPLE_BASE_URL}, so canonical links, "
                     "the sitemap and the feed point there\n"
                     "    hint: set base_url to the address where the site will live, for example "
                     "base_url = \"https://leaflets.your-charity.org.uk/\"")
    if not config.feedback.strip():
        found.append(f"{where}: warning: feedback is empty, so every leaflet says \"Contact {config.publisher}\" "
                     "with no way to reach you\n"
                     "    hint: set feedback to an email address or an https:// link, for example "
                     "feedback = \"leaflets@your-charity.org.uk\"")
    return found
