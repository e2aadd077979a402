"""Who is speaking: name mentions, the subject of a reporting sentence, fullest names.

Mentions come from `doc.ents` (PER/ORG; LOC only to rule places out) with
`Span._.canonical` when the name linker ran, from capitalised word runs with the
title words split off (`Kazakistan Enerji Bakanı Kanat Bozumbayev` -> `Kanat
Bozumbayev`) when no entity covers them, and from descriptions (`Bakanlık`,
`analistler`). The subject of a sentence is found by position: after a
participle (`belirten Mamin`), or a nominative name followed by a comma or `de`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .lexicon import Lexicon
from .text import APOSTROPHES, TextView, Word

_ABLATIVE = re.compile(r"^(?:d[ae]n|t[ae]n|nd[ae]n)$")
_GENITIVE = re.compile(r"^(?:n?[ıiuü]n)$")
_PARTICIPLE = re.compile(r"(?:y?[ae]n)$")
_NOT_PARTICIPLE = re.compile(r"(?:d[ae]n|[ıiuü]n|ken|s[ae]n|m[ae]n)$")  # ablative -dAn, genitive, -ken ...
_LOCATIVE = re.compile(r"(?:[dt][ae])$")
_COMMON_INFLECTED = re.compile(r"(?:[dt][ae]|[dt][ae]n|l[ae]r|l[ae]r[ıiuü]|l[ae]rd[ae]|l[ae]rd[ae]n|[ıiuü]yla|yl[ae])$")
_CASE_ENDING = re.compile(r"(?:[dt][ae]|[dt][ae]n|l[ae]rd[ae]|l[ae]rd[ae]n|[ıiuü]yla)$")
_CONVERB = re.compile(r"(?:[ae]r[ae]k|[ıiuü]p|[ae]rken|y[ae]rak|ken)$")
SUBJECT_END = ",:;"


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str  # PER / ORG / LOC / NAME (capitalised run) / DESC (description)
    suffix: str = ""  # lower-cased case suffix after an apostrophe or glued to a description
    canonical: str | None = None
    known: bool = True
    name: str | None = None  # for DESC: the name to report
    titled: bool = False  # preceded by a title word (Bakan, Dr.)

    @property
    def key(self) -> str:
        return self.text.split()[-1] if self.text else ""


def _canonical(span: Span, text: str | None = None) -> str | None:
    """`span._.canonical` when usable; `text`: the Doc's text (saves re-joining the span's tokens)."""
    try:
        if Span.has_extension("canonical"):
            value = span._.canonical
            if isinstance(value, str) and value.strip():
                value = value.strip()
                text = (span.text if text is None else text[span.start_char:span.end_char]).strip()
                if len(value) < len(text) and text.startswith(value):
                    return None  # a full name is never a cut of the mention (`Temyiz Mahkeme`)
                return value
    except Exception:  # another component's extension: never let it break us
        return None
    return None


class Mentions:
    """All speaker-like mentions of one document, sorted by position."""

    def __init__(self, doc: Doc, view: TextView, lex: Lexicon, blocked: list[tuple[int, int]] = ()):
        self.view = view
        self.lex = lex
        # per-mention memos (keyed by id: the mentions live in self.items as long as self does)
        self._ranks: dict[tuple[int, bool], tuple[Mention, float | None]] = {}
        self._after: dict[int, tuple[Mention, tuple[str, Word | None]]] = {}
        text = view.text
        items: list[Mention] = []
        covered: list[tuple[int, int]] = []
        for ent in doc.ents:
            label = ent.label_
            if label in ("PERSON",):
                label = "PER"
            elif label in ("ORGANIZATION",):
                label = "ORG"
            elif label in ("GPE", "LOCATION"):
                label = "LOC"
            if label not in ("PER", "ORG", "LOC"):
                continue
            start, end = ent.start_char, ent.end_char
            ent_text = text[start:end]
            for k, ch in enumerate(ent_text):
                if ch in APOSTROPHES:
                    end = start + k
                    ent_text = ent_text[:k]
                    break
            ent_text = ent_text.strip()
            if not ent_text:
                continue
            if label in ("PER", "ORG"):  # an NER span that swallowed a role: `Enerji Bakanı Kanat Bozumbayev`
                cut = 0
                for w in view.words_between(start, end)[:-1]:
                    if lex.is_title(w.low) or w.low in lex.abbreviations:
                        cut = w.end
                if cut:
                    while cut < end and not view.text[cut].isalnum():
                        cut += 1
                    start, ent_text = cut, text[cut:end]
                    label = "PER" if label == "PER" else "NAME"
                    if not ent_text.strip():
                        continue
            suffix = ""
            if end < len(text) and text[end] in APOSTROPHES:
                m = re.match(r"[^\W\d_]+", text[end + 1:end + 12])
                suffix = view.low[end + 1:end + 1 + len(m.group(0))] if m else ""
            canonical = _canonical(ent, text)
            if canonical and start != ent.start_char and canonical.startswith(text[ent.start_char:start].strip()):
                canonical = None  # the linker saw the role too
            items.append(Mention(start, end, ent_text, label, suffix, canonical, True))
            covered.append((ent.start_char, ent.end_char))
        covered.sort()
        self._heuristic(items, covered)
        self._descriptions(items, covered)
        items = [m for m in items if not _inside(m, blocked) and view.low[m.start:m.end] not in lex.non_speakers]
        items.sort(key=lambda m: (m.start, -m.end))
        self.items = _drop_overlaps(items)
        self.starts = [m.start for m in self.items]
        self._person_index: dict[str, list[Mention]] = {}
        for m in self.items:
            if m.label in ("PER", "NAME") and m.known:
                self._person_index.setdefault(view.low[m.start:m.end].split()[-1], []).append(m)

    # -- building ------------------------------------------------------------------------
    def _heuristic(self, items: list[Mention], covered: list[tuple[int, int]]) -> None:
        view, lex, text = self.view, self.lex, self.view.text
        word, n_words = view.word, view.n_words
        cov_starts = [c[0] for c in covered]

        def is_covered(w: Word) -> bool:
            i = bisect_left(cov_starts, w.end) - 1
            return i >= 0 and covered[i][0] <= w.start < covered[i][1]

        sent_starts = set(view.sent_starts)
        runs: list[list[Word]] = []
        run: list[Word] = []
        def in_caps_headline(idx: int) -> bool:
            for k in (idx - 1, idx + 1):
                if 0 <= k < n_words and word(k).is_allcaps and len(word(k).base) > 1 \
                        and text[min(word(k).end, word(idx).end):max(word(k).start, word(idx).start)].strip() == "":
                    return True
            return False

        def step(idx: int) -> None:
            nonlocal run
            w = word(idx)
            ok = w.is_cap and not is_covered(w) and not (w.is_allcaps and (len(w.base) > 5 or in_caps_headline(idx)))
            if not ok and run and w.low in lex.name_particles and idx + 1 < n_words and word(idx + 1).is_cap \
                    and text[w.end:word(idx + 1).start] == " ":
                ok = True  # Ursula von der Leyen
            if ok and run:
                gap = text[run[-1].end:w.start]
                if not (gap == " " or (gap == ". " and run[-1].low in lex.abbreviations)) or run[-1].suffix \
                        or (run[-1].is_allcaps and not w.is_allcaps and len(run[-1].base) > 4 and w.text[1:2].islower()
                            and not lex.is_title(w.low)):
                    runs.append(run)
                    run = []
            if ok:
                run.append(w)
            elif run:
                runs.append(run)
                run = []

        # Only capitalised words start or extend a run; a lower-case word matters only right
        # after a run (it ends it, or carries it on as a particle: `von der`), so the scan looks
        # at those words alone.
        starts = view.word_starts
        last = -2
        for idx in [k for k in range(n_words) if text[starts[k]].isupper()]:
            if run and idx != last + 1:
                step(last + 1)  # the lower-case word after the run
            step(idx)
            last = idx
        if run:
            runs.append(run)
        pending: list[tuple[list[Word], bool]] = []
        known_keys: set[str] = {self.view.low[m.start:m.end].split()[-1] for m in items if m.label in ("PER", "ORG")}
        non_initial = {lower_key(w) for run in runs for w in run if w.start not in sent_starts
                       and not self._after_sentence_punct(w.start)}
        for run in runs:
            if len(run) >= 2 and all(w.is_allcaps for w in run):
                continue  # headline words
            split = -1
            for k in range(len(run) - 1):
                if lex.is_title(run[k].low) or run[k].low in lex.abbreviations:
                    split = k
            name_words = run[split + 1:]
            while len(name_words) > 1 and name_words[0].is_allcaps and len(name_words[0].base) > 4 \
                    and not name_words[1].is_allcaps:
                name_words = name_words[1:]
            titled = split >= 0
            while name_words and not titled and (
                    lower_key(name_words[0]) in lex.sentence_words
                    or _CASE_ENDING.search(lower_key(name_words[0])) and len(name_words[0].base) >= 8
                    or lower_key(name_words[0]) not in non_initial and _COMMON_INFLECTED.search(lower_key(name_words[0]))
                    and len(name_words[0].base) >= 6 and (
                        name_words[0].start in sent_starts or self._after_sentence_punct(name_words[0].start))):
                name_words = name_words[1:]  # `Görüntülerde Republic`, `Açıklamada,`
            if not name_words or name_words[-1].low in lex.name_particles:
                continue
            if all(lex.is_title(w.low) or w.low in lex.abbreviations for w in name_words) or (
                    lex.is_title(name_words[-1].low) and len(name_words) > 1):
                continue  # a role without its name (`Doç. Dr.`, `Kontrol Hemşiresi`): the entity has the name
            initial = name_words[0].start in sent_starts or self._after_sentence_punct(name_words[0].start)
            known = len(name_words) >= 2 or titled or not initial
            if len(name_words) == 1 and lex.is_title(name_words[0].low):
                known = False
            pending.append((name_words, titled))
            if known:
                known_keys.add(lower_key(name_words[-1]))
        for name_words, titled in pending:
            last = name_words[-1]
            start, end = name_words[0].start, last.start + len(last.base)
            name = text[start:end]
            known = lower_key(last) in known_keys
            items.append(Mention(start, end, name, "NAME", last.suffix, None, known, titled=titled))

    def _after_sentence_punct(self, pos: int) -> bool:
        text = self.view.text
        j = pos - 1
        while j >= 0 and text[j] in " \t\u00a0":
            j -= 1
        return j < 0 or text[j] in ".!?\n:\"“”'’;"

    def _descriptions(self, items: list[Mention], covered: list[tuple[int, int]]) -> None:
        view, lex, text = self.view, self.lex, self.view.text
        for m in lex.speaker_noun_matches(view.low, view.word_starts):
            start, end = m.start(), m.end()
            rest = m.group("rest") or ""
            case = rest if _ABLATIVE.match(rest) or _GENITIVE.match(rest) or rest in ("ca", "ce", "nca", "nce") else ""
            name_end = end - len(case)
            if end < len(text) and text[end] in APOSTROPHES:  # `Kurulu'nda`
                glued = re.match(r"[^\W\d_]+", text[end + 1:end + 12])
                case = view.low[end + 1:end + 1 + len(glued.group(0))] if glued else case
            prev = view.prev_word(start)
            name_start = start
            chained = False
            if prev is not None and text[prev.end:start] == " " and (
                    prev.low == "bir" or re.search(r"(?:l[ıiuü]|n[ıiuü]n)$", prev.low) and not prev.suffix):
                name_start = prev.start  # `bir komutan`, `taksinin şoförü`
            else:
                # `Muhalefet lideri`, `Londra Polisi`, `Kongo Demokratik Cumhuriyeti hükümeti`
                for _ in range(4):
                    if prev is None or text[prev.end:name_start] != " " or not prev.is_cap or prev.suffix \
                            or lex.is_title(prev.low) or prev.low in lex.non_speakers:
                        break
                    name_start, chained = prev.start, True
                    prev = view.prev_word(prev.start)
            items.append(Mention(name_start, name_end, text[name_start:name_end], "DESC", case, None, True,
                                 name=text[name_start:name_end], titled=chained))

    # -- queries -------------------------------------------------------------------------
    def between(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].end <= end:
                out.append(self.items[i])
            i += 1
        return _drop_nested(out)

    def fullest(self, m: Mention) -> str:
        if m.canonical:
            return m.canonical
        if m.label == "DESC":
            return m.name or m.text
        if m.label in ("PER", "NAME", "LOC"):
            words = self.view.low[m.start:m.end].split()
            if not words:
                return m.text
            before, after, inf_before, inf_after = None, None, None, None
            for other in self._person_index.get(words[-1], []):
                owords = self.view.low[other.start:other.end].split()
                if len(owords) > len(words) and owords[-len(words):] == words and len(owords) <= 4:
                    # a nominative full form is preferred: `babası Donald Trump'a` rarely names the speaker
                    if other.start <= m.start:
                        if other.suffix:
                            inf_before = other
                        else:
                            before = other  # the nearest full form before the mention
                    elif other.suffix:
                        inf_after = inf_after or other
                    elif after is None:
                        after = other
            best = before or after or inf_before or inf_after
            return best.text if best is not None else m.text
        return m.text

    def _word_after(self, m: Mention) -> tuple[str, Word | None]:
        hit = self._after.get(id(m))
        if hit is None or hit[0] is not m:
            hit = self._after[id(m)] = (m, self._find_word_after(m))  # m kept: its id stays its own
        return hit[1]

    def _find_word_after(self, m: Mention) -> tuple[str, Word | None]:
        text = self.view.text
        j = m.end
        if j < len(text) and text[j] in APOSTROPHES:
            while j < len(text) and (text[j] in APOSTROPHES or text[j].isalpha()):
                j += 1
        while j < len(text) and text[j].isalpha():  # glued suffix of a description
            j += 1
        k = j
        while k < len(text) and text[k] in " \t\u00a0":
            k += 1
        if k < len(text) and text[k] == "(":  # `Kurumsal Devrim Partisi (PRI) lideri`
            close = text.find(")", k, k + 40)
            if close > 0:
                k = close + 1
                while k < len(text) and text[k] in " \t\u00a0":
                    k += 1
        ch = text[k] if k < len(text) else "\n"
        if ch in SUBJECT_END:
            return ch, None
        if ch in "\"“«‘" and k > j:  # `Mansur Yavaş “...” dedi`: the quote opens right after the subject
            return ",", None
        nxt = self.view.next_word(k)
        if nxt is not None and nxt.start == k:
            return "word", nxt
        return ch, None

    def _participle_before(self, m: Mention) -> bool:
        """`belirten (Doç. Dr.) X`: a participle right before the name or its titles."""
        view, lex = self.view, self.lex
        pos = m.start
        for _ in range(16):
            w = view.prev_word(pos)
            if w is None:
                return False
            gap = view.text[w.end:pos]
            if gap.strip(" .\u00a0") != "":
                return False
            if w.is_cap or w.low in lex.abbreviations or w.low == "ve" or lex.is_title(w.low):
                pos = w.start  # `anlatan Kardiyoloji Uzmanı Doç. Dr. X`
                continue
            return bool(_PARTICIPLE.search(w.low)) and not _NOT_PARTICIPLE.search(w.low) and len(w.low) > 3 and not w.suffix
        return False

    def _near_sentence_start(self, m: Mention) -> bool:
        """Only titles, abbreviations and capitalised words between the sentence start and `m`."""
        s_start, _ = self.view.sentence_of(m.start)
        for w in self.view.words_between(s_start, m.start):
            if not (w.is_cap or w.low in self.lex.abbreviations or self.lex.is_title(w.low)):
                return False
        return True

    def _yapilan_after(self, m: Mention) -> bool:
        """`TFF'nin internet sitesinden yapılan açıklamada`, `Bakanlıktan yapılan açıklamada`."""
        words = self.view.words_between(m.end, m.end + 60)
        for w in words[:5]:
            if w.low in ("yapılan", "yaptığı", "gelen", "paylaşılan", "yayımlanan", "yayınlanan"):
                return True
        return False

    def rank(self, m: Mention, weak: bool = True) -> float | None:
        """Subject strength of a mention (lower is stronger); None when it cannot be a subject.
        Memoised: the same mentions are ranked again for every quote and sentence near them."""
        key = (id(m), weak)
        hit = self._ranks.get(key)
        if hit is None or hit[0] is not m:
            hit = self._ranks[key] = (m, self._rank(m, weak))  # m kept: its id stays its own
        return hit[1]

    def _rank(self, m: Mention, weak: bool) -> float | None:
        if m.label == "LOC":
            # places rarely speak, but a statistical NER also calls people places: keep the
            # clearest subject positions only
            if m.suffix or m.text.lower() in self.lex.non_speakers:
                return None
            if self._participle_before(m):
                return 1.2
            after, _ = self._word_after(m)
            return 5.8 if after in SUBJECT_END and self._near_sentence_start(m) else None
        after, nxt = self._word_after(m)
        if nxt is not None and not nxt.is_cap and self.lex.is_title(nxt.low):
            return None  # the owner of a role (`Parti lideri X`): the name after the role speaks
        particle = nxt is not None and nxt.low in self.lex.subject_particles
        if m.label == "DESC" and not m.titled:
            if m.suffix and (_ABLATIVE.match(m.suffix) or _GENITIVE.match(m.suffix)) and self._yapilan_after(m):
                return 4
            if m.suffix and _GENITIVE.match(m.suffix):
                return 7
            if m.suffix:
                return None
            if self._participle_before(m):
                return 2
            if after in SUBJECT_END or particle:
                return 5
            if nxt is not None and not nxt.is_cap and m.start in self.view.sent_starts and m.text[-3:] in ("lar", "ler"):
                return 5.2  # `Taraftarlar maç sonunda "..." diye bağırdı`
            return None
        if m.suffix:
            if (_ABLATIVE.match(m.suffix) or _GENITIVE.match(m.suffix)) and self._yapilan_after(m):
                return 4
            if _GENITIVE.match(m.suffix):
                return 7
            return None
        if not m.known:
            # `Kalkan, ...` opening a sentence: a name we have not seen elsewhere
            if after in SUBJECT_END and m.label == "NAME" and " " not in m.text and self._near_sentence_start(m):
                return 5.5
            return None
        if self._participle_before(m):
            return 1
        if after in SUBJECT_END or particle:
            return 1.5 if (m.titled and m.label != "DESC") or m.label == "PER" else 2
        if nxt is not None and not nxt.is_cap and nxt.low not in ("ve", "ile", "veya", "ya"):
            if self._near_sentence_start(m):
                return 3
            return 6 if weak or m.titled or m.label == "PER" else None
        return None

    def subject(self, start: int, end: int, *, allow_genitive: bool = False, weak: bool = True,
                source_only: bool = False, genitive_first: bool = False) -> Mention | None:
        """The subject of [start, end); `source_only`: only `X'ten yapılan açıklamada` (passive cues);
        `genitive_first`: the cue is a verbal noun (`X'in, ... olduğunu açıklaması`), whose subject is genitive."""
        best, best_rank = None, 99.0
        for m in self.between(start, end):
            r = self.rank(m, weak)
            if r == 7 and genitive_first and self._word_after(m)[0] == ",":  # `Pacwest'in, ... duyurmasıyla`
                r, allow_genitive = 1.6, True
            if r is None or (r == 7 and not allow_genitive) or (source_only and r != 4):
                continue
            if r == 1:  # participle-marked: the nearest to the quote wins
                if best_rank > 1 or m.start > best.start:
                    best, best_rank = m, r
                continue
            if r < best_rank:
                best, best_rank = m, r
        return best

    def first_after(self, pos: int, limit: int) -> Mention | None:
        """The speaker named right after a participle cue: `"..." diyen Dr. Sağdur`."""
        found = self.between(pos, limit)
        for k, m in enumerate(found):
            if m.label == "LOC" and not (k + 1 == len(found) or found[k + 1].start - m.end > 3):
                continue
            # `belirten Doruk Hastanesi Genel Cerrahi Uzmanı Doç. Dr. Doğukan Durak`: the head is the
            # last name of the capitalised chain after the participle
            j = k
            while j + 1 < len(found) and self._same_chain(found[j], found[j + 1]):
                j += 1
            if j > k:
                return found[j]
            if m.suffix and m.label != "DESC":
                continue
            if m.label == "NAME" and not m.known and m.start > pos + 40:
                continue
            return m
        return None

    def _same_chain(self, a: Mention, b: Mention) -> bool:
        if a.suffix and a.label != "DESC" and not _GENITIVE.match(a.suffix):
            return False
        gap = self.view.words_between(a.end, b.start)
        if "," in self.view.text[a.end:b.start] or b.start - a.end > 60:
            return False
        return all(w.is_cap or w.low in self.lex.abbreviations or self.lex.is_title(w.low) for w in gap)

    def subject_end(self, m: Mention) -> int:
        """Offset just after `X,` / `X de` / `X ise` (where a complement clause may start)."""
        text = self.view.text
        after, nxt = self._word_after(m)
        j = m.end
        while j < len(text) and (text[j] in APOSTROPHES or text[j].isalpha()):
            j += 1
        if after in SUBJECT_END:
            k = j
            while k < len(text) and text[k] in " \t\u00a0":
                k += 1
            j = k + 1 if k < len(text) and text[k] == after else k
        elif nxt is not None and nxt.low in self.lex.subject_particles:
            j = nxt.end
            if j < len(text) and text[j] == ",":
                j += 1
        while j < len(text) and text[j] in " \t\u00a0":
            j += 1
        return j


def lower_key(w: Word) -> str:
    return w.low[: len(w.base)]


def _quality(m: Mention) -> float:
    if m.label in ("PER", "ORG", "LOC"):
        return 4
    if m.label == "DESC" and m.titled:
        return 3.5  # a description with its capitalised owner: `Londra Polisi`
    if m.label == "NAME" and m.known:
        return 3
    if m.label == "DESC":
        return 2
    return 1


def _drop_overlaps(items: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in items:
        if out and m.start < out[-1].end:
            last = out[-1]
            if last.label == "DESC" and last.titled and m.end <= last.end:
                continue  # `Kongo Demokratik Cumhuriyeti hükümeti` holds the place name `Kongo`
            if _quality(m) > _quality(last):
                out[-1] = m
            continue
        out.append(m)
    return out


def _drop_nested(items: list[Mention]) -> list[Mention]:
    return items


def _inside(m: Mention, blocked) -> bool:
    i = bisect_left(blocked, (m.start + 1,)) - 1
    return i >= 0 and blocked[i][0] <= m.start < blocked[i][1]


def is_converb_or_locative(w: Word, first: bool = False) -> bool:
    return (first or not w.is_cap) and (bool(_CONVERB.search(w.low)) or bool(_LOCATIVE.search(w.low)) and len(w.low) > 4)
