"""The `render` page: what the pipeline found, drawn with displaCy, checked in a real browser.

Uses the rules pipeline (everything but the trained NER); the sentences are
written for these tests in agency-news style.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trnews.cli import app
from trnews.render import COLORS, displacy_input, marked_spans, render_lines, render_record

ROOT = Path(__file__).resolve().parents[1]

NEWS = (
    "Enerji ve Tabii Kaynaklar Bakanı Mehmet Yıldırım, Ankara'da düzenlenen toplantıda konuştu. "
    "Yıldırım, \"Türkiye yılda 50 milyar metreküp doğal gaz tüketiyor, bu yıl üretimi artıracağız\" dedi. "
    "Bakan Yıldırım, Karadeniz'deki sahadan günlük 10 milyon metreküp gaz çıkarıldığını belirtti."
)
SECOND = "İzmir Valisi Ayşe Demir, \"Önlemleri artırıyoruz\" dedi.\nKentte benzinin litresi 45 lira oldu."


def line(**record) -> str:
    return json.dumps(record, ensure_ascii=False)


def render(nlp, *lines: str, **kwargs) -> str:
    return render_lines(nlp, enumerate(lines, start=1), source="haber.jsonl", **kwargs)


@pytest.fixture(scope="module")
def news_page(rules_nlp) -> str:
    return render(rules_nlp, line(id="enerji-1", date="2026-03-12", text=NEWS))


def test_entities_are_labelled_with_their_canonical_name(news_page):
    assert ">PER</span>" in news_page  # the full name `Mehmet Yıldırım`
    assert ">PER → Mehmet Yıldırım</span>" in news_page  # the later `Yıldırım`
    assert "<td>PER</td><td>Mehmet Yıldırım</td><td class=num>3</td>" in news_page


def test_quantities_show_value_unit_and_period(news_page):
    assert ">50\u2009000\u2009000\u2009000 m3 · rate P1Y</span>" in news_page
    assert ">10\u2009000\u2009000 m3 · rate P1D</span>" in news_page
    assert ">item</span>" in news_page and ">period</span>" in news_page
    assert "<td>50 milyar metreküp</td>" in news_page


def test_quotes_show_kind_speaker_and_cue(news_page):
    assert ">Q1 direct · Mehmet Yıldırım</span>" in news_page
    assert ">Q2 indirect · Mehmet Yıldırım</span>" in news_page
    assert ">Q1 cue</span>" in news_page and ">Q2 cue</span>" in news_page
    assert ">Q1 speaker</span>" in news_page
    assert "<td>Q1</td><td>direct</td><td>Mehmet Yıldırım</td><td>dedi</td>" in news_page
    assert re.search(r"line 1 of haber.jsonl · date 2026-03-12 · \d+ entities · 2 quantities · 2 quotes", news_page)


def test_the_text_is_drawn_as_it_is(news_page):
    # displaCy would put a space after every token: `Ankara 'da`
    assert "Ankara<span" in news_page and "</span>'da" in news_page
    assert "Ankara </span>" not in news_page


@pytest.mark.parametrize("text", [NEWS, SECOND, "  baştaki boşluk\n\nve \"tırnak\"", "", "tek"])
def test_displacy_tokens_give_the_text_back_and_spans_their_words(rules_nlp, text):
    from trnews.schema import doc_to_json

    spans = marked_spans(doc_to_json(rules_nlp(text)))
    parsed, colors = displacy_input(text, spans)
    assert "".join(parsed["tokens"]) == text
    drawn = [("".join(parsed["tokens"][s["start_token"]:s["end_token"]]).strip(), s["label"])
             for s in parsed["spans"]]
    assert sorted(drawn) == sorted((text[s:e].strip(), label) for s, e, label, _ in spans)
    assert set(colors) == {label for _, label in drawn}


def test_broken_lines_become_error_boxes_in_input_order(rules_nlp):
    page = render(
        rules_nlp,
        line(id="önce", text=SECOND),
        '{"id": "yarım", "text": "Bakan',
        line(id="metinsiz", baslik="Metin yok"),
        "",
        "[1, 2]",
        line(id="çok-uzun", text="a " * 600_000),  # longer than nlp.max_length
        line(id="sonra", text="Ankara'da yağmur bekleniyor."),
    )
    sections = re.findall(r'<section class="doc( failed)?"><h2>([^<]*)</h2><p class="meta">([^<]*)</p>', page)
    assert [(bool(failed), name, meta.split(" ·")[0]) for failed, name, meta in sections] == [
        (False, "önce", "line 1 of haber.jsonl"),
        (True, "(no id)", "line 2 of haber.jsonl"),
        (True, "metinsiz", "line 3 of haber.jsonl"),
        (True, "(no id)", "line 4 of haber.jsonl"),
        (True, "(no id)", "line 5 of haber.jsonl"),
        (True, "çok-uzun", "line 6 of haber.jsonl"),
        (False, "sonra", "line 7 of haber.jsonl"),
    ]
    assert "not valid JSON" in page and "&#x27;text&#x27; must be a string, got missing" in page
    assert "empty line" in page and "expected a JSON object, got list" in page and "ValueError" in page


def test_limit_stops_after_n_lines(rules_nlp):
    page = render(rules_nlp, *(line(id=f"haber-{i}", text=SECOND) for i in range(5)), limit=2)
    assert "haber-1" in page and "haber-2" not in page


def test_html_in_the_input_is_escaped(rules_nlp):
    page = render(rules_nlp, line(id="<b>kalın</b>", text="Vali <script>alert('x')</script> \"Hazırız\" dedi."))
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;kalın&lt;/b&gt;" in page


def test_labels_and_tables_are_escaped():
    text = "Ali <Veli> \"Geliyoruz\" dedi."
    record = {
        "id": "x",
        "entities": [{"start": 0, "end": 3, "label": "PER", "text": "Ali", "canonical": "Ali <Veli>"}],
        "quantities": [],
        "quotes": [{"start": 12, "end": 21, "text": "Geliyoruz", "kind": "direct",
                    "speaker": {"name": "Ali <Veli>", "text": "Ali", "start": 0, "end": 3},
                    "cue": {"text": "dedi", "start": 23, "end": 27}}],
    }
    section = render_record(text, record)
    assert "<Veli>" not in section
    assert ">PER → Ali &lt;Veli&gt;</span>" in section and "Q1 direct · Ali &lt;Veli&gt;" in section


def test_cli_render_writes_the_page(rules_model_dir, tmp_path):
    source = tmp_path / "haber.jsonl"
    source.write_text("\n".join([line(id="vali", text=SECOND), "bozuk", line(id="enerji", text=NEWS)]) + "\n",
                      encoding="utf-8")
    out = tmp_path / "sayfa" / "haber.html"
    result = CliRunner().invoke(app, ["render", str(source), str(out), "--model", str(rules_model_dir),
                                      "--limit", "2"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Ayşe Demir" in page and "enerji" not in page
    assert "2 documents (1 errors)" in result.output


# -- in a real browser ---------------------------------------------------------------------------


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the pixel rows of an 8-bit RGB(A) PNG, with only the standard library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, []
    while pos < len(data):
        (size,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            width, height, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + size
    assert depth == 8 and color_type in (2, 6) and not interlace, (depth, color_type, interlace)
    bpp = 3 if color_type == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prior = [], bytearray(stride)
    for y in range(height):
        kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                row[i] = (row[i] + row[i - bpp]) & 0xFF
        elif kind == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, prior))
        elif kind == 3:
            for i in range(stride):
                row[i] = (row[i] + ((row[i - bpp] if i >= bpp else 0) + prior[i]) // 2) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a, b = (row[i - bpp] if i >= bpp else 0), prior[i]
                c = prior[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(row) if bpp == 3 else bytes(b for i, b in enumerate(row) if i % 4 != 3))
        prior = row
    return width, height, rows


def rgb(color: str) -> bytes:
    return bytes.fromhex(color.lstrip("#"))


@pytest.mark.skipif(not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")),
                    reason="no chromium on PATH")
def test_the_page_draws_in_headless_chromium(rules_nlp, tmp_path):
    page = tmp_path / "haber.html"
    page.write_text(render(rules_nlp, line(id="enerji-1", text=NEWS), "bozuk", line(id="vali", text=SECOND)),
                    encoding="utf-8")
    png = tmp_path / "haber.png"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshot.py"), str(page), str(png),
                           "--width", "1000"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    width, height, rows = read_png(png)
    assert width == 1000 and 1000 < height < 4000, (width, height)  # as tall as the page: two documents
    assert len(set(rows[-1])) == 1 and len(set(rows[-60])) > 1, "the picture ends where the page ends"
    pixels = {row[i:i + 3] for row in rows[::3] for i in range(0, len(row), 3)}
    assert len(pixels) > 50, "a blank picture"  # anti-aliased text alone gives hundreds of shades
    for label in ("PER", "QTY", "QUOTE", "CUE"):  # legend chips, label boxes and span bars
        assert rgb(COLORS[label]) in pixels, f"no {label} colour on the screenshot"
    # The bars under the first document's text: a row of pure QUOTE colour a few hundred pixels wide
    quote = rgb(COLORS["QUOTE"])
    assert any(row.count(quote) > 300 for row in rows[250:]), "no quote bar under the text"


def test_screenshot_says_when_there_is_no_browser(tmp_path):
    page = tmp_path / "bos.html"
    page.write_text("<p>boş</p>", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshot.py"), str(page),
                           str(tmp_path / "x.png"), "--browser", "tarayici-yok"], capture_output=True, text=True)
    assert done.returncode == 1 and "no browser found" in done.stderr
    assert not (tmp_path / "x.png").exists()
