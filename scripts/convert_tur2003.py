"""Convert the Tür-2003 Milliyet NER corpus (bracket format) into spaCy DocBins.

Input lines look like `[PER Helmut Kohl ] 'ün ziyareti ...` (UTF-8 with BOM, CRLF).
Output: `train/tur2003.spacy`, `dev/tur2003.spacy` (fixed-seed split of the train
file) and `test/tur2003.spacy` (the held-out benchmark) under the output directory, with suffixes outside
the spans and spacing that reads like raw news. It does not change any labels.
"""

from __future__ import annotations

import re
from pathlib import Path

import typer
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from corpus_tokens import TokenSpan, build_doc, group, split_dev, split_glued_suffix, upper_case_copy

LABELS = {"PER", "LOC", "ORG"}
OPEN_RE = re.compile(r"^\[(PER|LOC|ORG)$")
SENTENCE_END = {".", "!", "?", "...", "…", ":", '"', "'", "”", "»", ";"}
LOWER_WORD_RE = re.compile(r"^[a-zçğıöşüâîû]{1,4}$")


def parse_line(line: str, *, add_period: bool = True) -> tuple[list[str], list[TokenSpan]]:
    """Words and (start, end, label) token spans of one bracketed sentence."""
    raw = line.lstrip("\ufeff").strip().split()
    words: list[str] = []
    spans: list[TokenSpan] = []
    open_label: str | None = None
    open_start = 0
    just_closed = False
    i = 0
    while i < len(raw):
        tok = raw[i]
        opener = OPEN_RE.match(tok)
        if opener and open_label is None:
            open_label, open_start = opener.group(1), len(words)
            just_closed = False
        elif tok == "]" and open_label is not None:
            if len(words) > open_start:
                spans.append((open_start, len(words), open_label))
            open_label = None
            just_closed = True
            i += 1
            continue
        elif tok in {"'", "’"} and just_closed and i + 1 < len(raw) and LOWER_WORD_RE.match(raw[i + 1]):
            # `Bayraktar ] ' ın`: a detached case suffix
            words.append(tok + raw[i + 1])
            i += 1
        else:
            parts = split_glued_suffix(tok)
            words.extend(parts if parts else (tok,))
        just_closed = False
        i += 1
    if open_label is not None and len(words) > open_start:  # unclosed bracket: close at line end
        spans.append((open_start, len(words), open_label))
    if add_period and words and words[-1] not in SENTENCE_END:
        # the corpus dropped sentence-final periods; news text has them
        words.append(".")
    return words, spans


def read_file(path: Path, *, add_period: bool = True) -> list[tuple[list[str], list[TokenSpan]]]:
    text = path.read_text(encoding="utf-8-sig")
    sentences = []
    for line in text.splitlines():
        words, spans = parse_line(line, add_period=add_period)
        if words:
            sentences.append((words, spans))
    return sentences


def to_docbin(vocab: Vocab, chunks: list[list[tuple[list[str], list[TokenSpan]]]], *,
              upper_fraction: float = 0.0, seed: int = 0) -> DocBin:
    import random

    from trnews.casing import upper

    rng = random.Random(seed)
    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for chunk in chunks:
        doc = build_doc(vocab, chunk)
        db.add(doc)
        if upper_fraction and rng.random() < upper_fraction:
            db.add(upper_case_copy(vocab, doc, upper))
    return db


def main(
    input_dir: Path = typer.Argument(..., help="Directory with reyyan.train.txt and reyyan.test.txt"),
    output_dir: Path = typer.Argument(..., help="Corpus directory: writes {train,dev,test}/tur2003.spacy"),
    dev_fraction: float = typer.Option(0.1, help="Share of train documents held out as dev"),
    seed: int = typer.Option(0, help="Seed of the dev split"),
    sents_per_doc: int = typer.Option(10, help="Consecutive sentences joined into one Doc"),
    upper_fraction: float = typer.Option(0.0, help="Share of train Docs also added in capitals (headlines)"),
) -> None:
    """Convert Tür-2003 to .spacy DocBins (train/dev/test)."""
    vocab = Vocab()
    output_dir.mkdir(parents=True, exist_ok=True)
    train_chunks = group(read_file(input_dir / "reyyan.train.txt"), sents_per_doc)
    test_chunks = group(read_file(input_dir / "reyyan.test.txt"), sents_per_doc)
    train, dev = split_dev(train_chunks, dev_fraction, seed)
    for name, chunks, up in (("train", train, upper_fraction), ("dev", dev, 0.0), ("test", test_chunks, 0.0)):
        db = to_docbin(vocab, chunks, upper_fraction=up, seed=seed)
        (output_dir / name).mkdir(parents=True, exist_ok=True)
        db.to_disk(output_dir / name / "tur2003.spacy")
        n_ents = sum(len(s) for c in chunks for _, s in c)
        typer.echo(f"tur2003-{name}: {len(db)} docs, {sum(len(c) for c in chunks)} sentences, {n_ents} entities")


if __name__ == "__main__":
    typer.run(main)
