"""Score a self-assessment against the UK IPS Fidelity Scale.

Pure standard library on the scoring path, so the same code runs in CPython (tests, the
`ips-fidelity` command line) and in the browser under Pyodide, where no answer leaves the device.
"""

from __future__ import annotations

__version__ = "1.0.0"
