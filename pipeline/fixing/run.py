"""One attempt at an incident, from the confirmed problem to a draft PR or a report.

Every stage is a durable step of the run, so a retry (or another worker after a crash)
resumes after the last finished one: no second LLM call, no second agent session, no
second PR. Steps that need the working tree re-create the clone, which is idempotent.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from pipeline import keys, metrics
from pipeline.analysis.analyse import AnalysisOutcome, analyse
from pipeline.analysis.models import Analysis, Decision
from pipeline.deps import Deps
from pipeline.errors import PermanentError
from pipeline.fixing import documents
from pipeline.fixing.agent import run_fix_session
from pipeline.fixing.change import ProposedChange, capture, push_change
from pipeline.fixing.target import TargetRepo, find_target
from pipeline.github.models import PullRequest
from pipeline.incidents.model import Incident, PullRequestRef
from pipeline.incidents.states import State
from pipeline.investigation.context import IncidentContext, build_context
from pipeline.opencode.transcript import AgentRun
from pipeline.steps import Steps
from pipeline.workspace.diff_policy import DiffLimits, DiffReport, check_diff
from pipeline.workspace.workspace import Checkout, branch_for, prepare, revert

logger = logging.getLogger(__name__)


class FixRun:
    """The steps of one attempt; ``execute`` runs (or resumes) them in order."""

    def __init__(self, deps: Deps, incident: Incident, steps: Steps, hint: str | None) -> None:
        self.deps = deps
        self.incident = incident
        self.steps = steps
        self.hint = hint
        self.root = deps.settings.data_dir / "workspaces"

    async def execute(self) -> dict[str, str]:
        """Run the attempt; returns what it ended with."""
        if self.incident.state in (State.CONFIRMED, State.REOPENED, State.FAILED):
            await self._move(State.INVESTIGATING, "analysing the confirmed incident")
        target = await self.steps.run("target", self._target, TargetRepo)
        context = await self.steps.run("context", lambda: self._context(target), IncidentContext)
        outcome = await self.steps.run(
            "analysis", lambda: self._analyse(target, context), AnalysisOutcome
        )
        analysis = outcome.analysis
        decision, why = _effective(analysis, target, self.deps.settings.min_fix_confidence)
        if decision is Decision.FIX_CODE:
            await self._move(State.FIXING, "the analysis asks for a code fix")
            change = await self.steps.run(
                "agent", lambda: self._agent_change(target, analysis), ProposedChange
            )
            return await self._propose(target, context, analysis, change)
        if decision is Decision.ROLLBACK:
            change = await self.steps.run(
                "revert", lambda: self._revert(target, analysis), ProposedChange
            )
            if change.files:
                await self._move(State.FIXING, "the analysis asks for a rollback")
                return await self._propose(target, context, analysis, change)
            why = change.explanation
        return await self._report(target, context, analysis, why)

    async def _target(self) -> TargetRepo:
        return await find_target(self.deps.require_railway(), self.deps.github, self.incident)

    async def _checkout(self, target: TargetRepo) -> Checkout:
        repo, clone_url, base = target.require()
        credentials = await self.deps.require_github().git_credentials(repo)
        return await prepare(
            self.root,
            incident_id=self.incident.id,
            clone_url=clone_url,
            base_branch=base,
            credentials=credentials,
        )

    async def _context(self, target: TargetRepo) -> IncidentContext:
        workspace = Path((await self._checkout(target)).path) if target.clone_url else None
        settings = self.deps.settings
        return await build_context(
            self.deps.require_railway(),
            self.deps.statuspage,
            self.deps.masker,
            self.incident,
            workspace=workspace,
            now=datetime.now(UTC),
            budget=settings.context_token_budget,
            max_trace_lines=settings.context_max_trace_lines,
        )

    async def _analyse(self, target: TargetRepo, context: IncidentContext) -> AnalysisOutcome:
        llm = self.deps.require_llm()
        outcome = await analyse(
            llm,
            self.deps.budget(self.incident.id),
            self.incident,
            context.text,
            repo=target.repo,
            hint=self.hint,
        )
        for call in outcome.calls:
            await self.deps.metrics.inc(
                metrics.LLM_TOKENS, {"purpose": "analysis", "kind": "prompt"}, call.prompt_tokens
            )
            await self.deps.metrics.inc(
                metrics.LLM_TOKENS,
                {"purpose": "analysis", "kind": "completion"},
                call.completion_tokens,
            )
        analysis = outcome.analysis
        await self.deps.incidents.update(
            self.incident.id,
            lambda inc: inc.model_copy(
                update={"summary": analysis.summary, "decision": analysis.decision.value}
            ),
        )
        return outcome

    async def _agent_change(self, target: TargetRepo, analysis: Analysis) -> ProposedChange:
        checkout = await self._checkout(target)
        prompt = documents.agent_prompt(
            analysis, repo=target.repo or "", service=target.service, hint=self.hint
        )
        run = await run_fix_session(
            self.deps.settings,
            self.deps.metrics,
            Path(checkout.path),
            self.deps.masker.mask(prompt).text,
            title=f"autofix {self.incident.id}",
        )
        await self._record_agent(run)
        return await capture(checkout, self.deps.masker.mask(run.final_text).text)

    async def _revert(self, target: TargetRepo, analysis: Analysis) -> ProposedChange:
        if not target.clone_url:
            return ProposedChange(
                start_sha="", patch="", files=[], explanation="no repository to revert in"
            )
        checkout = await self._checkout(target)
        problem = await revert(checkout, analysis.rollback_commit or "")
        if problem is not None:
            return ProposedChange(
                start_sha=checkout.start_sha, patch="", files=[], explanation=problem
            )
        note = (
            f"Reverts {analysis.rollback_commit}, the commit of the deploy that began the incident."
        )
        return await capture(checkout, note)

    async def _propose(
        self,
        target: TargetRepo,
        context: IncidentContext,
        analysis: Analysis,
        change: ProposedChange,
    ) -> dict[str, str]:
        report = await self.steps.run("diff_check", lambda: self._check(change), DiffReport)
        if not report.ok:
            raise PermanentError("the proposed change was refused: " + "; ".join(report.problems))
        await self.steps.run("push", lambda: self._push(target, analysis, change), str)
        pr = await self.steps.run(
            "pull_request",
            lambda: self._open_pr(target, context, analysis, report, change),
            PullRequest,
        )
        ref = PullRequestRef(
            repo=target.repo or "",
            number=pr.number,
            url=pr.html_url,
            branch=pr.head_ref,
            head_sha=pr.head_sha,
        )
        await self._move(State.PR_OPEN, f"draft PR #{pr.number} opened", pull_request=ref)
        return {"outcome": "pr_open", "pr": pr.html_url}

    async def _check(self, change: ProposedChange) -> DiffReport:
        settings = self.deps.settings
        limits = DiffLimits(
            max_files=settings.max_files_changed, max_changed_lines=settings.max_lines_changed
        )
        return check_diff(change.files, change.patch, limits, self.deps.masker)

    async def _push(self, target: TargetRepo, analysis: Analysis, change: ProposedChange) -> str:
        repo, clone_url, base = target.require()
        settings = self.deps.settings
        return await push_change(
            self.root,
            change,
            incident_id=self.incident.id,
            run_id=self.incident.run_id,
            clone_url=clone_url,
            base_branch=base,
            message=documents.pr_title(analysis, target.service),
            author=(settings.git_author_name, settings.git_author_email),
            credentials=await self.deps.require_github().git_credentials(repo),
        )

    async def _open_pr(
        self,
        target: TargetRepo,
        context: IncidentContext,
        analysis: Analysis,
        report: DiffReport,
        change: ProposedChange,
    ) -> PullRequest:
        repo, _, base = target.require()
        body = documents.pr_body(
            self.incident,
            analysis,
            context,
            report,
            change.explanation,
            service=target.service,
            dashboard_url=self._dashboard_url(),
        )
        pr = await self.deps.require_github().ensure_draft_pr(
            repo,
            head_branch=branch_for(self.incident.id),
            base=base,
            title=documents.pr_title(analysis, target.service),
            body=body,
        )
        await self.deps.redis.set(keys.pull_request(repo, pr.number), self.incident.id)
        await self.deps.metrics.inc(metrics.PRS, {"action": "opened"})
        return pr

    async def _report(
        self, target: TargetRepo, context: IncidentContext, analysis: Analysis, why: str | None
    ) -> dict[str, str]:
        url = await self.steps.run(
            "report", lambda: self._file_report(target, context, analysis, why), str
        )
        reason = f"{analysis.decision.value}: reported" + (f" ({why})" if why else "")
        await self._move(State.REPORTED, reason, issue_url=url or None)
        return {"outcome": "reported", "issue": url}

    async def _file_report(
        self, target: TargetRepo, context: IncidentContext, analysis: Analysis, why: str | None
    ) -> str:
        if target.repo is None or self.deps.github is None:
            return ""
        title = f"autofix: {target.service} — {documents.DECISION_TEXT[analysis.decision]}"
        body = documents.report_body(
            self.incident,
            analysis,
            context,
            title=title,
            service=target.service,
            dashboard_url=self._dashboard_url(),
            why_not_fixed=why,
        )
        key = f"{self.incident.target.service_id}:{self.incident.signature}"
        report = await self.deps.github.report(
            target.repo, key=key, title=title, body=body, update=body
        )
        return report.comment.html_url if report.comment else report.issue.html_url

    async def _record_agent(self, run: AgentRun) -> None:
        for kind, tokens in (("prompt", run.tokens_input), ("completion", run.tokens_output)):
            await self.deps.metrics.inc(
                metrics.LLM_TOKENS, {"purpose": "agent", "kind": kind}, tokens
            )

    async def _move(self, state: State, reason: str, **changes: object) -> None:
        current = await self.deps.incidents.get(self.incident.id)
        if current.state != state:
            self.incident = await self.deps.incidents.transition(
                self.incident.id, state, reason=reason, **changes
            )

    def _dashboard_url(self) -> str | None:
        base = self.deps.settings.public_url
        return f"{base.rstrip('/')}/runs/{self.incident.id}" if base else None


def _effective(
    analysis: Analysis, target: TargetRepo, min_confidence: float
) -> tuple[Decision, str | None]:
    if analysis.decision in (Decision.FIX_CODE, Decision.ROLLBACK):
        if target.clone_url is None:
            return Decision.REPORT_ONLY, target.why_none
        if analysis.confidence < min_confidence:
            return Decision.REPORT_ONLY, (
                f"the analysis is only {analysis.confidence:.0%} confident "
                f"(AUTOFIX_MIN_FIX_CONFIDENCE is {min_confidence:.0%})"
            )
    return analysis.decision, None
