"""project.yml is the workflow users run: its shape, and the README section generated from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import srsly

ROOT = Path(__file__).resolve().parents[1]
START = "<!-- WEASEL: AUTO-GENERATED DOCS START (do not remove) -->"
END = "<!-- WEASEL: AUTO-GENERATED DOCS END (do not remove) -->"


def generated_section(text: str) -> str:
    return text[text.index(START):text.index(END) + len(END)]


def test_readme_workflow_section_is_what_spacy_project_document_writes():
    proc = subprocess.run([sys.executable, "-m", "spacy", "project", "document"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert generated_section(readme).strip() == generated_section(proc.stdout).strip(), (
        "run: spacy project document --output README.md")


def test_workflow_goes_from_assets_to_a_package_and_a_page():
    project = srsly.read_yaml(ROOT / "project.yml")
    steps = project["workflows"]["all"]
    order = ["assets", "corpus", "train", "evaluate-ner", "assemble", "evaluate", "package", "demo"]
    assert [s for s in steps if s in order] == order
    commands = {c["name"]: c for c in project["commands"]}
    assert set(steps) <= set(commands)


def test_every_script_a_command_runs_is_in_the_repository_and_a_dependency():
    project = srsly.read_yaml(ROOT / "project.yml")
    for command in project["commands"]:
        for line in command["script"]:
            for word in line.split():
                if word.startswith("scripts/"):
                    assert (ROOT / word).exists(), word
                    if command["name"] != "benchmark":  # always reruns (no_skip)
                        assert word in command.get("deps", []), (command["name"], word)
