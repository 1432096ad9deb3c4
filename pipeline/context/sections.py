"""Context sections: a titled body in several renditions, fullest first, and a priority."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from pipeline.context.tokens import estimate_tokens

# Lower numbers are kept first when the budget is short.
PRIORITY_CRITICAL = 0
PRIORITY_HIGH = 10
PRIORITY_NORMAL = 50
PRIORITY_LOW = 90


class Section(BaseModel):
    """A part of the context; ``variants`` run from the fullest body to the most compact."""

    model_config = ConfigDict(frozen=True)

    key: str
    title: str
    variants: tuple[str, ...] = Field(min_length=1)
    priority: int = PRIORITY_NORMAL

    def render(self, variant: int) -> str:
        """The section as text, with the chosen body under a heading."""
        return f"## {self.title}\n{self.variants[variant].rstrip()}"


# A plain text section longer than this gets a compact rendition of its head.
COMPACT_LINES = 30


def text_section(
    key: str, title: str, text: str, *, priority: int = PRIORITY_NORMAL, compact: str | None = None
) -> Section:
    """A section from plain text; long text without a given compact form keeps its head."""
    if compact is None:
        lines = text.rstrip().split("\n")
        if len(lines) > COMPACT_LINES:
            rest = len(lines) - COMPACT_LINES
            compact = "\n".join([*lines[:COMPACT_LINES], f"… {rest} more lines left out"])
    variants = (text,) if compact is None or compact == text else (text, compact)
    return Section(key=key, title=title, variants=variants, priority=priority)


def truncate_to_tokens(text: str, budget: int) -> str:
    """The longest head of ``text`` (whole lines) within ``budget`` tokens, noting the cut."""
    if estimate_tokens(text) <= budget:
        return text
    lines = text.split("\n")
    kept: list[str] = []
    used = 0
    note_cost = 16
    for line in lines:
        cost = estimate_tokens(line) + 1
        if used + cost + note_cost > budget:
            break
        kept.append(line)
        used += cost
    omitted = len(lines) - len(kept)
    if not kept:
        head = lines[0][: max(0, (budget - note_cost) * 2)]
        kept, omitted = [head + "…"], len(lines) - 1
    out = "\n".join([*kept, f"… {omitted} more lines cut to fit the token budget"])
    while estimate_tokens(out) > budget and len(kept) > 1:
        kept.pop()
        omitted += 1
        out = "\n".join([*kept, f"… {omitted} more lines cut to fit the token budget"])
    return out
