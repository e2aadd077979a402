"""`trnews_quotes`: direct and indirect speech linked to speakers (SPEC.md section 5).

Writes `doc.spans["quotes"]`; each Span carries plain-data extensions `kind`
("direct"/"indirect"), `speaker` ({"name", "start", "end"} or None),
`speaker_name` and `cue` ({"start", "end"} or None). Reads `doc.ents` and
`Span._.canonical` when earlier components set them, and works without them.
Does not do `göre` source attributions, and never modifies the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import srsly
from spacy import util
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from trnews.casing import lower
from trnews.doctext import doc_text

from . import direct, indirect
from .lexicon import CueMatch, Lexicon, load_default_data, word_class as lexicon_word_class
from .speakers import Mention, Mentions, is_converb_or_locative
from .text import TextView

EXTENSIONS = ("kind", "speaker", "speaker_name", "cue")
_GENITIVE_SUFFIX = re.compile(r"^n?[ıiuü]n$")
_VERBAL_NOUN = re.compile(r"m[ae]s[ıiuü](?:n[ıiuü]n|yl[ae]|n[ae]|nd[ae]n)?$")


def install_extensions() -> None:
    """Plain-data Span extensions; idempotent (called at import, in __init__ and __call__)."""
    for name in EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


install_extensions()


@Language.factory(
    "trnews_quotes",
    assigns=["doc.spans"],
    default_config={"spans_key": "quotes", "indirect": True, "scorer": {"@scorers": "trnews.quotes_scorer.v1"}},
)
def make_quote_finder(nlp: Language, name: str, spans_key: str, indirect: bool,
                      scorer: Optional[Callable]) -> "QuoteFinder":
    return QuoteFinder(nlp.vocab, name, spans_key=spans_key, indirect=indirect, scorer=scorer)


def quotes_score(examples: Iterable[Example], *, spans_key: str = "quotes", **kwargs) -> dict[str, Any]:
    return Scorer.score_spans(examples, attr=spans_key, getter=lambda doc, key: doc.spans.get(key, []),
                              has_annotation=lambda doc: spans_key in doc.spans, allow_overlap=True)


def make_quotes_scorer() -> Callable:
    return quotes_score


# registered at import too, so the factory's default config resolves before entry points are read
registry.scorers.register("trnews.quotes_scorer.v1", func=make_quotes_scorer)


class _Speaker:
    __slots__ = ("name", "start", "end")

    def __init__(self, name: str, start: int, end: int):
        self.name, self.start, self.end = name, start, end

    def as_dict(self) -> dict:
        return {"name": self.name, "start": self.start, "end": self.end}


class QuoteFinder(Pipe):
    """Finds quotes and their speakers; rule data from `trnews/data/quote_cues.json`."""

    def __init__(self, vocab, name: str = "trnews_quotes", *, spans_key: str = "quotes", indirect: bool = True,
                 scorer: Optional[Callable] = quotes_score, cues: Optional[dict] = None):
        if not isinstance(spans_key, str) or not spans_key:
            raise ValueError(f"trnews_quotes: spans_key must be a non-empty string, got {spans_key!r}")
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key
        self.indirect = bool(indirect)
        self.scorer = scorer
        self.cues = cues if cues is not None else load_default_data()
        self.lexicon = Lexicon(self.cues)
        install_extensions()

    # -- spaCy plumbing ------------------------------------------------------------------
    def initialize(self, get_examples: Optional[Callable] = None, *, nlp: Optional[Language] = None,
                   cues: Optional[dict] = None) -> None:
        if cues is not None:
            self.lexicon = Lexicon(cues)
            self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        install_extensions()
        try:
            found = self.find(doc)
        except Exception as err:  # a rule bug must not cost the document its other results
            doc.user_data.setdefault("trnews.warnings", []).append(f"trnews_quotes: {type(err).__name__}: {err}")
            found = []
        spans = []
        for item in found:
            span = _char_span(doc, item["start"], item["end"])
            if span is None:
                continue
            ext = span._  # one Underscore for the four values (each `span._` makes a new one)
            ext.kind = item["kind"]
            ext.speaker = item["speaker"]
            ext.speaker_name = item["speaker"]["name"] if item["speaker"] else None
            ext.cue = item["cue"]
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        install_extensions()
        for doc in stream:
            yield self(doc)

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return util.to_bytes({"cfg": lambda: srsly.json_dumps(self._cfg()), "cues": lambda: srsly.json_dumps(self.cues)},
                             exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()) -> "QuoteFinder":
        data: dict[str, Any] = {}
        util.from_bytes(bytes_data, {"cfg": lambda b: data.update(cfg=srsly.json_loads(b)),
                                     "cues": lambda b: data.update(cues=srsly.json_loads(b))}, exclude)
        self._load(data)
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = util.ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", self._cfg())
        srsly.write_json(path / "cues.json", self.cues)

    def from_disk(self, path, *, exclude=tuple()) -> "QuoteFinder":
        path = Path(path)
        data: dict[str, Any] = {}
        if (path / "cfg.json").exists():
            data["cfg"] = srsly.read_json(path / "cfg.json")
        if (path / "cues.json").exists():
            data["cues"] = srsly.read_json(path / "cues.json")
        self._load(data)
        return self

    def _cfg(self) -> dict:
        return {"spans_key": self.spans_key, "indirect": self.indirect}

    def _load(self, data: dict) -> None:
        cfg = data.get("cfg") or {}
        self.spans_key = cfg.get("spans_key", self.spans_key)
        self.indirect = cfg.get("indirect", self.indirect)
        if "cues" in data:
            self.cues = data["cues"]
            self.lexicon = Lexicon(self.cues)

    # -- the work ------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[dict]:
        """Quotes of one Doc as plain dicts (start, end, kind, speaker, cue)."""
        text = doc_text(doc)
        if not text.strip():
            return []
        lex = self.lexicon
        view = TextView(text, lex.abbreviations)
        cands = direct.find_candidates(text)
        closers: set[int] = set()
        openers: set[int] = set()
        for c in cands:
            if c.close_mark is not None:
                closers.update(range(c.close_mark.a, c.close_mark.b))
            if c.open_mark is not None:
                openers.add(c.open_mark.a)
        view.split_sentences(closers, openers)
        directs = [q for q in (direct.classify(view, lex, c) for c in cands) if q is not None]
        blocked = sorted((q.open_at, q.close_at) for q in directs)
        mentions = Mentions(doc, view, lex, blocked)
        hits = indirect.find(view, lex, blocked) if self.indirect else []
        return Resolver(view, lex, mentions, blocked).run(directs, hits)


class Resolver:
    """Walks the quotes in text order, keeping track of who the text is following."""

    def __init__(self, view: TextView, lex: Lexicon, mentions: Mentions, blocked: list[tuple[int, int]]):
        self.view, self.lex, self.mentions = view, lex, mentions
        self.blocked = blocked
        self.current: _Speaker | None = None
        self.topic_index = 0
        self.blocked_ends = [b for _, b in blocked]
        self.sent_last_end: dict[int, int] = {}

    def speaker_of(self, m: Mention | None) -> _Speaker | None:
        if m is None:
            return None
        cur = self.current
        if cur is not None and m.label in ("PER", "NAME", "LOC") and " " not in m.text.strip() \
                and " " in cur.name and lower(cur.name).split()[-1] == lower(m.text.strip()):
            return _Speaker(cur.name, m.start, m.end)  # `Trump` right after `Eric Trump` spoke is Eric Trump
        return _Speaker(self.mentions.fullest(m), m.start, m.end)

    def follow(self, upto: int) -> None:
        """Move the followed speaker along sentences that open with a named subject."""
        view = self.view
        starts = view.sent_starts
        while self.topic_index < len(starts) and starts[self.topic_index] <= upto:
            s = starts[self.topic_index]
            e = starts[self.topic_index + 1] if self.topic_index + 1 < len(starts) else len(view.text)
            self.topic_index += 1
            m = self.mentions.subject(s, min(e, s + 120), weak=False)
            if m is not None:
                r = self.mentions.rank(m, False)
                if r in (1, 1.5, 2) and m.label != "DESC" or m.label == "DESC" and r is not None and m.start - s < 40:
                    self.current = self.speaker_of(m)

    def run(self, directs: list[direct.DirectQuote], hits: list[indirect.IndirectHit]) -> list[dict]:
        events: list[tuple[int, str, Any]] = [(q.open_at, "d", q) for q in directs]
        events += [(h.word_start, "i", h) for h in hits]
        events.sort(key=lambda e: e[0])
        out: list[dict] = []
        for pos, kind, item in events:
            self.follow(pos)
            if kind == "d":
                rec = self.direct(item)
            else:
                rec = self.indirect(item)
            if rec is None:
                continue
            if rec["speaker"] is not None:
                self.current = _Speaker(rec["speaker"]["name"], rec["speaker"]["start"], rec["speaker"]["end"])
            out.append(rec)
        return out

    def _context(self) -> dict | None:
        return self.current.as_dict() if self.current is not None else None

    def _record(self, start: int, end: int, kind: str, speaker: _Speaker | dict | None, cue: CueMatch | None) -> dict:
        if isinstance(speaker, _Speaker):
            speaker = speaker.as_dict()
        return {"start": start, "end": end, "kind": kind, "speaker": speaker, "cue": cue.as_dict() if cue else None}

    def direct(self, q: direct.DirectQuote) -> dict | None:
        view, ms = self.view, self.mentions
        sent_start, _ = view.sentence_of(q.open_at)
        self.sent_last_end[sent_start] = max(self.sent_last_end.get(sent_start, 0), q.close_at)
        speaker: _Speaker | None = None
        owner = self._genitive_owner(q)
        if owner is not None:
            speaker = self.speaker_of(owner)  # `Atatürk'ün "İstikbal göklerdedir" sözü`
        elif q.side == "post" and q.cue is not None and q.cue.kind == "participle":
            speaker = self.speaker_of(ms.first_after(q.cue.end, q.cue.end + 120))
        elif q.side == "intro":
            i = q.open_at
            while i > 0 and view.text[i - 1] in " \t\n\u00a0":
                i -= 1
            colon_sent, _ = view.sentence_of(max(i - 1, 0))
            active = q.cue is None or lexicon_word_class(view.low[q.cue.start:q.cue.end].split()[-1]) != "passive"
            speaker = self.speaker_of(ms.subject(colon_sent, i, allow_genitive=active, weak=active))
        elif q.headline and not q.pre_comma:
            nxt = view.next_sentence(q.close_at - 1)
            if nxt is not None:
                s, e = nxt
                if s < q.close_at:
                    s = q.close_at
                speaker = self.speaker_of(ms.subject(s, min(e, s + 600)))
        else:
            passive = q.cue is not None and q.cue.kind == "passive"
            speaker = self.speaker_of(ms.subject(sent_start, q.open_at, source_only=passive))
            if speaker is None and q.cue is not None and not passive:
                nxt = ms.first_after(q.cue.end, q.cue.end + 80)  # `"...", dedi Bakan Kaya.`
                if nxt is not None and view.text[q.cue.end:nxt.start].strip() == "" or (
                        nxt is not None and all(w.is_cap or self.lex.is_title(w.low)
                                                for w in view.words_between(q.cue.end, nxt.start))
                        and "." not in view.text[q.cue.end:nxt.start]):
                    speaker = self.speaker_of(nxt)
        result = speaker.as_dict() if speaker is not None else self._context()
        return self._record(q.start, q.end, "direct", result, q.cue)

    def _genitive_owner(self, q: direct.DirectQuote) -> Mention | None:
        """A genitive name right before the mark, the quote named by a noun after it (`sözü`, `çıkışı`)."""
        if q.side != "post" or q.cue is None or not self.lex.noun_re.match(self.view.low, q.cue.start):
            return None
        for m in self.mentions.between(max(0, q.open_at - 80), q.open_at):
            if m.suffix and _GENITIVE_SUFFIX.match(m.suffix) and self.view.text[m.end:q.open_at].strip(" '’\t").isalpha() \
                    and q.open_at - m.end <= 6:
                return m
        return None

    def indirect(self, h: indirect.IndirectHit) -> dict | None:
        view, ms = self.view, self.mentions
        sent_start, _ = view.sentence_of(h.word_start)
        seg_start = max(sent_start, self.sent_last_end.get(sent_start, sent_start))
        k = bisect_right(self.blocked_ends, h.word_start) - 1  # never start before a direct quote of this sentence
        if k >= 0 and self.blocked_ends[k] > seg_start:
            seg_start = self.blocked_ends[k]
        speaker: _Speaker | None = None
        content_start = seg_start
        if h.cue.kind == "participle":
            speaker = self.speaker_of(ms.first_after(h.cue.end, h.cue.end + 120))
        else:
            passive = h.cue.kind == "passive"  # `... olduğu belirtildi`: the clause's subject is not the source
            verbal_noun = bool(_VERBAL_NOUN.search(view.low[h.cue.start:h.cue.end]))
            m = ms.subject(sent_start, h.word_start, weak=False, source_only=passive, genitive_first=verbal_noun)
            if m is None and self.current is None and not passive:
                m = ms.subject(sent_start, h.word_start)  # nobody to follow yet: a weaker subject will do
            if m is not None:
                speaker = self.speaker_of(m)
                if m.start >= seg_start:
                    content_start = max(content_start, ms.subject_end(m))
        content_start = self._clause_start(content_start, h.word_start)
        self.sent_last_end[sent_start] = max(self.sent_last_end.get(sent_start, 0), h.cue.end)
        words = view.words_between(content_start, h.end)
        if len(words) < 2:
            return None
        content_start = words[0].start
        result = speaker.as_dict() if speaker is not None else self._context()
        return self._record(content_start, h.end, "indirect", result, h.cue)

    def _clause_start(self, start: int, word_start: int) -> int:
        """Skip headline capitals and an adverbial clause closed by a comma before the complement."""
        view = self.view
        words = view.words_between(start, word_start)
        k = 0
        while k + 1 < len(words) and words[k].is_allcaps and words[k + 1].is_allcaps:
            k += 1
        if k and k + 1 < len(words):
            while k < len(words) and words[k].is_allcaps:
                k += 1
            if k < len(words):
                start = words[k].start
                words = words[k:]
        text = view.text
        for k in range(len(words) - 2, -1, -1):
            w = words[k]
            if w.end < len(text) and text[w.end] == "," and (
                    is_converb_or_locative(w, first=k == 0) or w.low in self.lex.clause_openers):
                j = w.end + 1
                while j < len(text) and text[j] in " \t\u00a0":
                    j += 1
                return j
        return start


def _char_span(doc: Doc, start: int, end: int) -> Span | None:
    """The token span closest to the characters (exact with the trnews tokenizer)."""
    span = doc.char_span(start, end, alignment_mode="strict")
    if span is not None:
        return span
    best, best_cost = None, None
    for mode in ("contract", "expand"):
        span = doc.char_span(start, end, alignment_mode=mode)
        if span is None or len(span) == 0:
            continue
        cost = abs(span.start_char - start) + abs(span.end_char - end)
        if best_cost is None or cost < best_cost:
            best, best_cost = span, cost
    return best
