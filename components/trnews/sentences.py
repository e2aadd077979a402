"""Rule-based sentence boundaries for Turkish news (`trnews_sentences`), no model.

Ends a sentence after `.`/`!`/`?`/`…` when the next word could start one (capital letter,
digit, opening quote), keeps closing quotes with their sentence (`hedefliyoruz.”`), ends
headlines at line breaks and at a closing quote glued to the next capitalised word. Ordinals
(`12. Kazenergy`) and abbreviations are single tokens and never end a sentence. It does not
pair quotes: a quotation may run over several sentences.
"""

from __future__ import annotations

import re

from typing import Iterable, List, Optional, Set

import numpy

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.lang.char_classes import ALPHA_UPPER
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import SimpleFrozenList

from .doctext import doc_text

# Marks that only ever open; `"` and `”` are decided from context.
_OPENING = frozenset("“«„‹([")
# Quotation mark -> its family, for telling opening from closing marks.
_FAMILY = {'"': '"', "“": "“", "”": "“", "„": "“", "‟": "“", "«": "«", "»": "«", "‹": "«", "›": "«"}
_QUOTE_CHARS = frozenset("\"'“”«»„‟‹›’‘")
_TERMINAL_CHARS = frozenset(".!?…")
# Abbreviations that end a list and so often end a sentence (`..., petrol vb. Bakan ...`).
_LIST_END_ABBREVIATIONS = frozenset({"vb.", "vs.", "vd.", "v.b.", "v.s."})
_PERCENT_WORDS = frozenset({"yüzde", "Yüzde", "YÜZDE", "%"})
# An all-caps subheading run inline, after a sentence end, a closing quote, a colon or a line
# break, and followed by an ordinary capitalised word: `... dedi. VERGİ İSTİSNASI GELDİ Bakan`.
_CAPS_WORD = rf"[\"“”'‘’«»(]*[{ALPHA_UPPER}0-9][{ALPHA_UPPER}0-9'’\-.,:;?!%/]*[\"“”'‘’«»)]*"
_HEADLINE_RE = re.compile(
    # maximal runs only (no lookahead), so finditer stays linear on all-caps articles
    rf"(?:^|(?<=\s))(?:{_CAPS_WORD}[ \t]+){{2,}}"
)
# Characters of every token that can end a sentence or sit at its edge. (Apostrophes are not:
# a token whose only such character is `'`/`’` never ends a sentence, and `Kazakistan` `'ın` is common.)
_CANDIDATE_RE = re.compile(r"[.!?…\n\"“”«»„‟‹›]")


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
        n = len(doc)
        if n == 0:
            return doc
        if not self.overwrite and doc.has_annotation("SENT_START"):
            return doc
        flags = numpy.full((n, 1), -1, dtype="int64")
        for i in self.predict_starts(doc):
            flags[i, 0] = 1
        # one array write: Token.is_sent_start's setter costs ~20 us a token
        doc.from_array([SENT_START], flags.astype("uint64"))
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def predict_starts(self, doc: Doc) -> List[int]:
        """Indices of the tokens that start a sentence (always includes 0)."""
        return sorted(_Scan(doc, self.newline_ends_sentence).starts())


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

        # like spaCy's senter: gold documents without sentence boundaries (NER corpora) are skipped
        kwargs.setdefault("has_annotation", lambda doc: doc.has_annotation("SENT_START"))
        return Scorer.score_spans(examples, "sents", **kwargs)


