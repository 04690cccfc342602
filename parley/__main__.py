"""`python -m parley COMMAND`: the commands of parley.cli."""

import sys

from parley.cli import main

sys.exit(main())
