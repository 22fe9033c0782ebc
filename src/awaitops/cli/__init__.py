"""The ``awaitops`` command.

Each command group lives in its own private module with a ``register(subparsers)`` function
that adds its parsers and sets ``handler`` (a function of the parsed arguments returning the
exit status). Registration stays cheap: heavy imports happen inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import NoReturn

from awaitops._version import __version__
from awaitops.codegen import _cli as _generate

from . import _chainloop, _demo, _emulator, _pinecone
from ._runner import EXIT_INTERRUPTED, EXIT_USAGE, add_output_options, missing_extra, report_error

__all__ = ["build_parser", "main"]

_Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def _register_generate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # The entry point runs `generate` without this module (see awaitops._command); listed
    # here so that `awaitops --help` shows it and `main(["generate", ...])` works too.
    help = _generate.HELP
    parser = commands.add_parser(
        "generate", help=help, description=help[:1].upper() + help[1:] + "."
    )
    _generate.add_arguments(parser)
    parser.set_defaults(handler=_generate.run)


_GROUPS: tuple[_Registrar, ...] = (
    _demo.register,
    _pinecone.register,
    _chainloop.register,
    _emulator.register,
    _register_generate,
)
_JSON_FLAGS = frozenset({"--json", "--jsonl"})


class _Parser(argparse.ArgumentParser):
    """Usage errors as one JSON object on stderr when the command line asks for JSON."""

    json_errors = False

    def error(self, message: str) -> NoReturn:
        if not self.json_errors:
            super().error(message)
        report_error(sys.stderr, f"{self.prog}: {message}", EXIT_USAGE, as_json=True, kind="usage")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = _Parser(
        prog="awaitops",
        description="Start remote work, follow it to the end, page the results. "
        "Credentials come from the environment: PINECONE_API_KEY, CHAINLOOP_TOKEN; "
        "PINECONE_CONTROL_URL and CHAINLOOP_BASE_URL point the commands at an emulator "
        "or a proxy.",
        epilog="Exit status: 0 success, 1 an operation failed or timed out, "
        "2 usage or authentication error, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"awaitops {__version__}")
    add_output_options(parser, top=True)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for register in _GROUPS:
        register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command in ``argv`` (default: the process's arguments); returns the exit status.

    As with any argparse program, ``--help`` and usage errors raise ``SystemExit`` (0 and 2).
    """
    args_list = sys.argv[1:] if argv is None else argv
    as_json = not _JSON_FLAGS.isdisjoint(args_list)
    _Parser.json_errors = as_json
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
        if handler is None:
            # A group named without its subcommand: show that group's help.
            helper: argparse.ArgumentParser = getattr(args, "help_parser", parser)
            helper.print_help()
            return EXIT_USAGE
        return handler(args)
    except KeyboardInterrupt:
        # Ctrl-C outside a command's event loop (e.g. the emulator server): no traceback.
        sys.stderr.write("awaitops: interrupted\n")
        return EXIT_INTERRUPTED
    except ModuleNotFoundError as exc:
        message = missing_extra(exc)
        if message is None:
            raise
        report_error(sys.stderr, message, EXIT_USAGE, as_json=as_json, kind=type(exc).__name__)
        return EXIT_USAGE
    finally:
        _Parser.json_errors = False
