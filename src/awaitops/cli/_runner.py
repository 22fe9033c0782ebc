"""Running a command: the shared options, the event loop, and what it raises as one line
on stderr with an exit status."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import Final, TextIO

from ._output import Output

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "CommandError",
    "add_output_options",
    "env_secret",
    "missing_extra",
    "report_error",
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


#: Optional modules the commands use; the ``cli`` extra brings them all.
OPTIONAL_MODULES: Final = frozenset({"rich", "uvicorn"})


def add_output_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--json``, ``--jsonl`` and ``--debug``, accepted before or after the command name.

    Below the top level they default to SUPPRESS, so a subcommand that was not given the
    flag leaves the top-level value alone instead of resetting it.
    """
    suppress = argparse.SUPPRESS
    parser.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        default="text" if top else suppress,
        help="print one JSON document on stdout (a list is an array); errors as JSON on stderr",
    )
    parser.add_argument(
        "--jsonl",
        dest="format",
        action="store_const",
        const="jsonl",
        default=suppress,
        help="print one JSON object per line as results arrive; errors as JSON on stderr",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=False if top else suppress,
        help="show tracebacks and the SDK's debug log on stderr",
    )


def missing_extra(error: BaseException) -> str | None:
    """For a missing optional dependency, the one line that says which extra to install."""
    if not isinstance(error, ModuleNotFoundError) or not error.name:
        return None
    module = error.name.partition(".")[0]
    if module not in OPTIONAL_MODULES:
        return None
    return f"this command needs {module}, which is not installed: pip install 'awaitops[cli]'"


def report_error(stderr: TextIO, message: str, status: int, *, as_json: bool, kind: str) -> None:
    """An error as one line on stderr: plain text, or a JSON object under ``--json[l]``."""
    if as_json:
        record = {"error": {"type": kind, "message": message, "exit_status": status}}
        stderr.write(json.dumps(record, separators=(",", ":")) + "\n")
    else:
        stderr.write(f"awaitops: error: {message}\n")
    stderr.flush()


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

    output = Output(format=args.format)
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
        report_error(output.stderr, message, status, as_json=output.json, kind=type(error).__name__)
        return status
    output.finish()
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
    extra = missing_extra(error)
    if extra is not None:
        return extra, EXIT_USAGE
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
