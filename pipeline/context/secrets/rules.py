"""Explicit secret patterns: the kinds autofix must always catch, masked so structure survives.

Each rule names the part of its match that is secret; only that part is replaced, so
``postgres://app:hunter2@db/prod`` becomes ``postgres://app:[MASKED:password]@db/prod`` and
``Authorization: Bearer abc...`` keeps its scheme. Rules run in order; a value already masked
is never masked again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MASK_PREFIX = "[MASKED:"


def masked(kind: str) -> str:
    """The replacement text for a secret of ``kind``."""
    return f"{MASK_PREFIX}{kind}]"


def _always(_value: str, _match: re.Match[str]) -> bool:
    return True


@dataclass(frozen=True)
class Rule:
    """A pattern, the group in it that is secret, and the kind it reports."""

    kind: str
    pattern: re.Pattern[str]
    group: int = 0
    accept: Callable[[str, re.Match[str]], bool] = _always
    kind_of: Callable[[re.Match[str]], str] | None = None


_PLACEHOLDERS = frozenset(
    {"null", "none", "nil", "true", "false", "undefined", "empty", "redacted", "masked"}
    | {"hidden", "example", "string", "required", "optional"}
)
_PLACEHOLDER_SHAPES = re.compile(
    r"^(?:\*+|x+|\.+|<.*>|\$\{.*\}?|\$\w+|%\w|\{\{.*|\{.*\}|-+)$", re.I
)
_PLAIN_WORD = re.compile(r"^[a-z]{1,7}$")


def _real_value(value: str, match: re.Match[str]) -> bool:
    """False for placeholders and, after a colon, for a short plain word ("token: expired")."""
    if len(value) < 3 or value.lower() in _PLACEHOLDERS or _PLACEHOLDER_SHAPES.match(value):
        return False
    separator = match.group(2)
    quoted = bool(match.group(3))
    return not (":" in separator and not quoted and _PLAIN_WORD.match(value))


def _assignment_kind(match: re.Match[str]) -> str:
    name = match.group(1).lower()
    if "pass" in name or "pwd" in name:
        return "password"
    if "token" in name:
        return "token"
    if "key" in name:
        return "api_key"
    if "credential" in name:
        return "credential"
    return "secret"


_NAMES = (
    r"password|passwd|passphrase|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key"
    r"|signing[_-]?key|encryption[_-]?key|master[_-]?key|token|credentials?"
)

RULES: tuple[Rule, ...] = (
    Rule(
        "private_key",
        re.compile(
            r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----"
            r"(?:(?:\\[rn]|\s)*(?:[A-Za-z0-9+/=]{12,}|(?:Proc-Type|DEK-Info|Comment):[^\n\\]*))*"
            r"(?:(?:\\[rn]|\s)*-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----)?"
        ),
    ),
    Rule(
        "slack_webhook",
        re.compile(r"(https://hooks\.slack\.com/(?:services|workflows|triggers)/)([\w/+-]{8,})"),
        2,
    ),
    Rule(
        "github_token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_\w{40,255})\b")
    ),
    Rule("anthropic_key", re.compile(r"\bsk-ant-[\w-]{20,}")),
    Rule("openai_key", re.compile(r"\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[\w-]{20,}")),
    Rule("stripe_key", re.compile(r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}\b")),
    Rule("stripe_webhook_secret", re.compile(r"\bwhsec_[A-Za-z0-9+/=]{16,}")),
    Rule(
        "slack_token", re.compile(r"\b(?:xox[abposre]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})")
    ),
    Rule("npm_token", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
    Rule("aws_access_key_id", re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b")),
    Rule(
        "aws_secret_access_key",
        re.compile(
            r"(?i)((?:aws_?)?secret_?(?:access_?)?key[\"']?\s*[:=]\s*[\"']?)"
            r"([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"
        ),
        2,
    ),
    Rule("jwt", re.compile(r"\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*")),
    Rule(
        "railway_token",
        re.compile(
            r"(?i)((?:railway_(?:api_|project_)?token|project-access-token|railway[_-]token)"
            r"[\"']?\s*[:=]\s*[\"']?)([\w-]{20,})"
        ),
        2,
    ),
    Rule(
        "password",
        re.compile(r"\b([a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/?#@\"']*:)([^\s@/?#\"']+)(@)"),
        2,
    ),
    Rule(
        "authorization",
        re.compile(
            r"(?i)\b((?:proxy-)?authorization[\"']?\s*[:=]\s*[\"']?"
            r"(?:(?:bearer|basic|token|bot|digest|apikey|api-key)\s+)?)([^\s\"',;\[]{8,})"
        ),
        2,
    ),
    Rule("authorization", re.compile(r"(?i)\b(bearer\s+)([\w.~+/=-]{16,})"), 2),
    Rule(
        "api_key",
        re.compile(
            r"(?i)\b((?:x-api-key|api-key|x-auth-token|x-access-token)[\"']?\s*[:=]\s*[\"']?)([^\s\"',;\[]{8,})"
        ),
        2,
    ),
    Rule(
        "cookie", re.compile(r"(?i)\b((?:set-)?cookie[\"']?\s*[:=]\s*[\"']?)([^\s\"';\[]{8,})"), 2
    ),
    Rule(
        "secret",
        re.compile(
            rf"(?i)(?<![\w.-])([\w.-]*?(?:{_NAMES}))([\"']?\s*(?::|=>?)\s*)([\"']?)"
            r"([^\s\"',;&{}\[\]()<>]+)"
        ),
        4,
        _real_value,
        _assignment_kind,
    ),
)
