"""``python -m awaitops``: the ``awaitops`` command."""

from awaitops._command import main

raise SystemExit(main())
