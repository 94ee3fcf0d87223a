"""Search: a static index of the published site, made with Pagefind, that knows patients' words.

``synonyms`` finds, for each leaflet, the words people might search for that it does not
use ("tummy" on a page that says "abdomen", and back); ``documents`` writes what Pagefind
reads for each leaflet; ``service`` talks to the Pagefind program; ``index`` runs it in the
background, reuses an unchanged index, and hands the files to the atomic write.
"""
