"""Turkish lemmas for every token: spacy-lookups-data's table, folded the Turkish way, plus learned fixes.

A Turkish-lowercased form goes through learned form overrides, then the lookup table (stored
compact: hashed keys), then, for forms the table lacks, the stem before an apostrophe
(`Kazakistan'ın` -> `Kazakistan`) or the longest learned suffix rule, then learned extensions
of the table lemma (`önemli` stays `önemli`). All learned data comes from
`scripts/learn_lemma_rules.py`; this module holds no word lists. Names keep their case
(`TÜİK'in` -> `TÜİK`); punctuation and spaces keep their text. One dict lookup per seen form.
"""

import warnings
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple, Union

import numpy as np
import srsly
from spacy.attrs import LEMMA, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import SimpleFrozenList, registry
from spacy import util

from .casing import lower

APOSTROPHES = "'’‘`´ʼ"
OPENERS = set("\"“”‘'«‹(-–—:")
CACHE_LIMIT = 200_000
# per-orth rows of TrnewsLemmatizer (~300 bytes each): bounded so long runs keep a flat RSS
ORTH_CACHE_LIMIT = 50_000
# how a token's lemma depends on its context (see TrnewsLemmatizer._orth_row)
_FIXED, _STATIC, _CONTEXT = 0, 1, 2
LICENCE_NOTE = (
    "Lemma table: spacy-lookups-data (tr_lemma_lookup, Zargan linguistic resources, Bilgin 2016). "
    "Learned overrides and rules: UD Turkish IMST train, CC BY-NC-SA 4.0 (non-commercial, share-alike)."
)


def shape(form: str) -> str:
    """Digits as `0`, so learned suffix rules cover `2.`, `1990'lı` and the like."""
    return "".join("0" if ch.isdigit() else ch for ch in form) if any(ch.isdigit() for ch in form) else form


_PLAIN = str.maketrans("âîû", "aiu")
_HARMONY = str.maketrans("ıiuüae", "IIIIAA")


def harmonise(text: str) -> str:
    """Vowel-harmony classes (`lı`, `li`, `lu`, `lü` -> `lI`), so one suffix is one learned key."""
    return text.translate(_HARMONY)


def edit_of(form: str, lemma: str) -> Tuple[int, str]:
    """How to go from form to lemma: cut this many chars from the end, then append this."""
    common = 0
    for a, b in zip(form, lemma):
        if a != b:
            break
        common += 1
    return len(form) - common, lemma[common:]


class LemmaTable:
    """A form -> lemma map stored as sorted 64-bit string hashes and small lemma ids.

    1.3M forms as a Python dict cost ~600 MB and 8 s to load; as two numpy arrays they cost
    ~13 MB and load instantly. Lookup is one binary search (~2 µs), cached per form by the caller.
    """

    def __init__(self, keys: Optional[np.ndarray] = None, ids: Optional[np.ndarray] = None,
                 lemmas: Optional[List[str]] = None):
        self.keys = keys if keys is not None else np.zeros(0, dtype=np.uint64)
        self.ids = ids if ids is not None else np.zeros(0, dtype=np.uint32)
        self.lemmas = lemmas or []

    @classmethod
    def from_mapping(cls, mapping: Dict[str, str]) -> "LemmaTable":
        lemmas = sorted(set(mapping.values()))
        index = {lemma: i for i, lemma in enumerate(lemmas)}
        dtype = np.uint16 if len(lemmas) < 2**16 else np.uint32
        keys = np.fromiter((get_string_id(form) for form in mapping), dtype=np.uint64, count=len(mapping))
        ids = np.fromiter((index[lemma] for lemma in mapping.values()), dtype=dtype, count=len(mapping))
        order = np.argsort(keys, kind="stable")
        return cls(keys[order], ids[order], lemmas)

    def __len__(self) -> int:
        return len(self.keys)

    def get(self, form: str) -> Optional[str]:
        if not len(self.keys):
            return None
        key = np.uint64(get_string_id(form))
        pos = int(self.keys.searchsorted(key))
        if pos < len(self.keys) and self.keys[pos] == key:
            return self.lemmas[int(self.ids[pos])]
        return None

    def to_msg(self) -> Dict[str, Any]:
        return {"keys": self.keys.tobytes(), "ids": self.ids.tobytes(), "id_dtype": self.ids.dtype.name,
                "lemmas": self.lemmas}

    @classmethod
    def from_msg(cls, msg: Dict[str, Any]) -> "LemmaTable":
        keys = np.frombuffer(msg["keys"], dtype=np.uint64)
        ids = np.frombuffer(msg["ids"], dtype=np.dtype(msg["id_dtype"]))
        return cls(keys, ids, list(msg["lemmas"]))


