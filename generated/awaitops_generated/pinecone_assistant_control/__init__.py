"""A client library for accessing Pinecone Assistant control plane"""

from ._api_version import API_VERSION

__all__ = ("API_VERSION",)
