"""The addresses the stand-in hands out, all rooted at its own base so clients follow them back."""

from __future__ import annotations

from dataclasses import dataclass

API_PREFIX = "/api/v3"


@dataclass(frozen=True)
class Urls:
    """URLs of one stand-in reached at ``web`` (``http://127.0.0.1:PORT``)."""

    web: str

    @property
    def api(self) -> str:
        """The REST API root, laid out like GitHub Enterprise Server's."""
        return f"{self.web}{API_PREFIX}"

    def repo(self, full_name: str) -> str:
        """API URL of a repository."""
        return f"{self.api}/repos/{full_name}"

    def user(self, login: str) -> str:
        """API URL of an account."""
        return f"{self.api}/users/{login}"

    def html(self, path: str) -> str:
        """Web page URL; nothing is served there, but clients show these to people."""
        return f"{self.web}/{path.lstrip('/')}"

    def clone(self, full_name: str) -> str:
        """Smart-HTTP clone URL of a repository."""
        return f"{self.web}/{full_name}.git"
