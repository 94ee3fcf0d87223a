"""Render a judged Site to files: HTML pages, sitemap.xml, the Atom feed and assets.

In: a ``Site``. Out: ``{relative path: bytes}`` for every generated file plus the
list of content files to copy. Nothing is written here (see ``write``). Only the
pages in ``Site.shown_pages()`` are rendered, and only views built here reach the
templates, so an unpublished leaflet or a hidden name has no way onto a page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import traceback
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

import jinja2
from markupsafe import Markup

from . import addresses, feeds, htmlrender, preview_status, views
from .config import SiteConfig
from .errors import BuildFailed
from .filenames import THEME, user_folder
from .feedback import public as public_feedback
from .history import diff as history_diff
from .htmlrender import Highlight, RenderContext
from .i18n import catalogues, tags
from .translations import links as translation_links
from gettext import NullTranslations
from .incremental import keys, parallel
from .incremental.cache import Cache
from .model import Credit, Finding, SignOff
from .navigation import atoz, breadcrumbs, languages
from .navigation import languages as languages_nav
from .navigation import topics as topic_nav
from .placeholders import SIGNOFF_NAME, SIGNOFF_ROLE
from .site import Page, Site, blocker_reasons, by_language, marked_terms, page_root, topic_slug
from .translations import checks as translation_checks
from .write import Content, Placed, Spare, Unchanged

ROLE_LABELS = {"patient": "Patient partner", "carer": "Carer partner", "clinician": "Clinician", "staff": "Staff member",
               "volunteer": "Volunteer", "translator": "Translator", "other": "Partner"}
SIGNOFF_LABELS = {"clinical": "Clinical reviewer", "patient": "Patient reviewer", "carer": "Carer reviewer", "editorial": "Editor",
                  "translation": "Translation reviewer"}
FORMAT_LABELS = {"easy-read": "Easy Read", "large-print": "Large print", "audio": "Audio", "braille": "Braille",
                 "bsl": "British Sign Language (BSL) video", "translation": "Other languages"}
ABOUT_ROWS_LIMIT = 100
"""Above this many leaflets, "How we make our information" shows only the totals."""
NO_BREADCRUMBS = views.Breadcrumbs((), Markup(""))
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def longdate(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@lru_cache(maxsize=16)
def environment(templates_dir: Path, templates_key: str = "", lang: str = "") -> jinja2.Environment:
    """Site templates override the theme's by name. Autoescape is on for every template.
    One environment per language: its strings come from that language's message catalogue
    (``i18n.catalogues``) and its dates are written in that language's words.

    Keyed by the templates' digest too: Jinja only re-checks the file a template first
    came from, so a new override of a theme template would otherwise go unnoticed."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(templates_dir)), jinja2.FileSystemLoader(str(THEME / "templates"))])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             extensions=["jinja2.ext.i18n"], bytecode_cache=compiled_templates())
    env.install_gettext_translations(catalogues.translations(lang, templates_dir.parent) if lang else NullTranslations(),
                                     newstyle=True)
    env.globals["urls"] = addresses.URLS
    env.filters["longdate"] = (lambda d: catalogues.long_date(d, lang)) if lang and tags.primary(lang) != "en" else longdate
    env.filters["isodate"] = lambda d: d.isoformat()
    return env


