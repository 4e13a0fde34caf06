"""The planning tools on top of the scoring core: review planner, timetable checker, workforce
planner and Centre readiness, with the calendar export and the browser's entry point (api.py).

Imports go one way: these modules use the core (scorer.scale, scorer.result, scorer.centres, ...);
the core never imports from here.
"""
