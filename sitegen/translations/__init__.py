"""Translations as leaflets, tied to the exact English text they translate.

A translation is a leaflet with ``lang``, ``translation_of`` (the slug of the leaflet it
translates) and ``source_fingerprint`` (the fingerprint of the text the translator worked
from). Because the fingerprint names one exact text, sitegen knows a translation is out of
date the moment the English words change, and never because of a date or a link fix.

``checks`` judges them across the site; ``history`` finds earlier English texts in git, for
the word diff in ``sitegen report``; ``status`` says, per leaflet and language, whether the
translation is up to date, outdated or missing.
"""