@lru_cache(maxsize=1)
def compiled_templates() -> jinja2.BytecodeCache | None:
    """Jinja's own cache of compiled templates, in the user's cache folder: compiling the theme
    was a third of a one-leaflet edit at 1,000 leaflets (0.33 s of 1.0 s, profiled). Jinja keys
    each entry on the template's source and its own and Python's versions. Never in the site:
    loading compiled code from a folder anyone can commit to would run their code."""
    folder = user_folder() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None  # no writable home: templates are compiled each time, as before
    if folder.is_symlink() or not folder.is_dir() or (hasattr(os, "getuid") and folder.stat().st_uid != os.getuid()):
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def site_view(config: SiteConfig, languages: Mapping[str, list] | None = None,
              glossaries: Mapping[str, Mapping[str, str]] | None = None) -> views.SiteView:
    feedback = config.feedback.strip()  # an email address or an https:// address (config.ADDRESS_RULES)
    address = feedback.removeprefix("mailto:")
    if feedback and not feedback.startswith("https://"):
        url, text = f"mailto:{address}", f"email {address}"
    else:
        url, text = feedback, "use our feedback form" if feedback else ""
    homes = tuple(views.LanguageHome(lang, tags.direction(lang), f"{tags.url_segment(lang)}/", tags.autonym(lang),
                                     bool(languages_nav.glossary_for(lang, glossaries or {})))
                  for lang, pages in sorted((languages or {}).items()) if lang != config.language and pages)
    return views.SiteView(config.site_name, config.language, config.base_url, config.publisher, url, text, homes)


def signoff_entry(fingerprint: str, today: dt.date) -> str:
    """The sign-off a reviewer pastes under ``signoff:``: name and role to fill in (the name's
    example text is a placeholder, so an entry left unfilled never counts)."""
    return (f'  - name: "{SIGNOFF_NAME}"\n'
            f"    role: {SIGNOFF_ROLE}\n"
            f"    date: {today.isoformat()}\n"
            f"    fingerprint: {fingerprint}")


BROKEN_REASON = "its front matter has errors, listed at the top of this page; the text below is as far as it could be read"
"""The preview's banner on a leaflet whose front matter cannot be read (our own wording, needs review)."""


def render_site(site: Site, cache: Cache | None = None, jobs: int | None = None,
                live: Mapping[str, str] | None = None,
                downloads: Mapping[str, tuple[views.DownloadView, ...]] | None = None,
                spare: Spare | None = None) -> dict[str, Content]:
    """Every generated file of the site, keyed by path relative to the output folder.

    ``live`` is the manifest (path -> sha256) of the folder being replaced: a page whose
    inputs are unchanged and whose bytes are already there comes back as ``Unchanged``.
    ``downloads``: leaflet slug -> the printable versions its page links to (``pdf.stage``).
    ``spare``: the folder the site is being written into (``write.Spare``); each worker writes
    the leaflet pages it renders there and sends back only their digests (``Placed``)."""
    renderer = Renderer(site, cache, live or {}, downloads, spare)
    pages = site.shown_pages()
    files: dict[str, Content] = dict(zip((f"{p.leaflet.slug}/index.html" for p in pages), renderer.leaflets(pages, jobs)))
    files.update(renderer.listings())
    files.update(feeds.files(site, renderer.shown, renderer.families, renderer.site_view.languages,
                             renderer.languages, renderer.listing_rows))
    return files


def _render_one(index: int) -> bytes | Placed:
    state = parallel.STATE
    renderer, page = state["renderer"], state["pages"][index]
    data = renderer.leaflet(page)
    return renderer.spare.place(f"{page.leaflet.slug}/index.html", data) if renderer.spare else data


