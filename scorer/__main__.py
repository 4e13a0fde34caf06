"""`python -m scorer` is the same program as `ips-fidelity`."""

import sys

from .cli import main

sys.exit(main())
