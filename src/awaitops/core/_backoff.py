"""Backoff as a tiny generator of delays (the shape google-api-core uses)."""

from __future__ import annotations

import random
from collections.abc import Iterator


def exponential_ceilings(initial: float, maximum: float, multiplier: float) -> Iterator[float]:
    """Yield ``initial``, ``initial * multiplier``, ... capped at ``maximum``, forever."""
    ceiling = min(initial, maximum)
    while True:
        yield ceiling
        ceiling = min(ceiling * multiplier, maximum)


def full_jitter_delays(
    initial: float,
    maximum: float,
    multiplier: float,
    *,
    rng: random.Random | None = None,
) -> Iterator[float]:
    """Yield exponentially growing delays with full jitter: uniform in ``[0, ceiling]``.

    Full jitter spreads clients that failed together (AWS architecture blog, "Exponential
    Backoff And Jitter"), which matters most against a rate limit.
    """
    uniform = (rng or random).uniform
    for ceiling in exponential_ceilings(initial, maximum, multiplier):
        yield uniform(0.0, ceiling)
