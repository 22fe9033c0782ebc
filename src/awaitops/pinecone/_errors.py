"""Which Pinecone error answers are more than their status says (a core.ErrorClassifier)."""

from __future__ import annotations

import re

from awaitops.errors import ApiError, NotInPlanError, QuotaExceededError

from ._facts import PLAN_MESSAGE, QUOTA_MESSAGE

_QUOTA = re.compile(QUOTA_MESSAGE, re.IGNORECASE)
_PLAN = re.compile(PLAN_MESSAGE, re.IGNORECASE)


def classify_error(status: int, code: str | None, message: str) -> type[ApiError] | None:
    """A 429 about a used-up quota (the project's assistants), a 403 about the plan."""
    if status == 429 and _QUOTA.search(message):
        return QuotaExceededError
    if status == 403 and _PLAN.search(message):
        return NotInPlanError
    return None
