"""The ``awaitops`` entry point: ``generate`` needs only the codegen extra, every other
command the ``cli`` extra, so the two are told apart before anything is imported."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["generate"]:
        from awaitops.codegen import main as generate

        return generate(args[1:])
    from awaitops.cli import main as cli

    return cli(args)
