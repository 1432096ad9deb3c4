"""The receiver benchmark's yardstick: a bare Starlette endpoint answering 202, served as usual.

Same uvicorn options and the same logging set-up as the real command (so the access log costs
the same on both sides); only the handler differs: it reads the body, as any webhook endpoint
must, and answers 202 with a short JSON body, doing nothing else.
"""

from __future__ import annotations

import argparse
import os
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from cli.logging_setup import configure_logging
from config.settings import load_settings


async def accept(request: Request) -> Response:
    """Read the body and say it was queued."""
    await request.body()
    return JSONResponse({"status": "queued"}, status_code=202)


def main() -> int:
    """Serve on ``--port`` until interrupted."""
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--port", type=int, required=True)
    port = cli.parse_args().port
    settings = load_settings(os.environ, env_file=None)
    configure_logging(settings.log_level, settings.log_format)
    app = Starlette(routes=[Route("/{path:path}", accept, methods=["POST"])])
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips="*",
        timeout_graceful_shutdown=10,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
