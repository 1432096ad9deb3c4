"""Railway's GraphQL API as autofix reads it: ``RailwayClient`` and the models it returns."""

from __future__ import annotations

from pipeline.railway.auth import RailwayCredentials, TokenKind
from pipeline.railway.client import RailwayClient
from pipeline.railway.errors import RailwayAuthError, RailwayQueryError
from pipeline.railway.retry import RetryPolicy

__all__ = [
    "RailwayAuthError",
    "RailwayClient",
    "RailwayCredentials",
    "RailwayQueryError",
    "RetryPolicy",
    "TokenKind",
]
