"""Redis key names, in one place so that nothing else spells them out.

Every key autofix writes starts with ``autofix:`` so an operator can tell ours from arq's
(``arq:``) and remove them without touching the queue.
"""

from __future__ import annotations

PREFIX = "autofix:"

# One JSON document per incident: the incident is the unit a person reads and acts on.
INCIDENT = PREFIX + "incident:"
# Sorted set of incident ids scored by creation time, so listings are newest first without a scan.
INCIDENT_INDEX = PREFIX + "incidents"
# Hash of state -> number of incidents in it, updated with each transition (for /metrics).
INCIDENTS_BY_STATE = PREFIX + "incidents:by_state"
# (service, signature) -> id of its open incident; SET NX here is what keeps it to one.
OPEN_INCIDENT = PREFIX + "open:"
# (service, signature) -> set while a closed incident's cooldown lasts (value: the incident id).
COOLDOWN = PREFIX + "cooldown:"
# Memoised result of one step of one run: what lets a retried job resume instead of redo.
STEP = PREFIX + "step:"
# Append-only list of step events of one run, folded into the timeline people see.
TIMELINE = PREFIX + "timeline:"
# "owner/repo#number" -> the incident a pull request fixes (comment commands look it up).
PULL_REQUEST = PREFIX + "pr:"
# incident id -> arq job id of its running attempt, so `/autofix cancel` can abort it.
ACTIVE_JOB = PREFIX + "active:"
# Short-lived locks (one running attempt per incident).
LOCK = PREFIX + "lock:"


def incident(incident_id: str) -> str:
    """Key of an incident's document."""
    return INCIDENT + incident_id


def open_incident(service_id: str, signature: str) -> str:
    """Key naming the open incident of a (service, signature)."""
    return f"{OPEN_INCIDENT}{service_id}:{signature}"


def cooldown(service_id: str, signature: str) -> str:
    """Key present while a (service, signature) is cooling down."""
    return f"{COOLDOWN}{service_id}:{signature}"


def step(run_id: str, name: str) -> str:
    """Key of one memoised step result."""
    return f"{STEP}{run_id}:{name}"


def timeline(run_id: str) -> str:
    """Key of a run's step events."""
    return TIMELINE + run_id


def lock(name: str) -> str:
    """Key of a named lock."""
    return LOCK + name


def pull_request(repo: str, number: int) -> str:
    """Key naming the incident of pull request ``repo#number``."""
    return f"{PULL_REQUEST}{repo}#{number}"


def active_job(incident_id: str) -> str:
    """Key naming the arq job running the incident's current attempt."""
    return ACTIVE_JOB + incident_id
