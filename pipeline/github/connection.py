"""How autofix talks to GitHub through PyGithub: where, how patiently, and never retrying itself.

PyGithub retries POST on 5xx by default, so a 502 on "create pull request" can open two pull
requests; it also sleeps through rate limits inside the calling thread. Retries are off here:
the pipeline retries whole idempotent steps, and rate limits surface as ``RateLimited``.
"""

from __future__ import annotations

from dataclasses import dataclass

from github import Auth, Github, GithubIntegration


@dataclass(frozen=True)
class Connection:
    """GitHub's API root and the pacing PyGithub keeps between requests."""

    api_url: str = "https://api.github.com"
    timeout_seconds: int = 15
    seconds_between_requests: float | None = 0.25
    seconds_between_writes: float | None = 1.0

    def github(self, token: str) -> Github:
        """A PyGithub client acting with ``token``; objects are fetched only when read."""
        return Github(
            auth=Auth.Token(token),
            base_url=self.api_url,
            timeout=self.timeout_seconds,
            retry=None,
            seconds_between_requests=self.seconds_between_requests,
            seconds_between_writes=self.seconds_between_writes,
            lazy=True,
        )

    def integration(self, app_id: int, private_key: str) -> GithubIntegration:
        """A PyGithub client acting as the GitHub App itself (JWT)."""
        return GithubIntegration(
            auth=Auth.AppAuth(app_id, private_key),
            base_url=self.api_url,
            timeout=self.timeout_seconds,
            retry=None,
            seconds_between_requests=self.seconds_between_requests,
            seconds_between_writes=self.seconds_between_writes,
        )
