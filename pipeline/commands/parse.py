"""``/autofix`` comment commands: the grammar, parsed from the command's line (pure)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel

from pipeline.intake.github_event import COMMAND_PREFIX

_MAX_HINT = 1000


class Verb(StrEnum):
    """What a person can ask autofix to do on its pull request."""

    RERUN = "rerun"
    CANCEL = "cancel"
    STATUS = "status"
    HELP = "help"
    UNKNOWN = "unknown"


class Command(BaseModel):
    """A parsed command; ``hint`` is the free text after ``rerun``."""

    verb: Verb
    hint: str | None = None
    word: str = ""


def parse_command(line: str) -> Command:
    """``/autofix rerun use an LRU`` → rerun with hint; a bare ``/autofix`` is help."""
    rest = line.strip()[len(COMMAND_PREFIX) :].strip()
    word, _, tail = rest.partition(" ")
    verb = next((v for v in Verb if v.value == word.lower() and v is not Verb.UNKNOWN), None)
    if not word:
        return Command(verb=Verb.HELP)
    if verb is None:
        return Command(verb=Verb.UNKNOWN, word=word[:40])
    hint = tail.strip()[:_MAX_HINT] if verb is Verb.RERUN and tail.strip() else None
    return Command(verb=verb, hint=hint, word=word.lower())
