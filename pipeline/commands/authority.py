"""Who may command autofix: people with write, maintain or admin on the repository.

``author_association`` is only a cheap pre-filter: members of a private organisation arrive
as CONTRIBUTOR, so the collaborator-permission API decides. Anything unclear is a no.
"""

from __future__ import annotations

from pipeline.github.client import GitHubClient
from pipeline.github.models import Permission

# Associations that can never carry write access; everything else is asked about.
_NEVER = {"NONE", "FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "MANNEQUIN"}


async def may_command(github: GitHubClient, repo: str, login: str, association: str | None) -> bool:
    """True only if GitHub says ``login`` has at least write on ``repo``."""
    if not login or login.lower().endswith("[bot]"):
        return False
    if association is not None and association.upper() in _NEVER:
        return False
    permission = await github.permission_of(repo, login)
    return permission.at_least(Permission.WRITE)
