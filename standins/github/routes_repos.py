"""Repository operations: the repository, collaborators, git references, the App installation."""

from __future__ import annotations

from starlette.routing import Route

from standins.github.api_errors import ApiError, invalid, not_found
from standins.github.endpoint import Call, Reply, endpoint
from standins.github.shapes.apps import git_ref, installation
from standins.github.shapes.repos import repository
from standins.github.shapes.users import collaborator_permission

_SHA_LENGTH = 40


def get_repo(call: Call) -> Reply:
    """``repos/get``; ``permissions`` are the caller's."""
    repo = call.repo()
    owner = call.world.accounts.add_user(repo.owner)
    role = call.world.role_of(repo, call.login)
    return Reply(200, repository(call.urls, repo, owner, role))


def get_permission(call: Call) -> Reply:
    """``repos/get-collaborator-permission-level``."""
    repo = call.repo()
    login = call.params["username"]
    if login.endswith("[bot]"):
        # What GitHub answers for App actors, as seen by other bots (see conventions notes).
        raise ApiError(404, f"{login} is not a user")
    user = call.world.accounts.user(login)
    if user is None:
        raise not_found()
    role = call.world.role_of(repo, user.login)
    return Reply(200, collaborator_permission(call.urls, user, role))


def check_collaborator(call: Call) -> Reply:
    """``repos/check-collaborator``: 204 or 404, never a body."""
    repo = call.repo()
    return Reply(204 if call.world.role_of(repo, call.params["username"]) else 404)


def get_ref(call: Call) -> Reply:
    """``git/get-ref``; ``ref`` is ``heads/x`` and may hold slashes."""
    repo = call.repo()
    ref = f"refs/{call.params['ref']}"
    sha = call.world.git.resolve(repo.full_name, ref) if ref.startswith("refs/heads/") else None
    if sha is None:
        raise not_found()
    return Reply(200, git_ref(call.urls, repo.full_name, ref, sha))


def create_ref(call: Call) -> Reply:
    """``git/create-ref``."""
    repo = call.repo()
    _need_write(call)
    ref, sha = str(call.field("ref") or ""), str(call.field("sha") or "")
    if not ref.startswith("refs/") or ref.count("/") < 2:
        raise ApiError(422, "Reference name is not valid")
    if call.world.git.resolve(repo.full_name, ref) is not None:
        raise ApiError(422, "Reference already exists")
    if len(sha) != _SHA_LENGTH or call.world.git.resolve(repo.full_name, sha) is None:
        raise ApiError(422, "Object does not exist")
    call.world.git.set_ref(repo.full_name, ref, sha)
    return Reply(201, git_ref(call.urls, repo.full_name, ref, sha))


def update_ref(call: Call) -> Reply:
    """``git/update-ref``; refuses a non-fast-forward unless ``force``."""
    repo = call.repo()
    _need_write(call)
    ref, sha = f"refs/{call.params['ref']}", str(call.field("sha") or "")
    old = call.world.git.resolve(repo.full_name, ref)
    if old is None:
        raise invalid("Reference", "ref", message="Reference does not exist")
    if call.world.git.resolve(repo.full_name, sha) is None:
        raise ApiError(422, "Object does not exist")
    if not call.field("force") and not call.world.git.is_ancestor(repo.full_name, old, sha):
        raise ApiError(422, "Update is not a fast forward")
    call.world.git.set_ref(repo.full_name, ref, sha, old)
    return Reply(200, git_ref(call.urls, repo.full_name, ref, sha))


def get_installation(call: Call) -> Reply:
    """``apps/get-repo-installation`` (App JWT)."""
    repo = call.world.repo(call.params["owner"], call.params["repo"])
    record = call.world.accounts.installation_for(repo.full_name)
    if record is None:
        raise not_found()
    return Reply(200, installation(call.urls, call.world, record))


def _need_write(call: Call) -> None:
    if not call.world.can(call.repo(), call.login, "write"):
        raise ApiError(403, "Resource not accessible by personal access token")


_REPO = "/repos/{owner}/{repo}"

ROUTES = [
    Route(_REPO, endpoint(get_repo), methods=["GET"]),
    Route(f"{_REPO}/collaborators/{{username}}/permission", endpoint(get_permission)),
    Route(f"{_REPO}/collaborators/{{username}}", endpoint(check_collaborator)),
    Route(f"{_REPO}/git/ref/{{ref:path}}", endpoint(get_ref), methods=["GET"]),
    Route(f"{_REPO}/git/refs", endpoint(create_ref), methods=["POST"]),
    Route(f"{_REPO}/git/refs/{{ref:path}}", endpoint(update_ref), methods=["PATCH"]),
    Route(f"{_REPO}/installation", endpoint(get_installation, auth="app"), methods=["GET"]),
]
