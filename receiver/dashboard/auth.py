"""Who may see the run-history pages: HTTP Basic with the dashboard token as the password.

Basic auth needs no JavaScript and no session store. Because browsers resend Basic credentials
on any request to the site, the one state-changing form (retry) also carries a CSRF token: an
HMAC of the incident id and its history length under the dashboard token, so a form is valid
for one incident in one state only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from starlette.requests import Request

REALM = 'Basic realm="autofix runs", charset="UTF-8"'


def authorised(request: Request, token: str) -> bool:
    """True if the request carries the token as a Basic password (any user) or a Bearer token."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return hmac.compare_digest(value.strip().encode(), token.encode())
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return False
    _, _, password = decoded.partition(":")
    return hmac.compare_digest(password.encode(), token.encode())


def csrf_token(token: str, incident_id: str, version: int) -> str:
    """The form token for acting on ``incident_id`` while its history has ``version`` entries."""
    message = f"retry:{incident_id}:{version}".encode()
    return hmac.new(token.encode(), message, hashlib.sha256).hexdigest()


def csrf_ok(token: str, incident_id: str, version: int, given: str) -> bool:
    """Constant-time check of a submitted form token."""
    return hmac.compare_digest(csrf_token(token, incident_id, version), given)
