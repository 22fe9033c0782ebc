"""The emulator's settings: credentials, timings, seeded data and fault knobs."""

from __future__ import annotations

import attrs

__all__ = ["EmulatorConfig"]


def _check_range(name: str, value: tuple[float, float]) -> None:
    low, high = value
    if low < 0 or high < low:
        raise ValueError(f"{name} must be (low, high) with 0 <= low <= high, got {value!r}")


def _check_rate(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}")


@attrs.frozen(kw_only=True)
class EmulatorConfig:
    """How an :class:`~awaitops.emulator.Emulator` behaves.

    Durations are seconds on the emulator's clock; each ``(low, high)`` pair is drawn from
    uniformly per object, from the seeded generator. Fault rates are probabilities per
    request, drawn from generators of their own so turning one knob on never changes which
    requests another knob hits.
    """

    api_key: str = attrs.field(default="test-key", repr=False)
    chainloop_token: str = attrs.field(default="test-token", repr=False)
    seed: int = 0

    #: An upload, upsert or delete stays Processing this long.
    op_seconds: tuple[float, float] = (2.0, 8.0)
    #: A new assistant stays Initializing this long.
    assistant_ready_seconds: tuple[float, float] = (1.0, 3.0)
    #: A deleted assistant stays Terminating this long, then is gone.
    assistant_delete_seconds: tuple[float, float] = (1.0, 2.0)
    #: Finished operations are forgotten this long after they finished (30 days).
    operation_retention_seconds: float = 30 * 24 * 3600.0

    # How unkind the service is (see the package docstring for the fact behind each).
    #: After Terminating, a deleted assistant stays describable as ``Terminated`` this long,
    #: then is gone (404); ``None``: ``Terminated`` for good.
    assistant_terminated_seconds: tuple[float, float] | None = (1.0, 3.0)
    #: Probability that a new assistant ends ``InitializationFailed`` instead of ``Ready``.
    assistant_create_failure_rate: float = 0.0
    #: Probability that a deleted assistant ends ``Failed`` instead of going away; it then
    #: stays, for good, until deleted again.
    assistant_delete_failure_rate: float = 0.0
    #: Assistants a project may hold (every describable one counts); a create beyond it is
    #: a 429 that retrying does not fix. ``None``: no quota.
    assistant_quota: int | None = None
    #: A ``ProcessingFailed`` file leaves the files listing (describing it still works) once
    #: it was created this long ago; ``None``: listed for good.
    failed_file_listing_seconds: float | None = 24 * 3600.0
    #: Under ``2026-04``, an upsert (PUT) answers only the operation's ``id`` and ``status``.
    minimal_upsert_answers: bool = True
    #: Backup history rows as the service sends them: ``"tags": null`` (not ``{}``) for an
    #: index without tags, and counts a run does not have yet left out (not ``null``).
    sparse_history_rows: bool = True
    #: ``False``: the project's plan lacks backups, so every backup route answers 403.
    backups_in_plan: bool = True

    #: Chainloop: how many operations exist at start, and their timings.
    chainloop_operations: int = 40
    chainloop_pending_seconds: tuple[float, float] = (1.0, 3.0)
    chainloop_running_seconds: tuple[float, float] = (2.0, 10.0)
    chainloop_failure_rate: float = 0.2
    #: Chainloop ``pagination.page`` of the first page: 1 (page 0 or absent also means the
    #: first page, as proto3 cannot tell them apart) or 0 (pages count from 0).
    chainloop_page_base: int = 1

    #: Backup schedule whose history is seeded, and how many entries it holds.
    backup_schedule_id: str = "sched-demo"
    backup_history_size: int = 250

    #: Probability that a request answers 500 or 503 (half each) instead of being handled.
    fault_rate: float = 0.0
    #: Probability that a request is handled (its change made) and then answered 500, 502,
    #: 503 or 504 or cut, as a gateway failing after the backend acted would.
    late_fault_rate: float = 0.0
    #: Requests per second allowed per credential (token bucket, burst of the same size);
    #: ``None`` disables rate limiting.
    rate_limit: float | None = None
    #: Extra delay, in real seconds, added before each answer.
    latency: tuple[float, float] = (0.0, 0.0)
    #: Probability that a handled request's connection is cut mid-body.
    drop_rate: float = 0.0
    #: Probability that a successful JSON answer is sent truncated.
    malformed_rate: float = 0.0

    def __attrs_post_init__(self) -> None:
        for name in (
            "op_seconds",
            "assistant_ready_seconds",
            "assistant_delete_seconds",
            "chainloop_pending_seconds",
            "chainloop_running_seconds",
            "latency",
        ):
            _check_range(name, getattr(self, name))
        if self.assistant_terminated_seconds is not None:
            _check_range("assistant_terminated_seconds", self.assistant_terminated_seconds)
        for name in (
            "fault_rate",
            "late_fault_rate",
            "drop_rate",
            "malformed_rate",
            "chainloop_failure_rate",
            "assistant_create_failure_rate",
            "assistant_delete_failure_rate",
        ):
            _check_rate(name, getattr(self, name))
        if self.rate_limit is not None and self.rate_limit <= 0:
            raise ValueError("rate_limit must be positive or None")
        if self.chainloop_page_base not in (0, 1):
            raise ValueError("chainloop_page_base must be 0 or 1")
        if self.chainloop_operations < 0 or self.backup_history_size < 0:
            raise ValueError("seeded counts cannot be negative")
        if self.operation_retention_seconds <= 0:
            raise ValueError("operation_retention_seconds must be positive")
        if self.assistant_quota is not None and self.assistant_quota < 0:
            raise ValueError("assistant_quota cannot be negative")
        if self.failed_file_listing_seconds is not None and self.failed_file_listing_seconds < 0:
            raise ValueError("failed_file_listing_seconds cannot be negative")