class LemmaRules:
    """What `scripts/learn_lemma_rules.py` learns; plain data, validated on load.

    * overrides: folded form -> folded lemma, where the treebank disagrees with the table.
    * remaps: "<table lemma>|<next chars of the form>" -> lemma (generalises an override to
      every form of that lemma, e.g. all forms the table sends to one stem).
    * extends: the characters after the table lemma (vowels as harmony classes, `$` = end of
      word) -> [how many of them the lemma keeps, what it appends], e.g. `lIğ` -> [2, "k"]
      (`sertliği` -> `sertlik`): generic remaps for lemmas the treebank never showed.
    * shrinks: the end of a lemma (harmony classes, `$` = end) -> [cut, append], where the
      treebank's lemma is shorter than the table's, e.g. ordinals `IncI$` (`ikinci` -> `iki`).
    * suffixes: shape-normalised form suffix -> [cut, append], for forms the table lacks.
    * proper: folded lemmas the treebank writes as proper nouns (keep their case).
    """

    def __init__(self, data: Optional[Dict[str, Any]] = None):
        data = data or {}
        for key in ("overrides", "remaps", "suffixes"):
            if not isinstance(data.get(key, {}), dict):
                raise ValueError(f"lemma rules: '{key}' must be a mapping, got {type(data[key]).__name__}")
        self.overrides: Dict[str, str] = dict(data.get("overrides", {}))
        self.remaps: Dict[str, str] = dict(data.get("remaps", {}))
        self.extends: Dict[str, Tuple[int, str]] = {}
        for cont, action in data.get("extends", {}).items():
            if not (isinstance(action, (list, tuple)) and len(action) == 2 and isinstance(action[0], int)):
                raise ValueError(f"lemma rules: extension {cont!r} must be [keep, append], got {action!r}")
            self.extends[cont] = (int(action[0]), str(action[1]))
        self.suffixes: Dict[str, Tuple[int, str]] = {}
        for suffix, edit in data.get("suffixes", {}).items():
            if not (isinstance(edit, (list, tuple)) and len(edit) == 2 and isinstance(edit[0], int)):
                raise ValueError(f"lemma rules: suffix rule {suffix!r} must be [cut, append], got {edit!r}")
            self.suffixes[suffix] = (int(edit[0]), str(edit[1]))
        self.proper = set(data.get("proper", []))
        self.remap_lengths = sorted({len(k.split("|", 1)[1]) for k in self.remaps}, reverse=True)
        self.extend_lengths = sorted({len(k) for k in self.extends}, reverse=True)
        self.shrinks: Dict[str, Tuple[int, str]] = {}
        for end, action in data.get("shrinks", {}).items():
            if not (isinstance(action, (list, tuple)) and len(action) == 2 and isinstance(action[0], int)):
                raise ValueError(f"lemma rules: shrink {end!r} must be [cut, append], got {action!r}")
            self.shrinks[end] = (int(action[0]), str(action[1]))
        self.shrink_lengths = sorted({len(k) for k in self.shrinks}, reverse=True)
        self.max_suffix = max((len(s) for s in self.suffixes), default=0)
        self.min_stem = int(data.get("min_stem", 2))
        self.meta: Dict[str, Any] = dict(data.get("meta", {}))

    def to_data(self) -> Dict[str, Any]:
        return {"overrides": self.overrides, "remaps": self.remaps, "extends": {c: list(a) for c, a in self.extends.items()},
                "shrinks": {e: list(a) for e, a in self.shrinks.items()},
                "suffixes": {s: list(e) for s, e in self.suffixes.items()},
                "proper": sorted(self.proper), "min_stem": self.min_stem, "meta": self.meta}

    def by_suffix(self, form: str) -> Optional[str]:
        """The lemma the longest matching learned suffix rule gives, or None."""
        shaped = shape(form)
        for size in range(min(self.max_suffix, len(shaped)), 0, -1):
            edit = self.suffixes.get(shaped[-size:])
            if edit is not None:
                cut, append = edit
                stem = len(form) - cut
                if cut == 0 or stem >= self.min_stem or (stem > 0 and not form[:stem].isalpha()):
                    return (form[: len(form) - cut] if cut else form) + append
        return None

    def remap(self, form: str, lemma: str) -> str:
        """Correct a table lemma: first by lemma-specific remaps, then by generic extensions
        (`önem` + `li...` -> `önemli`: the table strips derivations the treebanks keep)."""
        if not (self.remaps or self.extends or self.shrinks):
            return lemma
        common = 0
        for a, b in zip(form, lemma):
            if a != b:
                break
            common += 1
        for size in self.remap_lengths:
            if common + size > len(form):
                continue
            hit = self.remaps.get(f"{lemma}|{form[common:common + size]}")
            if hit is not None:
                return hit
        if common == len(lemma):
            rest = harmonise(form[common:]) + "$"
            for size in self.extend_lengths:
                action = self.extends.get(rest[:size])
                if action is not None:
                    keep, append = action
                    return form[: common + keep] + append
        if self.shrinks:
            end = "^" + harmonise(lemma) + "$" if len(lemma) < 8 else harmonise(lemma[-7:]) + "$"
            for size in self.shrink_lengths:
                action = self.shrinks.get(end[-size:])
                if action is not None and len(lemma) - action[0] >= self.min_stem:
                    return lemma[: len(lemma) - action[0]] + action[1]
        return lemma


