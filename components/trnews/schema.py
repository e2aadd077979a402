"""The one conversion from a processed `Doc` to the JSON of SPEC.md section 2.

Components leave their results in `doc.ents`, `doc.spans["quantities"]` and
`doc.spans["quotes"]` with plain-data Span extensions; this module only reads
them. It never touches the text: every offset is a character offset into
`doc.text`, and `text` is always the slice at those offsets.
"""

from __future__ import annotations

from typing import Any, Iterable

from spacy.tokens import Doc, Span

from trnews.doctext import doc_text

QUANTITIES_KEY = "quantities"
QUOTES_KEY = "quotes"


def _ext(span: Span, name: str, default: Any = None) -> Any:
    return getattr(span._, name) if span.has_extension(name) else default


def _sub(text: str, obj: dict | None, *extra: str) -> dict | None:
    """A nested span object (period, item, speaker, cue) with its text re-sliced.

    Takes the text, not the Doc: `Doc.text` joins every token on each access, so slicing
    it per span would make the conversion quadratic in the document's length."""
    if not obj:
        return None
    start, end = int(obj["start"]), int(obj["end"])
    out: dict[str, Any] = {key: obj[key] for key in extra if key in obj}
    out.update({"text": text[start:end], "start": start, "end": end})
    return out


def entity_json(ent: Span) -> dict:
    out = {"start": ent.start_char, "end": ent.end_char, "label": ent.label_, "text": ent.text}
    canonical = _ext(ent, "canonical")
    if canonical:
        out["canonical"] = canonical
    return out


def quantity_json(span: Span, text: str | None = None) -> dict:
    text = doc_text(span.doc) if text is None else text
    out: dict[str, Any] = {
        "start": span.start_char,
        "end": span.end_char,
        "text": span.text,
        "value": _ext(span, "value"),
        "unit": _ext(span, "unit"),
    }
    for key in ("value_max", "qualifier", "value_si", "unit_si"):
        value = _ext(span, key)
        if value is not None:
            out[key] = value
    out["period"] = _sub(text, _ext(span, "period"), "type", "value")
    out["item"] = _sub(text, _ext(span, "item"))
    return out


def quote_json(span: Span, text: str | None = None) -> dict:
    text = doc_text(span.doc) if text is None else text
    return {
        "start": span.start_char,
        "end": span.end_char,
        "text": span.text,
        "kind": _ext(span, "kind", "direct"),
        "speaker": _sub(text, _ext(span, "speaker"), "name"),
        "cue": _sub(text, _ext(span, "cue")),
    }


def _spans(doc: Doc, key: str) -> Iterable[Span]:
    return sorted(doc.spans[key], key=lambda s: (s.start_char, s.end_char)) if key in doc.spans else ()


def doc_to_json(doc: Doc, doc_id: Any = None) -> dict:
    """SPEC.md JSON for one document: entities, quantities, quotes."""
    text = doc_text(doc)  # the tokenizer already joined it once
    return {
        "id": doc_id,
        "entities": [entity_json(ent) for ent in doc.ents],
        "quantities": [quantity_json(span, text) for span in _spans(doc, QUANTITIES_KEY)],
        "quotes": [quote_json(span, text) for span in _spans(doc, QUOTES_KEY)],
    }


def shift(record: dict, offset: int) -> dict:
    """Move every offset in a result record by `offset` (for texts processed in pieces)."""
    if offset == 0:
        return record

    def move(obj: Any) -> Any:
        if isinstance(obj, dict):
            moved = {key: move(value) for key, value in obj.items()}
            for key in ("start", "end"):
                if isinstance(obj.get(key), int):
                    moved[key] = obj[key] + offset
            return moved
        if isinstance(obj, list):
            return [move(value) for value in obj]
        return obj

    return {key: (move(value) if key in ("entities", "quantities", "quotes") else value) for key, value in record.items()}


def merge(records: list[dict], doc_id: Any = None) -> dict:
    """Join the results of consecutive pieces (already shifted) into one record."""
    out: dict[str, Any] = {"id": doc_id, "entities": [], "quantities": [], "quotes": []}
    for record in records:
        for key in ("entities", "quantities", "quotes"):
            out[key].extend(record.get(key, []))
    return out


def validate(record: dict, text: str) -> list[str]:
    """Problems with a result record against SPEC.md (empty list when valid)."""
    problems: list[str] = []

    def check_span(where: str, obj: dict) -> None:
        start, end = obj.get("start"), obj.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            problems.append(f"{where}: bad offsets {start!r}..{end!r}")
        elif obj.get("text") != text[start:end]:
            problems.append(f"{where}: text {obj.get('text')!r} != slice {text[start:end]!r}")

    if "error" in record:
        return [] if isinstance(record["error"], str) else ["error must be a string"]
    for key in ("entities", "quantities", "quotes"):
        if not isinstance(record.get(key), list):
            problems.append(f"{key} missing or not a list")
    for i, ent in enumerate(record.get("entities", [])):
        check_span(f"entities[{i}]", ent)
        if ent.get("label") not in ("PER", "ORG", "LOC"):
            problems.append(f"entities[{i}]: label {ent.get('label')!r}")
    for i, q in enumerate(record.get("quantities", [])):
        check_span(f"quantities[{i}]", q)
        if not isinstance(q.get("value"), (int, float)) or not isinstance(q.get("unit"), str):
            problems.append(f"quantities[{i}]: value/unit")
        for sub in ("period", "item"):
            if q.get(sub) is not None:
                check_span(f"quantities[{i}].{sub}", q[sub])
    for i, q in enumerate(record.get("quotes", [])):
        check_span(f"quotes[{i}]", q)
        if q.get("kind") not in ("direct", "indirect"):
            problems.append(f"quotes[{i}]: kind {q.get('kind')!r}")
        for sub in ("speaker", "cue"):
            if q.get(sub) is not None:
                check_span(f"quotes[{i}].{sub}", q[sub])
    return problems
