"""Speed and memory of the trnews pipeline: words/s and peak RSS per configuration.

Builds a corpus of at least --min-words words in memory (the dev texts repeated; nothing is
written to disk), then measures each configuration in a fresh subprocess so that one's
memory and caches do not leak into the next: our tokenizer alone, tokenizer + NER, the
full pipeline (with each component's share of the time), the full pipeline with
n_process=2, the Dask engine with 2 workers (startup reported apart), and the reference
plain `spacy.blank("tr")` tokenizer + the same NER. Writes JSON and prints a table.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

CONFIGS = ["tokenizer", "tokenizer+ner", "full", "full n_process=2", "dask 2 workers", "reference blank tr + ner"]
NER_FACTORIES = {"tok2vec", "ner"}


def corpus(data: Path, min_words: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: list[str] = []
    words = 0
    while words < min_words:
        for text in texts:
            out.append(text)
            words += len(text.split())
    return out


def peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def cpu_seconds(who=resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _warm(nlp, texts: list[str]) -> None:
    for doc in nlp.pipe(texts[:5]):
        pass


def measure(kind: str, texts: list[str], pipeline: str, ner: str, workers: int, batch_size: int) -> dict:
    """One configuration, in this (fresh) process."""
    import spacy

    from trnews import schema

    words = sum(len(text.split()) for text in texts)
    result: dict = {"config": kind, "words": words, "docs": len(texts)}
    started = time.perf_counter()
    if kind == "dask 2 workers":
        from trnews.engines import Block
        from trnews.engines.dask import DEFAULT_BLOCK_LINES, DaskEngine

        lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
        with DaskEngine(pipeline, workers=workers, batch_size=batch_size) as engine:
            result["startup_seconds"] = round(engine.startup_seconds, 2)
            blocks = (Block(i, "bench", list(enumerate(lines[i:i + DEFAULT_BLOCK_LINES], start=i + 1)))
                      for i in range(0, len(lines), DEFAULT_BLOCK_LINES))
            worker_cpu = engine.client.run(cpu_seconds)
            start, cpu_start = time.perf_counter(), cpu_seconds()
            n_out = sum(len(r.lines) for r in engine.map(blocks))
            seconds = time.perf_counter() - start
            cpu = cpu_seconds() - cpu_start
            cpu += sum(engine.client.run(cpu_seconds).values()) - sum(worker_cpu.values())
            worker_rss = engine.client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        assert n_out == len(texts)
        result["worker_peak_rss_mb"] = round(max(worker_rss.values()), 1)
    else:
        if kind == "reference blank tr + ner":
            nlp = spacy.load(ner)
            nlp.tokenizer = spacy.blank("tr").tokenizer.__class__(nlp.vocab, **_tokenizer_rules(spacy.blank("tr")))
            nlp.select_pipes(enable=[n for n, _ in nlp.pipeline if _factory(nlp, n) in NER_FACTORIES])
        else:
            nlp = spacy.load(pipeline)
            if kind in ("tokenizer", "tokenizer+ner"):
                keep = [] if kind == "tokenizer" else [n for n, _ in nlp.pipeline if _factory(nlp, n) in NER_FACTORIES]
                nlp.select_pipes(enable=keep)
        result["load_seconds"] = round(time.perf_counter() - started, 2)
        result["pipeline"] = ["tokenizer"] + nlp.pipe_names
        _warm(nlp, texts)
        start, cpu_start, children_start = time.perf_counter(), cpu_seconds(), cpu_seconds(resource.RUSAGE_CHILDREN)
        if kind == "tokenizer":
            for text in texts:
                nlp.make_doc(text)
        else:
            n_process = 2 if kind == "full n_process=2" else 1
            for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
                schema.doc_to_json(doc)
        seconds = time.perf_counter() - start
        cpu = cpu_seconds() - cpu_start + cpu_seconds(resource.RUSAGE_CHILDREN) - children_start
        if kind == "full":
            result["component_seconds"] = component_times(nlp, texts, batch_size)
    result["seconds"] = round(seconds, 2)
    result["words_per_second"] = round(words / seconds)
    # CPU seconds of every process involved: on a shared machine, words per CPU second is
    # what one uncontended core (one worker) would do
    result["cpu_seconds"] = round(cpu, 2)
    result["words_per_cpu_second"] = round(words / cpu)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    if kind == "full n_process=2":
        result["children_peak_rss_mb"] = round(peak_rss_mb(children=True), 1)
    return result


def _factory(nlp, name: str) -> str:
    return nlp.get_pipe_meta(name).factory


def _tokenizer_rules(blank) -> dict:
    tok = blank.tokenizer
    return {"rules": tok.rules, "prefix_search": tok.prefix_search, "suffix_search": tok.suffix_search,
            "infix_finditer": tok.infix_finditer, "token_match": tok.token_match, "url_match": tok.url_match}


def component_times(nlp, texts: list[str], batch_size: int) -> dict:
    """Seconds per component: the docs go through one component at a time."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    docs = [nlp.make_doc(text) for text in texts]
    times["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        times[name] = time.perf_counter() - start
    start = time.perf_counter()
    from trnews import schema

    for doc in docs:
        schema.doc_to_json(doc)
    times["doc_to_json"] = time.perf_counter() - start
    return {name: round(seconds, 3) for name, seconds in times.items()}


@app.command("run")
def run(
    pipeline: str = typer.Option("training/pipeline", help="the full pipeline (directory or package)"),
    ner: str = typer.Option("training/ner/model-best", help="the trained NER alone (tok2vec + ner)"),
    data: Path = typer.Option(Path("../shared/eval/dev.jsonl"), help="JSONL whose texts are repeated"),
    min_words: int = typer.Option(100_000, help="corpus size in words (at least)"),
    workers: int = typer.Option(2, help="Dask workers"),
    batch_size: int = typer.Option(64),
    only: Optional[str] = typer.Option(None, help="comma-separated subset of: " + ", ".join(CONFIGS)),
    output: Path = typer.Option(Path("metrics/benchmark.json")),
) -> None:
    """Measure every configuration, each in a fresh subprocess; JSON + a table."""
    wanted = [c.strip() for c in only.split(",")] if only else CONFIGS
    results = []
    for kind in wanted:
        proc = subprocess.run(
            [sys.executable, __file__, "measure", kind, "--pipeline", pipeline, "--ner", ner, "--data", str(data),
             "--min-words", str(min_words), "--workers", str(workers), "--batch-size", str(batch_size)],
            capture_output=True, text=True)
        if proc.returncode != 0:
            typer.echo(f"{kind}: failed\n{proc.stderr[-2000:]}", err=True)
            results.append({"config": kind, "error": proc.stderr.strip().splitlines()[-1:]})
            continue
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        typer.echo(f"{kind}: {results[-1]['words_per_second']:,} words/s", err=True)
    report = {"note": "words/s is wall-clock; words_per_cpu_second counts the CPU time of every process "
                      "involved, so it holds on a shared machine",
              "pipeline": pipeline, "ner": ner, "min_words": min_words, "cpu_count": os.cpu_count(),
              "load_average": os.getloadavg(), "results": results, "ratios": ratios(results)}
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(report)


@app.command("measure", hidden=True)
def measure_command(kind: str, pipeline: str = typer.Option(...), ner: str = typer.Option(...),
                    data: Path = typer.Option(...), min_words: int = typer.Option(...),
                    workers: int = typer.Option(2), batch_size: int = typer.Option(64)) -> None:
    texts = corpus(data, min_words)
    print(json.dumps(measure(kind, texts, pipeline, ner, workers, batch_size)))


def ratios(results: list[dict]) -> dict:
    by = {r["config"]: r for r in results if "words_per_second" in r}
    out: dict = {}

    def ratio(a: str, b: str, key: str = "words_per_second") -> Optional[float]:
        return round(by[a][key] / by[b][key], 3) if a in by and b in by else None

    out["n_process_2_vs_one"] = ratio("full n_process=2", "full")
    out["n_process_2_cpu_efficiency"] = ratio("full n_process=2", "full", "words_per_cpu_second")
    out["dask_cpu_efficiency"] = ratio("dask 2 workers", "full", "words_per_cpu_second")
    out["dask_vs_one"] = ratio("dask 2 workers", "full")
    out["full_vs_reference_speed"] = ratio("full", "reference blank tr + ner")
    out["full_vs_reference_rss"] = ratio("full", "reference blank tr + ner", "peak_rss_mb")
    full = by.get("full", {}).get("component_seconds")
    if full:
        total = sum(full.values())
        out["component_share"] = {name: round(s / total, 3) for name, s in full.items()}
        ner_like = sum(s for name, s in full.items() if name in ("tok2vec", "ner"))
        out["overhead_on_top_of_ner"] = round((total - ner_like) / ner_like, 3) if ner_like else None
    return out


def print_table(report: dict) -> None:
    typer.echo(f"\n{'configuration':<26} {'words/s':>9} {'words/CPU-s':>12} {'seconds':>8} {'peak RSS MB':>12}  notes")
    for r in report["results"]:
        if "error" in r:
            typer.echo(f"{r['config']:<26} {'failed':>9}")
            continue
        notes = []
        if "startup_seconds" in r:
            notes.append(f"startup {r['startup_seconds']}s, worker RSS {r['worker_peak_rss_mb']} MB")
        if "children_peak_rss_mb" in r:
            notes.append(f"children RSS {r['children_peak_rss_mb']} MB")
        if "load_seconds" in r:
            notes.append(f"load {r['load_seconds']}s")
        typer.echo(f"{r['config']:<26} {r['words_per_second']:>9,} {r['words_per_cpu_second']:>12,} {r['seconds']:>8} {r['peak_rss_mb']:>12}  "
                   + "; ".join(notes))
    share = report["ratios"].get("component_share")
    if share:
        typer.echo("\ncomponent share of the full pipeline's time: "
                   + ", ".join(f"{name} {value:.0%}" for name, value in share.items()))
    typer.echo("ratios: " + json.dumps({k: v for k, v in report["ratios"].items() if k != "component_share"}))


if __name__ == "__main__":
    app()