class Renderer:
    def __init__(self, site: Site, cache: Cache | None = None, live: Mapping[str, str] | None = None,
                 downloads: Mapping[str, tuple[views.DownloadView, ...]] | None = None, spare: Spare | None = None) -> None:
        self.site = site
        self.spare = spare
        self.cache = cache
        self.live = live or {}
        self.downloads = downloads or {}
        self.templates_key = keys.templates((THEME / "templates", site.config.templates_dir)) + catalogues.digest(site.config.root)
        self.env = environment(site.config.templates_dir.resolve(), self.templates_key, site.config.language)
        every = sorted(site.shown_pages(), key=lambda p: (p.leaflet.meta.title.casefold(), p.leaflet.slug))
        self.languages = by_language(every, site.config)
        self.site_view = site_view(site.config, self.languages, site.glossaries)
        self.shown = self.languages[site.config.language]
        """The site language's leaflets: the English listings, sitemap rows and feed list these."""
        self.titles = {p.leaflet.slug: p.leaflet.meta.title for p in every}
        self.families = translation_links.families(every)
        self.shared_key = ""
        self.searchable = site.config.search and not site.preview
        self.shown_feedback = public_feedback.shown_items(site.feedback, site.published)
        """Feedback items "You said, we did" shows (the contract's gate, in ``feedback.public``)."""
        self.shown_ids = frozenset(item.id for item in self.shown_feedback)
        self.reprs = SharedRepr()
        """The listing pages' keys are the ``repr`` of what they show, and most of it is shared."""
        self.listing_rows: tuple = ()
        """The sitemap's rows for listing pages in several languages (``navigation.languages``)."""
        self.findings_by_path: dict[str, list[Finding]] = defaultdict(list)
        for finding in site.findings:
            self.findings_by_path[finding.path].append(finding)

    def page(self, template: str, url: str, title: str, description: str = "", root: str | None = None, **context) -> bytes:
        """One templated page; ``root`` is the relative way back to the site root (404: absolute)."""
        try:
            return self._page(template, url, title, description, root, **context)
        except jinja2.TemplateError as exc:
            raise template_failure(exc, self.site.config) from None

    def env_for(self, lang: str) -> jinja2.Environment:
        if not lang or lang == self.site.config.language:
            return self.env
        return environment(self.site.config.templates_dir.resolve(), self.templates_key, lang)

    def _page(self, template: str, url: str, title: str, description: str, root: str | None, **context) -> bytes:
        depth = url.count("/")
        context.setdefault("breadcrumbs", NO_BREADCRUMBS)
        lang = context.pop("lang", "") or self.site.config.language
        context.setdefault("alternates", ())
        html = self.env_for(lang).get_template(template).render(
            site=self.site_view, root="../" * depth if root is None else root, page_title=title,
            canonical=self.site.config.base_url + url, description=description,
            review_mode=self.site.preview, searchable=self.searchable, lang=lang, text_dir=tags.direction(lang),
            home="" if lang == self.site.config.language else f"{tags.url_segment(lang)}/",
            has_glossary=lang == self.site.config.language or any(h.glossary for h in self.site_view.languages if h.lang == lang),
            site_language_name=tags.autonym(self.site.config.language), **context)
        return html.encode("utf-8")

    # ------------------------------------------------------------------ leaflets
    def leaflets(self, pages: list[Page], jobs: int | None) -> list[Content]:
        cache = self.cache
        page_keys = [self.page_key(p, cache) for p in pages] if cache else [""] * len(pages)
        out: list[Content | None] = [self.reuse(f"{p.leaflet.slug}/index.html", "html", k) for p, k in zip(pages, page_keys)]
        todo = [i for i, found in enumerate(out) if found is None]
        if todo and self.spare:
            self.spare.opening()  # before the workers fork: they write into it
        for index, data in zip(todo, parallel.map_items(_render_one, todo, jobs, renderer=self, pages=pages)):
            out[index] = data
            if cache:
                digest = data.digest if isinstance(data, Placed) else hashlib.sha256(data).hexdigest()
                cache.put("html", f"{pages[index].leaflet.slug}/index.html", page_keys[index], digest)
        return [data if data is not None else b"" for data in out]

    def reuse(self, path: str, kind: str, key: str) -> Unchanged | None:
        """The page as it already is in the live folder, if its inputs have not changed since."""
        digest = self.cache.get(kind, path, key) if self.cache and key else None
        return Unchanged(digest) if digest is not None and self.live.get(path) == digest else None

    def page_key(self, page: Page, cache: Cache) -> str:
        leaflet = page.leaflet
        if not self.shared_key:
            # The preview's sign-off entry carries today's date, so a new day renders its pages again.
            preview = self.site.today.isoformat() if self.site.preview else False
            self.shared_key = keys.pages_salt(cache, self.site.glossary, self.site.glossaries, preview, self.site_view,
                                             self.templates_key)
            self.shared_key += "|feedback shown:" + ",".join(sorted(self.shown_ids))  # "What changed" links to them
        findings = self.findings_by_path.get(leaflet.source, ()) if self.site.preview else None
        # The page also shows its family's other languages and whether it is outdated: they ride
        # with the related titles, the part of the key that already names other leaflets.
        family = [(f"lang:{p.leaflet.source}", f"{p.leaflet.slug}\x1e{p.leaflet.fingerprint}\x1e{p.leaflet.meta.title}")
                  for p in self.families.get(translation_links.family_key(page), ())]
        return keys.leaflet_page(self.shared_key, leaflet.digest, leaflet.source, leaflet.meta.next_review < self.site.today,
                                 [(s, self.titles.get(s)) for s in leaflet.meta.related] + family,
                                 self.site.links.get(leaflet.source, {}), findings, self.downloads.get(leaflet.slug, ()))

    def leaflet(self, page: Page) -> bytes:
        view = self.leaflet_view(page)
        meta = page.leaflet.meta
        trail = breadcrumbs.for_leaflet(meta.title, view.url, view.topics[0] if view.topics else None, self.site.config.base_url)
        if view.lang != self.site.config.language:  # a language's own home, not the English topic pages
            home = views.PageRef(self.gettext(view.lang)(breadcrumbs.HOME_LABEL), f"{tags.url_segment(view.lang)}/")
            items = (home, views.PageRef(meta.title, view.url))
            trail = views.Breadcrumbs(items, breadcrumbs.jsonld(items, self.site.config.base_url))
        return self.page("leaflet.html", view.url, meta.title, meta.summary, leaflet=view, breadcrumbs=trail,
                         lang=view.lang, alternates=view.alternates)

    def gettext(self, lang: str) -> Callable[[str], str]:
        """The catalogue's gettext for ``lang`` (the theme's words the Python side writes)."""
        return catalogues.translations(lang, self.site.config.root).gettext

    def leaflet_view(self, page: Page) -> views.LeafletView:
        leaflet, meta = page.leaflet, page.leaflet.meta
        found = list(self.findings_by_path.get(leaflet.source, ()))
        review = self.review_view(page, found) if self.site.preview else None
        highlights = _highlights(found) if review else ()
        links = self.site.links.get(leaflet.source, {})
        config = self.site.config
        lang = translation_checks.language_of(leaflet, config)
        tr = self.gettext(lang)
        own_language = lang == config.language
        if page.draft is not None and not highlights:
            body = Markup(htmlrender.finish(page.draft, links))
        else:
            terms, terms_page = marked_terms(leaflet, config, self.site.glossary, self.site.glossaries)
            body = Markup(htmlrender.render(leaflet.tokens(), RenderContext(links, page_root(leaflet.slug), terms, highlights,
                                                                            htmlrender.theme_labels(tr), glossary_page=terms_page)))
        url = f"{leaflet.slug}/"
        family = self.families.get(translation_links.family_key(page), [page])
        sections = [h for h in leaflet.body.headings if h.level == 2]
        toc = tuple(views.TocEntry(h.level, h.text, h.anchor) for h in sections) if len(sections) >= self.site.config.toc_min_headings else ()
        return views.LeafletView(
            slug=leaflet.slug, url=url, title=meta.title, summary=meta.summary, audience=meta.audience,
            topics=self.topic_links(meta.topics, "" if own_language else f"{tags.url_segment(lang)}/"),
            body_html=body, toc=toc, published=meta.published, last_reviewed=meta.last_reviewed,
            next_review=meta.next_review, overdue=meta.next_review < self.site.today and not page.broken,
            credits=tuple(credit_view(c, tr) for c in meta.coproduction),
            signoffs=tuple(signoff_view(s, tr) for s in page.leaflet.current_signoffs),
            sources=tuple(views.SourceView(s.title, s.publisher, s.url, s.date) for s in meta.sources),
            formats=tuple(tr(FORMAT_LABELS[f]) if f in FORMAT_LABELS else f for f in meta.formats),
            related=tuple(views.PageRef(self.titles[s], f"{s}/") for s in meta.related if s in self.titles),
            reading_age=page.plain.page.reading_age, jsonld=jsonld(page, self.site.config), review=review,
            downloads=self.downloads.get(leaflet.slug, ()), lang=lang, dir=tags.direction(lang),
            alternates=translation_links.alternates(page, family, config),
            outdated=translation_links.outdated(page, family, config, self.site.live),
            changes=public_feedback.change_views(meta.changes, self.shown_ids),
        )

    @staticmethod
    def topic_links(topics: Iterable[str], home: str) -> tuple[views.PageRef, ...]:
        """The leaflet's own topics, each on its language's topic page (``home``: ``cy/``, or
        "" for the site's language). A translation without topics of its own links to none:
        its listing under its English leaflet's topics names them in English."""
        return tuple(views.PageRef(atoz.capitalised(t), f"{home}{addresses.TOPICS}{topic_slug(t)}/") for t in topics)

    def review_view(self, page: Page, found: list[Finding]) -> views.ReviewView:
        reasons = tuple(blocker_reasons(found))
        if page.broken:
            reasons = (BROKEN_REASON,) + reasons
        items = tuple(views.FindingView(f.code, f.severity.value, f.line, f.message, f.hint or "",
                                        _anchor(n, f), f.key or "", f.accepted is not None)
                      for n, f in enumerate(found, start=1))
        return views.ReviewView(not page.blocked, reasons, page.leaflet.fingerprint, items, page.leaflet.source,
                                reading_view(page, self.site.config), page.broken,
                                signoff_entry(page.leaflet.fingerprint, self.site.today), changed_view(self.site, page))

    # ------------------------------------------------------------------ listings
    def listings(self) -> dict[str, Content]:
        """Home, A to Z, topics, glossary, about and 404 pages, each reused from the cache
        when what it shows is unchanged (an edit to a leaflet's body changes none of them)."""
        config = self.site.config
        listed = [(self.ref(p), p.leaflet.meta) for p in self.shown]
        topics = topic_nav.topic_views((ref, meta.topics) for ref, meta in listed)
        letters = atoz.letter_groups(atoz.entries((atoz.Listed(ref, tuple(t.text for t in meta.index_terms)) for ref, meta in listed),
                                                  config.language), config.language)
        entries = tuple(views.GlossaryEntry(t, e, htmlrender.term_anchor(t)) for t, e in sorted(self.site.glossary.items()))
        contexts: dict[addresses.OwnPage, dict | _Lazy] = {
            addresses.HOME: {"topics": topic_nav.most_useful(topics), "all_topics": len(topics), "letters": letters,
                             "leaflets": len(listed), "statuses": preview_status.statuses(self.site) if self.site.preview else ()},
            addresses.A_TO_Z: {"letters": letters},
            addresses.ABOUT: _Lazy(self.about_context, self.about_inputs()),
            addresses.NOT_FOUND: {"root": _site_path(config)},
            addresses.GLOSSARY: {"entries": entries},
            addresses.TOPIC_LIST: {"topics": topics},
            addresses.SEARCH: {},
        }
        for own, context in contexts.items():
            if isinstance(context, dict) and own is not addresses.NOT_FOUND:
                context["breadcrumbs"] = breadcrumbs.for_own_page(own, config.base_url)
        pages = [(own.file, own.template, own.url, own.title or config.site_name, own.description, contexts[own])
                 for own in addresses.OWN_PAGES]
        if self.site.feedback_sources:  # a site with a feedback log
            own = addresses.YOU_SAID
            pages.append((own.file, own.template, own.url, own.title, own.description,
                          {"items": self.you_said(), "counts": self.feedback_counts(),
                           "breadcrumbs": breadcrumbs.for_own_page(own, config.base_url)}))
        pages += [(f"{t.url}index.html", "topic.html", t.url, t.name, f"Leaflets about {t.name}",
                   {"topic": t, "breadcrumbs": breadcrumbs.for_topic(t.name, t.url, config.base_url)}) for t in topics]
        pages += self.language_homes()
        self.link_languages(pages)
        return {path: self.cached_page(path, template, url, title, description, context)
                for path, template, url, title, description, context in pages}

    def language_homes(self) -> list[tuple]:
        """For each other language with leaflets shown: its home page (``cy/``), listing them, and
        its own A to Z, topics, glossary and search pages (``navigation.languages``)."""
        out = []
        config = self.site.config
        every = {p.leaflet.slug: p for p in self.site.shown_pages()}
        for home in self.site_view.languages:
            shown = self.languages[home.lang]
            refs = tuple(self.ref(p) for p in shown)
            out.append((f"{home.url}index.html", "language-home.html", home.url, home.name, "",
                        {"leaflets": refs, "lang": home.lang}))
            language = languages.Language(home.lang, config.language, home.url, self.gettext(home.lang), config.base_url)
            out += languages.pages(language, languages.listed(shown, every, self.ref),
                                   languages.glossary_for(home.lang, self.site.glossaries))
        return out

    def link_languages(self, pages: list[tuple]) -> None:
        """Each listing page names its versions in the other languages (``hreflang``), and the
        sitemap lists them together."""
        found = languages.alternates(pages, self.site.config.language)
        for _file, _template, url, _title, _description, context in pages:
            if isinstance(context, dict) and found.get(url):
                context["alternates"] = found[url]
        self.listing_rows = languages.sitemap_rows(pages, self.site.config.language)

    def cached_page(self, path: str, template: str, url: str, title: str, description: str, context: dict | _Lazy) -> Content:
        if self.cache is None:
            return self.page(template, url, title, description, **_context(context))
        inputs = context.inputs if isinstance(context, _Lazy) else self.reprs.of(context)
        key = keys.listing_page(self.cache, template, url, title, description, inputs, self.site_view, self.templates_key,
                                self.site.preview)
        found = self.reuse(path, "listing", key)
        if found is None:
            found = self.page(template, url, title, description, **_context(context))
            self.cache.put("listing", path, key, hashlib.sha256(found).hexdigest())
        return found

    def about_inputs(self) -> str:
        """The about page shows credits and current sign-offs of every shown leaflet: all of that
        comes from the leaflets' files, so their digests stand in for it; and the log's totals."""
        return "\x1f".join(f"{p.leaflet.source}\x1e{p.leaflet.digest}" for p in self.shown) + repr(self.feedback_counts())

    def feedback_counts(self) -> views.FeedbackCounts | None:
        return public_feedback.counts(self.site.feedback, self.site.published) if self.site.feedback_sources else None

    def you_said(self) -> tuple[views.YouSaidView, ...]:
        leaflets = {p.leaflet.slug: (p.leaflet.meta.title, p.leaflet.meta) for p in self.shown if p.leaflet.slug in self.site.published}
        return public_feedback.you_said_views(self.shown_feedback, leaflets)

    def ref(self, page: Page) -> views.PageRef:
        meta = page.leaflet.meta
        return views.PageRef(meta.title, f"{page.leaflet.slug}/", meta.summary)

    def about_context(self) -> dict:
        """The aggregate always; the per-leaflet list only while it is short enough to read
        (each leaflet's own page shows its credits in full)."""
        rows = tuple(views.CoproductionRow(self.ref(p), tuple(credit_view(c) for c in p.leaflet.meta.coproduction),
                                           tuple(signoff_view(s) for s in p.leaflet.current_signoffs))
                     for p in self.shown) if len(self.shown) <= ABOUT_ROWS_LIMIT else ()
        return {"stats": coproduction_stats(self.shown), "rows": rows, "feedback": self.feedback_counts()}


