"""Render stand-in records as the JSON GitHub answers with, per its OpenAPI description."""