class _Scan:
    """One left-to-right pass over the few tokens that can matter.

    Only tokens holding a terminal mark, a quote or a line break (found with one regex over
    the text) are looked at in Python, so the cost is a small fraction of the token count.
    """

    def __init__(self, doc: Doc, newline_ends_sentence: bool) -> None:
        self.text = doc_text(doc)
        self.n = len(doc)
        self.newline = newline_ends_sentence
        arr = doc.to_array([IDX, LENGTH])
        self.idx = arr[:, 0]
        self.end = arr[:, 0] + arr[:, 1]
        self._idx_list = self.idx.tolist()
        self._end_list = self.end.tolist()
        self.open = {'"': False, "“": False, "«": False}

    def tok(self, i: int) -> str:
        return self.text[self._idx_list[i] : self._end_list[i]]

    def spaced(self, i: int) -> bool:
        """Whitespace (trailing space or a whitespace token) follows token i."""
        end = self._end_list[i]
        return end < len(self.text) and self.text[end].isspace()

    def candidates(self) -> List[int]:
        offsets = [m.start() for m in _CANDIDATE_RE.finditer(self.text)]
        if not offsets:
            return []
        tokens = numpy.searchsorted(self.idx, numpy.asarray(offsets), side="right") - 1
        return numpy.unique(tokens[tokens >= 0]).tolist()

    def next_word(self, j: int) -> Optional[int]:
        while j < self.n and self.tok(j).isspace():
            j += 1
        return j if j < self.n else None

    def starts(self) -> Set[int]:
        starts = {0}
        skip_until = 0
        for i in self.candidates():
            if i < skip_until:
                continue
            text = self.tok(i)
            if text.isspace():
                if self.newline and "\n" in text:
                    k = self.next_word(i + 1)
                    if k is not None and not self.tok(k)[0].islower():
                        starts.add(k)
                continue
            closing = self.is_closing(text)
            self.update_quotes(text)
            if not self.ends_sentence(i, text, closing):
                continue
            # closing marks glued to the terminal punctuation stay with the sentence
            j = i + 1
            while j < self.n and not self.spaced(j - 1) and self.closes(j):
                self.update_quotes(self.tok(j))
                j += 1
            skip_until = j
            k = self.next_word(j)
            if k is not None and self.can_start(k):
                starts.add(k)
        starts.update(self.after_headlines(starts))
        return starts

    def can_start(self, k: int) -> bool:
        text = self.tok(k)
        if text in _FAMILY or text == "'" or text == "’":
            # a detached closing mark (`etmeyeceğiz. ' dedi.`) does not open a sentence
            return k + 1 < self.n and not self.spaced(k) and _can_start_sentence(self.tok(k + 1))
        return _can_start_sentence(text)

    def after_headlines(self, starts: Set[int]) -> List[int]:
        """Tokens right after an inline all-caps subheading that itself starts a sentence."""
        found = []
        for match in _HEADLINE_RE.finditer(self.text):
            first = int(numpy.searchsorted(self.idx, match.start() + len(match.group()) - len(match.group().lstrip())))
            end = match.end()
            if not (self.text[end : end + 1].isupper() and self.text[end + 1 : end + 2].islower()):
                continue
            k = int(numpy.searchsorted(self.idx, end))
            if k >= self.n or self._idx_list[k] != match.end() or first >= k:
                continue
            if not (first in starts or first == 0 or self.after_break(first)):
                continue  # `T.C. ZİRAAT BANKASI Genel Müdürü`: the run is inside a sentence
            last = self.tok(k - 1)
            if 2 <= len(last) <= 4 and last.isalpha() and k - 1 > first + 1:
                k -= 1  # `... BORÇLANIYOR AB Komisyonu`: the acronym opens the next sentence
            found.append(k)
        return found

    def after_break(self, k: int) -> bool:
        """Token k follows a line break, a colon or a closing quote."""
        j = k - 1
        while j >= 0 and self.tok(j).isspace():
            if "\n" in self.tok(j):
                return True
            j -= 1
        return j >= 0 and (self.tok(j) in (":", "”", "»", '"', "'", "’"))

    # Which quotation mark families are open, from the marks seen so far. Only a tie-breaker
    # for marks glued on both sides; dirty text uses `"` and `”` for opening and closing.
    def is_closing(self, text: str) -> bool:
        family = _FAMILY.get(text)
        return family is not None and text not in _OPENING and self.open[family]

    def update_quotes(self, text: str) -> None:
        family = _FAMILY.get(text)
        if family is not None:
            self.open[family] = text in _OPENING or not self.open[family]

    def ends_sentence(self, i: int, text: str, closing: bool) -> bool:
        if _is_terminal(text) or text in _LIST_END_ABBREVIATIONS:
            return True
        if text[-1] == "." and text[:-1].isdigit() and i > 0 and self.tok(i - 1) in _PERCENT_WORDS:
            return True  # `yüzde 12.` ends a sentence; `12. Kazenergy` does not
        # a headline in quotes glued to the next sentence: `yapmayacağız"Kazakistan`
        if closing and 0 < i < self.n - 1 and not self.spaced(i - 1) and not self.spaced(i):
            return self.tok(i - 1)[-1].isalpha() and self.tok(i + 1)[0].isupper()
        return False

    def closes(self, j: int) -> bool:
        """Is token j a closing mark that belongs to the sentence ending before it?"""
        text = self.tok(j)
        if _is_terminal(text) or text in ")]’":
            return True
        if text in _FAMILY or text == "'":
            # `hedefliyoruz." Bakan` closes; `vurguladı."Fazla` opens the next sentence
            if self.spaced(j) or j + 1 >= self.n:
                return text not in _OPENING
            return self.is_closing(text)
        return False

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
