"""Finds quantities in a text: number runs, their units, ranges, lists, prices per unit, periods.

Works on `doc.text` and its Turkish-lower-cased copy (same length, so offsets
agree) with precompiled linear-time regexes; the component only maps the
character spans onto tokens. Counts of things, years, dates, clock times and
ordinals never get a unit here, so they are never quantities.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable

from .numbers import Number, NumberWords
from .periods import Cue, PeriodFinder
from .items import ItemFinder
from .units import Unit, UnitTable

_L = "a-zçğıöşüâîû"
# `[.!?…]+["”’']*(?=\s|[A-ZÇĞİÖŞÜ"“])|\n`, written to open with one character class (so the
# regex engine jumps from candidate to candidate instead of trying every position); same matches
_SENT_END = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[\"”’']*(?=\s|[A-ZÇĞİÖŞÜ\"“]))")
_STEM_WORD = re.compile(rf"(?<![{_L}])[{_L}]{{4,}}")
# stems too common in price sentences to tell two priced things apart
_GENERIC_STEMS = {"fiyat", "piyas", "lira", "dolar", "avro", "euro", "yüzde", "yükse", "düşüş", "artış", "geril", "seviy",
                  "işlem", "hafta", "bugün", "ortal", "yakla", "olara", "kadar", "sonra", "itiba", "gören", "görüy",
                  "başla", "ancak", "ayrıc", "ilişk", "gelen", "olduğ", "bulun", "açıkl", "belir", "göre", "kapat"}
_PRICE_WORD = re.compile(r"fiyat|ücret|kur(?:u|un)?\b|faiz|tarife|bedel|maaş|aylığ|kira")
_NEXT_WORD = re.compile(rf"\s+([{_L}]+)")
_RATE_ADJ = re.compile(r"l[ıiuü]k$")
_OBLIQUE_END = re.compile(r"(?:[dt][ae]n?|[dt][ae]ki)$")
_NUMBER_AFTER = re.compile(r"\s+(?:(?:yaklaşık|ortalama|en\s+az|en\s+fazla)\s+)?\d")
_PREV_WORD = re.compile(rf"(?<![{_L}\d])([{_L}]+)\s+$")
_APOS_SUFFIX = re.compile(rf"['’]([{_L}]+)")
_DASH = re.compile(r"\s*[-–—]\s*")
_LIST_SEP = re.compile(r"\s*,\s*|\s+(?:ve|veya|ya\s+da)\s+")
_SPACE = re.compile(r"\s+")
_ABLATIVE = re.compile(r"(?:d|t)(?:a|e)n$")
_YEARISH = re.compile(r"(?:19|20)\d\d")
_MINUS = re.compile(r"(?:^|(?<=\s))(-|−|eksi\s+)$")
_HEAT = re.compile(r"sıcak|soğu|ısı|hava|santigrat|celsius|termometre|eksi|sıfırın|ateş|don(?:ma|du|acak)|kaynama|serin|ılık|"
                   r"dondurucu|kar\s+yağ|buzlan|meteoroloji|iklim|sıcaklı|derecelik\s+sıcak")
_OLAN = re.compile(r"\s+olan(?![a-zçğıöşü])")
_FUTURE = re.compile(r"[ae]c[ae][kğ]|bekleniyor|bekliyor|beklenmekte|beklentisi|öngörülüyor|öngörüyor|"
                     r"hedefliyor|hedefleniyor|planlanıyor|planlıyor|[ae]bilir")
@dataclass
class Quantity:
    start: int
    end: int
    value: float
    unit: Unit | None
    num: Number
    value_max: float | None = None
    unit_end: int = -1  # end of the unit word (or of the number when the unit is inherited)
    suffix: str = ""  # case suffix glued to the number after an apostrophe
    unit_suffix: str = ""
    prefix: bool = False
    inherited: bool = False
    per: Unit | None = None
    qualifier: str | None = None
    period: dict | None = None
    item: dict | None = None

    @property
    def code(self) -> str | None:
        if self.unit is None:
            return None
        return f"{self.unit.code}/{self.per.code}" if self.per is not None else self.unit.code


class QuantityFinder:
    def __init__(self, units: dict, words: dict, codes: list[str] | None = None):
        self.words = NumberWords(words)
        self.units = UnitTable(units, words["unit_suffixes"], codes)
        self.periods = PeriodFinder(words)
        num_words = "|".join(sorted(self.words.all, key=len, reverse=True))
        tok = rf"\d+(?:[.,]\d+)*|(?:{num_words})+(?![{_L}])"
        self.run_re = re.compile(rf"(?<![{_L}\d.,])(?:{tok})(?:[^\S\n]+(?:{tok}))*")
        self.tok_re = re.compile(r"\S+")
        self.range_after = re.compile(rf"\s+(?:{_alt(words['range_between'])})(?![{_L}])")
        self.q_before = [(w, v) for w, v in sorted(words["qualifiers_before"].items(), key=lambda x: -len(x[0]))]
        self.q_after = re.compile(rf"\s+({_alt(words['qualifiers_after'])})(?![{_L}])")
        self.q_after_map = words["qualifiers_after"]
        self.ile_ila = re.compile(r"\s+(ila|ile|ve|veya)\s+")
        self.coins = re.compile(rf"(?<![{_L}])(?:{_alt(words.get('coins', []) or ['çeyrek altın'])})(?![{_L}])")
        self.items = ItemFinder(words, self.units.unit_of_word, self.periods.rates)

    # -------------------------------------------------------------------------------
    def find(self, text: str, low: str, doc_date: str | None = None, resolve_dates: bool = True,
             ents: list[tuple[int, int]] | None = None,
             lemma_at: Callable[[int], str | None] | None = None) -> list[Quantity]:
        """`ents`: character spans of names, places and organisations (never items); `lemma_at(start)`:
        the lower-cased lemma of the token starting there, None when unknown."""
        if not text:
            return []
        items = self._numbers(text, low)
        items = self._link(low, items)
        quantities = [q for q in items if q.unit is not None]
        if not quantities:
            return []
        for q in quantities:
            if q.unit.factor != 1.0:  # cm -> m, kuruş -> TRY
                q.value *= q.unit.factor
                if q.value_max is not None:
                    q.value_max *= q.unit.factor
        sents = [m.end() for m in _SENT_END.finditer(text)]
        heat: dict[int, bool] = {}
        quantities = [q for q in quantities if q.unit.kind != "temperature" or self._is_temperature(low, q, sents, heat)]
        if not quantities:
            return []
        self._prices(low, quantities, sents)
        for q in quantities:
            self._qualifier(low, q)
        cues = self._periods(text, low, quantities, sents, doc_date, resolve_dates)
        claimed = bytearray(len(low) + 1)  # period cues, amounts and entities are never items
        for a, b in [(c.start, c.end) for c in cues] + [(q.start, q.end) for q in quantities] + list(ents or ()):
            claimed[a:b] = b"\x01" * (b - a)
        lemma_at = lemma_at or _no_lemma
        for q in quantities:
            s0, s1 = _sentence(sents, q.start, len(low))
            ending = q.unit_suffix if q.unit is not None and not q.prefix and not q.inherited else q.suffix
            own = q.unit.code if q.unit is not None else None
            span = self.items.find(low, q.start, q.end, ending, own, s0, s1, claimed, lemma_at)
            if span is not None:
                q.item = {"start": span[0], "end": span[1]}
        self._same_price(low, quantities, sents)
        return quantities

    # -- numbers and units --------------------------------------------------------------
    def _numbers(self, text: str, low: str) -> list[Quantity]:
        out: list[Quantity] = []
        for run in self.run_re.finditer(low):
            base = run.start()
            tokens = [(base + m.start(), base + m.end(), m.group()) for m in self.tok_re.finditer(run.group())]
            for num in self.words.split_numbers(tokens):
                q = Quantity(num.start, num.end, num.value, None, num, unit_end=num.end)
                sm = _APOS_SUFFIX.match(low, num.end)
                if sm:
                    q.suffix = sm.group(1)
                    q.end = sm.end()
                neg = _MINUS.search(low, max(0, num.start - 6), num.start)
                pre = self.units.match_prefix(low, num.start)
                if pre is not None:
                    q.unit, q.start, q.prefix = pre.unit, pre.start, True
                elif not q.suffix:
                    hit = self.units.match_after(low, text, num.end)
                    if hit is not None:
                        again = self.units.match_after(low, text, hit.end)
                        if again is not None and not again.unit.is_currency and again.unit.kind != hit.unit.kind \
                                and not hit.unit.is_currency:
                            hit = again  # `1 milyon 860 ton varilden`: the last unit word counts
                        q.unit, q.end, q.unit_end = hit.unit, hit.end, hit.end
                        q.unit_suffix = hit.suffix
                if num.words and num.value == 1 and num.scale == 1 and not q.prefix:
                    continue  # `bir kuruş bile`, `bir dönüm bahçe`: `bir` is the article far more often than `one`
                if q.unit is None and num.words and not any(ch.isdigit() for ch in low[num.start:num.end]):
                    # bare number words (`bir`, `on`) are too common to link by lists or ranges
                    continue
                if neg and q.unit is not None and q.unit.kind == "temperature":
                    q.value, q.start = -q.value, neg.start(1)  # `-5 derece`, `eksi 12 dereceye`
                out.append(q)
        return out

    def _link(self, low: str, items: list[Quantity]) -> list[Quantity]:
        """Ranges (`3-4 milyon ton`, `yüzde 2 ile 3 arasında`), lists (`6, 7, 10 dolar`), changes (`80'den 70'e`)."""
        out: list[Quantity] = []
        i = 0
        while i < len(items):
            a = items[i]
            b = items[i + 1] if i + 1 < len(items) else None
            merged = self._range(low, a, b) if b is not None else None
            if merged is not None:
                out.append(merged)
                i += 2
                continue
            out.append(a)
            i += 1
        out = self._compounds(low, out)
        # lists and changes share a unit right to left
        for j in range(len(out) - 2, -1, -1):
            a, b = out[j], out[j + 1]
            if a.unit is not None or b.unit is None or b.value_max is not None:
                continue
            between = low[a.end:b.start]
            if a.suffix:
                if _ABLATIVE.search(a.suffix) and _SPACE.fullmatch(between) and not b.prefix:
                    self._inherit(a, b)
                continue
            if _LIST_SEP.fullmatch(between) and not b.prefix and not _is_year(low, a):
                self._inherit(a, b)
        for j in range(1, len(out)):
            a, b = out[j - 1], out[j]
            if b.unit is not None or a.unit is None or not b.suffix:
                continue
            ends_ablative = _ABLATIVE.search(a.suffix or a.unit_suffix or "")
            if ends_ablative and _SPACE.fullmatch(low[a.end:b.start]) and not _is_year(low, b):
                b.unit, b.inherited = a.unit, True
                if b.num.scale == 1 and a.num.scale > 1:
                    b.value *= a.num.scale
        return out

    @staticmethod
    def _compounds(low: str, items: list[Quantity]) -> list[Quantity]:
        """`44 lira 50 kuruş` = 44.5 TRY, `3 kilo 200 gram` = 3.2 kg: a smaller unit right after a larger one."""
        out: list[Quantity] = []
        for b in items:
            a = out[-1] if out else None
            if (a is not None and a.unit is not None and b.unit is not None and not a.prefix and not b.prefix
                    and a.value_max is None and b.value_max is None and not a.suffix and not a.unit_suffix
                    and _SPACE.fullmatch(low[a.end:b.start])):
                ratio = None
                if a.unit.kind == b.unit.kind and (a.unit.code == b.unit.code if a.unit.is_currency
                                                   else a.unit.si_unit is not None and a.unit.si_unit == b.unit.si_unit):
                    ratio = _raw_scale(b.unit) / _raw_scale(a.unit)
                if ratio is not None and ratio < 1 and b.value * ratio < 1:
                    a.value += b.value * ratio
                    a.end, a.unit_end, a.unit_suffix, a.suffix = b.end, b.unit_end, b.unit_suffix, b.suffix
                    continue
            out.append(b)
        return out

    @staticmethod
    def _inherit(a: Quantity, b: Quantity) -> None:
        a.unit, a.inherited = b.unit, True
        if a.num.scale == 1 and b.num.scale > 1 and not a.num.words:
            a.value *= b.num.scale

    def _range(self, low: str, a: Quantity, b: Quantity) -> Quantity | None:
        if a.suffix or b.suffix and b.unit is None:
            return None
        if a.unit is not None and not a.prefix and (b.unit is None or b.unit.code != a.unit.code):
            return None
        between = low[a.end:b.start]
        unit = b.unit if b.unit is not None and not (b.prefix and a.unit is None) else a.unit
        if unit is None and b.prefix:
            unit = b.unit
        if unit is None:
            return None
        if _DASH.fullmatch(between):
            if b.prefix and not a.prefix:
                return None
        else:
            m = self.ile_ila.fullmatch(between)
            if not m:
                return None
            if m.group(1) != "ila" and not self.range_after.match(low, b.end):
                return None
        if _is_year(low, a) and _is_year(low, b):
            return None
        lo, hi = a.value, b.value
        if a.num.scale == 1 and b.num.scale > 1 and lo * b.num.scale <= hi * 1.0001:
            lo *= b.num.scale
        if hi <= lo:
            return None
        q = Quantity(a.start, b.end, lo, unit, b.num, value_max=hi, unit_end=b.unit_end,
                     suffix=b.suffix, unit_suffix=b.unit_suffix, prefix=a.prefix)
        return q

    @staticmethod
    def _is_temperature(low: str, q: Quantity, sents: list[int], cache: dict[int, bool]) -> bool:
        """`derece` is also an angle (`180 derece dönüş`) and a rank (`ilk üç dereceye`): keep it only
        with a degree sign or a word about heat or weather in its sentence."""
        if "°" in low[q.start:q.end]:
            return True
        s0, s1 = _sentence(sents, q.start, len(low))
        if s0 not in cache:
            cache[s0] = _HEAT.search(low, s0, s1) is not None
        return cache[s0]

    # -- prices per unit ----------------------------------------------------------------
    def _prices(self, low: str, quantities: list[Quantity], sents: list[int]) -> None:
        currency = [q for q in quantities if q.unit.is_currency]
        if not currency:
            return
        spans = [(q.start, q.end) for q in quantities]
        mask = bytearray(len(low) + 1)
        for s, e in spans:
            mask[s:e] = b"\x01" * (e - s)
        windows = _windows(sents, currency, len(low), before=0)
        cues = [c for c in self.units.per_unit_cues(low, windows) if mask.find(1, c[0], c[1]) == -1]
        cue_starts = [c[0] for c in cues]
        for q in currency:
            slash = self.units.match_slash_per(low, q.unit_end) if q.unit_end > 0 else None
            if slash is not None and not slash.unit.is_currency:
                q.per, q.end = slash.unit, slash.end
                continue
            # `Piyasada megavatsaat 2.500 lira`: a bare unit word right before the price
            pw = _PREV_WORD.search(low, max(0, q.start - 30), q.start)
            if pw is not None and not mask[pw.start()]:
                unit = self.units.unit_of_word(pw.group(1))
                if unit is not None and not unit.is_currency and unit.kind not in ("ratio", "temperature"):
                    q.per = unit
                    continue
            if not cues:
                continue
            s0, s1 = _sentence(sents, q.start, len(low))
            best = best_end = None
            for cs, ce, unit in cues[bisect.bisect_left(cue_starts, max(s0, q.start - 300)):]:
                if cs > s1:
                    break
                if s0 <= cs and ce <= q.start:
                    best, best_end = unit, ce  # the nearest one before wins (cues are sorted)
                elif cs > q.end + 30:
                    break
                elif cs >= q.end and ce <= s1 and best is None:
                    best = unit
                    break
            if best is None or best.is_currency:
                continue
            if self.coins.search(low, best_end if best_end is not None else max(s0, q.start - 40), q.start):
                continue  # `gram altın 3.815 liradan, çeyrek altın 6.230 liradan`: a coin is priced per piece
            if q.num.scale >= 1e6 and (best_end is None or q.start - best_end > 25):
                continue  # millions are totals (`varil başına 70 dolar ... 5 milyar dolar gelir`), unless the cue is
                # right before them (`megavat başına maliyet 1,2 milyon avro`)
            q.per = best

    def _same_price(self, low: str, quantities: list[Quantity], sents: list[int]) -> None:
        """`Brent petrolün varil fiyatı 90 dolara yükseldi. Brent petrol haftaya 87 dolardan başlamıştı.`: a later
        price of the same thing, in the same currency and of the same size (within x3), is per the same unit.
        The thing is the same when the words before the later price share a stem with the earlier price's clause."""
        prices: list[tuple[Quantity, set[str]]] = []
        for q in quantities:
            if not q.unit.is_currency:
                continue
            s0, _ = _sentence(sents, q.start, len(low))
            stems = {w[:5] for w in _STEM_WORD.findall(low, max(s0, q.start - 120), q.start)} - _GENERIC_STEMS
            if q.per is not None:
                prices.append((q, stems))
                continue
            if q.num.scale >= 1e6 or self.coins.search(low, max(s0, q.start - 40), q.start):
                continue
            for p, p_stems in reversed(prices[-6:]):
                if q.start - p.end > 1500:
                    break
                if p.unit.code == q.unit.code and p.value / 3 <= q.value <= p.value * 3 and stems & p_stems:
                    q.per = p.per
                    break

    # -- qualifiers -----------------------------------------------------------------------
    def _qualifier(self, low: str, q: Quantity) -> None:
        head = low[max(0, q.start - 24):q.start].rstrip()
        for word, value in self.q_before:
            if head.endswith(word) and (len(head) == len(word) or not head[-len(word) - 1].isalpha()):
                q.qualifier = value
                return
        m = self.q_after.match(low, q.end)
        if m:
            word = " ".join(m.group(1).split())
            value = self.q_after_map.get(word)
            if word == "fazla" and not _ABLATIVE.search(q.suffix or q.unit_suffix or ""):
                return
            q.qualifier = value

    # -- periods --------------------------------------------------------------------------
    def _periods(self, text: str, low: str, quantities: list[Quantity], sents: list[int],
                 doc_date: str | None, resolve_dates: bool) -> list[Cue]:
        cues = self.periods.find(low, text, [(q.start, q.end) for q in quantities],
                                 _windows(sents, quantities, len(low), before=1), doc_date)
        doc_year = int(doc_date[:4]) if doc_date and doc_date[:4].isdigit() else None
        text_year = self._text_year(low, cues, sents)
        cue_starts = [c.start for c in cues]
        q_starts = [q.start for q in quantities]
        for idx, q in enumerate(quantities):
            s0, s1 = _sentence(sents, q.start, len(low))
            prev_q = quantities[idx - 1].end if idx > 0 else -1
            nxt = quantities[idx + 1] if idx + 1 < len(quantities) else None
            next_q = nxt.start if nxt is not None else len(low) + 1
            # `58 bin tondan 150 bin tona`: the old value of a change keeps only its own date (`Ocak 2021'deki`)
            source = (nxt is not None and nxt.unit is q.unit and next_q <= s1 and next_q - q.end <= 40
                      and _ABLATIVE.search(q.suffix or q.unit_suffix or "") is not None)
            rate = self.periods.rate_after(low, q.end)
            duration = date = before = None
            first = bisect.bisect_left(cue_starts, max(s0, q.start - 300))  # no cue reaches further
            for c in cues[first:]:
                if c.end <= q.start:
                    if c.start < s0:
                        continue
                    if c.type == "rate" and c.start >= prev_q and q.start - c.end <= 60:
                        # the nearest rate before counts, unless it is an adjective of an oblique noun
                        # (`aylık raporunda`, `günlük toplantıda`): it then modifies that noun, not the amount
                        nxt_word = _NEXT_WORD.match(low, c.end)
                        if not (nxt_word and nxt_word.end() <= q.start and _RATE_ADJ.search(low, c.start, c.end)
                                and _OBLIQUE_END.search(nxt_word.group(1))):
                            before = c
                    elif c.type == "duration" and c.start >= prev_q and q.start - c.end <= 80:
                        duration = c
                    elif c.type in ("date", "no_period"):
                        date = c
                elif c.start >= q.end:
                    if c.end > s1 or c.start > next_q:
                        break
                    if (c.type == "rate" and rate is None and before is None and c.start - q.end <= 30
                            and next_q - c.end > 12 and not _NUMBER_AFTER.match(low, c.end)):
                        rate = c  # `günde 60 bin yolcu`: a rate right before another number is that number's
            rate = rate or before
            if date is not None:
                # `geçen yıl 5 milyar dolar olan ihracat`: the date stays inside that relative clause
                for p in quantities[bisect.bisect_left(q_starts, date.end):idx]:
                    if _OLAN.match(low, p.end):
                        date = None
                        break
            if date is not None:
                gap = q.start - date.end
                if date.type == "no_period" or gap > 250 or (date.value.endswith("/..") and gap > 40) or (
                        source and not low[date.start:date.end].endswith("ki") and not (
                            gap <= 40 and not date.value.endswith("/..")
                            and (q.per is not None or _PRICE_WORD.search(low, max(s0, date.start - 60), q.start)))):
                    # `2022/23 sezonunda 58 bin tondan 150 bin tona`: the old value of a flow is the previous
                    # period's total; a price or rate is a level inside the period, so `geçen ay 15 liradan
                    # 20 liraya`, `aynı dönemde ton başına 900 liradan 1.450 liraya` share the date (not a start:
                    # `1 Ocak'tan itibaren 59 liradan 75 liraya`: 59 was the fee before it)
                    date = None
            chosen: Cue | None = rate or duration or date
            if chosen is not None:
                q.period = {"type": chosen.type,
                            "value": self.periods.resolve(chosen, doc_year, text_year, resolve_dates),
                            "start": chosen.start, "end": chosen.end}
        return cues

    @staticmethod
    def _text_year(low: str, cues: list[Cue], sents: list[int]) -> int | None:
        """The year the article is written in, as far as its own text tells: the latest year it names
        in a sentence that is not a forecast; when it names only years it expects things in, the year before."""
        past, future = [], []
        is_future: dict[int, bool] = {}  # per sentence, so a long text with many years stays linear
        for c in cues:
            if c.year is None or c.year > 2100:
                continue
            s0, s1 = _sentence(sents, c.start, len(low))
            if s0 not in is_future:
                is_future[s0] = _FUTURE.search(low, s0, s1) is not None
            (future if is_future[s0] else past).append(c.year)
        if past:
            return max(past)
        return min(future) - 1 if future else None


def _no_lemma(start: int) -> None:
    return None


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _raw_scale(unit: Unit) -> float:
    """SI amount of one written unit (`santim` -> 0.01 m); currencies compare by their factor (`kuruş` -> 0.01)."""
    return unit.factor * unit.si_factor if unit.si_factor is not None else unit.factor


def _is_year(low: str, q: Quantity) -> bool:
    return q.num.scale == 1 and _YEARISH.fullmatch(low[q.num.start:q.num.end]) is not None


def _windows(sents: list[int], quantities: list[Quantity], n: int, before: int) -> list[tuple[int, int]]:
    """Merged char ranges covering each quantity's sentence (+ `before` sentences and 40 chars after):
    the only places where its period or price cues can be, so the cue regexes scan only these."""
    out: list[tuple[int, int]] = []
    for q in quantities:
        i = bisect.bisect_right(sents, q.start)
        a = sents[i - 1 - before] if i - 1 - before >= 0 else 0
        b = min(n, (sents[i] if i < len(sents) else n) + 40)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _sentence(ends: list[int], pos: int, n: int) -> tuple[int, int]:
    i = bisect.bisect_right(ends, pos)
    return (ends[i - 1] if i > 0 else 0), (ends[i] if i < len(ends) else n)
