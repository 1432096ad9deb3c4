"""Which repository an incident's service is built from, as the fix steps need it."""

from __future__ import annotations

from pydantic import BaseModel

from pipeline.errors import PermanentError
from pipeline.github.client import GitHubClient
from pipeline.incidents.model import Incident
from pipeline.railway.client import RailwayClient


class TargetRepo(BaseModel):
    """The repository to fix, or the reason there is none."""

    repo: str | None = None
    default_branch: str | None = None
    clone_url: str | None = None
    html_url: str | None = None
    service: str
    why_none: str | None = None

    def require(self) -> tuple[str, str, str]:
        """``(repo, clone_url, default_branch)``, or an error saying why there is no repository."""
        if self.repo and self.clone_url and self.default_branch:
            return self.repo, self.clone_url, self.default_branch
        raise PermanentError(f"no repository to work on: {self.why_none or 'unknown'}")


async def find_target(
    railway: RailwayClient, github: GitHubClient | None, incident: Incident
) -> TargetRepo:
    """The GitHub repository Railway builds the service from (``source.repo``)."""
    target = incident.target
    architecture = await railway.project_architecture(target.project_id or "")
    env = architecture.environment(target.environment_id or "")
    instance = env.service(target.service_id) if env else None
    service = (instance.name if instance else None) or target.service_name or target.service_id
    if instance is None:
        return TargetRepo(
            service=service, why_none="the service is not in the project's architecture"
        )
    if not instance.repo:
        source = f"image {instance.image}" if instance.image else "no source"
        return TargetRepo(
            service=service, why_none=f"the service is deployed from {source}, not a repository"
        )
    if github is None:
        return TargetRepo(repo=instance.repo, service=service, why_none="GitHub is not configured")
    info = await github.repo_info(instance.repo)
    return TargetRepo(
        repo=info.full_name,
        default_branch=info.default_branch,
        clone_url=info.clone_url,
        html_url=info.html_url,
        service=service,
    )
