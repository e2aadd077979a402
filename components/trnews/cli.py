"""Command line: `python -m trnews extract INPUT OUTPUT` (and friends).

Every input line gets one output line, written and flushed as soon as its
block is done, so an interrupted run keeps everything it processed. A
directory or glob INPUT gives an OUTPUT directory: one part per input part,
each renamed into place when complete, and a manifest.json.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer

from . import io
from .engines import Block, BlockResult, local

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

DEFAULT_MODEL = "training/pipeline"


class Summary:
    """Counts lines, words and errors as results go by; prints a report on stderr."""

    def __init__(self) -> None:
        self.lines = 0
        self.words = 0
        self.n_errors = 0
        self.errors: list[str] = []
        self.started = time.perf_counter()

    def see(self, result: BlockResult) -> None:
        self.lines += len(result.lines)
        self.words += result.words
        self.n_errors += result.errors
        if result.errors and len(self.errors) < 10:
            for line in result.lines:
                if line.startswith('{"id": ') and '"error": ' in line[:400]:
                    record = json.loads(line)
                    if "error" in record:
                        self.errors.append(record["error"])

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def report(self, interrupted: bool = False, extra: str = "") -> None:
        head = "interrupted after" if interrupted else "done:"
        typer.echo(f"trnews extract {head} {self.lines} lines written, {self.n_errors} with errors, "
                   f"{self.words} words, {self.seconds:.1f}s{extra}", err=True)
        for message in self.errors[:10]:
            typer.echo(f"  {message}", err=True)
        if self.n_errors > 10:
            typer.echo(f"  ... and {self.n_errors - 10} more", err=True)


class ProgressLine:
    """One status line on stderr: redrawn in place on a terminal, every 10 s in a log."""

    def __init__(self, enabled: bool, parts: int):
        self.enabled = enabled
        self.parts = parts
        self.tty = sys.stderr.isatty()
        self.interval = 0.25 if self.tty else 10.0
        self.last = time.perf_counter()
        self.drawn = False

    def update(self, summary: Summary, parts_done: int, force: bool = False) -> None:
        now = time.perf_counter()
        if not self.enabled or (not force and now - self.last < self.interval):
            return
        self.last = now
        rate = summary.lines / max(summary.seconds, 1e-9)
        text = (f"trnews: {parts_done}/{self.parts} parts, {summary.lines} lines, {rate:,.0f} lines/s, "
                f"{summary.words / max(summary.seconds, 1e-9):,.0f} words/s, {summary.n_errors} errors")
        if self.tty:
            sys.stderr.write("\r\x1b[K" + text)
            self.drawn = True
        else:
            sys.stderr.write(text + "\n")
        sys.stderr.flush()

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class Interrupts:
    """Ctrl-C raises KeyboardInterrupt, but never in the middle of writing a block and
    counting it: the output and the summary always agree."""

    def __init__(self) -> None:
        self.critical = False
        self.pending = False

    def handler(self, signum, frame) -> None:
        if self.critical:
            self.pending = True
        else:
            raise KeyboardInterrupt

    @contextmanager
    def installed(self) -> Iterator[None]:
        try:
            previous = signal.signal(signal.SIGINT, self.handler)
        except ValueError:  # not the main thread (e.g. called from a test runner's thread)
            yield
            return
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)

    @contextmanager
    def critical_section(self) -> Iterator[None]:
        self.critical = True
        try:
            yield
        finally:
            self.critical = False
            if self.pending:
                self.pending = False
                raise KeyboardInterrupt


@app.callback()
def _group() -> None:
    """trnews: Turkish news extraction with spaCy."""


@app.command()
def extract(
    input: str = typer.Argument(..., help="JSONL input ({'id', 'text', 'date'?} per line), .jsonl.gz, "
                                          "a directory or glob of them, or '-'"),
    output: str = typer.Argument(..., help="JSONL output path, '-' for stdout, or a directory (one part per "
                                           "input part, plus manifest.json)"),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", help="pipeline directory or installed package"),
    engine: str = typer.Option("local", "--engine", "-e", help="local (this process) or dask (a cluster)"),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1,
                                          help="dask: worker processes of the local cluster (default: cores)"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="dask: attach to this scheduler (tcp://host:8786) instead"),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1, help="local: processes for nlp.pipe"),
    batch_size: int = typer.Option(64, "--batch-size", "-b", min=1, help="documents per nlp.pipe batch"),
    block_size: Optional[int] = typer.Option(None, "--block-size", min=1,
                                             help="lines per block (the unit of work and of flushing)"),
    resume: bool = typer.Option(False, "--resume", help="directory output: skip parts already complete"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress line"),
) -> None:
    """Extract entities, quantities and quotes: one output line per input line, in order."""
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"unknown engine {engine!r}: use local or dask", param_hint="--engine")
    if (workers or scheduler) and engine != "dask":
        engine = "dask"
    parts = [io.Part(Path("-"), "-")] if input == "-" else io.input_parts(input)
    if not parts or (len(parts) == 1 and str(parts[0].path) != "-" and not parts[0].path.is_file()):
        raise typer.BadParameter(f"no input file(s) at {input}", param_hint="INPUT")
    to_directory = (Path(input).is_dir() or len(parts) > 1 or any(ch in input for ch in "*?[")
                    or output.endswith(("/", "\\")) or Path(output).is_dir())
    if to_directory and output == "-":
        raise typer.BadParameter("several input parts need an output directory, not '-'", param_hint="OUTPUT")
    if resume and not to_directory:
        raise typer.BadParameter("--resume needs a directory OUTPUT", param_hint="--resume")

    summary = Summary()
    progress = ProgressLine(not quiet, len(parts))
    interrupts = Interrupts()
    with interrupts.installed():
        try:
            with _engine(engine, model, workers, scheduler, n_process, batch_size) as runner:
                size = block_size or _default_block_size(engine, batch_size, n_process)
                summary.started = time.perf_counter()  # throughput without the startup
                if to_directory:
                    extra = _run_parts(runner, parts, Path(output), size, summary, progress, interrupts,
                                       resume, {"engine": engine, "model": model, "input": input,
                                                "workers": workers, "scheduler": scheduler})
                else:
                    extra = _run_file(runner, parts[0], output, size, summary, progress, interrupts)
        except KeyboardInterrupt:
            progress.close()
            summary.report(interrupted=True)
            raise typer.Exit(130)
    progress.close()
    summary.report(extra=extra)


def _default_block_size(engine: str, batch_size: int, n_process: int) -> int:
    if engine == "dask":
        from .engines.dask import DEFAULT_BLOCK_LINES

        return DEFAULT_BLOCK_LINES
    return max(batch_size * 4 * n_process, 16)


@contextmanager
def _engine(engine: str, model: str, workers: Optional[int], scheduler: Optional[str], n_process: int,
            batch_size: int):
    if engine == "dask":
        try:
            from .engines.dask import DaskEngine
        except ImportError as err:
            raise SystemExit(f"--engine dask needs dask.distributed: pip install 'trnews[dask]' ({err})")
        with DaskEngine(model, workers=workers, scheduler=scheduler, batch_size=batch_size) as runner:
            yield runner
        return
    nlp = local.load_pipeline(model)
    with local.LocalEngine(local.Extractor(nlp, batch_size=batch_size, n_process=n_process)) as runner:
        yield runner


def _startup(runner) -> str:
    return f" (+{runner.startup_seconds:.1f}s startup)" if runner.startup_seconds >= 0.05 else ""


def _blocks(part: io.Part, src, size: int, tag) -> Iterator[Block]:
    """Blocks of one part, the last one tagged so the writer knows the part is complete."""
    previous: list[tuple[int, str]] | None = None
    for block in local.blocks(io.read_lines(src), size):
        if previous is not None:
            yield Block((tag, False), part.name, previous)
        previous = block
    yield Block((tag, True), part.name, previous or [])


def _run_file(runner, part: io.Part, output: str, size: int, summary: Summary, progress: ProgressLine,
              interrupts: Interrupts) -> str:
    source = "stdin" if str(part.path) == "-" else part.path.name
    with io.open_text(part.path) as src, io.open_text(output, "w") as dst:
        for result in runner.map(_blocks(io.Part(part.path, source), src, size, 0)):
            with interrupts.critical_section():
                dst.write("".join(line + "\n" for line in result.lines))
                dst.flush()
                summary.see(result)
            progress.update(summary, 1 if result.tag[1] else 0)
    return _startup(runner)


def _run_parts(runner, parts: list[io.Part], out_dir: Path, size: int, summary: Summary,
               progress: ProgressLine, interrupts: Interrupts, resume: bool, about: dict) -> str:
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = io.read_manifest(out_dir) if resume else {}
    done = {entry["output"]: entry for entry in previous.get("parts", []) if isinstance(entry, dict)}
    entries: dict[str, dict] = {}
    todo: list[io.Part] = []
    for part in parts:
        entry = done.get(part.name)
        if resume and entry and (out_dir / part.name).is_file():
            entries[part.name] = entry
        else:
            todo.append(part)
    skipped = len(entries)
    manifest = {**about, "complete": False, "parts": []}

    def save(complete: bool) -> None:
        listed = [entries[p.name] for p in parts if p.name in entries]
        totals = {key: sum(entry[key] for entry in listed) for key in ("lines", "errors", "words")}
        manifest.update(complete=complete, parts=listed, **totals, seconds=round(summary.seconds, 3),
                        startup_seconds=round(runner.startup_seconds, 3))
        io.write_manifest(out_dir, manifest)

    def stream() -> Iterator[Block]:
        for index, part in enumerate(todo):
            with io.open_text(part.path) as src:
                yield from _blocks(part, src, size, index)

    writers: dict[int, tuple[io.AtomicPart, dict, float]] = {}
    try:
        for result in runner.map(stream()):
            index, last = result.tag
            with interrupts.critical_section():
                if index not in writers:
                    stats = {"input": str(todo[index].path), "output": todo[index].name,
                             "lines": 0, "errors": 0, "words": 0, "seconds": 0.0}
                    writers[index] = (io.AtomicPart(out_dir / todo[index].name), stats, time.perf_counter())
                writer, stats, started = writers[index]
                writer.write(result.lines)
                stats["lines"] += len(result.lines)
                stats["errors"] += result.errors
                stats["words"] += result.words
                summary.see(result)
                if last:
                    writer.commit()
                    del writers[index]
                    stats["seconds"] = round(time.perf_counter() - started, 3)
                    entries[stats["output"]] = stats
                    save(complete=False)
            progress.update(summary, len(entries), force=last)
    finally:
        for writer, _, _ in writers.values():
            writer.abandon()
        save(complete=len(entries) == len(parts))
    resumed = f", {skipped} parts already complete" if skipped else ""
    return f"{_startup(runner)}; {len(parts)} parts in {out_dir}{resumed}"


@app.command()
def render(
    input: str = typer.Argument(..., help="JSONL input ({'id', 'text', 'date'?} per line), .jsonl.gz, or '-'"),
    output: Path = typer.Argument(..., help="HTML page to write"),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", help="pipeline directory or installed package"),
    limit: int = typer.Option(50, "--limit", "-l", min=1, help="draw at most this many input lines"),
) -> None:
    """Draw what the pipeline finds in each document on an HTML page (displaCy), errors in place."""
    from .render import render_lines

    if input != "-" and not Path(input).is_file():
        raise typer.BadParameter(f"no input file at {input}", param_hint="INPUT")
    nlp = local.load_pipeline(model)
    source = "stdin" if input == "-" else Path(input).name
    with io.open_text(input) as src:
        page = render_lines(nlp, io.read_lines(src), source=source, limit=limit)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8", errors="replace")  # bytes that were not UTF-8 in the input
    drawn, failed = page.count('<section class="doc'), page.count('<section class="doc failed')
    typer.echo(f"trnews render: {drawn} documents ({failed} errors) drawn into {output}", err=True)


def main() -> None:  # pragma: no cover - console entry
    app()
