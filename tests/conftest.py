"""Shared fixtures: small pipelines built from trnews components, no trained model needed."""

from __future__ import annotations

import pytest
import spacy


def make_rules_nlp():
    """The full trnews pipeline minus the trained NER: what tests can build in milliseconds."""
    nlp = spacy.blank("tr")
    return nlp


@pytest.fixture(scope="session")
def rules_nlp():
    return make_rules_nlp()


@pytest.fixture(scope="session")
def rules_model_dir(tmp_path_factory, rules_nlp):
    path = tmp_path_factory.mktemp("model") / "rules_pipeline"
    rules_nlp.to_disk(path)
    return path
