"""Period cues (rates, durations, dates) and which quantity each one belongs to.

Cues come from the word lists in data/quantity_words.json: rates (`yılda`,
`günlük`), durations (`son 5 yılda`), dates (`2027 yılında`, `mart 2019`,
`bu yıl`, `2023'ten itibaren`, `2020-2025 döneminde`). Relative years are
resolved only against the publication date; months without a year take the
publication year, else the latest year the article itself names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_L = "a-zçğıöşüâîû"
_W = f"[{_L}]"
YEAR = r"(?:19\d\d|20\d\d)"
SUFFIX = rf"(?:['’]{_W}+)?"
_LOCATIVE = re.compile(r"n?[dt][ae](?:ki)?")


@dataclass
class Cue:
    start: int
    end: int
    type: str  # rate | duration | date | no_period (`şu anda`, `ekim ve aralık aylarında`: ends a date's reach)
    value: str  # ISO 8601 value, or a template with {y} for the reference year
    rel: int | None = None  # relative year offset (bu yıl = 0)
    narrative: bool = False  # relative to the year the article talks about (`bir önceki yıl`), not to its date
    anaphor: bool = False  # `bu tarihte`, `söz konusu dönemde`: the date named just before
    year: int | None = None  # the year the cue names, for inferring the article's year


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _lead(words, behind: str) -> str:
    """`(?<!behind)(?:_alt(words))` written so that the regex engine can jump to candidate letters.

    A pattern opening with a lookbehind is tried at every position of the text (in Python's `re`);
    one opening with literal letters is only tried where such a letter stands. So the lookbehind
    moves behind each first letter (`y(?<![a-z…]y)(?:ılda|ıllık|…)`) and the words are grouped by
    that letter, keeping their order within a letter. Words with different first letters never
    match at the same position, so the matches are exactly those of the plain form."""
    ordered = sorted(set(words), key=len, reverse=True)
    if not ordered or any(not w or w[0].isspace() for w in ordered):
        return rf"(?<!{behind})(?:{_alt(words)})"
    groups: dict[str, list[str]] = {}
    for w in ordered:
        groups.setdefault(w[0], []).append(re.escape(w[1:]).replace(r"\ ", r"\s+"))
    return "(?:" + "|".join(
        f"{re.escape(first)}(?<!{behind}{re.escape(first)})(?:{'|'.join(rests)})" for first, rests in groups.items()
    ) + ")"


# `(?<![\w.,])(YEAR)` with the lookbehind after the first digit (see _lead)
_YEAR_LEAD = r"(?:1(?<![\w.,]1)9\d\d|2(?<![\w.,]2)0\d\d)"


class PeriodFinder:
    def __init__(self, data: dict):
        months = data["months"]
        self.months = months
        self.ambiguous = set(data.get("ambiguous_months", []))
        num_words = {**data["digits"], **data["tens"]}
        self.num_words = num_words
        mon = _alt(months)
        rates = data["rates"]
        self.rates = rates
        self.rates_after = data.get("rates_after", {})
        self.rate_re = re.compile(rf"({_lead(rates, f'[{_L}/]')})(?![{_L}])")
        self.num_before_re = re.compile(rf"(?:\d+['’]?|(?<![{_L}])(?:{_alt(num_words)}|ilk|son))\s*$")
        dur_units = data["duration_units"]
        self.dur_units = dur_units
        self.duration_re = re.compile(
            rf"(?<![{_L}\d])(?:(?:son|ilk|geçen|geçtiğimiz)\s+)?(\d+|(?:{_alt(num_words)})(?:\s+(?:{_alt(num_words)}))?)"
            rf"\s+({_alt(dur_units)})(?:da|de|ta|te|dır|dir|tir|lık\s+sürede|lik\s+sürede)(?![{_L}])")
        # `yılın ilk 5 ayında`, `2024'ün ilk yarısında`: the months from January of that year
        self.first_months_re = re.compile(
            rf"(?<![{_L}])(?:yılın|({YEAR})['’]?{_W}*)\s+ilk\s+(\d+|{_alt(num_words)}|yarı|çeyre)({_W}*)(?:\s+ay{_W}*)?(?![{_L}])")
        # `ilk çeyrekte`, `yılın üçüncü çeyreğinde`, `2024'ün ikinci yarısında`: quarters and halves
        self.quarter_re = re.compile(
            rf"(?<![{_L}])(?:(?:yılın|({YEAR})['’]?{_W}*)\s+)?(ilk|birinci|ikinci|üçüncü|dördüncü|son)\s+"
            rf"(çeyre(?:k|ğ){_W}*|yarı(?:y[ıa]|s[ıi]n|d)?{_W}*)(?![{_L}])(?!\s+(?:asır|yüzyıl|altın|final))")
        rel = {k: v for k, v in data["relative_years"].items() if v is not None}
        self.rel = rel
        self.rel_months = data.get("relative_months", {})
        self.rel_month_re = re.compile(rf"({_lead(self.rel_months, f'[{_L}]')})(?:ın|ki|da|a)?(?![{_L}])") \
            if self.rel_months else None
        self.narr = data.get("narrative_years", {})
        self.narr_re = re.compile(rf"({_lead(self.narr, f'[{_L}]')})(?!l[ae]r){_W}*(?![{_L}])") if self.narr else None
        self.anaphor_re = re.compile(rf"{_lead(data.get('anaphoric_dates', []), f'[{_L}]')}{_W}*"
                                     rf"(?:\s+itibar[ıi]y?la)?(?![{_L}])")
        self.now_re = re.compile(rf"{_lead(data.get('now_words', []), f'[{_L}]')}(?![{_L}])")
        self.rel_re = re.compile(
            rf"({_lead(rel, f'[{_L}]')})(?!l[ae]r){_W}*(?:\s+(?:{mon})\s+ay{_W}*)?(?:\s+itibar[ıi]y?la)?(?![{_L}])")
        self.day_re = re.compile(
            rf"(\d(?<![\w.]\d)\d?)\s+({mon}){SUFFIX}(?:\s+({YEAR}){SUFFIX})?(?:\s+(?:itibar[ıi]y?l[ae]|tarihinde))?(?![{_L}])")
        self.month_span_re = re.compile(
            rf"(?:({YEAR}){SUFFIX}\s+)?({mon})\s*[-–]\s*({mon}){_W}*(?:\s+dönem{_W}*)?(?![{_L}])")
        # `ekim ve aralık aylarında`: several months, no single period (and no month cue of its own)
        self.months_plural_re = re.compile(rf"(?<![{_L}])(?:{mon})(?:\s*,\s*(?:{mon}))*\s+(?:ve|ile)\s+(?:{mon})\s+aylar{_W}*")
        self.year_month_re = re.compile(rf"({_YEAR_LEAD})(?:['’]{_W}+)?\s+({mon}){_W}*(?:\s+ay{_W}*)?(?![{_L}])")
        self.month_year_re = re.compile(rf"(?<![{_L}])({mon}){_W}*\s+({YEAR})(?!\d){SUFFIX}")
        self.year_span_re = re.compile(rf"({_YEAR_LEAD})\s*[-–/]\s*({YEAR}|\d\d)(?![\d.,]){SUFFIX}"
                                       rf"(?:(?:\s+{_W}+){{0,3}}?\s+(?:yılları|dönem|sezon){_W}*)?")
        self.year_re = re.compile(rf"({_YEAR_LEAD})(?![\d.,]\d)({SUFFIX})"
                                  rf"(\s+(?:yıl|sene){_W}*)?")
        self.month_re = re.compile(rf"(?<![{_L}])({mon})((?:['’]{_W}+|{_W}+)?)((?:\s+ay(?:ı{_W}*)?)?)(?![{_L}])")
        self.open_after_re = re.compile(rf"\s+(?:(?:yılı\s+)?başından\s+)?(?:{_alt(data['year_open_after'])})(?![{_L}])")
        self.open_before_re = re.compile(rf"\s+(?:{_alt(data['year_open_before'])})(?![{_L}])")
        self.until_re = re.compile(rf"\s+(?:sonuna\s+)?kadar(?![{_L}])")
        # `2021'e göre`, `geçen yılın aynı dönemine göre`: a base of comparison, not the quantity's time
        self.compare_re = re.compile(rf"(?:\s+aynı\s+{_W}+)?\s*(?:{_alt(data['comparison'])})(?![{_L}])")
        self.decade_re = re.compile(rf"['’]?l[ıiuü]\s+yıl{_W}*")

    # -- finding cues -------------------------------------------------------------------
    def find(self, low: str, text: str, blocked: list[tuple[int, int]],
             windows: list[tuple[int, int]] | None = None, doc_date: str | None = None) -> list[Cue]:
        """Cues inside `windows` (char ranges around the quantities; the whole text when None).
        Years are looked for everywhere: they also tell which year the article is written in."""
        spans = windows if windows is not None else [(0, len(low))]

        def scan(rx, needs: tuple[str, ...] = ()):
            """Matches in the windows; `needs`: strings every match contains (a window without
            any of them is skipped at str.find speed)."""
            for a, b in spans:
                if needs and all(low.find(x, a, b) < 0 for x in needs):
                    continue
                yield from rx.finditer(low, a, b)

        mask = bytearray(len(low) + 1)  # 1 = already claimed by a quantity or a cue (keeps this linear)

        class _Taken:
            @staticmethod
            def append(span: tuple[int, int]) -> None:
                mask[span[0]:span[1]] = b"\x01" * (span[1] - span[0])

        taken = _Taken()
        for span in blocked:
            taken.append(span)

        def free(s: int, e: int) -> bool:
            return mask.find(1, s, e) == -1

        cues: list[Cue] = []

        def add(cue: Cue | None):
            if cue is not None and free(cue.start, cue.end):
                cues.append(cue)
                taken.append((cue.start, cue.end))

        for m in scan(self.months_plural_re, ("aylar",)):
            add(Cue(m.start(), m.end(), "no_period", ""))
        if self.rel_month_re is not None:
            ym = _year_month(doc_date)
            for m in scan(self.rel_month_re):  # `geçen ay`: a month only the publication date can name
                if self.compare_re.match(low, m.end()):
                    continue
                if ym is None:
                    add(Cue(m.start(), m.end(), "no_period", ""))
                else:
                    k = ym[0] * 12 + ym[1] - 1 + self.rel_months[" ".join(m.group(1).split())]
                    add(Cue(m.start(), m.end(), "date", f"{k // 12}-{k % 12 + 1:02d}"))
        for m in scan(self.first_months_re, ("ilk",)):
            n = m.group(2)
            rest = m.group(3)
            if n == "yarı":
                months = 6
            elif n == "çeyre":
                months = 3
            elif n[0].isdigit():
                months = int(n) if rest.startswith(" ") or not rest else 0
            else:
                months = self.num_words.get(n, 0)
            if not 1 <= months <= 12 or n not in ("yarı", "çeyre") and not low[m.start(3):m.end()].lstrip().startswith("ay"):
                continue
            year = int(m.group(1)) if m.group(1) else None
            y = str(year) if year else "{y}"
            add(Cue(m.start(), m.end(), "date", f"{y}-01/{y}-{months:02d}", year=year))
        for m in scan(self.quarter_re, ("çeyre", "yarı")):
            order = {"ilk": 1, "birinci": 1, "ikinci": 2, "üçüncü": 3, "dördüncü": 4, "son": 0}[m.group(2)]
            size = 3 if m.group(3).startswith("çeyre") else 6
            if size == 6 and not (m.group(1) or low.startswith("yılın", m.start())):
                continue  # `maçın ilk yarısında`: a half of a year only when the year is named
            count = 12 // size
            order = order or count
            if order > count or self.compare_re.match(low, m.end()):
                continue
            year = int(m.group(1)) if m.group(1) else None
            y = str(year) if year else "{y}"
            add(Cue(m.start(), m.end(), "date", f"{y}-{(order - 1) * size + 1:02d}/{y}-{order * size:02d}", year=year))
        for m in scan(self.anaphor_re):
            add(Cue(m.start(), m.end(), "date", "", anaphor=True))
        for m in scan(self.now_re):
            add(Cue(m.start(), m.end(), "no_period", ""))
        if self.narr_re is not None:
            for m in scan(self.narr_re):
                if not self.compare_re.match(low, m.end()):
                    add(Cue(m.start(), m.end(), "date", "", rel=self.narr[" ".join(m.group(1).split())], narrative=True))
                else:
                    taken.append((m.start(), m.end()))
        for m in scan(self.rel_re):
            n = self.rel[" ".join(m.group(1).split())]
            if self.compare_re.match(low, m.end()):
                continue
            add(Cue(m.start(), m.end(), "date", "", rel=n))
        for m in scan(self.day_re):
            day, month = int(m.group(1)), self.months[m.group(2)]
            if not 1 <= day <= 31:
                continue
            year = int(m.group(3)) if m.group(3) else None
            value, end = (str(year) if year else "{y}") + f"-{month:02d}-{day:02d}", m.end()
            if self.compare_re.match(low, end):
                continue
            o = self.open_after_re.match(low, end)
            if o:  # `1 Ocak 2024'ten itibaren`
                value, end = value + "/..", o.end()
            add(Cue(m.start(), end, "date", value, year=year))
        for m in scan(self.month_span_re, ("-", "–")):
            year = int(m.group(1)) if m.group(1) else None
            y = str(year) if year else "{y}"
            a, b = self.months[m.group(2)], self.months[m.group(3)]
            add(Cue(m.start(), m.end(), "date", f"{y}-{a:02d}/{y}-{b:02d}", year=year))
        for m in scan(self.month_year_re):
            if self.compare_re.match(low, m.end()):
                continue
            year, month = int(m.group(2)), self.months[m.group(1)]
            value = f"{year}-{month:02d}"
            end = m.end()
            o = self.open_after_re.match(low, end)
            if o:
                value, end = value + "/..", o.end()
            add(Cue(m.start(), end, "date", value, year=year))
        for m in scan(self.year_month_re):  # `2019 Mart ayında`, `1940 mayısından itibaren`
            if self.compare_re.match(low, m.end()):
                continue
            year, month = int(m.group(1)), self.months[m.group(2)]
            value, end = f"{year}-{month:02d}", m.end()
            o = self.open_after_re.match(low, end)
            if o:
                value, end = value + "/..", o.end()
            add(Cue(m.start(), end, "date", value, year=year))
        for m in self.year_span_re.finditer(low):
            a, b = m.group(1), m.group(2)
            if len(b) == 2:
                b = a[:2] + b
            if int(b) <= int(a):
                continue
            add(Cue(m.start(), m.end(), "date", f"{a}/{b}", year=int(b)))
        for m in self.year_re.finditer(low):
            year = int(m.group(1))
            end = m.end()
            if not m.group(2) and not m.group(3) and _names_follow(text, end):
                continue  # `Bitcoin Asia 2025 Konferansı`: a name, not a date
            if self.compare_re.match(low, end):
                taken.append((m.start(), end))
                continue
            value = str(year)
            d = self.decade_re.match(low, m.end(1)) if year % 10 == 0 else None
            if d:  # `1990'lı yıllarda`
                add(Cue(m.start(), d.end(), "date", f"{year}/{year + 9}", year=year + 9))
                continue
            o = self.open_after_re.match(low, end)
            if o:
                value, end = f"{year}/..", o.end()
            else:
                o = self.open_before_re.match(low, end)
                if o:
                    value, end = f"../{year - 1}", o.end()
                else:
                    o = self.until_re.match(low, end)
                    if o and (m.group(2) or m.group(3)):
                        value, end = f"../{year}", o.end()
            add(Cue(m.start(), end, "date", value, year=year))
        for m in scan(self.month_re):
            name, suffix, ay = m.group(1), m.group(2), m.group(3)
            if name in self.ambiguous and not ay:
                # `Kasım` is also a name, `ekim` sowing, `aralık` a gap: take them with `ay`, a locative
                # (`ekimde`, `aralıkta`, `Kasım'da`) or an apostrophe after a capital
                if not (_LOCATIVE.fullmatch(suffix.lstrip("'’"))
                        or suffix[:1] and suffix[:1] in "'’" and text[m.start()].isupper()):
                    continue
            if self.compare_re.match(low, m.end()):
                continue
            month = self.months[name]
            value, end = "{y}" + f"-{month:02d}", m.end()
            o = self.until_re.match(low, end)
            if o and (ay or suffix):
                value, end = "../{y}" + f"-{month:02d}", o.end()
            add(Cue(m.start(), end, "date", value))
        for m in scan(self.duration_re):
            n = m.group(1)
            if n[0].isdigit():
                count = int(n)
            else:
                count = sum(self.num_words.get(w, 0) for w in n.split())
            if count <= 0:
                continue
            unit = self.dur_units[m.group(2)]
            add(Cue(m.start(), m.end(), "duration", f"PT{count}{unit}" if unit == "H" else f"P{count}{unit}"))
        for m in scan(self.rate_re):
            if self.num_before_re.search(low, max(0, m.start() - 12), m.start()):
                continue
            add(Cue(m.start(), m.end(), "rate", self.rates[" ".join(m.group(1).split())]))
        cues.sort(key=lambda c: c.start)
        last: Cue | None = None
        last_span: Cue | None = None
        for cue in cues:
            if cue.type != "date":
                continue
            if cue.anaphor:
                ref = last
                if "dönem" in low[cue.start:cue.end] and last_span is not None and cue.start - last_span.end <= 800:
                    ref = last_span  # `aynı dönemde`: the period named last (`2016-2018 döneminde`), not a year since
                if ref is not None:
                    cue.value, cue.rel, cue.narrative = ref.value, ref.rel, ref.narrative
                else:
                    cue.type = "no_period"
            else:
                last = cue
                if "/" in cue.value and ".." not in cue.value:
                    last_span = cue
        return cues

    def rate_after(self, low: str, pos: int) -> Cue | None:
        """`/gün`, `/yıl` glued after a unit."""
        for surface, value in self.rates_after.items():
            if low.startswith(surface, pos):
                end = pos + len(surface)
                if end >= len(low) or not low[end].isalpha():
                    return Cue(pos, end, "rate", value)
        return None

    # -- resolving ----------------------------------------------------------------------
    @staticmethod
    def resolve(cue: Cue, doc_year: int | None, text_year: int | None, resolve_dates: bool) -> str:
        if cue.type != "date":
            return cue.value
        if cue.rel is not None and cue.narrative and doc_year is None and text_year and resolve_dates:
            return str(text_year + cue.rel)  # no publication date: the year the article talks about
        if cue.rel is not None:
            if doc_year is not None and resolve_dates:
                return str(doc_year + cue.rel)
            return f"YEAR{cue.rel:+d}"
        if "{y}" in cue.value:
            year = doc_year if doc_year is not None else text_year
            if year is None or not resolve_dates:
                return cue.value.replace("{y}", "YEAR+0")
            return cue.value.replace("{y}", str(year))
        return cue.value


def _names_follow(text: str, pos: int) -> bool:
    """A capitalised word (not a shouted headline) right after `pos`."""
    m = re.match(r"\s+(\w+)", text[pos:pos + 40])
    if not m:
        return False
    word = m.group(1)
    return word[:1].isupper() and not word.isupper()


def _year_month(date: str | None) -> tuple[int, int] | None:
    m = re.match(r"(\d{4})-(\d{2})", date or "")
    return (int(m.group(1)), int(m.group(2))) if m and 1 <= int(m.group(2)) <= 12 else None
