"""Run a pipeline over the gold dev set and score it with the shared scorer (SPEC.md section 6).

Writes the predictions and the scorer's numbers; prints the scorer's table.
The scorer is the project's contract, so this script calls it rather than re-implementing it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import typer

from trnews import io
from trnews.engines import local


def main(
    model: Path = typer.Argument(..., help="pipeline directory or package name"),
    gold: Path = typer.Argument(..., exists=True, help="gold JSONL (SPEC.md format)"),
    scorer: Path = typer.Argument(..., exists=True, help="score.py"),
    output: Path = typer.Option(Path("metrics/dev_scores.json"), help="scores as JSON"),
    predictions: Path = typer.Option(Path("metrics/dev_predictions.jsonl"), help="where predictions go"),
    errors: bool = typer.Option(False, "--errors", help="list every miss and false alarm"),
) -> None:
    nlp = local.load_pipeline(model)
    extractor = local.Extractor(nlp, source=gold.name)
    predictions.parent.mkdir(parents=True, exist_ok=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    with io.open_text(gold) as src, predictions.open("w", encoding="utf-8") as dst:
        for line in local.run(io.read_lines(src), extractor):
            dst.write(line + "\n")
    cmd = [sys.executable, str(scorer), str(gold), str(predictions), "--json", str(output)]
    if errors:
        cmd.append("--errors")
    subprocess.run(cmd, check=True)
    scores = json.loads(output.read_text(encoding="utf-8"))
    typer.echo(f"scores written to {output}: {', '.join(scores)}")


if __name__ == "__main__":
    typer.run(main)
