"""Secret masking: the one choke point everything bound for the LLM or the agent passes through."""

from pipeline.context.secrets.masker import MaskedData, MaskResult, SecretMasker

__all__ = ["MaskResult", "MaskedData", "SecretMasker"]
