"""``autofix config``: every setting with its default and meaning, as the README's table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import SecretStr

from config.settings import Settings


def _default(value: Any) -> str:
    if value is None or value == ():
        return "unset"
    if isinstance(value, SecretStr):
        return "(secret)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Path):
        return f"`{value}`"
    return f"`{value}`"


def markdown_table() -> str:
    """One row per environment variable, in declaration order."""
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    for field in Settings.model_fields.values():
        name = field.validation_alias
        if not isinstance(name, str):
            continue
        description = (field.description or "").replace("|", "\\|")
        rows.append(f"| `{name}` | {_default(field.default)} | {description} |")
    return "\n".join(rows)


def effective(settings: Settings) -> str:
    """The configuration in use, secrets shown only as set / unset."""
    lines = []
    for field_name, field in Settings.model_fields.items():
        value = getattr(settings, field_name)
        shown = (
            ("set" if value is not None else "unset")
            if _is_secret(value, field.annotation)
            else value
        )
        lines.append(f"{field.validation_alias}={shown}")
    return "\n".join(lines)


def _is_secret(value: Any, annotation: Any) -> bool:
    return isinstance(value, SecretStr) or "SecretStr" in str(annotation)


START, END = "<!-- config-table:start -->", "<!-- config-table:end -->"


def with_table(readme: str) -> str:
    """``readme`` with the text between the config-table markers replaced by the current table."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{markdown_table()}\n{END}{tail}"


if __name__ == "__main__":
    readme = Path(__file__).parents[1] / "README.md"
    readme.write_text(with_table(readme.read_text()))
