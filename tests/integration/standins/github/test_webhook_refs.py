"""Webhook deliveries about the stand-in's own repositories point back at the stand-in."""

from __future__ import annotations

import httpx

from standins.github import GitHubStandin
from standins.github.webhooks import Person, deliver, issue_comment_created
from tests.integration.standins.github.standin_setup import BOT_TOKEN, REPO


def test_repo_ref_carries_the_standins_urls_and_installation(standin: GitHubStandin) -> None:
    assert standin.repo_ref(REPO).installation_id is None
    standin.control.configure_app(1, "not-used-here")
    installed = standin.control.install_app("acme", [REPO])
    ref = standin.repo_ref(REPO)
    assert (ref.api_url, ref.web_url, ref.installation_id) == (
        standin.api_url,
        standin.urls.web,
        installed.id,
    )


def test_a_comment_made_on_the_standin_becomes_a_delivery_whose_urls_work(
    standin: GitHubStandin,
) -> None:
    standin.control.push_files(REPO, "autofix/x", {"a.txt": "a"})
    headers = {"Authorization": f"token {BOT_TOKEN}"}
    with httpx.Client(headers=headers, timeout=10) as api:
        pull = api.post(
            f"{standin.api_url}/repos/{REPO}/pulls",
            json={"title": "Fix", "head": "autofix/x", "base": "main"},
        ).json()
        comment = standin.control.post_comment(REPO, pull["number"], "alice", "/autofix status")
        payload = issue_comment_created(
            standin.repo_ref(REPO),
            number=pull["number"],
            comment_id=comment.id,
            body=comment.body,
            author=Person(login="alice", association="COLLABORATOR"),
        )
        delivery = deliver("issue_comment", payload, "secret")
        fetched = api.get(delivery.payload()["comment"]["url"]).json()
        pull_again = api.get(delivery.payload()["issue"]["pull_request"]["url"]).json()
    assert (fetched["id"], fetched["body"]) == (comment.id, "/autofix status")
    assert pull_again["number"] == pull["number"]
