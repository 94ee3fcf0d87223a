"""What makes a rebuild fast: the signed cache, the whole-build memo, the fork pool, and the keys.

``keys`` holds every cache-key recipe, so what a cached result depends on can be read
in one place; the stages ask it for keys instead of hashing their inputs by hand.
"""
