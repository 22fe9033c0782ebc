"""Running a command: the shared options, the event loop, and what it raises as one line
on stderr with an exit status."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import Final

from ._output import Output

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "CommandError",
    "add_output_options",
    "env_secret",
    "runs",
]

EXIT_OK: Final = 0
#: An operation failed or timed out, or a request failed.
EXIT_FAILED: Final = 1
#: Bad usage or a credential the server refused.
EXIT_USAGE: Final = 2
#: Interrupted with Ctrl-C, after cancelling cleanly (128 + SIGINT).
EXIT_INTERRUPTED: Final = 130

Command = Callable[[argparse.Namespace, Output], Awaitable[int]]


class CommandError(Exception):
    """A problem to report as one line, with the exit status it means."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


def add_output_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--json`` and ``--debug``, accepted before or after the command name.

    Below the top level they default to SUPPRESS, so a subcommand that was not given the
    flag leaves the top-level value alone instead of resetting it.
    """
    default: bool | str = False if top else argparse.SUPPRESS
    parser.add_argument(
        "--json", action="store_true", default=default, help="one JSON object per line on stdout"
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="show tracebacks and the SDK's debug log on stderr",
    )


def env_secret(name: str) -> str:
    """A credential from the environment; credentials are never taken as flags, which would
    leave them in shell history and process listings."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise CommandError(f"set {name} in the environment")
    return value


def runs(command: Command) -> Callable[[argparse.Namespace], int]:
    """A parser handler running the async ``command`` and mapping errors to exit statuses."""

    def handler(args: argparse.Namespace) -> int:
        return _run(command, args)

    return handler


def _run(command: Command, args: argparse.Namespace) -> int:
    import anyio

    output = Output(json=args.json)
    if args.debug:
        logging.basicConfig(stream=sys.stderr, format="%(name)s %(levelname)s %(message)s")
        logging.getLogger("awaitops").setLevel(logging.DEBUG)
    try:
        status: int = anyio.run(command, args, output)
    except KeyboardInterrupt:
        # The loop has already cancelled the command and let it clean up.
        output.stderr.write("awaitops: interrupted\n")
        return EXIT_INTERRUPTED
    except Exception as exc:
        error = _leaf(exc)
        if args.debug:
            traceback.print_exception(exc, file=output.stderr)
        message, status = _describe(error)
        output.stderr.write(f"awaitops: error: {message}\n")
    return status


def _leaf(exc: BaseException) -> BaseException:
    """The error inside task-group wrapping, when there is just one."""
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    return exc


def _describe(error: BaseException) -> tuple[str, int]:
    from awaitops.errors import (
        AuthenticationError,
        AwaitopsError,
        BadRequestError,
        PermissionDeniedError,
    )

    if isinstance(error, CommandError):
        return str(error), error.status
    if isinstance(error, AuthenticationError | PermissionDeniedError):
        return f"{error} (check the credential in the environment)", EXIT_USAGE
    if isinstance(error, ValueError | BadRequestError):
        # Rejected arguments, whether our checks or the server's caught them.
        return str(error), EXIT_USAGE
    if isinstance(error, AwaitopsError):
        return str(error) or type(error).__name__, EXIT_FAILED
    if isinstance(error, OSError):
        return error.strerror or str(error), EXIT_FAILED
    if isinstance(error, BaseExceptionGroup):
        return "; ".join(_describe(e)[0] for e in error.exceptions), EXIT_FAILED
    return f"{type(error).__name__}: {error} (run with --debug for the traceback)", EXIT_FAILED
