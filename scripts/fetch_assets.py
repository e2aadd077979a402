"""Fetch the assets that project.yml lists: from a local mirror when present, else from their URL.

The mirror is laid out as `<mirror>/<folder>/<file>`, matching `assets/<folder>/<file>`.
Every file is checked against its md5 from project.yml; a mismatch is an error.
"""

from __future__ import annotations

import hashlib
import shutil
import urllib.request
from pathlib import Path

import srsly
import typer


def md5(path: Path) -> str:
    digest = hashlib.md5()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def main(
    project: Path = typer.Argument(Path("project.yml"), exists=True),
    mirror: Path = typer.Option(Path("../shared/assets"), help="local copy of the assets, used when it exists"),
) -> None:
    assets = srsly.read_yaml(project).get("assets", [])
    for asset in assets:
        dest = Path(asset["dest"])
        checksum = asset.get("checksum")
        if dest.exists() and (not checksum or md5(dest) == checksum):
            typer.echo(f"ok       {dest}")
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        local = mirror / Path(*dest.parts[1:])
        if local.exists():
            shutil.copyfile(local, dest)
            how = f"copied from {local}"
        else:
            with urllib.request.urlopen(asset["url"], timeout=60) as response, dest.open("wb") as out:
                shutil.copyfileobj(response, out)
            how = f"downloaded {asset['url']}"
        if checksum and md5(dest) != checksum:
            dest.unlink()
            raise SystemExit(f"{dest}: md5 mismatch after fetch ({how}); expected {checksum}")
        typer.echo(f"fetched  {dest} ({how})")


if __name__ == "__main__":
    typer.run(main)
