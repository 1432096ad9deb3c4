"""A log line's shape: the line with every digit read as ``0``.

Lines of one shape differ only in their digits. The templating and level patterns treat the
ten digits alike (each character class holds all of them or none), so their matches fall in
the same places on every line of a shape; that is what lets a digest remember a template or a
level per shape instead of computing it per line (``templating.Templates``, ``levels.Levels``).
"""

from __future__ import annotations

_STR_ZEROS = str.maketrans("123456789", "000000000")
_BYTES_ZEROS = bytes.maketrans(b"123456789", b"000000000")


def shape_of(line: str) -> str | bytes:
    """``line`` with each digit 1-9 replaced by ``0`` (bytes for ASCII lines: ten times faster)."""
    try:
        return line.encode("ascii").translate(_BYTES_ZEROS)
    except UnicodeEncodeError:
        return line.translate(_STR_ZEROS)
