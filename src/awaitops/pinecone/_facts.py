"""What the Pinecone specs and docs state, declared once: where the APIs live, their headers,
limits and statuses, how each list pages. Light to import (no generated code), so the CLI
reads these too."""

from typing import Any, Final

from awaitops.core import Listing

API_KEY_ENV: Final = "PINECONE_API_KEY"
CONTROL_URL_ENV: Final = "PINECONE_CONTROL_URL"
DEFAULT_CONTROL_URL: Final = "https://api.pinecone.io"
API_KEY_HEADER: Final = "Api-Key"
VERSION_HEADER: Final = "X-Pinecone-Api-Version"
# Spelled this way in the backup docs; header names are case-insensitive either way.
BACKUPS_VERSION_HEADER: Final = "X-Pinecone-API-Version"
REQUEST_ID_HEADER: Final = "x-pinecone-request-id"

REGIONS: Final = ("us", "eu")
MAX_FIELD_BYTES: Final = 16 * 1024  # instructions and metadata, each
MAX_PAGE_SIZE: Final = 100

READY: Final = "Ready"
TERMINATING: Final = "Terminating"
# A deleted assistant may stay describable as Terminated instead of answering 404.
TERMINATED: Final = "Terminated"
ASSISTANT_DELETING_STATUSES: Final = frozenset({TERMINATING, TERMINATED})
# The service rescues only creates: an assistant in one of these never finishes a delete.
ASSISTANT_FAILED_STATUSES: Final = frozenset({"Failed", "InitializationFailed"})

# Error answers that retrying cannot fix, told apart by their message (the service gives
# them no code of their own). The assistant quota is a 429 (the official SDK: "retrying
# does not help"), unlike throttling; a plan without backups answers 403, even for a
# schedule that does not exist, with "plan" in the message. Patterns, case-insensitive.
QUOTA_MESSAGE: Final = r"\bquota\b|\bplan\b|maximum number of assistants|assistant limit"
PLAN_MESSAGE: Final = r"\bplan\b"

OPERATION_STATUSES: Final = ("Processing", "Completed", "Failed")
OPERATION_TYPES: Final = ("upload_file", "upsert_file", "update_file_metadata", "delete_file")
OPERATION_TERMINAL_STATUSES: Final = frozenset({"Completed", "Failed"})
OPERATION_FAILED: Final = "Failed"
OPERATION_PROGRESS: Final = "percent_complete"  # 0 to 100


def _token_listing(items: str, **facts: Any) -> Listing:
    # The data and control specs make the items list optional: an answer without it is an
    # empty page.
    return Listing.token(
        max_page_size=MAX_PAGE_SIZE,
        size_param="limit",
        items_path=(items,),
        next_path=("pagination", "next"),
        **{"token_param": "pagination_token", "allow_missing_items": True, **facts},
    )


ASSISTANTS: Final = _token_listing("assistants")
FILES: Final = _token_listing("files")
OPERATIONS: Final = _token_listing("operations")
# Backup history spells its token parameter in camelCase and answers `pagination: null` at
# the end. Its tokens carry the page size they were minted with, and a `limit` sent next to
# one makes the service skip or repeat entries: the size goes on the first request only.
BACKUP_HISTORY: Final = _token_listing(
    "data",
    token_param="paginationToken",
    allow_missing_items=False,
    size_on_first_request_only=True,
)
