"""An HTML page that shows what the pipeline found, drawn with displaCy.

Each document's text is drawn in displaCy's span style: entities (label and
canonical name), quantities (value, unit, period; their item and period
words), quotes (number, kind, speaker) with their cue and speaker mention.
Tables below list the same results. Only the SPEC JSON of a Doc is read, so
the page shows exactly what `extract` writes. Bad input lines become error boxes.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Any, Iterable

from spacy.displacy.render import SpanRenderer as DisplacySpanRenderer
from spacy.displacy.templates import TPL_KB_LINK
from spacy.tokens import Doc

from .schema import doc_to_json

# category -> (colour, what the legend says)
CATEGORIES = {
    "PER": ("#f4a6b7", "PER person"),
    "ORG": ("#9fc9f0", "ORG organisation"),
    "LOC": ("#a8e6a1", "LOC place"),
    "QTY": ("#ffd45c", "quantity: value unit · period"),
    "PART": ("#ffeeb8", "item / period of a quantity"),
    "QUOTE": ("#c9a8f0", "Q# quote: kind · speaker"),
    "SPEAKER": ("#f0b27a", "Q# speaker mention"),
    "CUE": ("#b8b8b8", "Q# cue"),
}
COLORS = {name: color for name, (color, _) in CATEGORIES.items()}
_WORD = re.compile(r"\S+\s*")

# displaCy's span-style templates, with labels that stay on one line instead of wrapping
# into a tall column over the rows below, and no whitespace around the token text.
TEMPLATE = {
    "span": '<span class="tok" style="font-weight: bold; display: inline-block; position: relative; '
            'height: {total_height}px;">{text}{span_slices}{span_starts}</span>',
    "slice": '<span style="background: {bg}; top: {top_offset}px; height: 4px; left: -1px; '
             'width: calc(100% + 2px); position: absolute;"></span>',
    "start": '<span style="background: {bg}; top: {top_offset}px; height: 4px; border-top-left-radius: 3px; '
             'border-bottom-left-radius: 3px; left: -1px; width: calc(100% + 2px); position: absolute;">'
             '<span class="lbl" style="background: {bg}; z-index: 10; color: #000; top: -0.5em; '
             'padding: 1px 3px; position: absolute; font-size: 0.6em; font-weight: bold; line-height: 1; '
             'border-radius: 3px; white-space: nowrap">{label}{kb_link}</span></span>',
}
LAYOUT = {"top_offset": 40, "span_label_offset": 20, "top_offset_step": 17}  # displaCy's own
LABEL_WIDTH = 0.62  # a label character's width in text characters (0.6em bold on bold text)


class SpanRenderer(DisplacySpanRenderer):
    """displaCy's span style, changed where it hides what a reviewer needs to see.

    * Text is drawn as it is: each token string carries its trailing whitespace, so
      `Ankara'da` is not drawn as `Ankara 'da`, and line breaks stay line breaks.
    * A span's row ("render slot") is chosen so that its label, which is often wider
      than the span (`PER → Askar Mamin` on `Mamin`), does not cover the next label.
    * Rows are as tall as the deepest slot on the token, so bars never run into the next line.
    """

    def _assemble_per_token_info(self, tokens: list[str], spans: list[dict]) -> list[dict]:
        offsets = [0]
        for token in tokens:
            offsets.append(offsets[-1] + len(token))
        # Long spans (quotes, rank 0) take their rows first, so a quote's bar runs on one
        # row for all its lines and the short spans inside it stack below.
        ordered = sorted(spans, key=lambda s: (s.get("rank", 1), s["start_token"],
                                               -(s["end_token"] - s["start_token"]), s["label"]))
        rows: list[list[tuple[int, float]]] = []  # per slot: the (start, reach) of what is drawn there
        per_token: list[dict] = [{"text": token, "entities": []} for token in tokens]
        for span in ordered:
            start, end = offsets[span["start_token"]], offsets[span["end_token"]]
            reach = max(end, start + LABEL_WIDTH * len(html.unescape(span["label"])) + 2)
            slot = next((i for i, row in enumerate(rows) if all(b <= start or a >= reach for a, b in row)),
                        len(rows))
            if slot == len(rows):
                rows.append([])
            rows[slot].append((start, reach))
            kb_link = TPL_KB_LINK.format(kb_id=span["kb_id"], kb_url=span.get("kb_url", "#")) \
                if span.get("kb_id") else ""
            for i in range(span["start_token"], span["end_token"]):
                per_token[i]["entities"].append({"label": span["label"], "is_start": i == span["start_token"],
                                                 "render_slot": slot + 1, "kb_link": kb_link})
        return per_token

    def _render_markup(self, per_token_info: list[dict]) -> str:
        markup = []
        in_word = False
        for token in per_token_info:
            text = token["text"].rstrip()
            space = token["text"][len(text):]
            if text and not space and not in_word:  # a word cut at a span edge: no line break inside
                markup.append('<span style="white-space: nowrap">')
                in_word = True
            entities = sorted(token["entities"], key=lambda e: e["render_slot"])
            if entities and text:
                height = self.top_offset + self.span_label_offset + self.offset_step * (entities[-1]["render_slot"] - 1)
                markup.append(self.span_template.format(
                    text=escape(text), span_slices=self._get_span_slices(entities),
                    span_starts=self._get_span_starts(entities), total_height=height))
            else:
                markup.append(escape(text))
            if space and in_word:
                markup.append("</span>")
                in_word = False
            markup.append("<br>" if "\n" in space else (" " if space else ""))
        if in_word:
            markup.append("</span>")
        return "".join(markup)


def escape(text: str) -> str:
    return html.escape(text, quote=False)


PAGE = """<!DOCTYPE html>
<html lang="tr"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 1.5em auto; max-width: 78em; color: #222;
        padding: 0 1em; }}
