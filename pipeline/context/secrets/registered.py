"""The service's own secrets, collected from its settings to register with the masker."""

from __future__ import annotations

from pydantic import BaseModel, SecretBytes, SecretStr


def secrets_of(settings: BaseModel) -> list[tuple[str, str]]:
    """``(kind, value)`` for each set ``SecretStr``/``SecretBytes`` field, kind being its name."""
    found: list[tuple[str, str]] = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            found.append((name, value.get_secret_value()))
        elif isinstance(value, SecretBytes):
            found.append((name, value.get_secret_value().decode("utf-8", "replace")))
    return [(kind, value) for kind, value in found if value]
