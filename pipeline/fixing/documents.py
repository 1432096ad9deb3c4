"""The texts autofix writes for people and for the agent, from the templates beside this."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from pipeline.analysis.models import Analysis, Decision
from pipeline.incidents.model import Incident
from pipeline.investigation.context import IncidentContext
from pipeline.workspace.diff_policy import DiffReport

DECISION_TEXT = {
    Decision.FIX_CODE: "fix the code",
    Decision.ROLLBACK: "roll back the suspect deploy",
    Decision.WAIT_UPSTREAM: "wait out an upstream outage",
    Decision.REPORT_ONLY: "report only",
}
_TITLE_CHARS = 72


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("pipeline.fixing", "prompts"),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


def marker(incident_id: str) -> str:
    """The hidden line tying a PR or issue to its incident."""
    return f"<!-- autofix:incident={incident_id} -->"


def agent_prompt(analysis: Analysis, *, repo: str, service: str, hint: str | None) -> str:
    """What the coding agent is asked to do."""
    return (
        _environment()
        .get_template("agent.jinja2")
        .render(analysis=analysis, repo=repo, service=service, hint=hint)
    )


def pr_title(analysis: Analysis, service: str) -> str:
    """``fix(<service>): <the analysis's title or first plan step>``, at most 72 characters."""
    prefix = "revert" if analysis.decision is Decision.ROLLBACK else "fix"
    sentence = (analysis.title or analysis.plan[0]).rstrip(".")
    title = f"{prefix}({service}): {sentence[:1].lower()}{sentence[1:]}"
    return title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1].rstrip() + "…"


def pr_body(
    incident: Incident,
    analysis: Analysis,
    context: IncidentContext,
    diff: DiffReport,
    explanation: str,
    *,
    service: str,
    dashboard_url: str | None,
) -> str:
    """The pull request's description, with the evidence and the commands."""
    return (
        _environment()
        .get_template("pr_body.jinja2")
        .render(
            marker=marker(incident.id),
            incident=incident,
            analysis=analysis,
            verdict=incident.evidence,
            context=context,
            masked=sum(context.masked.values()),
            diff=diff,
            explanation=explanation,
            service=service,
            dashboard_url=dashboard_url,
            decision_text=DECISION_TEXT[analysis.decision],
        )
    )


def report_body(
    incident: Incident,
    analysis: Analysis,
    context: IncidentContext,
    *,
    title: str,
    service: str,
    dashboard_url: str | None,
    why_not_fixed: str | None,
) -> str:
    """The issue (or issue comment) for outcomes that change no code."""
    return (
        _environment()
        .get_template("report.jinja2")
        .render(
            marker=marker(incident.id),
            title=title,
            incident=incident,
            analysis=analysis,
            verdict=incident.evidence,
            context=context,
            masked=sum(context.masked.values()),
            service=service,
            dashboard_url=dashboard_url,
            decision_text=DECISION_TEXT[analysis.decision],
            why_not_fixed=why_not_fixed,
        )
    )
