"""Code generated from specs/ by openapi-python-client (scripts/generate.py)."""
