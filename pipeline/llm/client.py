"""The analyst's LLM: any OpenAI-compatible endpoint, through the official ``openai`` SDK.

The SDK's HTTP client is injectable (``http_client=httpx2.AsyncClient(transport=...)``, the
package the installed SDK is built on), which is the seam tests use. Errors are mapped onto
our tree: 429 → ``RateLimited``, 5xx/timeouts/connection → ``RetryableError``, other 4xx
(bad key, unknown model, context too long) → ``PermanentError``. A body that is not JSON
(a gateway's error page) escapes the SDK as ``json.JSONDecodeError``; it is retryable, as
the Railway client treats the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import httpx2
import openai
from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel

from pipeline.errors import ConfigurationError, PermanentError, RateLimited, RetryableError

Message = dict[str, str]


class Usage(BaseModel):
    """Tokens one call used."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total(self) -> int:
        """Both together."""
        return self.prompt_tokens + self.completion_tokens


class Completion(BaseModel):
    """The model's answer text and what it cost."""

    text: str
    usage: Usage
    model: str
    finish_reason: str | None = None


class LLMClient:
    """Chat completions against one model."""

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        model: str,
        http: httpx2.AsyncClient | None = None,
        timeout: float = 120.0,
        max_retries: int = 2,
    ) -> None:
        self.model = model
        self._client = openai.AsyncOpenAI(
            base_url=base_url,
            api_key=api_key,
            http_client=http,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def complete(
        self,
        messages: Sequence[Message],
        *,
        json_schema: dict[str, Any] | None = None,
        schema_name: str = "answer",
    ) -> Completion:
        """One non-streaming completion; with ``json_schema`` the model is asked for JSON."""
        extra: dict[str, Any] = {}
        if json_schema is not None:
            extra["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": schema_name, "schema": json_schema, "strict": False},
            }
        try:
            response = await self._client.chat.completions.create(
                model=self.model,
                messages=_params(messages),
                temperature=0.1,
                **extra,
            )
        except openai.APIStatusError as exc:
            raise _status_error(exc) from exc
        except (openai.APITimeoutError, openai.APIConnectionError) as exc:
            raise RetryableError(f"LLM {self.model}: {type(exc).__name__}: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise RetryableError(
                f"LLM {self.model}: the answer was not JSON ({exc.msg} at {exc.pos}); "
                "a gateway in front of the model may have failed"
            ) from exc
        choice = response.choices[0] if response.choices else None
        usage = response.usage
        return Completion(
            text=(choice.message.content or "") if choice else "",
            usage=Usage(
                prompt_tokens=usage.prompt_tokens if usage else 0,
                completion_tokens=usage.completion_tokens if usage else 0,
            ),
            model=response.model or self.model,
            finish_reason=choice.finish_reason if choice else None,
        )

    async def models(self) -> list[str]:
        """The model ids the endpoint offers (a cheap authenticated call for ``autofix doctor``)."""
        try:
            page = await self._client.models.list()
        except openai.APIStatusError as exc:
            raise _status_error(exc) from exc
        except (openai.APITimeoutError, openai.APIConnectionError) as exc:
            raise RetryableError(f"LLM: {type(exc).__name__}: {exc}") from exc
        return [model.id for model in page.data]

    async def aclose(self) -> None:
        """Close the SDK's HTTP client."""
        await self._client.close()


def _params(messages: Sequence[Message]) -> list[ChatCompletionMessageParam]:
    out: list[ChatCompletionMessageParam] = []
    for message in messages:
        role, content = message["role"], message["content"]
        if role == "system":
            out.append({"role": "system", "content": content})
        elif role == "assistant":
            out.append({"role": "assistant", "content": content})
        else:
            out.append({"role": "user", "content": content})
    return out


def _status_error(exc: openai.APIStatusError) -> Exception:
    message = f"LLM answered {exc.status_code}: {exc.message}"[:1000]
    if exc.status_code == 429:
        after = exc.response.headers.get("retry-after", "")
        return RateLimited(
            message, retry_after=float(after) if after.replace(".", "", 1).isdigit() else 30.0
        )
    if exc.status_code >= 500:
        return RetryableError(message)
    if exc.status_code in (401, 403):
        return ConfigurationError(message + " (check AUTOFIX_LLM_API_KEY / OPENAI_API_KEY)")
    return PermanentError(message)
