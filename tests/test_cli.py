"""`python -m trnews extract`: one output line per input line, in order, errors in place."""

from __future__ import annotations

import json
import subprocess
import sys

from trnews import schema

NEWS = [
    {"id": "a1", "text": "Ankara'da düzenlenen toplantıda konuşan Bakan Yılmaz, ihracatın arttığını söyledi."},
    {"id": "a2", "text": "Şirket, geçen yıl 2,5 milyar dolar yatırım yaptığını açıkladı.", "date": "2024-05-02"},
]


def run_extract(tmp_path, lines: list[str], model_dir, *extra: str) -> tuple[list[dict], subprocess.CompletedProcess]:
    src = tmp_path / "in.jsonl"
    dst = tmp_path / "out.jsonl"
    src.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "trnews", "extract", str(src), str(dst), "--model", str(model_dir), *extra],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()], proc


def test_every_line_gets_one_output_line_in_order(tmp_path, rules_model_dir):
    lines = [
        json.dumps(NEWS[0], ensure_ascii=False),
        "{this is not json",
        "",
        json.dumps({"id": "no-text", "text": None}),
        json.dumps(NEWS[1], ensure_ascii=False),
        json.dumps(["a", "list"]),
    ]
    out, proc = run_extract(tmp_path, lines, rules_model_dir)
    assert [rec["id"] for rec in out] == ["a1", None, None, "no-text", "a2", None]
    assert [("error" in rec) for rec in out] == [False, True, True, True, False, True]
    assert out[1]["error"].startswith("line 2 of in.jsonl: not valid JSON")
    assert out[3]["error"] == "line 4 of in.jsonl: 'text' must be a string, got null"
    assert "4 with errors" in proc.stderr
    for rec, news in ((out[0], NEWS[0]), (out[4], NEWS[1])):
        assert schema.validate(rec, news["text"]) == []


def test_text_longer_than_max_length_is_processed_in_pieces(tmp_path, rules_nlp):
    nlp = rules_nlp.__class__.from_config(rules_nlp.config)
    nlp.max_length = 200
    path = tmp_path / "short_max"
    nlp.to_disk(path)
    text = " ".join(news["text"] for news in NEWS) * 10
    out, _ = run_extract(tmp_path, [json.dumps({"id": 1, "text": text}, ensure_ascii=False)], path)
    assert "error" not in out[0]
    assert schema.validate(out[0], text) == []
