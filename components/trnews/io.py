"""JSONL in and out: one record or one error per input line, in input order.

Parsing never raises: a line that is not a JSON object, has no string `text`
or cannot be processed becomes `{"id": ..., "error": "..."}` so the output
stays aligned with the input line for line.
"""

from __future__ import annotations

import glob as globlib
import gzip
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator

_SURROGATE = re.compile("[\ud800-\udfff]")
DATE_KEY = "trnews.date"  # doc.user_data key for the publication date (YYYY-MM-DD)


@dataclass
class Task:
    """One input line that parsed: what the pipeline needs to process it."""

    line_no: int
    id: Any
    text: str
    date: str | None = None


def open_text(path: str | Path, mode: str = "r") -> IO[str]:
    """Open a path (or `-` for stdin/stdout) as UTF-8 text; `.gz` is transparent."""
    if str(path) == "-":
        stream = sys.stdin if "r" in mode else sys.stdout
        return io.TextIOWrapper(stream.buffer, encoding="utf-8", errors="surrogateescape", newline="\n") \
            if hasattr(stream, "buffer") else stream
    if str(path).endswith(".gz"):
        return gzip.open(path, mode + "t", encoding="utf-8", errors="surrogateescape", newline="\n")
    return open(path, mode, encoding="utf-8", errors="surrogateescape", newline="\n")


def read_lines(handle: IO[str]) -> Iterator[tuple[int, str]]:
    """(1-based line number, line without its newline) for every line, empty ones included.

    Only `\\n` ends a line: a stray `\\r` or U+2028 inside a JSON string must not
    split one record into two. A UTF-8 byte order mark before the first line is dropped.
    """
    for line_no, line in enumerate(handle, start=1):
        if line_no == 1 and line.startswith("\ufeff"):  # a byte order mark from an editor, not data
            line = line[1:]
        yield line_no, line.rstrip("\n").rstrip("\r")


def parse_line(line_no: int, line: str, source: str = "input") -> Task | dict:
    """A `Task`, or the error record for this line."""
    where = f"line {line_no} of {source}"
    if not line.strip():
        return {"id": None, "error": f"{where}: empty line"}
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as err:
        return {"id": None, "error": f"{where}: not valid JSON ({err})"}
    if not isinstance(obj, dict):
        return {"id": None, "error": f"{where}: expected a JSON object, got {type(obj).__name__}"}
    doc_id = obj.get("id")
    text = obj.get("text")
    if not isinstance(text, str):
        got = "missing" if "text" not in obj else json.dumps(text)[:40]
        return {"id": doc_id, "error": f"{where}: 'text' must be a string, got {got}"}
    if _SURROGATE.search(text):
        return {"id": doc_id, "error": f"{where}: 'text' holds unpaired surrogate code points"}
    date = obj.get("date")
    if not (isinstance(date, str) and len(date) >= 4 and date[:4].isdigit()):
        date = None
    return Task(line_no=line_no, id=doc_id, text=text, date=date)


def dump(record: dict) -> str:
    """One output line (no newline). Deterministic, so engines agree byte for byte."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


# -- many input parts -> one output directory ------------------------------------------------

PART_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
MANIFEST = "manifest.json"


@dataclass
class Part:
    """One input file and the name of its output part (its path relative to the input root)."""

    path: Path
    name: str


def input_parts(spec: str) -> list[Part]:
    """The input files `spec` names: a file, a directory (searched recursively for
    *.jsonl[.gz]) or a glob pattern; sorted, so parts come out in a stable order."""
    path = Path(spec)
    if path.is_dir():
        files = sorted(f for f in path.rglob("*") if f.is_file() and f.name.endswith(PART_SUFFIXES))
        return [Part(f, f.relative_to(path).as_posix()) for f in files]
    if any(ch in spec for ch in "*?["):
        root = Path(_glob_root(spec))
        files = sorted(Path(f) for f in globlib.glob(spec, recursive=True) if Path(f).is_file())
        return [Part(f, f.relative_to(root).as_posix() if f.is_relative_to(root) else f.name) for f in files]
    return [Part(path, path.name)]


def _glob_root(spec: str) -> str:
    """The directory part of a glob pattern before its first wildcard."""
    parts = Path(spec).parts
    fixed = []
    for piece in parts[:-1]:
        if any(ch in piece for ch in "*?["):
            break
        fixed.append(piece)
    return str(Path(*fixed)) if fixed else "."


class AtomicPart:
    """An output part written to a hidden temp file, renamed into place when complete,
    so a part that exists is a complete part (what `--resume` relies on)."""

    def __init__(self, path: Path):
        self.path = path
        self.partial = path.with_name(f".{path.name}.partial")
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.partial, "wb")
        # mtime=0 and no per-block compressor flush: the same lines give the same bytes
        self._gzip = gzip.GzipFile(filename="", mode="wb", fileobj=self._file, mtime=0) \
            if path.name.endswith(".gz") else None

    def write(self, lines: list[str]) -> None:
        data = "".join(line + "\n" for line in lines).encode("utf-8", "surrogateescape")
        if self._gzip is not None:
            self._gzip.write(data)
        else:
            self._file.write(data)
            self._file.flush()

    def _close(self) -> None:
        if self._gzip is not None:
            self._gzip.close()  # GzipFile leaves a file it was given open
        self._file.close()

    def commit(self) -> None:
        self._close()
        os.replace(self.partial, self.path)

    def abandon(self) -> None:
        """Keep what was written as `.NAME.partial` (flushed); `--resume` redoes the part."""
        self._close()


def read_manifest(directory: Path) -> dict:
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def write_manifest(directory: Path, manifest: dict) -> None:
    """Atomically, like the parts."""
    tmp = directory / f".{MANIFEST}.partial"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, directory / MANIFEST)
