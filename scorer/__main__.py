"""`python -m scorer` is the same program as `ips-fidelity`."""

import sys

from .program import main

sys.exit(main())
