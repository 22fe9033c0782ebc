"""What tools that introspect the public API see: FastAPI and pydantic resolve type hints,
REPLs and IDEs list names with ``dir()``, and people read reprs."""

from __future__ import annotations

import importlib
import inspect
import typing
from types import ModuleType

import pytest

from awaitops import ClientStats
from awaitops.core._events import QueueEvent

_PUBLIC = ("awaitops", "awaitops.core", "awaitops.pinecone", "awaitops.chainloop")


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


@pytest.mark.parametrize("name", _PUBLIC)
def test_dir_lists_every_public_name_even_the_ones_loaded_on_first_use(name: str) -> None:
    module = _module(name)
    assert set(module.__all__) <= set(dir(module))


@pytest.mark.parametrize("name", _PUBLIC)
def test_every_public_class_and_function_has_type_hints_that_resolve(name: str) -> None:
    module = _module(name)
    unresolved = {}
    for public in module.__all__:
        value = getattr(module, public)
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        try:
            typing.get_type_hints(value)
        except NameError as error:
            unresolved[public] = str(error)
    assert unresolved == {}


def test_the_options_typed_dicts_resolve_to_real_types() -> None:
    # What pydantic and FastAPI do with a TypedDict: every field's type, evaluated.
    import httpx

    from awaitops import ClientOptions, RequestOptions, RetryPolicy

    hints = typing.get_type_hints(ClientOptions)
    assert hints["retry"] == RetryPolicy | None
    assert hints["http_client"] == httpx.AsyncClient | None
    assert httpx.Timeout in typing.get_args(typing.get_type_hints(RequestOptions)["timeout"])


def test_stats_and_event_reprs_show_seconds_to_the_millisecond() -> None:
    stats = ClientStats(queued=3, queued_seconds=101.81599999999798)
    assert "queued_seconds=101.816," in repr(stats)
    assert stats.queued_seconds == 101.81599999999798  # the value itself is kept
    assert "waited=0.123," in repr(QueueEvent("GET", "/x", 0.12345678, "concurrency"))
