"""Rule-based sentence boundaries for Turkish news (`trnews_sentences`), no model.

Ends a sentence after `.`/`!`/`?`/`…` when the next word could start one (capital letter,
digit, opening quote), keeps closing quotes with their sentence (`hedefliyoruz.”`), ends
headlines at line breaks and at a closing quote glued to the next capitalised word. Ordinals
(`12. Kazenergy`) and abbreviations are single tokens and never end a sentence. It does not
pair quotes: a quotation may run over several sentences.
"""

from __future__ import annotations

from typing import Iterable, List, Optional

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import SimpleFrozenList

# Opening-only and closing-only marks; `"` and `'` are decided from context.
_OPENING = frozenset("“«„‹(['")
_CLOSING = frozenset("”»›)]’")
_STRAIGHT = frozenset('"\'')
_QUOTE_CHARS = frozenset("\"'“”«»„‟‹›’‘")
_TERMINAL_CHARS = frozenset(".!?…")
# Abbreviations that end a list and so often end a sentence (`..., petrol vb. Bakan ...`).
_LIST_END_ABBREVIATIONS = frozenset({"vb.", "vs.", "vd.", "v.b.", "v.s."})
_PERCENT_WORDS = frozenset({"yüzde", "Yüzde", "YÜZDE", "%"})


def _is_terminal(text: str) -> bool:
    return bool(text) and all(ch in _TERMINAL_CHARS for ch in text)


def _can_start_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in _QUOTE_CHARS or first in "([-–—•"


class NewsSentencer(Pipe):
    """Sets `Token.is_sent_start` on every token of the Doc.

    Config: `newline_ends_sentence` (a line break ends a sentence, for headlines and
    datelines without final punctuation), `overwrite` (replace boundaries set earlier).
    """

    def __init__(
        self,
        nlp: Optional[Language] = None,
        name: str = "trnews_sentences",
        *,
        newline_ends_sentence: bool = True,
        overwrite: bool = True,
    ) -> None:
        self.name = name
        self.newline_ends_sentence = newline_ends_sentence
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        if not self.overwrite and doc.has_annotation("SENT_START"):
            return doc
        starts = self.predict_starts(doc)
        for token, start in zip(doc, starts):
            token.is_sent_start = start
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def predict_starts(self, doc: Doc) -> List[bool]:
        """One flag per token: does a sentence start here?"""
        n = len(doc)
        texts = [t.text for t in doc]
        spaced = [bool(t.whitespace_) for t in doc]
        starts = [False] * n
        starts[0] = True
        straight_open = False  # parity of `"` seen so far, only a tie-breaker
        i = 0
        while i < n:
            text = texts[i]
            if text == '"':
                straight_open = not straight_open
            if text.isspace():
                if self.newline_ends_sentence and "\n" in text and i + 1 < n:
                    starts[i + 1] = True
                i += 1
                continue
            end = self._sentence_end_after(i, texts, spaced, straight_open)
            if end is not None:
                # closing marks right after the terminal punctuation stay with the sentence
                j = i + 1
                while j < n and self._closes(j, texts, spaced, straight_open):
                    if texts[j] == '"':
                        straight_open = not straight_open
                    j += 1
                if j < n and not texts[j].isspace() and _can_start_sentence(texts[j]):
                    starts[j] = True
                i = j
                continue
            i += 1
        return starts

    def _sentence_end_after(self, i: int, texts: List[str], spaced: List[bool], straight_open: bool):
        text = texts[i]
        if _is_terminal(text):
            return i
        if text in _LIST_END_ABBREVIATIONS:
            return i
        if text[-1] == "." and text[:-1].isdigit() and i > 0 and texts[i - 1] in _PERCENT_WORDS:
            return i  # `yüzde 12.` ends a sentence; `12. Kazenergy` does not
        # a headline in quotes glued to the next sentence: `yapmayacağız"Kazakistan`
        if text in _QUOTE_CHARS and text not in _OPENING and i > 0 and i + 1 < len(texts):
            prev, nxt = texts[i - 1], texts[i + 1]
            closes = text in _CLOSING or (text == '"' and not straight_open)
            if closes and not spaced[i - 1] and not spaced[i] and prev[-1].isalpha() and nxt[0].isupper():
                return i
        return None

    @staticmethod
    def _closes(j: int, texts: List[str], spaced: List[bool], straight_open: bool) -> bool:
        """Is token j a closing mark that belongs to the sentence ending before it?"""
        text = texts[j]
        if text in _CLOSING or (_is_terminal(text)):
            return True
        if text in _STRAIGHT:
            # `hedefliyoruz." Bakan` closes; `vurguladı."Fazla` opens the next sentence
            glued_to_next = not spaced[j] and j + 1 < len(texts) and not texts[j + 1].isspace()
            if not glued_to_next:
                return True
            return text == '"' and straight_open and not texts[j + 1][0].isupper()
        return False

    # Nothing to learn and nothing to store: serialization keeps only the config.
    def initialize(self, get_examples=None, *, nlp=None) -> None:
        return None

    def to_bytes(self, *, exclude=SimpleFrozenList()) -> bytes:
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude=SimpleFrozenList()) -> "NewsSentencer":
        return self

    def to_disk(self, path, *, exclude=SimpleFrozenList()) -> None:
        return None

    def from_disk(self, path, *, exclude=SimpleFrozenList()) -> "NewsSentencer":
        return self

    def score(self, examples: Iterable[Example], **kwargs):
        from spacy.scorer import Scorer

        return Scorer.score_spans(examples, "sents", **kwargs)


@Language.factory(
    "trnews_sentences",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={"newline_ends_sentence": True, "overwrite": True},
    default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0},
)
def make_sentences(
    nlp: Language, name: str, newline_ends_sentence: bool, overwrite: bool
) -> NewsSentencer:
    return NewsSentencer(nlp, name, newline_ends_sentence=newline_ends_sentence, overwrite=overwrite)
