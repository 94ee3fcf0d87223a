"""The pages and files sitegen makes on every site besides the leaflets: their one home.

Rendering makes them from here, the link check accepts links to them from here, the
content check refuses a file that would overwrite one from here, and templates reach
their addresses as ``urls``. Imports nothing of sitegen (the dev server may use it).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class OwnPage:
    """One page of the site's own: where it lives, which template makes it, its title."""

    url: str
    """Relative to the site root: "" for the home page, ``a-z/`` for a folder page."""
    template: str
    title: str
    """Its heading and page title; empty for the home page, whose title is the site's name."""
    description: str

    @property
    def file(self) -> str:
        """The file written for it, relative to the output folder."""
        return self.url if self.url.endswith(".html") else f"{self.url}index.html"


HOME = OwnPage("", "index.html", "", "Health information leaflets")
A_TO_Z = OwnPage("a-z/", "a-z.html", "Leaflets A to Z", "All leaflets from A to Z")
ABOUT = OwnPage("how-we-make-our-information/", "about.html", "How we make our information",
                "Who helps us write and check our leaflets")
NOT_FOUND = OwnPage("404.html", "404.html", "Page not found", "")
GLOSSARY = OwnPage("glossary/", "glossary.html", "Glossary", "What the words in our leaflets mean")
TOPIC_LIST = OwnPage("topics/", "topics.html", "Topics", "Our leaflets, grouped by topic")
SEARCH = OwnPage("search/", "search.html", "Search", "Search our leaflets")
OWN_PAGES = (HOME, A_TO_Z, ABOUT, NOT_FOUND, GLOSSARY, TOPIC_LIST, SEARCH)
YOU_SAID = OwnPage("you-said-we-did/", "you-said.html", "You said, we did",
                   "What people told us about our leaflets, and what we did about it")
"""Made only on a site with a feedback log (``feedback/``), so it is not in OWN_PAGES."""

LANGUAGE_PAGES = (A_TO_Z, TOPIC_LIST, GLOSSARY, SEARCH)
"""Own pages each other language with leaflets has too, under its folder: ``cy/a-z/``
(``navigation.languages``; the glossary only where the language has a glossary file)."""
IN_LANGUAGE_FOLDER = frozenset({page.url.rstrip("/") for page in LANGUAGE_PAGES} | {"index"})
"""Names no leaflet in a language folder may take (``content/cy/a-z.md`` would be ``cy/a-z/``)."""

TOPICS = TOPIC_LIST.url
"""Topic pages live at ``topics/<slug>/``; the list of topics is ``topics/`` itself."""
SEARCH_BUNDLE = "pagefind/"
"""The search index and Pagefind's own script (``search`` makes them; never in the preview)."""
ASSETS = "assets/"
"""The theme's and the site's static files (style.css and templates/static/)."""
SITEMAP = "sitemap.xml"
FEED = "feed.xml"
ROBOTS = "robots.txt"
MACHINE_FILES = (SITEMAP, FEED, ROBOTS)

LINKABLE = tuple(page.url for page in OWN_PAGES if page is not NOT_FOUND)
"""Own pages a leaflet may link to with a site path such as ``/a-z/``."""
RESERVED_FOLDERS = frozenset({TOPICS.rstrip("/"), ASSETS.rstrip("/"), SEARCH_BUNDLE.rstrip("/")}
                             | {page.url.split("/")[0] for page in (*OWN_PAGES, YOU_SAID) if page.url.endswith("/")})
"""Top-level folder names no content file may take."""
RESERVED_FILES = frozenset({page.file for page in OWN_PAGES if "/" not in page.file} | set(MACHINE_FILES))
"""Top-level file names no content file may take (with the output marker, see ``filenames``)."""

URLS = MappingProxyType({"home": HOME.url, "a_z": A_TO_Z.url, "about": ABOUT.url, "glossary": GLOSSARY.url,
                         "topics": TOPICS, "search": SEARCH.url, "you_said": YOU_SAID.url, "search_bundle": SEARCH_BUNDLE, "assets": ASSETS, "feed": FEED, "sitemap": SITEMAP})
"""What templates see as ``urls``: ``{{ root }}{{ urls.a_z }}``."""
