"""A local server that speaks Pinecone Assistant, Pinecone backup schedules and Chainloop
async operations, with realistic time-driven state and faults on demand.

Use it in-process (``Emulator.transport()`` / ``Emulator.client()``), on a socket
(``Emulator.serve()`` / ``Emulator.serving()`` / ``awaitops emulator serve``), or through
the pytest fixtures of :mod:`awaitops.emulator.pytest_plugin`.

Fault knobs (``EmulatorConfig`` fields, also settable on ``emulator.faults`` at run time;
every random draw comes from ``seed``):

- ``fault_rate``: probability a request answers 500 (``UNKNOWN``) or 503 (``UNAVAILABLE``)
  instead of being handled.
- ``late_fault_rate``: probability a request is handled, its change made, and then answered
  500, 502, 503 or 504 or cut (a fifth each), as a gateway failing after the backend acted.
- ``rate_limit``: requests per second per credential (token bucket, burst of the same
  size, on the emulator clock); beyond it, 429 ``TOO_MANY_REQUESTS`` with ``Retry-After``.
- ``latency``: ``(low, high)`` real seconds added before each answer.
- ``drop_rate``: probability the connection is cut mid-body after the request was handled
  (on a socket the server closes it; in-process ``httpx.RemoteProtocolError`` is raised).
- ``malformed_rate``: probability a successful JSON answer is sent truncated.
- ``emulator.faults.script(route, actions)`` / ``.next(method, pattern, action, count)``:
  the next matching requests answer the given statuses (before any other check),
  ``"drop"``, ``"malformed"`` or ``"late-500"``/``"late-502"``/``"late-503"``/``"late-504"``
  (after handling), in order.

Fidelity (``spec`` = the published 2026-04 files of ``pinecone-io/pinecone-api``; the official
``pinecone`` SDK referees it in ``nox -s conformance``):

- ``X-Pinecone-Api-Version``: each API accepts the version of the spec it serves (its
  generated package's ``API_VERSION``) and ``2026-07``, which the official SDK sends (files
  differing only in wording); anything else, or none, is a 400 ``INVALID_ARGUMENT`` naming the accepted
  versions.
- ``limit``: assistants 1..100, default 50 (control spec line 38); operations 1..100 (data spec
  lines 595-596); files and backup history publish no bound (data spec line 56), so any
  ``limit >= 1`` is served. Below 1 is refused everywhere, as the assistants list documents.
- ``include_url=true`` (data spec line 267) adds ``signed_url`` (line 1147, "expires after a
  short time"): ``ROOT/signed-files/ASSISTANT/FILE_ID?expires=..&signature=..`` serves the
  file's bytes without the API key for 15 minutes, then 400; a bad signature is 403.
- Stricter than any spec, from the official SDK 10.2.0 instead: uploading to an assistant
  that is not Ready is a 400 ``FAILED_PRECONDITION`` (``Assistants.create`` waits for Ready
  "so you can upload files to it as soon as the call returns").

Importing this package is cheap: uvicorn and httpx load only when a server or transport is
made, because the pytest plugin imports it in every test run.
"""

from ._app import IN_PROCESS_URL, Emulator, RecordedRequest
from ._clock import Clock, ManualClock, SystemClock
from ._config import EmulatorConfig
from ._faults import Action, Faults

__all__ = [
    "IN_PROCESS_URL",
    "Action",
    "Clock",
    "Emulator",
    "EmulatorConfig",
    "Faults",
    "ManualClock",
    "RecordedRequest",
    "SystemClock",
]