h1 {{ font-size: 1.4em; margin: 0 0 0.3em; }}
section {{ border-top: 2px solid #bbb; padding-top: 0.6em; margin-top: 1.5em; }}
section h2 {{ font-size: 1.1em; margin: 0 0 0.2em; }}
.meta {{ color: #666; font-size: 0.85em; margin: 0 0 0.4em; }}
.spans {{ margin: 0 12em 0.6em 0; }}  /* room on the right for labels that start late on a line */
.tok .lbl {{ box-shadow: 0 0 0 1px rgba(255, 255, 255, 0.9); }}
.tables {{ display: flex; flex-wrap: wrap; gap: 0 2em; align-items: flex-start; }}
.tables h3 {{ font-size: 0.95em; margin: 0.4em 0 0.2em; }}
table {{ border-collapse: collapse; margin: 0 0 0.6em; font-size: 0.8em; }}
td, th {{ border: 1px solid #ccc; padding: 0.15em 0.4em; text-align: left; vertical-align: top; }}
th {{ background: #f2f2f2; }}
td.num {{ text-align: right; white-space: nowrap; }}
td.quote {{ max-width: 40em; }}
.legend span {{ display: inline-block; padding: 0.1em 0.5em; margin: 0 0.4em 0.3em 0; border-radius: 0.3em;
                font-size: 0.85em; }}
.none {{ color: #999; font-size: 0.85em; margin: 0.2em 0 0.6em; }}
.error {{ background: #fde8e8; border: 1px solid #d33; color: #900; padding: 0.5em 0.8em; border-radius: 0.3em; }}
</style></head><body>
<h1>{title}</h1>
<p class="legend">{legend}</p>
{body}
</body></html>
"""


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _number(value: Any) -> str:
    """`50 000 000` style (a thin space between thousands, decimal comma as in Turkish)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u2009")
    whole, _, frac = f"{value:,.6f}".rstrip("0").partition(".")
    return whole.replace(",", "\u2009") + ("," + frac if frac else "")


def _period(period: dict | None) -> str:
    return f"{period.get('type', '?')} {period.get('value', '?')}" if period else ""


def _amount(q: dict) -> str:
    value = _number(q.get("value"))
    if q.get("value_max") is not None:
        value += "–" + _number(q["value_max"])
    return value


def _quantity_label(q: dict) -> str:
    label = f"{_amount(q)} {q.get('unit')}"
    if q.get("period"):
        label += " · " + _period(q["period"])
    return label


def _short(name: str, size: int = 32) -> str:
    """A name cut to fit a label (the tables below give it in full)."""
    name = " ".join(str(name).split())
    return name if len(name) <= size else name[: size - 1] + "…"


def _entity_label(ent: dict) -> str:
    canonical = ent.get("canonical")
    return f"{ent['label']} → {_short(canonical)}" if canonical and canonical != ent["text"] else ent["label"]


def marked_spans(record: dict) -> list[tuple[int, int, str, str]]:
    """(start char, end char, label, category) for everything drawn on the text."""
    out: list[tuple[int, int, str, str]] = []
    for ent in record["entities"]:
        out.append((ent["start"], ent["end"], _entity_label(ent), ent["label"]))
    for q in record["quantities"]:
        out.append((q["start"], q["end"], _quantity_label(q), "QTY"))
        for part in ("item", "period"):
            if q.get(part):
                out.append((q[part]["start"], q[part]["end"], part, "PART"))
    shared: dict[tuple[str, int, int], list[str]] = {}  # one label for a mention several quotes point at
    for n, q in enumerate(record["quotes"], start=1):
        speaker = (q.get("speaker") or {}).get("name") or "no speaker"
        out.append((q["start"], q["end"], f"Q{n} {q.get('kind')} · {_short(speaker)}", "QUOTE"))
        for part in ("speaker", "cue"):
            if q.get(part):
                shared.setdefault((part, q[part]["start"], q[part]["end"]), []).append(f"Q{n}")
    for (part, start, end), numbers in shared.items():
        out.append((start, end, f"{', '.join(numbers)} {part}", part.upper()))
    return out


def displacy_input(text: str, spans: list[tuple[int, int, str, str]]) -> tuple[dict, dict[str, str]]:
    """displaCy's manual span-style input for the text, and the label colours.

    The "tokens" are the text's words, cut at every span edge, each with the whitespace
    after it, so that joining them gives the text back."""
    good = []
    for start, end, label, cat in spans:
        if not (isinstance(start, int) and isinstance(end, int)):
            continue
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start].isspace():  # a span edge on a space would give an empty token
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            good.append((start, end, label, cat))
    cuts = sorted({edge for s, e, _, _ in good for edge in (s, e)})
    starts = [0]
    for match in _WORD.finditer(text):  # a word and the whitespace after it
        word_end = match.start() + len(match.group().rstrip())
        starts.extend(cuts[bisect_right(cuts, match.start()):bisect_left(cuts, word_end)])
        starts.append(match.end())
    starts = sorted(set(starts) - {len(text)}) if text else []
    tokens = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]
    colors: dict[str, str] = {}
    out = []
    for start, end, label, cat in good:
        label = _esc(label)  # displaCy puts labels into its markup as they are
        colors[label] = COLORS.get(cat, "#dddddd")
        out.append({"start_token": bisect_right(starts, start) - 1, "end_token": bisect_left(starts, end),
                    "label": label, "rank": 0 if cat == "QUOTE" else 1})
    return {"text": text, "tokens": tokens, "spans": out, "title": None}, colors


def _markup(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    parsed, colors = displacy_input(text, spans)
    renderer = SpanRenderer({"colors": colors, "template": TEMPLATE, **LAYOUT})
    return renderer.render([parsed])


def _table(head: list[str], rows: list[str], empty: str) -> str:
    if not rows:
        return f'<p class="none">{empty}</p>'
    return "<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>" + "".join(rows) + "</table>"


def _text(obj: dict | None) -> str:
    return _esc((obj or {}).get("text", "")) if obj else "—"


def _tables(record: dict) -> str:
    names: Counter = Counter()
    for ent in record["entities"]:
        names[(ent["label"], ent.get("canonical") or ent["text"])] += 1
    entities = _table(["label", "name", "mentions"],
                      [f"<tr><td>{_esc(label)}</td><td>{_esc(name)}</td><td class=num>{count}</td></tr>"
                       for (label, name), count in names.items()], "No entities.")
    quantities = _table(
        ["quantity", "value", "unit", "period", "period words", "item"],
        [f"<tr><td>{_esc(q['text'])}</td><td class=num>{_esc(_amount(q))}</td><td>{_esc(q.get('unit'))}</td>"
         f"<td>{_esc(_period(q.get('period'))) or '—'}</td><td>{_text(q.get('period'))}</td>"
         f"<td>{_text(q.get('item'))}</td></tr>" for q in record["quantities"]], "No quantities.")
    rows = []
    for n, q in enumerate(record["quotes"], start=1):
        speaker = q.get("speaker") or {}
        text = q["text"] if len(q["text"]) <= 300 else q["text"][:297] + "…"
        rows.append(f"<tr><td>Q{n}</td><td>{_esc(q.get('kind'))}</td><td>{_esc(speaker.get('name') or '—')}</td>"
                    f"<td>{_text(q.get('cue'))}</td><td class=quote>{_esc(text)}</td></tr>")
    quotes = _table(["#", "kind", "speaker", "cue", "quote"], rows, "No quotes.")
    return (f'<div class="tables"><div><h3>Entities</h3>{entities}</div>'
            f"<div><h3>Quantities</h3>{quantities}</div></div><h3>Quotes</h3>{quotes}")


def _heading(doc_id: Any, where: str) -> str:
    name = "(no id)" if doc_id is None else str(doc_id)
    return f"<h2>{_esc(name)}</h2>" + (f'<p class="meta">{_esc(where)}</p>' if where else "")


def render_record(text: str, record: dict, where: str = "") -> str:
    """One document's section from its text and its SPEC JSON record."""
    counts = (f"{len(record['entities'])} entities · {len(record['quantities'])} quantities · "
              f"{len(record['quotes'])} quotes")
    return (f'<section class="doc">{_heading(record.get("id"), f"{where} · {counts}" if where else counts)}'
            f"{_markup(text, marked_spans(record))}{_tables(record)}</section>")


def render_doc(doc: Doc, doc_id: Any = None, where: str = "") -> str:
    """One document's section: the marked-up text and its tables."""
    return render_record(doc.text, doc_to_json(doc, doc_id), where)


def error_section(doc_id: Any, message: str, where: str = "") -> str:
    return f'<section class="doc failed">{_heading(doc_id, where)}<p class="error">{_esc(message)}</p></section>'


def render_page(sections: Iterable[str], title: str = "trnews") -> str:
    legend = "".join(f'<span style="background:{color}">{_esc(text)}</span>'
                     for color, text in CATEGORIES.values())
    return PAGE.format(title=_esc(title), legend=legend, body="\n".join(sections))


def render_lines(nlp, lines: Iterable[tuple[int, str]], source: str = "input", limit: int | None = 200) -> str:
    """The page for numbered JSONL input lines (at most `limit` of them), in input order;
    a line that cannot be parsed or processed shows its error in place."""
    from .io import DATE_KEY, Task, parse_line  # io is plain JSON handling, no pipeline state

    sections: list[str] = []
    for line_no, line in lines:
        if limit is not None and len(sections) >= limit:
            break
        where = f"line {line_no} of {source}"
        task = parse_line(line_no, line, source)
        if not isinstance(task, Task):
            sections.append(error_section(task.get("id"), task["error"], where))
            continue
        try:
            doc = nlp.make_doc(task.text)
            if task.date:
                doc.user_data[DATE_KEY] = task.date
            sections.append(render_doc(nlp(doc), task.id, where + (f" · date {task.date}" if task.date else "")))
        except Exception as err:  # noqa: BLE001 - one bad document must not lose the page
            sections.append(error_section(task.id, f"{where}: {type(err).__name__}: {err}", where))
    return render_page(sections, title=f"trnews: {source}")
