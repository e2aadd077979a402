"""Direct quotes: pair quotation marks, then decide which marked spans are speech.

One left-to-right pass over the marks. Straight quotes get their direction from
the characters around them and from whether a quote is open; an unclosed quote
ends at its paragraph (the next paragraph may reopen it), a stray closing mark
takes the text back to the previous mark. Names, titles and scare quotes in
marks are rejected by structure (no cue, glued suffix, short, mid-sentence).
Nothing here raises on odd input: the worst case is a missed quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import CueMatch, Lexicon
from .text import TextView

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE = '"' + DOUBLE_OPEN + DOUBLE_CLOSE + "‟″"
SINGLE = "'‘’‛"
OPEN_CONTEXT = "([{:;,—–-/\u2060"
SPACE = " \t\u00a0\u2060\u200b"
SENT_END = ".!?…"


@dataclass
class Mark:
    a: int  # first character of the mark (run)
    b: int  # one past its last character


@dataclass
class Candidate:
    start: int
    end: int
    open_mark: Mark | None = None
    close_mark: Mark | None = None
    unclosed: bool = False
    stray: bool = False
    single: bool = False


@dataclass
class DirectQuote:
    start: int
    end: int
    cue: CueMatch | None = None
    side: str | None = None  # "post" (cue after the quote), "intro" (colon before), None
    open_at: int = 0  # where the opening mark (or the quote) begins
    close_at: int = 0  # one past the closing mark (or the quote end)
    pre_comma: bool = False  # `X, "..."`
    headline: bool = False
    extra: dict = field(default_factory=dict)


_RUN_RES: dict[str, re.Pattern] = {}


def _mark_runs(text: str, chars: str) -> list[Mark]:
    """Marks in text order; up to three adjacent double marks (`““`) count as one."""
    pattern = _RUN_RES.get(chars)
    if pattern is None:
        body = "[" + re.escape(chars) + "]"
        # two apostrophes stand for a double mark on some sites: ''...''
        # (`''(?!')|[chars]{1,3}` written to open with one character class: same matches, but the
        # regex engine jumps from candidate to candidate instead of trying every position)
        pattern = _RUN_RES[chars] = re.compile(
            body if "'" in chars else "[" + re.escape(chars + "'") + "](?:(?<=')'(?!')|(?<=" + body + ")" + body + "{0,2})")
    return [Mark(m.start(), m.end()) for m in pattern.finditer(text)]


def _first_newline(text: str, start: int, end: int) -> int:
    k = text.find("\n", start, end)
    return end if k < 0 else k


def pair_double(text: str) -> list[Candidate]:
    n = len(text)
    out: list[Candidate] = []
    stack: list[Mark] = []
    prev_b = 0
    for mark in _mark_runs(text, DOUBLE):
        a, b = mark.a, mark.b
        ch = '"' if text[a] == "'" else text[a] if text[a] != text[b - 1] else text[b - 1]
        prev = text[a - 1] if a > 0 else "\n"
        nxt = text[b] if b < n else "\n"
        left_open = a == 0 or prev.isspace() or prev in OPEN_CONTEXT
        right_closed = b >= n or nxt.isspace() or nxt in ".,;:!?)]}"
        glued_left = not (a == 0 or prev.isspace() or prev in OPEN_CONTEXT)
        if ch in DOUBLE_OPEN:
            kind = "close" if stack and glued_left and right_closed else "open"
        elif ch in DOUBLE_CLOSE:
            kind = "open" if not stack and not glued_left and not right_closed else "close"
        elif not stack:
            kind = "close" if glued_left and right_closed else "open"
        else:
            kind = "open" if (a == 0 or prev.isspace() or prev in "([{") and not right_closed else "close"
        if kind == "open":
            if stack:
                first = stack[0]
                nl = text.find("\n", first.b, a)
                if nl >= 0:  # the open quote never closed in its paragraph
                    out.append(Candidate(first.b, nl, first, None, unclosed=True))
                    stack = [mark]
                else:
                    stack.append(mark)
            else:
                stack.append(mark)
        else:
            if stack:
                opener = stack.pop()
                if not stack:
                    out.append(Candidate(opener.b, a, opener, mark))
            else:
                start = prev_b
                out.append(Candidate(start, a, None, mark, stray=True))
        prev_b = b
    if stack:
        first = stack[0]
        end = _first_newline(text, first.b, n)
        k = first.a
        while k > 0 and text[k - 1] in " \t\n\u00a0":
            k -= 1
        if k > 0 and text[k - 1] == ":" and n - end < 2000:
            end = n  # `açıklamaları şöyle: "...` running to the end of a text that lost its closing mark
        out.append(Candidate(first.b, end, first, None, unclosed=True))
    return out


def pair_single(text: str, blocked: list[tuple[int, int]]) -> list[Candidate]:
    """Single-quoted spans outside double quotes, within one paragraph; apostrophes skipped."""
    n = len(text)
    out: list[Candidate] = []
    opener: Mark | None = None
    bi = 0
    for mark in _mark_runs(text, SINGLE):
        a, b = mark.a, mark.b
        while bi < len(blocked) and blocked[bi][1] <= a:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] <= a < blocked[bi][1]:
            continue
        prev = text[a - 1] if a > 0 else "\n"
        nxt = text[b] if b < n else "\n"
        if prev.isalnum() and nxt.isalnum():
            continue  # apostrophe before a suffix: Kazakistan'ın
        if opener is not None and text.find("\n", opener.b, a) >= 0:
            opener = None
        ch = text[a]
        can_open = ch in "'‘‛" and (a == 0 or prev.isspace() or prev in OPEN_CONTEXT + '"“') and not nxt.isspace()
        can_close = ch in "'’" and (not prev.isspace() or opener is not None) and (
            b >= n or nxt.isspace() or not nxt.isalnum())
        if opener is None:
            if can_open:
                opener = mark
        elif can_close:
            if a - opener.b <= 1200:
                out.append(Candidate(opener.b, a, opener, mark, single=True))
            opener = None
        elif can_open:
            opener = mark
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in SPACE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in SPACE):
        end -= 1
    return start, end


def _is_headline_like(text: str, start: int, end: int) -> bool:
    body = text[start:end]
    letters = [c for c in body if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return True
    return len(body.split()) <= 8 and not body.rstrip().endswith(tuple(SENT_END))


def find_candidates(text: str) -> list[Candidate]:
    doubles = pair_double(text)
    merged: list[Candidate] = []
    for cand in doubles:
        cand.start, cand.end = _strip(text, cand.start, cand.end)
        if merged and merged[-1].unclosed and cand.open_mark is not None:
            last = merged[-1]
            gap = text[last.end:cand.open_mark.a]
            if gap.strip() == "" and "\n" in gap and not _is_headline_like(text, cand.start, cand.end):
                last.end, last.close_mark, last.unclosed = cand.end, cand.close_mark, cand.unclosed
                continue
        merged.append(cand)
    blocked = [(c.open_mark.a if c.open_mark else c.start, c.close_mark.b if c.close_mark else c.end) for c in merged]
    singles = pair_single(text, blocked)
    for cand in singles:
        cand.start, cand.end = _strip(text, cand.start, cand.end)
    out = [c for c in merged + singles if c.end > c.start]
    out.sort(key=lambda c: c.start)
    return out


def _n_words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _is_name_like(view: TextView, start: int, end: int) -> bool:
    words = view.words_between(start, end)
    if not words or len(words) > 15:
        return False
    caps = [w for w in words if w.is_cap or w.text[:1].isdigit()]
    return len(caps) == len(words) and not all(w.is_allcaps for w in words if w.text.isalpha())


def classify(view: TextView, lex: Lexicon, cand: Candidate) -> DirectQuote | None:
    """Speech or not; with the cue and which side of the quote it is on."""
    text, low, n = view.text, view.low, len(view.text)
    start, end = cand.start, cand.end
    body_words = _n_words(text, start, end)
    open_at = cand.open_mark.a if cand.open_mark else start
    close_at = cand.close_mark.b if cand.close_mark else end
    # after the quote: cue?
    j = close_at
    while j < n and (text[j] in SPACE or text[j] == ","):
        j += 1
    cue = lex.post_quote_cue(low, j)
    glued_suffix = cue is None and cand.close_mark is not None and j == close_at and j < n and text[j].isalpha() \
        and text[j].islower()
    # before the quote: colon intro / `X, "`
    i = open_at
    while i > 0 and text[i - 1] in SPACE + "\n":
        i -= 1
    before = text[i - 1] if i > 0 else "\n"
    intro = before in ":;" and cand.open_mark is not None
    pre_comma = before == "," and cand.open_mark is not None
    sent_edge = i == 0 or before in SENT_END + "\n" or text[i - 1] in DOUBLE + SINGLE or open_at > i and "\n" in text[i:open_at]
    q = DirectQuote(start, end, open_at=open_at, close_at=close_at, pre_comma=pre_comma)
    embedded = _embedded(view, open_at)
    if cue is not None:
        if cue.kind == "noun" and body_words <= 3 and _is_name_like(view, start, end):
            return None
        if embedded and body_words <= 3 and not low.startswith(("de", "di", "söyle"), cue.start) \
                and not text[start:end].rstrip().endswith(("?", "!", ".")) and not text[start:start + 1].isupper():
            return None  # `"kan sattığı" iddiaları`: a phrase in marks inside a clause
        body = text[start:end].rstrip()
        if body_words <= 2 and body[:1].islower() and not body.endswith(("?", "!", ".")) \
                and not low.startswith(("de", "di"), cue.start):
            return None  # `"sessiz kriz" ifadesini kullandı`: a term in marks
        q.cue, q.side = cue, "post"
        return q
    if intro:
        q.side = "intro"
        q.cue = intro_cue(view, lex, i - 1)
        return q
    if glued_suffix:
        return None
    if cand.stray or cand.unclosed:
        return q if body_words >= 4 else None
    nxt = text[j] if j < n else "\n"
    if _is_name_like(view, start, end):
        return None
    if nxt.isalpha() and nxt.islower():
        # mid-sentence: a scare quote unless it is clearly a sentence of speech
        body = text[start:end].rstrip()
        if body_words >= 8 or (body_words >= 4 and body.endswith(tuple(SENT_END))):
            return q
        return None
    if pre_comma:
        return q if body_words >= 2 else None
    if sent_edge:
        if body_words >= 2:
            q.headline = True
            return q
        return None
    return q if body_words >= (6 if embedded else 4) else None


def _embedded(view: TextView, open_at: int) -> bool:
    """The mark follows a lower-case word directly: the quoted words sit inside a clause."""
    w = view.prev_word(open_at)
    return w is not None and view.text[w.end:open_at].strip() == "" and not w.is_cap and "\n" not in view.text[w.end:open_at]


def intro_cue(view: TextView, lex: Lexicon, colon: int) -> CueMatch | None:
    """The reporting phrase of `X şunları söyledi:` (from `şunları`/`şöyle` to the colon)."""
    s_start, _ = view.sentence_of(colon)
    low = view.low
    best = None
    for m in lex.colon_intro.finditer(low, s_start, colon):
        best = m
    if best is not None:
        start = best.start()
        words = view.words_between(s_start, start)
        if words and lex.noun_re.fullmatch(words[-1].low) and words[-1].end >= start - 2:
            start = words[-1].start  # `sözlerini şöyle sürdürdü`
        return CueMatch(start, colon, "finite")
    words = view.words_between(s_start, colon)
    for k in range(len(words) - 1, max(len(words) - 4, -1), -1):
        cue = lex.post_quote_cue(low, words[k].start)
        if cue is not None and cue.end <= colon:
            return CueMatch(cue.start, cue.end, "finite" if cue.kind == "noun" else cue.kind)
    return None