class TurkishLemmatizer:
    """The pure form -> lemma function (no spaCy objects), shared by the pipe and the evaluation."""

    def __init__(self, table: Optional[LemmaTable] = None, rules: Optional[LemmaRules] = None):
        self.table = table or LemmaTable()
        self.rules = rules or LemmaRules()
        self._cache: Dict[str, Tuple[str, bool]] = {}

    def lemma(self, folded: str) -> Tuple[str, bool]:
        """(folded lemma, known) for a Turkish-lowercased form; known = table or override had it."""
        hit = self._cache.get(folded)
        if hit is not None:
            return hit
        result = self._lemma(folded)
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[folded] = result
        return result

    def _lemma(self, folded: str) -> Tuple[str, bool]:
        rules = self.rules
        override = rules.overrides.get(folded)
        if override is not None:
            return override, True
        lemma = self.table.get(folded)
        if lemma is None and not folded.isascii():
            plain = folded.translate(_PLAIN)
            if plain != folded:  # the circumflex is optional in Turkish spelling; the table lacks it
                hit = self.table.get(plain)
                if hit is not None:  # give the lemma back the form's own letters: rüzgârda -> rüzgâr
                    lemma = folded[: len(hit)] if plain.startswith(hit) else hit
        known = lemma is not None
        if lemma is None:
            for i, ch in enumerate(folded):
                if ch in APOSTROPHES:
                    # Turkish writes suffixes of names, abbreviations and numbers after an apostrophe:
                    # the lemma is what comes before it. A bare suffix token (`'ın`) is its own lemma.
                    return (folded[:i], True) if i > 0 else (folded, True)
            lemma = rules.by_suffix(folded) or folded
        return rules.remap(folded, lemma), known

    def clear_cache(self) -> None:
        self._cache.clear()


def _case_lemma(text: str, folded_text: str, lemma: str, keep_case: bool) -> str:
    if keep_case and folded_text.startswith(lemma):
        return text[: len(lemma)]
    return lemma


