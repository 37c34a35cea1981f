"""Allow ``python -m reader``."""

import sys

from reader.launch import main

sys.exit(main())
