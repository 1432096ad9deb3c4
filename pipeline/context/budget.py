"""Fit prioritised sections into a token budget, masking secrets on the way.

Every section first gets its most compact rendition, most important first. Sections more
important than any that did not fit are then upgraded to the fullest rendition that fits;
the sections that did not fit are cut line by line (their most important lines come
first), or dropped when not even a few lines would fit; whatever is left upgrades the rest.
Floors come before upgrades, so a large section should offer a compact rendition
(``text_section`` makes one from the head of long text) or it may take room that a more
important section could have used to show more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from pipeline.context.secrets import SecretMasker
from pipeline.context.sections import Section, truncate_to_tokens
from pipeline.context.tokens import estimate_tokens

SEPARATOR = "\n\n"
# Below this a cut section says too little to be worth its heading.
MIN_CUT_TOKENS = 40


class FittedSection(BaseModel):
    """Which rendition of a section made it into the context, and its size."""

    model_config = ConfigDict(frozen=True)

    key: str
    variant: int
    variants: int
    tokens: int
    cut: bool = False


class FittedContext(BaseModel):
    """The assembled, masked context and what it cost."""

    model_config = ConfigDict(frozen=True)

    text: str
    tokens: int
    budget: int
    sections: tuple[FittedSection, ...]
    dropped: tuple[str, ...]
    masked: dict[str, int]

    @property
    def degraded(self) -> tuple[str, ...]:
        """Keys of sections shown in less than their fullest rendition."""
        return tuple(s.key for s in self.sections if s.variant > 0 or s.cut)


@dataclass
class _Choice:
    variant: int
    text: str
    tokens: int
    cut: bool = False


class _Renditions:
    """Masked renditions of one section, built when first asked for."""

    def __init__(self, section: Section, masker: SecretMasker) -> None:
        self.section = section
        self._masker = masker
        self._cache: dict[int, tuple[str, int, Counter[str]]] = {}

    def get(self, variant: int) -> tuple[str, int]:
        if variant not in self._cache:
            result = self._masker.mask(self.section.render(variant))
            tokens = estimate_tokens(result.text) + 1
            self._cache[variant] = (result.text, tokens, Counter(result.counts))
        text, tokens, _ = self._cache[variant]
        return text, tokens

    def counts(self, variant: int) -> Counter[str]:
        return self._cache[variant][2]

    @property
    def smallest(self) -> int:
        return len(self.section.variants) - 1


def fit(sections: Sequence[Section], budget: int, masker: SecretMasker) -> FittedContext:
    """The sections, masked, in their given order, in the fullest renditions ``budget`` allows."""
    renditions = [_Renditions(s, masker) for s in sections]
    order = sorted(range(len(sections)), key=lambda i: (sections[i].priority, i))
    chosen = _all_fullest(renditions, budget)
    if chosen is None:
        chosen = {}
        pending = _floors(renditions, order, budget, chosen)
        if pending:
            first = sections[pending[0]].priority
            ahead = [i for i in order if sections[i].priority < first]
            _upgrade(renditions, ahead, budget, chosen)
            _cut(renditions, pending, budget, chosen)
        _upgrade(renditions, order, budget, chosen)
    text = _join(chosen)
    while estimate_tokens(text) > budget and chosen:
        chosen.pop(max(chosen, key=lambda i: (sections[i].priority, i)))
        text = _join(chosen)
    return _result(sections, renditions, chosen, text, budget)


def _all_fullest(renditions: list[_Renditions], budget: int) -> dict[int, _Choice] | None:
    """Every section in full when that fits: what floors and upgrades would end with anyway,
    without masking and counting the compact renditions first."""
    fullest = [r.get(0) for r in renditions]
    if sum(tokens for _, tokens in fullest) > budget:
        return None
    return {i: _Choice(0, text, tokens) for i, (text, tokens) in enumerate(fullest)}


def _used(chosen: dict[int, _Choice]) -> int:
    return sum(choice.tokens for choice in chosen.values())


def _floors(
    renditions: list[_Renditions], order: list[int], budget: int, chosen: dict[int, _Choice]
) -> list[int]:
    """Give each section its smallest rendition where it fits; return those that did not."""
    pending = []
    for index in order:
        r = renditions[index]
        text, tokens = r.get(r.smallest)
        if _used(chosen) + tokens <= budget:
            chosen[index] = _Choice(r.smallest, text, tokens)
        else:
            pending.append(index)
    return pending


def _cut(
    renditions: list[_Renditions], pending: list[int], budget: int, chosen: dict[int, _Choice]
) -> None:
    for index in pending:
        room = budget - _used(chosen)
        if room < MIN_CUT_TOKENS:
            continue
        r = renditions[index]
        cut = truncate_to_tokens(r.get(r.smallest)[0], room - 1)
        chosen[index] = _Choice(r.smallest, cut, estimate_tokens(cut) + 1, cut=True)


def _upgrade(
    renditions: list[_Renditions], order: list[int], budget: int, chosen: dict[int, _Choice]
) -> None:
    spare = budget - _used(chosen)
    for index in order:
        current = chosen.get(index)
        if current is None or current.cut:
            continue
        for variant in range(current.variant):
            text, tokens = renditions[index].get(variant)
            if tokens - current.tokens <= spare:
                spare -= tokens - current.tokens
                chosen[index] = _Choice(variant, text, tokens)
                break


def _join(chosen: dict[int, _Choice]) -> str:
    return SEPARATOR.join(chosen[i].text for i in sorted(chosen))


def _result(
    sections: Sequence[Section],
    renditions: list[_Renditions],
    chosen: dict[int, _Choice],
    text: str,
    budget: int,
) -> FittedContext:
    counts: Counter[str] = Counter()
    fitted = []
    for index in sorted(chosen):
        choice = chosen[index]
        counts.update(renditions[index].counts(choice.variant))
        fitted.append(
            FittedSection(
                key=sections[index].key,
                variant=choice.variant,
                variants=len(sections[index].variants),
                tokens=choice.tokens,
                cut=choice.cut,
            )
        )
    return FittedContext(
        text=text,
        tokens=estimate_tokens(text),
        budget=budget,
        sections=tuple(fitted),
        dropped=tuple(s.key for i, s in enumerate(sections) if i not in chosen),
        masked=dict(counts),
    )
