"""Argument helpers shared by the command groups."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

from awaitops._redaction import quotable_url

from ._runner import add_output_options

__all__ = [
    "Subparsers",
    "any_case",
    "command",
    "count",
    "group",
    "json_object",
    "paging",
    "positive",
    "probability",
    "root_url",
    "seconds_range",
    "url_option",
]

#: What ``add_subparsers`` returns (a string: the class is not subscriptable at run time).
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def group(commands: Subparsers, name: str, help: str) -> Subparsers:
    """A command that only holds subcommands; named alone, it prints its help."""
    parser = commands.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".")
    parser.set_defaults(help_parser=parser)
    return parser.add_subparsers(title=f"{name} commands", metavar="COMMAND")


def command(actions: Subparsers, name: str, help: str) -> argparse.ArgumentParser:
    """A runnable command, with ``--json`` and ``--debug``."""
    parser = actions.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".")
    add_output_options(parser)
    return parser


def paging(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--page-size", type=count, metavar="N", help="items per request")
    parser.add_argument("--limit", type=count, metavar="N", help="stop after N items")


def paged(args: argparse.Namespace) -> dict[str, Any]:
    """What :func:`paging` options ask of a list method."""
    return {"page_size": args.page_size, "max_items": args.limit}


def _number(text: str, kind: type[float] | type[int] = float) -> float:
    try:
        return kind(text)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None


def positive(text: str) -> float:
    value = _number(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text}")
    return value


def count(text: str) -> int:
    value = int(_number(text, int))
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


def json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise argparse.ArgumentTypeError(f"not valid JSON: {exc.msg}") from None
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError("expected a JSON object")
    return value


def seconds_range(text: str) -> tuple[float, float]:
    """``"2-8"`` -> (2.0, 8.0); ``"3"`` -> (3.0, 3.0)."""
    low, sep, high = text.partition("-")
    try:
        bounds = (float(low), float(high) if sep else float(low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected SECONDS or LOW-HIGH, got {text!r}") from None
    if bounds[0] < 0 or bounds[1] < bounds[0]:
        raise argparse.ArgumentTypeError(f"expected 0 <= LOW <= HIGH, got {text!r}")
    return bounds


def probability(text: str) -> float:
    value = _number(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a probability between 0 and 1, got {text}")
    return value


def root_url(text: str) -> str:
    """An API root such as ``http://127.0.0.1:8765``, checked here so a mistake is reported
    as the user typed it."""
    import httpx

    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise argparse.ArgumentTypeError(
            "expected a URL such as https://host or http://127.0.0.1:8765, "
            f"got {quotable_url(text)!r}"
        )
    if url.query or url.fragment or url.userinfo:
        raise argparse.ArgumentTypeError(
            f"expected a URL without credentials, query or fragment, got {quotable_url(text)!r}"
        )
    return text


def url_option(
    parser: argparse.ArgumentParser, *flags: str, env: str, default: str, what: str
) -> None:
    """A root URL option whose default comes from the environment variable ``env``."""
    parser.add_argument(
        *flags,
        dest=flags[0].lstrip("-").replace("-", "_"),
        type=root_url,
        default=os.environ.get(env) or default,
        metavar="URL",
        help=f"{what}, e.g. an emulator's or a proxy's URL (default: ${env}, else {default})",
    )


def any_case(choices: Sequence[str]) -> Callable[[str], str]:
    """An argument type accepting each of ``choices`` in any case, giving its spelling."""
    spelled = {choice.lower(): choice for choice in choices}

    def parse(text: str) -> str:
        try:
            return spelled[text.lower()]
        except KeyError:
            raise argparse.ArgumentTypeError(
                f"expected one of {', '.join(choices)} (any case), got {text!r}"
            ) from None

    return parse
