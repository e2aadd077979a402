"""The one-process engine, and the block processor every engine shares.

A block of raw JSONL lines goes in; the same number of output lines comes
out. Texts longer than `nlp.max_length` are cut at paragraph or sentence
ends and their results shifted back to whole-text offsets. When a batch
fails, its documents are retried one by one so one bad text costs one line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable, Iterator

import spacy
from spacy.language import Language

from .. import io, schema
from . import Block, BlockResult

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?…])\s+"), re.compile(r"\s+"))


def load_pipeline(model: str | Path) -> Language:
    """`spacy.load` with an error that says what to do when the model is missing."""
    try:
        return spacy.load(model)
    except OSError as err:
        raise SystemExit(
            f"cannot load pipeline {str(model)!r}: give --model a pipeline directory or an installed "
            f"package name, or build the default with `spacy project run all` ({err})"
        ) from None


def split_text(text: str, max_length: int) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most `max_length` characters, cut at the best break."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_length:
        window = text[start : start + max_length]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, max_length // 2)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or max_length
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


class Extractor:
    """Turns blocks of input lines into output lines with one loaded pipeline."""

    def __init__(self, nlp: Language, *, batch_size: int = 64, n_process: int = 1, source: str = "input",
                 memory_zone: bool = False, warm_blocks: int = 2):
        self.nlp = nlp
        self.batch_size = batch_size
        self.n_process = n_process
        self.source = source
        # A long-running worker would grow its StringStore with every new number and name;
        # inside `nlp.memory_zone()` what a block adds is freed after it. The first blocks run
        # outside a zone, so the tokenizer cache keeps the common words (a warm cache).
        self.memory_zone = memory_zone and hasattr(nlp, "memory_zone")
        self.warm_blocks = warm_blocks
        self._blocks_seen = 0

    def _make_doc(self, text: str, date: str | None):
        doc = self.nlp.make_doc(text)
        if date:
            doc.user_data[io.DATE_KEY] = date
        return doc

    def _run(self, jobs: list[tuple[int, int, str, str | None]]) -> list[dict | Exception]:
        """Results for (task, offset, piece, date) jobs: a shifted record or the exception."""
        try:
            docs = [self._make_doc(piece, date) for _, _, piece, date in jobs]
            n_process = self.n_process if len(docs) > self.batch_size else 1
            out = list(self.nlp.pipe(docs, batch_size=self.batch_size, n_process=n_process))
            return [schema.shift(schema.doc_to_json(doc), offset) for doc, (_, offset, _, _) in zip(out, jobs)]
        except Exception:
            if len(jobs) == 1:
                return [self._one(*jobs[0][1:])]
            return [self._one(offset, piece, date) for _, offset, piece, date in jobs]

    def _one(self, offset: int, piece: str, date: str | None) -> dict | Exception:
        try:
            doc = self.nlp(self._make_doc(piece, date))
            return schema.shift(schema.doc_to_json(doc), offset)
        except Exception as err:  # noqa: BLE001 - reported per line, the run goes on
            return err

    def process_block(self, lines: list[tuple[int, str]], source: str | None = None) -> list[str]:
        """Output lines for a block of (line number, raw line), same length, same order."""
        return self._process(lines, source or self.source)[0]

    def process(self, block: Block) -> BlockResult:
        """`process_block` for an engine `Block`, with its word and error counts."""
        out, words, errors = self._process(block.lines, block.source)
        return BlockResult(block.tag, out, words, errors)

    def _process(self, lines: list[tuple[int, str]], source: str) -> tuple[list[str], int, int]:
        self._blocks_seen += 1
        if self.memory_zone and self._blocks_seen > self.warm_blocks:
            with self.nlp.memory_zone():
                return self._process_lines(lines, source)
        return self._process_lines(lines, source)

    def _process_lines(self, lines: list[tuple[int, str]], source: str) -> tuple[list[str], int, int]:
        parsed = [io.parse_line(no, line, source) for no, line in lines]
        jobs: list[tuple[int, int, str, str | None]] = []
        words = 0
        for index, task in enumerate(parsed):
            if isinstance(task, io.Task):
                words += len(task.text.split())
                for offset, piece in split_text(task.text, self.nlp.max_length):
                    jobs.append((index, offset, piece, task.date))
        results = self._run(jobs) if jobs else []
        pieces: dict[int, list[dict | Exception]] = {}
        for (index, *_), result in zip(jobs, results):
            pieces.setdefault(index, []).append(result)
        out: list[str] = []
        errors = 0
        for index, task in enumerate(parsed):
            if not isinstance(task, io.Task):
                out.append(io.dump(task))
                errors += 1
                continue
            got = pieces[index]
            failed = [r for r in got if isinstance(r, Exception)]
            if failed:
                err = failed[0]
                record = {"id": task.id, "error": f"line {task.line_no} of {source}: "
                                                  f"{type(err).__name__}: {err}"}
                errors += 1
            else:
                record = schema.merge(got, task.id)  # type: ignore[arg-type]
            out.append(io.dump(record))
        return out, words, errors


BLOCK_LINES = 256
BLOCK_CHARS = 4_000_000  # a block also ends here, so one block of huge articles stays small


def blocks(lines: Iterable[tuple[int, str]], size: int = BLOCK_LINES,
           max_chars: int = BLOCK_CHARS) -> Iterator[list[tuple[int, str]]]:
    """Consecutive blocks of at most `size` lines (and about `max_chars`), read lazily."""
    block: list[tuple[int, str]] = []
    chars = 0
    for item in lines:
        block.append(item)
        chars += len(item[1])
        if len(block) >= size or chars >= max_chars:
            yield block
            block = []
            chars = 0
    if block:
        yield block


class LocalEngine:
    """The engine interface over one `Extractor` in this process."""

    name = "local"

    def __init__(self, extractor: Extractor):
        self.extractor = extractor
        self.startup_seconds = 0.0

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def map(self, blocks: Iterable[Block]) -> Iterator[BlockResult]:
        for block in blocks:
            yield self.extractor.process(block)


def run(
    lines: Iterable[tuple[int, str]],
    extractor: Extractor,
    *,
    block_size: int | None = None,
    on_block: Callable[[list[str]], None] | None = None,
) -> Iterator[str]:
    """Output lines for numbered input lines, in order, a block at a time."""
    size = block_size or max(extractor.batch_size * 4 * max(extractor.n_process, 1), 16)
    for block in blocks(lines, size):
        out = extractor.process_block(block)
        if on_block:
            on_block(out)
        yield from out
