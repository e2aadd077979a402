"""Lemma accuracy of `trnews_lemmatizer` on convert_ud.py JSONL files (UD surface tokens).

The measure of issue 10: gold surface tokens, punctuation left out, predicted and gold lemma
compared after Turkish case folding. Writes a JSON of scores (and, with --errors, the most
frequent mistakes) so project.yml can track it.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional

import spacy
import srsly
import typer
from spacy.tokens import Doc

from trnews.casing import lower


def build(rules: Optional[Path], variant: str = "full"):
    """A blank Turkish pipeline with the lemmatizer; variant picks a baseline from the comparison."""
    nlp = spacy.blank("tr")
    pipe = nlp.add_pipe("trnews_lemmatizer")
    data = srsly.read_json(rules) if rules else {}
    if variant == "table":
        data = {}
    elif variant == "no-overrides":
        data = {**data, "overrides": {}}
    elif variant == "no-remaps":
        data = {**data, "remaps": {}}
    elif variant == "suffixes-only":
        data = {"suffixes": data.get("suffixes", {})}
    pipe.initialize(lambda: [], nlp=nlp, rules=data)
    return nlp


def evaluate(nlp, path: Path, errors: Optional[Counter] = None) -> Dict[str, float]:
    total = right = 0
    words_seen = 0
    elapsed = 0.0
    for sentence in srsly.read_jsonl(path):
        words: List[str] = sentence["words"]
        doc = Doc(nlp.vocab, words=words)
        start = time.perf_counter()
        doc = nlp(doc)
        elapsed += time.perf_counter() - start
        words_seen += len(words)
        for token, gold, pos in zip(doc, sentence["lemmas"], sentence["pos"]):
            if pos == "PUNCT" or gold in (None, "_"):
                continue
            total += 1
            ok = lower(token.lemma_) == lower(gold)
            right += ok
            if not ok and errors is not None:
                errors[(token.text, token.lemma_, gold)] += 1
    return {"lemma_acc": round(right / total, 4) if total else 0.0, "tokens": total,
            "words_per_second": round(words_seen / elapsed) if elapsed else 0}


def main(
    rules: Path = typer.Argument(..., help="rules JSON from learn_lemma_rules.py"),
    inputs: List[Path] = typer.Argument(..., exists=True, help="convert_ud.py JSONL files"),
    output: Path = typer.Option(Path("metrics/lemmas.json")),
    variants: str = typer.Option("full", help="comma-separated: table,suffixes-only,no-remaps,no-overrides,full"),
    errors: int = typer.Option(0, help="print this many most frequent errors per file (full variant)"),
) -> None:
    results: Dict[str, Dict] = {}
    for variant in variants.split(","):
        nlp = build(rules, variant)
        for path in inputs:
            counter: Counter = Counter()
            score = evaluate(nlp, path, counter)
            results.setdefault(variant, {})[path.stem] = score
            typer.echo(f"{variant:14} {path.stem:22} {score['lemma_acc']:.4f}  ({score['tokens']} tokens, "
                       f"{score['words_per_second']} words/s)")
            for (text, pred, gold), count in counter.most_common(errors):
                typer.echo(f"    {count:3} {text} -> {pred} (gold {gold})")
    output.parent.mkdir(parents=True, exist_ok=True)
    srsly.write_json(output, results)


if __name__ == "__main__":
    typer.run(main)
