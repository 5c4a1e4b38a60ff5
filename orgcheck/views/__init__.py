"""The designer's views of a model: stats, trust profile, diff, diagrams, HTML report.

Each view reads the same ``Org`` indexes and the same rule options and findings as
``orgcheck lint``, so what a view shows and what lint reports never disagree.
"""
