"""Shared fixtures: the trnews pipeline without the trained NER, built in seconds."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

RULE_COMPONENTS = (
    "trnews_sentences",
    "trnews_lemmatizer",
    "trnews_entity_rules",
    "trnews_names",
    "trnews_quantities",
    "trnews_quotes",
)


def make_rules_nlp() -> Language:
    """The full trnews pipeline minus tok2vec/ner, in the order of the packaged one.

    The lemmatizer initializes from the spacy-lookups-data table alone (no learned
    rules: those come from `spacy project run lemma-data`), so no asset is needed.
    """
    nlp = spacy.blank("tr", config={"nlp": {"tokenizer": {"@tokenizers": "trnews.tokenizer.v1"}}})
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


@pytest.fixture(scope="session")
def rules_nlp() -> Language:
    return make_rules_nlp()


@pytest.fixture(scope="session")
def rules_model_dir(tmp_path_factory, rules_nlp):
    path = tmp_path_factory.mktemp("model") / "rules_pipeline"
    rules_nlp.to_disk(path)
    return path


def make_tiny_ner(path) -> None:
    """A tok2vec + ner trained for a moment on a few sentences, standing in for `training/ner/model-best`.

    Assembling `configs/pipeline.cfg` around it exercises the real config and
    sourcing; the entities then come mostly from the rule component, which is
    enough to test loading, multiprocessing, serialisation and packaging. (An
    untrained NER would tag random stretches of text.)
    """
    from spacy.training import Example

    nlp = spacy.blank("tr", config={"nlp": {"tokenizer": {"@tokenizers": "trnews.tokenizer.v1"}}})
    nlp.add_pipe("tok2vec", config={"model": {"@architectures": "spacy.HashEmbedCNN.v2", "width": 32, "depth": 1,
                                              "embed_size": 500, "window_size": 1, "maxout_pieces": 2,
                                              "subword_features": True, "pretrained_vectors": None}})
    nlp.add_pipe("ner")
    annotated = [
        ("Bakan Ayşe Demir dün Ankara'da TÜİK verilerini açıkladı.", [(6, 16, "PER"), (21, 27, "LOC"), (31, 35, "ORG")]),
        ("Fabrikanın üretimi geçen yıl yüzde 4 arttı, santral günde 200 megavatsaat elektrik verdi.", []),
        ("Şirket, yeni yatırımların gelecek ay başlayacağını söyledi.", []),
        ("Kemal Yıldız, İzmir'deki toplantıda konuştu.", [(0, 12, "PER"), (14, 19, "LOC")]),
    ]
    examples = [Example.from_dict(nlp.make_doc(text), {"entities": ents}) for text, ents in annotated]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer)
    nlp.to_disk(path)


@pytest.fixture(scope="session")
def assembled_pipeline_dir(tmp_path_factory):
    """`configs/pipeline.cfg` assembled by `spacy assemble`, as `spacy project run assemble` does."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    work = tmp_path_factory.mktemp("assembled")
    make_tiny_ner(work / "ner")
    rules = work / "lemma_rules.json"
    rules.write_text(json.dumps({}), encoding="utf-8")
    out = work / "pipeline"
    subprocess.run([sys.executable, "-m", "spacy", "assemble", str(root / "configs" / "pipeline.cfg"), str(out),
                    "--paths.ner_model", str(work / "ner"), "--paths.lemma_rules", str(rules)],
                   check=True, capture_output=True, cwd=work)
    return out
