"""Secret masking: the one choke point everything bound for the LLM or the agent passes through."""

from pipeline.context.secrets.masker import MaskedData, MaskResult, SecretMasker
from pipeline.context.secrets.registered import secrets_of

__all__ = ["MaskResult", "MaskedData", "SecretMasker", "secrets_of"]
