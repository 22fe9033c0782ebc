"""Completion estimates from progress readings, and the poll interval they suggest.

Pure functions of time and percent, so they are tested without a clock.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from typing import TypeVar

from ._policies import PollPolicy

S = TypeVar("S")

# Aim this long after the predicted end: a poll that lands just before it costs one more
# request, one that lands just after it costs only this much delay.
ETA_MARGIN = 0.05
# A predicted end at most this factor of ``max_interval`` away is polled at that end, not one
# step before it and again just after: it stretches one interval by at most 8 %, so a failure
# part-way still shows within 5.4 s at the default, one such poll cheaper.
ETA_REACH = 1.09


class ProgressEstimator:
    """Predict when an operation's progress reaches 100 from (time, percent) readings.

    A least-squares line through the last ``window`` readings. Readings at 0 are dropped once
    two positive ones exist, since an operation often sits at 0 before it starts moving. A
    reading lower than the previous one means the work restarted: older readings are dropped.
    """

    def __init__(self, window: int = 8) -> None:
        self._readings: deque[tuple[float, float]] = deque(maxlen=window)

    @property
    def measuring(self) -> bool:
        """Readings exist but do not give a rising trend yet."""
        return bool(self._readings) and self.predicted_completion() is None

    def add(self, time: float, percent: float) -> None:
        if self._readings and percent < self._readings[-1][1]:
            self._readings.clear()
        if self._readings and time <= self._readings[-1][0]:
            return
        self._readings.append((time, float(percent)))

    def predicted_completion(self) -> float | None:
        """The time progress is expected to reach 100, or None without a rising trend."""
        points = list(self._readings)
        moving = [point for point in points if point[1] > 0]
        if len(moving) >= 2:
            points = moving
        if len(points) < 2:
            return None
        count = len(points)
        mean_t = sum(t for t, _ in points) / count
        mean_p = sum(p for _, p in points) / count
        spread = sum((t - mean_t) ** 2 for t, _ in points)
        slope = sum((t - mean_t) * (p - mean_p) for t, p in points) / spread
        if slope <= 0:
            return None
        return mean_t + (100.0 - mean_p) / slope


def eta_interval(since: float, predicted: float | None, policy: PollPolicy) -> float | None:
    """The interval from ``since`` to a poll just after ``predicted``, within the policy's bounds.

    None when there is no prediction or it has passed: the caller falls back to backoff, so
    an operation that stalls past its estimate is not polled at the fastest rate forever.
    """
    if predicted is None or predicted + ETA_MARGIN <= since:
        return None
    wanted = predicted + ETA_MARGIN - since
    if wanted <= policy.max_interval * ETA_REACH:
        # Just past the next step: one poll at the end instead of one a moment before it.
        return max(wanted, policy.initial_interval)
    return policy.max_interval


def progress_reading(progress: Callable[[S], float | None], snapshot: S) -> float | None:
    """The snapshot's progress as a finite number, else None: an odd value from the server
    (text, NaN, a list) only costs the estimate, never the wait."""
    value: object = progress(snapshot)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)