def changed_view(site: Site, page: Page) -> views.ChangedView | None:
    """For the preview: the words changed since the last approved version, as a highlighted diff."""
    approved = site.approved.get(page.leaflet.source)
    if approved is None:
        return None
    old, new = (history_diff.leaflet_text(x.meta.title, x.meta.summary, x.body_text) for x in (approved.leaflet, page.leaflet))
    return views.ChangedView(approved.approved_on, approved.fingerprint, page.leaflet.slug in site.live,
                             history_diff.as_html(old, new))


def template_failure(exc: jinja2.TemplateError, config: SiteConfig) -> BuildFailed:
    """Name the template file and line, as for content: a template mistake is not a crash."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if filename is None:  # errors while rendering: Jinja maps the frames back to template lines
        for frame, frame_line in traceback.walk_tb(exc.__traceback__):
            if frame.f_code.co_filename.endswith(".html"):
                filename, line = frame.f_code.co_filename, frame_line
    where = Path(filename or "template")
    try:
        shown = where.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        shown = f"sitegen theme {where.name}"
    location = f"{shown}:{line}" if line else shown
    return BuildFailed(f"{location}: error: the template could not be used: {exc.message or exc} [template]\n"
                       "    hint: check the template's {{ }} and {% %} tags; a site template overrides the theme's file of the same name")


def _site_path(config: SiteConfig) -> str:
    """Absolute path of the site root, for pages served from any address (the 404 page)."""
    after_host = config.base_url.split("://", 1)[-1]
    return "/" + after_host.split("/", 1)[1] if "/" in after_host else "/"


class SharedRepr:
    """``repr`` of the listing pages' contexts, each tuple written once however many pages show it.

    The home and A to Z pages show the same letter groups, and the topic list the same topics as
    the topic pages: writing the repr of each again took 0.19 s of a 5,000-leaflet edit
    (profiled). ``of(x) == repr(x)`` always; only the work is shared."""

    def __init__(self) -> None:
        self.seen: dict[int, tuple[object, str]] = {}
        """id -> (the tuple itself, kept so that its id is not reused; its repr)."""

    def of(self, value: object) -> str:
        if isinstance(value, dict):
            return "{" + ", ".join(f"{key!r}: {self.of(item)}" for key, item in value.items()) + "}"
        tuple_ = type(value) is tuple
        if not (tuple_ or _frozen(value)):
            return repr(value)  # a str, a number or a mutable object: written every time
        found = self.seen.get(id(value))
        if found is None:
            if tuple_:
                parts = [self.of(item) for item in value]  # type: ignore[attr-defined]
                found = (value, "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")")
            else:
                found = (value, repr(value))
            self.seen[id(value)] = found
        return found[1]


def _frozen(value: object) -> bool:
    """A frozen dataclass (the views): its repr cannot change while the build holds it."""
    params = getattr(type(value), "__dataclass_params__", None)
    return params is not None and params.frozen


@dataclass(frozen=True)
class _Lazy:
    """A template context that is only built when the page must really be rendered."""

    make: Callable[[], dict]
    inputs: str


def _context(context: dict | _Lazy) -> dict:
    return context.make() if isinstance(context, _Lazy) else context


def _same(text: str) -> str:
    return text


def credit_view(credit: Credit, tr: Callable[[str], str] = _same) -> views.CreditView:
    """``tr``: the leaflet language's gettext, for the labels the theme writes (names stay as written)."""
    name = credit.display_name if credit.show_name else tr(credit.display_name)
    return views.CreditView(name, tr(ROLE_LABELS.get(credit.role, "Partner")), credit.lived_experience,
                            credit.how, _join([tr(stage) for stage in credit.stages], tr))


