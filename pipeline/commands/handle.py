"""Handling a comment command on an autofix PR: authorise, acknowledge, act, report back."""

from __future__ import annotations

import logging

from pipeline import keys
from pipeline.commands.authority import may_command
from pipeline.commands.control import cancel, rerun
from pipeline.commands.parse import Command, Verb, parse_command
from pipeline.commands.status import publish_status, templates
from pipeline.deps import Deps
from pipeline.errors import AutofixError
from pipeline.github.client import GitHubClient
from pipeline.github.models import CommentKind
from pipeline.incidents.model import Incident
from pipeline.incidents.states import State
from pipeline.incidents.store import SlotTaken
from pipeline.intake.github_event import CommentCommand

logger = logging.getLogger(__name__)

_RERUNNABLE = {
    State.PR_OPEN,
    State.FAILED,
    State.REOPENED,
    State.REPORTED,
    State.CANCELLED,
    State.INVESTIGATING,
    State.FIXING,
}


async def handle_comment(deps: Deps, event: CommentCommand) -> dict[str, str]:
    """Act on ``event`` if it is on an autofix PR and its author may command."""
    incident_id = await deps.redis.get(keys.pull_request(event.repo, event.pr_number))
    if incident_id is None:
        return {"outcome": "ignored", "reason": "not a pull request autofix opened"}
    github = deps.require_github()
    if not await may_command(github, event.repo, event.author, event.author_association):
        body = (
            templates()
            .get_template("unauthorised.jinja2")
            .render(login=event.author, repo=event.repo)
        )
        await github.upsert_comment(
            event.repo, event.pr_number, body, key=f"reply:{event.comment_id}"
        )
        return {"outcome": "unauthorised"}
    kind: CommentKind = "issue_comment" if event.comment_type == "issue" else "review_comment"
    await github.react(event.repo, event.comment_id, "eyes", kind=kind)
    incident = await deps.incidents.get(incident_id.decode())
    try:
        outcome = await _act(deps, github, incident, parse_command(event.command_line), event)
    except (AutofixError, SlotTaken):
        await github.react(event.repo, event.comment_id, "confused", kind=kind)
        raise
    await github.react(event.repo, event.comment_id, "rocket", kind=kind)
    return outcome


async def _act(
    deps: Deps, github: GitHubClient, incident: Incident, command: Command, event: CommentCommand
) -> dict[str, str]:
    who = event.author
    if command.verb in (Verb.HELP, Verb.UNKNOWN):
        body = templates().get_template("help.jinja2").render(unknown=command.word or None)
        await github.upsert_comment(
            event.repo, event.pr_number, body, key=f"reply:{event.comment_id}"
        )
        return {"outcome": command.verb.value}
    if command.verb is Verb.STATUS:
        await publish_status(deps, incident, note=f"Status requested by @{who}.")
        return {"outcome": "status"}
    if command.verb is Verb.CANCEL:
        cancelled = await cancel(deps, incident, who)
        await publish_status(deps, cancelled, note=f"Cancelled by @{who}.")
        return {"outcome": cancelled.state.value}
    if incident.state not in _RERUNNABLE:
        note = f"@{who}: this incident is {incident.state.value}; there is nothing to rerun."
        await publish_status(deps, incident, note=note)
        return {"outcome": "not_rerunnable"}
    fresh = await rerun(deps, incident, command.hint, who)
    hint = f" with the hint: “{command.hint}”" if command.hint else ""
    await publish_status(deps, fresh, note=f"Attempt {fresh.attempt} started by @{who}{hint}.")
    return {"outcome": "rerun", "attempt": str(fresh.attempt)}
