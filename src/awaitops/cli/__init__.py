"""The ``awaitops`` command.

Each command group lives in its own private module with a ``register(subparsers)`` function
that adds its parsers and sets ``handler`` (a function of the parsed arguments returning the
exit status). Registration stays cheap: heavy imports happen inside the handlers.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from . import _emulator

__all__ = ["build_parser", "main"]

_Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]
_GROUPS: tuple[_Registrar, ...] = (_emulator.register,)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awaitops", description="Start remote work, follow it to the end, page the results."
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for register in _GROUPS:
        register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        # A group named without its subcommand: show that group's help.
        helper: argparse.ArgumentParser = getattr(args, "help_parser", parser)
        helper.print_help()
        return 2
    return handler(args)
