"""A client library for accessing Pinecone Assistant control plane"""

from ._api_version import API_VERSION, BASE_PATH

__all__ = ("API_VERSION", "BASE_PATH")
