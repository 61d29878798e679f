"""`python -m kiosk`: the same as `coworking-kiosk`."""

import sys

from kiosk.launch import main

if __name__ == "__main__":
    sys.exit(main())
