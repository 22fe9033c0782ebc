"""The ``awaitops`` command.

Each command group lives in its own private module with a ``register(subparsers)`` function
that adds its parsers and sets ``handler`` (a function of the parsed arguments returning the
exit status). Registration stays cheap: heavy imports happen inside the handlers.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from . import _chainloop, _demo, _emulator, _pinecone
from ._runner import EXIT_USAGE, add_output_options

__all__ = ["build_parser", "main"]

_Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]
_GROUPS: tuple[_Registrar, ...] = (
    _demo.register,
    _pinecone.register,
    _chainloop.register,
    _emulator.register,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awaitops",
        description="Start remote work, follow it to the end, page the results. "
        "Credentials come from the environment: PINECONE_API_KEY, CHAINLOOP_TOKEN.",
        epilog="Exit status: 0 success, 1 an operation failed or timed out, "
        "2 usage or authentication error, 130 interrupted.",
    )
    add_output_options(parser, top=True)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for register in _GROUPS:
        register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command in ``argv`` (default: the process's arguments); returns the exit status.

    As with any argparse program, ``--help`` and usage errors raise ``SystemExit`` (0 and 2).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        # A group named without its subcommand: show that group's help.
        helper: argparse.ArgumentParser = getattr(args, "help_parser", parser)
        helper.print_help()
        return EXIT_USAGE
    return handler(args)
