"""The README's "Using trnews from code" snippets, run as a user would run them.

The snippets load `training/pipeline`; here that path is swapped for the same
config assembled around an untrained NER (tests/conftest.py), so the test needs no
trained model and fails as soon as the README stops telling the truth.
"""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_snippets(section: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {section}")
    end = text.find("\n## ", start + 1)
    return re.findall(r"```python\n(.*?)```", text[start:end if end > 0 else None], flags=re.S)


def test_the_readme_shows_four_python_snippets():
    assert len(readme_snippets("Using trnews from code")) == 4


def test_readme_snippets_run_as_written(assembled_pipeline_dir, capsys):
    namespace: dict = {"__name__": "readme"}
    for snippet in readme_snippets("Using trnews from code"):
        code = snippet.replace('"training/pipeline"', repr(str(assembled_pipeline_dir)))
        exec(compile(code, str(README), "exec"), namespace)
    printed = capsys.readouterr().out
    assert "Demir PER Ayşe Demir" in printed
    assert "3500000 t" in printed
    assert "direct Ayşe Demir Bu yıl 3,5 milyon ton kömür çıkaracağız" in printed
    assert "indirect Ayşe Demir" in printed
    assert "('40 bin ton', 40000, 't', 'P1Y')" in printed
