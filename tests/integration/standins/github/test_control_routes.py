"""The control API over HTTP, as the demo or a test in another process uses it."""

from __future__ import annotations

import httpx

from standins.github import GitHubStandin
from tests.integration.standins.github.standin_setup import BOT_TOKEN


def test_set_up_act_and_read_back_over_http(standin: GitHubStandin) -> None:
    with _control(standin) as control, _api() as api:
        _steps(standin, control, api)


def _steps(standin: GitHubStandin, control: httpx.Client, api: httpx.Client) -> None:
    created = control.post("/repos", json={"full_name": "octo/app", "files": {"a.py": "x = 1\n"}})
    assert created.status_code == 201
    assert created.json()["default_branch"] == "main"
    user = control.post("/users", json={"login": "dana", "token": "dana-token"})
    assert user.status_code == 201
    assert control.put(
        "/repos/octo/app/collaborators/autofix-bot", json={"role": "write"}
    ).is_success
    main = control.get("/repos/octo/app/branches/main").json()["sha"]
    api.post(
        f"{standin.api_url}/repos/octo/app/git/refs",
        json={"ref": "refs/heads/autofix/x", "sha": main},
    )
    standin.control.push_files("octo/app", "autofix/x", {"a.py": "x = 2\n"})
    pull = api.post(
        f"{standin.api_url}/repos/octo/app/pulls",
        json={"title": "T", "head": "autofix/x", "base": "main"},
    ).json()
    comment = control.post(
        f"/repos/octo/app/issues/{pull['number']}/comments",
        json={"user": "dana", "body": "/autofix status"},
    )
    assert comment.json()["body"] == "/autofix status"
    assert [p["number"] for p in control.get("/repos/octo/app/pulls").json()] == [pull["number"]]
    merged = control.post(f"/repos/octo/app/pulls/{pull['number']}/merge", json={}).json()
    assert merged["merged"] is True
    assert control.get("/repos/octo/app/branches/main").json()["sha"] == merged["merge_commit_sha"]
    assert any(r["path"] == "/repos/octo/app/pulls" for r in control.get("/requests").json())


def test_faults_are_armed_and_cleared_over_http(standin: GitHubStandin) -> None:
    fault = {"method": "GET", "path": "^/rate_limit$", "status": 503, "times": 2}
    with _control(standin) as control, _api() as api:
        assert control.post("/faults", json=fault).status_code == 201
        statuses = [api.get(f"{standin.api_url}/rate_limit").status_code for _ in range(3)]
        assert statuses == [503, 503, 200]
        control.post("/faults", json=fault)
        control.delete("/faults")
        assert api.get(f"{standin.api_url}/rate_limit").status_code == 200


def test_bad_control_input_is_422(standin: GitHubStandin) -> None:
    with _control(standin) as control:
        assert control.post("/repos", json={"files": {}}).status_code == 422
        assert (
            control.post("/repos", json={"full_name": "no-slash", "files": {}}).status_code == 422
        )


def _control(standin: GitHubStandin) -> httpx.Client:
    return httpx.Client(base_url=f"{standin.urls.web}/_control", timeout=10)


def _api() -> httpx.Client:
    return httpx.Client(headers={"Authorization": f"token {BOT_TOKEN}"}, timeout=10)
