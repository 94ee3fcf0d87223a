"""Load and judge the whole site, without rendering or writing anything.

In: the site config and today's date. Out: a ``Site``: every leaflet parsed and
analysed, every finding (with the configured severity), which leaflets are published
and where each link on each page goes. ``sitegen check`` stops here; ``sitegen build``
renders and writes a Site.
"""

from __future__ import annotations

import contextlib

import dataclasses
import datetime as dt
import hashlib
import os
from collections import defaultdict
from functools import cached_property, lru_cache
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from . import addresses, htmlrender, inputs, salvage
from . import source as sources
from .incremental import keys, parallel
from .incremental.cache import Cache
from .incremental.deferred import Deferred
from .incremental.textstore import Store, Stored
from .checks import links as link_checks
from .checks import navigation, placeholders, plain_english, related, run_leaflet_checks, structure
from .config import DEFAULT_SEVERITIES, SiteConfig
from .feedback import FeedbackItem, log as feedback_log
from .feedback import checks as feedback_checks
from .filenames import OUTPUT_MARKER
from .history import live as history_live
from .history.approved import Approved
from .htmlrender import Draft
from .model import Finding, Severity
from .plain.types import PlainFacts
from .i18n import catalogues, plain_rules, tags
from .search import synonyms
from .source import Leaflet
from .translations import checks as translation_checks


@dataclass(frozen=True)
class PageText:
    """What only a leaflet's own outputs read: its page, PDF, search entry and reading-age report."""

    plain: PlainFacts
    draft: Draft | None = None
    """The body rendered once, with its links still to fill in (see htmlrender.Draft)."""
    search_words: tuple[str, ...] = ()
    """Words readers may search for that the leaflet does not use (``search.synonyms``)."""


