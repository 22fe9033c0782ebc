"""``awaitops emulator serve``: run the local emulator on a socket."""

from __future__ import annotations

import argparse
import sys

from ._args import probability, seconds_range

__all__ = ["register", "usage_lines"]


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
    serve.add_argument(
        "--op-seconds",
        type=seconds_range,
        default=(2.0, 8.0),
        metavar="A-B",
        help="how long file operations run, in seconds (default: 2-8)",
    )
    serve.add_argument(
        "--fault-rate",
        type=probability,
        default=0.0,
        metavar="F",
        help="probability of a random 500/503 per request",
    )
    serve.add_argument(
        "--late-fault-rate",
        type=probability,
        default=0.0,
        metavar="F",
        help="probability of handling a request, then answering 500/502/503/504 or cutting",
    )
    serve.add_argument(
        "--rate-limit",
        type=float,
        default=None,
        metavar="N",
        help="requests per second per credential before 429 + Retry-After",
    )
    serve.add_argument(
        "--latency",
        type=seconds_range,
        default=(0.0, 0.0),
        metavar="A-B",
        help="added delay per request, in seconds",
    )
    serve.add_argument(
        "--drop-rate",
        type=probability,
        default=0.0,
        metavar="F",
        help="probability of cutting the connection mid-answer",
    )
    serve.add_argument(
        "--malformed-rate",
        type=probability,
        default=0.0,
        metavar="F",
        help="probability of a truncated JSON answer",
    )
    serve.add_argument(
        "--chainloop-page-base",
        type=int,
        choices=(0, 1),
        default=1,
        help="number of Chainloop's first page (default: 1)",
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
        config = EmulatorConfig(
            api_key=args.api_key,
            chainloop_token=args.chainloop_token,
            seed=args.seed,
            op_seconds=args.op_seconds,
            fault_rate=args.fault_rate,
            late_fault_rate=args.late_fault_rate,
            rate_limit=args.rate_limit,
            latency=args.latency,
            drop_rate=args.drop_rate,
            malformed_rate=args.malformed_rate,
            chainloop_page_base=args.chainloop_page_base,
        )
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
