from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import JsonValue

from pipeline.context.secrets import SecretMasker

CORPUS = Path(__file__).parent / "corpus" / "normal_logs.txt"
MASKER = SecretMasker([("railway_api_token", "0f3c9a7e-1b2d-4c5e-8f90-a1b2c3d4e5f6")])

# Built by concatenation so that no scanner mistakes this file for a leak.
B62 = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0"
GH = "ghp_" + B62[:36]
PAT = "github_pat_11ABCDEFG0" + B62[:22] + "_" + B62 + B62[:19]
OPENAI = "sk-proj-" + B62 + B62
ANTHROPIC = "sk-ant-api03-" + B62 + B62 + "-xYz_AA"
JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ."
    "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
)
PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi\nZ1BjP5CE8Wm7cXo2y8k\n"
    "-----END RSA PRIVATE KEY-----"
)

CASES = [
    ("github_token", f"cloning with {GH} now", GH, "cloning with [MASKED:github_token] now"),
    ("github_token", f"GITHUB_TOKEN={PAT}", PAT, "GITHUB_TOKEN=[MASKED:github_token]"),
    ("github_token", "token gho_" + B62[:36], "gho_" + B62[:36], None),
    ("github_token", "ghs_" + B62[:36] + " app token", "ghs_" + B62[:36], None),
    ("openai_key", f"OPENAI_API_KEY={OPENAI}", OPENAI, "OPENAI_API_KEY=[MASKED:openai_key]"),
    ("openai_key", "key sk-" + B62 + "T3BlbkFJ" + B62[:20], "sk-" + B62, None),
    ("anthropic_key", f"x-api-key: {ANTHROPIC}", ANTHROPIC, None),
    (
        "railway_token",
        "RAILWAY_TOKEN=9a8b7c6d-1111-2222-3333-444455556666",
        "9a8b7c6d-1111-2222-3333-444455556666",
        "RAILWAY_TOKEN=[MASKED:railway_token]",
    ),
    (
        "railway_token",
        "Project-Access-Token: 9a8b7c6d-1111-2222-3333-444455556666",
        "9a8b7c6d-1111-2222-3333-444455556666",
        "Project-Access-Token: [MASKED:railway_token]",
    ),
    (
        "aws_access_key_id",
        "aws_access_key_id = AKIA" + "IOSFODNN7EXAMPLE",
        "AKIA" + "IOSFODNN7EXAMPLE",
        None,
    ),
    (
        "aws_secret_access_key",
        "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "aws_secret_access_key=[MASKED:aws_secret_access_key]",
    ),
    ("stripe_key", "Stripe.api_key = 'sk_live_" + B62[:24] + "'", "sk_live_" + B62[:24], None),
    ("stripe_key", "sk_test_" + B62[:24], "sk_test_" + B62[:24], "[MASKED:stripe_key]"),
    ("stripe_key", "restricted rk_live_" + B62[:24], "rk_live_" + B62[:24], None),
    (
        "stripe_webhook_secret",
        "STRIPE_WEBHOOK_SECRET=whsec_" + B62[:32],
        "whsec_" + B62[:32],
        "STRIPE_WEBHOOK_SECRET=[MASKED:stripe_webhook_secret]",
    ),
    (
        "slack_token",
        "slack xoxb-1234567890-1234567890123-" + B62[:24],
        "xoxb-1234567890-1234567890123-" + B62[:24],
        None,
    ),
    (
        "slack_token",
        "xoxp-1234567890-1234567890-1234567890123-" + B62[:32],
        "xoxp-1234567890",
        None,
    ),
    (
        "slack_webhook",
        "posting to https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/" + B62[:24],
        B62[:24],
        "posting to https://hooks.slack.com/services/[MASKED:slack_webhook]",
    ),
    ("jwt", f"cookie-free jwt {JWT}", JWT, "cookie-free jwt [MASKED:jwt]"),
    (
        "private_key",
        f"key:\n{PEM}\nnext line",
        "MIIEpAIBAAKCAQEA",
        "key:\n[MASKED:private_key]\nnext line",
    ),
    (
        "password",
        "postgres://app:s3cr3t-P4ss@db.railway.internal:5432/railway",
        "s3cr3t-P4ss",
        "postgres://app:[MASKED:password]@db.railway.internal:5432/railway",
    ),
    (
        "password",
        "redis://:hunter2hunter2@redis.railway.internal:6379",
        "hunter2hunter2",
        "redis://:[MASKED:password]@redis.railway.internal:6379",
    ),
    (
        "password",
        "amqp://guest:guestpw@rabbit:5672/",
        "guestpw",
        "amqp://guest:[MASKED:password]@rabbit:5672/",
    ),
    (
        "password",
        "mongodb+srv://admin:Zx9pQ77@cluster0.abcde.mongodb.net/db",
        "Zx9pQ77",
        "mongodb+srv://admin:[MASKED:password]@cluster0.abcde.mongodb.net/db",
    ),
    ("password", "mysql://root:toor1234@mysql:3306/app", "toor1234", None),
    (
        "authorization",
        "Authorization: Basic dXNlcjpwYXNzd29yZA==",
        "dXNlcjpwYXNzd29yZA==",
        "Authorization: Basic [MASKED:authorization]",
    ),
    (
        "authorization",
        "curl -H 'Authorization: token abcdef0123456789abcd'",
        "abcdef0123456789abcd",
        "curl -H 'Authorization: token [MASKED:authorization]'",
    ),
    (
        "authorization",
        "headers={'authorization': 'Bearer abc.def.ghi-0123456789'}",
        "abc.def.ghi-0123456789",
        None,
    ),
    (
        "password",
        'config {"password": "hunter2"}',
        "hunter2",
        'config {"password": "[MASKED:password]"}',
    ),
    (
        "password",
        "PGPASSWORD=Sup3rS3cret! psql -h db",
        "Sup3rS3cret!",
        "PGPASSWORD=[MASKED:password] psql -h db",
    ),
    ("api_key", "api_key: abcd1234efgh5678", "abcd1234efgh5678", "api_key: [MASKED:api_key]"),
    (
        "secret",
        "client_secret=8f7e6d5c4b3a2910",
        "8f7e6d5c4b3a2910",
        "client_secret=[MASKED:secret]",
    ),
    ("token", "SESSION_TOKEN='q8Zr2Lm9Kx'", "q8Zr2Lm9Kx", "SESSION_TOKEN='[MASKED:token]'"),
    (
        "railway_api_token",
        "echo 0f3c9a7e-1b2d-4c5e-8f90-a1b2c3d4e5f6 leaked",
        "0f3c9a7e-1b2d-4c5e-8f90-a1b2c3d4e5f6",
        "echo [MASKED:railway_api_token] leaked",
    ),
    (
        "twilio_key",
        "twilio SK" + "0123456789abcdef0123456789abcdef",
        "SK0123456789abcdef0123456789abcdef",
        None,
    ),
    ("sendgrid_key", "SG." + B62[:22] + "." + B62 + "abc", "SG." + B62[:22], None),
    ("npm_token", "//registry.npmjs.org/:_authToken=npm_" + B62[:36], "npm_" + B62[:36], None),
]


