"""The verification comment on the PR: recovered or not, with numbers before and after."""

from __future__ import annotations

from pipeline.verification.verify import Verification

_HEADLINES = {
    "recovered": "✅ **Recovered.** The fix is deployed and the problem no longer shows.",
    "not_recovered": "⚠️ **Not recovered.** The fix is deployed but the problem is still there.",
    "worse": "🚨 **Worse.** Since the fix was deployed, the problem is larger than before.",
    "deploy_failed": "❌ **The fix's deployment failed.**",
    "never_deployed": "⌛ **Not verified.** The merge was not deployed in time to check it.",
}


def verification_comment(result: Verification, service: str) -> str:
    """Markdown for the PR."""
    lines = [_HEADLINES[result.outcome], ""]
    if result.window:
        deployment = (result.deployment_id or "")[:8]
        lines.append(f"Watched `{service}` over {result.window} after deployment `{deployment}`.")
    lines.append(f"Rules: {result.reason}")
    if result.measures:
        lines += ["", "| Signal | Before | After |", "|---|---|---|"]
        lines += [
            f"| {m.name} | {_show(m.before, m.unit)} | {_show(m.after, m.unit)} |"
            for m in result.measures
        ]
    if result.outcome in ("not_recovered", "worse"):
        lines += ["", "The incident is reopened. `/autofix rerun [hint]` starts a new attempt."]
    return "\n".join(lines)


def _show(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value:g} {unit}".strip()
