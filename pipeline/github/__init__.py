"""GitHub for the pipeline: a small typed client over PyGithub, with idempotent writes.

``GitHubClient`` is the interface; ``github_client(settings)`` builds the PyGithub one.
"""

from pipeline.github.client import GitHubClient
from pipeline.github.factory import github_client
from pipeline.github.models import (
    GitCredentials,
    Issue,
    IssueComment,
    Permission,
    PullRequest,
    RepoInfo,
    Report,
)

__all__ = [
    "GitCredentials",
    "GitHubClient",
    "Issue",
    "IssueComment",
    "Permission",
    "PullRequest",
    "RepoInfo",
    "Report",
    "github_client",
]
