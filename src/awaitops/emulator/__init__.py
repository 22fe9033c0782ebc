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

As unkind as the service: what the official SDK 10.2.0 states about the real service (fact
numbers of the project's ``official-sdk-facts.md``; "all" = every accepted version), each a
knob of ``EmulatorConfig`` where it is a scenario or a setting (docs/testing.md has the table):

- Files are typed by extension alone (#17, all): an upload or upsert named without one of
  ``.txt .pdf .json .md .docx`` is a 400 at once. Bytes that are not the named format (a
  ``.pdf`` not starting ``%PDF``, a ``.docx`` that is no zip, text that is not UTF-8) are
  accepted and their operation fails (#30): ``File processing failed: the file could not
  be read as PDF.``
- ``failed_file_listing_seconds`` (#23, all; a day by default, the service's cutoff being
  unpublished): a ``ProcessingFailed`` file that old leaves the files listing; describing
  it still works.
- An update with neither ``instructions`` nor ``metadata`` is a 400 ``No updates
  provided`` (#10, all). It answers ``UpdateAssistantResponse`` under 2026-04 and the whole
  assistant from 2026-07 on (#11). A name clash on create is 429 ``ALREADY_EXISTS`` under
  2026-04 (its spec), 409 from 2026-07 on (#8).
- ``assistant_quota`` (#8, all): beyond it a create is a 429 ``RESOURCE_EXHAUSTED`` with no
  ``Retry-After``.
- An unknown operations ``status`` / ``operation_type`` filter value, case-sensitive, is a
  400 not listing the accepted values (#28, all).
- ``assistant_terminated_seconds`` (#5, #7, all; 1-3 s by default): how long a deleted
  assistant stays describable as ``Terminated`` before the 404.
  ``assistant_create_failure_rate`` (#5, #6): creates that end ``InitializationFailed``.
  ``assistant_delete_failure_rate`` (#7): deletes that end ``Failed``, the assistant
  staying until deleted again.
  ``add_assistant(status=...)`` seeds any of the three.
- ``minimal_upsert_answers`` (#25, 2026-04, on by default): an upsert (PUT) answers
  ``{id, status}`` only.
- ``sparse_history_rows`` (#33, all, on by default): backup history rows say
  ``"tags": null`` and leave out counts a run does not have yet. Under 2026-07 (#32) rows
  say ``Initializing`` for a planned or running backup and ``InitializationFailed`` for a
  failed one, without ``scheduled_execution_at``.
- ``backups_in_plan=False`` (#36, all): every backup route answers 403
  ``PERMISSION_DENIED`` naming the plan, before any 404.

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
