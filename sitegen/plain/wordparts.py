"""Medical word-building: the Greek and Latin parts that medical words are made of.

In: a lower-case word. Out: the word part it starts or ends with (and what that part
means), or None. Used as extra evidence by ``sitegen.plain.uncommon``: a word made of
medical parts ("cardio-myo-pathy") is flagged at a higher everyday frequency than a
word that is merely uncommon.

Source of the word parts: the U.S. National Library of Medicine's MedlinePlus
"Appendix A: Word parts and what they mean" (https://medlineplus.gov/appendixa.html,
a U.S. government work) and its "Understanding medical words" tutorial. The short
meanings are our own plain wording and need review by the site's clinical editor.

Prefixes of up to 5 letters must be followed by at least 4 more letters, so "myo" in
"myopic" or "colo" in "colour" never count (longer ones by 2: "pancreat-ic"); suffixes
must leave at least 3 letters before them.
"""

from __future__ import annotations

SUFFIXES: dict[str, str] = {
    "itis": "swelling and soreness (inflammation)",
    "ectomy": "an operation to remove something",
    "otomy": "an operation to cut into something",
    "ostomy": "an operation to make an opening",
    "plasty": "an operation to repair or reshape something",
    "osis": "a condition or disease",
    "oses": "a condition or disease",
    "iasis": "a condition or disease",
    "pathy": "a disease",
    "opathy": "a disease",
    "scopy": "looking inside with a camera or instrument",
    "graphy": "a scan or recording",
    "gram": "a scan or recording",
    "aemia": "something in the blood",
    "emia": "something in the blood",
    "algia": "pain",
    "oma": "a lump or growth",
    "omas": "a lump or growth",
    "plegia": "not being able to move (paralysis)",
    "paresis": "weakness",
    "penia": "too few of something",
    "trophy": "growth",
    "uria": "something in the urine (pee)",
    "lysis": "breaking down",
    "megaly": "something larger than usual",
    "rrhoea": "a flow or discharge",
    "rrhea": "a flow or discharge",
    "rrhage": "heavy bleeding or flow",
    "stasis": "stopping or spreading",
    "ectasis": "widening or stretching",
    "sclerosis": "hardening",
    "spasm": "a sudden tightening",
    "phasia": "speech",
    "phagia": "eating or swallowing",
    "pnoea": "breathing",
    "pnea": "breathing",
    "cyte": "a cell",
    "cytes": "a cell",
}

PREFIXES: dict[str, str] = {
    "cardio": "the heart", "cardi": "the heart",
    "hepato": "the liver", "hepat": "the liver",
    "nephro": "the kidneys", "nephr": "the kidneys", "reno": "the kidneys",
    "neuro": "the nerves", "neur": "the nerves",
    "gastro": "the stomach", "gastr": "the stomach",
    "entero": "the bowel", "colo": "the large bowel",
    "osteo": "the bones", "oste": "the bones",
    "arthro": "the joints", "arthr": "the joints",
    "dermato": "the skin", "derm": "the skin",
    "haemo": "the blood", "haema": "the blood", "hemo": "the blood", "hema": "the blood",
    "pulmo": "the lungs", "pneumo": "the lungs or air", "pneum": "the lungs or air",
    "broncho": "the airways", "bronch": "the airways",
    "cyto": "cells", "myo": "the muscles",
    "onco": "cancer", "carcino": "cancer",
    "ophthalm": "the eyes", "oculo": "the eyes",
    "rhino": "the nose", "oto": "the ears", "laryngo": "the voice box", "pharyng": "the throat",
    "thrombo": "blood clots", "thromb": "blood clots", "embol": "a blockage in a blood vessel",
    "angio": "blood vessels", "vaso": "blood vessels", "veno": "the veins", "phlebo": "the veins",
    "cerebro": "the brain", "encephal": "the brain", "cranio": "the skull",
    "cysto": "the bladder", "uro": "the urinary system", "urethr": "the urethra",
    "hyster": "the womb", "utero": "the womb", "ovari": "the ovaries",
    "mammo": "the breast", "masto": "the breast",
    "lympho": "the lymph system", "leuko": "white blood cells", "leuco": "white blood cells",
    "erythro": "red blood cells", "immuno": "the immune system",
    "pancreat": "the pancreas", "chole": "bile", "chol": "bile",
    "spiro": "breathing", "spondyl": "the spine", "myel": "the spinal cord or bone marrow",
    "hyper": "more than usual", "hypo": "less than usual",
    "tachy": "fast", "brady": "slow", "dys": "difficult or not working well",
    "endo": "inside", "intra": "inside", "peri": "around", "sub": "under",
    "trans": "across", "post": "after", "pre": "before", "anti": "against",
    "an": "without", "a": "without",
}

# "a-", "an-", "sub-", "pre-", "post-", "anti-" and "trans-" start many everyday
# words ("another", "subject", "present", "poster", "transport"): they only count
# when the rest of the word is itself a medical part ("a-trophy", "post-operative" no).
_WEAK_PREFIXES = frozenset({"a", "an", "sub", "trans", "post", "pre", "anti", "endo", "peri", "intra", "hyper", "hypo"})
_MIN_AFTER_PREFIX = 4
_LONG_PREFIX, _MIN_AFTER_LONG_PREFIX = 6, 2
_MIN_BEFORE_SUFFIX = 3
_BY_LENGTH = sorted(PREFIXES, key=len, reverse=True)
_SUFFIX_BY_LENGTH = sorted(SUFFIXES, key=len, reverse=True)


def suffix_of(word: str) -> str | None:
    for part in _SUFFIX_BY_LENGTH:
        if word.endswith(part) and len(word) - len(part) >= _MIN_BEFORE_SUFFIX:
            return part
    return None


def prefix_of(word: str) -> str | None:
    for part in _BY_LENGTH:
        # A long prefix is telling on its own: "pancreat-ic", "ophthalm-ic".
        after = _MIN_AFTER_LONG_PREFIX if len(part) >= _LONG_PREFIX else _MIN_AFTER_PREFIX
        if word.startswith(part) and len(word) - len(part) >= after:
            if part in _WEAK_PREFIXES and suffix_of(word) is None:
                continue
            return part
    return None


def medical_part(word: str) -> tuple[str, str] | None:
    """``("-itis", meaning)`` or ``("cardio-", meaning)`` for a word built from medical parts."""
    suffix = suffix_of(word)
    if suffix is not None:
        return "-" + suffix, SUFFIXES[suffix]
    prefix = prefix_of(word)
    if prefix is not None:
        return prefix + "-", PREFIXES[prefix]
    return None