def signoff_view(entry: SignOff, tr: Callable[[str], str] = _same) -> views.SignOffView:
    name = entry.display_name if entry.show_name else tr(entry.display_name)
    return views.SignOffView(name, tr(SIGNOFF_LABELS.get(entry.role, "Reviewer")), entry.date, entry.note)



def coproduction_stats(pages: list[Page]) -> views.CoproductionStats:
    people: dict[str, tuple[str, bool]] = {}
    for page in pages:
        for n, credit in enumerate(page.leaflet.meta.coproduction):
            key = credit.name.casefold() if credit.show_name else f"{page.leaflet.slug}#{n}"
            role, lived = people.get(key, (credit.role, False))
            people[key] = (role, lived or credit.lived_experience)
    roles: dict[str, int] = defaultdict(int)
    for role, _ in people.values():
        roles[ROLE_LABELS.get(role, "Partner")] += 1
    signed: Counter[str] = Counter()  # leaflets with at least one current sign-off of each role
    for page in pages:
        signed.update({s.role for s in page.leaflet.current_signoffs})
    return views.CoproductionStats(len(pages), len(people), sum(1 for _, lived in people.values() if lived),
                                   tuple(sorted(roles.items(), key=lambda item: (-item[1], item[0]))),
                                   signed["patient"], signed["carer"], signed["clinical"])


