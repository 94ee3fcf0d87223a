"""The production record for assessors and reviewers, written by ``sitegen report``.

``jobbag``: one folder per leaflet with its approved text and everything about how it was
made (PIF TICK assessors sample this "job bag"). ``reviewers``: per reviewer, the leaflets
they approved and what became of each since. Names hidden with ``show_name: false`` stay
hidden, and the feedback log is summarised without anything that could name a person.
"""
