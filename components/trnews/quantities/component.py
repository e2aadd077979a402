"""`trnews_quantities`: quantity-unit-period triples in `doc.spans["quantities"]`.

Each Span carries plain-data extensions (value, value_max, unit, period, item,
qualifier, value_si, unit_si) as SPEC.md section 4 defines them. The unit table
and word lists are data files (data/units.json, data/quantity_words.json),
serialised with the pipeline so a saved pipeline keeps the tables it was built with.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable, Iterable, List, Optional

import srsly
from spacy.attrs import IDX, LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import ensure_path, registry

from ..casing import lower
from ..doctext import doc_text
from .finder import QuantityFinder

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATE_KEY = "trnews.date"
ITEM_BLOCKING_LABELS = ("PER", "LOC", "ORG")  # entities that are never what an amount measures
EXTENSIONS = ("value", "value_max", "unit", "period", "item", "qualifier", "value_si", "unit_si")


def install_extensions() -> None:
    """Plain-data Span extensions; idempotent, so worker processes get them too."""
    for name in EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


install_extensions()


def load_data() -> dict:
    return {"units": srsly.read_json(DATA_DIR / "units.json"), "words": srsly.read_json(DATA_DIR / "quantity_words.json")}


@registry.scorers("trnews.quantities_scorer.v1")
def make_quantities_scorer():
    return score_quantities


def score_quantities(examples: Iterable[Example], spans_key: str = "quantities", **kwargs) -> dict:
    """Span P/R/F on exact offsets plus unit accuracy on matched spans (the SPEC scorer is looser)."""
    tp = n_pred = n_gold = unit_ok = 0
    for eg in examples:
        gold = {(s.start_char, s.end_char): s._.unit for s in eg.reference.spans.get(spans_key, [])}
        pred = {(s.start_char, s.end_char): s._.unit for s in eg.predicted.spans.get(spans_key, [])}
        n_gold += len(gold)
        n_pred += len(pred)
        for key, unit in pred.items():
            if key in gold:
                tp += 1
                unit_ok += unit == gold[key]
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"quantities_p": p, "quantities_r": r, "quantities_f": 2 * p * r / (p + r) if p + r else 0.0,
            "quantities_unit_acc": unit_ok / tp if tp else 0.0}


class QuantityFinderPipe:
    """Finds amounts with a unit, currency or percentage; see SPEC.md section 4."""

    def __init__(self, nlp: Language, name: str = "trnews_quantities", *, spans_key: str = "quantities",
                 units: Optional[List[str]] = None, resolve_dates: bool = True, with_si: bool = True,
                 scorer: Optional[Callable] = score_quantities):
        install_extensions()
        self.name = name
        self.spans_key = spans_key
        self.units = list(units) if units else None
        self.resolve_dates = resolve_dates
        self.with_si = with_si
        self.scorer = scorer
        self.data = load_data()
        self._build()

    def _build(self) -> None:
        known = {u["code"] for u in self.data["units"]["units"]}
        if self.units:
            bad = [code for code in self.units if code not in known]
            if bad:
                raise ValueError(f"trnews_quantities: unknown unit codes {bad} in config 'units'; "
                                 f"use codes from data/units.json: {sorted(known)}")
        self.finder = QuantityFinder(self.data["units"], self.data["words"], self.units)

    def __call__(self, doc: Doc) -> Doc:
        install_extensions()
        text = doc_text(doc)
        date = doc.user_data.get(DATE_KEY) if doc.user_data else None
        ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ITEM_BLOCKING_LABELS]
        found = self.finder.find(text, lower(text), date if isinstance(date, str) else None, self.resolve_dates,
                                 ents=ents, lemma_at=_lemmas(doc))
        spans: list[Span] = []
        seen: set[tuple[int, int]] = set()
        for q in found:
            if not math.isfinite(q.value) or (q.value_max is not None and not math.isfinite(q.value_max)):
                continue  # `999...9 ton` with 400 digits: no JSON number can hold it
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None or (span.start, span.end) in seen:
                continue
            seen.add((span.start, span.end))
            value = _clean(q.value)
            ext = span._  # one Underscore for all the values (each `span._` makes a new one)
            ext.value = value
            ext.value_max = _clean(q.value_max) if q.value_max is not None else None
            ext.unit = q.code
            ext.period = dict(q.period) if q.period else None
            ext.item = dict(q.item) if q.item else None
            ext.qualifier = q.qualifier
            if self.with_si and q.per is None and q.unit.si_factor is not None:
                ext.value_si = _clean(q.unit.si(q.value))
                ext.unit_si = q.unit.si_unit
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        install_extensions()
        for doc in stream:
            yield self(doc)

    def initialize(self, get_examples: Optional[Callable] = None, *, nlp: Optional[Language] = None,
                   units_table: Optional[dict] = None, words: Optional[dict] = None) -> None:
        """Swap in other tables (same shape as the data files), e.g. from `[initialize.components]`."""
        data = {"units": units_table if units_table is not None else self.data["units"],
                "words": words if words is not None else self.data["words"]}
        old, self.data = self.data, data
        try:
            self._build()
        except Exception:
            self.data = old  # a bad table leaves the component as it was
            raise

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        return self.scorer(examples, spans_key=self.spans_key, **kwargs) if self.scorer else {}

    # -- serialisation --------------------------------------------------------------------
    def _cfg(self) -> dict:
        return {"spans_key": self.spans_key, "units": self.units, "resolve_dates": self.resolve_dates,
                "with_si": self.with_si}

    def _load(self, cfg: dict, data: dict) -> None:
        for key, value in cfg.items():
            setattr(self, key, value)
        self.data = data
        self._build()

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"cfg": self._cfg(), "data": self.data})

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = tuple()) -> "QuantityFinderPipe":
        msg = srsly.msgpack_loads(bytes_data)
        self._load(msg["cfg"], msg["data"])
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", self._cfg())
        srsly.write_json(path / "units.json", self.data["units"])
        srsly.write_json(path / "quantity_words.json", self.data["words"])

    def from_disk(self, path, *, exclude: Iterable[str] = tuple()) -> "QuantityFinderPipe":
        path = ensure_path(path)
        data = {"units": srsly.read_json(path / "units.json"), "words": srsly.read_json(path / "quantity_words.json")}
        self._load(srsly.read_json(path / "cfg.json"), data)
        return self


@Language.factory(
    "trnews_quantities",
    default_config={"spans_key": "quantities", "units": None, "resolve_dates": True, "with_si": True,
                    "scorer": {"@scorers": "trnews.quantities_scorer.v1"}},
    assigns=["doc.spans"],
    default_score_weights={"quantities_f": 1.0, "quantities_p": 0.0, "quantities_r": 0.0, "quantities_unit_acc": 0.0},
)
def make_quantities(nlp: Language, name: str, spans_key: str, units: Optional[List[str]], resolve_dates: bool,
                    with_si: bool, scorer: Optional[Callable]) -> QuantityFinderPipe:
    return QuantityFinderPipe(nlp, name, spans_key=spans_key, units=units, resolve_dates=resolve_dates,
                              with_si=with_si, scorer=scorer)


def _lemmas(doc: Doc):
    """`lemma_at(char start)`: the Turkish-lower-cased lemma of the token starting there (from
    trnews_lemmatizer), None when the pipeline set no lemmas. The table is built on first use,
    so texts without amounts pay nothing."""
    table: dict[int, int] = {}  # token start -> lemma hash (one array read, no Token objects)
    answers: dict[int, str | None] = {}  # the item picker asks about the same words again and again

    def lemma_at(start: int) -> str | None:
        if start in answers:
            return answers[start]
        if not table:
            table[-1] = 0
            arr = doc.to_array([IDX, LEMMA])
            table.update((idx, h) for idx, h in zip(arr[:, 0].tolist(), arr[:, 1].tolist()) if h)
        h = table.get(start)
        lemma = doc.vocab.strings[h] if h else None
        answers[start] = answer = lower(lemma) if lemma else None
        return answer

    return lemma_at


def _clean(x: float) -> float | int:
    """Plain JSON numbers: 90000000 rather than 90000000.0, and no float noise (0.1 * 3)."""
    x = float(f"{x:.12g}")
    return int(x) if x.is_integer() and abs(x) < 1e18 else x
