"""Indirect speech: a nominalised complement clause governed by a reporting verb.

`Mamin, [petrol üretiminde ... hedeflediklerini] bildirdi`: the clause ends in
-DIğInI / -(y)AcAğInI / -DIğInA / -DIğInIn (and the bare -DIğI before a passive
cue: `... olduğu belirtildi`), and a speech verb in any form follows it, maybe
after `de`/`da`. Where the clause starts is decided later, together with the
speaker (component.py), because the subject before it is not part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import CueMatch, Lexicon
from .text import TextView

COMPLEMENT_RE = re.compile(
    r"(?<![\w'’])\w{2,}?(?:[dt][ıiuü]ğ[ıiuü]|y?[ae]c[ae]ğ[ıiuü]|[dt][ıiuü]kl[ae]r[ıiuü]|y?[ae]c[ae]kl[ae]r[ıiuü])"
    r"(?P<case>n[ıiuü]n|n[ıiuü]|n[ae])?(?!\w)"
)
# Every complement contains `ğ` or `kl`, and a match is always one whole word (`\w` run): only
# the runs around these letters are tried (one C-speed scan for them instead of trying the
# pattern at every word start of the text).
_HINT_RE = re.compile("ğ|kl")


def complement_matches(low: str):
    """The matches of `COMPLEMENT_RE.finditer(low)`, found from the `ğ`/`kl` in the text."""
    prev_hint, prev_start = -1, -1
    for hint in _HINT_RE.finditer(low):
        k = hint.start()
        while k > 0 and k > prev_hint and (low[k - 1].isalnum() or low[k - 1] == "_"):
            k -= 1
        start = prev_start if k == prev_hint else k  # back at the previous hint: the same word
        prev_hint = hint.start()
        if start == prev_start:
            continue
        prev_start = start
        m = COMPLEMENT_RE.match(low, start)
        if m is not None:
            yield m


# words that may stand between the clause and its verb: `olduğunu da bir kez daha vurguladı`
PARTICLES = ("de bir kez daha ", "da bir kez daha ", "bir kez daha ", "de ", "da ", "ise ", "de, ", "da, ",
             "açıkça ", "özellikle ", "ayrıca ", "yeniden ", "sözlerine ")


@dataclass
class IndirectHit:
    word_start: int  # start of the complement's last word
    end: int  # end of the complement (= end of that word)
    cue: CueMatch


def find(view: TextView, lex: Lexicon, blocked: list[tuple[int, int]]) -> list[IndirectHit]:
    low = view.low
    n = len(low)
    hits: list[IndirectHit] = []
    bi = 0
    for m in complement_matches(low):
        while bi < len(blocked) and blocked[bi][1] <= m.start():
            bi += 1
        if bi < len(blocked) and blocked[bi][0] <= m.start() < blocked[bi][1]:
            continue
        j = m.end()
        while j < n and low[j] in " \t\u00a0\"”’'»":  # `kayışları "yanlış yorumladıklarını" ifade etti`
            j += 1
        for particle in PARTICLES:
            if low.startswith(particle, j):
                j += len(particle)
                break
        cue = lex.indirect_cue_at(low, j)
        if cue is None:
            continue
        if not m.group("case") and cue.kind != "passive" and not low.startswith("bilgi", cue.start):
            continue  # a bare -DIğI is a relative clause unless a passive or `bilgisini verdi` governs it
        if bi < len(blocked) and blocked[bi][0] <= cue.start < blocked[bi][1]:
            continue
        hits.append(IndirectHit(m.start(), m.end(), cue))
    return hits
