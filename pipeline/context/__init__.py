"""Context for the LLM: log and HTTP digests, a token budget, secret masking, upstream status."""
