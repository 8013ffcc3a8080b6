"""Rendering records for people (tables) and for programs (JSON Lines).

Article text is untrusted: terminal control characters are stripped from everything shown
in a table, so a hostile title cannot rewrite the user's terminal.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(value: Any) -> str:
    """A value as one line of terminal-safe text."""
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value))
    return " ".join(text.split())


def safe_block(value: str) -> str:
    """Multi-line text with terminal control characters removed, newlines kept."""
    return "\n".join(_CONTROL.sub("", line) for line in value.split("\n"))


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        count += 1
    return count


def write_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], out: TextIO,
    width: int | None = None,
) -> None:
    """A plain-text table; the widest column gives way first when the terminal is narrow."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    cells = [[safe(row.get(key)) for key, _ in columns] for row in rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, (_, h) in enumerate(columns)]
    while sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    header = "  ".join(h.ljust(widths[i]) for i, (_, h) in enumerate(columns))
    out.write(header.rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        parts = [_fit(cell, widths[i]) for i, cell in enumerate(row)]
        out.write("  ".join(parts).rstrip() + "\n")


def _fit(cell: str, width: int) -> str:
    if len(cell) <= width:
        return cell.ljust(width)
    return cell[: max(0, width - 1)] + "…"
