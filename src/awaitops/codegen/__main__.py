"""``python -m awaitops.codegen``: the same as ``awaitops generate``."""

from awaitops.codegen import main

raise SystemExit(main())
