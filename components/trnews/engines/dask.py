"""The Dask engine: blocks of input lines run on a dask.distributed cluster.

Each worker process loads the pipeline once (a worker plugin fills a
per-process cache) and turns a block of raw JSONL lines into output lines with
the same `local.Extractor` as the local engine, so output is byte-identical.
Only lines travel: raw lines to the worker, JSON lines back. A bounded number
of blocks is in flight, results come back in input order, and a block whose
worker died is simply run again by the scheduler, so every line comes out once.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

from distributed import Client, LocalCluster, WorkerPlugin
from distributed.scheduler import KilledWorker

from .. import io
from . import Block, BlockResult, local

DEFAULT_BLOCK_LINES = 32
WARM_UP = '{"id": 0, "text": "Ankara\'da konuşan Bakan, \\"Üretim yılda 3,5 milyon ton arttı\\" dedi."}'

_EXTRACTORS: dict[tuple[str, int], local.Extractor] = {}


def _extractor(model: str, batch_size: int) -> local.Extractor:
    """This process's Extractor for `model`: loaded on first use, then reused."""
    key = (model, batch_size)
    if key not in _EXTRACTORS:
        try:
            nlp = local.load_pipeline(model)
        except SystemExit as err:  # load_pipeline speaks to a CLI user; a worker must raise
            raise RuntimeError(str(err)) from None
        extractor = local.Extractor(nlp, batch_size=batch_size, memory_zone=True)
        # Lazily loaded tables (lexeme attributes, lookups) load now, not in the first block.
        extractor.process_block([(0, WARM_UP)], "warm-up")
        _EXTRACTORS[key] = extractor
    return _EXTRACTORS[key]


def process_lines(model: str, batch_size: int, source: str,
                  lines: list[tuple[int, str]]) -> tuple[list[str], int, int]:
    """The task a worker runs: (output lines, words, errors) for one block."""
    result = _extractor(model, batch_size).process(Block(None, source, lines))
    return result.lines, result.words, result.errors


class LoadPipeline(WorkerPlugin):
    """Loads the pipeline when a worker starts (and when a restarted worker comes back)."""

    idempotent = True

    def __init__(self, model: str, batch_size: int):
        self.model = model
        self.batch_size = batch_size
        self.name = f"trnews-pipeline-{model}-{batch_size}"

    def setup(self, worker) -> None:
        _extractor(self.model, self.batch_size)


def model_reference(model: str | Path) -> str:
    """An absolute path when `model` is a local directory (workers do not share our cwd
    on a real cluster, but a path on a shared filesystem is the same everywhere);
    otherwise the name as given (an installed package)."""
    path = Path(model)
    return str(path.resolve()) if path.exists() else str(model)


class DaskEngine:
    """Engine over a dask.distributed cluster: a LocalCluster of `workers` processes,
    or the cluster whose scheduler listens at `scheduler`."""

    name = "dask"

    def __init__(self, model: str | Path, *, workers: int | None = None, scheduler: str | None = None,
                 batch_size: int = 64, in_flight: int | None = None):
        self.model = model_reference(model)
        self.workers = workers
        self.scheduler = scheduler
        self.batch_size = batch_size
        self.in_flight = in_flight
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self.startup_seconds = 0.0

    def __enter__(self) -> "DaskEngine":
        started = time.perf_counter()
        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)
        try:
            self._load_pipeline_on_workers()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.startup_seconds = time.perf_counter() - started
        return self

    def _load_pipeline_on_workers(self) -> None:
        assert self.client is not None
        self.client.wait_for_workers(1, timeout=120)
        replies = self.client.register_plugin(LoadPipeline(self.model, self.batch_size))
        failed = {addr: reply for addr, reply in (replies or {}).items()
                  if isinstance(reply, dict) and reply.get("status") == "error"}
        if failed:
            addr, reply = next(iter(failed.items()))
            raise RuntimeError(f"worker {addr} cannot load pipeline {self.model!r}: {reply.get('exception')}")

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close(timeout=10)
            self.client = None
        if self.cluster is not None:
            self.cluster.close(timeout=20)
            self.cluster = None

    def _n_workers(self) -> int:
        assert self.client is not None
        return max(len(self.client.scheduler_info(n_workers=-1).get("workers", {})), 1) \
            if self.scheduler else (self.workers or os.cpu_count() or 1)

    def _submit(self, block: Block):
        assert self.client is not None
        return self.client.submit(process_lines, self.model, self.batch_size, block.source, block.lines,
                                  pure=False, retries=1)

    def map(self, blocks: Iterable[Block]) -> Iterator[BlockResult]:
        """Results in input order; at most `in_flight` blocks submitted and not yet yielded."""
        limit = self.in_flight or 3 * self._n_workers() + 2
        pending: deque = deque()
        source = iter(blocks)
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                block = next(source, None)
                if block is None:
                    exhausted = True
                elif not block.lines:
                    pending.append((block, None))
                else:
                    pending.append((block, self._submit(block)))
            if not pending:
                return
            block, future = pending.popleft()
            if future is None:
                yield BlockResult(block.tag, [])
                continue
            yield BlockResult(block.tag, *self._result(block, future))

    def _result(self, block: Block, future) -> tuple[list[str], int, int]:
        try:
            return future.result()
        except KilledWorker:
            # The scheduler gave up on this block after it took down several workers:
            # isolate the line(s) responsible, so only they become error records.
            if len(block.lines) == 1:
                return self._poison_line(block)
            out: list[str] = []
            words = errors = 0
            singles = [(Block(block.tag, block.source, [line]), self._submit(Block(None, block.source, [line])))
                       for line in block.lines]
            for single, fut in singles:
                lines, w, e = self._result(single, fut)
                out += lines
                words += w
                errors += e
            return out, words, errors
        finally:
            future.release()

    @staticmethod
    def _poison_line(block: Block) -> tuple[list[str], int, int]:
        (line_no, line), = block.lines
        task = io.parse_line(line_no, line, block.source)
        doc_id = task.id if isinstance(task, io.Task) else task.get("id")
        message = f"line {line_no} of {block.source}: the worker processing this line died, repeatedly"
        return [io.dump({"id": doc_id, "error": message})], 0, 1


def run(lines: Iterable[tuple[int, str]], model: str | Path, *, workers: int | None = None,
        scheduler: str | None = None, batch_size: int = 64, block_size: int = DEFAULT_BLOCK_LINES,
        source: str = "input") -> Iterator[str]:
    """Output lines for numbered input lines, in order: the engine seam in one call."""
    with DaskEngine(model, workers=workers, scheduler=scheduler, batch_size=batch_size) as engine:
        blocks = (Block(None, source, block) for block in local.blocks(lines, block_size))
        for result in engine.map(blocks):
            yield from result.lines
