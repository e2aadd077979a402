"""The Dask engine on a real LocalCluster (2 worker processes): same bytes as the local
engine, every line exactly once even when a worker dies, directory input, --resume."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time

import pytest

distributed = pytest.importorskip("distributed")

from trnews.engines import Block, local  # noqa: E402
from trnews.engines.dask import DaskEngine  # noqa: E402

SENTENCES = [
    "Enerji Bakanı Ayten Kara, Bakü'de düzenlenen forumda yaptığı konuşmada doğal gaz ihracatının "
    "bu yıl yüzde 12 artacağını söyledi.",
    '"Üretimi yılda 4,5 milyon ton seviyesine çıkaracağız" diyen Kara, yatırımların sürdüğünü belirtti.',
    "Merkez Bankası, geçen ay 1.250 ton altın rezervi açıkladı.Piyasalar güne yükselişle başladı.",
    "İzmir'de etkili olan sağanak nedeniyle 35 kilometrelik yol trafiğe kapandı.",
    "TÜİK verilerine göre şubat ayında enflasyon yüzde 3,2 oldu; ekonomistler 'yumuşak iniş' bekliyor.",
    "Şirketin Genel Müdürü Orhan Aksoy, Ankara'daki tesise 2,5 milyar lira yatırım yapılacağını bildirdi.",
]


def news_lines(n: int, prefix: str = "h") -> list[str]:
    lines = []
    for i in range(n):
        text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 4))
        lines.append(json.dumps({"id": f"{prefix}{i}", "text": text, "date": "2024-03-0%d" % (1 + i % 9)},
                                ensure_ascii=False))
    return lines


BROKEN = ["{kırık json", "", json.dumps({"id": "metin-yok"}), json.dumps({"id": 7, "text": 42}), "[1, 2]"]


def write(path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)


def extract(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "trnews", "extract", *map(str, args)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc


def local_output(model_dir, lines: list[str], source: str) -> list[str]:
    extractor = local.Extractor(local.load_pipeline(model_dir), source=source)
    return list(local.run(enumerate(lines, start=1), extractor))


@pytest.fixture(scope="module")
def cluster():
    """A real cluster: a scheduler and 2 worker processes, one thread each."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local_cluster:
        yield local_cluster


def test_dask_output_is_byte_identical_to_local(tmp_path, rules_model_dir):
    lines = news_lines(150) + BROKEN + news_lines(20, prefix="son")
    write(tmp_path / "haberler.jsonl", lines)
    extract(tmp_path / "haberler.jsonl", tmp_path / "local.jsonl", "--model", rules_model_dir)
    proc = extract(tmp_path / "haberler.jsonl", tmp_path / "dask.jsonl", "--model", rules_model_dir,
                   "--engine", "dask", "--workers", "2", "--block-size", "16")
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert "175 lines written, 5 with errors" in proc.stderr
    assert "startup" in proc.stderr


def test_broken_lines_get_their_error_record_in_place(tmp_path, rules_model_dir, cluster):
    lines = news_lines(3) + BROKEN + news_lines(2, prefix="b")
    write(tmp_path / "kirik.jsonl", lines)
    extract(tmp_path / "kirik.jsonl", tmp_path / "out.jsonl", "--model", rules_model_dir,
            "--scheduler", cluster.scheduler_address, "--block-size", "2", "--quiet")
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [rec["id"] for rec in out] == ["h0", "h1", "h2", None, None, "metin-yok", 7, None, "b0", "b1"]
    assert [("error" in rec) for rec in out] == [False] * 3 + [True] * 5 + [False] * 2
    assert out[3]["error"].startswith("line 4 of kirik.jsonl: not valid JSON")
    assert out[6]["error"] == "line 7 of kirik.jsonl: 'text' must be a string, got 42"


