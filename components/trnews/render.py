"""An HTML page that shows what the pipeline found, drawn with displaCy.

Entities, quantities (value, unit, period) and quotes (kind, speaker, cue)
become overlapping labelled spans in displaCy's span style, with a summary
table per document. Reads only the SPEC JSON of a Doc, so what a reviewer
sees is exactly what `extract` writes.
"""

from __future__ import annotations

import html
from typing import Any, Iterable

from spacy import displacy
from spacy.tokens import Doc

from .schema import doc_to_json

COLORS = {"PER": "#f4b6c2", "ORG": "#b6d7f4", "LOC": "#c2f4b6", "QTY": "#ffe08a", "QUOTE": "#d9c2f4",
          "SPEAKER": "#f4cfa8", "CUE": "#dddddd"}

PAGE = """<!DOCTYPE html>
<html lang="tr"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 2em auto; max-width: 70em; color: #222; }}
section {{ border-top: 2px solid #ccc; padding-top: 1em; margin-top: 2em; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }}
td, th {{ border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }}
.legend span {{ padding: 0.1em 0.5em; margin-right: 0.5em; border-radius: 0.3em; }}
.error {{ color: #a00; }}
</style></head><body>
<h1>{title}</h1>
<p class="legend">{legend}</p>
{body}
</body></html>
"""


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}".replace(",", " ") if isinstance(value, int) else str(value)


def _period(period: dict | None) -> str:
    return f"{period['type']} {period['value']}" if period else ""


def doc_spans(doc: Doc, record: dict) -> list[dict]:
    """displaCy manual spans (token offsets) with labels that say what was found."""
    spans: list[dict] = []

    def add(start: int, end: int, label: str) -> None:
        span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
        if span is not None and len(span):
            spans.append({"start_token": span.start, "end_token": span.end, "label": label})

    for ent in record["entities"]:
        label = ent["label"]
        if ent.get("canonical") and ent["canonical"] != ent["text"]:
            label += f" → {ent['canonical']}"
        add(ent["start"], ent["end"], label)
    for q in record["quantities"]:
        bits = [f"QTY {_number(q['value'])}"]
        if q.get("value_max") is not None:
            bits[0] += f"–{_number(q['value_max'])}"
        bits.append(q["unit"])
        if q.get("period"):
            bits.append(_period(q["period"]))
        add(q["start"], q["end"], " · ".join(bits))
    for q in record["quotes"]:
        speaker = (q.get("speaker") or {}).get("name") or "?"
        add(q["start"], q["end"], f"QUOTE {q['kind']} · {speaker}")
        if q.get("cue"):
            add(q["cue"]["start"], q["cue"]["end"], "CUE")
    return spans


def _colors(spans: Iterable[dict]) -> dict[str, str]:
    return {s["label"]: COLORS.get(s["label"].split(" ")[0], "#eeeeee") for s in spans}


def _tables(record: dict) -> str:
    rows = []
    for q in record["quantities"]:
        item = (q.get("item") or {}).get("text", "")
        rows.append(f"<tr><td>{html.escape(q['text'])}</td><td>{_number(q['value'])}"
                    f"{'–' + _number(q['value_max']) if q.get('value_max') is not None else ''}</td>"
                    f"<td>{html.escape(q['unit'])}</td><td>{html.escape(_period(q.get('period')))}</td>"
                    f"<td>{html.escape(item)}</td></tr>")
    quantities = ("<table><tr><th>quantity</th><th>value</th><th>unit</th><th>period</th><th>item</th></tr>"
                  + "".join(rows) + "</table>") if rows else "<p>No quantities.</p>"
    rows = []
    for q in record["quotes"]:
        speaker = q.get("speaker") or {}
        cue = (q.get("cue") or {}).get("text", "")
        text = q["text"] if len(q["text"]) < 300 else q["text"][:297] + "…"
        rows.append(f"<tr><td>{q['kind']}</td><td>{html.escape(speaker.get('name') or '—')}</td>"
                    f"<td>{html.escape(cue)}</td><td>{html.escape(text)}</td></tr>")
    quotes = ("<table><tr><th>kind</th><th>speaker</th><th>cue</th><th>quote</th></tr>"
              + "".join(rows) + "</table>") if rows else "<p>No quotes.</p>"
    return f"<h3>Quantities</h3>{quantities}<h3>Quotes</h3>{quotes}"


def render_doc(doc: Doc, doc_id: Any = None) -> str:
    """One document's section: the marked-up text and its tables."""
    record = doc_to_json(doc, doc_id)
    spans = doc_spans(doc, record)
    parsed = {"text": doc.text, "tokens": [t.text for t in doc], "spans": spans, "title": None}
    markup = displacy.render(parsed, style="span", manual=True, page=False,
                             options={"colors": _colors(spans)})
    return f"<section><h2>{html.escape(str(doc_id))}</h2>{markup}{_tables(record)}</section>"


def render_page(sections: Iterable[str], title: str = "trnews") -> str:
    legend = "".join(f'<span style="background:{color}">{label}</span>' for label, color in COLORS.items())
    return PAGE.format(title=html.escape(title), legend=legend, body="\n".join(sections))


def error_section(doc_id: Any, message: str) -> str:
    return f'<section><h2>{html.escape(str(doc_id))}</h2><p class="error">{html.escape(message)}</p></section>'


def render_lines(nlp, lines: Iterable[tuple[int, str]], source: str = "input", limit: int = 200) -> str:
    """The page for numbered JSONL input lines (at most `limit` documents), errors shown in place."""
    from .io import DATE_KEY, Task, parse_line  # io is plain JSON handling, no pipeline state

    sections: list[str] = []
    for line_no, line in lines:
        if len(sections) >= limit:
            break
        task = parse_line(line_no, line, source)
        if not isinstance(task, Task):
            sections.append(error_section(task.get("id"), task["error"]))
            continue
        try:
            doc = nlp.make_doc(task.text)
            if task.date:
                doc.user_data[DATE_KEY] = task.date
            sections.append(render_doc(nlp(doc), task.id))
        except Exception as err:  # noqa: BLE001 - one bad document must not lose the page
            sections.append(error_section(task.id, f"line {line_no} of {source}: {type(err).__name__}: {err}"))
    return render_page(sections, title=f"trnews: {source}")