@dataclass(frozen=True)
class Page:
    """One readable leaflet with everything the checks found about it.

    ``text`` stays in the cache's text store (``incremental.textstore``) or pickled
    (``incremental.deferred``) when the page came from a worker or the cache: the steps across
    leaflets read only the leaflet and its findings, so a build holds every leaflet's front
    matter and findings but reads a body only to use it."""

    leaflet: Leaflet
    text: PageText | Deferred[PageText] | Stored[PageText]
    findings: tuple[Finding, ...]
    broken: bool = False
    """Its front matter could not be read: a stand-in (``salvage``) whose body was checked; never published."""

    @property
    def blocked(self) -> bool:
        return not self.leaflet.meta.status.is_publishable() or any(f.severity is Severity.BLOCKER for f in self.findings)

    @property
    def analysed(self) -> PageText:
        return self.text if isinstance(self.text, PageText) else self.text.value

    @property
    def plain(self) -> PlainFacts:
        return self.analysed.plain

    @property
    def draft(self) -> Draft | None:
        return self.analysed.draft

    @property
    def search_words(self) -> tuple[str, ...]:
        return self.analysed.search_words

    def packed(self, store: Store | None = None) -> "Page":
        """The same page with its text pickled, to send to another process or keep in the cache:
        written into ``store`` when there is one, else kept as bytes."""
        if not isinstance(self.text, PageText):
            return self
        if store is not None and not self.broken:
            with contextlib.suppress(OSError):  # a full disk: kept as bytes, as without a store
                return dataclasses.replace(self, text=store.write(self.leaflet.source, self.text))
        return dataclasses.replace(self, text=Deferred.of(self.text))

    @property
    def text_missing(self) -> bool:
        """A page from the cache whose stored text is gone: it is analysed again."""
        return isinstance(self.text, Stored) and not self.text.present()


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    today: dt.date
    pages: tuple[Page, ...]
    glossary: Mapping[str, str]
    assets: tuple[str, ...]
    findings: tuple[Finding, ...]
    """Every finding, sorted by file and line."""
    published: frozenset[str]
    links: Mapping[str, Mapping[str, str | None]]
    """Leaflet source -> original href -> URL on the page (None: plain text)."""
    preview: bool = False
    unreadable: tuple[str, ...] = field(default=())
    broken: tuple[Page, ...] = field(default=())
    """Stand-ins for the unreadable leaflets whose body could still be read and checked."""

    def findings_for(self, source: str) -> list[Finding]:
        """Every finding about one file (its own checks, its links, the site's checks of it)."""
        return self._by_path.get(source, [])

    @cached_property
    def _by_path(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            grouped[finding.path].append(finding)
        return grouped
    feedback: tuple[FeedbackItem, ...] = ()
    """The feedback log as read (items with errors are left out)."""
    feedback_sources: tuple[str, ...] = ()
    """Every file of the log, readable or not (``feedback/<id>.yml``)."""
    live: Mapping[str, Page] = field(default_factory=dict)
    """Slug -> the approved version published while the new text awaits sign-off (``history.live``)."""
    approved: Mapping[str, Approved] = field(default_factory=dict)
    """Source -> the last approved version of a leaflet whose text has changed since."""
    glossaries: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Language folder (``cy``) -> its own glossary (``content/cy/glossary.yml``), for its glossary page."""

    def by_code(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity is severity]

    @property
    def errors(self) -> list[Finding]:
        return self.by_code(Severity.ERROR)

    def published_pages(self) -> list[Page]:
        """What the public site shows: each published leaflet's text, or its approved version
        while new text awaits sign-off."""
        return list(self._published)

    @cached_property
    def _published(self) -> tuple[Page, ...]:
        # Asked for by rendering, feeds, PDFs and search: worked out once (each ``blocked``
        # looks through the page's findings; 0.1 s a build at 5,000 leaflets, profiled).
        return tuple(self.live.get(p.leaflet.slug, p) if p.blocked else p for p in self.pages if p.leaflet.slug in self.published)

    def not_published(self) -> list[tuple[str, str]]:
        """Each leaflet that is not published, and why: (source, the reasons in plain English)."""
        out = []
        for page in self.pages:
            if page.leaflet.slug not in self.published:
                reasons = blocker_reasons(page.findings)
                reasons += [f.message.removeprefix("the new text awaits sign-off and ") for f in self.findings
                            if f.code == history_live.UNAVAILABLE and f.path == page.leaflet.source]
                out.append((page.leaflet.source, "; ".join(reasons) or "see the errors above"))
        return out + [(source, "its front matter could not be read") for source in self.unreadable]

    def shown_pages(self) -> list[Page]:
        """Pages that get built: all of them in the preview, only published ones otherwise."""
        return list(self.pages) if self.preview else self.published_pages()


def blocker_reasons(found: Iterable[Finding]) -> list[str]:
    """Why a leaflet is not published, one reason per blocker; unreplaced example text is one reason."""
    blockers = [f for f in found if f.severity is Severity.BLOCKER]
    reasons = [f.message.removeprefix("not published: ") for f in blockers if f.code != "placeholder"]
    lines = [str(f.line) for f in blockers if f.code == "placeholder"]
    if lines:
        where = f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(lines[:-1])} and {lines[-1]}"
        reasons.append(f"it still has example text that sitegen new wrote ({where})")
    return reasons


Glossaries = Mapping[str, Mapping[str, str]]
"""Language folder (``cy``) -> term -> explanation: each language's own glossary (``Site.glossaries``)."""


def marked_terms(leaflet: Leaflet, config: SiteConfig, glossary: Mapping[str, str],
                 glossaries: Glossaries | None) -> tuple[Mapping[str, str], str]:
    """The glossary whose terms are marked in the leaflet's text, and where its page is: the
    site's glossary for a leaflet in the site's language, else its language's own
    (``content/cy/glossary.yml``, page ``cy/glossary/``). An English term is never marked in Welsh text."""
    lang = leaflet.meta.lang
    if not lang or tags.same_language(lang, config.language):
        return glossary, addresses.GLOSSARY.url
    from .navigation.languages import glossary_for

    return glossary_for(lang, glossaries or {}), f"{tags.url_segment(lang)}/{addresses.GLOSSARY.url}"


def analyse_leaflet(leaflet: Leaflet, config: SiteConfig, today: dt.date, lexicon: object, glossary: Mapping[str, str],
                    glossaries: Glossaries | None = None) -> Page:
    rules = plain_rules.rules_for(leaflet.meta.lang or config.language)
    english = rules == plain_rules.ENGLISH_RULES
    plain = plain_english.analyse(leaflet, config, lexicon, glossary if english else {})
    plain_found = plain_english.findings(leaflet, plain, config, today)
    if not english:  # English word lists and formulas never judge another language (i18n.plain_rules)
        plain, plain_found = plain_rules.without_english(plain), [f for f in plain_found if f.code in rules]
    found = run_leaflet_checks(leaflet, config, today) + plain_found
    labels = {} if english else htmlrender.theme_labels(catalogues.translations(leaflet.meta.lang, config.root).gettext)
    terms, terms_page = marked_terms(leaflet, config, glossary, glossaries)
    body = htmlrender.draft(leaflet.body.tokens, htmlrender.RenderContext({}, page_root(leaflet.slug), terms, labels=labels,
                                                                          glossary_page=terms_page))
    meta = leaflet.meta
    text = "\n".join([meta.title, meta.summary, *(t.text for t in meta.index_terms), *(u.text for u in leaflet.body.units)])
    words = synonyms.search_words(text, lexicon) if config.search and english else ()
    return Page(leaflet, PageText(plain, body, words), tuple(configure(found, config)))


def page_root(slug: str) -> str:
    """The relative way from a leaflet's page back to the site root: ``../``, or ``../../`` under a language."""
    return "../" * (slug.count("/") + 1)


def by_language(pages: Iterable[Page], config: SiteConfig) -> dict[str, list[Page]]:
    """Pages grouped by language (the site's own first): each language has its own A to Z and topics."""
    groups: dict[str, list[Page]] = {config.language: []}
    for page in pages:
        lang = page.leaflet.meta.lang
        key = config.language if not lang or tags.same_language(lang, config.language) else lang
        groups.setdefault(key, []).append(page)
    return groups


def page_slug(leaflet: Leaflet, config: SiteConfig) -> str:
    """A leaflet in another language than the site's lives under its language: ``cy/<slug>``."""
    lang = leaflet.meta.lang
    if not lang or tags.same_language(lang, config.language):
        return leaflet.slug
    return f"{tags.url_segment(lang)}/{leaflet.slug}"


def analyse_broken(leaflet: Leaflet, config: SiteConfig, today: dt.date, lexicon: object, glossary: Mapping[str, str],
                   glossaries: Glossaries | None = None) -> Page:
    """The body checks of a leaflet whose front matter is broken: alt text, headings, example
    text and plain English (links are resolved with the rest of the site's)."""
    english = plain_rules.rules_for(leaflet.meta.lang or config.language) == plain_rules.ENGLISH_RULES
    plain = plain_english.analyse(leaflet, config, lexicon, glossary if english else {})
    plain_found = plain_english.findings(leaflet, plain, config, today) if english else []
    if not english:  # as in analyse_leaflet: English word lists never judge another language
        plain = plain_rules.without_english(plain)
    found = (list(leaflet.findings) + structure.check(leaflet, config, today) + placeholders.check(leaflet, config, today)
             + plain_found)
    terms, terms_page = marked_terms(leaflet, config, glossary, glossaries)
    body = htmlrender.draft(leaflet.body.tokens, htmlrender.RenderContext({}, page_root(leaflet.slug), terms, glossary_page=terms_page))
    return Page(leaflet, PageText(plain, body), tuple(configure(found, config)), broken=True)


def configure(found: Iterable[Finding], config: SiteConfig) -> list[Finding]:
    """Apply severities the site changed; a check's own stronger choice otherwise stands."""
    out = []
    for finding in found:
        wanted = config.severity.get(finding.code)
        if wanted is not None and finding.accepted is None and wanted is not DEFAULT_SEVERITIES.get(finding.code):
            finding = dataclasses.replace(finding, severity=wanted)
        out.append(finding)
    return out


def load_site(config: SiteConfig, today: dt.date, *, preview: bool = False, cache: Cache | None = None,
              jobs: int | None = None, found: inputs.Discovered | None = None, store: Store | None = None) -> Site:
    """``store``: where workers put each analysed leaflet's text (a build's; ``check`` and the preview have none)."""
    paths, assets, problems = found or inputs.discover(config)
    problems = list(problems)
    assets, asset_problems = sources.check_assets(config, assets)
    problems += asset_problems
    glossary, glossary_problems = sources.read_glossary(config)
    problems += glossary_problems
    glossaries, glossaries_problems = sources.read_glossaries(config)
    problems += glossaries_problems
    pages, unreadable, read_problems, broken = analyse_all(config, today, paths, glossary, cache=cache, jobs=jobs, store=store,
                                                           glossaries=glossaries)
    problems += read_problems
    problems += duplicate_slugs(pages, unreadable)
    for lang, group in by_language(pages, config).items():
        problems += navigation_findings([p.leaflet for p in group], lang, cache)
    named = translation_checks.check_names(pages, config, unreadable)
    problems += named.errors
    pages = with_findings(pages, named.extra, config)
    problems += configure(related_findings([p.leaflet for p in pages], unreadable, cache), config)
    asset_names = tuple(p.relative_to(config.content_dir).as_posix() for p in assets)
    problems += asset_collisions(pages, asset_names, config)
    pages, versions = approved_versions(config, today, pages, named.pairs, glossary, glossaries)
    published = frozenset(p.leaflet.slug for p in pages if not p.blocked) | frozenset(versions.pages)
    resolved, link_problems = resolve_links(pages, published, asset_names, preview, cache, frozenset(unreadable),
                                            {} if preview else versions.pages)
    broken, broken_links = resolve_broken(broken, pages, published, asset_names, preview, frozenset(unreadable), config)
    log, log_sources, log_problems = read_feedback(config, today, pages, unreadable)
    found = (problems + held_back([f for p in pages + broken for f in p.findings], versions)
             + configure(link_problems + log_problems + list(versions.findings), config))
    return Site(config, today, tuple(pages), glossary, asset_names, tuple(sort_findings(found)),
                published, {**resolved, **broken_links}, preview, tuple(unreadable), tuple(broken),
                feedback=log, feedback_sources=log_sources, live=versions.pages, approved=versions.approved,
                glossaries=glossaries)


def navigation_findings(leaflets: list[Leaflet], lang: str, cache: Cache | None) -> list[Finding]:
    """``checks.navigation`` of one language's leaflets, reused while every title, index term,
    topic and address is unchanged (an edit to a leaflet's body changes none of them)."""
    facts = [(lf.source, lf.slug, lf.meta.title, tuple((t.text, t.line) for t in lf.meta.index_terms), lf.meta.topics,
              lf.meta.lines.get("topics")) for lf in leaflets]
    return cached_check(cache, f"navigation {lang}", facts, lambda: navigation.check(leaflets, lang))


def related_findings(leaflets: list[Leaflet], unreadable: list[str], cache: Cache | None) -> list[Finding]:
    """``checks.related``, reused while every leaflet's address and ``related:`` entries are unchanged."""
    facts = [(lf.source, lf.slug, lf.meta.related, lf.meta.lines.get("related")) for lf in leaflets] + [tuple(unreadable)]
    return cached_check(cache, "related", facts, lambda: related.check(leaflets, unreadable))


def cached_check(cache: Cache | None, name: str, facts: list, run: Callable[[], list[Finding]]) -> list[Finding]:
    """The findings of a check across leaflets, from the cache while the facts it reads are the same."""
    if cache is None:
        return run()
    key = keys.site_check(cache, name, facts)
    found = cache.get("site-check", name, key)
    if found is None:
        found = tuple(run())
        cache.put("site-check", name, key, found)
    return list(found)


def with_findings(pages: list[Page], extra: Mapping[str, Iterable[Finding]], config: SiteConfig) -> list[Page]:
    return [dataclasses.replace(p, findings=p.findings + tuple(configure(extra[p.leaflet.source], config)))
            if p.leaflet.source in extra else p for p in pages]


def approved_versions(config: SiteConfig, today: dt.date, pages: list[Page], pairs: Mapping[str, str],
                      glossary: Mapping[str, str], glossaries: Glossaries | None = None) -> tuple[list[Page], history_live.LiveVersions]:
    """Which approved versions stay published, the English first: a translation is judged
    against the English that readers see, which may be an approved earlier version."""
    def analyse(leaflet: Leaflet) -> Page:
        return analyse_leaflet(leaflet, config, today, _lexicon(config), glossary, glossaries)

    english = history_live.resolve(config, [p for p in pages if p.leaflet.source not in pairs], analyse)
    pages = with_findings(pages, translation_checks.check_versions(pages, pairs, config, english.pages, english.approved,
                                                                   today), config)
    by_slug = {p.leaflet.slug: p for p in pages}

    def analyse_translation(leaflet: Leaflet) -> Page:
        """An approved earlier translation passes the same tests against the English as the text now."""
        page = analyse(leaflet)
        source = by_slug[pairs[leaflet.source]]
        found = translation_checks.version_findings(leaflet, source, config, english.pages, english.approved, today)
        return dataclasses.replace(page, findings=page.findings + tuple(configure(found, config)))

    translated = history_live.resolve(config, [p for p in pages if p.leaflet.source in pairs], analyse_translation)
    return pages, history_live.LiveVersions({**english.pages, **translated.pages}, {**english.approved, **translated.approved},
                                            english.findings + translated.findings)


def read_feedback(config: SiteConfig, today: dt.date, pages: list[Page], unreadable: list[str]):
    """The log, its files, and what is wrong with it or with the ids leaflets give it."""
    files = inputs.log_files(config.root)
    sources = tuple(f"{feedback_log.FEEDBACK_DIR}/{p.name}" for p in files)
    items, problems = feedback_log.read_log(config.root)
    ids = [p.name[:-4] for p in files if p.name.endswith(".yml")]
    slugs = [p.leaflet.slug for p in pages] + [sources_slug(s) for s in unreadable]
    problems += feedback_checks.unknown_leaflets(items, slugs)
    problems += feedback_checks.unanswered(items, config.feedback_unanswered_days, today)
    problems += feedback_checks.unknown_ids(((p.leaflet.source, p.leaflet.meta) for p in pages), ids)
    return items, sources, problems


def sources_slug(source: str) -> str:
    return sources.slug_for(sources.Path(source))


def stored_text_names(cache: Cache) -> set[str]:
    """The files of the text store that the leaflets' cache entries refer to: every entry a
    build used was read (unpickled) or put, and only those are saved."""
    return {value.text.name for entry, (_key, value) in cache.entries.items()
            if entry[0] == "page" and entry in cache.used and isinstance(value.text, Stored)}


def held_back(found: list[Finding], versions: history_live.LiveVersions) -> list[Finding]:
    """While an approved version stays published, the sign-off blockers hold back only the new text: say so."""
    sources = {page.leaflet.source for page in versions.pages.values()}
    return [dataclasses.replace(f, message=f.message.replace("not published: ", "the new text is not published yet: ", 1))
            if f.path in sources and f.code in history_live.HELD_BACK_ONLY_BY else f for f in found]


def _lexicon(config: SiteConfig) -> object:
    from .plain import load_lexicon
    return load_lexicon(site_terms=config.jargon)


def analyse_all(config: SiteConfig, today: dt.date, paths: list, glossary: Mapping[str, str], *,
                cache: Cache | None = None, jobs: int | None = None,
                store: Store | None = None, glossaries: Glossaries | None = None) -> tuple[list[Page], list[str], list[Finding], list[Page]]:
    """The per-leaflet work: from the cache when the file and settings are unchanged, else in workers."""
    from .plain import load_lexicon, preload
    lexicon = load_lexicon(site_terms=config.jargon)
    prefix = len(str(config.root)) + 1
    raws = [(str(p)[prefix:].replace(os.sep, "/"), p) for p in paths]
    results: dict[str, tuple[Page | None, list[Finding]]] = {}
    todo: list[tuple[str, bytes]] = []
    salt = keys.analysis_salt(cache, today, glossary, glossaries or {}) if cache else ""
    for source, path in raws:
        try:
            digest, raw = keys.file_digest(path, cache.stats if cache else None)
        except OSError as exc:
            results[source] = (None, [sources.unreadable_finding(source, exc)])
            continue
        hit = cache.get("page", source, keys.analysis(salt, digest)) if cache else None
        if hit is not None and not hit.text_missing:
            results[source] = (hit, [])
        else:
            todo.append((source, raw if raw is not None else path.read_bytes()))
    if todo:
        preload()  # word frequencies and syllables, once, in the parent: forked workers share them
    done = parallel.map_items(_analyse_one, todo, jobs, config=config, today=today, lexicon=lexicon, glossary=glossary,
                              glossaries=glossaries or {}, store=store)
    for (source, raw), (page, found) in zip(todo, done):
        results[source] = (page, found)
        if cache and page is not None and not page.broken:
            cache.put("page", source, keys.analysis(salt, hashlib.sha256(raw).hexdigest()), page)
    return _collect(raws, results)


def _analyse_one(item: tuple[str, bytes]) -> tuple[Page | None, list[Finding]]:
    source, raw = item
    state = parallel.STATE
    slug = sources.slug_for(sources.Path(source))
    leaflet, found = sources.parse_leaflet(source, slug, raw)
    if leaflet is None:
        standin = salvage.standin(source, slug, raw) if source.endswith(".md") else None
        if standin is None:
            return None, found
        standin = dataclasses.replace(standin, slug=page_slug(standin, state["config"]))
        page = analyse_broken(standin, state["config"], state["today"], state["lexicon"], state["glossary"], state["glossaries"])
        return dataclasses.replace(page, leaflet=page.leaflet.lightened()).packed(), found  # never cached
    leaflet = dataclasses.replace(leaflet, slug=page_slug(leaflet, state["config"]))
    page = analyse_leaflet(leaflet, state["config"], state["today"], state["lexicon"], state["glossary"], state["glossaries"])
    return dataclasses.replace(page, leaflet=page.leaflet.lightened()).packed(state["store"]), []


def _collect(raws, results) -> tuple[list[Page], list[str], list[Finding], list[Page]]:
    pages, unreadable, problems, broken = [], [], [], []
    for source, _path in raws:
        page, found = results[source]
        if page is None or page.broken:
            unreadable.append(source)
            problems += found
            broken += [page] if page is not None else []
        else:
            pages.append(page)
    return pages, unreadable, problems, broken


def duplicate_slugs(pages: list[Page], unreadable: list[str]) -> list[Finding]:
    by_slug: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        by_slug[page.leaflet.slug].append(page.leaflet.source)
    for source in unreadable:
        if source.endswith(".md"):
            by_slug[sources.slug_for(sources.Path(source))].append(source)
    found = []
    for slug, files in sorted(by_slug.items()):
        if not slug:
            found += [Finding("frontmatter", Severity.ERROR, f, None, "this file name has no letters or digits, so it cannot become a page address",
                              "rename the file using letters, digits and hyphens, for example asthma.md") for f in files]
        elif len(files) > 1:
            found += [Finding("frontmatter", Severity.ERROR, f, None,
                              f"{' and '.join(files)} would both become the page /{slug}/",
                              "rename one of the files (file names that differ only in capitals or accents give the same address)")
                      for f in files[1:]]
    return found


def asset_collisions(pages: list[Page], assets: tuple[str, ...], config: SiteConfig) -> list[Finding]:
    taken = {p.leaflet.slug for p in pages} | addresses.RESERVED_FOLDERS
    taken_files = addresses.RESERVED_FILES | {OUTPUT_MARKER}
    languages = {p.leaflet.slug.split("/", 1)[0] for p in pages if "/" in p.leaflet.slug}
    return [
        Finding("frontmatter", Severity.ERROR, f"content/{name}", None,
                f"the file content/{name} would overwrite a page sitegen makes",
                "rename the file or move it into a folder such as content/images/")
        for name in assets
        if name.split("/", 1)[0] in taken or name in taken_files or _in_language_listings(name, languages)
    ]


def _in_language_listings(name: str, languages: set[str]) -> bool:
    """``cy/feed.xml`` or ``cy/a-z/x``: where a language's own listings are written (``navigation.languages``)."""
    lang, _, rest = name.partition("/")
    return lang in languages and (rest in ("index.html", addresses.FEED) or rest.split("/", 1)[0] in addresses.IN_LANGUAGE_FOLDER)


def resolve_links(pages: list[Page], published: frozenset[str], assets: tuple[str, ...], preview: bool,
                  cache: Cache | None = None, unreadable: frozenset[str] = frozenset(), live: Mapping[str, Page] | None = None):
    """Where each link goes, per page; reused from the cache while the page and everything
    its links can reach (which leaflets exist, their headings, what is published) are unchanged."""
    topics = frozenset(topic_slug(t) for p in pages for t in p.leaflet.meta.topics)
    index = link_checks.make_index([p.leaflet for p in pages], published, frozenset(assets), topics, preview, unreadable)
    shared: list[str] = []  # the whole site's salt, made only if a page needs it
    salt = cache.key("links") if cache else ""
    resolved: dict[str, dict[str, str | None]] = {}
    found: list[Finding] = []
    for page in pages:
        source = page.leaflet.source
        hit = None
        if cache:
            facts, whole_site = link_checks.depends_on(page.leaflet, index)
            if whole_site and not shared:
                shared.append(keys.links_salt(index))
            key = keys.links(salt, facts, shared[0] if whole_site else None, page.leaflet.digest)
            hit = cache.get("links", source, key)
        if hit is None:
            hit = link_checks.resolve(page.leaflet, index, page_root(page.leaflet.slug))
            if cache:
                cache.put("links", source, key, hit)
        resolved[source], problems = hit
        found += problems
    for page in (live or {}).values():  # the approved text's own links; its findings are about an old text
        resolved[page.leaflet.source], _old = link_checks.resolve(page.leaflet, index)
    return resolved, found


def resolve_broken(broken: list[Page], pages: list[Page], published: frozenset[str], assets: tuple[str, ...], preview: bool,
                   unreadable: frozenset[str], config: SiteConfig) -> tuple[list[Page], dict[str, dict[str, str | None]]]:
    """The link check for stand-ins of broken leaflets: their link findings join their own."""
    if not broken:
        return broken, {}
    topics = frozenset(topic_slug(t) for p in pages for t in p.leaflet.meta.topics)
    index = link_checks.make_index([p.leaflet for p in pages], published, frozenset(assets), topics, preview, unreadable)
    out, resolved = [], {}
    for page in broken:
        links, found = link_checks.resolve(page.leaflet, index)
        resolved[page.leaflet.source] = links
        out.append(dataclasses.replace(page, findings=page.findings + tuple(configure(found, config))))
    return out, resolved


@lru_cache(maxsize=4096)
def topic_slug(topic: str) -> str:
    return sources.slug_for(sources.Path(topic + ".md"))


def sort_findings(found: list[Finding]) -> list[Finding]:
    return sorted(found, key=lambda f: (f.path, f.line or 0, f.column or 0, f.code))
