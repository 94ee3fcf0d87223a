"""Deterministic benchmark corpus: realistic co-produced leaflets for sitegen and its peers.

    python benchmarks/corpus.py OUT_DIR --leaflets 5000 [--seed 1] [--peers PEERS_DIR]

writes ``OUT_DIR/sitegen.toml`` and ``OUT_DIR/content/<slug>.md`` (front matter that
follows the contract in docs/front-matter.md, with current sign-off fingerprints), and
with ``--peers`` the same leaflets as Pelican, MkDocs, Hugo and Eleventy sites under PEERS_DIR.
Same N and seed give byte-identical files: every leaflet draws from its own
``random.Random(f"{seed}:{index}")``, so leaflet 7 does not depend on N except for
which other leaflets it links to.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Make `sitegen` importable when run as a script from anywhere in the repo.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sitegen.fingerprint import fingerprint  # noqa: E402

# --------------------------------------------------------------------------- word pools

# (name, topics, kind): kind picks the title patterns and section wording.
SUBJECTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("asthma", ("asthma", "breathing"), "condition"),
    ("COPD", ("breathing", "older-people"), "condition"),
    ("type 2 diabetes", ("diabetes", "diet"), "condition"),
    ("type 1 diabetes", ("diabetes", "children"), "condition"),
    ("high blood pressure", ("blood-pressure", "heart"), "condition"),
    ("heart failure", ("heart", "medicines"), "condition"),
    ("atrial fibrillation", ("heart", "stroke"), "condition"),
    ("a stroke", ("stroke", "older-people"), "condition"),
    ("chronic kidney disease", ("kidneys", "medicines"), "condition"),
    ("depression", ("mental-health", "sleep"), "condition"),
    ("anxiety", ("mental-health",), "condition"),
    ("back pain", ("pain", "exercise"), "condition"),
    ("arthritis", ("joints", "pain"), "condition"),
    ("osteoporosis", ("bones", "older-people"), "condition"),
    ("eczema", ("skin", "allergies"), "condition"),
    ("psoriasis", ("skin",), "condition"),
    ("glaucoma", ("eyes",), "condition"),
    ("hearing loss", ("hearing", "older-people"), "condition"),
    ("dementia", ("dementia", "carers"), "condition"),
    ("a urine infection", ("bladder", "infection"), "condition"),
    ("constipation", ("bowel", "diet"), "condition"),
    ("fatty liver disease", ("liver", "diet"), "condition"),
    ("a food allergy", ("allergies", "children"), "condition"),
    ("sleep apnoea", ("sleep", "breathing"), "condition"),
    ("long-term pain", ("pain", "medicines"), "condition"),
    ("breast cancer", ("cancer",), "condition"),
    ("bowel cancer", ("cancer", "bowel"), "condition"),
    ("high blood pressure in pregnancy", ("pregnancy", "blood-pressure"), "condition"),
    ("gestational diabetes", ("pregnancy", "diabetes"), "condition"),
    ("a hip replacement", ("joints", "surgery"), "procedure"),
    ("a knee replacement", ("joints", "surgery"), "procedure"),
    ("cataract surgery", ("eyes", "surgery"), "procedure"),
    ("a colonoscopy", ("bowel", "tests"), "procedure"),
    ("a heart scan", ("heart", "tests"), "procedure"),
    ("a blood test", ("tests",), "procedure"),
    ("gallbladder surgery", ("surgery", "liver"), "procedure"),
    ("a caesarean birth", ("pregnancy", "surgery"), "procedure"),
    ("kidney dialysis", ("kidneys",), "procedure"),
    ("a flu vaccine", ("infection", "older-people"), "procedure"),
    ("physiotherapy after a fall", ("bones", "exercise"), "procedure"),
)
TOPICS = sorted({t for _, topics, _ in SUBJECTS for t in topics})

CONDITION_TITLES = (
    "Living with {s}", "Managing {s} at home", "Caring for someone with {s}", "Medicines for {s}",
    "Understanding {s}", "Check-ups for {s}", "Eating well with {s}", "Staying active with {s}",
)
PROCEDURE_TITLES = (
    "Getting ready for {s}", "Going home after {s}", "Recovering from {s}", "What happens during {s}",
    "Questions about {s}",
)
CONTEXTS = ("", "", "", " for carers", " for young people", " at work", " at school", " when travelling",
            " in winter", " in hospital", " for older people", " during Ramadan", " after a diagnosis")

AUDIENCES = (
    "Adults with {s} and their carers", "Children and young people with {s} and their families",
    "People having {s} and the people who support them", "Carers of people with {s}",
    "Anyone who has been told they have {s}", "Older people with {s}",
)
FIRST = ("Maria", "James", "Aisha", "Tom", "Priya", "Ben", "Grace", "Samuel", "Fatima", "Owen", "Chloe",
         "Daniel", "Amina", "Lucy", "Kwame", "Sofia", "Rhys", "Hannah", "Yusuf", "Ellen", "Marek", "Niamh")
LAST = ("Lopez", "Smith", "Khan", "Jones", "Patel", "Evans", "Okafor", "Brown", "Ahmed", "Williams",
        "Nowak", "Taylor", "Murphy", "Chen", "Davies", "Hughes", "Mensah", "Wilson", "Ali", "Kelly")
PUBLISHERS = ("National guideline body", "Royal College of Nursing", "Patient information forum",
              "Public health agency", "University hospital trust", "Charity helpline")
HOW_LIVED = (
    "Wrote the tips based on their own experience.",
    "Shared what helped them most after their diagnosis.",
    "Helped plan the leaflet and chose the questions it answers.",
)
HOW_OTHER = (
    "Tested an early version with a group of patients.",
    "Checked the wording was clear and kind.",
    "Read every draft and suggested plainer words.",
    "Checked the medical facts in each section.",
)
NOTES = ("Checked doses against the current guideline.", "Checked the advice on when to get help.",
         "Read the leaflet with a family member.", "Easy to follow now.")
FORMATS = ("easy-read", "large-print", "audio", "braille", "translation")

# Sentence templates for plain health text; {s} is the subject, {v}/{n}/{t}/{p} draw from pools.
SENTENCES = (
    "Many people with {s} {v} without it getting in the way of daily life.",
    "Your {p} can talk to you about what {s} means for you.",
    "It is normal to feel worried when you first hear about {s}.",
    "Try to {v} at the same time each day so it becomes part of your routine.",
    "Write down any questions before you see your {p}.",
    "Some people find it helps to keep a diary of how you feel {t}.",
    "Tell your {p} if anything changes {t}.",
    "You can ask a friend or family member to come with you to appointments.",
    "The team looking after you will explain your {n} and answer your questions.",
    "Most people feel better within a few weeks, but everyone is different.",
    "If you smoke, stopping is one of the best things you can do for your health.",
    "Drinking less alcohol can help your body recover.",
    "Gentle exercise, such as walking, can help you feel stronger {t}.",
    "Your {p} may suggest changes to your {n} after a check-up.",
    "You may have some pain or discomfort in your abdomen for a few days.",
    "Bleeding that does not stop can be a sign of a haemorrhage and needs urgent care.",
    "Your {p} will utilise the results to plan your {n}.",
    "Ask your {p} about your prognosis if you want to know what is likely to happen.",
    "Hypertension means your blood pressure is higher than it should be.",
    "It can take time to find the {n} that works best for you.",
    "Keep a list of your medicines and bring it to every appointment.",
    "Eating regular meals with plenty of fruit and vegetables can help.",
    "You do not have to manage {s} on your own.",
    "Local support groups can put you in touch with people who understand.",
    "It is fine to ask the same question more than once.",
    "Some {n} can make you feel tired {t}.",
)
VERBS = ("stay well", "keep active", "take their medicines", "go to work", "look after their family",
         "sleep well", "check their symptoms", "plan their week")
NOUNS = ("treatment", "care plan", "medicines", "follow-up appointments", "exercise plan", "diet")
TIMES = ("in the morning", "during the day", "at night", "after meals", "in the first week",
         "over the next few months", "when you are busy")
PEOPLE = ("doctor", "nurse", "pharmacist", "GP", "specialist nurse", "physiotherapist", "care team")
BULLETS = (
    "Take your medicines as your doctor or pharmacist told you", "Rest when you need to",
    "Drink plenty of water", "Keep your appointments", "Ask for help if you feel low",
    "Keep a note of your symptoms", "Tell someone you trust how you feel", "Eat regular meals",
    "Go for a short walk each day", "Carry a list of your medicines", "Check the leaflet with your medicine",
    "Plan time to relax", "Wear comfortable clothes", "Keep emergency numbers by the phone",
)
WARNINGS = (
    "you have chest pain or find it very hard to breathe", "you are bleeding heavily",
    "you feel very drowsy or confused", "your symptoms get much worse quickly", "you have a high temperature and feel very unwell",
)
TABLE_ROWS = (
    ("In the first week", "Rest and drink plenty of water"), ("After two weeks", "Start gentle exercise"),
    ("After six weeks", "Go back to most normal activities"), ("Every day", "Take your medicines"),
    ("Every month", "Check your weight"), ("Every year", "Have a review with your nurse"),
    ("Before your appointment", "Write down your questions"), ("After your appointment", "Read your care plan"),
)

EPOCH_PUBLISHED = dt.date(2018, 1, 1)
REVIEWED_FROM, REVIEWED_TO = dt.date(2024, 6, 1), dt.date(2026, 9, 30)
"""Last reviews in this window keep next_review after 2026-12-31 and sign-offs in the past."""


@dataclass(frozen=True)
class Plan:
    """What a leaflet is about, decided before any text so others can link to it."""

    index: int
    slug: str
    title: str
    subject: str
    topics: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class Leaflet:
    plan: Plan
    front: str
    """YAML between the --- lines, ending in a newline."""
    summary: str
    body: str
    """Markdown after the closing ---, starting with a blank line."""
    published: dt.date
    related: tuple[Plan, ...]

    @property
    def text(self) -> str:
        return f"---\n{self.front}---\n{self.body}"


# --------------------------------------------------------------------------- planning

def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plan_all(count: int, seed: int) -> list[Plan]:
    plans: list[Plan] = []
    seen: dict[str, int] = {}
    for index in range(count):
        rng = random.Random(f"{seed}:{index}:plan")
        subject, topics, kind = rng.choice(SUBJECTS)
        pattern = rng.choice(CONDITION_TITLES if kind == "condition" else PROCEDURE_TITLES)
        title = pattern.format(s=subject) + rng.choice(CONTEXTS)
        title = title[0].upper() + title[1:]
        base = slugify(title)
        seen[base] = seen.get(base, 0) + 1
        # Repeated titles are realistic (two trusts, one topic); slugs must stay unique.
        slug = base if seen[base] == 1 else f"{base}-{seen[base]}"
        plans.append(Plan(index, slug, title, subject, topics, kind))
    return plans


def pick_related(plans: list[Plan], index: int, seed: int) -> tuple[Plan, ...]:
    others = len(plans) - 1
    if others <= 0:
        return ()
    rng = random.Random(f"{seed}:{index}:related")
    want = min(others, rng.randint(2, 3))
    chosen: list[int] = []
    while len(chosen) < want:
        # Neighbours first: nearby indices stand in for "same clinic", and it is O(1).
        other = (index + rng.randint(1, min(others, 50))) % len(plans)
        if other != index and other not in chosen:
            chosen.append(other)
    return tuple(plans[i] for i in chosen)


# --------------------------------------------------------------------------- YAML

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'()/-]*[A-Za-z0-9.)]$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(text: str) -> str:
    """A YAML scalar that reads back as exactly this text; quoted only when it must be."""
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def coproduction_yaml(rng: random.Random) -> list[str]:
    lived_role = rng.choice(("patient", "patient", "carer"))
    people = [(lived_role, True)] + [(rng.choice(("clinician", "staff", "volunteer", "patient")), False)
                                     for _ in range(rng.randint(1, 2))]
    lines = ["coproduction:"]
    for role, lived in people:
        stages = sorted(rng.sample(range(6), rng.randint(1, 3)))
        lines += [f"  - name: {person(rng)}", f"    role: {role}"]
        if lived:
            lines.append("    lived_experience: true")
        lines += [f"    how: {scalar(rng.choice(HOW_LIVED if lived else HOW_OTHER))}",
                  f"    stages: {flow([('planning', 'design', 'writing', 'review', 'testing', 'evaluation')[s] for s in stages])}",
                  f"    show_name: {'true' if rng.random() < 0.7 else 'false'}"]
    return lines


def signoff_yaml(rng: random.Random, reviewed: dt.date, print_: str) -> list[str]:
    lines = ["signoff:"]
    for role, name in (("clinical", "Dr " + person(rng)), ("patient", person(rng))):
        lines += [f"  - name: {name}", f"    role: {role}",
                  f"    date: {reviewed + dt.timedelta(days=rng.randint(0, 21))}",
                  f"    fingerprint: {print_}", "    decision: approved"]
        if rng.random() < 0.4:
            lines.append(f"    note: {scalar(rng.choice(NOTES))}")
    return lines


def sources_yaml(rng: random.Random, plan: Plan) -> list[str]:
    lines = ["sources:"]
    for number in range(rng.randint(1, 3)):
        lines += [f"  - title: {scalar(f'Guideline on {plan.subject} ({number + 1})')}",
                  f"    publisher: {scalar(rng.choice(PUBLISHERS))}",
                  f"    url: https://example.org/guidance/{slugify(plan.subject)}-{number + 1}",
                  f"    date: {day_between(rng, dt.date(2020, 1, 1), dt.date(2024, 5, 31))}"]
    return lines


def front_matter(rng: random.Random, plan: Plan, summary: str, print_: str, related: tuple[Plan, ...]) -> tuple[str, dt.date]:
    reviewed = day_between(rng, REVIEWED_FROM, REVIEWED_TO)
    published = day_between(rng, EPOCH_PUBLISHED, reviewed)
    # At most 3 years after the last review (the default cycle), never on a leap day surprise.
    next_review = add_years(reviewed, 3) - dt.timedelta(days=rng.randint(1, 90))
    lines = [
        f"title: {scalar(plan.title)}",
        f"summary: {scalar(summary)}",
        f"audience: {scalar(rng.choice(AUDIENCES).format(s=plan.subject))}",
        f"topics: {flow(plan.topics)}",
        "status: published",
        f"published: {published}",
        f"last_reviewed: {reviewed}",
        f"next_review: {next_review}",
        *coproduction_yaml(rng),
        *signoff_yaml(rng, reviewed, print_),
        *sources_yaml(rng, plan),
        f"keep_terms: {flow([w for w in plan.subject.split() if len(w) > 3][:2] or [plan.subject])}",
    ]
    if rng.random() < 0.5:
        lines.append(f"formats: {flow(sorted(rng.sample(FORMATS, rng.randint(1, 3))))}")
    if related:
        lines.append(f"related: {flow([p.slug for p in related])}")
    return "\n".join(lines) + "\n", published


# --------------------------------------------------------------------------- body

def sentence(rng: random.Random, subject: str) -> str:
    text = rng.choice(SENTENCES).format(s=subject, v=rng.choice(VERBS), n=rng.choice(NOUNS),
                                        t=rng.choice(TIMES), p=rng.choice(PEOPLE))
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random, subject: str, sentences: int) -> str:
    return " ".join(sentence(rng, subject) for _ in range(sentences))


def bullets(rng: random.Random) -> str:
    # No full stops: the house style for lists.
    return "\n".join(f"- {b}" for b in rng.sample(BULLETS, rng.randint(3, 5)))


def table(rng: random.Random) -> str:
    rows = rng.sample(TABLE_ROWS, 3)
    return "\n".join(["| When | What to do |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows)])


def callout(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"::: urgent\nCall 999 or go to A&E if {rng.choice(WARNINGS)}.\n:::"
    return "::: info\nYou can ask for this leaflet in another format, such as large print or easy read.\n:::"


def links(related: tuple[Plan, ...]) -> str:
    if not related:
        return "Your care team can give you more leaflets about your care."
    items = [f"[{p.title.lower() if i else p.title}]({p.slug}.md)" for i, p in enumerate(related)]
    joined = ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]
    return f"You may also find these leaflets useful: {joined}."


def body(rng: random.Random, plan: Plan, related: tuple[Plan, ...]) -> str:
    s = plan.subject
    blocks = [
        f"## What is {s}?", paragraph(rng, s, 5), paragraph(rng, s, 4),
        "## How it can affect you", paragraph(rng, s, 5),
        "### Things that can help", bullets(rng), paragraph(rng, s, 4),
        "## Treatment and care", paragraph(rng, s, 5), table(rng), paragraph(rng, s, 4),
        "### When to get help", callout(rng), paragraph(rng, s, 4),
        "## Looking after yourself", paragraph(rng, s, 5), bullets(rng), paragraph(rng, s, 5),
        "### Questions to ask", bullets(rng),
        "## More help and information", links(related), paragraph(rng, s, 4),
    ]
    return "\n" + "\n\n".join(blocks) + "\n"


def make_leaflet(plans: list[Plan], index: int, seed: int) -> Leaflet:
    plan = plans[index]
    rng = random.Random(f"{seed}:{index}:text")
    related = pick_related(plans, index, seed)
    summary = f"What {plan.title[0].lower() + plan.title[1:]} means for you and where to get help."
    text = body(rng, plan, related)
    front, published = front_matter(rng, plan, summary, fingerprint(plan.title, summary, text), related)
    return Leaflet(plan, front, summary, text, published, related)


# --------------------------------------------------------------------------- peers

_CALLOUT = re.compile(r"^::: *\w+\n(.*?)\n:::$", re.MULTILINE | re.DOTALL)


def plain_callouts(markdown: str) -> str:
    """Peers have no `:::` blocks: keep the callout text as an ordinary paragraph."""
    return _CALLOUT.sub(r"\1", markdown)


def pelican_file(leaflet: Leaflet) -> str:
    # Pelican resolves {filename} links itself, as sitegen resolves slug.md links.
    text = re.sub(r"\]\(([a-z0-9-]+\.md)\)", r"]({filename}\1)", plain_callouts(leaflet.body))
    head = (f"Title: {leaflet.plan.title}\nDate: {leaflet.published}\nSlug: {leaflet.plan.slug}\n"
            f"Summary: {leaflet.summary}\n")
    return head + text


def yaml_head(leaflet: Leaflet, with_slug: bool) -> str:
    lines = [f"title: {scalar(leaflet.plan.title)}"]
    if with_slug:
        lines += [f"date: {leaflet.published}", f"slug: {leaflet.plan.slug}"]
    return "---\n" + "\n".join(lines) + "\n---\n"


PELICANCONF = '''# Minimal Pelican settings for the benchmark: no feeds, no cache, relative links.
AUTHOR = "Benchmark"
SITENAME = "Benchmark site"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DEFAULT_PAGINATION = False
'''

MKDOCS_YML = '''site_name: Benchmark site
# One-item nav: MkDocs' default auto-nav embeds every page in every page (quadratic).
nav:
  - Home: index.md
'''

HUGO_TOML = '''baseURL = "https://example.org/"
title = "Benchmark site"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
'''
HUGO_LAYOUTS = {
    "baseof.html": '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>\n'
                   '<body><main>{{ block "main" . }}{{ end }}</main></body></html>\n',
    "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>\n{{ .Content }}{{ end }}\n',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}'
                 '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
}


ELEVENTY_CONFIG = '''// Minimal Eleventy settings for the benchmark: Markdown only, no Liquid pass over it.
module.exports = function () {
  return {
    dir: { input: "content", includes: "_includes", output: "_site" },
    markdownTemplateEngine: false,
    htmlTemplateEngine: false,
  };
};
'''
ELEVENTY_LAYOUT = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>\n'
                   '<body><main><h1>{{ title }}</h1>\n{{ content | safe }}</main></body></html>\n')


def eleventy_head(leaflet: Leaflet) -> str:
    return (f"---\ntitle: {scalar(leaflet.plan.title)}\ndate: {leaflet.published}\n"
            f"permalink: {leaflet.plan.slug}/index.html\nlayout: leaflet.njk\n---\n")


def write_peers(peers: Path, leaflets: list[Leaflet]) -> None:
    pelican, mkdocs, hugo, eleventy = peers / "pelican", peers / "mkdocs", peers / "hugo", peers / "eleventy"
    for folder in (pelican / "content", mkdocs / "docs", hugo / "content", hugo / "layouts" / "_default",
                   eleventy / "content" / "_includes"):
        folder.mkdir(parents=True, exist_ok=True)
    (pelican / "pelicanconf.py").write_text(PELICANCONF)
    (mkdocs / "mkdocs.yml").write_text(MKDOCS_YML)
    (mkdocs / "docs" / "index.md").write_text("# Benchmark site\n\nPatient information leaflets.\n")
    (hugo / "hugo.toml").write_text(HUGO_TOML)
    for name, text in HUGO_LAYOUTS.items():
        (hugo / "layouts" / "_default" / name).write_text(text)
    (eleventy / "eleventy.config.js").write_text(ELEVENTY_CONFIG)
    (eleventy / "content" / "_includes" / "leaflet.njk").write_text(ELEVENTY_LAYOUT)
    for leaflet in leaflets:
        name = f"{leaflet.plan.slug}.md"
        plain = plain_callouts(leaflet.body)
        (pelican / "content" / name).write_text(pelican_file(leaflet))
        (mkdocs / "docs" / name).write_text(yaml_head(leaflet, False) + plain)
        (hugo / "content" / name).write_text(yaml_head(leaflet, True) + plain)
        (eleventy / "content" / name).write_text(eleventy_head(leaflet) + plain)


# --------------------------------------------------------------------------- main

SETTINGS = 'site_name = "Benchmark site"\n'
"""The sitegen site's settings: everything else is sitegen's default."""


def generate(out: Path, count: int, seed: int = 1, peers: Path | None = None) -> list[Leaflet]:
    """Write the sitegen site (and peers); stale files from a bigger run are removed first."""
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    (out / "sitegen.toml").write_text(SETTINGS)
    plans = plan_all(count, seed)
    leaflets = [make_leaflet(plans, i, seed) for i in range(count)]
    for leaflet in leaflets:
        (content / f"{leaflet.plan.slug}.md").write_text(leaflet.text, encoding="utf-8")
    if peers is not None:
        if peers.exists():
            shutil.rmtree(peers)
        write_peers(peers, leaflets)
    return leaflets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="site folder to write (content/ and sitegen.toml)")
    parser.add_argument("--leaflets", type=int, default=1000, help="number of leaflets (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--peers", type=Path, default=None, help="also write Pelican/MkDocs/Hugo/Eleventy sites here")
    args = parser.parse_args(argv)
    if args.leaflets < 1:
        parser.error("--leaflets must be at least 1")
    start = time.perf_counter()
    leaflets = generate(args.out, args.leaflets, args.seed, args.peers)
    words = sum(len(l.body.split()) for l in leaflets) / len(leaflets)
    print(f"wrote {len(leaflets)} leaflets (mean {words:.0f} words) to {args.out}"
          f"{' and peers to ' + str(args.peers) if args.peers else ''} in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
