from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.context import templating
from pipeline.context.templating import Templates, template_of


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2026-03-14T09:12:01.123456789Z started", "<ts> started"),
        ("2026-03-14 09:12:01,123 started", "<ts> started"),
        ("[14/Mar/2026:09:12:01 +0000] started", "[<ts>] started"),
        ("Mar 14 09:12:01 host started", "<ts> host started"),
        ("req 3f2a1b4c-9d8e-4f7a-b6c5-d4e3f2a1b0c9 done", "req <uuid> done"),
        ("connect 10.0.0.7:5432 refused", "connect <ip> refused"),
        ("listening on fd12:3456::1", "listening on <ip>"),
        ("mail to alice@example.com", "mail to <email>"),
        ("sha 4b825dc642cb6eb9a060e54bf8d69288fbee4904", "sha <hex>"),
        ("ptr 0x7ffd5e8c", "ptr <hex>"),
        ("took 1523ms", "took <dur>"),
        ("took 1.5s", "took <dur>"),
        ("wrote 12.5 MB", "wrote <size>"),
        ("user_id=77 order 8842", "user_id=<id> order <n>"),
        ('{"requestId":"abc123def"}', '{"requestId":"<id>"}'),
        ("build id 8aQ2bC3dE4fG5hI6jK7lM", "build id <id>"),
        (
            '  File "/app/api/orders.py", line 142, in create',
            'File "/app/api/orders.py", line <n>, in create',
        ),
        ("    at handler (/app/dist/x.js:12:34)", "at handler (/app/dist/x.js:<n>)"),
        (
            "GET https://api.example.com/users/42/orders?page=2 ok",
            "GET https://api.example.com/users/{id}/orders?page=… ok",
        ),
        ("db postgres://u:p@10.0.0.3:5432/app", "db postgres://<ip>/app"),
        ("upstream status 502", "upstream status 502"),
        ('"GET / HTTP/1.1" 500 1234', '"GET / HTTP/1.1" 500 <n>'),
        ("Process exited with code 137", "Process exited with code 137"),
        ("attempt 3 of 5", "attempt <n> of <n>"),
        ("python3.11 and v1.2.3 stay", "python3.11 and v1.2.3 stay"),
        ("too    many   spaces", "too many spaces"),
        ("stripe timeout (idempotency_key=ik_32792)", "stripe timeout (idempotency_key=<id>)"),
        ("charge pi_3Lx9a2QZ declined", "charge <id> declined"),
        ("utf_8 decode error in user_name", "utf_8 decode error in user_name"),
    ],
)
def test_template_masks_variable_parts(line: str, expected: str) -> None:
    assert template_of(line) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("conn to 10.0.0.7:5432 refused after 3012ms", "conn to 10.0.0.9:5432 refused after 12ms"),
        (
            "order 1 failed id=3f2a1b4c-9d8e-4f7a-b6c5-d4e3f2a1b0c9",
            "order 22 failed id=7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
        ),
    ],
)
def test_lines_differing_only_in_variables_share_a_template(first: str, second: str) -> None:
    assert template_of(first) == template_of(second)


def test_different_messages_keep_different_templates() -> None:
    assert template_of("payment failed") != template_of("payment succeeded")


def _unguarded(line: str) -> str:
    out = line
    for pattern, replacement, _possible in templating._RULES:
        out = pattern.sub(replacement, out)
    return templating._SPACES.sub(" ", out.strip())


CORPUS = Path(__file__).parent / "corpus" / "normal_logs.txt"


def test_the_guards_never_change_a_template_of_the_corpus() -> None:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 50
    for line in lines:
        assert template_of(line) == _unguarded(line), line


_PIECES = [*"aAbBfFxXkK019_-:./@= <>'\"ide", "id", "Id", "://", "0x", "ms", "KB", "bytes", "status"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_the_guards_never_change_a_template(line: str) -> None:
    # Each guard is a character its pattern cannot match without; skipping it changes nothing.
    assert template_of(line) == _unguarded(line)


_DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=1)


_SHAPE_PIECES = [*_PIECES, "#", "#", "#", "#", "status ", "exit code ", "id=", " "]


@settings(max_examples=400)
@given(
    st.lists(st.sampled_from(_SHAPE_PIECES), max_size=30).map("".join),
    st.lists(st.lists(_DIGITS, min_size=30, max_size=30), min_size=2, max_size=4),
)
def test_remembered_templates_are_the_templates(shape: str, fillings: list[list[str]]) -> None:
    # Lines sharing a shape once digits are read as 0: the memo must never answer for a line
    # what template_of would not.
    templates = Templates()
    for digits in fillings:
        it = iter(digits * (shape.count("#") // len(digits) + 1))
        line = "".join(next(it) if c == "#" else c for c in shape)
        assert templates(line) == template_of(line), line


def test_templates_of_lines_differing_only_in_digits() -> None:
    templates = Templates()
    first = templates("took 141ms for 12 rows")
    assert first == "took <dur> for <n> rows"
    assert templates("took 905ms for 77 rows") == first
    # Kept digits (a status code) make a template that is not remembered.
    assert templates("status 200 after 3 tries") == "status 200 after <n> tries"
    assert templates("status 500 after 3 tries") == "status 500 after <n> tries"
