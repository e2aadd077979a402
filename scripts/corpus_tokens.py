"""Token-level helpers shared by the corpus converters (convert_tur2003.py, convert_wikiner.py).

Both corpora come pre-tokenized with spaces around every token. These helpers turn
such token lists into Docs that read like raw news under the trnews tokenizer: the
apostrophe case suffix is its own token glued to the name (`Kohl'ün`), punctuation
and quotation marks hug their words, and entity spans never include the suffix
(SPEC.md section 3). They do not guess entities; labels come from the corpora.
"""

from __future__ import annotations

import random
import re
from typing import Iterable, Sequence

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

APOSTROPHES = "'’"
# `'ün`, `’da`, `'ndaki`: an apostrophe followed by lowercase letters only.
SUFFIX_RE = re.compile(r"^['’][a-zçğıöşüâîû]+$")
# `Adana'da`, `1855'te`: a word with a glued apostrophe suffix (split point = group 1 end).
GLUED_SUFFIX_RE = re.compile(r"^(.*[^\W_])(['’][a-zçğıöşüâîû]+)$")
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "...", "..", "…", "%", "/"}
NO_SPACE_AFTER = {"(", "[", "{", "/", "$"}
QUOTES = {'"', "'", "“", "”", "«", "»", "‘", "’"}
OPENING_QUOTES = {"“", "«", "‘"}
CLOSING_QUOTES = {"”", "»"}

# (start_token, end_token_exclusive, label)
TokenSpan = tuple[int, int, str]


def is_suffix(token: str) -> bool:
    return bool(SUFFIX_RE.match(token))


def split_glued_suffix(token: str) -> tuple[str, str] | None:
    """(`Adana`, `'da`) for `Adana'da`; None when the token has no glued case suffix."""
    match = GLUED_SUFFIX_RE.match(token)
    if not match:
        return None
    return match.group(1), match.group(2)


def spaces_for(words: Sequence[str]) -> list[bool]:
    """Whether each token is followed by a space, so that the Doc text reads like news.

    Straight quotes alternate between opening (glued to the next word) and closing
    (glued to the previous word) within a sentence.
    """
    n = len(words)
    spaces = [True] * n
    quote_open: dict[str, bool] = {}
    for i, word in enumerate(words):
        glue_left = False
        glue_right = False
        if word in QUOTES:
            if word in OPENING_QUOTES:
                glue_right = True
            elif word in CLOSING_QUOTES:
                glue_left = True
            else:
                key = '"' if word == '"' else "'"
                if quote_open.get(key):
                    glue_left = True
                    quote_open[key] = False
                else:
                    glue_right = True
                    quote_open[key] = True
        elif word in NO_SPACE_BEFORE or is_suffix(word):
            glue_left = True
        elif word in NO_SPACE_AFTER:
            glue_right = True
        if glue_left and i > 0:
            spaces[i - 1] = False
        if glue_right:
            spaces[i] = False
    if n:
        spaces[-1] = False
    return spaces


def trim_span(words: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """Drop apostrophe suffixes and punctuation from a span's edges (SPEC: suffix outside)."""
    while end > start and (is_suffix(words[end - 1]) or words[end - 1] in QUOTES
                           or words[end - 1] in NO_SPACE_BEFORE):
        end -= 1
    while start < end and (words[start] in QUOTES or words[start] in NO_SPACE_AFTER):
        start += 1
    return start, end


def build_doc(vocab: Vocab, sentences: Sequence[tuple[list[str], list[TokenSpan]]]) -> Doc:
    """One Doc from tokenized sentences (one space between them) with their entity spans.

    Spans are trimmed (suffix and punctuation outside); overlapping ones are dropped.
    """
    words: list[str] = []
    spaces: list[bool] = []
    spans: list[TokenSpan] = []
    for sent_words, sent_spans in sentences:
        if not sent_words:
            continue
        offset = len(words)
        sent_spaces = spaces_for(sent_words)
        sent_spaces[-1] = True
        for start, end, label in sent_spans:
            start, end = trim_span(sent_words, start, end)
            if end > start:
                spans.append((start + offset, end + offset, label))
        words.extend(sent_words)
        spaces.extend(sent_spaces)
    if spaces:
        spaces[-1] = False
    doc = Doc(vocab, words=words, spaces=spaces)
    ents: list[Span] = []
    last_end = 0
    for start, end, label in sorted(spans):
        if start < last_end:
            continue
        ents.append(Span(doc, start, end, label=label))
        last_end = end
    doc.ents = ents
    return doc


def group(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def split_dev(items: list, dev_fraction: float, seed: int) -> tuple[list, list]:
    """(train, dev) with a fixed-seed shuffle; item order inside each part is kept."""
    indices = list(range(len(items)))
    random.Random(seed).shuffle(indices)
    n_dev = int(round(len(items) * dev_fraction))
    dev_ids = set(indices[:n_dev])
    train = [x for i, x in enumerate(items) if i not in dev_ids]
    dev = [x for i, x in enumerate(items) if i in dev_ids]
    return train, dev


def upper_case_copy(vocab: Vocab, doc: Doc, upper) -> Doc:
    """The same Doc in capitals (headline style), entities kept: casing augmentation."""
    words = [upper(t.text) for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    new = Doc(vocab, words=words, spaces=spaces)
    new.ents = [Span(new, e.start, e.end, label=e.label_) for e in doc.ents]
    return new
