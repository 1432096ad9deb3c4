"""A started stand-in GitHub with one repository, whose every answer is checked on the way out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from standins.github import GitHubStandin
from tests.integration.standins.github.openapi_check import all_problems

REPO = "acme/shop"
BOT = "autofix-bot"
BOT_TOKEN = "bot-token-1"
WRITER = "alice"
WRITER_TOKEN = "alice-token"
FILES = {"README.md": "# shop\n", "app/main.py": "def handler():\n    return 1 / 0\n"}


@contextmanager
def checked_standin(standin: GitHubStandin) -> Iterator[GitHubStandin]:
    """``standin`` reset to hold ``REPO``; fails if an answer broke GitHub's description."""
    standin.reset()
    standin.control.create_repo(REPO, FILES)
    standin.control.add_token(BOT_TOKEN, BOT)
    standin.control.add_token(WRITER_TOKEN, WRITER)
    standin.control.set_role(REPO, BOT, "write")
    standin.control.set_role(REPO, WRITER, "write")
    yield standin
    problems = all_problems(standin.control.exchanges())
    assert not problems, "answers that break GitHub's OpenAPI description:\n" + "\n".join(problems)
