"""OpenTelemetry, only when the application already uses it.

awaitops never imports ``opentelemetry`` by itself: tracing starts once the application
has imported ``opentelemetry.trace`` (which it must do to configure a tracer provider),
and spans then go to whatever provider is global. Without the ``otel`` extra, or in an
application that does not trace, this costs one dictionary lookup per call (made by
``_listening``, which loads this module only once tracing starts or a hook listens).

Attribute names follow the OpenTelemetry semantic conventions for HTTP clients where they
apply; the rest are ``awaitops.*``. Spans never carry a header, a body or a query string.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

import httpx

from awaitops._version import __version__

from ._hooks import tracing

if TYPE_CHECKING:
    from opentelemetry.trace import Span, Tracer
    from opentelemetry.util.types import AttributeValue

_DEFAULT_PORTS: Final = {"https": 443, "http": 80}

_tracer: Tracer | None = None


def tracer() -> Tracer | None:
    """The awaitops tracer, or None while the application has not loaded OpenTelemetry."""
    if _tracer is None and tracing():
        return _load()
    return _tracer


def _load() -> Tracer:
    global _tracer
    # Already imported by the application: this is a lookup, not an import.
    from opentelemetry import trace

    # A proxy until the application sets its provider, then that provider's tracer.
    _tracer = trace.get_tracer("awaitops", __version__)
    return _tracer


def url_without_query(url: httpx.URL) -> str:
    return str(url.copy_with(query=None, fragment=None))


def start_client_span(active: Tracer, method: str, url: httpx.URL) -> Span:
    """A CLIENT span for one call (all its attempts), named by the method as the HTTP
    conventions ask when no URL template is known."""
    from opentelemetry.trace import SpanKind

    return active.start_span(
        method,
        kind=SpanKind.CLIENT,
        attributes={
            "http.request.method": method,
            "server.address": url.host,
            "server.port": url.port or _DEFAULT_PORTS.get(url.scheme, 0),
            "url.scheme": url.scheme,
            "url.full": url_without_query(url),
        },
    )


def start_internal_span(
    active: Tracer, name: str, attributes: Mapping[str, AttributeValue]
) -> Span:
    return active.start_span(name, attributes=attributes)


@contextmanager
def current(span: Span) -> Iterator[None]:
    """Make ``span`` the parent of spans started inside the block (same task, no yield)."""
    from opentelemetry.trace import use_span

    # Exceptions are described by error.type on the span, never by their message, which
    # may quote a server's answer.
    with use_span(span, record_exception=False, set_status_on_exception=False):
        yield


def fail(span: Span, error_type: str) -> None:
    from opentelemetry.trace import Status, StatusCode

    span.set_attribute("error.type", error_type)
    span.set_status(Status(StatusCode.ERROR))


def type_name(error: BaseException) -> str:
    cls = type(error)
    return (
        cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    )
