"""The gather-context step: collect, digest, mask and fit into the token budget."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import BaseModel

from pipeline.context.budget import fit
from pipeline.context.secrets.masker import SecretMasker
from pipeline.incidents.model import Incident
from pipeline.investigation.collect import collect
from pipeline.investigation.render import sections
from pipeline.railway.client import RailwayClient
from pipeline.statuspage.client import StatuspageClient
from pipeline.statuspage.evidence import upstream_evidence


class IncidentContext(BaseModel):
    """What the analyst and the agent see, and how it was made to fit."""

    text: str
    tokens: int
    budget: int
    kept: list[str]
    degraded: list[str]
    dropped: list[str]
    masked: dict[str, int]
    upstream_verdict: str
    problems: list[str]


async def build_context(
    railway: RailwayClient,
    statuspage: StatuspageClient | None,
    masker: SecretMasker,
    incident: Incident,
    *,
    workspace: Path | None,
    now: datetime,
    budget: int,
    max_trace_lines: int,
) -> IncidentContext:
    """The incident's context, masked, within ``budget`` tokens."""
    collected = await collect(railway, statuspage, incident, workspace, now)
    fitted = fit(sections(incident, collected, max_trace_lines=max_trace_lines), budget, masker)
    upstream = (
        upstream_evidence(collected.statuses, trouble_started=collected.started)
        if collected.statuses
        else None
    )
    return IncidentContext(
        text=fitted.text,
        tokens=fitted.tokens,
        budget=fitted.budget,
        kept=[s.key for s in fitted.sections],
        degraded=list(fitted.degraded),
        dropped=list(fitted.dropped),
        masked=dict(fitted.masked),
        upstream_verdict=upstream.verdict if upstream else "none",
        problems=collected.problems,
    )