def jsonld(page: Page, config: SiteConfig) -> Markup:
    meta = page.leaflet.meta
    reviewers = [{"@type": "Person", "name": s.name} for s in page.leaflet.current_signoffs if s.show_name and s.name]
    data = {
        "@context": "https://schema.org", "@type": "MedicalWebPage", "name": meta.title, "description": meta.summary,
        "url": f"{config.base_url}{page.leaflet.slug}/", "inLanguage": meta.lang or config.language,
        "datePublished": meta.published.isoformat(), "lastReviewed": meta.last_reviewed.isoformat(),
        "audience": {"@type": "Audience", "audienceType": meta.audience},
        "publisher": {"@type": "Organization", "name": config.publisher},
        "reviewedBy": reviewers or [{"@type": "Organization", "name": config.publisher}],
    }
    if meta.is_translation:  # schema.org CreativeWork: translationOfWork
        data["translationOfWork"] = {"@type": "MedicalWebPage", "url": f"{config.base_url}{meta.translation_of}/"}
    return breadcrumbs.script_json(data)


_HIGHLIGHTED = ("jargon", "uncommon-word", "abbreviation", "long-sentence")


def _anchor(number: int, finding: Finding) -> str:
    return f"sg-f{number}" if finding.code in _HIGHLIGHTED and finding.line else ""


