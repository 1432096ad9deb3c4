from __future__ import annotations

import pytest

from pipeline.context.secrets.masker import SecretMasker
from pipeline.workspace.diff_policy import DiffLimits, FileChange, check_diff

MASKER = SecretMasker(use_library=False)


def change(path: str, added: int = 3, deleted: int = 1) -> FileChange:
    return FileChange(status="M", path=path, added=added, deleted=deleted)


@pytest.mark.parametrize(
    ("files", "patch", "problem"),
    [
        ([change("app/cache.py")], "+    cache = LRU(1024)\n", None),
        ([], "", "changed nothing"),
        ([change(".github/workflows/deploy.yml")], "+ run: curl evil\n", "CI"),
        ([change("config/.env")], "+DEBUG=1\n", "secrets"),
        ([change("deploy/server.pem")], "+x\n", "secrets"),
        ([change(".env.example")], "+API_KEY=\n", None),
        ([change("app.py")], '+TOKEN = "ghp_' + "a" * 36 + '"\n', "looks like secrets"),
        ([change(f"f{i}.py") for i in range(21)], "+x\n", "21 files"),
        ([change("big.py", added=400, deleted=200)], "+x\n", "600 lines"),
    ],
)
def test_policy(files: list[FileChange], patch: str, problem: str | None) -> None:
    report = check_diff(files, patch, DiffLimits(), MASKER)
    if problem is None:
        assert report.ok, report.problems
    else:
        assert not report.ok
        assert any(problem in p for p in report.problems), report.problems


def test_removed_secrets_are_not_held_against_the_change() -> None:
    patch = '-TOKEN = "ghp_' + "a" * 36 + '"\n+TOKEN = os.environ["TOKEN"]\n'
    assert check_diff([change("app.py")], patch, DiffLimits(), MASKER).ok


@pytest.mark.parametrize(
    ("line", "refused"),
    [
        ('TOKEN = os.environ["TOKEN"]', False),
        ("password = settings.db_password", False),
        ('password = "correct-horse-battery"', True),
        ('"apiKey": "8f2b6c1d9e7a4b3c"', True),
        ("const stripe = new Stripe('sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc')", True),
    ],
)
def test_generic_names_need_a_literal(line: str, refused: bool) -> None:
    report = check_diff([change("app.py")], f"+{line}\n", DiffLimits(), MASKER)
    assert report.ok is not refused, report.problems
