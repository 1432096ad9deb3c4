"""Hidden markers that let autofix find its own comments and issues again."""

from __future__ import annotations

import pytest

from pipeline.github.markers import has_marker, marker, with_marker


def test_a_marker_is_an_html_comment() -> None:
    assert marker("incident/42") == "<!-- autofix:incident/42 -->"


@pytest.mark.parametrize("key", ["", "a b", "x-->y", "<script>"])
def test_keys_that_could_break_out_are_refused(key: str) -> None:
    with pytest.raises(ValueError, match="marker keys"):
        marker(key)


def test_with_marker_adds_it_once() -> None:
    once = with_marker("Status: working", "status")
    assert with_marker(once, "status") == once
    assert once.startswith("Status: working")
    assert has_marker(once, "status")
    assert not has_marker(once, "status2")
    assert not has_marker(None, "status")
