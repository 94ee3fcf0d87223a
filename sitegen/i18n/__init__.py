"""The site in several languages: language tags, message catalogues and dates in words.

``tags`` reads and checks BCP 47 language tags (with langcodes, which ships the IANA
registry, so no network) and says which way a language is written (with Babel's CLDR
data); ``catalogues`` gives each language its theme strings through gettext.
"""
