"""Spans of a ``wait_all`` of 10 uploads, printed by OpenTelemetry's console exporter.

    uv run python scripts/trace_demo.py          # the span tree
    uv run python scripts/trace_demo.py --json   # the console exporter's own JSON, span by span

Runs against the in-process emulator with a rate limit tight enough that some uploads get
429 and are retried, and one scripted 503 on the first list round. Needs opentelemetry-sdk
(in the dev group).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import anyio
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor

from awaitops import PollPolicy, RetryPolicy
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

HOST = "http://127.0.0.1"
UPLOADS = 10
# Span attributes the tree shows, in this order, under shorter names.
_SHOWN = {
    "http.response.status_code": "status",
    "awaitops.attempts": "attempts",
    "url.full": "url",
    "awaitops.page.number": "page",
    "awaitops.operation.count": "operations",
    "awaitops.poll.count": "polls",
    "awaitops.wait.outcome": "outcome",
    "error.type": "error",
}


async def upload_and_wait() -> None:
    emulator = Emulator(EmulatorConfig(op_seconds=(0.3, 0.8), rate_limit=8, seed=7))
    emulator.add_assistant("docs")
    emulator.faults.script("GET /assistant/operations/docs", [503])
    tracer = trace.get_tracer("trace_demo")
    async with (
        emulator.client() as http,
        Pinecone("test-key", control_url=HOST, http_client=http, retry=RetryPolicy()) as pc,
    ):
        docs = pc.assistant("docs", host=HOST)
        with tracer.start_as_current_span("upload 10 files and wait"):
            ids: list[str] = []
            async with anyio.create_task_group() as uploads:
                for n in range(UPLOADS):

                    async def upload(n: int = n) -> None:
                        op = await docs.files.upload(f"file {n}".encode(), file_name=f"{n}.txt")
                        ids.append(op.id)

                    uploads.start_soon(upload)
            poll = PollPolicy(initial_interval=0.2, timeout=60)
            async for _ in docs.operations.wait_all(ids, poll=poll):
                pass


def _line(span: ReadableSpan) -> str:
    attributes = span.attributes or {}
    shown = " ".join(
        f"{short}={attributes[name]!s}" for name, short in _SHOWN.items() if name in attributes
    )
    took = ((span.end_time or 0) - (span.start_time or 0)) / 1e6
    events = ", ".join(_event(event.name, dict(event.attributes or {})) for event in span.events)
    return f"{span.name} [{span.kind.name.lower()}] {took:.0f} ms {shown}" + (
        f"  events: {events}" if events else ""
    )


def _event(name: str, attributes: dict[str, object]) -> str:
    if name == "awaitops.retry":
        delay = attributes["awaitops.retry.delay_s"]
        assert isinstance(delay, float)
        return f"retry({attributes['awaitops.retry.reason']}, {delay * 1000:.0f} ms)"
    if name == "awaitops.poll":
        status = attributes.get("awaitops.operation.status") or attributes.get("error.type")
        return f"poll{attributes['awaitops.poll.number']}" + (f"={status}" if status else "")
    if name == "awaitops.queue":
        waited = attributes["awaitops.queue.waited_s"]
        assert isinstance(waited, float)
        return f"queue({attributes['awaitops.queue.reason']}, {waited * 1000:.0f} ms)"
    return name


def print_tree(spans: Sequence[ReadableSpan]) -> None:
    children: dict[int | None, list[ReadableSpan]] = {}
    for span in spans:
        children.setdefault(span.parent.span_id if span.parent else None, []).append(span)

    def show(span: ReadableSpan, prefix: str, last: bool, top: bool) -> None:
        print(("" if top else prefix + ("└─ " if last else "├─ ")) + _line(span))
        assert span.context is not None
        kids = sorted(children.get(span.context.span_id, []), key=lambda s: s.start_time or 0)
        inner = "" if top else prefix + ("   " if last else "│  ")
        for index, kid in enumerate(kids):
            show(kid, inner, index == len(kids) - 1, False)

    for root in children.get(None, []):
        show(root, "", True, True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the exporter's JSON instead")
    args = parser.parse_args(argv)
    exported: list[ReadableSpan] = []

    def formatter(span: ReadableSpan) -> str:
        exported.append(span)
        return span.to_json() + "\n" if args.json else ""

    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(formatter=formatter)))
    trace.set_tracer_provider(provider)
    anyio.run(upload_and_wait)
    provider.shutdown()
    if not args.json:
        print_tree(exported)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
