from __future__ import annotations

from pipeline.context.log_digest import digest_logs
from pipeline.context.log_render import log_section
from pipeline.context.tokens import estimate_tokens
from tests.unit.pipeline.context.sample_logs import incident_logs


def _section() -> tuple[list[str], list[str]]:
    digest = digest_logs(incident_logs(), "deploy")
    errors = [g.example.split("\n")[-1] for g in digest.groups if g.rank == 0]
    return list(log_section(digest, "Deployment logs").variants), errors


def test_renditions_shrink_from_first_to_last() -> None:
    variants, _ = _section()
    sizes = [estimate_tokens(v) for v in variants]
    assert len(variants) >= 4
    assert sizes == sorted(sizes, reverse=True)


def test_fullest_rendition_shows_traces_whole_and_info_lines() -> None:
    variants, _ = _section()
    full = variants[0]
    assert "Traceback (most recent call last):" in full
    assert "connection was closed mid-operation" in full
    assert "heartbeat ok" in full
    assert "DEBUG" in full


def test_every_rendition_keeps_every_error_template() -> None:
    variants, errors = _section()
    assert len(errors) == 3
    for variant in variants:
        assert variant.count("- ERROR") == len(errors)


def test_smallest_rendition_is_one_line_per_error_and_says_what_it_left_out() -> None:
    variants, _ = _section()
    smallest = variants[-1].split("\n")
    assert all(line.startswith(("- ERROR", "(left out")) for line in smallest[1:])
    assert "ConnectionDoesNotExistError" in variants[-1]
    assert "left out: 6 lower-level templates" in variants[-1]


def test_middle_renditions_fold_library_frames() -> None:
    variants, _ = _section()
    folded = [v for v in variants if "library frame lines" in v]
    assert folded
    assert "site-packages/fastapi" not in folded[0]
