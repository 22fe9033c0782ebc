"""Shared by the observability tests: an emulator-backed client, an in-memory span
collector, and a span tree to assert on."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import attrs
import httpx
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, Span, SpanProcessor, TracerProvider

from awaitops import AsyncApiClient, PollPolicy, RetryPolicy
from awaitops.emulator import Emulator
from awaitops.pinecone import Pinecone

KEY = "test-key"
HOST = "http://127.0.0.1"
FAST = PollPolicy(initial_interval=0.05, max_interval=0.2, timeout=10)
QUICK_RETRY = RetryPolicy(max_attempts=4, initial_delay=0.01, max_delay=0.05)


@asynccontextmanager
async def mock_client(
    handler: Callable[[httpx.Request], Any], **options: Any
) -> AsyncIterator[AsyncApiClient]:
    """An AsyncApiClient on ``https://api.example.invalid`` whose answers ``handler`` makes."""
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
        AsyncApiClient(
            base_url="https://api.example.invalid", http_client=http, **options
        ) as client,
    ):
        yield client


@asynccontextmanager
async def pinecone(emu: Emulator) -> AsyncIterator[Pinecone]:
    """A client on the in-process emulator, which holds a Ready assistant ``docs``."""
    emu.add_assistant("docs")
    async with (
        emu.client() as http,
        Pinecone(KEY, control_url=HOST, http_client=http, retry=QUICK_RETRY) as pc,
    ):
        yield pc


class Collector(SpanProcessor):
    """Keeps the spans that end while a test is collecting, and no others: the provider is
    global to the test process, and other tests' spans must not pile up here."""

    def __init__(self) -> None:
        self.collecting = False
        self.spans: list[ReadableSpan] = []

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        return None

    def on_end(self, span: ReadableSpan) -> None:
        if self.collecting:
            self.spans.append(span)


_collector = Collector()
_installed = False


def collector() -> Collector:
    """The process-wide collector, added on first use to the global provider (made here
    unless something else in the process, a docs example say, set one already)."""
    global _installed
    if not _installed:
        provider = trace.get_tracer_provider()
        if not isinstance(provider, TracerProvider):
            provider = TracerProvider()
            trace.set_tracer_provider(provider)
        provider.add_span_processor(_collector)
        _installed = True
    _collector.spans.clear()
    return _collector


@attrs.frozen
class Node:
    name: str
    kind: str
    attributes: dict[str, Any]
    events: list[tuple[str, dict[str, Any]]]
    status: str
    children: list[Node]

    def find(self, name: str) -> list[Node]:
        return [child for child in self.children if child.name == name]

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def tree(spans: Sequence[ReadableSpan]) -> list[Node]:
    """The root spans, each with its children in start order."""
    children: dict[int | None, list[ReadableSpan]] = {}
    for span in spans:
        parent = span.parent.span_id if span.parent is not None else None
        children.setdefault(parent, []).append(span)
    known = {span.context.span_id for span in spans if span.context is not None}

    def node(span: ReadableSpan) -> Node:
        assert span.context is not None
        kids = sorted(children.get(span.context.span_id, []), key=lambda s: s.start_time or 0)
        return Node(
            name=span.name,
            kind=span.kind.name,
            attributes=dict(span.attributes or {}),
            events=[(event.name, dict(event.attributes or {})) for event in span.events],
            status=span.status.status_code.name,
            children=[node(kid) for kid in kids],
        )

    roots = [s for parent, group in children.items() if parent not in known for s in group]
    return [node(span) for span in sorted(roots, key=lambda s: s.start_time or 0)]
