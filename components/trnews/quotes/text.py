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
# `[.!?…]+|\n+` opening with one character class, so the regex engine jumps between candidates
_ENDS_RE = re.compile(r"[.!?…\n](?:(?<=\n)\n*|[.!?…]*)")
UPPER_START = re.compile(r"[A-ZÇĞİÖŞÜÂÎÛ]")


class Word:
    """One word with its offsets; the rarely asked facts are computed when first asked, then kept."""

    __slots__ = ("start", "end", "text", "_low", "is_cap", "_k", "_lowtext", "_allcaps")

    def __init__(self, start: int, end: int, text: str, low_text: str):
        self.start, self.end, self.text, self._low = start, end, text, low_text
        self.is_cap = text[0].isupper()
        self._k = -2  # apostrophe index, -2 = not looked up yet
        self._lowtext = None
        self._allcaps = None

    @property
    def low(self) -> str:
        low = self._lowtext
        if low is None:
            low = self._lowtext = self._low[self.start:self.end]
        return low

    def _apostrophe(self) -> int:
        k = self._k
        if k == -2:
            k = self.text.find("'")
            k2 = self.text.find("’")
            k = self._k = k2 if k < 0 or 0 <= k2 < k else k
        return k

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
        allcaps = self._allcaps
        if allcaps is None:
            base = self.base
            allcaps = self._allcaps = self.is_cap and len(base) > 1 and base.isupper()
        return allcaps

    def __repr__(self) -> str:
        return f"Word({self.text!r}@{self.start})"


class TextView:
    """Words and sentences of one text; positions are character offsets."""

    def __init__(self, text: str, abbreviations: frozenset[str] = frozenset()):
        self.text = text
        self.low = lower(text)
        spans = [m.span() for m in WORD_RE.finditer(text)]
        self.word_starts = [s for s, _ in spans]
        self.word_ends = [e for _, e in spans]
        self.n_words = len(spans)
        # Word objects are made when first asked for (most words of an article never are)
        self._words: list[Word | None] = [None] * len(spans)
        self.abbreviations = abbreviations
        self.sent_starts: list[int] = [0]

    # -- words ---------------------------------------------------------------------------
    def word(self, i: int) -> Word:
        """Word number i (0 <= i < n_words); the same object on every call."""
        w = self._words[i]
        if w is None:
            start, end = self.word_starts[i], self.word_ends[i]
            w = self._words[i] = Word(start, end, self.text[start:end], self.low)
        return w

    @property
    def words(self) -> list[Word]:
        return [self.word(i) for i in range(self.n_words)]

    def is_cap_at(self, i: int) -> bool:
        """`word(i).is_cap` without making the Word."""
        return self.text[self.word_starts[i]].isupper()

    def words_between(self, start: int, end: int) -> list[Word]:
        i = bisect_left(self.word_starts, start)
        j = bisect_left(self.word_starts, end)
        ends, words = self.word_ends, self._words
        out = []
        for k in range(i, j):
            if ends[k] <= end:
                w = words[k]
                out.append(w if w is not None else self.word(k))
        return out

    def word_index_at(self, pos: int) -> int:
        """Index of the first word starting at or after `pos`."""
        return bisect_left(self.word_starts, pos)

    def next_word(self, pos: int) -> Word | None:
        i = bisect_left(self.word_starts, pos)
        return self.word(i) if i < self.n_words else None

    def prev_word(self, pos: int) -> Word | None:
        i = bisect_right(self.word_starts, pos - 1) - 1
        ends = self.word_ends
        while i >= 0 and ends[i] > pos:
            i -= 1
        return self.word(i) if i >= 0 else None

    # -- sentences -----------------------------------------------------------------------
    def split_sentences(self, closers: set[int], openers: set[int]) -> None:
        """Sentence starts from end punctuation, newlines and closing headline quotes."""
        text, n = self.text, len(self.text)
        starts = {0}
        for m in _ENDS_RE.finditer(text):
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
