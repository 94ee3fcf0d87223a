"""Tiny translated sites for the translation tests: an English leaflet and its translations."""

from __future__ import annotations

from sitegen.fingerprint import fingerprint

from helpers import leaflet

EN_TITLE, EN_SUMMARY = "Living with asthma", "How to look after your asthma."
EN_BODY = "## What it is\n\nAsthma makes it hard to breathe.\n"
EN_PRINT = fingerprint(EN_TITLE, EN_SUMMARY, EN_BODY)

CY_TITLE, CY_SUMMARY = "Byw gydag asthma", "Sut i ofalu am eich asthma."
CY_BODY = "## Beth ydyw\n\nMae asthma yn ei gwneud hi'n anodd anadlu. Mae'r pibellau aer yn mynd yn gul.\n"


OLD_PRINT = "abcdef1234"
"""An earlier English text, on record through an editor's sign-off of it."""


def english(body: str = EN_BODY) -> str:
    text = leaflet(EN_TITLE, body, summary=EN_SUMMARY)
    return text.replace("signoff:\n", f"signoff:\n  - name: Ann Editor\n    role: editorial\n    date: 2025-01-01\n"
                                      f"    fingerprint: {OLD_PRINT}\n", 1)


def translation(lang: str = "cy", of: str = "living-with-asthma", source_print: str = EN_PRINT, *,
                title: str = CY_TITLE, summary: str = CY_SUMMARY, body: str = CY_BODY, signed: bool = True,
                extra: str = "", role: str = "translation") -> str:
    own = fingerprint(title, summary, body) if signed else "0000000000"
    return f"""---
title: "{title}"
summary: "{summary}"
audience: Oedolion ag asthma
lang: {lang}
translation_of: {of}
source_fingerprint: {source_print}
published: 2025-04-02
last_reviewed: 2026-03-10
next_review: 2029-03-01
coproduction:
  - name: Gwen Jones
    role: translator
    how: Translated the leaflet.
signoff:
  - name: Gwen Jones
    role: {role}
    date: 2026-03-12
    fingerprint: {own}
sources:
  - title: Asthma guideline
{extra}---
{body}"""
