"""Search: a static index of the published site, made with Pagefind, that knows patients' words.

``synonyms`` finds, for each leaflet, the words people might search for that it does not
use ("tummy" on a page that says "abdomen", and back); ``documents`` writes what Pagefind
reads for each leaflet; ``index`` runs Pagefind and hands its files to the atomic write.
"""
