"""No input breaks, hangs or loses anything: property tests over arbitrary and news-like
text, linear time on adversarial inputs, and the CLI on broken, huge and interrupted input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trnews import schema
from trnews.engines import local

# -- property tests ---------------------------------------------------------------------------

NEWS_PIECES = [
    "Ankara'da", "İstanbul’da", "Bakan", "Ayşe", "Yılmaz'ın", "TÜİK", "Merkez Bankası", "yüzde", "%",
    "3,5", "1.860.000", "12.", "2024", "milyon", "milyar", "bin", "ton", "dolar", "lira", "TL", "₺",
    "metreküp", "varil", "yılda", "günlük", "geçen yıl", "dedi", "söyledi", "diye konuştu", "bildirdi",
    "ifadelerini kullandı", "şunları söyledi:", '"', "“", "”", "«", "»", "'", "’", "‘", ".", "...", "…",
    ",", ";", ":", "-", "–", "(", ")", "\n", "\r\n", "\n\n", "\u00a0", "\u200b", "\u200d", "\ufeff", "\t",
    "İ", "ı", "I", "i̇", "0", "9", "½", "٣", "🙂",
]
SEPARATORS = ["", " ", " ", "\n", "\u00a0"]

news_like = st.lists(st.tuples(st.sampled_from(NEWS_PIECES), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda pairs: "".join(piece + sep for piece, sep in pairs))
any_unicode = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def extractor(rules_nlp):
    return local.Extractor(rules_nlp, source="hypothesis")


def check_text(extractor, text: str) -> None:
    line = json.dumps({"id": "x", "text": text}, ensure_ascii=False)
    first = extractor.process_block([(1, line)])
    assert len(first) == 1
    record = json.loads(first[0])
    assert "error" not in record, record["error"]
    assert schema.validate(record, text) == []
    assert extractor.process_block([(1, line)]) == first  # same input, same output
    doc = extractor.nlp(text)
    assert doc.text == text  # no component rewrites the text


@PROPERTY_SETTINGS
@given(text=news_like)
def test_news_like_text_never_breaks_the_pipeline(extractor, text):
    check_text(extractor, text)


@PROPERTY_SETTINGS
@given(text=any_unicode)
def test_arbitrary_unicode_never_breaks_the_pipeline(extractor, text):
    check_text(extractor, text)


@pytest.mark.parametrize("text", [
    "", " ", "\n", "\r\n", '"', "“", "«", "'", "’", "%", "yüzde", "12.", "...",
    'Bakan "', '"Bakan', "Yılmaz'", "'da", "İ̇", "\u200b" * 5, "\ufeff",
    'Kara, "Bu yıl yüzde 3,5 büyüyeceğiz dedi.', "Fiyat 67 dolar/varil.\u00a0Geçen yıl 1.860.000 ton.",
])
def test_edge_texts(extractor, text):
    check_text(extractor, text)


# -- linear time on adversarial inputs ----------------------------------------------------------

NEWS = ("Enerji Bakanı Ayten Kara, Bakü'de düzenlenen forumda yaptığı konuşmada doğal gaz ihracatının bu yıl "
        "yüzde 12 artacağını söyledi. \"Üretimi yılda 4,5 milyon ton seviyesine çıkaracağız\" diyen Kara, "
        "şirketin geçen yıl 2,5 milyar dolar yatırım yaptığını belirtti.\n")


def cpu_seconds(extractor, text: str) -> float:
    """CPU time (not wall time: the machine is shared), the best of two runs for short texts."""
    line = json.dumps({"id": 1, "text": text}, ensure_ascii=False)
    best = float("inf")
    for _ in range(2 if len(text) < 300_000 else 1):
        start = time.process_time()
        out = extractor.process_block([(1, line)])
        best = min(best, time.process_time() - start)
    assert "error" not in json.loads(out[0])
    return best


def news_of_length(n: int) -> str:
    return (NEWS * (n // len(NEWS) + 1))[:n]


ORDINARY: dict[int, float] = {}  # CPU seconds for news of a given length, measured once

ADVERSARIAL = {
    "1 MB with an unclosed quote": lambda: '"' + news_of_length(1_000_000 - 1).replace('"', " "),
    "200k digits": lambda: "7" * 200_000,
    "20k capitalised words": lambda: " ".join(f"Kara{chr(65 + i % 26)}{i % 97}" for i in range(20_000)),
    "100k quote marks": lambda: '"' * 100_000,
    "100k dots": lambda: "." * 100_000,
    "100k mixed quotes and apostrophes": lambda: ("“'”’«»\"" * 15_000)[:100_000],
    "digits and dots": lambda: ("1.000." * 20_000)[:100_000],
}


@pytest.mark.parametrize("name", [pytest.param(name, marks=pytest.mark.slow) if name.startswith("1 MB") else name
                                  for name in ADVERSARIAL])
def test_adversarial_input_runs_in_linear_time(extractor, name):
    from spacy.tokenizer import Tokenizer

    if type(extractor.nlp.tokenizer) is Tokenizer:
        pytest.skip("spaCy's default tokenizer is quadratic on long runs of quote marks; "
                    "the news tokenizer (trnews.tokenizer.v1) is the one under test")
    text = ADVERSARIAL[name]()
    # fail fast on a blow-up (in the input or in ordinary news of that size): doubling a
    # prefix must not much more than double the time
    for label, sample in ((name, text), ("news", news_of_length(len(text)))):
        small, double = (cpu_seconds(extractor, sample[: len(sample) // k]) for k in (40, 20))
        assert double <= 3 * small + 0.02, f"{label}: {small:.3f}s for 1/40, {double:.3f}s for 1/20 of the input"
    spent = cpu_seconds(extractor, text)
    if len(text) not in ORDINARY:
        ORDINARY[len(text)] = cpu_seconds(extractor, news_of_length(len(text)))
    ordinary = ORDINARY[len(text)]
    # 20 ms of slack: tiny timings are all noise
    assert spent <= 3 * ordinary + 0.02, f"{name}: {spent:.3f}s vs {ordinary:.3f}s for news of the same length"


# -- the CLI -------------------------------------------------------------------------------------

def run_cli(tmp_path, data: bytes, model_dir, *extra: str) -> tuple[list[str], subprocess.CompletedProcess]:
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(data)
    proc = subprocess.run([sys.executable, "-m", "trnews", "extract", str(src), str(dst), "--model",
                           str(model_dir), *extra], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return dst.read_text(encoding="utf-8").split("\n")[:-1], proc


def test_cli_keeps_every_line_in_place_whatever_it_holds(tmp_path, rules_model_dir):
    lines = [
        "\ufeff" + json.dumps({"id": "bom", "text": "İzmir'de yağış etkili oldu."}, ensure_ascii=False),
        json.dumps({"id": "ayni", "text": "Birinci haber."}),
        json.dumps({"id": "ayni", "text": "İkinci haber, aynı kimlikle."}, ensure_ascii=False),
        "",
        "   ",
        '{"id": "yarim", "text": "Bakan dedi',
        json.dumps({"id": "metin-yok"}),
        json.dumps({"id": "sayi", "text": 12}),
        json.dumps({"id": "liste", "text": ["a"]}),
        json.dumps({"id": "nesne", "text": {"a": 1}}),
        json.dumps({"id": "bos", "text": ""}),
        '"sadece bir dize"',
        "null",
        "[" * 50_000 + "]" * 50_000,
        json.dumps({"id": "crlf", "text": "Satır\r\nsonu"}) + "\r",
        json.dumps({"id": "u2028", "text": "Ayraç\u2028içeride"}, ensure_ascii=False),
        json.dumps({"id": "tarih", "text": "Bu yıl büyüme yüzde 4 oldu.", "date": "yarın"}, ensure_ascii=False),
    ]
    data = "\n".join(lines).encode("utf-8") + b"\n" + b'{"id": "bozuk-utf8", "text": "\xff\xfe"}\n'
    out, proc = run_cli(tmp_path, data, rules_model_dir)
    records = [json.loads(line) for line in out]  # every output line is valid JSON
    assert len(records) == len(lines) + 1
    ids = [rec.get("id") for rec in records]
    assert ids == ["bom", "ayni", "ayni", None, None, None, "metin-yok", "sayi", "liste", "nesne", "bos", None,
                   None, None, "crlf", "u2028", "tarih", "bozuk-utf8"]
    failed = [i for i, rec in enumerate(records) if "error" in rec]
    assert failed == [3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 17]
    assert records[6]["error"] == "line 7 of in.jsonl: 'text' must be a string, got missing"
    assert records[13]["error"].startswith("line 14 of in.jsonl: not valid JSON")
    assert "unpaired surrogate" in records[17]["error"]
    assert records[10] == {"id": "bos", "entities": [], "quantities": [], "quotes": []}
    assert "18 lines written, 11 with errors" in proc.stderr
    assert "line 4 of in.jsonl: empty line" in proc.stderr


@pytest.mark.slow
def test_cli_processes_a_5_mb_document_in_pieces(tmp_path, rules_model_dir):
    text = news_of_length(5_000_000)
    out, proc = run_cli(tmp_path, json.dumps({"id": "dev", "text": text}, ensure_ascii=False).encode("utf-8"),
                        rules_model_dir, "--quiet")
    record = json.loads(out[0])
    assert len(out) == 1 and "error" not in record
    assert schema.validate(record, text) == []
    assert "1 lines written, 0 with errors" in proc.stderr


def test_ctrl_c_keeps_what_was_processed_and_says_so(tmp_path, rules_model_dir):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = [json.dumps({"id": i, "text": NEWS * 3}, ensure_ascii=False) for i in range(50_000)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "trnews", "extract", str(src), str(dst), "--model",
                             str(rules_model_dir), "--block-size", "16"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (not dst.exists() or dst.stat().st_size < 20_000):
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stderr
    written = dst.read_text(encoding="utf-8")
    assert written.endswith("\n")  # no half line
    out = [json.loads(line) for line in written.splitlines()]
    assert 0 < len(out) < len(lines)
    assert [rec["id"] for rec in out] == list(range(len(out)))
    assert f"interrupted after {len(out)} lines written, 0 with errors" in stderr
    assert os.path.getsize(dst) == len(written.encode("utf-8"))
