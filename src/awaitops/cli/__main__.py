"""``python -m awaitops.cli``: the same as the ``awaitops`` command."""

from . import main

raise SystemExit(main())
