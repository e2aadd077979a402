"""`doc_text(doc)`: `doc.text` without re-joining every token on each call.

spaCy's `Doc.text` joins all tokens on every access (~0.4 us a token); four components reading
it cost as much as one of them doing its work. The trnews tokenizer remembers the text it was
given (`remember`), and `doc_text` hands it back while the Doc lives (weak keys: nothing is
kept alive). A Doc's text cannot change (retokenizing keeps the characters), so the only check
is the token count; Docs from elsewhere (DocBin, other tokenizers) pay one join, then hit.
"""

from __future__ import annotations

import weakref

from spacy.tokens import Doc

_TEXTS: "weakref.WeakKeyDictionary[Doc, tuple[int, str]]" = weakref.WeakKeyDictionary()


def remember(doc: Doc, text: str) -> None:
    _TEXTS[doc] = (len(doc), text)


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc."""
    hit = _TEXTS.get(doc)
    if hit is not None and hit[0] == len(doc):
        return hit[1]
    text = doc.text
    _TEXTS[doc] = (len(doc), text)
    return text


__all__ = ["doc_text", "remember"]
