"""Cue lists from `data/quote_cues.json`, compiled into a few regexes over lower-cased text.

Everything here is data-driven: the component never hard-codes a reporting verb.
Matching runs `finditer` once per document on the Turkish-lower-cased text, so the
cost is linear in the text length whatever the size of the lists.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

REQUIRED_KEYS = ("speech_verbs", "say_words", "diye_words", "speech_nouns", "noun_suffix_re",
                 "light_verbs", "olarak_verbs", "colon_intro_re", "speaker_nouns",
                 "speaker_noun_suffix_re", "titles", "abbreviations")

# Endings a verb stem may take after it, and what each says about where the speaker is.
_REST_PASSIVE = r"[ıiuü]?[ln](?:[ıiuü]yor(?:du)?|[dt][ıiuü]|[ae]n|[ae]r[ae]k|m[ıiuü]şt[ıiuü]|m[ıiuü]ş|[dt][ıiuü]ğ[ıiuü])"
_REST_ACTIVE = (r"y?[ae]n(?:l[ae]r)?|y?[ae]r[ae]k|y?[ıiuü]p|[dt][ıiuü](?:l[ae]r)?|m[ıiuü]şt[ıiuü](?:r)?"
                r"|(?:[ae]|[ıiuü])?rken|m[ae]kt[ae]d[ıiuü]r|m[ae]kt[ae]"
                r"|m[ıiuü]ş|[ıiuü]?yor(?:du|lar)?|m[ae]s[ıiuü]yl[ae]|m[ae]s[ıiuü]n[ıiuü]n")
_CLASS_RES = (
    ("passive", re.compile(r"^(?:" + _REST_PASSIVE + r")$")),
    ("participle", re.compile(r"^y?[ae]n(?:l[ae]r)?$")),
    ("converb", re.compile(r"^(?:y?[ae]r[ae]k|y?[ıiuü]p|m[ae]s[ıiuü]yl[ae]|(?:[ae]|[ıiuü])?rken)$")),
)


_LETTER = re.compile(r"[^\W\d_]")
_JOINER = re.compile(r"[-'’](?=[^\W_])")


def verb_class(rest: str) -> str:
    """finite / participle / converb / passive for the ending after a cue's verb stem."""
    for name, pattern in _CLASS_RES:
        if pattern.match(rest):
            return name
    return "finite"


def word_class(word: str) -> str:
    """Same classification for a whole lower-cased word whose stem is unknown."""
    if re.search(r"[ıiuü]?[ln](?:[dt][ıiuü]|[ae]n|[ae]r[ae]k)$", word) and len(word) > 6 and word.endswith(
            ("ıldı", "ildi", "uldu", "üldü", "ılan", "ilen", "ulan", "ülen",
             "ılarak", "ilerek", "ularak", "ülerek")):
        return "passive"
    if re.search(r"(?:[ae]r[ae]k|[ıiuü]p)$", word):
        return "converb"
    if re.search(r"[ae]n(?:l[ae]r)?$", word) and not re.search(r"[dt][ıiuü]$", word):
        return "participle"
    return "finite"


def _stem_re(stem: str) -> str:
    parts = stem.split()
    out = []
    for i, part in enumerate(parts):
        piece = re.escape(part)
        if i == len(parts) - 1 and part.endswith("et") and len(part) <= 7:
            piece = re.escape(part[:-1]) + "[td]"
        out.append(piece)
    return r"\s+".join(out)


def _alternation(items) -> str:
    return "|".join(sorted((item for item in items), key=len, reverse=True))


@dataclass
class CueMatch:
    start: int
    end: int
    kind: str  # finite / participle / converb / passive / noun

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end}