@pytest.mark.parametrize(
    ("kind", "text", "secret", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_each_kind_is_masked_with_structure_kept(
    kind: str, text: str, secret: str, expected: str | None
) -> None:
    result = MASKER.mask(text)
    assert secret not in result.text
    assert f"[MASKED:{kind}]" in result.text
    assert result.counts.get(kind, 0) >= 1
    if expected is not None:
        assert result.text == expected


def test_counts_are_per_kind_and_never_hold_values() -> None:
    text = f"{GH} and {GH} and postgres://u:pw123456@h/db"
    result = MASKER.mask(text)
    assert result.counts == {"github_token": 2, "password": 1}
    assert result.total == 3
    assert GH not in repr(result.counts)
    assert "pw123456" not in repr(result.counts)


def test_masking_twice_changes_nothing_more() -> None:
    once = MASKER.mask(f"token={GH} postgres://u:pw123456@h/db")
    twice = MASKER.mask(once.text)
    assert twice.text == once.text
    assert twice.counts == {}


@pytest.mark.parametrize(
    "line",
    [
        "Deploying commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904 to production",
        "request_id=3f2a1b4c-9d8e-4f7a-b6c5-d4e3f2a1b0c9 GET /api/orders 200 12ms",
        "image data: iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAC",
        "Invalid token: expired",
        "password reset requested for account 8812",
        "max_tokens=1024 temperature=0.2",
        "Using DATABASE_URL from environment (postgres://postgres@postgres.railway.internal:5432/railway)",
        "Sentry initialised with dsn https://8f1a2b3c4d5e6f708192a3b4c5d6e7f8@o450123.ingest.sentry.io/5501234",
        "task-runner-0123456789abcdefghij started",
        "secret: ${STRIPE_SECRET}",
        "password=<redacted>",
    ],
)
def test_ordinary_lines_survive(line: str) -> None:
    assert MASKER.mask(line).text == line


def test_false_positive_rate_on_ordinary_logs_is_low() -> None:
    lines = CORPUS.read_text().splitlines()
    changed = [line for line in lines if MASKER.mask(line).text != line]
    assert len(lines) >= 140
    assert len(changed) / len(lines) <= 0.02, changed


def test_nested_data_is_masked_by_key_and_by_content() -> None:
    data: JsonValue = {
        "headers": {"Authorization": "Bearer abc", "Accept": "json"},
        "password": 1234,
        "env": ["DATABASE_URL=postgres://u:pw123456@h/db", "PORT=8080"],
        "count": 3,
        "usage": {"max_tokens": 1024, "input_tokens": 10},
    }
    result = MASKER.mask_data(data)
    assert result.value == {
        "headers": {"Authorization": "[MASKED:authorization]", "Accept": "json"},
        "password": "[MASKED:password]",
        "env": ["DATABASE_URL=postgres://u:[MASKED:password]@h/db", "PORT=8080"],
        "count": 3,
        "usage": {"max_tokens": 1024, "input_tokens": 10},
    }
    assert result.counts == {"authorization": 1, "password": 2}


def test_short_registered_values_are_ignored() -> None:
    masker = SecretMasker([("tiny", "abc")], use_library=False)
    assert masker.mask("abc abc").text == "abc abc"


def test_registered_values_are_masked_url_encoded_too() -> None:
    masker = SecretMasker([("webhook_token", "p@ss/w0rd!x")], use_library=False)
    result = masker.mask("url ?t=p%40ss%2Fw0rd%21x and raw p@ss/w0rd!x")
    assert result.text == "url ?t=[MASKED:webhook_token] and raw [MASKED:webhook_token]"
