"""Issues, comments and reactions on the stand-in, seen through PyGithub."""

from __future__ import annotations

import httpx
from github import Github

from standins.github import GitHubStandin
from tests.integration.standins.github.standin_setup import BOT, BOT_TOKEN, REPO


def _pull(standin: GitHubStandin, github: Github) -> int:
    standin.control.push_files(REPO, "autofix/one", {"app/main.py": "fixed\n"})
    repo = github.get_repo(REPO)
    return repo.create_pull(title="Fix", body="", head="autofix/one", base="main").number


def test_a_status_comment_is_edited_in_place(standin: GitHubStandin, github: Github) -> None:
    number = _pull(standin, github)
    comment = github.get_repo(REPO).get_pull(number).create_issue_comment("Working on it")
    comment.edit("Done")
    fetched = github.get_repo(REPO).get_issue(number).get_comment(comment.id)
    assert fetched.body == "Done"
    assert [c.body for c in standin.control.comments(REPO, number)] == ["Done"]
    assert [c.body for c in github.get_repo(REPO).get_issue(number).get_comments()] == ["Done"]


def test_a_pull_request_is_also_an_issue(standin: GitHubStandin, github: Github) -> None:
    number = _pull(standin, github)
    issue = github.get_repo(REPO).get_issue(number)
    assert issue.pull_request is not None
    assert issue.title == "Fix"


def test_the_same_reaction_twice_answers_201_then_200(standin: GitHubStandin) -> None:
    number = _pull_with_httpx(standin)
    comment = standin.control.post_comment(REPO, number, "alice", "/autofix rerun")
    url = f"{standin.api_url}/repos/{REPO}/issues/comments/{comment.id}/reactions"
    with _client() as client:
        first = client.post(url, json={"content": "eyes"})
        second = client.post(url, json={"content": "eyes"})
        listed = client.get(url)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert [r["content"] for r in listed.json()] == ["eyes"]


def test_review_comments_take_reactions_too(standin: GitHubStandin) -> None:
    number = _pull_with_httpx(standin)
    comment = standin.control.post_review_comment(
        REPO, number, "alice", "/autofix rerun", path="app/main.py", line=1
    )
    url = f"{standin.api_url}/repos/{REPO}/pulls/comments/{comment.id}/reactions"
    with _client() as client:
        assert client.post(url, json={"content": "rocket"}).status_code == 201
        assert client.post(url, json={"content": "+1"}).status_code == 201
        assert client.post(url, json={"content": "rocket"}).status_code == 200
        assert client.post(url, json={"content": "party"}).status_code == 422
    assert sorted(r.content for r in standin.control.reactions(REPO)) == ["+1", "rocket"]
    assert {r.user for r in standin.control.reactions(REPO)} == {BOT}


def test_issues_are_created_listed_and_found(standin: GitHubStandin, github: Github) -> None:
    repo = github.get_repo(REPO)
    for n in range(3):
        repo.create_issue(title=f"Report {n}", body=f"<!-- autofix:{n} -->")
    listed = list(repo.get_issues(state="open"))
    assert [i.title for i in listed] == ["Report 2", "Report 1", "Report 0"]
    assert repo.get_issue(listed[0].number).body == "<!-- autofix:2 -->"
    assert [i.title for i in standin.control.issues(REPO)] == ["Report 0", "Report 1", "Report 2"]


def test_lists_are_paginated_with_link_headers(standin: GitHubStandin) -> None:
    with _client() as client:
        for n in range(3):
            client.post(f"{standin.api_url}/repos/{REPO}/issues", json={"title": f"T{n}"})
        page = client.get(f"{standin.api_url}/repos/{REPO}/issues", params={"per_page": 2})
        assert len(page.json()) == 2
        following = client.get(page.links["next"]["url"])
    assert [i["title"] for i in following.json()] == ["T0"]
    assert page.links["next"]["url"].startswith(standin.api_url)


def test_every_documented_reaction_is_accepted(standin: GitHubStandin) -> None:
    contents = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]
    with _client() as client:
        issue = client.post(f"{standin.api_url}/repos/{REPO}/issues", json={"title": "T"}).json()
        comment = standin.control.post_comment(REPO, issue["number"], "alice", "hello")
        url = f"{standin.api_url}/repos/{REPO}/issues/comments/{comment.id}/reactions"
        statuses = [client.post(url, json={"content": c}).status_code for c in contents]
        assert statuses == [201] * len(contents)
        assert client.get(url).json()[0]["content"] == "+1"


def _client() -> httpx.Client:
    return httpx.Client(headers={"Authorization": f"token {BOT_TOKEN}"}, timeout=10)


def _pull_with_httpx(standin: GitHubStandin) -> int:
    standin.control.push_files(REPO, "autofix/one", {"app/main.py": "fixed\n"})
    body = {"title": "Fix", "head": "autofix/one", "base": "main", "draft": True}
    with _client() as client:
        answer = client.post(f"{standin.api_url}/repos/{REPO}/pulls", json=body)
    assert answer.status_code == 201
    number: int = answer.json()["number"]
    return number
