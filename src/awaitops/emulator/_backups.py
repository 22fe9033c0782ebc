"""Pinecone backup schedules: one seeded schedule whose history pages with ``paginationToken``."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime
from typing import Any

from ._clock import Clock, format_timestamp
from ._config import EmulatorConfig
from ._http import Reject, Request, Response, decode_token, encode_token, json_response

__all__ = ["BackupState"]

_DAY = 86400.0
_RUN_HOUR = 6 * 3600.0  # nightly runs at 06:00 UTC
# The 2026-07 vocabulary of a run's status: a planned run is already Initializing, and
# planned runs carry no `scheduled_execution_at`.
_STATUS_2026_07 = {
    "Scheduled": "Initializing",
    "Pending": "Initializing",
    "Ready": "Ready",
    "Failed": "InitializationFailed",
}
# A history token packs (page number, page size) into one integer. A token is minted only
# for a page size below the history's length, so sizes stay below this.
_SIZES = 10**9
_COUNTS = ("record_count", "namespace_count", "size_bytes")


def _micro_timestamp(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class BackupState:
    """The history is built on first use, newest first: two Scheduled runs, the one in
    progress (Pending), then one finished run (Ready or Failed) per earlier night."""

    def __init__(self, config: EmulatorConfig, clock: Clock, seed: int) -> None:
        self._config = config
        self._clock = clock
        self._seed = seed
        self._history: list[dict[str, Any]] | None = None

    def _build(self) -> list[dict[str, Any]]:
        rng = random.Random(self._seed)
        size = self._config.backup_history_size
        now = self._clock.now()
        next_run = now - now % _DAY + _RUN_HOUR
        if next_run <= now:
            next_run += _DAY
        index_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        sparse = self._config.sparse_history_rows
        entries: list[dict[str, Any]] = []
        for position in range(size):
            # Positions 0 and 1 are the next two runs, 2 is the latest run (still Pending),
            # the rest ran on earlier nights.
            run_at = next_run + (1 - position) * _DAY
            status = "Scheduled" if position < 2 else "Pending" if position == 2 else "Ready"
            if status == "Ready" and rng.random() < 0.05:
                status = "Failed"
            records = rng.randint(1_000, 5_000_000) if status == "Ready" else None
            entry: dict[str, Any] = {
                "backup_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "source_index_id": index_id,
                "source_index_name": "my-index",
                # The seeded index has no tags.
                "tags": None if sparse else {},
                "name": "my-nightly-backup-"
                + datetime.fromtimestamp(run_at, UTC).strftime("%Y%m%dT%H%M%SZ"),
                "description": None,
                "status": status,
                "scheduled_execution_at": format_timestamp(run_at)
                if status == "Scheduled"
                else None,
                "cloud": "aws",
                "region": "us-east-1",
                "dimension": 1536,
                "schema": None,
                "record_count": records,
                "namespace_count": rng.randint(1, 12) if records is not None else None,
                "size_bytes": records * 6_200 if records is not None else None,
                # Each entry is queued right after the previous night's run.
                "created_at": _micro_timestamp(run_at - _DAY + 3600.0),
            }
            if sparse:
                # Counts a run does not have yet are left out rather than null.
                entry = {
                    key: value
                    for key, value in entry.items()
                    if key not in _COUNTS or value is not None
                }
            entries.append(entry)
        return entries

    def history(self, request: Request, schedule_id: str) -> Response:
        """One page. A token holds the number of the page it leads to and the page size it
        was minted with; that size applies unless ``limit`` comes with the token, in which
        case, like the service, the page number is counted in the new size: a smaller limit
        repeats entries of the previous page, a larger one skips entries."""
        if not self._config.backups_in_plan:
            # Before the lookup: a project without the entitlement gets 403 even for a
            # schedule that does not exist.
            raise Reject(
                403,
                "PERMISSION_DENIED",
                "Backups are not available on this project's plan; upgrade the plan to use "
                "backup schedules.",
            )
        if schedule_id != self._config.backup_schedule_id:
            raise Reject(404, "NOT_FOUND", f"Backup schedule {schedule_id} not found.")
        token = request.param("paginationToken")
        scope = f"history:{schedule_id}"
        page, minted_size = divmod(decode_token(token, scope), _SIZES) if token else (0, 10)
        if page < 0 or minted_size < 1:
            raise Reject(400, "INVALID_ARGUMENT", "Invalid pagination token")
        # Published: "the maximum number of results to return", an integer with no bounds.
        limit = request.int_param("limit", minted_size, 1, None)
        if self._history is None:
            self._history = self._build()
        start = page * limit
        end = start + limit
        rows = self._history[start:end]
        if request.speaks("2026-07"):
            rows = [_as_2026_07(row) for row in rows]
        body: dict[str, Any] = {"data": rows, "pagination": None}
        if end < len(self._history):
            body["pagination"] = {"next": encode_token(scope, (page + 1) * _SIZES + limit)}
        return json_response(200, body)


def _as_2026_07(row: dict[str, Any]) -> dict[str, Any]:
    """A history row as 2026-07 sends it."""
    shaped = {key: value for key, value in row.items() if key != "scheduled_execution_at"}
    shaped["status"] = _STATUS_2026_07[row["status"]]
    return shaped
