"""``awaitops generate``: the command, kept free of the ``cli`` extra's imports."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["add_arguments", "main", "run"]

HELP = "generate an async client package from an OpenAPI spec (the codegen extra)"
_NEEDED = {"openapi_python_client": "openapi-python-client", "ruff": "ruff", "yaml": "pyyaml"}
EXIT_OK, EXIT_STALE, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "spec",
        type=Path,
        metavar="SPEC",
        help="an OpenAPI 3 file (YAML or JSON), or a folder of them, each with "
        "<name>.config.yaml beside it",
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="the package folder to write (named after it, or after the config's "
        "package_name_override); replaced whole, and only if generate made it",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="openapi-python-client's config, plus an `awaitops:` block (operations, tags, "
        "base_path)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 naming every file that differs from a fresh run",
    )


def _missing() -> list[str]:
    return [dist for module, dist in _NEEDED.items() if importlib.util.find_spec(module) is None]


def run(args: argparse.Namespace) -> int:
    missing = _missing()
    if missing:
        sys.stderr.write(
            f"awaitops generate: {', '.join(missing)} not installed; install the codegen "
            "extra: pip install 'awaitops[codegen]'\n"
        )
        return EXIT_USAGE
    from ._errors import CodegenError
    from ._generate import generate

    try:
        outcome = generate(args.spec, args.out, config=args.config, check=args.check)
    except CodegenError as exc:
        sys.stderr.write(f"awaitops generate: {exc}\n")
        return EXIT_USAGE
    names = ", ".join(outcome.packages)
    if args.check:
        if outcome.stale:
            print(f"{args.out} is stale (run the same command without --check):")
            print("\n".join(f"  {line}" for line in outcome.stale))
            return EXIT_STALE
        print(f"{args.out} is up to date ({names})")
        return EXIT_OK
    print(f"generated {names} in {args.out}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="awaitops generate", description=HELP[:1].upper() + HELP[1:] + "."
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))