def _highlights(found: list[Finding]) -> tuple[Highlight, ...]:
    out = []
    for number, f in enumerate(found, start=1):
        anchor = _anchor(number, f)
        if anchor and f.code == "jargon":
            out.append(Highlight(anchor, f.line, f.term or "", f"plain-English note: try {f.suggestion}"))
        elif anchor and f.code in ("uncommon-word", "abbreviation"):
            out.append(Highlight(anchor, f.line, f.term or "", f"plain-English note: {f.message}"))
        elif anchor:
            out.append(Highlight(anchor, f.line, "", f.message.split(":")[0]))
    return tuple(out)


def reading_view(page: Page, config) -> views.ReadingView:  # type: ignore[no-untyped-def]
    from .checks.reading import sections_over, target

    age, goal = page.plain.age, target(page.leaflet, config)
    sections = tuple(views.SectionReading(name, a.age or 0.0, *_driver_rows(a.drivers, 2))
                     for name, a in sections_over(page.plain, goal))
    return views.ReadingView(age.age, goal, age.confidence, *_driver_rows(age.drivers), sections)


def _driver_rows(drivers, most: int = 5) -> tuple[tuple, tuple]:  # type: ignore[no-untyped-def]
    """(line, opening, years) for the top sentences and (word, years) for the top words."""
    return (tuple((d.line, " ".join(d.text.split()[:10]) + (" ..." if d.words > 10 else ""), d.adds)
                  for d in drivers.sentences[:most]),
            tuple((d.word, d.adds) for d in drivers.words[:most]))


LIST_AND = "%(items)s and %(last)s"
"""How a list ends ("planning, writing and review"): a message id, so each language joins its own way."""


def _join(items: Iterable[str], tr: Callable[[str], str] = _same) -> str:
    items = list(items)
    if len(items) < 2:
        return items[0] if items else ""
    return tr(LIST_AND) % {"items": ", ".join(items[:-1]), "last": items[-1]}