class Lexicon:
    """Compiled cue patterns; build with `Lexicon(data)` or `Lexicon.default()`."""

    def __init__(self, data: dict[str, Any]):
        validate(data)
        self.data = data
        verbs = [v for v in data["speech_verbs"]]
        direct_only = set(data.get("direct_only_verbs", []))
        indirect_verbs = [v for v in verbs if v not in direct_only]
        prog = data.get("progressive_stems", {})

        def verb_re(stems):
            return (r"(?<!\w)(?P<stem>" + _alternation(_stem_re(s) for s in stems) + r")(?P<rest>"
                    + _REST_PASSIVE + "|" + _REST_ACTIVE + r")(?!\w)")

        self.indirect_cue = re.compile(verb_re(indirect_verbs))
        self.direct_verb = re.compile(verb_re(verbs))
        self.progressive = re.compile(r"(?<!\w)(?:" + _alternation(_stem_re(s) for s in prog) + r")[ıiuü]yor(?:du|lar)?(?!\w)")
        say = data["say_words"]
        self.say_words = dict(say)
        self.say_re = re.compile(r"(?<!\w)(?:" + _alternation(re.escape(w) for w in say) + r")(?!\w)")
        self.diye_re = re.compile(r"(?<!\w)(?:" + _alternation(re.escape(w) for w in data["diye_words"])
                                  + r")\s+(?P<verb>\w+)(?!\w)")
        light = _alternation(_stem_re(v) for v in data["light_verbs"])
        noun = (r"(?:" + _alternation(re.escape(n) for n in data["speech_nouns"]) + r")" + data["noun_suffix_re"])
        self.noun_re = re.compile(r"(?<!\w)(?P<noun>" + noun + r")(?!\w)(?:\s+(?P<light>(?P<lstem>" + light
                                  + r")(?P<lrest>\w*)))?")
        self.olarak_re = re.compile(r"(?<!\w)olarak\s+(?:" + _alternation(_stem_re(v) for v in data["olarak_verbs"]) + r")\w*")
        self.colon_intro = re.compile(r"(?<!\w)" + data["colon_intro_re"] + r"(?!\w)")
        nouns = data["speaker_nouns"]
        self.speaker_nouns = dict(nouns)
        self.speaker_noun_re = re.compile(r"(?<!\w)(?P<stem>" + _alternation(re.escape(n) for n in nouns) + r")"
                                          r"(?P<rest>" + data["speaker_noun_suffix_re"] + r")(?!\w)")
        # first three letters of every speaker noun, for speaker_noun_matches(); None: not usable
        self._noun_prefixes = (frozenset(n[:3] for n in nouns)
                               if nouns and all(len(n) >= 3 and _LETTER.match(n) for n in nouns) else None)
        self.titles = tuple(sorted(set(data["titles"])))
        self._title_re = re.compile(r"^(?:" + _alternation(re.escape(t) for t in self.titles)
                                    + r")(?:s?[ıiuü]|l[ae]r[ıiuü]?|ğ[ıiuü])?\.?$")
        self._titles_seen: dict[str, bool] = {}  # is_title() answers per word
        self.abbreviations = frozenset(data["abbreviations"])
        self.subject_particles = frozenset(data.get("subject_particles", ["de", "da", "ise"]))
        self.clause_openers = tuple(data.get("clause_openers", []))
        self.name_particles = frozenset(data.get("name_particles", []))
        self.sentence_words = frozenset(data.get("non_speakers", []))  # months, adverbs: never open a name
        self.non_speakers = self.sentence_words | frozenset(data.get("non_speaker_places", []))
        self.org_heads = tuple(data.get("org_heads", []))

    @classmethod
    def default(cls) -> "Lexicon":
        return cls(load_default_data())

    def speaker_noun_matches(self, low: str, word_starts: list[int]) -> list[re.Match]:
        """`list(self.speaker_noun_re.finditer(low))`, trying the pattern only at word starts whose
        first three letters begin a speaker noun. A match opens a `\\w` run with a letter, so it sits
        at a word start of the text view (`word_starts`, offsets of `[^\\W_]+(?:[-'’][^\\W_]+)*`) or
        right after a `-`/`'`/`’` inside such a word; `low` is the Turkish lower case of the view's
        text (same word boundaries, checked for every code point)."""
        prefixes = self._noun_prefixes
        if prefixes is None:
            return list(self.speaker_noun_re.finditer(low))
        starts = [p for p in word_starts if low[p:p + 3] in prefixes]
        inner = [m.end() for m in _JOINER.finditer(low) if low[m.end():m.end() + 3] in prefixes]
        if inner:
            starts = sorted(set(starts).union(inner))
        out, last = [], 0
        rx = self.speaker_noun_re
        for p in starts:
            if p < last:
                continue
            m = rx.match(low, p)
            if m is not None:
                out.append(m)
                last = m.end()
        return out

    def is_title(self, lower_word: str) -> bool:
        hit = self._titles_seen.get(lower_word)
        if hit is None:
            if len(self._titles_seen) > 100_000:
                self._titles_seen.clear()
            hit = self._titles_seen[lower_word] = bool(self._title_re.match(lower_word.rstrip(".")))
        return hit

    # -- cue matching at a position of the lower-cased text -------------------------------
    def post_quote_cue(self, low: str, pos: int) -> CueMatch | None:
        """A reporting cue starting at `pos` (after a closing quote mark and spaces)."""
        for pattern in (self.diye_re, self.say_re, self.olarak_re):
            m = pattern.match(low, pos)
            if m:
                if pattern is self.say_re:
                    return CueMatch(m.start(), m.end(), self.say_words.get(m.group(0), "finite"))
                if pattern is self.diye_re:
                    return CueMatch(m.start(), m.end(), word_class(m.group("verb")))
                return CueMatch(m.start(), m.end(), word_class(m.group(0).split()[-1]))
        m = self.direct_verb.match(low, pos)
        if m:
            return CueMatch(m.start(), m.end(), verb_class(m.group("rest")))
        m = self.progressive.match(low, pos)
        if m:
            return CueMatch(m.start(), m.end(), "finite")
        m = self.noun_re.match(low, pos)
        if m:
            if m.group("light"):
                return CueMatch(m.start(), m.end(), verb_class(m.group("lrest")))
            return CueMatch(m.start(), m.end("noun"), "noun")
        return None

    def indirect_cue_at(self, low: str, pos: int) -> CueMatch | None:
        m = self.indirect_cue.match(low, pos)
        if m:
            return CueMatch(m.start(), m.end(), verb_class(m.group("rest")))
        m = self.progressive.match(low, pos)
        if m:
            return CueMatch(m.start(), m.end(), "finite")
        return None


def load_default_data() -> dict[str, Any]:
    path = resources.files("trnews") / "data" / "quote_cues.json"
    return json.loads(path.read_text(encoding="utf-8"))


def validate(data: Any) -> None:
    """Clear errors for a bad cue file instead of a failure deep inside a batch."""
    if not isinstance(data, dict):
        raise ValueError(f"quote cues must be a JSON object, got {type(data).__name__}")
    for key in REQUIRED_KEYS:
        if key not in data:
            raise ValueError(f"quote cues: missing key {key!r} (see trnews/data/quote_cues.json)")
    for key in ("speech_verbs", "diye_words", "speech_nouns", "light_verbs", "olarak_verbs", "titles", "abbreviations"):
        bad = [item for item in data[key] if not isinstance(item, str) or not item.strip()]
        if bad:
            raise ValueError(f"quote cues: {key} must hold non-empty strings, bad entries {bad[:3]!r}")
    for key in ("noun_suffix_re", "colon_intro_re", "speaker_noun_suffix_re"):
        try:
            re.compile(data[key])
        except re.error as err:
            raise ValueError(f"quote cues: {key} is not a valid regex ({err})") from None
