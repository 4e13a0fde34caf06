"""Score a self-assessment against the UK IPS Fidelity Scale.

Pure standard library on the scoring path, so the same code runs in CPython (tests, the
`ips-fidelity` command line) and in the browser under Pyodide, where no answer leaves the device.

Imports go one way, from data to pages:
scale/ YAML -> this scoring core -> scorer.planning (the planning tools) -> the browser API
(scorer.api, scorer.planning.api, called from the page's worker) -> page scripts and build hooks.

The core, one concept a module: scale (the scale as frozen values), scale_files (reading
scale/ YAML with file and line), schema, measures (evidence to a rating), assessment (input),
result (totals, bands, action plan), compare, centres (Centre of Excellence status), exact,
dates, inputs (reading JSON/YAML within the input limits), errors, report (plain-text reports),
cli (the core's subcommands) and api (JSON in and out, for the browser). program.py alone sits
above both layers: it makes the `ips-fidelity` program from the core's and the planning tools'
subcommands. The core never imports scorer.planning; tests/scorer/test_layout.py checks.
"""

from __future__ import annotations

__version__ = "1.0.0"
