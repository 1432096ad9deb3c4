from __future__ import annotations

from datetime import datetime

import httpx

from standins.statuspage.app import create_app

NOW = 1_800_000_000.0


async def test_incidents_are_dated_just_before_now() -> None:
    app = create_app({"stripe": "major_incident"}, clock=lambda: NOW)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://s"
    ) as http:
        page = (await http.get("/stripe/api/v2/summary.json")).json()
    [incident] = page["incidents"]
    updated = datetime.fromisoformat(incident["updated_at"].replace("Z", "+00:00")).timestamp()
    started = datetime.fromisoformat(incident["started_at"].replace("Z", "+00:00")).timestamp()
    assert NOW - 600 < updated <= NOW
    assert started < updated
