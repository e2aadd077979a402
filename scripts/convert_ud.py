"""Convert UD Turkish CoNLL-U files into surface-token lemma data (JSONL, one sentence a line).

Each line is `{"id": ..., "words": [...], "lemmas": [...], "pos": [...]}` over SURFACE tokens:
a multiword token (`6-7 başlıyorlarmış`) becomes one token whose lemma and POS are those of
its first syntactic word (`başla`, VERB), which is what a lemmatizer that sees text can give.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import srsly
import typer


def read_conllu(path: Path) -> Iterator[dict]:
    """Yield one surface-token sentence dict per CoNLL-U sentence."""
    sent_id, rows = None, []
    with Path(path).open(encoding="utf8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if rows:
                    yield to_surface(sent_id or f"{Path(path).name}:{number}", rows)
                sent_id, rows = None, []
            else:
                cols = line.split("\t")
                if len(cols) != 10:
                    raise ValueError(f"line {number} of {path}: expected 10 tab-separated columns, got {len(cols)}")
                rows.append(cols)
    if rows:
        yield to_surface(sent_id or f"{Path(path).name}:end", rows)


def to_surface(sent_id: str, rows: list[list[str]]) -> dict:
    words, lemmas, pos = [], [], []
    covered_until = 0
    for cols in rows:
        tid = cols[0]
        if "." in tid:  # empty nodes of enhanced dependencies: not text
            continue
        if "-" in tid:
            start, end = (int(x) for x in tid.split("-"))
            words.append(cols[1])
            lemmas.append(None)  # filled by the first word of the range
            pos.append(None)
            covered_until = end
            continue
        index = int(tid)
        if index <= covered_until:
            if lemmas[-1] is None:
                lemmas[-1], pos[-1] = cols[2], cols[3]
            continue
        words.append(cols[1])
        lemmas.append(cols[2])
        pos.append(cols[3])
    return {"id": sent_id, "words": words, "lemmas": lemmas, "pos": pos}


def main(
    inputs: list[Path] = typer.Argument(..., exists=True, help="CoNLL-U files"),
    output_dir: Path = typer.Option(Path("corpus/lemmas"), help="one <name>.jsonl per input"),
) -> None:
    output_dir.mkdir(parents=True, exist_ok=True)
    for path in inputs:
        sentences = list(read_conllu(path))
        out = output_dir / (path.name.replace(".conllu", "") + ".jsonl")
        srsly.write_jsonl(out, sentences)
        tokens = sum(len(s["words"]) for s in sentences)
        typer.echo(f"{path} -> {out}: {len(sentences)} sentences, {tokens} surface tokens")


if __name__ == "__main__":
    typer.run(main)
