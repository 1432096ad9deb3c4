"""Check the stand-in's answers against GitHub's own OpenAPI description of each operation."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import Any

from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from standins.github.records import ExchangeRecord

SPEC_FILE = Path(__file__).parents[3] / "fixtures" / "github" / "rest_subset.json"
SPEC_URI = "urn:github-rest-subset"
_UNDOCUMENTED = object()

# Operations the stand-in serves that the subset leaves out; their documented answers.
EXTRA_OPERATIONS: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", "/repos/{owner}/{repo}/issues"): {"200": {"type": "array", "items": "issue"}},
    ("POST", "/repos/{owner}/{repo}/issues"): {"201": "issue"},
}


@dataclass(frozen=True)
class Operation:
    """One path template and method, with the schema of each documented status."""

    method: str
    template: str
    pattern: re.Pattern[str]
    responses: dict[str, Any]


@cache
def spec() -> dict[str, Any]:
    """The OpenAPI document."""
    loaded: dict[str, Any] = json.loads(SPEC_FILE.read_text())
    return loaded


@cache
def _registry() -> Registry[Any]:
    resource = Resource.from_contents(spec(), default_specification=DRAFT4)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


def _pattern(template: str) -> re.Pattern[str]:
    def param(match: re.Match[str]) -> str:
        # ``ref`` and ``branch`` hold slashes (heads/feature/x), everything else does not.
        return ".+" if match.group(1) in ("ref", "branch") else "[^/]+"

    return re.compile("^" + re.sub(r"\{(\w+)\}", param, template) + "$")


@cache
def operations() -> tuple[Operation, ...]:
    """Every operation of the document, plus the extras."""
    found = []
    for template, item in spec()["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "patch", "put", "delete"):
                responses = {
                    status: _response_schema(answer)
                    for status, answer in operation["responses"].items()
                }
                found.append(Operation(method.upper(), template, _pattern(template), responses))
    for (method, template), answers in EXTRA_OPERATIONS.items():
        responses = {status: _extra_schema(shape) for status, shape in answers.items()}
        found.append(Operation(method, template, _pattern(template), responses))
    return tuple(found)


def _response_schema(answer: dict[str, Any]) -> Any:
    if "$ref" in answer:
        name = answer["$ref"].rsplit("/", 1)[-1]
        answer = spec()["components"]["responses"][name]
    content = answer.get("content", {}).get("application/json")
    return None if content is None else content["schema"]


def _extra_schema(shape: Any) -> Any:
    if isinstance(shape, str):
        return {"$ref": f"#/components/schemas/{shape}"}
    return {"type": "array", "items": _extra_schema(shape["items"])}


def _absolute(schema: Any, is_reference: bool = False) -> Any:
    """Point local references (``$ref`` and discriminator mappings) into the registered document."""
    if isinstance(schema, str):
        return f"{SPEC_URI}{schema}" if is_reference and schema.startswith("#/") else schema
    if isinstance(schema, dict):
        return {
            k: _absolute(v, is_reference or k in ("$ref", "mapping")) for k, v in schema.items()
        }
    if isinstance(schema, list):
        return [_absolute(item) for item in schema]
    return schema


def problems(exchange: ExchangeRecord) -> list[str]:
    """Why this answer does not match GitHub's description; empty when it does."""
    where = f"{exchange.method} {exchange.path} -> {exchange.status}"
    matches = [
        op
        for op in operations()
        if op.method == exchange.method and op.pattern.match(exchange.path)
    ]
    if not matches:
        return [f"{where}: no such operation in the description"]
    operation = max(matches, key=lambda op: op.template.count("/") - op.template.count("{"))
    schema = operation.responses.get(str(exchange.status), _UNDOCUMENTED)
    if schema is _UNDOCUMENTED and exchange.status == HTTPStatus.UNAUTHORIZED:
        # GitHub answers bad credentials with 401 everywhere, documented or not.
        schema = {"$ref": "#/components/schemas/basic-error"}
    if schema is _UNDOCUMENTED:
        return [f"{where}: status not documented for {operation.template}"]
    if schema is None:
        return [] if exchange.response_json is None else [f"{where}: body where none is documented"]
    validator = OAS30Validator(
        _absolute(schema), registry=_registry(), format_checker=OAS30Validator.FORMAT_CHECKER
    )
    return [
        f"{where}: {'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
        for e in validator.iter_errors(exchange.response_json)
    ]


def all_problems(exchanges: list[ExchangeRecord]) -> list[str]:
    """Problems of every answer in ``exchanges`` except injected faults."""
    checked = (exchange for exchange in exchanges if not exchange.injected)
    return [problem for exchange in checked for problem in problems(exchange)]
