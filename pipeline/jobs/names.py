"""Names of the jobs the receiver enqueues, so it needs no import of the jobs themselves."""

from __future__ import annotations

INTAKE_RAILWAY_ALERT = "intake_railway_alert"
HANDLE_GITHUB_EVENT = "handle_github_event"
CONFIRM_INCIDENT = "confirm_incident"
FIX_INCIDENT = "fix_incident"
RETRY_INCIDENT = "retry_incident"
VERIFY_FIX = "verify_fix"
SWEEP_SERVICES = "sweep_services"
