"""Turkish case folding that keeps string length.

Python's `str.lower()` turns `İ` into `i̇` (two code points) and `I` into `i`;
both break Turkish matching and shift character offsets. Everything in
trnews folds through `lower()`/`upper()` here.
"""

from __future__ import annotations

_LOWER = str.maketrans({"İ": "i", "I": "ı"})
_UPPER = str.maketrans({"i": "İ", "ı": "I"})


def lower(text: str) -> str:
    """Turkish lower case; `len(lower(s)) == len(s)` for any `s`."""
    folded = text.translate(_LOWER).lower()
    if len(folded) != len(text):  # rare letters whose lower() grows: fold one by one
        folded = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text.translate(_LOWER))
    return folded


def upper(text: str) -> str:
    """Turkish upper case; `len(upper(s)) == len(s)` for any `s`."""
    raised = text.translate(_UPPER).upper()
    if len(raised) != len(text):  # ß -> SS and friends: keep such letters as they are
        raised = "".join(ch if len(ch.upper()) != 1 else ch.upper() for ch in text.translate(_UPPER))
    return raised


def title(word: str) -> str:
    """First letter upper, rest lower, the Turkish way (`istanbul` -> `İstanbul`)."""
    return upper(word[:1]) + lower(word[1:]) if word else word
