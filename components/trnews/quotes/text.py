"""Cheap text views the quote finder shares: words with offsets, sentence starts.

Our own light sentence split (not `doc.sents`) because the quote finder must work
in a bare pipeline and must see glued sentences (`bildirdi.Mamin`) and quote marks
that close a headline (`yapmayacağız"Kazakistan`). One regex pass, linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from trnews.casing import lower

WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
APOSTROPHES = "'’"
UPPER_START = re.compile(r"[A-ZÇĞİÖŞÜÂÎÛ]")


class Word:
    """One word with its offsets; the rarely asked facts are computed when asked."""

    __slots__ = ("start", "end", "text", "_low", "is_cap")

    def __init__(self, start: int, end: int, text: str, low_text: str):
        self.start, self.end, self.text, self._low = start, end, text, low_text
        self.is_cap = text[0].isupper()

    @property
    def low(self) -> str:
        return self._low[self.start:self.end]

    def _apostrophe(self) -> int:
        k = self.text.find("'")
        k2 = self.text.find("’")
        return k2 if k < 0 or 0 <= k2 < k else k

    @property
    def base(self) -> str:
        """The word without an apostrophe suffix (`Kazakistan'ın` -> `Kazakistan`)."""
        k = self._apostrophe()
        return self.text[:k] if k >= 0 else self.text

    @property
    def suffix(self) -> str:
        k = self._apostrophe()
        return self.low[k + 1:] if k >= 0 else ""

    @property
    def is_allcaps(self) -> bool:
        base = self.base
        return self.is_cap and len(base) > 1 and base.isupper()

    def __repr__(self) -> str:
        return f"Word({self.text!r}@{self.start})"


class TextView:
    """Words and sentences of one text; positions are character offsets."""

    def __init__(self, text: str, abbreviations: frozenset[str] = frozenset()):
        self.text = text
        self.low = lower(text)
        low = self.low
        self.words = [Word(m.start(), m.end(), m.group(0), low) for m in WORD_RE.finditer(text)]
        self.word_starts = [w.start for w in self.words]
        self.abbreviations = abbreviations
        self.sent_starts: list[int] = [0]

    # -- words ---------------------------------------------------------------------------
    def words_between(self, start: int, end: int) -> list[Word]:
        i = bisect_left(self.word_starts, start)
        j = bisect_left(self.word_starts, end)
        return [w for w in self.words[i:j] if w.end <= end]

    def word_index_at(self, pos: int) -> int:
        """Index of the first word starting at or after `pos`."""
        return bisect_left(self.word_starts, pos)

    def next_word(self, pos: int) -> Word | None:
        i = bisect_left(self.word_starts, pos)
        return self.words[i] if i < len(self.words) else None

    def prev_word(self, pos: int) -> Word | None:
        i = bisect_right(self.word_starts, pos - 1) - 1
        while i >= 0 and self.words[i].end > pos:
            i -= 1
        return self.words[i] if i >= 0 else None

    # -- sentences -----------------------------------------------------------------------
    def split_sentences(self, closers: set[int], openers: set[int]) -> None:
        """Sentence starts from end punctuation, newlines and closing headline quotes."""
        text, n = self.text, len(self.text)
        starts = {0}
        for m in re.finditer(r"[.!?…]+|\n+", text):
            end = m.end()
            if m.group(0)[0] == "\n":
                starts.add(end)
                continue
            if m.group(0) == "." and not self._period_ends_sentence(m.start()):
                continue
            j = end
            while j < n and (text[j] in " \t\u00a0\u2060" or (j in closers)):
                j += 1
            if j >= n:
                continue
            ch = text[j]
            if ch.isupper() or j in openers or (ch.isdigit() and m.group(0) != "."):
                # place the start after closing marks that belong to the ending sentence
                k = end
                while k < n and k in closers:
                    k += 1
                while k < n and text[k] in " \t\u00a0\u2060":
                    k += 1
                starts.add(k)
        for c in closers:  # "HEADLINE" Name, ... -> a new sentence after the closing mark
            j = c + 1
            while j < n and text[j] in " \t\u00a0":
                j += 1
            if j < n and text[j].isupper():
                starts.add(j)
        self.sent_starts = sorted(s for s in starts if s <= n)

    def _period_ends_sentence(self, pos: int) -> bool:
        word = self.prev_word(pos + 1)
        if word is None or word.end != pos:
            return True
        base = word.low
        if base in self.abbreviations:
            return False
        if len(word.text) == 1 and word.text.isupper():  # initials: J. Powell, A.Ş.
            return False
        if word.text.isdigit() and len(word.text) <= 3:  # ordinals: 12. Forum
            nxt = self.next_word(pos + 1)
            if nxt is not None and nxt.start - pos <= 2:
                return False
        return True

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, pos) - 1
        start = self.sent_starts[max(i, 0)]
        end = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return start, end

    def next_sentence(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.sent_starts, pos)
        if i >= len(self.sent_starts):
            return None
        start = self.sent_starts[i]
        end = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return start, end
