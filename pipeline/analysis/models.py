"""What the analyst must answer: root causes with evidence, a plan, and one decision."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Decision(StrEnum):
    """What autofix does next."""

    FIX_CODE = "fix_code"
    ROLLBACK = "rollback"
    WAIT_UPSTREAM = "wait_upstream"
    REPORT_ONLY = "report_only"


class RootCause(BaseModel):
    """One cause, and the facts from the context that show it."""

    model_config = ConfigDict(extra="ignore")

    cause: str = Field(min_length=1)
    evidence: list[str] = Field(min_length=1)


class Analysis(BaseModel):
    """The analyst's structured answer."""

    model_config = ConfigDict(extra="ignore")

    title: str | None = Field(
        None,
        max_length=80,
        description="A short imperative title for the fix, e.g. 'Bound the session cache'.",
    )
    summary: str = Field(min_length=1, description="Two or three sentences for the PR or issue.")
    root_causes: list[RootCause] = Field(min_length=1)
    affected_services: list[str] = Field(default_factory=list)
    plan: list[str] = Field(
        min_length=1, description="Ordered steps; for fix_code, the code change."
    )
    decision: Decision
    confidence: float = Field(ge=0, le=1)
    files_to_change: list[str] = Field(default_factory=list)
    verify_steps: list[str] = Field(
        default_factory=list, description="How a reviewer can check the fix before merging."
    )
    rollback_commit: str | None = Field(
        None, description="For rollback: the commit of the deploy to revert."
    )
    upstream_provider: str | None = Field(
        None, description="For wait_upstream: the provider whose incident causes this."
    )

    @model_validator(mode="after")
    def _decision_needs(self) -> Analysis:
        if self.decision is Decision.ROLLBACK and not self.rollback_commit:
            raise ValueError("decision rollback needs rollback_commit (the commit to revert)")
        if self.decision is Decision.WAIT_UPSTREAM and not self.upstream_provider:
            raise ValueError("decision wait_upstream needs upstream_provider")
        return self


def analysis_schema() -> dict[str, object]:
    """The JSON schema the model is asked to follow."""
    return Analysis.model_json_schema()
