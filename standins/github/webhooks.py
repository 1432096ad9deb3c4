"""Build and sign webhook deliveries shaped like GitHub's, from real payloads kept as templates.

Deliveries carry the headers GitHub sends: ``X-GitHub-Event``, ``X-GitHub-Delivery``,
``X-Hub-Signature-256`` (HMAC-SHA256 of the raw body) and a ``GitHub-Hookshot/`` user agent.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import re
import uuid
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel

Association = Literal[
    "OWNER",
    "MEMBER",
    "COLLABORATOR",
    "CONTRIBUTOR",
    "FIRST_TIMER",
    "FIRST_TIME_CONTRIBUTOR",
    "NONE",
]

_TEMPLATE_REPO = "Codertocat/Hello-World"
_TEMPLATE_LOGIN = "Codertocat"


class RepoRef(BaseModel):
    """The repository a delivery is about, and where its URLs should point."""

    full_name: str
    installation_id: int | None = None
    api_url: str = "https://api.github.com"
    web_url: str = "https://github.com"


class Person(BaseModel):
    """Who acted: a login, its account type and its association with the repository."""

    login: str
    id: int = 1
    type: Literal["User", "Bot"] = "User"
    association: Association = "OWNER"


class WebhookDelivery(BaseModel):
    """One delivery: the exact bytes to POST and the headers to send with them."""

    event: str
    delivery_id: str
    body: bytes
    headers: dict[str, str]

    def payload(self) -> dict[str, Any]:
        """The body parsed back."""
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


def signature(body: bytes, secret: str) -> str:
    """``X-Hub-Signature-256`` of ``body``: ``sha256=`` and the hex HMAC keyed with ``secret``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def deliver(
    event: str, payload: dict[str, Any], secret: str | None, delivery_id: str | None = None
) -> WebhookDelivery:
    """Serialise ``payload`` and sign it; without a secret there is no signature, as on GitHub."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    guid = delivery_id or str(uuid.uuid4())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/standin",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": guid,
        "X-GitHub-Hook-ID": "1",
        "X-GitHub-Hook-Installation-Target-Type": "repository",
        "X-GitHub-Hook-Installation-Target-ID": "1",
    }
    if secret is not None:
        headers["X-Hub-Signature-256"] = signature(body, secret)
    return WebhookDelivery(event=event, delivery_id=guid, body=body, headers=headers)


def issue_comment_created(
    repo: RepoRef,
    *,
    number: int,
    comment_id: int,
    body: str,
    author: Person,
    on_pull: bool = True,
    opened_by: Person | None = None,
) -> dict[str, Any]:
    """``issue_comment`` ``created`` on pull request (or issue) ``number``."""
    payload: dict[str, Any] = _template("issue_comment.created.payload.json", repo)
    payload = _renumber(payload, _TEMPLATE_NUMBERS["issue_comment"], number)
    issue, comment = payload["issue"], payload["comment"]
    issue["number"] = number
    if opened_by is not None:
        issue["user"] = _user(issue["user"], opened_by)
    if on_pull:
        html = f"{repo.web_url}/{repo.full_name}/pull/{number}"
        issue["html_url"] = html
        issue["pull_request"] = {
            "url": f"{repo.api_url}/repos/{repo.full_name}/pulls/{number}",
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "merged_at": None,
        }
    comment["id"] = comment_id
    comment["url"] = f"{repo.api_url}/repos/{repo.full_name}/issues/comments/{comment_id}"
    comment["html_url"] = f"{issue['html_url']}#issuecomment-{comment_id}"
    comment["issue_url"] = issue["url"]
    comment["body"] = body
    comment["author_association"] = author.association
    comment["user"] = _user(comment["user"], author)
    payload["sender"] = _user(payload["sender"], author)
    return payload


def review_comment_created(
    repo: RepoRef,
    *,
    number: int,
    comment_id: int,
    body: str,
    author: Person,
    path: str = "README.md",
    line: int = 1,
    opened_by: Person | None = None,
) -> dict[str, Any]:
    """``pull_request_review_comment`` ``created`` on a line of pull request ``number``."""
    payload: dict[str, Any] = _template("pull_request_review_comment.created.payload.json", repo)
    payload = _renumber(payload, _TEMPLATE_NUMBERS["pull_request"], number)
    pull, comment = payload["pull_request"], payload["comment"]
    pull["number"] = number
    if opened_by is not None:
        pull["user"] = _user(pull["user"], opened_by)
    api = f"{repo.api_url}/repos/{repo.full_name}/pulls/comments/{comment_id}"
    html = f"{repo.web_url}/{repo.full_name}/pull/{number}#discussion_r{comment_id}"
    comment.update(
        id=comment_id, url=api, html_url=html, body=body, path=path, line=line, original_line=line
    )
    comment["pull_request_url"] = pull["url"]
    comment["author_association"] = author.association
    comment["_links"] = {
        "self": {"href": api},
        "html": {"href": html},
        "pull_request": {"href": pull["url"]},
    }
    comment["user"] = _user(comment["user"], author)
    payload["sender"] = _user(payload["sender"], author)
    # The capture predates ``has_discussions``, which GitHub now sends and its schema requires.
    for side in ("head", "base"):
        pull[side]["repo"].setdefault("has_discussions", False)
    return payload


def pull_request_closed(
    repo: RepoRef,
    *,
    number: int,
    head_ref: str,
    base_ref: str,
    closed_by: Person,
    merge_commit_sha: str | None = None,
    opened_by: Person | None = None,
) -> dict[str, Any]:
    """``pull_request`` ``closed``; merged when ``merge_commit_sha`` is given."""
    payload: dict[str, Any] = _template("pull_request.closed.payload.json", repo)
    payload = _renumber(payload, _TEMPLATE_NUMBERS["pull_request"], number)
    pull = payload["pull_request"]
    payload["number"] = pull["number"] = number
    if opened_by is not None:
        pull["user"] = _user(pull["user"], opened_by)
    owner = repo.full_name.split("/")[0]
    pull["head"].update(ref=head_ref, label=f"{owner}:{head_ref}")
    pull["base"].update(ref=base_ref, label=f"{owner}:{base_ref}")
    merged = merge_commit_sha is not None
    pull["merged"] = merged
    pull["merge_commit_sha"] = merge_commit_sha
    pull["merged_at"] = pull["closed_at"] if merged else None
    pull["merged_by"] = _user(payload["sender"], closed_by) if merged else None
    payload["sender"] = _user(payload["sender"], closed_by)
    return payload


_TEMPLATE_NUMBERS = {"issue_comment": 1, "pull_request": 2}


@cache
def _load(name: str) -> dict[str, Any]:
    text = resources.files("standins.github").joinpath("payloads").joinpath(name).read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _template(name: str, repo: RepoRef) -> dict[str, Any]:
    payload: dict[str, Any] = _rewrite(
        copy.deepcopy(_load(name)),
        [
            ("https://api.github.com", repo.api_url),
            ("https://github.com", repo.web_url),
            (_TEMPLATE_REPO, repo.full_name),
            (_TEMPLATE_LOGIN, repo.full_name.split("/")[0]),
        ],
    )
    payload["repository"].update(name=repo.full_name.split("/", 1)[1], full_name=repo.full_name)
    if repo.installation_id is None:
        payload.pop("installation", None)
    else:
        payload["installation"] = {
            "id": repo.installation_id,
            "node_id": f"inst{repo.installation_id}",
        }
    return payload


def _renumber(value: Any, old: int, new: int) -> Any:
    """Point every pull request and issue URL in ``value`` at number ``new``."""
    if isinstance(value, str):
        return re.sub(rf"/(pulls|pull|issues)/{old}(?=\D|$)", rf"/\g<1>/{new}", value)
    if isinstance(value, dict):
        return {k: _renumber(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_renumber(v, old, new) for v in value]
    return value


def _user(template: dict[str, Any], person: Person) -> dict[str, Any]:
    user: dict[str, Any] = _rewrite(
        copy.deepcopy(template), [(f"/{template['login']}", f"/{person.login}")]
    )
    user.update(login=person.login, id=person.id, type=person.type)
    return user


def _rewrite(value: Any, replacements: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        for old, new in replacements:
            value = value.replace(old, new)
        return value
    if isinstance(value, dict):
        return {k: _rewrite(v, replacements) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewrite(v, replacements) for v in value]
    return value
