"""How many gold span boundaries of a SPEC JSONL file fall on token boundaries.

Compares spaCy's blank Turkish tokenizer with trnews.tokenizer.v1 (entities, quantities and
their period/item, quotes and their speaker/cue) and lists misaligned boundaries with a little
context, so tokenizer changes can be checked on the dev set without copying its text anywhere.
"""

from __future__ import annotations

import collections
from pathlib import Path

import spacy
import srsly
import typer

CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "trnews.tokenizer.v1"}}}


def _boundaries(record: dict):
    def spans():
        for ent in record.get("entities") or []:
            yield "entity", ent
        for qty in record.get("quantities") or []:
            yield "quantity", qty
            yield "quantity.period", qty.get("period")
            yield "quantity.item", qty.get("item")
        for quote in record.get("quotes") or []:
            yield "quote", quote
            yield "quote.speaker", quote.get("speaker")
            yield "quote.cue", quote.get("cue")

    for kind, span in spans():
        if isinstance(span, dict) and "start" in span and "end" in span:
            yield kind, "start", span["start"]
            yield kind, "end", span["end"]


def alignment(nlp, records, show: int = 0) -> float:
    total, aligned = collections.Counter(), collections.Counter()
    shown = 0
    for record in records:
        text = record["text"]
        doc = nlp.make_doc(text)
        starts = {t.idx for t in doc}
        ends = {t.idx + len(t) for t in doc}
        for kind, side, offset in _boundaries(record):
            ok = offset in (starts if side == "start" else ends)
            total[kind] += 1
            aligned[kind] += ok
            if not ok and shown < show:
                shown += 1
                typer.echo(f"    {kind} {side}: {text[max(0, offset - 25):offset]!r} | {text[offset:offset + 25]!r}")
    n, k = sum(total.values()), sum(aligned.values())
    parts = "  ".join(f"{kind} {aligned[kind] / total[kind]:.1%}" for kind in sorted(total))
    typer.echo(f"  all {k}/{n} = {k / max(n, 1):.2%}  {parts}")
    return k / max(n, 1)


def main(
    gold: Path = typer.Argument(..., help="SPEC JSONL with gold spans, e.g. ../shared/eval/dev.jsonl"),
    show: int = typer.Option(20, help="misaligned boundaries to print for the trnews tokenizer"),
) -> None:
    records = [r for r in srsly.read_jsonl(gold) if isinstance(r.get("text"), str)]
    typer.echo("spacy.blank('tr'):")
    alignment(spacy.blank("tr"), records)
    typer.echo("trnews.tokenizer.v1:")
    alignment(spacy.blank("tr", config=CONFIG), records, show=show)


if __name__ == "__main__":
    typer.run(main)
