"""Chainloop async operations: PENDING -> RUNNING -> COMPLETED or FAILED, paged by number."""

from __future__ import annotations

import math
import random
import uuid
from typing import Any

import attrs

from ._clock import Clock, format_timestamp
from ._config import EmulatorConfig
from ._http import Reject, Request, Response, json_response

__all__ = ["ChainloopState"]

_PREFIX = "ASYNC_OPERATION_STATUS_"
_STATUSES = frozenset(
    _PREFIX + s for s in ("UNSPECIFIED", "PENDING", "RUNNING", "COMPLETED", "FAILED")
)
_KINDS = ("evidence_evaluation", "policy_evaluation", "attestation_ingestion")
_RESOURCE_TYPES = ("project_version", "workflow_run")
_DEFAULT_PAGE_SIZE = 10
_MAX_PAGE_SIZE = 100
_SWEEP_INTERVAL = 3600.0


@attrs.define(eq=False)
class ChainloopOperation:
    id: str
    kind: str
    resource_type: str
    resource_id: str
    project_id: str
    project_version_id: str
    created: float
    started: float
    finished: float
    error_message: str | None
    output: str | None = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.output = None if self.error_message else f'{{"kind":"{self.kind}","result":"ok"}}'

    def status(self, now: float) -> str:
        if now < self.started:
            return _PREFIX + "PENDING"
        if now < self.finished:
            return _PREFIX + "RUNNING"
        return _PREFIX + ("FAILED" if self.error_message else "COMPLETED")

    def render(self, now: float) -> dict[str, Any]:
        # Unset fields are left out, as gRPC-gateway's JSON encoding does by default.
        body: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "status": self.status(now),
            "resource_type": self.resource_type,
            "resource_id": self.resource_id,
            "project_id": self.project_id,
            "project_version_id": self.project_version_id,
            "created_at": format_timestamp(self.created),
        }
        if now >= self.started:
            body["started_at"] = format_timestamp(self.started)
        if now >= self.finished:
            body["finished_at"] = format_timestamp(self.finished)
            if self.error_message:
                body["error_message"] = self.error_message
            else:
                body["output"] = self.output
        return body


class ChainloopState:
    def __init__(self, config: EmulatorConfig, clock: Clock, rng: random.Random) -> None:
        self._config = config
        self._clock = clock
        self._rng = rng
        self._ops: dict[str, ChainloopOperation] = {}
        self._newest_first: list[ChainloopOperation] | None = None
        self._last_sweep = clock.now()
        now = clock.now()
        project_id = self._uuid()
        # A quarter are still in flight at start; the rest finished within three days.
        ages = [
            rng.uniform(0, 3) if rng.random() < 0.25 else rng.uniform(60, 3 * 86400)
            for _ in range(config.chainloop_operations)
        ]
        # Oldest first, so insertion order is creation order.
        for age in sorted(ages, reverse=True):
            self._add(now - age, _KINDS[rng.randrange(3)], None, None, None, None, project_id)

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def _add(
        self,
        created: float,
        kind: str,
        resource: tuple[str, str] | None,
        pending_seconds: float | None,
        running_seconds: float | None,
        fail: bool | None,
        project_id: str | None = None,
    ) -> ChainloopOperation:
        rng = self._rng
        config = self._config
        if pending_seconds is None:
            pending_seconds = rng.uniform(*config.chainloop_pending_seconds)
        if running_seconds is None:
            running_seconds = rng.uniform(*config.chainloop_running_seconds)
        if fail is None:
            fail = rng.random() < config.chainloop_failure_rate
        if resource is None:
            resource = (_RESOURCE_TYPES[rng.randrange(2)], self._uuid())
        started = created + pending_seconds
        op = ChainloopOperation(
            self._uuid(),
            kind,
            resource[0],
            resource[1],
            project_id or self._uuid(),
            self._uuid(),
            created,
            started,
            started + running_seconds,
            "policy evaluation failed: 2 violations" if fail else None,
        )
        self._ops[op.id] = op
        self._newest_first = None
        return op

    def create_operation(
        self,
        *,
        kind: str = "evidence_evaluation",
        resource: tuple[str, str] | None = None,
        pending_seconds: float | None = None,
        running_seconds: float | None = None,
        fail: bool | None = None,
    ) -> str:
        """Start a Chainloop operation now and return its id; unset timings and outcome are
        drawn from the config's ranges with the seeded generator."""
        op = self._add(self._clock.now(), kind, resource, pending_seconds, running_seconds, fail)
        return op.id

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < _SWEEP_INTERVAL:
            return
        self._last_sweep = now
        horizon = now - self._config.operation_retention_seconds
        self._ops = {k: op for k, op in self._ops.items() if op.finished > horizon}
        self._newest_first = None

    def _int_param(self, request: Request, name: str) -> int:
        raw = request.param(name)
        if raw is None or raw == "":
            return 0  # proto3: absent and zero are the same value
        try:
            return int(raw)
        except ValueError:
            raise Reject(400, "INVALID_ARGUMENT", f"invalid value for {name}: {raw}") from None

    def list_operations(self, request: Request) -> Response:
        now = self._clock.now()
        self._sweep(now)
        base = self._config.chainloop_page_base
        page = self._int_param(request, "pagination.page")
        size = self._int_param(request, "pagination.page_size")
        if page < 0:
            raise Reject(400, "INVALID_ARGUMENT", "pagination.page must not be negative")
        if size < 0:
            raise Reject(400, "INVALID_ARGUMENT", "pagination.page_size must not be negative")
        page = max(page, base)
        size = min(size or _DEFAULT_PAGE_SIZE, _MAX_PAGE_SIZE)
        resource_id = request.param("resource_id") or None
        resource_type = request.param("resource_type") or None
        if (resource_id is None) != (resource_type is None):
            raise Reject(
                400, "INVALID_ARGUMENT", "resource_id and resource_type must be given together"
            )
        status = request.param("status") or _PREFIX + "UNSPECIFIED"
        if status not in _STATUSES:
            raise Reject(400, "INVALID_ARGUMENT", f"invalid value for enum field status: {status}")
        kind = request.param("kind") or None
        if self._newest_first is None:
            # Newest first, as the service lists them; cached so unfiltered pages cost O(page).
            self._newest_first = list(reversed(self._ops.values()))
        ops = self._newest_first
        if status != _PREFIX + "UNSPECIFIED":
            ops = [op for op in ops if op.status(now) == status]
        if kind is not None:
            ops = [op for op in ops if op.kind == kind]
        if resource_id is not None:
            ops = [
                op
                for op in ops
                if op.resource_id == resource_id and op.resource_type == resource_type
            ]
        start = (page - base) * size
        body = {
            "operations": [op.render(now) for op in ops[start : start + size]],
            "pagination": {
                "total_count": len(ops),
                "page": page,
                "total_pages": math.ceil(len(ops) / size),
                "page_size": size,
            },
        }
        return json_response(200, body)

    def get_operation(self, request: Request, op_id: str) -> Response:
        now = self._clock.now()
        try:
            uuid.UUID(op_id)
        except ValueError:
            raise Reject(400, "INVALID_ARGUMENT", f"invalid operation id: {op_id}") from None
        op = self._ops.get(op_id)
        if op is None or op.finished <= now - self._config.operation_retention_seconds:
            raise Reject(404, "NOT_FOUND", "operation not found")
        return json_response(200, {"operation": op.render(now)})
