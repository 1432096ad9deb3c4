from __future__ import annotations

import functools

import pytest

from pipeline.context.budget import fit
from pipeline.context.log_digest import digest_logs
from pipeline.context.log_render import log_section
from pipeline.context.secrets import SecretMasker
from pipeline.context.secrets.masker import MaskResult
from pipeline.context.sections import Section, text_section
from pipeline.context.tokens import estimate_tokens
from tests.unit.pipeline.context.sample_logs import incident_logs

MASKER = SecretMasker(use_library=False)


def _section(key: str, sizes: tuple[int, ...], priority: int = 50) -> Section:
    bodies = tuple("\n".join(f"{key} line {i}" for i in range(n)) for n in sizes)
    return Section(key=key, title=key, variants=bodies, priority=priority)


@functools.cache
def _logs() -> Section:
    return log_section(digest_logs(incident_logs(), "deploy"), "Deployment logs")


def test_everything_fits_in_its_fullest_rendition_when_the_budget_allows() -> None:
    sections = [_section("a", (50, 5)), _section("b", (40, 4))]
    fitted = fit(sections, 10_000, MASKER)
    assert [s.variant for s in fitted.sections] == [0, 0]
    assert fitted.dropped == ()
    assert fitted.degraded == ()
    assert fitted.tokens == estimate_tokens(fitted.text) <= 10_000


@pytest.mark.parametrize("budget", [150, 250, 400, 600, 900, 1500, 3000])
def test_context_never_exceeds_the_budget_and_reports_its_size(budget: int) -> None:
    sections = [_logs(), _section("arch", (200, 60), priority=0), _section("deploys", (120, 10))]
    fitted = fit(sections, budget, MASKER)
    assert fitted.tokens <= budget
    assert fitted.tokens == estimate_tokens(fitted.text)
    assert fitted.budget == budget


@pytest.mark.parametrize("budget", [400, 600, 900, 1500])
def test_every_error_template_is_kept_when_the_budget_allows(budget: int) -> None:
    fitted = fit([_logs(), _section("deploys", (300, 80), priority=90)], budget, MASKER)
    assert fitted.text.count("- ERROR") == 3


def _cost(section: Section, variant: int) -> int:
    return estimate_tokens(section.render(variant)) + 1


def test_lower_priority_sections_give_way_first() -> None:
    low, high = _section("low", (200, 100), priority=90), _section("high", (200, 100), priority=0)
    budget = _cost(high, 0) + _cost(low, 1) + 20
    fitted = fit([low, high], budget, MASKER)
    by_key = {s.key: s for s in fitted.sections}
    assert by_key["high"].variant == 0
    assert by_key["low"].variant == 1


def test_sections_keep_their_given_order_in_the_text() -> None:
    sections = [_section("first", (3,), priority=90), _section("second", (3,), priority=0)]
    text = fit(sections, 1000, MASKER).text
    assert text.index("## first") < text.index("## second")


def test_a_section_too_big_even_when_compact_is_cut_and_says_so() -> None:
    fitted = fit([_section("huge", (2000, 1000))], 300, MASKER)
    (only,) = fitted.sections
    assert only.cut
    assert "cut to fit the token budget" in fitted.text
    assert fitted.tokens <= 300


def test_sections_with_no_room_left_are_dropped_and_named() -> None:
    big, small = _section("big", (400,), priority=0), _section("small", (30,), priority=90)
    fitted = fit([big, small], _cost(big, 0) + 10, MASKER)
    assert fitted.dropped == ("small",)


def test_secrets_are_masked_and_counted_in_the_fitted_text() -> None:
    body = "DATABASE_URL=postgres://app:hunter2hunter2@db/prod"
    fitted = fit([Section(key="env", title="Env", variants=(body,))], 1000, MASKER)
    assert "hunter2" not in fitted.text
    assert fitted.masked == {"password": 1}


def test_important_sections_upgrade_before_a_less_important_one_is_cut() -> None:
    high = _section("high", (120, 10), priority=0)
    low = Section(key="low", title="low", variants=("chatter\n" * 2000,), priority=90)
    fitted = fit([high, low], _cost(high, 0) + 200, MASKER)
    by_key = {s.key: s for s in fitted.sections}
    assert by_key["high"].variant == 0
    assert by_key["low"].cut


@pytest.mark.parametrize(("lines", "variants"), [(5, 1), (30, 1), (31, 2), (500, 2)])
def test_long_text_sections_get_a_compact_head(lines: int, variants: int) -> None:
    section = text_section("t", "T", "\n".join(f"line {i}" for i in range(lines)))
    assert len(section.variants) == variants
    if variants == 2:
        assert section.variants[1].endswith(f"… {lines - 30} more lines left out")


class _CountingMasker(SecretMasker):
    def __init__(self) -> None:
        super().__init__(use_library=False)
        self.masked: list[str] = []

    def mask(self, text: str) -> MaskResult:
        self.masked.append(text)
        return super().mask(text)


def test_when_everything_fits_only_the_fullest_renditions_are_masked() -> None:
    sections = [_section("a", (50, 5)), _section("b", (40, 4)), _logs()]
    masker = _CountingMasker()
    fitted = fit(sections, 10_000, masker)
    assert [s.variant for s in fitted.sections] == [0, 0, 0]
    assert masker.masked == [s.render(0) for s in sections]


@pytest.mark.parametrize("spare", [0, 1])
def test_a_budget_just_large_enough_for_everything_gives_everything(spare: int) -> None:
    sections = [_section("a", (50, 5)), _section("b", (40, 4))]
    whole = fit(sections, 10_000, MASKER)
    needed = sum(s.tokens for s in whole.sections)
    assert [s.variant for s in fit(sections, needed + spare, MASKER).sections] == [0, 0]
    # One token short, the general path decides, and something gives way.
    assert fit(sections, needed - 1, MASKER).degraded != ()
