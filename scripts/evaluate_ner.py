"""Score a trained NER on the Tür-2003 test set: P/R/F micro and per label, as JSON.

Runs the pipeline's own tokenizer on the gold texts and scores with spaCy's
Scorer (exact span + label), like `spacy evaluate`. It does not score
dev.jsonl; `scripts/evaluate.py` and `../shared/eval/score.py` do that.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import spacy
import typer
from spacy.tokens import DocBin
from spacy.training import Example


def evaluate(model: Path, data: Path) -> dict:
    nlp = spacy.load(model)
    gold = list(DocBin().from_disk(data).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    n_words = sum(len(doc) for doc in gold)
    started = time.perf_counter()
    scores = nlp.evaluate(examples)
    seconds = time.perf_counter() - started
    result = {
        "model": str(model),
        "data": str(data),
        "docs": len(gold),
        "words": n_words,
        "micro": {"p": scores["ents_p"], "r": scores["ents_r"], "f": scores["ents_f"]},
        "per_label": {label: {"p": v["p"], "r": v["r"], "f": v["f"]}
                      for label, v in sorted((scores.get("ents_per_type") or {}).items())},
        "words_per_second": round(n_words / seconds) if seconds else None,
    }
    return result


def main(
    model: Path = typer.Argument(..., help="Trained pipeline directory (training/ner/model-best)"),
    data: Path = typer.Argument(..., help="Gold DocBin (corpus/ner/test/tur2003.spacy)"),
    output: Path = typer.Option(Path("metrics/ner_tur2003_test.json"), help="Where the JSON goes"),
) -> None:
    """Evaluate NER on a gold .spacy file; print and write P/R/F per label."""
    result = evaluate(model, data)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    micro = result["micro"]
    typer.echo(f"{data}: P {micro['p']:.3f} R {micro['r']:.3f} F {micro['f']:.3f} "
               f"({result['docs']} docs, {result['words']} words, {result['words_per_second']} words/s)")
    for label, v in result["per_label"].items():
        typer.echo(f"  {label:4} P {v['p']:.3f} R {v['r']:.3f} F {v['f']:.3f}")
    typer.echo(f"written to {output}")


if __name__ == "__main__":
    typer.run(main)
