"""Where input documents come from: files, folders, globs and standard input.

Inputs are opened lazily, one at a time, so a folder of any size streams through in
constant memory. Sidecar metadata files (`NAME.json` beside `NAME.txt`) belong to their
document and are not inputs of their own.
"""

from __future__ import annotations

import glob
import io
import json
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from newstrace.errors import InputRejected

GLOB_CHARS = set("*?[")
STDIN = "-"


@dataclass(frozen=True)
class RawInput:
    """One input document before its format is known.

    `data` holds the whole input, except for archives too large to hold, which keep only
    their first bytes in `data` and are streamed from `path` (see `open_stream`).
    """

    ref: str
    path: Path | None
    data: bytes
    size: int

    @property
    def complete(self) -> bool:
        return len(self.data) == self.size

    def open_stream(self) -> BinaryIO:
        if self.complete or self.path is None:
            return io.BytesIO(self.data)
        return self.path.open("rb")


def _sidecar_of(path: Path) -> Path | None:
    if path.suffix.lower() == ".json":
        return None
    candidate = path.with_suffix(".json")
    return candidate if candidate.is_file() else None


def _is_sidecar(path: Path) -> bool:
    if path.suffix.lower() != ".json":
        return False
    return any(
        sibling.is_file() and sibling != path and sibling.suffix.lower() != ".json"
        for sibling in path.parent.glob(glob.escape(path.stem) + ".*")
    )


def read_sidecar(path: Path | None) -> dict[str, Any]:
    """Metadata from `NAME.json` beside `path`; a broken sidecar rejects the document."""
    sidecar = _sidecar_of(path) if path else None
    if sidecar is None:
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputRejected(str(sidecar), "bad_sidecar", f"sidecar is not valid JSON: {exc}")\
            from None
    if not isinstance(data, dict):
        raise InputRejected(str(sidecar), "bad_sidecar", "sidecar must hold a JSON object")
    return data


def _walk(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.is_file() and not _is_sidecar(path):
            yield path


def expand(specs: list[str]) -> Iterator[Path | str | InputRejected]:
    """Each input path in order: files as given, folders recursively, globs expanded."""
    for spec in specs:
        if spec == STDIN:
            yield STDIN
            continue
        if GLOB_CHARS & set(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield InputRejected(spec, "not_found", "the pattern matches no file")
            for match in matches:
                path = Path(match)
                if path.is_dir():
                    yield from _walk(path)
                elif not _is_sidecar(path):
                    yield path
            continue
        path = Path(spec)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        else:
            yield InputRejected(spec, "not_found", "no such file or folder")


HEAD_BYTES = 64 * 1024


def read_input(item: Path | str, max_bytes: int, stdin: BinaryIO | None = None) -> RawInput:
    """Read one input, refusing a document over the size limit before reading it.

    Archives (WARC) may exceed the limit as files: the limit then applies to each record.
    """
    if item == STDIN:
        stream = stdin or sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputRejected(
                "<stdin>", "too_large", f"input exceeds the {max_bytes:,}-byte limit"
            )
        return RawInput("<stdin>", None, data, len(data))
    assert isinstance(item, Path)
    ref = str(item)
    try:
        size = item.stat().st_size
        with item.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
            if is_warc_head(head):  # archives are streamed, whatever their size
                return RawInput(ref, item, head, size)
            if size > max_bytes:
                raise InputRejected(
                    ref, "too_large", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit"
                )
            rest = handle.read()
    except OSError as exc:
        raise InputRejected(ref, "unreadable", f"cannot read the file: {exc.strerror}") from None
    return RawInput(ref, item, head + rest, size)


def is_warc_head(head: bytes) -> bool:
    """True for the first bytes of a WARC file, gzipped or not."""
    if head.startswith(b"WARC/"):
        return True
    if head[:2] == b"\x1f\x8b":
        try:
            return zlib.decompressobj(31).decompress(head, 16).startswith(b"WARC/")
        except zlib.error:
            return False
    return False
