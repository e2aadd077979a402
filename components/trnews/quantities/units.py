"""The unit table (data/units.json) compiled into matchers for inflected Turkish unit words.

`UnitTable.match_after(low, text, pos)` reads a unit right after a number
(`metreküpe`, `MW'lık`, `dolarlık`, `$`), `match_prefix` a unit written before
it (`yüzde`, `%`, `$`), `per_cues` the `varil başına` / `gram altın` phrases that
turn a currency amount into a price per unit. SI factors come from the table
itself, not from pint (its `ton` is the short ton and its `bbl` is not an oil barrel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

_LETTERS = "a-zçğıöşüâîû"
_HARMONY = {"A": "ae", "I": "ıiuü", "D": "dt", "C": "cç", "G": "ğk"}


def expand_suffixes(templates: list[str]) -> list[str]:
    """`lIk` -> lık, lik, luk, lük ...: the surface forms of suffix templates."""
    out: set[str] = set()
    for tpl in templates:
        slots = [_HARMONY.get(ch, ch) for ch in tpl]
        out.update("".join(p) for p in product(*slots))
    return sorted(out, key=len, reverse=True)


@dataclass(frozen=True)
class Unit:
    code: str
    kind: str
    factor: float = 1.0
    si_unit: str | None = None
    si_factor: float | None = None
    si_offset: float = 0.0

    @property
    def is_currency(self) -> bool:
        return self.kind == "currency"

    def si(self, value: float) -> float | None:
        if self.si_factor is None:
            return None
        return value * self.si_factor + self.si_offset


@dataclass
class UnitHit:
    unit: Unit
    start: int
    end: int
    suffix: str = ""  # the case suffix glued to the unit word, apostrophe stripped (`metreküpe` -> `e`)


SPEC_UNITS = {"t", "kg", "g", "m3", "L", "bbl", "Wh", "kWh", "MWh", "GWh", "TWh", "W", "kW", "MW", "GW", "m", "km",
              "m2", "km2", "ha", "decare", "%", "°C", "km/h", "ozt", "bp"}


def _validate(i: int, entry: dict) -> None:
    """Fail on a bad unit table entry with a message that names it (SPEC.md section 4 lists the codes)."""
    where = f"units.json entry {i} ({entry.get('code')!r})" if isinstance(entry, dict) else f"units.json entry {i}"
    if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
        raise ValueError(f"{where}: every unit needs a string 'code'")
    code = entry["code"]
    if code not in SPEC_UNITS and not (entry.get("kind") == "currency" and re.fullmatch(r"[A-Z]{3}", code)):
        raise ValueError(f"{where}: code {code!r} is not a SPEC.md unit or an ISO 4217 currency with kind 'currency'")
    for key in ("words", "abbrevs", "exact", "symbols", "prefix", "per"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) and w and w == w.lower() or key == "exact"
                                                  for w in value):
            raise ValueError(f"{where}: {key!r} must be a list of lower-cased non-empty strings")
    si = entry.get("si")
    if si is not None and not (isinstance(si, list) and 2 <= len(si) <= 3 and isinstance(si[0], str)):
        raise ValueError(f"{where}: 'si' must be [unit, factor] or [unit, factor, offset]")


def _first_char(pattern: str) -> str | None:
    """The literal first letter of a unit alternative `\\s?(?:word)`, None when it is not one."""
    m = re.match(r"\\s[+*?]\(\?:(\\?)(.)", pattern)
    if m is None or (m.group(1) and m.group(2).isalnum()):
        return None  # not the expected shape, or an escape class such as `\s`: try it everywhere
    return m.group(2)


def _genitive(word: str) -> list[str]:
    """`ons` -> `onsun`, `gram` -> `gramın`, `litre` -> `litrenin`: the genitive a price per unit is written with."""
    vowels = [ch for ch in word if ch in "aeıioöuü"]
    if not vowels:
        return []
    v = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[vowels[-1]]
    if word.endswith("saat"):
        v = "i"  # `saat` keeps the front vowel of Arabic: `megavatsaatin`
    return [f"n{v}n"] if word[-1] in "aeıioöuü" else [f"{v}n"]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


class UnitTable:
    def __init__(self, data: dict, suffix_templates: list[str], codes: list[str] | None = None):
        keep = set(codes) if codes else None
        self.units: list[Unit] = []
        self._exact: dict[int, str] = {}
        patterns: list[str] = []
        self._group_unit: list[Unit] = []
        # stems and suffixes are matched in two steps: one alternation of ~150 stems each carrying the
        # ~200 suffix forms compiles in a second; two small patterns compile in milliseconds
        self._word_suffix = re.compile(f"(?:['’]?(?:{_alt(expand_suffixes(suffix_templates))}))?(?![{_LETTERS}0-9])")
        self._apos_suffix = re.compile(f"(?:['’][{_LETTERS}]+)?(?![{_LETTERS}0-9])")
        self._takes_suffix: list[bool] = []
        prefix_words: dict[str, Unit] = {}
        self.per_cues: list[tuple[str, Unit]] = []
        for i, entry in enumerate(data.get("units", [])):
            _validate(i, entry)
            if keep is not None and entry["code"] not in keep:
                continue
            si = entry.get("si") or [None, None]
            factor = float(entry.get("factor", 1.0))
            # value is kept in the SPEC code's unit (cm -> m), so the SI factor is per code unit
            unit = Unit(entry["code"], entry.get("kind", ""), factor, si[0],
                        None if si[1] is None else float(si[1]) / factor, float(si[2]) if len(si) > 2 else 0.0)
            self.units.append(unit)
            for word in entry.get("words", []):
                patterns.append(rf"\s+(?:{_alt([word])})")
                self._takes_suffix.append(True)
                self._group_unit.append(unit)
            for abbr in entry.get("abbrevs", []):
                patterns.append(rf"\s*(?:{_alt([abbr])})")
                self._takes_suffix.append(False)
                self._group_unit.append(unit)
            for abbr in entry.get("exact", []):
                patterns.append(rf"\s+(?:{_alt([abbr])})")
                self._takes_suffix.append(False)
                self._exact[len(self._group_unit)] = abbr
                self._group_unit.append(unit)
            for sym in entry.get("symbols", []):
                patterns.append(rf"\s?(?:{_alt([sym])})")
                self._takes_suffix.append(False)
                self._group_unit.append(unit)
            for word in entry.get("prefix", []):
                prefix_words[word] = unit
            for sym in entry.get("symbols", []):
                if entry.get("kind") == "currency":
                    prefix_words.setdefault(sym, unit)
            per = list(entry.get("per", []))
            if unit.kind not in ("currency", "ratio", "temperature"):
                # `megavat başına`, `dönüm başına`, `onsun`, `kilogramın`: every measure can be a price's denominator
                per += [f"{w} başına" for w in entry.get("words", []) + entry.get("abbrevs", [])]
                per += [w + g for w in entry.get("words", []) if entry.get("per") for g in _genitive(w)]
            for cue in dict.fromkeys(per):
                self.per_cues.append((cue, unit))
        # one alternation, longest surfaces first so `metreküp` beats `metre`
        order = sorted(range(len(patterns)), key=lambda i: -len(patterns[i]))
        self._group_unit = [self._group_unit[i] for i in order]
        self._takes_suffix = [self._takes_suffix[i] for i in order]
        self._exact = {order.index(i): v for i, v in self._exact.items()}
        body = "|".join(f"({patterns[i]})" for i in order)
        self._after = re.compile(body) if body else None
        # cheap pre-check before trying ~150 alternatives: the first letter a unit can start with
        self._first = {p.replace("\\s+", "").replace("\\s*", "").replace("\\s?", "").replace("(?:", "").lstrip("\\")[:1]
                       for p in patterns}
        # the alternatives whose word starts with a given letter, in the same order, with their group
        # index in `_after`: a match can only come from those (each alternative is whitespace, then
        # one escaped word), so a number's unit is tried against a handful, not ~150
        self._after_by_first: dict[str, tuple[re.Pattern, list[int]]] = {}
        ordered = [patterns[i] for i in order]
        starts = [_first_char(p) for p in ordered]
        for ch in {c for c in starts if c is not None}:
            picked = [k for k, c in enumerate(starts) if c == ch or c is None]
            self._after_by_first[ch] = (re.compile("|".join(f"({ordered[k]})" for k in picked)), picked)
        self._prefix_units = prefix_words
        self._prefix = (re.compile(rf"(?<![{_LETTERS}])({_alt(list(prefix_words))})\s*$") if prefix_words else None)
        per = sorted(self.per_cues, key=lambda c: -len(c[0]))
        self._per_unit = [u for _, u in per]
        self.per_re = (re.compile(rf"(?<![{_LETTERS}])(?:" + "|".join(f"({_alt([c])})" for c, _ in per)
                                  + rf")(?![{_LETTERS}])") if per else None)
        # The same pattern with the cues grouped under their first letter (`k(?:(ilogram...)|...)`):
        # only cues starting with the letter at a position can match there, so the result is the
        # same, but the regex engine skips a whole group on one letter test instead of trying each
        # of the ~40 capturing alternatives at every position. Group k of it is cue _per_order[k].
        self._per_grouped = None
        if per and all(c[:1].isalpha() for c, _ in per):
            letters: dict[str, list[int]] = {}
            for k, (c, _) in enumerate(per):
                letters.setdefault(c[0], []).append(k)
            self._per_order = [k for ks in letters.values() for k in ks]
            self._per_grouped = re.compile(
                rf"(?<![{_LETTERS}])(?:" + "|".join(
                    re.escape(ch) + "(?:" + "|".join(f"({_alt([per[k][0]])[len(re.escape(ch)):]})" for k in ks) + ")"
                    for ch, ks in letters.items()) + rf")(?![{_LETTERS}])")
        self.by_code = {u.code: u for u in reversed(self.units)}

    def _stem_and_suffix(self, low: str, pos: int, endpos: int | None = None):
        """(group index, stem start, end after suffix) of the unit at `pos`, or None."""
        nxt = pos
        while nxt < len(low) and nxt - pos < 10 and low[nxt].isspace():
            nxt += 1
        if nxt >= len(low) or low[nxt] not in self._first:
            return None
        by_first = self._after_by_first.get(low[nxt])
        if by_first is None:
            m = self._after.match(low, pos) if endpos is None else self._after.match(low, pos, endpos)
            if not m:
                return None
            gi = m.lastindex - 1
        else:
            rx, picked = by_first
            m = rx.match(low, pos) if endpos is None else rx.match(low, pos, endpos)
            if not m:
                return None
            gi = picked[m.lastindex - 1]
        suffix = (self._word_suffix if self._takes_suffix[gi] else self._apos_suffix).match(low, m.end())
        if not suffix:
            return None
        g_start = m.start(m.lastindex)
        stem = low[g_start:m.end()]
        return gi, m.end() - len(stem.lstrip()), suffix.end(), m.end()

    def match_after(self, low: str, text: str, pos: int) -> UnitHit | None:
        """The unit written right after position `pos` (a number's end), if any."""
        if self._after is None:
            return None
        found = self._stem_and_suffix(low, pos)
        if found is None:
            return None
        gi, start, end, stem_end = found
        exact = self._exact.get(gi)
        if exact is not None and not text.startswith(exact, start):
            return None
        return UnitHit(self._group_unit[gi], start, end, low[stem_end:end].lstrip("'’"))

    def unit_of_word(self, word: str) -> Unit | None:
        """The unit a whole (lower-cased) word names with its suffixes (`kilogramı`, `varilin`, `onsun`), else None."""
        if self._after is None or not word:
            return None
        found = self._stem_and_suffix(" " + word, 0)
        if found is None or found[2] != len(word) + 1:
            return None
        return self._group_unit[found[0]]

    def match_prefix(self, low: str, start: int) -> UnitHit | None:
        """A unit written before the number at `start`: `yüzde 3`, `%3`, `$5`."""
        if self._prefix is None:
            return None
        window = low[max(0, start - 8):start]
        m = self._prefix.search(window)
        if not m:
            return None
        offset = start - len(window)
        return UnitHit(self._prefix_units[m.group(1)], offset + m.start(1), offset + m.end(1))

    def per_unit_cues(self, low: str, windows: list[tuple[int, int]]) -> list[tuple[int, int, Unit]]:
        """Every `varil başına`, `gram altın`, `kilogram fiyatı` ... inside the windows."""
        if self.per_re is None:
            return []
        if self._per_grouped is not None:
            units, order = self._per_unit, self._per_order
            return [(m.start(), m.end(), units[order[m.lastindex - 1]])
                    for a, b in windows for m in self._per_grouped.finditer(low, a, b)]
        return [(m.start(), m.end(), self._per_unit[m.lastindex - 1])
                for a, b in windows for m in self.per_re.finditer(low, a, b)]

    def match_slash_per(self, low: str, pos: int) -> UnitHit | None:
        """`/varil`, `/ton` right after a currency: a price per unit."""
        if pos >= len(low) or low[pos] != "/" or self._after is None:
            return None
        # unit words expect a space before them: match on a copy with one
        found = self._stem_and_suffix(" " + low[pos + 1: pos + 40], 0)
        if found is None:
            return None
        return UnitHit(self._group_unit[found[0]], pos, pos + found[2])
