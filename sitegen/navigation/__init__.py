"""How patients find a leaflet without search: the A to Z, topic pages and breadcrumbs.

Each function takes the leaflets of one language, so a site with several languages calls
it once per language. Nothing here renders or writes; ``render`` turns the results into pages.
"""
