"""A client library for accessing Pinecone backup schedules API"""

from ._api_version import API_VERSION
from .client import AuthenticatedClient, Client

__all__ = (
    "API_VERSION",
    "AuthenticatedClient",
    "Client",
)
