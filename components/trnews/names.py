"""Name linking: `Span._.canonical` = the fullest name of the same referent in the document.

People: a surname or first-name mention points to the longest PER name that contains it
(`Mamin` -> `Askar Mamin`; with two Trumps, the one named nearest before the mention).
Institutions and places: an abbreviation points to the long form the text pairs it with
(`Türkiye İstatistik Kurumu (TÜİK)`), or that a gazetteer lists for it when both occur.
Every other entity gets its own name without the case suffix. Matching ignores case and
suffixes. It reads `doc.ents` only and never adds or removes entities.
"""

from __future__ import annotations

import bisect
import logging
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import srsly
from spacy import util
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span

from .casing import lower
from .doctext import doc_text

logger = logging.getLogger("trnews")
DATA_DIR = Path(__file__).parent / "data"
APOSTROPHES = ("'", "’")
MAX_SUFFIX = 4  # a glued case suffix (`Bakanlığının`) is at most this long
OPEN, CLOSE = frozenset("(["), frozenset(")]")
# endings that make a head word the nominative of a compound name (`Temyiz Mahkeme-si`), not a case
COMPOUND_MARKERS = frozenset({"sı", "si", "su", "sü", "ları", "leri"})
# case endings with the buffer `n` that only follow a possessive/compound marker (`Yolları-nın`,
# `Cumhuriyeti-nden`); the dative `-na/-ne` is left alone (`Karolina`)
BUFFERED_CASES = ("ndan", "nden", "nın", "nin", "nun", "nün", "nda", "nde", "nca", "nce")


def install_extensions() -> None:
    if not Span.has_extension("canonical"):
        Span.set_extension("canonical", default=None)


install_extensions()


def strip_suffix(text: str) -> str:
    """`Barkindo'nun` -> `Barkindo`; text without an apostrophe suffix stays as it is."""
    for i in range(len(text) - 1, 0, -1):
        if text[i] in APOSTROPHES:
            return text[:i] if text[i + 1:].isalpha() or i == len(text) - 1 else text
    return text


def words_of(text: str) -> Tuple[str, ...]:
    return tuple(lower(strip_suffix(word)) for word in text.split())


