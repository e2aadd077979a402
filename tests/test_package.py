"""The packaged pipeline in a fresh virtualenv: `pip install` trnews and the wheel, then `spacy.load`.

This is what a user of the wheel from `spacy project run package` does. The
pipeline is `configs/pipeline.cfg` assembled around a tiny NER (conftest), the
meta written by `scripts/finalize_meta.py`, the wheel built by `spacy package`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

USE_IT = """
import json, spacy, trnews
nlp = spacy.load("tr_trnews_test")
doc = nlp('Ulaştırma Bakanı Ayşe Demir, "Köprü için 3 milyar lira harcadık" dedi. '
          "Demir, köprünün yılda 250 milyon lira gelir getireceğini açıkladı.")
print(json.dumps({
    "trnews": trnews.__file__,
    "pipeline": nlp.pipe_names,
    "ents": [(e.text, e.label_, e._.canonical) for e in doc.ents],
    "quantities": [(q.text, q._.value, q._.unit, (q._.period or {}).get("value")) for q in doc.spans["quantities"]],
    "quotes": [(q._.kind, q._.speaker["name"]) for q in doc.spans["quotes"]],
}, ensure_ascii=False))
"""


def run(*cmd, cwd=None):
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


@pytest.mark.slow
def test_the_wheel_loads_by_name_in_a_fresh_virtualenv(tmp_path, assembled_pipeline_dir):
    pipeline = tmp_path / "pipeline"
    shutil.copytree(assembled_pipeline_dir, pipeline)
    run(sys.executable, ROOT / "scripts" / "finalize_meta.py", pipeline, "--name", "trnews_test")
    (tmp_path / "packages").mkdir()
    run(sys.executable, "-m", "spacy", "package", pipeline, tmp_path / "packages", "--name", "trnews_test",
        "--version", "0.0.1", "--build", "wheel", "--force")
    wheel = next((tmp_path / "packages").glob("*/dist/*.whl"))

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # a copy of the source tree, so nothing the test does touches the checkout
    source = tmp_path / "trnews-src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "assets", "corpus", "training", "packages", "metrics", "build", "*.egg-info", "__pycache__"))
    run(python, "-m", "pip", "install", "-q", source, wheel)

    out = run(python, "-c", USE_IT, cwd=tmp_path)
    result = json.loads(out.strip().splitlines()[-1])
    assert str(env_dir) in result["trnews"], "trnews must come from the new virtualenv, not the checkout"
    assert result["pipeline"][-2:] == ["trnews_quantities", "trnews_quotes"]
    assert ["Ayşe Demir", "PER", "Ayşe Demir"] in result["ents"]
    assert ["Demir", "PER", "Ayşe Demir"] in result["ents"]
    assert result["quantities"] == [["3 milyar lira", 3000000000, "TRY", None],
                                    ["250 milyon lira", 250000000, "TRY", "P1Y"]]
    assert ["direct", "Ayşe Demir"] in result["quotes"]
    assert ["indirect", "Ayşe Demir"] in result["quotes"]
