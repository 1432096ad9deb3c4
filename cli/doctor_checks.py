"""``autofix doctor`` checks of the integrations: Railway, GitHub, the LLM and OpenCode."""

from __future__ import annotations

import asyncio
import subprocess

import httpx

from cli.doctor_finding import Finding
from config.settings import Settings
from pipeline.deps import Deps
from pipeline.errors import AutofixError
from pipeline.opencode.binaries import opencode_binary


async def check_railway(settings: Settings) -> Finding:
    """The token works and the watched project is readable."""
    if not settings.railway_project_id:
        return Finding(
            "railway",
            "problem",
            "no RAILWAY_PROJECT_ID: the sweep is off",
            "set RAILWAY_PROJECT_ID",
        )
    async with httpx.AsyncClient(timeout=20) as http:
        railway = Deps.railway_client(http, settings)
        if railway is None:
            return Finding(
                "railway", "skipped", "no token", "set RAILWAY_API_TOKEN (workspace token)"
            )
        try:
            project = await railway.project_architecture(settings.railway_project_id)
        except AutofixError as exc:
            return Finding(
                "railway", "problem", exc.message[:120], "check the token and RAILWAY_PROJECT_ID"
            )
    services = sum(len(e.services) for e in project.environments)
    where = f"{services} service(s) in {len(project.environments)} environment(s)"
    return Finding("railway", "OK", f"project {project.name}: {where}")


async def check_github(settings: Settings) -> Finding:
    """The token authenticates (GitHub App credentials are only checked per repository)."""
    if settings.github_app_id is not None:
        return Finding(
            "github",
            "OK",
            f"GitHub App {settings.github_app_id} configured (tokens minted per repository)",
        )
    if settings.github_token is None:
        return Finding("github", "skipped", "no credentials", "set GITHUB_TOKEN or GITHUB_APP_ID")
    headers = {
        "Authorization": f"token {settings.github_token.get_secret_value()}",
        "Accept": "application/vnd.github+json",
    }
    try:
        async with httpx.AsyncClient(timeout=15) as http:
            answer = await http.get(f"{settings.github_api_url.rstrip('/')}/user", headers=headers)
    except httpx.HTTPError as exc:
        return Finding(
            "github", "problem", f"{type(exc).__name__}", "check GITHUB_API_URL and the network"
        )
    if answer.status_code != 200:
        return Finding(
            "github", "problem", f"GET /user answered {answer.status_code}", "check GITHUB_TOKEN"
        )
    return Finding("github", "OK", f"authenticated as {answer.json().get('login')}")


async def check_llm(settings: Settings) -> Finding:
    """The endpoint answers and knows the configured model."""
    deps_llm = Deps.llm_client(settings)
    if deps_llm is None:
        return Finding("llm", "skipped", "no API key", "set AUTOFIX_LLM_API_KEY or OPENAI_API_KEY")
    try:
        models = await deps_llm.models()
    except AutofixError as exc:
        return Finding(
            "llm", "problem", exc.message[:120], "check AUTOFIX_LLM_BASE_URL and the key"
        )
    finally:
        await deps_llm.aclose()
    if settings.llm_model not in models:
        return Finding(
            "llm",
            "problem",
            f"{settings.llm_model} not offered ({len(models)} models)",
            "check AUTOFIX_LLM_MODEL",
        )
    return Finding("llm", "OK", f"{settings.llm_base_url} offers {settings.llm_model}")


async def check_opencode(settings: Settings) -> Finding:
    """The pinned binary runs (or the external server answers)."""
    if settings.opencode_url:
        try:
            async with httpx.AsyncClient(timeout=10) as http:
                answer = await http.get(f"{settings.opencode_url.rstrip('/')}/global/health")
        except httpx.HTTPError as exc:
            return Finding("opencode", "problem", type(exc).__name__, "check OPENCODE_URL")
        return Finding(
            "opencode",
            "OK" if answer.status_code == 200 else "problem",
            f"{settings.opencode_url}: {answer.status_code}",
        )
    try:
        binary = opencode_binary(settings.opencode_bin)
        done = await asyncio.to_thread(
            subprocess.run, [str(binary), "--version"], capture_output=True, text=True, timeout=30
        )
    except (AutofixError, OSError, subprocess.TimeoutExpired) as exc:
        return Finding(
            "opencode",
            "problem",
            str(exc)[:120],
            "run `npm ci` in the repository or set OPENCODE_BIN",
        )
    return Finding("opencode", "OK", f"opencode {done.stdout.strip()} ({binary})")
