"""``awaitops emulator serve``: run the local emulator on a socket."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ._args import probability, seconds_range

__all__ = ["register", "usage_lines"]

# Timing and fault knobs: (flag, type, default, metavar, help). Each sets the EmulatorConfig
# field its flag names.
_KNOBS: tuple[tuple[str, Callable[[str], Any], Any, str, str], ...] = (
    (
        "--op-seconds",
        seconds_range,
        (2.0, 8.0),
        "A-B",
        "how long file operations run, in seconds (default: 2-8)",
    ),
    ("--fault-rate", probability, 0.0, "F", "probability of a random 500/503 per request"),
    (
        "--late-fault-rate",
        probability,
        0.0,
        "F",
        "probability of handling a request, then answering 500/502/503/504 or cutting",
    ),
    (
        "--rate-limit",
        float,
        None,
        "N",
        "requests per second per credential before 429 + Retry-After",
    ),
    ("--latency", seconds_range, (0.0, 0.0), "A-B", "added delay per request, in seconds"),
    ("--drop-rate", probability, 0.0, "F", "probability of cutting the connection mid-answer"),
    ("--malformed-rate", probability, 0.0, "F", "probability of a truncated JSON answer"),
    (
        "--assistant-quota",
        int,
        None,
        "N",
        "assistants the project may hold; a create beyond it is a 429 (default: no quota)",
    ),
)
_CONFIG_FIELDS = (
    "api_key",
    "chainloop_token",
    "seed",
    *(flag.removeprefix("--").replace("-", "_") for flag, *_ in _KNOBS),
    "chainloop_page_base",
    "backups_in_plan",
)


def usage_lines(url: str, api_key: str, chainloop_token: str) -> str:
    """What to paste into another shell to use the emulator at ``url``."""
    # These are the emulator's throwaway test credentials, printed on purpose.
    return "\n".join(
        [
            f"Pinecone API key: {api_key}   Chainloop token: {chainloop_token}",
            "Point the awaitops clients and commands at it from another shell with:",
            f"  export PINECONE_CONTROL_URL={url} PINECONE_API_KEY={api_key}",
            f"  export CHAINLOOP_BASE_URL={url} CHAINLOOP_TOKEN={chainloop_token}",
            "Ctrl-C stops it.",
        ]
    )


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("emulator", help="the local emulator of all four APIs")
    group.set_defaults(help_parser=group)
    actions = group.add_subparsers(title="emulator commands", metavar="COMMAND")
    serve = actions.add_parser(
        "serve",
        help="serve the emulator until interrupted",
        description="Serve Pinecone Assistant, backup schedules and Chainloop operations "
        "locally. Once listening, prints the root URL (first line of stdout), the accepted "
        "credentials and the environment lines that point the awaitops clients and commands "
        "at it. Ctrl-C stops it.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8765, help="port, 0 for any (default: 8765)")
    serve.add_argument(
        "--api-key", default="test-key", help="accepted Pinecone Api-Key (default: %(default)s)"
    )
    serve.add_argument(
        "--chainloop-token",
        default="test-token",
        help="accepted Chainloop bearer token (default: %(default)s)",
    )
    serve.add_argument("--seed", type=int, default=0, help="seed of all randomness (default: 0)")
    for flag, kind, default, metavar, help in _KNOBS:
        serve.add_argument(flag, type=kind, default=default, metavar=metavar, help=help)
    serve.add_argument(
        "--chainloop-page-base",
        type=int,
        choices=(0, 1),
        default=1,
        help="number of Chainloop's first page (default: 1)",
    )
    serve.add_argument(
        "--no-backups-in-plan",
        dest="backups_in_plan",
        action="store_false",
        help="the project's plan lacks backups: every backup route answers 403",
    )
    serve.add_argument(
        "--access-log",
        action="store_true",
        help="log one line per request, on stderr (default: off)",
    )
    serve.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    from awaitops.emulator import Emulator, EmulatorConfig

    try:
        config = EmulatorConfig(**{name: getattr(args, name) for name in _CONFIG_FIELDS})
    except ValueError as exc:
        print(f"awaitops emulator serve: {exc}", file=sys.stderr)
        return 2

    def ready(url: str) -> None:
        print(url, flush=True)
        print(usage_lines(url, config.api_key, config.chainloop_token), flush=True)

    try:
        Emulator(config).run(args.host, args.port, on_ready=ready, access_log=args.access_log)
    except OSError as exc:
        print(f"awaitops emulator serve: cannot listen: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
