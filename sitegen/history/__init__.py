"""Versions of a leaflet from the site's git history, and which of them its reviewers approved.

``git`` reads the history through the ``git`` command (never by parsing ``.git``);
``approved`` finds the newest version whose fingerprint has every required sign-off;
``live`` decides, for a site, which approved text stays published while new text awaits
sign-off; ``diff`` compares two versions word by word.
"""