def read_alias_pairs(path: Path) -> List[List[str]]:
    """`[alias, full name]` pairs of a gazetteer TSV (`name label aliases note`)."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) > 2 and cells[2].strip():
            pairs.extend([alias.strip(), cells[0].strip()] for alias in cells[2].split("|") if alias.strip())
    return pairs


class NameLinker(Pipe):
    """Sets `Span._.canonical` (a plain `str`) on every entity of `doc.ents`."""

    def __init__(
        self,
        nlp: Language,
        name: str = "trnews_names",
        *,
        alias_gazetteers: List[str] = ["institutions", "places"],
        link_abbreviations: bool = True,
    ) -> None:
        install_extensions()
        self.name = name
        self.vocab = nlp.vocab
        self.cfg: Dict[str, Any] = {
            "alias_gazetteers": list(alias_gazetteers),
            "link_abbreviations": link_abbreviations,
        }
        self.set_aliases(self._read_aliases(self.cfg["alias_gazetteers"]))
        cues = srsly.read_json(DATA_DIR / "entity_cues.json")
        # words that only name the kind of thing (`Grubu`, `Holding`, `Dağı`): adding them keeps the referent
        self.heads = frozenset(cues.get("org_heads", [])) | frozenset(cues.get("loc_heads", []))
        # a place plus a natural-feature head is the same place (`Gabar Dağı`); plus a facility head
        # (`İstanbul Havalimanı`, `Ankara Caddesi`) it is another place
        self.place_heads = frozenset(cues.get("feature_heads", []))

    def initialize(self, get_examples=None, *, nlp=None, alias_gazetteers: Optional[List[str]] = None,
                   data_dir: Optional[str] = None) -> None:
        if alias_gazetteers is not None:
            self.cfg["alias_gazetteers"] = list(alias_gazetteers)
        self.set_aliases(self._read_aliases(self.cfg["alias_gazetteers"], Path(data_dir) if data_dir else None))

    @staticmethod
    def _read_aliases(names: Iterable[str], data_dir: Optional[Path] = None) -> List[List[str]]:
        base = data_dir or DATA_DIR
        pairs: List[List[str]] = []
        for name in names:
            path = base / f"gazetteer_{name}.tsv"
            if not path.exists():
                raise ValueError(f"trnews_names: no gazetteer {name!r} ({path} is missing)")
            pairs.extend(read_alias_pairs(path))
        return pairs

    def set_aliases(self, pairs: List[List[str]]) -> None:
        self.aliases = pairs
        self.alias_of: Dict[Tuple[str, ...], Tuple[str, ...]] = {}
        for alias, full in pairs:
            # the gazetteer's head name is not always the fuller one (`Filistin` | `Filistin Devleti`)
            short, long_ = sorted((words_of(alias), words_of(full)), key=lambda k: (len(k), len(" ".join(k))))
            if short != long_:
                self.alias_of.setdefault(short, long_)

    # ------------------------------------------------------------- processing
    def __call__(self, doc: Doc) -> Doc:
        install_extensions()
        try:
            self._link(doc)
        except Exception:  # never crash a batch: fall back to each entity's own name
            logger.exception("trnews_names failed on a document of %d tokens; own names used", len(doc))
            for ent in doc.ents:
                ent._.canonical = strip_suffix(ent.text)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def _link(self, doc: Doc) -> None:
        ents = list(doc.ents)
        if not ents:
            return
        full_text = doc_text(doc)
        # each entity's text as a slice of the Doc's text (Span.text would re-join its tokens)
        ent_texts = [full_text[ent.start_char:ent.end_char] for ent in ents]
        texts = [self._bare(ent, ent_text) for ent, ent_text in zip(ents, ent_texts)]
        words = [words_of(text) for text in texts]
        # the best surface for each (label, words): not shouting, suffix-free, first seen
        surface: Dict[Tuple[str, Tuple[str, ...]], str] = {}
        for ent, key, text in zip(ents, words, texts):
            best = surface.get((ent.label_, key))
            if best is None or (best.isupper() and not text.isupper()):
                surface[(ent.label_, key)] = text
        groups = self._merge_glued(ents, words)
        targets: List[Tuple[str, Tuple[str, ...]]] = []
        people = [(i, key) for i, (ent, key) in enumerate(zip(ents, words)) if ent.label_ == "PER"]
        index = self._people_index(people, groups)
        pairs = self._paired_abbreviations(doc, ents, words) if self.cfg["link_abbreviations"] else {}
        present = {(ent.label_, groups.get(key, key)) for ent, key in zip(ents, words)}
        by_start: Dict[Tuple[str, Tuple[str, ...]], List[Tuple[str, ...]]] = {}
        for label, key in present:
            by_start.setdefault((label, key[:1]), []).append(key)
        for i, (ent, key) in enumerate(zip(ents, words)):
            key = groups.get(key, key)
            target = key
            if ent.label_ == "PER":
                target = self._fullest_person(i, key, index)
            else:
                full = pairs.get(key) or self.alias_of.get(key)
                if full is not None and (ent.label_, full) in present:
                    target = full
                else:
                    target = self._with_head(ent.label_, key, by_start)
                    if target == key and len(key) == 1 and ent.label_ == "ORG":
                        target = self._named_by_head(key[0], present, target)
            targets.append((ent.label_, target))
        for ent, ent_text, (label, target) in zip(ents, ent_texts, targets):
            text = surface.get((label, target))
            if text is None:  # target reached through a glued-suffix group
                text = next((v for (l, k), v in surface.items() if l == label and groups.get(k, k) == target), None)
            ent._.canonical = text or strip_suffix(ent_text)

    def _bare(self, ent: Span, ent_text: Optional[str] = None) -> str:
        """The name without its case suffix: `Barkindo'nun` -> `Barkindo`, `Bakanlığından` -> `Bakanlığı`,
        `Temyiz Mahkemesine` -> `Temyiz Mahkemesi`; the nominative as written stays whole
        (`Temyiz Mahkemesi`, not `Temyiz Mahkeme`)."""
        text = strip_suffix(ent.text if ent_text is None else ent_text)
        if ent.label_ == "PER" or " " not in text:
            return text
        last = lower(text.rsplit(" ", 1)[1])
        if last in self.heads:
            return text  # the head word as written (`Mahkemesi`, `Partisi`), though `mahkeme` is a head too
        for cut in range(1, MAX_SUFFIX + 1):
            if last[:-cut] in self.heads and last[-cut:].isalpha():
                if last[-cut:] in COMPOUND_MARKERS:
                    return text  # `... Gölet` + `leri`: the nominative compound marker belongs to the name
                return text[:-cut]
        for ending in BUFFERED_CASES:
            # `Türk Hava Yolları` + `nın`: after a compound marker a case ending takes the buffer `n`
            if last.endswith(ending) and len(last) - len(ending) >= 4 and last[-len(ending) - 1] in "ıiuü" \
                    and last[-len(ending) - 2] not in "aeıioöuü":
                return text[:-len(ending)]
        return text

    @staticmethod
    def _named_by_head(word: str, present, default: Tuple[str, ...]) -> Tuple[str, ...]:
        """`Meclis` -> `Eskişehir Büyükşehir Belediye Meclisi`: a lone institution noun stands for the
        one institution of the document whose head it is (`meclis` / `meclisi`, `bakanlık` /
        `bakanlığı`); with none or several such names it stays itself."""
        if len(word) < 4:
            return default
        stem = word[:-1]
        found = [key for label, key in present if label == "ORG" and len(key) > 1
                 and key[-1].startswith(stem) and 0 < len(key[-1]) - len(word) <= 2]
        return found[0] if len(found) == 1 else default

    def _with_head(self, label: str, key: Tuple[str, ...], by_start) -> Tuple[str, ...]:
        """`Bosch` -> `Bosch Grubu`, `Gabar` -> `Gabar Dağı`: the same name with only head words added."""
        best = key
        heads = self.place_heads if label == "LOC" else self.heads
        for other in by_start.get((label, key[:1]), ()):
            if len(other) > len(best) and other[:len(key)] == key and all(w in heads for w in other[len(key):]):
                best = other
        return best

    @staticmethod
    def _merge_glued(ents: List[Span], words: List[Tuple[str, ...]]) -> Dict[Tuple[str, ...], Tuple[str, ...]]:
        """`türk kızılayın` -> `türk kızılay` when the suffix-free form occurs too."""
        known = set(words)
        out = {}
        for key in known:
            last = key[-1] if key else ""
            for cut in range(1, MAX_SUFFIX + 1):
                base = key[:-1] + (last[:-cut],)
                if len(last) - cut >= 2 and base in known:
                    out[key] = base
                    break
        return out

    @staticmethod
    def _people_index(people, groups) -> Dict[str, Dict[Tuple[str, ...], List[int]]]:
        """word -> {full PER name containing it -> positions of its mentions}."""
        index: Dict[str, Dict[Tuple[str, ...], List[int]]] = {}
        for j, other in people:
            other = groups.get(other, other)
            for word in set(other):
                index.setdefault(word, {}).setdefault(other, []).append(j)
        return index

    @staticmethod
    def _fullest_person(i: int, key: Tuple[str, ...], index) -> Tuple[str, ...]:
        """The longest PER name containing `key` as consecutive words; nearest before `i` on ties."""
        best, best_rank = key, None
        n = len(key)
        for other, positions in index.get(key[0], {}).items() if key else ():
            if len(other) <= n or not any(other[s:s + n] == key for s in range(len(other) - n + 1)):
                continue
            # longer wins; then a mention before i, the nearest; then the first after i
            before = bisect.bisect_left(positions, i)
            j = positions[before - 1] if before else positions[0]
            rank = (len(other), j < i, j if j < i else -j)
            if best_rank is None or rank > best_rank:
                best, best_rank = other, rank
        return best

    @staticmethod
    def _paired_abbreviations(doc: Doc, ents: List[Span], words) -> Dict[Tuple[str, ...], Tuple[str, ...]]:
        """`Long Name (ABBR)` and `ABBR (Long Name)` in the text: abbreviation words -> long words."""
        pairs: Dict[Tuple[str, ...], Tuple[str, ...]] = {}
        n = len(doc)
        for ent, key in zip(ents, words):
            end = ent.end
            if end < n and doc[end].text[:1] in APOSTROPHES and len(doc[end].text) > 1:
                end += 1  # the case suffix split off the name: `Platformu'na (KAP)`
            if end + 2 >= n + 1 or end >= n or doc[end].text not in OPEN:
                continue
            close = end + 1
            while close < n and close - end <= 12 and doc[close].text not in CLOSE:
                close += 1
            if close >= n or doc[close].text not in CLOSE or close == end + 1:
                continue
            inner = doc[end + 1:close].text
            inner_key = words_of(inner)
            if len(inner_key) == 1 and inner.isupper() and len(key) > 1:
                pairs.setdefault(inner_key, key)  # `Dünya Sağlık Örgütü (DSÖ)`
            elif len(key) == 1 and ent.text.isupper() and len(inner_key) > 1:
                pairs.setdefault(key, inner_key)  # `DSÖ (Dünya Sağlık Örgütü)`
        return pairs

    # ---------------------------------------------------------- serialization
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return util.to_bytes(
            {"cfg": lambda: srsly.json_dumps(self.cfg), "aliases": lambda: srsly.json_dumps(self.aliases)}, exclude
        )

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = tuple()) -> "NameLinker":
        loaded: Dict[str, Any] = {}
        util.from_bytes(
            bytes_data,
            {"cfg": lambda b: loaded.update(cfg=srsly.json_loads(b)),
             "aliases": lambda b: loaded.update(aliases=srsly.json_loads(b))},
            exclude,
        )
        self.cfg.update(loaded.get("cfg", {}))
        if "aliases" in loaded:
            self.set_aliases(loaded["aliases"])
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = tuple()) -> None:
        util.to_disk(
            util.ensure_path(path),
            {"cfg": lambda p: srsly.write_json(p, self.cfg), "aliases.json": lambda p: srsly.write_json(p, self.aliases)},
            exclude,
        )

    def from_disk(self, path, *, exclude: Iterable[str] = tuple()) -> "NameLinker":
        loaded: Dict[str, Any] = {}
        util.from_disk(
            util.ensure_path(path),
            {"cfg": lambda p: loaded.update(cfg=srsly.read_json(p)),
             "aliases.json": lambda p: loaded.update(aliases=srsly.read_json(p))},
            exclude,
        )
        self.cfg.update(loaded.get("cfg", {}))
        if "aliases" in loaded:
            self.set_aliases(loaded["aliases"])
        return self


@Language.factory(
    "trnews_names",
    requires=["doc.ents"],
    assigns=["span._.canonical"],
    default_config={"alias_gazetteers": ["institutions", "places"], "link_abbreviations": True},
)
def make_names(nlp: Language, name: str, alias_gazetteers: List[str], link_abbreviations: bool) -> NameLinker:
    return NameLinker(nlp, name, alias_gazetteers=alias_gazetteers, link_abbreviations=link_abbreviations)
