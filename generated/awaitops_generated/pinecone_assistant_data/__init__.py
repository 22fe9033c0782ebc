"""A client library for accessing Pinecone Assistant data plane (files and operations)"""

from ._api_version import API_VERSION, BASE_PATH

__all__ = ("API_VERSION", "BASE_PATH")
