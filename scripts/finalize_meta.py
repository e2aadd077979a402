"""Write the full pipeline's meta.json: name, version, licence and sources, plus measured scores.

The licence is inherited from the training data: the lemma data is learned from
UD Turkish IMST (CC BY-NC-SA 4.0), the NER from Tür-2003 (research use) and
Turkish Wiki NER (CC BY-SA 4.0), so the packaged pipeline is non-commercial.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import srsly
import typer

SOURCES = [
    {"name": "Tür-2003 Milliyet NER corpus (Tür, Hakkani-Tür & Oflazer 2003)",
     "url": "https://github.com/hilalbenzer/turkish-ner", "license": "research use, not redistributed"},
    {"name": "Turkish Wiki NER Dataset (Altinok 2023)",
     "url": "https://github.com/turkish-nlp-suite/Turkish-Wiki-NER-Dataset", "license": "CC BY-SA 4.0"},
    {"name": "UD Turkish IMST", "url": "https://github.com/UniversalDependencies/UD_Turkish-IMST",
     "license": "CC BY-NC-SA 4.0"},
    {"name": "spacy-lookups-data Turkish lemma table", "url": "https://github.com/explosion/spacy-lookups-data",
     "license": "MIT"},
]


def trnews_version() -> str:
    from importlib.metadata import version

    return version("trnews")


def main(
    pipeline: Path = typer.Argument(..., exists=True, file_okay=False),
    name: str = typer.Option("trnews_cnn", help="package becomes tr_<name>"),
    version: str = typer.Option("0.1.0"),
    dev_scores: Optional[Path] = typer.Option(None, help="metrics/dev_scores.json from evaluate.py"),
    ner_scores: Optional[Path] = typer.Option(None, help="metrics/ner_tur2003_test.json"),
) -> None:
    meta_path = pipeline / "meta.json"
    meta = srsly.read_json(meta_path)
    meta.update({
        "lang": "tr",
        "name": name,
        "version": version,
        "description": "Turkish news: PER/ORG/LOC entities with name linking, quantity-unit-period "
                       "triples and quotes linked to speakers (trnews).",
        "author": "trnews",
        "license": "CC BY-NC-SA 4.0 (inherited from UD Turkish IMST; NER data for research use)",
        "sources": SOURCES,
    })
    # The components live in the trnews distribution. spaCy's own detection of
    # third-party factories misses editable installs, so the requirement is stated.
    requirements = [r for r in meta.get("requirements", []) if not r.startswith("trnews")]
    meta["requirements"] = [f"trnews>={trnews_version()}", *requirements]
    performance = dict(meta.get("performance") or {})
    if dev_scores and dev_scores.exists():
        performance["trnews_dev"] = srsly.read_json(dev_scores)
    if ner_scores and ner_scores.exists():
        performance["ner_tur2003_test"] = srsly.read_json(ner_scores)
    meta["performance"] = performance
    srsly.write_json(meta_path, meta)
    typer.echo(f"updated {meta_path}")


if __name__ == "__main__":
    typer.run(main)
