"""A stand-in GitHub: REST API, git over smart HTTP, control routes and webhook deliveries.

Start one with ``GitHubStandin()`` (a context manager) and hand ``api_url`` to clients;
``control`` sets up repositories and people, acts as a person and reads what clients did.
"""

from standins.github.control import Control
from standins.github.server import GitHubStandin

__all__ = ["Control", "GitHubStandin"]
