"""Take a PNG screenshot of an HTML file with a headless Chromium (Debian's `chromium`).

Used to check that the `render` page draws in a real browser; by default the picture
is as tall as the page. It only takes the picture: what the page should show is checked
by tests/test_render.py and by a person. Exits non-zero with a message when no browser
is found or no PNG comes out.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

import typer

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
         "--no-first-run")
# Appended to a copy of the page to learn how tall it is drawn at the window's width.
MEASURE = '<script>document.title = "trnews-height:" + Math.ceil(document.documentElement.scrollHeight);</script>'


class ScreenshotError(RuntimeError):
    pass


def find_browser(name: Optional[str] = None) -> Optional[str]:
    """The path of the browser to use: `name` if given, else the first Chromium on PATH."""
    for candidate in (name,) if name else BROWSERS:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _run(binary: str, args: list[str], timeout: float) -> subprocess.CompletedProcess:
    # A profile of its own: two browsers at once must not fight over one profile lock.
    with tempfile.TemporaryDirectory(prefix="trnews-chromium-") as profile:
        try:
            return subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *args],
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ScreenshotError(f"{binary} took longer than {timeout:.0f}s") from None


def page_height(binary: str, page: Path, width: int, timeout: float) -> Optional[int]:
    """How tall the page is drawn `width` pixels wide (None when the browser does not say)."""
    with tempfile.TemporaryDirectory(prefix="trnews-measure-") as tmp:
        copy = Path(tmp) / page.name
        copy.write_bytes(page.read_bytes() + MEASURE.encode())
        done = _run(binary, [f"--window-size={width},1000", "--dump-dom", copy.as_uri()], timeout)
    found = re.search(r"trnews-height:(\d+)", done.stdout or "")
    return int(found.group(1)) if found else None


def screenshot(page: Path, png: Path, *, width: int = 1400, height: int = 0, max_height: int = 16000,
               browser: Optional[str] = None, timeout: float = 120.0) -> tuple[Path, int]:
    """Draw `page` in a `width` x `height` window and save it as `png`; `height` 0 means
    the page's own height (at most `max_height`). Returns the PNG and the height used."""
    binary = find_browser(browser)
    if binary is None:
        raise ScreenshotError(f"no browser found (looked for {browser or ', '.join(BROWSERS)} on PATH): "
                              "install Debian's chromium (apt-get install chromium) or pass --browser")
    page, png = page.resolve(), png.resolve()
    if not page.is_file():
        raise ScreenshotError(f"no HTML file at {page}")
    if height <= 0:
        height = min(max(page_height(binary, page, width, timeout) or 2400, 100), max_height)
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)  # an old picture must not pass for a new one
    done = _run(binary, [f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()], timeout)
    if not png.is_file() or png.stat().st_size == 0:
        tail = "\n".join((done.stderr or "").strip().splitlines()[-5:])
        raise ScreenshotError(f"{binary} wrote no PNG at {png} (exit code {done.returncode}):\n{tail}")
    with png.open("rb") as f:
        if f.read(8) != PNG_SIGNATURE:
            raise ScreenshotError(f"{png} is not a PNG file")
    return png, height


def main(
    page: Path = typer.Argument(..., help="HTML file to draw"),
    png: Path = typer.Argument(..., help="PNG file to write"),
    width: int = typer.Option(1400, min=100, help="window width in pixels"),
    height: int = typer.Option(0, min=0, help="window height in pixels; 0: the page's own height"),
    max_height: int = typer.Option(16000, min=100, help="with --height 0: cut a longer page here"),
    browser: Optional[str] = typer.Option(None, help="browser command (default: chromium, chromium-browser, "
                                                     "google-chrome on PATH)"),
    timeout: float = typer.Option(120.0, help="seconds to wait for the browser"),
    skip_without_browser: bool = typer.Option(False, help="no browser installed: warn and exit 0 (the project's "
                                                          "demo step, so a machine without chromium still "
                                                          "finishes the workflow)"),
) -> None:
    if skip_without_browser and find_browser(browser) is None:
        typer.echo(f"screenshot: no browser on PATH, {png} not drawn (apt install chromium)", err=True)
        return
    try:
        out, height = screenshot(page, png, width=width, height=height, max_height=max_height, browser=browser,
                                 timeout=timeout)
    except ScreenshotError as err:
        typer.echo(f"screenshot: {err}", err=True)
        raise typer.Exit(1)
    typer.echo(f"screenshot: {out} ({out.stat().st_size} bytes, {width}x{height})")


if __name__ == "__main__":
    typer.run(main)
