"""What tests and the demo do to the stand-in from outside GitHub's API.

Set up repositories, people and the App; act as a person (comment, merge, close); read what a
client did; arm faults. The same methods serve Python callers and the ``/_control`` routes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from standins.github.api_errors import ApiError
from standins.github.conversations import add_comment, add_review_comment
from standins.github.pull_requests import merge_pull, refresh_head, update_pull
from standins.github.records import (
    CommentRecord,
    ExchangeRecord,
    FaultRecord,
    InstallationRecord,
    IssueRecord,
    PullRecord,
    ReactionRecord,
    RepoRecord,
    ReviewCommentRecord,
    Role,
    TokenRecord,
    UserRecord,
    UserType,
)
from standins.github.world import World


class Control:
    """Thread-safe handle on a stand-in's world."""

    def __init__(self, world: World) -> None:
        self._world = world

    def create_repo(
        self,
        full_name: str,
        files: Mapping[str, str | bytes] | Path,
        *,
        default_branch: str = "main",
        private: bool = False,
    ) -> RepoRecord:
        """A repository whose first commit on ``default_branch`` holds ``files`` (or a folder's)."""
        contents = _read_tree(files) if isinstance(files, Path) else files
        with self._world.lock:
            return self._world.create_repo(
                full_name, contents, default_branch=default_branch, private=private
            ).model_copy()

    def add_user(self, login: str, user_type: UserType = "User") -> UserRecord:
        """An account, created unless it exists."""
        with self._world.lock:
            return self._world.accounts.add_user(login, user_type).model_copy()

    def add_token(self, token: str, login: str) -> TokenRecord:
        """Accept ``token`` as ``login`` on the API and over git."""
        with self._world.lock:
            return self._world.accounts.add_token(token, login).model_copy()

    def set_role(self, full_name: str, login: str, role: Role | None) -> None:
        """Make ``login`` a collaborator of ``full_name`` with ``role``; None removes them."""
        with self._world.lock:
            self._world.set_role(full_name, login, role)

    def configure_app(self, app_id: int, public_key_pem: str, slug: str = "autofix") -> None:
        """Accept JWTs of App ``app_id`` signed with the private half of ``public_key_pem``."""
        with self._world.lock:
            self._world.accounts.configure_app(app_id, public_key_pem, slug)

    def install_app(self, account: str, repos: list[str]) -> InstallationRecord:
        """Install the App on ``account`` for ``repos``."""
        with self._world.lock:
            return self._world.accounts.install(account, repos).model_copy()

    def pulls(self, full_name: str) -> list[PullRecord]:
        """Every pull request of the repository, oldest first."""
        with self._world.lock:
            found = [p for p in self._world.pulls.values() if p.repo.lower() == full_name.lower()]
            for pull in found:
                refresh_head(self._world, pull)
            return [p.model_copy() for p in sorted(found, key=lambda p: p.number)]

    def issues(self, full_name: str) -> list[IssueRecord]:
        """Every issue (not pull request) of the repository, oldest first."""
        with self._world.lock:
            found = [i for i in self._world.issues.values() if i.repo.lower() == full_name.lower()]
            return [i.model_copy() for i in sorted(found, key=lambda i: i.number)]

    def comments(self, full_name: str, number: int | None = None) -> list[CommentRecord]:
        """Conversation comments of the repository, or of one issue or pull request."""
        with self._world.lock:
            found = [
                c
                for c in self._world.comments.values()
                if c.repo.lower() == full_name.lower() and number in (None, c.issue_number)
            ]
            return [c.model_copy() for c in sorted(found, key=lambda c: c.id)]

    def reactions(self, full_name: str) -> list[ReactionRecord]:
        """Every reaction to a comment of the repository."""
        with self._world.lock:
            found = [r for r in self._world.reactions if r.repo.lower() == full_name.lower()]
            return [r.model_copy() for r in found]

    def post_comment(self, full_name: str, number: int, login: str, body: str) -> CommentRecord:
        """``login`` comments on issue or pull request ``number``."""
        with self._world.lock:
            repo = self._world.repo(*full_name.split("/", 1))
            self._world.accounts.add_user(login)
            return add_comment(self._world, repo, number, login, body).model_copy()

    def post_review_comment(
        self, full_name: str, number: int, login: str, body: str, *, path: str, line: int = 1
    ) -> ReviewCommentRecord:
        """``login`` comments on ``line`` of ``path`` in pull request ``number``'s diff."""
        with self._world.lock:
            repo = self._world.repo(*full_name.split("/", 1))
            self._world.accounts.add_user(login)
            pull = self._world.pull(repo, number)
            return add_review_comment(self._world, pull, login, body, path, line).model_copy()

    def merge_pull(self, full_name: str, number: int, merged_by: str | None = None) -> PullRecord:
        """Merge pull request ``number`` with a real merge commit (see ``merge_commit_sha``)."""
        with self._world.lock:
            repo = self._world.repo(*full_name.split("/", 1))
            pull = self._world.pull(repo, number)
            return merge_pull(self._world, pull, merged_by or repo.owner).model_copy()

    def close_pull(self, full_name: str, number: int) -> PullRecord:
        """Close pull request ``number`` without merging."""
        with self._world.lock:
            repo = self._world.repo(*full_name.split("/", 1))
            pull = self._world.pull(repo, number)
            return update_pull(self._world, pull, state="closed").model_copy()

    def push_files(
        self,
        full_name: str,
        branch: str,
        files: Mapping[str, str | bytes],
        *,
        message: str = "Change files",
        base: str | None = None,
    ) -> str:
        """As a person pushing: commit ``files`` on ``branch`` (made from ``base`` if new)."""
        with self._world.lock:
            repo = self._world.repo(*full_name.split("/", 1))
            git = self._world.git
            parent = git.resolve(repo.full_name, f"refs/heads/{branch}")
            if parent is None:
                parent = git.resolve(repo.full_name, f"refs/heads/{base or repo.default_branch}")
            if parent is None:
                raise ApiError(422, f"no branch to start {branch} from")
            return git.commit(repo.full_name, branch, files, message, parent)

    def branch_sha(self, full_name: str, branch: str) -> str | None:
        """The commit ``branch`` points at, if it exists."""
        with self._world.lock:
            return self._world.git.resolve(full_name, f"refs/heads/{branch}")

    def read_file(self, full_name: str, ref: str, path: str) -> bytes | None:
        """A file's content at ``ref`` (a branch or a sha), or None."""
        with self._world.lock:
            return self._world.git.read_file(full_name, ref, path)

    def inject_fault(self, fault: FaultRecord) -> None:
        """Fail the next matching API requests as ``fault`` says."""
        with self._world.lock:
            self._world.faults.add(fault)

    def clear_faults(self) -> None:
        """Disarm every fault."""
        with self._world.lock:
            self._world.faults.clear()

    def exchanges(self) -> list[ExchangeRecord]:
        """Every API request so far with its answer, oldest first."""
        with self._world.lock:
            return [e.model_copy() for e in self._world.exchanges]

    def clear_exchanges(self) -> None:
        """Forget the requests seen so far."""
        with self._world.lock:
            self._world.exchanges.clear()


def _read_tree(folder: Path) -> dict[str, bytes]:
    files = (p for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.parts)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}
