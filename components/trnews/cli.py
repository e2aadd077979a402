"""Command line: `python -m trnews extract INPUT OUTPUT` (and friends).

Every input line gets one output line, written and flushed as soon as its
block is done, so an interrupted run keeps everything it processed.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Optional

import typer

from . import io
from .engines import local

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

DEFAULT_MODEL = "training/pipeline"


class Summary:
    """Counts lines and errors as output lines go by; prints a report on stderr."""

    def __init__(self) -> None:
        self.lines = 0
        self.errors: list[str] = []
        self.started = time.perf_counter()

    def see(self, out_lines: list[str]) -> None:
        for line in out_lines:
            self.lines += 1
            if line.startswith('{"id": ') and '"error": ' in line[:400]:
                record = json.loads(line)
                if "error" in record:
                    self.errors.append(record["error"])

    def report(self, interrupted: bool = False) -> None:
        seconds = time.perf_counter() - self.started
        head = "interrupted after" if interrupted else "done:"
        typer.echo(f"trnews extract {head} {self.lines} lines written, {len(self.errors)} with errors, "
                   f"{seconds:.1f}s", err=True)
        for message in self.errors[:10]:
            typer.echo(f"  {message}", err=True)
        if len(self.errors) > 10:
            typer.echo(f"  ... and {len(self.errors) - 10} more", err=True)


@app.callback()
def _group() -> None:
    """trnews: Turkish news extraction with spaCy."""


@app.command()
def extract(
    input: str = typer.Argument(..., help="JSONL input ({'id', 'text', 'date'?} per line), .jsonl.gz, or '-'"),
    output: str = typer.Argument(..., help="JSONL output path, or '-' for stdout"),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", help="pipeline directory or installed package"),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1, help="processes for nlp.pipe"),
    batch_size: int = typer.Option(64, "--batch-size", "-b", min=1, help="documents per nlp.pipe batch"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
) -> None:
    """Extract entities, quantities and quotes: one output line per input line, in order."""
    if input != "-" and not Path(input).exists():
        raise typer.BadParameter(f"no such file: {input}", param_hint="INPUT")
    nlp = local.load_pipeline(model)
    extractor = local.Extractor(nlp, batch_size=batch_size, n_process=n_process, source=Path(input).name)
    summary = Summary()
    show_progress = not quiet and sys.stderr.isatty()
    with io.open_text(input) as src, io.open_text(output, "w") as dst:
        progress = _progress(show_progress)
        try:
            def write(out_lines: list[str]) -> None:
                dst.write("".join(line + "\n" for line in out_lines))
                dst.flush()
                summary.see(out_lines)
                if progress is not None:
                    progress.update(progress.task_ids[0], completed=summary.lines)

            if progress is not None:
                progress.start()
                progress.add_task("documents", total=None)
            for _ in local.run(io.read_lines(src), extractor, on_block=write):
                pass
        except KeyboardInterrupt:
            if progress is not None:
                progress.stop()
            summary.report(interrupted=True)
            raise typer.Exit(130)
        if progress is not None:
            progress.stop()
    summary.report()


def _progress(enabled: bool):
    if not enabled:
        return None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)


def main() -> None:  # pragma: no cover - console entry
    app()
