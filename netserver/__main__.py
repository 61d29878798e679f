"""`python -m netserver`: the `coworking-netserver` command line."""

import sys

from netserver.cli import main

if __name__ == "__main__":
    sys.exit(main())