class TrnewsLemmatizer(Pipe):
    """Sets `token.lemma_` on every token (see the module docstring for the lookup order)."""

    def __init__(self, nlp: Language, name: str = "trnews_lemmatizer", *, overwrite: bool = False,
                 keep_proper_case: bool = True, scorer: Optional[Callable] = None):
        self.nlp = nlp
        self.vocab = nlp.vocab
        self.name = name
        self.overwrite = overwrite
        self.keep_proper_case = keep_proper_case
        self.scorer = scorer
        self.lemmatizer = TurkishLemmatizer()
        self._orth_cache: Dict[int, tuple] = {}
        self._cache_key: Optional[tuple] = None

    # --- data -------------------------------------------------------------------------------
    def initialize(self, get_examples: Optional[Callable[[], Iterable[Example]]] = None, *,
                   nlp: Optional[Language] = None, table: Optional[Dict[str, str]] = None,
                   rules: Optional[Union[Dict[str, Any], str, Path]] = None) -> None:
        """Build the data: `table` (form -> lemma; default spacy-lookups-data's Turkish table)
        and `rules` (the JSON `scripts/learn_lemma_rules.py` writes, as a dict or a path)."""
        if isinstance(rules, (str, Path)):
            rules = srsly.read_json(rules)
        learned = LemmaRules(rules or {})
        compact = default_table() if table is None else fold_table(table)
        self.lemmatizer = TurkishLemmatizer(compact, learned)

    # --- processing -------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        try:
            self._set_lemmas(doc)
        except Exception as err:  # a lemma must never cost the document: fall back to the text
            for token in doc:
                if self.overwrite or token.lemma == 0:
                    token.lemma_ = token.text
            warnings.warn(f"trnews_lemmatizer: fell back to token texts ({err!r})")
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    def _set_lemmas(self, doc: Doc) -> None:
        """One array read, a per-orth cache of everything that does not depend on the context,
        one array write: no Token objects and no per-token string-store calls."""
        n = len(doc)
        if n == 0:
            return
        cache = self._orth_cache
        if self._cache_key != (self.lemmatizer, self.keep_proper_case) or len(cache) >= ORTH_CACHE_LIMIT:
            cache.clear()
            self._cache_key = (self.lemmatizer, self.keep_proper_case)
        get = cache.get
        vocab = doc.vocab
        arr = doc.to_array([ORTH, LEMMA, SPACY, SENT_START])
        orths = arr[:, 0].tolist()
        rows = []
        for orth in orths:
            row = get(orth)
            if row is None:
                row = cache[orth] = self._orth_row(vocab[orth])
            rows.append(row)
        old = arr[:, 1].tolist()
        spaced = arr[:, 2].tolist()
        sent_start = arr[:, 3].tolist()
        keep = not self.overwrite
        lemmas: List[Optional[str]] = []
        for i, row in enumerate(rows):
            if keep and old[i] != 0:
                lemmas.append(None)  # left as it is
                continue
            mode = row[0]
            if mode == _FIXED:
                lemmas.append(row[1])
                continue
            # a name: the suffix split off after it (`Kazakistan` + `'ın`) ...
            if i + 1 < n and not spaced[i] and rows[i + 1][3]:
                name = True
            elif mode == _STATIC:
                name = row[4]
            else:  # ... or capitalised inside a sentence
                name = not (i == 0 or sent_start[i] == 1 or rows[i - 1][5])
            lemmas.append(row[2] if name else row[1])
        strings = vocab.strings
        # strings.add once per distinct lemma and Doc (a memory zone may have dropped it since)
        ids = {lemma: strings.add(lemma) for lemma in set(lemmas) if lemma is not None}
        values = [old[i] if lemma is None else ids[lemma] for i, lemma in enumerate(lemmas)]
        doc.from_array([LEMMA], np.asarray(values, dtype="uint64").reshape(n, 1))

    def _orth_row(self, lex) -> tuple:
        """(mode, lemma if not a name, lemma if a name, starts with an apostrophe, static name
        decision, is an opener) for one vocabulary entry; mode says what the context decides."""
        text = lex.orth_
        first_apostrophe = text[:1] in APOSTROPHES
        opener = text in OPENERS
        if lex.is_punct or lex.is_space:
            return (_FIXED, text, text, first_apostrophe, False, opener)
        folded = lower(text)
        lemma, known = self.lemmatizer.lemma(folded)
        if text == folded:
            return (_FIXED, lemma, lemma, first_apostrophe, False, opener)
        plain = _case_lemma(text, folded, lemma, False)
        named = _case_lemma(text, folded, lemma if known else folded, self.keep_proper_case)
        if any(ch in APOSTROPHES for ch in text[1:]):
            # `Kazakistan'ın`, `TÜİK'in`: the apostrophe marks a proper noun
            return (_FIXED, named, named, first_apostrophe, True, opener)
        if lemma in self.lemmatizer.rules.proper:
            return (_STATIC, plain, named, first_apostrophe, True, opener)
        if text.isupper() and len(text) > 1:
            # unknown all-caps word: an acronym; known one: a headline word
            return (_STATIC, plain, named, first_apostrophe, not known, opener)
        return (_CONTEXT, plain, named, first_apostrophe, False, opener)

    # --- scoring ----------------------------------------------------------------------------
    def score(self, examples: Iterable[Example], **kwargs) -> Dict[str, Any]:
        return score_lemmas(examples)

    # --- serialisation ----------------------------------------------------------------------
    def _to_msg(self) -> Dict[str, Any]:
        return {"table": self.lemmatizer.table.to_msg(), "rules": self.lemmatizer.rules.to_data()}

    def _from_msg(self, msg: Dict[str, Any]) -> None:
        self.lemmatizer = TurkishLemmatizer(LemmaTable.from_msg(msg["table"]), LemmaRules(msg["rules"]))

    def to_bytes(self, *, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        return util.to_bytes({"data": lambda: srsly.msgpack_dumps(self._to_msg())}, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = SimpleFrozenList()) -> "TrnewsLemmatizer":
        util.from_bytes(bytes_data, {"data": lambda b: self._from_msg(srsly.msgpack_loads(b))}, exclude)
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = SimpleFrozenList()) -> None:
        path = util.ensure_path(path)
        util.to_disk(path, {
            "lemmas.msgpack": lambda p: srsly.write_msgpack(p, self._to_msg()),
        }, exclude)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = SimpleFrozenList()) -> "TrnewsLemmatizer":
        path = util.ensure_path(path)
        util.from_disk(path, {"lemmas.msgpack": lambda p: self._from_msg(srsly.read_msgpack(p))}, exclude)
        return self


