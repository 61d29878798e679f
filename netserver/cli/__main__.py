"""`python -m netserver.cli`: the same as `coworking-netserver` and `python -m netserver`."""

import sys

from netserver.cli import main

if __name__ == "__main__":
    sys.exit(main())
