"""Numbers as Turkish news writes them: `3,5`, `1.860.000`, `1 milyon 860 bin`, `iki buçuk milyon`.

`parse_digits` reads one digit group (a dot before exactly three digits groups
thousands, otherwise it is a decimal point; a comma is a decimal comma unless
it repeats as thousand groups); `split_numbers` reads a run of digit groups and
number words into one or more numbers. Nothing here knows about units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_INT = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def parse_digits(s: str) -> float | None:
    """Value of one digit group, or None when it is not one number (`12.03.2019`)."""
    if _INT.fullmatch(s):
        return float(s)
    dot, comma = s.rfind("."), s.rfind(",")
    if dot >= 0 and comma >= 0:
        dec, thou = (",", ".") if comma > dot else (".", ",")
        head, _, tail = s.rpartition(dec)
        if dec in head or not _INT.fullmatch(tail) or not _GROUPED.fullmatch(head) or "." in head and "," in head:
            return None
        return float(head.replace(thou, "") + "." + tail)
    sep = "." if dot >= 0 else ","
    parts = s.split(sep)
    if not all(_INT.fullmatch(p) for p in parts):
        return None
    if len(parts) > 2:  # 1.860.000 or 1,860,000: thousands only
        return float("".join(parts)) if all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3 else None
    if sep == "." and len(parts[1]) == 3 and parts[0] != "0":  # 2.500 = 2500 (Turkish grouping)
        return float(parts[0] + parts[1])
    return float(parts[0] + "." + parts[1])


@dataclass
class Number:
    start: int
    end: int
    value: float
    scale: float  # largest scale word used (1 when none)
    words: bool  # written (partly) in words


class NumberWords:
    """Turkish number-word tables from data (digits, tens, hundred, scales, halves)."""

    def __init__(self, data: dict):
        self.small = {**data["digits"], **data["tens"]}
        self.tens = set(data["tens"])
        self.hundred = data["hundred"]
        self.scales = data["scales"]
        self.half = data["half"]
        self.small.update(data.get("misspelled", {}))
        self.all = set(self.small) | set(self.hundred) | set(self.scales) | set(self.half)
        # `ikiyüzelli`, `dörtyüzbin`: number words written together, split longest-first
        self.part_re = re.compile("|".join(sorted(self.all, key=len, reverse=True)))

    def expand(self, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Tokens with glued number words split into their parts (all parts keep the token's offsets)."""
        out: list[tuple[int, int, str]] = []
        for start, end, tok in tokens:
            if tok[0].isdigit() or tok in self.all:
                out.append((start, end, tok))
                continue
            parts = self.part_re.findall(tok)
            if "".join(parts) == tok:
                out.extend((start, end, part) for part in parts)
            else:
                out.append((start, end, ""))  # not a number: breaks the run
        return out

    def split_numbers(self, tokens: list[tuple[int, int, str]]) -> list[Number]:
        """Numbers in a run of (start, end, lower-cased text) tokens; a run may hold several."""
        out: list[Number] = []
        st = _State()
        for start, end, tok in self.expand(tokens):
            if not tok:
                st.flush(out)
                continue
            if tok[0].isdigit():
                value = parse_digits(tok)
                if value is None or st.group is not None or (st.last_scale and value >= st.last_scale):
                    st.flush(out)
                if value is None:
                    continue
                st.begin(start)
                st.group, st.group_digits = value, True
            elif tok in self.scales:
                scale = self.scales[tok]
                if st.last_scale and scale >= st.last_scale:
                    st.flush(out)
                st.begin(start)
                st.total += (st.group if st.group is not None else 1) * scale
                st.group, st.group_digits, st.last_scale = None, False, scale
                st.scale = max(st.scale, scale)
                st.words = True
            elif tok in self.half:
                if tok == "buçuk" and st.group is not None:
                    st.group += self.half[tok]
                else:
                    if st.group is not None:
                        st.flush(out)
                    st.begin(start)
                    st.group = self.half[tok]
                st.words = True
            elif tok in self.hundred:
                g = st.group
                if g is not None and (st.group_digits or g >= 10):
                    st.flush(out)
                    g = None
                st.begin(start)
                st.group = (g or 1) * self.hundred[tok]
                st.words = True
            else:  # digits and tens words
                w = self.small[tok]
                g = st.group
                if g is not None and (st.group_digits or (w >= 10 and g % 100) or (w < 10 and g % 10)):
                    st.flush(out)
                    g = None
                st.begin(start)
                st.group = (g or 0) + w
                st.words = True
            st.end = end
        st.flush(out)
        return out


class _State:
    def __init__(self):
        self.reset()

    def reset(self):
        self.start = -1
        self.end = -1
        self.total = 0.0
        self.group: float | None = None
        self.group_digits = False
        self.last_scale = 0.0
        self.scale = 1.0
        self.words = False

    def begin(self, start: int):
        if self.start < 0:
            self.start = start

    def flush(self, out: list[Number]):
        if self.start >= 0:
            value = self.total + (self.group or 0.0)
            out.append(Number(self.start, self.end, value, self.scale, self.words))
        self.reset()
