"""Convert the Turkish Wiki NER dataset (CoNLL BIO, suffixes glued) into spaCy DocBins.

`Adana'da B-GPE` becomes the tokens `Adana` (in the span) and `'da` (outside it),
as SPEC.md wants. Labels map PERSON->PER, GPE/LOC->LOC, ORG->ORG; every other
type (DATE, NORP, WORK_OF_ART, ...) becomes O. Writes `train/wikiner.spacy` (joins Tür-2003
in the training directory) and `extra/wikiner-dev.spacy`.
"""

from __future__ import annotations

from pathlib import Path

import typer
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from corpus_tokens import TokenSpan, build_doc, group, split_glued_suffix

LABEL_MAP = {"PERSON": "PER", "PER": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


def read_sentences(lines) -> list[list[tuple[str, str]]]:
    """(word, tag) pairs per sentence; blank lines separate sentences."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in lines:
        line = line.rstrip("\r\n").lstrip("\ufeff")
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        word, tag = parts[0], (parts[-1] if len(parts) > 1 else "O")
        if word:
            current.append((word, tag))
    if current:
        sentences.append(current)
    return sentences


def convert_sentence(pairs: list[tuple[str, str]], label_map: dict[str, str] | None = None
                     ) -> tuple[list[str], list[TokenSpan]]:
    """Words with glued suffixes split off, and mapped (start, end, label) spans."""
    label_map = LABEL_MAP if label_map is None else label_map
    words: list[str] = []
    spans: list[TokenSpan] = []
    open_span: list | None = None  # [start, label]

    def close() -> None:
        nonlocal open_span
        if open_span is not None:
            spans.append((open_span[0], len(words), open_span[1]))
            open_span = None

    for index, (word, tag) in enumerate(pairs):
        prefix, _, kind = tag.partition("-")
        label = label_map.get(kind) if prefix in {"B", "I"} else None
        if prefix == "B" or label is None or (open_span is not None and open_span[1] != label):
            close()
        if label is not None and open_span is None:
            open_span = [len(words), label]
        parts = split_glued_suffix(word)
        if parts is None:
            words.append(word)
            continue
        words.append(parts[0])
        next_tag = pairs[index + 1][1] if index + 1 < len(pairs) else "O"
        continues = open_span is not None and next_tag == f"I-{tag.partition('-')[2]}"
        if open_span is not None and not continues:
            close()  # `Sultan'da` ends the name: the suffix stays outside
        words.append(parts[1])
    close()
    return words, spans


def convert_file(vocab: Vocab, path: Path, sents_per_doc: int, label_map: dict[str, str] | None = None) -> DocBin:
    with path.open(encoding="utf-8") as handle:
        sentences = [convert_sentence(pairs, label_map) for pairs in read_sentences(handle)]
    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for chunk in group(sentences, sents_per_doc):
        db.add(build_doc(vocab, chunk))
    return db


def main(
    input_dir: Path = typer.Argument(..., help="Directory with train.conll and dev.conll"),
    output_dir: Path = typer.Argument(..., help="Corpus directory: writes train/wikiner.spacy, extra/wikiner-dev.spacy"),
    sents_per_doc: int = typer.Option(10, help="Consecutive sentences joined into one Doc"),
    fac_as_loc: bool = typer.Option(False, help="Map FAC (stadiums, museums, prisons) to LOC as SPEC's LOC does"),
) -> None:
    """Convert Turkish Wiki NER to .spacy DocBins with PER/ORG/LOC only."""
    vocab = Vocab()
    label_map = dict(LABEL_MAP, FAC="LOC") if fac_as_loc else LABEL_MAP
    output_dir.mkdir(parents=True, exist_ok=True)
    for name, dest in (("train", Path("train") / "wikiner.spacy"), ("dev", Path("extra") / "wikiner-dev.spacy")):
        db = convert_file(vocab, input_dir / f"{name}.conll", sents_per_doc, label_map)
        (output_dir / dest).parent.mkdir(parents=True, exist_ok=True)
        db.to_disk(output_dir / dest)
        typer.echo(f"wikiner-{name}: {len(db)} docs -> {output_dir / dest}")


if __name__ == "__main__":
    typer.run(main)