def test_directory_input_gives_one_part_per_input_part_and_a_manifest(tmp_path, rules_model_dir, cluster):
    parts = {"2023/ocak.jsonl": news_lines(40, "o"), "2023/subat.jsonl.gz": news_lines(25, "s") + BROKEN[:1],
             "bos.jsonl": [], "mart.jsonl": news_lines(7, "m")}
    for name, lines in parts.items():
        write(tmp_path / "arsiv" / name, lines)
    (tmp_path / "arsiv" / "NOTLAR.txt").write_text("not an input part", encoding="utf-8")
    proc = extract(tmp_path / "arsiv", tmp_path / "cikti", "--model", rules_model_dir,
                   "--scheduler", cluster.scheduler_address, "--block-size", "8")
    assert "trnews: 4/4 parts" in proc.stderr  # the progress line
    for name, lines in parts.items():
        path = tmp_path / "cikti" / name
        data = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
        expected = "".join(line + "\n" for line in local_output(rules_model_dir, lines, name))
        assert data.decode("utf-8") == expected, name
    manifest = json.loads((tmp_path / "cikti" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    assert [p["output"] for p in manifest["parts"]] == ["2023/ocak.jsonl", "2023/subat.jsonl.gz", "bos.jsonl",
                                                        "mart.jsonl"]
    assert manifest["lines"] == 73 and manifest["errors"] == 1 and manifest["words"] > 1000
    assert {"lines", "errors", "words", "seconds"} <= set(manifest["parts"][0])
    assert not list((tmp_path / "cikti").rglob("*.partial"))


def test_resume_skips_parts_already_complete(tmp_path, rules_model_dir, cluster):
    for name in ("a.jsonl", "b.jsonl", "c.jsonl"):
        write(tmp_path / "girdi" / name, news_lines(12, name[0]))
    args = ("--model", rules_model_dir, "--scheduler", cluster.scheduler_address, "--quiet")
    extract(tmp_path / "girdi", tmp_path / "cikti", *args)
    first_b = (tmp_path / "cikti" / "b.jsonl").read_bytes()
    # a part that exists is complete (parts are renamed into place): mark one to prove it is kept
    (tmp_path / "cikti" / "a.jsonl").write_text("önceki çalıştırmadan\n", encoding="utf-8")
    (tmp_path / "cikti" / "b.jsonl").unlink()
    proc = extract(tmp_path / "girdi", tmp_path / "cikti", *args, "--resume")
    assert "2 parts already complete" in proc.stderr
    assert "12 lines written" in proc.stderr
    assert (tmp_path / "cikti" / "a.jsonl").read_text(encoding="utf-8") == "önceki çalıştırmadan\n"
    assert (tmp_path / "cikti" / "b.jsonl").read_bytes() == first_b
    manifest = json.loads((tmp_path / "cikti" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True and manifest["lines"] == 36


def test_a_killed_worker_costs_no_line_and_duplicates_none(rules_model_dir, cluster):
    lines = news_lines(240, "k")
    expected = local_output(rules_model_dir, lines, "k.jsonl")
    blocks = [Block(i, "k.jsonl", block) for i, block in enumerate(local.blocks(enumerate(lines, start=1), 6))]
    with DaskEngine(rules_model_dir, scheduler=cluster.scheduler_address, in_flight=8) as engine:
        client = engine.client
        pids = client.run(os.getpid)
        out: list[str] = []
        tags = []
        for result in engine.map(blocks):
            tags.append(result.tag)
            out.extend(result.lines)
            if len(tags) == 2:  # mid-run: blocks in flight, results held by the workers
                os.kill(next(iter(pids.values())), signal.SIGKILL)
        assert tags == list(range(len(blocks)))
        assert out == expected
        client.wait_for_workers(2, timeout=60)  # the nanny brought the worker back
        assert set(client.run(os.getpid).values()) != set(pids.values())


def test_input_is_read_as_a_stream_with_a_bounded_number_of_blocks_in_flight(rules_model_dir, cluster):
    pulled = 0

    def endless_archive():
        nonlocal pulled
        for i in range(10_000):  # far more than would fit in flight
            pulled += 1
            yield Block(i, "akış", [(i + 1, json.dumps({"id": i, "text": SENTENCES[i % len(SENTENCES)]}))])

    with DaskEngine(rules_model_dir, scheduler=cluster.scheduler_address, in_flight=5) as engine:
        results = engine.map(endless_archive())
        first = [next(results) for _ in range(20)]
        assert [r.tag for r in first] == list(range(20))
        assert pulled <= 20 + 5
        results.close()
    time.sleep(0)  # the generator's pending futures are released with it


def _strings_in_workers() -> int:
    from trnews.engines import dask as engine

    return sum(len(extractor.nlp.vocab.strings) for extractor in engine._EXTRACTORS.values())


def test_a_worker_does_not_keep_the_strings_of_every_article(rules_model_dir, cluster):
    """Every article brings new numbers and names; a worker frees them after each block."""

    def archive(start: int):
        for i in range(start, start + 40):
            text = f"{SENTENCES[i % len(SENTENCES)]} Dosya no {i * 7919}-{i * 104729}, muhabir Kaya{i}x."
            yield Block(i, "arsiv", [(i + 1, json.dumps({"id": i, "text": text}, ensure_ascii=False))])

    with DaskEngine(rules_model_dir, scheduler=cluster.scheduler_address) as engine:
        for _ in engine.map(archive(0)):  # also warms every worker's tokenizer cache
            pass
        before = engine.client.run(_strings_in_workers)
        for _ in engine.map(archive(1000)):
            pass
        assert engine.client.run(_strings_in_workers) == before