_DEFAULT_TABLE: Optional[LemmaTable] = None


def fold_table(table: Dict[str, str]) -> LemmaTable:
    # Fold only what needs it: the shipped table is lowercase already, and lower() on
    # 1.3M keys costs seconds (a form without upper-case letters is its own fold).
    mapping = {(form if form.lower() == form else lower(form)): lemma for form, lemma in table.items()}
    return LemmaTable.from_mapping(mapping)


def default_table() -> LemmaTable:
    """spacy-lookups-data's Turkish table, compacted once per process (~7 s), then shared (read-only)."""
    global _DEFAULT_TABLE
    if _DEFAULT_TABLE is None:
        _DEFAULT_TABLE = fold_table(load_lookup_table())
    return _DEFAULT_TABLE


def load_lookup_table() -> Dict[str, str]:
    """spacy-lookups-data's Turkish `lemma_lookup`, read straight from its file (forms, not hashes)."""
    paths = registry.lookups.get("tr")
    path = Path(paths["lemma_lookup"])
    gz = path.with_name(path.name + ".gz")
    return dict(srsly.read_gzip_json(gz) if gz.exists() else srsly.read_json(path))


def score_lemmas(examples: Iterable[Example], **kwargs) -> Dict[str, Any]:
    """Lemma accuracy the UD way: punctuation left out, lemmas compared after Turkish case folding."""
    total = right = 0
    for example in examples:
        gold = example.reference
        for token in example.predicted:
            if token.is_punct or token.is_space:
                continue
            span = example.alignment.x2y[token.i] if hasattr(example, "alignment") else [token.i]
            gold_lemmas = [gold[j].lemma_ for j in span]
            if not gold_lemmas or not gold_lemmas[0]:
                continue
            total += 1
            right += lower(token.lemma_) == lower(gold_lemmas[0])
    return {"lemma_acc": right / total if total else None}


@registry.scorers("trnews.lemma_scorer.v1")
def make_lemma_scorer() -> Callable:
    return score_lemmas


@Language.factory(
    "trnews_lemmatizer",
    assigns=["token.lemma"],
    default_config={"overwrite": False, "keep_proper_case": True,
                    "scorer": {"@scorers": "trnews.lemma_scorer.v1"}},
    default_score_weights={"lemma_acc": 1.0},
)
def make_trnews_lemmatizer(nlp: Language, name: str, overwrite: bool, keep_proper_case: bool,
                           scorer: Optional[Callable]) -> TrnewsLemmatizer:
    return TrnewsLemmatizer(nlp, name, overwrite=overwrite, keep_proper_case=keep_proper_case, scorer=scorer)
