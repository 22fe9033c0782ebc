"""``python -m awaitops``: the ``awaitops`` command."""

from awaitops.cli import main

raise SystemExit(main())
