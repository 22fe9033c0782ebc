"""What the Chainloop API states, declared once: where it lives, how its list pages, which
statuses an operation goes through. Light to import (no generated code), so the CLI reads
these too."""

from typing import Final

from awaitops import Listing

TOKEN_ENV: Final = "CHAINLOOP_TOKEN"
BASE_URL_ENV: Final = "CHAINLOOP_BASE_URL"
DEFAULT_BASE_URL: Final = "https://api.app.chainloop.dev"

STATUS_PREFIX: Final = "ASYNC_OPERATION_STATUS_"
STATUSES: Final = tuple(
    STATUS_PREFIX + name for name in ("UNSPECIFIED", "PENDING", "RUNNING", "COMPLETED", "FAILED")
)
UNSPECIFIED, PENDING, RUNNING, COMPLETED, FAILED = STATUSES

# gRPC-gateway paging: numbered pages, counted from whatever base the server reports.
# protobuf JSON leaves an empty list out, so an answer without `operations` is an empty page.
OPERATIONS: Final = Listing.numbered(
    max_page_size=100,
    page_param="pagination.page",
    size_param="pagination.page_size",
    items_path=("operations",),
    page_path=("pagination", "page"),
    total_pages_path=("pagination", "total_pages"),
    total_count_path=("pagination", "total_count"),
    allow_missing_items=True,
)
