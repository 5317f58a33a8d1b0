"""`python -m homeroom_tui` and the `homeroom` console script."""

import sys

from homeroom_tui.cli import main

if __name__ == "__main__":
    sys.exit(main())
