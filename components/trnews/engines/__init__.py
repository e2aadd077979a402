"""Engines: take blocks of numbered input lines, yield output lines, in order.

`local` runs `nlp.pipe` in this process (or spaCy's own worker processes);
`dask` spreads the blocks over a dask.distributed cluster. Both share
`local.Extractor.process`, so their output is byte-identical. An engine is a
context manager with `map(blocks) -> Iterator[BlockResult]`; nothing else of
the CLI leaks into it, so a Ray or Spark engine can sit beside these two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Block:
    """Consecutive input lines of one input part; `tag` is the caller's, passed through."""

    tag: Any
    source: str
    lines: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class BlockResult:
    """The output lines of one block (same length, same order) and what they counted."""

    tag: Any
    lines: list[str]
    words: int = 0
    errors: int = 0
