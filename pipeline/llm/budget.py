"""A per-incident token budget, kept in Redis so every attempt and every worker shares it."""

from __future__ import annotations

from redis.asyncio import Redis

from pipeline import keys
from pipeline.errors import PermanentError
from pipeline.llm.client import Usage


class BudgetExhausted(PermanentError):
    """The incident has used its tokens; no more LLM calls for it."""


class TokenBudget:
    """How many tokens an incident may still spend."""

    def __init__(self, redis: Redis, incident_id: str, limit: int) -> None:
        self.redis = redis
        self.key = f"{keys.PREFIX}tokens:{incident_id}"
        self.limit = limit

    async def used(self) -> int:
        """Tokens spent so far on this incident."""
        raw = await self.redis.get(self.key)
        return int(raw or 0)

    async def check(self) -> None:
        """Raise before a call if the budget is already spent."""
        used = await self.used()
        if used >= self.limit:
            raise BudgetExhausted(
                f"this incident used {used} LLM tokens, its budget is {self.limit} "
                "(AUTOFIX_INCIDENT_TOKEN_BUDGET)"
            )

    async def spend(self, usage: Usage) -> int:
        """Record a call's usage; return the new total."""
        total = int(await self.redis.incrby(self.key, usage.total))
        await self.redis.expire(self.key, 30 * 86_400)
        return total
