"""Take a PNG screenshot of an HTML file with a headless Chromium (Debian's `chromium`).

Used to check that the `render` page draws in a real browser. It only takes the
picture: what the page should show is checked by tests/test_render.py and by a person.
Exits non-zero with a message when no browser is found or no PNG comes out.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

import typer

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ScreenshotError(RuntimeError):
    pass


def find_browser(name: Optional[str] = None) -> Optional[str]:
    """The path of the browser to use: `name` if given, else the first Chromium on PATH."""
    for candidate in (name,) if name else BROWSERS:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def screenshot(page: Path, png: Path, *, width: int = 1400, height: int = 2400, browser: Optional[str] = None,
               timeout: float = 120.0) -> Path:
    """Draw `page` in a `width` x `height` window and save it as `png`."""
    binary = find_browser(browser)
    if binary is None:
        raise ScreenshotError(f"no browser found (looked for {browser or ', '.join(BROWSERS)} on PATH): "
                              "install Debian's chromium (apt-get install chromium) or pass --browser")
    page, png = page.resolve(), png.resolve()
    if not page.is_file():
        raise ScreenshotError(f"no HTML file at {page}")
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)  # an old picture must not pass for a new one
    # A profile of its own: two screenshots at once must not fight over one profile lock.
    with tempfile.TemporaryDirectory(prefix="trnews-chromium-") as profile:
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--hide-scrollbars", "--no-first-run", f"--user-data-dir={profile}",
               f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ScreenshotError(f"{binary} took longer than {timeout:.0f}s on {page}") from None
    if not png.is_file() or png.stat().st_size == 0:
        tail = "\n".join((done.stderr or "").strip().splitlines()[-5:])
        raise ScreenshotError(f"{binary} wrote no PNG at {png} (exit code {done.returncode}):\n{tail}")
    with png.open("rb") as f:
        if f.read(8) != PNG_SIGNATURE:
            raise ScreenshotError(f"{png} is not a PNG file")
    return png


def main(
    page: Path = typer.Argument(..., help="HTML file to draw"),
    png: Path = typer.Argument(..., help="PNG file to write"),
    width: int = typer.Option(1400, min=100, help="window width in pixels"),
    height: int = typer.Option(2400, min=100, help="window height in pixels (the picture's height)"),
    browser: Optional[str] = typer.Option(None, help="browser command (default: chromium, chromium-browser, "
                                                     "google-chrome on PATH)"),
    timeout: float = typer.Option(120.0, help="seconds to wait for the browser"),
) -> None:
    try:
        out = screenshot(page, png, width=width, height=height, browser=browser, timeout=timeout)
    except ScreenshotError as err:
        typer.echo(f"screenshot: {err}", err=True)
        raise typer.Exit(1)
    typer.echo(f"screenshot: {out} ({out.stat().st_size} bytes, {width}x{height})")


if __name__ == "__main__":
    typer.run(main)
