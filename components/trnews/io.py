"""JSONL in and out: one record or one error per input line, in input order.

Parsing never raises: a line that is not a JSON object, has no string `text`
or cannot be processed becomes `{"id": ..., "error": "..."}` so the output
stays aligned with the input line for line.
"""

from __future__ import annotations

import gzip
import io
import json
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
    split one record into two.
    """
    for line_no, line in enumerate(handle, start=1):
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
