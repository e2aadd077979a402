"""Gazetteer and pattern rules for PER/ORG/LOC in Turkish news, run after the statistical NER.

Adds what the NER misses (institutions ending in a head word such as `Bakanlığı`, people
after titles such as `Başbakanı`, places from CLDR and the 81 provinces, surname-only
mentions of people named earlier) and repairs what it gets wrong (`ABD` as ORG, places as
PER, nationality adjectives and events as entities). It never changes the tokenization:
spans are token-aligned, so a glued case suffix (`Bakanlığının`) stays inside the span.
"""

from __future__ import annotations

import logging
from itertools import compress
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

import srsly
from spacy import util
import numpy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, ORTH, SPACY
from spacy.lang.tr.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from .casing import lower

logger = logging.getLogger("trnews")
DATA_DIR = Path(__file__).parent / "data"
DEFAULT_GAZETTEERS = ["countries", "cities", "provinces", "districts", "places", "institutions", "people"]
MERGE_MODES = ("rules_first", "longest", "ner_first")
LABELS = ("PER", "ORG", "LOC")
APOSTROPHES = ("'", "’")
MAX_NAME = 12  # tokens an institution name may reach leftwards from its head word
MEMORIAL_OPENERS = frozenset({"şehit", "merhum", "rahmetli"})  # a name given in someone's memory starts here
MAX_PERSON = 4  # name tokens after a title
ORTH_CACHE_LIMIT = 50_000  # per-orth token rows kept between documents

# Candidate strength. A strong rule is a pattern that is right nearly always (a title before a
# name, a head word after one, an unambiguous gazetteer name); weak ones lose to the NER.
STRONG, NER, WEAK = 2, 1, 0


def token_key(text: str) -> str:
    """Turkish-lowercased token text without its apostrophe suffix (`Sultan'da` -> `sultan`)."""
    folded = lower(text)
    for mark in APOSTROPHES:
        cut = folded.find(mark)
        if cut > 0:
            folded = folded[:cut]
    return folded


def phrase_key(text: str) -> Tuple[str, ...]:
    return tuple(token_key(part) for part in text.split())


def read_gazetteer(path: Path) -> List[List[str]]:
    """Rows `[name, label, note]` of one gazetteer TSV (`name label aliases note`), aliases expanded."""
    rows: List[List[str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or cells[1] not in LABELS:
            raise ValueError(f"{path.name} line {number}: expected 'name<TAB>PER|ORG|LOC<TAB>aliases<TAB>note', got {line!r}")
        name, label = cells[0].strip(), cells[1]
        aliases = [a.strip() for a in cells[2].split("|")] if len(cells) > 2 and cells[2] else []
        note = cells[3] if len(cells) > 3 else ""
        rows.extend([form, label, note] for form in [name, *aliases] if form)
    return rows


def load_data(gazetteers: Iterable[str], data_dir: Optional[Path] = None) -> Dict[str, Any]:
    """The component's data: gazetteer rows plus the word lists of entity_cues.json."""
    base = Path(data_dir) if data_dir else DATA_DIR
    rows: List[List[str]] = []
    for name in gazetteers:
        path = base / f"gazetteer_{name}.tsv"
        if not path.exists():
            known = sorted(p.stem[len("gazetteer_"):] for p in base.glob("gazetteer_*.tsv"))
            raise ValueError(f"unknown gazetteer {name!r}: no {path}; known: {', '.join(known)}")
        rows.extend(read_gazetteer(path))
    cues = srsly.read_json(base / "entity_cues.json")
    return {"gazetteer": rows, "cues": {k: v for k, v in cues.items() if not k.startswith("_")}}


class EntityRules(Pipe):
    """Rule layer over `doc.ents`; see the module docstring. Data arrive via `initialize()`."""

    def __init__(
        self,
        nlp: Language,
        name: str = "trnews_entity_rules",
        *,
        gazetteers: List[str] = DEFAULT_GAZETTEERS,
        merge: str = "rules_first",
        propagate_surnames: bool = True,
        propagate_mentions: bool = False,
        scorer: Optional[Callable] = None,
    ) -> None:
        if merge not in MERGE_MODES:
            raise ValueError(f"trnews_entity_rules: merge must be one of {MERGE_MODES}, got {merge!r}")
        self.name = name
        self.vocab = nlp.vocab
        self.cfg: Dict[str, Any] = {
            "gazetteers": list(gazetteers),
            "merge": merge,
            "propagate_surnames": propagate_surnames,
            "propagate_mentions": propagate_mentions,
        }
        self.scorer = scorer
        self._orth_info: Dict[int, Tuple[str, str, bool, bool, bool, bool]] = {}
        self.set_data(load_data(self.cfg["gazetteers"]))

    # ------------------------------------------------------------------ data
    def initialize(
        self,
        get_examples: Optional[Callable[[], Iterable[Example]]] = None,
        *,
        nlp: Optional[Language] = None,
        gazetteers: Optional[List[str]] = None,
        data_dir: Optional[str] = None,
    ) -> None:
        """Reload the data files (another gazetteer selection or a directory of your own files)."""
        if gazetteers is not None:
            self.cfg["gazetteers"] = list(gazetteers)
        self.set_data(load_data(self.cfg["gazetteers"], Path(data_dir) if data_dir else None))

    def set_data(self, data: Dict[str, Any]) -> None:
        self.data = data
        cues = data["cues"]
        self.titles = frozenset(cues["person_titles"])
        self.particles = frozenset(cues["name_particles"])
        self.not_entities = frozenset(cues["not_entities"])
        self.months = frozenset(cues.get("months", []))
        self.honorifics = frozenset(cues.get("honorifics", []))
        self.name_titles = frozenset(cues.get("titles_in_names", []))  # `Gazi Üniversitesi`
        self.ministry_titles = frozenset(cues.get("ministry_titles", []))
        self.case_endings = tuple(cues.get("case_endings", []))
        self.short_case_endings = tuple(cues.get("short_case_endings", []))
        self.directions = frozenset(cues.get("directions", []))
        self.bare_heads = frozenset(cues["org_heads"]) | frozenset(cues["loc_heads"])
        self.feature_heads = frozenset(cues.get("feature_heads", []))
        self.common_stems = tuple(cues.get("common_stems", []))
        self.derivations = tuple(cues.get("derivational_suffixes", []))
        self.participles = frozenset(cues.get("speech_participles", []))
        self.subsidiary_places = frozenset(cues.get("subsidiary_places", []))
        self.connectors = frozenset(cues.get("connectors", ["ve"]))
        self.team_suffixes = tuple(cues.get("team_suffixes", []))
        self.starters = frozenset(cues.get("sentence_starters", []))
        self.boards = frozenset(tuple(b.split()) for b in cues.get("boards", []))
        self.stop = frozenset(STOP_WORDS) - self.connectors
        glued = [""] + list(cues["glued_suffixes"])
        # inflected form -> label, for head words that end a name and take suffixes without '
        self.heads: Dict[str, str] = {}
        for label, key in (("LOC", "loc_heads"), ("ORG", "org_heads")):
            for head in cues[key]:
                for suffix in glued:
                    self.heads.setdefault(head + suffix, label)
        self.event_heads = frozenset(head + suffix for head in cues["event_heads"] for suffix in glued)
        # `Kale ilçesinde`, `Hatay ilinde`: a lower-case administrative unit after a place's name
        self.company_heads = frozenset(head + suffix for head in cues.get("company_heads", []) for suffix in glued)
        self.index_names = frozenset(cues.get("index_names", []))
        self.org_kinds = frozenset(cues.get("org_kinds", []))
        self.noun_endings = frozenset(glued) | frozenset(cues.get("noun_endings", []))
        self.unit_words = frozenset(unit + suffix for unit in cues.get("admin_units", []) for suffix in glued)
        # phrase -> (label, ambiguous, abbreviation); first token -> longest phrase length
        self.phrases: Dict[Tuple[str, ...], Tuple[str, bool, bool]] = {}
        self.first: Dict[str, int] = {}
        self.inflected_last: Dict[str, str] = {}
        for form, label, note in data["gazetteer"]:
            key = phrase_key(form)
            ambiguous = "ambiguous" in note and len(key) == 1
            abbreviation = len(form) >= 2 and form.isupper() and " " not in form
            previous = self.phrases.get(key)
            if previous is not None and (previous[0] != label or previous[1]):
                ambiguous = True  # one name, two referents (or flagged once): let the NER decide
            self.phrases[key] = (label, ambiguous, abbreviation)
            self.first[key[0]] = max(self.first.get(key[0], 0), len(key))
            if label == "ORG" and len(key) > 1:
                for suffix in glued[1:]:
                    self.inflected_last.setdefault(key[-1] + suffix, key[-1])

    # ------------------------------------------------------------- processing
    def __call__(self, doc: Doc) -> Doc:
        try:
            return self._process(doc)
        except Exception:  # a rule layer must never take a batch down; the NER's ents stay
            logger.exception("trnews_entity_rules failed on a document of %d tokens; NER entities kept", len(doc))
            return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def _process(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        # per token: (text, key, capitalised, key shorter than text), cached per orth id, so a
        # Doc costs one array read and a dict lookup per token (no Token objects)
        arr = doc.to_array([ORTH, SPACY])
        orths = arr[:, 0].tolist()
        spaced = arr[:, 1].tolist()
        cache = self._orth_info
        if len(cache) > ORTH_CACHE_LIMIT:  # rows are ~300 bytes: keep long runs' RSS flat
            cache.clear()
        strings = doc.vocab.strings
        distinct = set(orths)
        for orth in distinct.difference(cache):
            text = strings[orth]
            key = token_key(text)
            cap = text[:1].isupper()
            cache[orth] = (text, key, cap, len(key) < len(text), text[:1] in APOSTROPHES and len(text) > 1,
                           cap and not text.isupper())
        rows = list(map(cache.__getitem__, orths))
        texts, keys, caps, ends, split_suffix, _ = zip(*rows)
        # ends[i]: a name cannot go on after token i (apostrophe suffix glued or split off)
        ends = list(ends)
        for j in compress(range(n), split_suffix):
            if j and not spaced[j - 1]:
                ends[j - 1] = True
        # words written in ordinary capitalisation somewhere in the document: a headline in
        # capitals (`TRUMP HEM YATIRIMCILARI ...`) is a name only if its words occur so too
        seen = [cache[orth] for orth in distinct]
        mixed = {row[1] for row in seen if row[5]}
        common = {row[1] for row in seen if not row[2]}  # words the document writes in lower case
        ctx = (keys, texts, caps, ends, common, doc)
        gaz = self._gazetteer_matches(ctx)
        ner = [c for c in self._clean_ner(doc, ctx, mixed, common) if not self._shouting(ctx, c[0], c[1], mixed, common)]
        # the NER's longer person name wins over a title rule's piece of it (`Gazeteci Mert Kiev`)
        people = longest_cover([c for c in ner if c[2] == "PER"], n)
        titled = [c for c in self._title_matches(ctx, gaz) if not strictly_inside(c, people)]
        candidates = [c for c in self._head_matches(ctx, gaz) + titled + self._speaker_matches(ctx)
                      + self._unit_matches(ctx) + self._appositive_matches(ctx, ner)
                      if not self._shouting(ctx, c[0], c[1], mixed, common)]
        if self.cfg["merge"] == "rules_first":
            # a rule's longer name of the same kind wins over the NER's piece of it (`Davut` of `Davut Er`)
            covers = {label: longest_cover([c for c in candidates if c[2] == label], n) for label in LABELS}
            ner = [c for c in ner if not strictly_inside(c, covers.get(c[2], ()))]
            # a place from the list as the last word of a person's name is a surname (`Gart Kiev`)
            people = longest_cover([c for c in ner if c[2] == "PER"], n)
            gaz = [g for g in gaz if not (g[2] == "LOC" and g[0] > 0 and (keys[g[0] - 1],) not in self.phrases
                                          and ends_person(g, people))]
        chosen = self._merge(ner, gaz + candidates)
        chosen = self._consistent_labels(chosen, ctx)
        chosen = self._document_names(chosen, ctx)
        if self.cfg["propagate_surnames"]:
            chosen = self._propagate_surnames(chosen, ctx, gaz)
        if self.cfg["propagate_mentions"]:
            chosen = self._propagate_mentions(chosen, ctx)
        else:
            chosen = self._repeat_long_names(chosen, ctx)
        write_ents(doc, sorted(chosen))
        return doc

    def _lookup(self, ctx, i: int) -> Optional[Tuple[int, str, bool]]:
        """Longest gazetteer phrase starting at token i: (end, label, ambiguous)."""
        keys, texts, caps, ends = ctx[:4]
        if not caps[i] or keys[i] not in self.first:
            return None
        longest = min(self.first[keys[i]], len(keys) - i)
        for length in range(longest, 0, -1):
            if any(ends[i:i + length - 1]):
                continue
            key = tuple(keys[i:i + length])
            hit = self.phrases.get(key)
            if hit is None and length > 1 and keys[i + length - 1] in self.inflected_last:
                hit = self.phrases.get(key[:-1] + (self.inflected_last[keys[i + length - 1]],))
            if hit is None:
                continue
            label, ambiguous, abbreviation = hit
            if abbreviation and not token_upper(texts[i]):
                continue  # `AB` the union, not `Ab`
            return i + length, label, ambiguous
        return None

    def _gazetteer_matches(self, ctx) -> List[Tuple[int, int, str, int]]:
        keys, texts, caps, ends = ctx[:4]
        out = []
        i, n = 0, len(keys)
        first = self.first
        # _lookup() answers None for a token that is not capitalised or starts no listed name
        for c in [t for t in compress(range(n), caps) if keys[t] in first]:
            if c < i:
                continue
            i = c
            hit = self._lookup(ctx, i)
            if hit is None:
                i += 1
                continue
            end, label, ambiguous = hit
            if end < n and caps[end] and keys[end] in self.event_heads and not ends[end - 1]:
                pass  # `Avrupa Şampiyonası`, `Dünya Kupası`: the place names an event
            elif label == "ORG" and self._index_name(ctx, i, end):
                pass  # `BIST 100`: the exchange's index, not the exchange
            elif not ambiguous:
                start = i
                if label == "PER" and end - i == 1 and self._first_name_before(ctx, i):
                    start = i - 1  # `Eric Trump`: a known surname with another first name
                elif label == "LOC" and i > 0 and caps[i - 1] and keys[i - 1] in self.directions and not ends[i - 1]:
                    start = i - 1  # `Kuzey Irak`, `Güney Kivu`
                out.append((start, end, label, STRONG))
            elif not self._in_name_or_headline(ctx, i, end) and (
                    not is_boundary(texts, i) or ends[end - 1] or (end < n and not texts[end][:1].isalpha())):
                # `Aydın`, `Ağrı`: only on its own, and a sentence's first word only with a suffix
                # or punctuation after it (`Kale'de`, not `Kale kapısı`)
                out.append((i, end, label, WEAK))
            i = end
        return out

    def _opener(self, ctx, k: int) -> bool:
        """Token k opens a sentence and is an ordinary word (`Dün`, `Toplantıya`, `Açıklamada`)."""
        keys, texts, caps, ends = ctx[:4]
        key = keys[k]
        if not is_boundary(texts, k) or key in self.first:
            return False
        after = self.phrases.get(tuple(keys[k + 1:k + 2]))
        if after is not None and not after[1] and caps[k + 1]:
            return True  # `Dosya Yargıtay ...`: an unknown word opening the sentence before a known name
        if key in self.starters:
            return True
        if (len(key) > 5 and key.endswith(self.case_endings)) or (len(key) > 7 and key.endswith(self.short_case_endings)):
            # the ending must be one: the lemmatizer (when it ran) cut something off (`Toplantıya`, not `Belediye`)
            lemma = ctx[5][k].lemma_ if len(ctx) > 5 else ""
            return not lemma or len(lemma) < len(key)
        return False

    def _first_name_before(self, ctx, i: int) -> bool:
        keys, texts, caps, ends = ctx[:4]
        prev = i - 1
        return (
            i > 0 and caps[prev] and not ends[prev] and keys[prev] not in self.stop
            and keys[prev] not in self.titles and keys[prev] not in self.starters and keys[prev] not in self.heads
            and keys[prev] not in self.not_entities and (keys[prev],) not in self.phrases
            and texts[prev].isupper() == texts[i].isupper() and not self._opener(ctx, prev)
        )

    def _in_name_or_headline(self, ctx, start: int, end: int) -> bool:
        """A capitalised neighbour makes a longer name (`Mali Müşavir`); capitals all round, a headline."""
        keys, texts, caps, ends = ctx[:4]
        n = len(keys)
        before = start > 0 and caps[start - 1] and not ends[start - 1] and not is_boundary(texts, start - 1)
        after = end < n and caps[end] and not ends[end - 1]
        shouting = texts[start].isupper() and any(
            0 <= t < n and len(texts[t]) > 1 and texts[t].isupper() and texts[t].isalpha()
            for t in (start - 1, end)
        )
        return before or after or shouting

    def _extend_left(self, ctx, head: int, gaz_ends=frozenset(), limit: int = MAX_NAME) -> int:
        """First token of the capitalised name that ends at `head` (`Tarım ve Orman` + head)."""
        keys, texts, caps, ends = ctx[:4]
        start = head
        head_shouting = texts[head].isupper()
        k = head - 1
        while k >= 0 and head - k < limit:
            key = keys[k]
            if ends[k]:
                break
            if caps[k] and key not in self.stop and (key not in self.titles or key in self.name_titles):
                if self._opener(ctx, k):
                    break  # `Dün DSÖ ...`, `Toplantıya Dışişleri Bakanlığı ...`: a sentence opener
                if key in self.heads and key not in self.bare_heads:
                    break  # `Partisinin Çankaya İlçe Başkanlığı`: a genitive ends the name before
                if not head_shouting and len(key) > 4 and texts[k].isupper() and key not in self.first:
                    break  # `BORÇLANIYOR AB Komisyonu`: a headline word before the name
                start = k
                if key in MEMORIAL_OPENERS:
                    break  # `Türkiye Şehit Esma Çevik Petrol Sahası`: a memorial name starts at `Şehit`
            elif caps[k] and key in self.stop and k > 0 and not is_boundary(texts, k) and start < head:
                pass  # `Enerji ve Tabii Kaynaklar Bakanlığı`: a capitalised stop word inside the name
            elif key.isdigit() and len(key) <= 2 and k + 1 < head and keys[k + 1] in self.months:
                start = k  # `19 Mayıs Stadyumu`, `15 Temmuz Şehitler Köprüsü`
            elif ordinal(texts[k]) and k > 0 and caps[k - 1] and not ends[k - 1]:
                pass  # `Yargıtay 8. Dairesi`: the word before decides
            elif key in self.connectors and k > 0 and caps[k - 1] and not ends[k - 1]:
                if keys[k - 1] in self.heads or k in gaz_ends:
                    break  # `AK Parti ve Cumhur İttifakı`: two names, not one
            elif key == "," and k > 0 and caps[k - 1] and start + 1 < head and keys[start + 1] == "ve":
                pass  # `Plastik, Rekonstrüktif ve Estetik Cerrahi Derneği`: a list inside the name
            else:
                break
            k -= 1
        return start

    def _head_matches(self, ctx, gaz) -> List[Tuple[int, int, str, int]]:
        keys, texts, caps, ends = ctx[:4]
        gaz_ends = frozenset(e for s, e, _, prio in gaz if prio == STRONG)  # token after a name
        out = []
        for i, key in enumerate(keys):
            if not caps[i]:
                continue
            label = self.heads.get(key)
            if label is None:
                if self.team_suffixes and len(key) > 5 and key.endswith(self.team_suffixes):
                    out.append((i, i + 1, "ORG", STRONG))  # `Samsunspor`
                continue
            if i + 1 < len(keys) and caps[i + 1] and keys[i + 1] in self.ministry_titles and not ends[i]:
                continue  # `Sanayi ve Teknoloji Bakanı`: the head word names a ministry's field
            start = self._extend_left(ctx, i, gaz_ends)
            end = i + 1
            if end - start > 2 and tuple(keys[end - 2:end]) in self.boards:
                end -= 2  # `Bosch Grubu Yönetim Kurulu Başkanı`: the board belongs to the title
                if keys[end - 1] not in self.heads:
                    continue
            if end - start < 2 or len(keys[end - 2]) == 1 or tuple(keys[start:end]) in self.boards:
                continue  # a bare head word, `E Grubu`, a board on its own (`Bilim Kurulu`)
            out.append((start, end, label, STRONG))
        return out

    def _unit_matches(self, ctx) -> List[Tuple[int, int, str, int]]:
        """`Kale ilçesinde`, `Zonguldak'ın Filyos ilçesi`, `Hatay ilinde`: the capitalised words right
        before a lower-case administrative unit name a place (the unit word stays outside)."""
        keys, texts, caps, ends = ctx[:4]
        out = []
        units = self.unit_words
        for i in [t for t in range(1, len(keys)) if keys[t] in units and not caps[t]]:
            start = i
            while start > 0 and i - start < 3 and caps[start - 1] and not ends[start - 1] \
                    and keys[start - 1] not in self.stop and keys[start - 1] not in self.titles \
                    and (start == i or (keys[start - 1],) not in self.phrases):  # `Beykoz | Çavuşbaşı köyü`
                start -= 1
                if is_boundary(texts, start) or (start > 0 and ends[start - 1]):
                    break
            if start < i and not any(keys[t] in self.heads for t in range(start, i)):
                out.append((start, i, "LOC", STRONG))
        return out

    def _title_matches(self, ctx, gaz) -> List[Tuple[int, int, str, int]]:
        keys, texts, caps, ends = ctx[:4]
        n = len(keys)
        strong_gaz = {s: e for s, e, _, prio in gaz if prio == STRONG}
        out = []
        i = 0
        titles = self.titles
        for c in [t for t in range(n) if keys[t] in titles]:  # only a title word starts a match
            if c < i:
                continue
            i = c
            j = i + 1
            while j < n and keys[j] in self.titles and not ends[j - 1]:
                j += 1  # `Prof. Dr.`, `Başkan Yardımcısı`
            start = j
            spoiled = False
            while j < n and j - start < MAX_PERSON:
                key = keys[j]
                if j in strong_gaz or key in self.not_entities or key in self.honorifics:
                    break
                if caps[j] and (key in self.heads or key in self.titles or key in self.event_heads):
                    spoiled = True  # `Milletvekili Genel Seçimleri`: an event or institution, no person
                    break
                if caps[j] and j > start and len(texts[j]) > 1 and texts[j].isupper() != texts[start].isupper():
                    break  # `Adnan Keskin SPD ...`: an abbreviation after a name in ordinary case
                if caps[j] and key not in self.stop:
                    j += 1
                elif key in self.particles and j > start:
                    k = j
                    while k < n and keys[k] in self.particles:
                        k += 1
                    if k >= n or not caps[k]:
                        break
                    j = k  # `Ursula von der Leyen`
                else:
                    break
                if ends[j - 1]:
                    break
            while j > start and not caps[j - 1]:
                j -= 1  # never end on a particle
            if j > start and not spoiled:
                out.append((start, j, "PER", STRONG))
                i = j
            else:
                i += 1
        return out

    def _appositive_matches(self, ctx, ner=()) -> List[Tuple[int, int, str, int]]:
        """`yazılım şirketi Netpa`, `Belçika ekibi Club Brugge`: the capitalised name right after a
        lower-case word for a kind of organisation is that organisation (not a place or person
        the gazetteer knows; a title after the name ends it)."""
        keys, texts, caps, ends = ctx[:4]
        n = len(keys)
        out = []
        kinds = self.org_kinds
        for i in [t for t in range(n - 1) if keys[t] in kinds and not caps[t] and not ends[t]]:
            j = i + 1
            while j < n and j - i <= 4 and caps[j] and keys[j] not in self.stop and keys[j] not in self.titles \
                    and keys[j] not in self.not_entities and not texts[j].isdigit():
                j += 1
                if ends[j - 1]:
                    break
            if j == i + 1 or (j < n and caps[j] and not ends[j - 1]):
                continue  # nothing capitalised, or a longer name the chain did not reach the end of
            hit = self._lookup(ctx, i + 1)
            if hit is not None and hit[1] != "ORG":
                continue  # `kurtarma ekibi Ankara'ya`: a known place stays a place
            out.append((i + 1, j, "ORG", STRONG))
        if out and ner:
            cover = longest_cover(ner, n)
            out = [c for c in out if not strictly_inside(c, cover)]  # `Ay` of the NER's `Ay - Yıldız`
        return out

    def _speaker_matches(self, ctx) -> List[Tuple[int, int, str, int]]:
        """`... olduğunu belirten Mamin, ...`: an unknown name between a speech participle and a comma."""
        keys, texts, caps, ends = ctx[:4]
        n = len(keys)
        out = []
        participles = self.participles
        for i in [t for t in range(n - 2) if keys[t] in participles and not caps[t]]:
            j = i + 1
            while j < n and j - i <= 3 and caps[j] and keys[j] not in self.stop and keys[j] not in self.titles \
                    and keys[j] not in self.heads and keys[j] not in self.not_entities:
                j += 1
                if ends[j - 1]:
                    break
            if j > i + 1 and j < n and (texts[j] in (",", ":") or ends[j - 1]):
                out.append((i + 1, j, "PER", WEAK))
        return out

    def _clean_ner(self, doc: Doc, ctx, mixed=frozenset(), common=frozenset()) -> List[Tuple[int, int, str, int]]:
        """The NER's entities minus non-entities, titles trimmed, gazetteer labels enforced."""
        keys, texts, caps, ends = ctx[:4]
        n = len(keys)
        out = []
        ents = doc.ents
        # words of the NER's multi-word people: a single word among them is a name, not a common noun
        person_words = {keys[t] for ent in ents if ent.label_ == "PER" and len(ent) > 1
                        for t in range(ent.start, ent.end)}
        near_common: Dict[str, List[str]] = {}
        for ent in ents:
            s, e, label = ent.start, ent.end, ent.label_
            shouting = all(texts[t].isupper() for t in range(s, e) if texts[t][:1].isalpha())
            while s < e and (keys[s] in self.titles or not caps[s] or (
                    not shouting and len(keys[s]) > 2 and texts[s].isupper() and keys[s] not in mixed
                    and keys[s] not in self.first)):
                s += 1  # `Başbakan Askar Mamin` -> `Askar Mamin`; `İSTENECEK Norona` -> `Norona`
            while e - s > 1 and not ends[s] and keys[s] not in self.first and self._opener(ctx, s) and (
                    not doc[s].lemma_ or len(doc[s].lemma_) < len(keys[s])):
                s += 1  # `Görüntülerde Republic` -> `Republic`: an inflected sentence opener (not `Belediye`)
            while e > s and (not caps[e - 1] and not texts[e - 1][:1].isdigit() or keys[e - 1] in self.honorifics):
                e -= 1  # trailing punctuation or small word; `Mansur Bey` -> `Mansur`
            if s >= e:
                continue
            span_keys = keys[s:e]
            joined = " ".join(span_keys)
            if joined in self.not_entities or span_keys[-1] in self.event_heads:
                continue
            if any(k in self.titles for k in span_keys[1:]):
                continue  # `Kazakistan Başbakanı Askar Mamin` as one span: the rules split it
            if all(k in common for k in span_keys) and tuple(span_keys) not in self.phrases and (
                    label != "PER" or e - s == 1 and span_keys[0] not in person_words):
                continue  # `Beslenme`, `Sağlıklı Beslenme` in a text that writes `beslenme`: common words
                # (not full person names: `Barış Güler` is made of everyday words too)
            if e - s == 1 and label != "LOC" and span_keys[0] in self.stop and (span_keys[0],) not in self.phrases:
                continue  # `Öyle`, `Ancak`: a function word, whatever its capital (`Nice` may be the city)
            if e - s == 1 and span_keys[0].startswith(self.common_stems):
                continue  # `Bakanlıktan`, `Bakanlığımıza`: the institution named by a common noun
            if e - s == 1 and self._derived(span_keys[0]):
                continue  # `Samsunsporlu`, `Ankaralı`: an adjective made from a name, not the name
            if e < len(keys) and caps[e] and keys[e] in self.event_heads and not ends[e - 1]:
                continue  # `Gençler Balkan` of `Gençler Balkan Şampiyonası`: part of an event's name
            if label != "PER" and self._index_name(ctx, s, e):
                continue  # `BIST 100 endeksi`, `Nikkei 225`: a market index, not an institution
            if label == "PER" and e - s == 1 and is_boundary(texts, s) and not ends[s] \
                    and span_keys[0] not in person_words and (span_keys[0],) not in self.phrases \
                    and (self._inflected_common(span_keys[0], common, near_common)
                         or e < n and texts[e][:1].isalpha() and self._inflected_lemma(span_keys[0], doc[s].lemma_)):
                continue  # `Gümüşün ons fiyatı`, `Düşüş ...`: a sentence-initial word the text writes in lower
                # case, or one the lemmatizer reads as a common word with a case ending (names take `'`)
            if label == "PER" and e < n and caps[e] and not ends[e - 1] and self._title_after(keys, e):
                label = "ORG"  # `Akkuyu Nükleer Genel Müdürü ...`: whose director, an organisation's
            if label != "PER" and e < len(keys) and keys[e] in self.ministry_titles and span_keys[-1] not in self.heads:
                continue  # `Milli Eğitim` in `Milli Eğitim Bakanı`: part of a title, not a name
            if label != "PER" and self._field_of_minister(ctx, e) and (span_keys[0],) not in self.phrases:
                continue  # `Hazine` in `Hazine ve Maliye Bakanı`: one of the ministry's fields
            hit = self.phrases.get(tuple(span_keys))
            if hit is not None and not hit[1]:
                label = hit[0]  # gazetteer wins: `ABD` is LOC, `Edirne` is not a person
            elif label == "PER" and any(camel(texts[t]) for t in range(s, e)):
                label = "ORG"  # `JPMorgan`, `TikTok`: brands, not people
            out.append((s, e, label, NER))
        return out

    def _field_of_minister(self, ctx, e: int) -> bool:
        """`ve Maliye Bakanı` follows: the name before `ve` is a field in a minister's title."""
        keys, texts, caps, ends = ctx[:4]
        n = len(keys)
        if e >= n or keys[e] not in self.connectors or ends[e - 1]:
            return False
        j = e + 1
        while j < n and j - e < 6 and caps[j] and keys[j] not in self.ministry_titles and not ends[j - 1]:
            j += 1
        return j > e + 1 and j < n and caps[j] and keys[j] in self.ministry_titles and keys[j] != "bakanlığı" \
            and not ends[j - 1]

    def _index_name(self, ctx, s: int, e: int) -> bool:
        """The name before `100 endeksi` / `endeksi`, or a listed index name before a number."""
        keys, texts, caps, ends = ctx[:4]
        n = len(keys)
        if ends[e - 1] and not (e < n and texts[e][:1] in APOSTROPHES):
            return False
        j = e + 1 if e < n and texts[e][:1] in APOSTROPHES else e
        number = j < n and keys[j].isdigit()
        if number and " ".join(keys[s:e]) in self.index_names:
            return True
        j += number
        # `endeksi`, `endeksinde`, not `endekslendiğini`
        return j < n and keys[j].startswith("endeks") and keys[j][6:7] in ("", "i") and not caps[j]

    def _inflected_common(self, key: str, common, cache: Dict[str, List[str]]) -> bool:
        """`key` is a stem the document writes in lower case (with any short ending) plus a noun
        ending (`gümüşün` / `gümüş`, `düşüş` / `düşüşün`, `kira` / `kiralık`)."""
        if len(key) < 4:
            return False
        if not cache:
            cache[""] = []
            for word in common:
                if len(word) >= 3:
                    cache.setdefault(word[:3], []).append(word)
        endings = self.noun_endings
        for word in cache.get(key[:3], ()):
            same, limit = 3, min(len(word), len(key))
            while same < limit and word[same] == key[same]:
                same += 1
            if key[same:] in endings and (len(word) - same <= 4 or word[same:] in endings) and word != key \
                    and word.isalpha():
                return True  # the stem the text writes in lower case, with a noun ending
        return False

    def _inflected_lemma(self, key: str, lemma: str) -> bool:
        """The lemmatizer cut a noun ending off the word (`gümüşün` -> `gümüş`), not a plural
        (`Avkaroğulları` is a surname)."""
        if not lemma or len(lemma) < 3 or len(lemma) >= len(key) or not key.startswith(lemma):
            return False
        ending = key[len(lemma):]
        return ending in self.noun_endings and not ending.startswith(("lar", "ler"))

    def _title_after(self, keys: List[str], e: int) -> bool:
        """A possessive title follows (`Müdürü`, `Genel Direktörü`): the name before it is its owner."""
        k = e + 1 if keys[e] == "genel" and e + 1 < len(keys) else e
        key = keys[k]
        return key in self.titles and key[-1:] in ("ı", "i", "u", "ü") and key not in self.honorifics

    def _derived(self, key: str) -> bool:
        for suffix in self.derivations:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                stem = key[:-len(suffix)]
                hit = self.phrases.get((stem,))
                if hit is not None and (not hit[1] or len(stem) >= 5) or stem.endswith(self.team_suffixes or ("\0",)):
                    return True  # a short ambiguous name (`Mut`, a district) does not make `Mutlu` an adjective
        return False

    def _shouting(self, ctx, s: int, e: int, mixed, common=frozenset()) -> bool:
        """All capitals, with a long word the document writes in lower case but never capitalised: a
        headline (`ÖĞRENCİ GRUBUNU HEDEFLİYORUZ`), not a name in capitals (`HALİL ÖZER`)."""
        keys, texts, caps, ends = ctx[:4]
        if not all(texts[t].isupper() or not texts[t][:1].isalpha() for t in range(s, e)):
            return False
        if e - s == 1 and keys[s] in common and keys[s] not in self.first and len(keys[s]) > 3:
            return True  # `OLACAK`: a word the document also writes in lower case
        return any(len(keys[t]) > 4 and keys[t] not in mixed and keys[t] not in self.first
                   and keys[t] in common for t in range(s, e))

    def _consistent_labels(self, chosen, ctx) -> List[Tuple[int, int, str, int]]:
        """One name, one label per document: the NER's odd label yields to a rule's or the majority's."""
        keys = ctx[0]
        votes: Dict[Tuple[str, ...], Dict[str, int]] = {}
        for s, e, label, prio in chosen:
            tally = votes.setdefault(tuple(keys[s:e]), {})
            tally[label] = tally.get(label, 0) + (10 if prio == STRONG else 1)
        out = []
        for s, e, label, prio in chosen:
            tally = votes[tuple(keys[s:e])]
            if prio == NER and len(tally) > 1:
                best = max(tally, key=tally.get)
                if tally[best] > tally[label]:
                    label = best
            out.append((s, e, label, prio))
        return out

    def _merge(self, ner, rules) -> List[Tuple[int, int, str, int]]:
        mode = self.cfg["merge"]
        pool = list(ner) + list(rules)
        if mode == "rules_first":
            order = lambda c: (-c[3], -(c[1] - c[0]), c[0])
        elif mode == "ner_first":
            order = lambda c: (-(c[3] == NER), -c[3], -(c[1] - c[0]), c[0])
        else:  # longest
            order = lambda c: (-(c[1] - c[0]), -c[3], c[0])
        taken = bytearray(max((c[1] for c in pool), default=0))
        chosen = []
        for s, e, label, prio in sorted(pool, key=order):
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            chosen.append((s, e, label, prio))
        return chosen

    def _document_names(self, chosen, ctx) -> List[Tuple[int, int, str, int]]:
        """What the document itself teaches: `(ABBR)` after a name, `Gabar` after `Gabar Dağı`,
        `Güney Kivu`, `Hyundai Motor Türkiye`; each taught name is tagged wherever it recurs."""
        keys, texts, caps, ends = ctx[:4]
        n = len(keys)
        owner = [-1] * n
        for idx, (s, e, _, _) in enumerate(chosen):
            for t in range(s, e):
                owner[t] = idx
        out = list(chosen)
        taught: Dict[str, str] = {}  # single-token names -> label
        companies = set()  # `Dataform` of `Dataform Teknoloji`
        for idx, (s, e, label, prio) in enumerate(chosen):
            # `Fransız Beslenme Derneği (SFN)`: the bracketed capitals abbreviate the name before
            b = e + 1 if e < n and texts[e][:1] in APOSTROPHES and len(texts[e]) > 1 else e  # `Ofisi'nin (TMO)`
            if b + 2 < n and texts[b] == "(" and texts[b + 2] == ")" and abbreviation(texts[b + 1]) \
                    and label != "PER":
                if owner[b + 1] == -1:
                    out.append((b + 1, b + 2, label, WEAK))
                    owner[b + 1] = len(out) - 1
                elif out[owner[b + 1]][:2] == (b + 1, b + 2) and out[owner[b + 1]][3] != STRONG:
                    out[owner[b + 1]] = (b + 1, b + 2, label, out[owner[b + 1]][3])  # the NER's odd label
                taught[keys[b + 1]] = label
            # `Filyos ilçesinde` -> `Filyos`
            if label == "LOC" and e - s == 1 and e < n and keys[e] in self.unit_words and not caps[e]:
                taught.setdefault(keys[s], "LOC")
            # `Dataform Teknoloji` -> `Dataform`
            if label == "ORG" and e - s == 2 and keys[e - 1] in self.company_heads and not ends[s] \
                    and (keys[s],) not in self.phrases and keys[s] not in self.stop:
                taught.setdefault(keys[s], "ORG")
                companies.add(keys[s])
            # `Gabar Dağı` -> `Gabar`
            if label == "LOC" and e - s == 2 and keys[e - 1] in self.feature_heads and not ends[s]:
                taught.setdefault(keys[s], "LOC")
        for i in [t for t in range(n) if keys[t] in taught] if taught else ():
            if not (caps[i] and keys[i] in taught and (
                    taught[keys[i]] == "LOC" or texts[i].isupper() or keys[i] in companies)):
                continue
            if owner[i] == -1:
                if keys[i] in companies and is_boundary(texts, i) and not ends[i]:
                    continue  # a sentence's first word without a suffix may be the plain word
                out.append((i, i + 1, taught[keys[i]], WEAK))
                owner[i] = len(out) - 1
            elif out[owner[i]][:2] == (i, i + 1) and out[owner[i]][3] == NER:
                out[owner[i]] = (i, i + 1, taught[keys[i]], NER)  # `Gabar` of `Gabar Dağı` is no person
        final: List[Optional[Tuple[int, int, str, int]]] = []
        for idx, cand in enumerate(out):
            if cand is None:  # merged into the company before it
                final.append(None)
                continue
            s, e, label, prio = cand
            if label == "LOC" and s > 0 and owner[s - 1] == -1 and caps[s - 1] and keys[s - 1] in self.directions \
                    and not ends[s - 1]:
                s -= 1  # `Güney Kivu`
            if label == "ORG" and e < n and owner[e] != -1 and keys[e] in self.subsidiary_places and not ends[e - 1] \
                    and out[owner[e]] is not None and out[owner[e]][:2] == (e, e + 1):
                e += 1  # `Hyundai Motor Türkiye`: the company's Turkish arm
                out[owner[e - 1]] = None
            final.append((s, e, label, prio))
        drop = {i for i, c in enumerate(out) if c is None}
        return [c for i, c in enumerate(final) if i not in drop and c is not None]

    def _propagate_surnames(self, chosen, ctx, gaz) -> List[Tuple[int, int, str, int]]:
        """`Berkel` after `Ayşe Berkel`: later mentions of a full name or its surname are that person.
        A shorter or mislabelled NER span there (`Davut` of `Davut Er`) gives way to the full mention."""
        keys, texts, caps, ends = ctx[:4]
        n = len(keys)
        full: Dict[Tuple[str, ...], int] = {}
        for s, e, label, _ in chosen:
            if label == "PER" and 2 <= e - s <= 4 and not any(ends[s:e - 1]):
                full[tuple(keys[s:e])] = 1
                full[(keys[e - 1],)] = 1  # the surname
                if e - s >= 3:
                    full[tuple(keys[s + 1:e])] = 1  # `Büyüktuncer Demirel` of `Zehra Büyüktuncer Demirel`
        if not full:
            return chosen
        longest = max(len(k) for k in full)
        strong = {(s, e) for s, e, _, prio in gaz if prio == STRONG}
        out: List[Optional[Tuple[int, int, str, int]]] = list(chosen)
        owner = [-1] * n
        for idx, (s, e, _, _) in enumerate(out):
            for t in range(s, e):
                owner[t] = idx
        i = 0
        stop = self.stop
        for c in [t for t in compress(range(n), caps) if keys[t] not in stop]:  # where a name can start
            if c < i:
                continue
            i = c
            claimed = 0
            for length in range(min(longest, n - i), 0, -1):
                key = tuple(keys[i:i + length])
                if key not in full or any(ends[i:i + length - 1]):
                    continue
                inside = {owner[t] for t in range(i, i + length)} - {-1}
                spans = [out[idx] for idx in inside]
                if any(c[0] < i or c[1] > i + length for c in spans):
                    break  # part of a longer name
                if any(c[2] != "PER" and ((c[0], c[1]) in strong or c[3] == STRONG) for c in spans):
                    break  # a listed place or institution stays what it is
                start = i
                if length == 1 and not inside and i > 0 and owner[i - 1] == -1 and self._first_name_before(ctx, i):
                    start = i - 1  # `Osman Arslan` after `Arslan`: the first name comes along
                for idx in inside:
                    out[idx] = None
                out.append((start, i + length, "PER", WEAK))
                for t in range(start, i + length):
                    owner[t] = len(out) - 1
                claimed = length
                break
            i += claimed or 1
        return [c for c in out if c is not None]

    def _repeat_long_names(self, chosen, ctx) -> List[Tuple[int, int, str, int]]:
        """An institution or place of two or more words found once is that again wherever the same
        words recur capitalised and untagged (`Club Brugge` in `Club Brugge Sportif Direktörü`)."""
        keys, texts, caps, ends = ctx[:4]
        n = len(keys)
        names: Dict[Tuple[str, ...], str] = {}
        for s, e, label, _ in chosen:
            if label != "PER" and e - s >= 2 and not any(ends[s:e - 1]):
                key = tuple(keys[s:e])
                if key not in self.boards and " ".join(key) not in self.not_entities:
                    names.setdefault(key, label)
        if not names:
            return chosen
        firsts = {key[0] for key in names}
        longest = max(len(key) for key in names)
        taken = bytearray(n)
        for s, e, _, _ in chosen:
            taken[s:e] = b"\x01" * (e - s)
        added = []
        for i in [t for t in range(n) if keys[t] in firsts and caps[t] and not taken[t]]:
            if taken[i]:
                continue
            for length in range(min(longest, n - i), 1, -1):
                key = tuple(keys[i:i + length])
                if key in names and not any(taken[i:i + length]) and not any(ends[i:i + length - 1]) \
                        and all(caps[t] or not texts[t][:1].isalpha() or keys[t] in self.connectors
                                for t in range(i, i + length)):  # `MSN Sokağı`, not `MSN sokağı`
                    added.append((i, i + length, names[key], WEAK))
                    taken[i:i + length] = b"\x01" * length
                    break
        return chosen + added

    def _propagate_mentions(self, chosen, ctx) -> List[Tuple[int, int, str, int]]:
        """A name tagged once is tagged wherever it recurs capitalised in the document."""
        keys, texts, caps, ends = ctx[:4]
        names: Dict[Tuple[str, ...], str] = {}
        for s, e, label, _ in chosen:
            key = tuple(keys[s:e])
            if label != "PER" and " ".join(key) not in self.not_entities:
                names.setdefault(key, label)
        if not names:
            return chosen
        longest = max(len(k) for k in names)
        taken = bytearray(len(keys))
        for s, e, _, _ in chosen:
            taken[s:e] = b"\x01" * (e - s)
        added = []
        i = 0
        while i < len(keys):
            if taken[i] or not caps[i]:
                i += 1
                continue
            for length in range(min(longest, len(keys) - i), 0, -1):
                key = tuple(keys[i:i + length])
                if key in names and not any(taken[i:i + length]) and not any(ends[i:i + length - 1]):
                    added.append((i, i + length, names[key], WEAK))
                    i += length - 1
                    break
            i += 1
        return chosen + added

    # ---------------------------------------------------------- serialization
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        serializers = {
            "cfg": lambda: srsly.json_dumps(self.cfg),
            "data": lambda: srsly.json_dumps(self.data),
        }
        return util.to_bytes(serializers, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = tuple()) -> "EntityRules":
        loaded: Dict[str, Any] = {}
        deserializers = {
            "cfg": lambda b: loaded.update(cfg=srsly.json_loads(b)),
            "data": lambda b: loaded.update(data=srsly.json_loads(b)),
        }
        util.from_bytes(bytes_data, deserializers, exclude)
        self.cfg.update(loaded.get("cfg", {}))
        if "data" in loaded:
            self.set_data(loaded["data"])
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = tuple()) -> None:
        path = util.ensure_path(path)
        serializers = {
            "cfg": lambda p: srsly.write_json(p, self.cfg),
            "data.json": lambda p: srsly.write_json(p, self.data),
        }
        util.to_disk(path, serializers, exclude)

    def from_disk(self, path, *, exclude: Iterable[str] = tuple()) -> "EntityRules":
        path = util.ensure_path(path)
        loaded: Dict[str, Any] = {}
        deserializers = {
            "cfg": lambda p: loaded.update(cfg=srsly.read_json(p)),
            "data.json": lambda p: loaded.update(data=srsly.read_json(p)),
        }
        util.from_disk(path, deserializers, exclude)
        self.cfg.update(loaded.get("cfg", {}))
        if "data" in loaded:
            self.set_data(loaded["data"])
        return self


SENTENCE_END = frozenset(".!?:;\"“”«»…")


def write_ents(doc: Doc, spans: List[Tuple[int, int, str, Any]]) -> None:
    """`doc.set_ents([Span(doc, s, e, label=label) ...], default="outside")` as one array write (no
    Span objects): entity tokens get B/I, the label and KB id 0, all other tokens O; entity ids stay.
    `spans` sorted; overlapping or out-of-range spans raise like set_ents/Span would."""
    n = len(doc)
    iob = [2] * n
    types = [0] * n
    kb_ids = doc.to_array([ENT_KB_ID]).tolist()
    strings = doc.vocab.strings
    labels: Dict[str, int] = {}
    covered = 0
    for s, e, label, _ in spans:
        if not 0 <= s <= e <= n:
            raise IndexError(f"entity span {s}..{e} outside a Doc of {n} tokens")
        if e == s:
            continue
        if s < covered:
            raise ValueError(f"overlapping entities at token {s}")
        covered = e
        label_id = labels.get(label)
        if label_id is None:
            label_id = labels[label] = strings.add(label)
        iob[s] = 3
        for t in range(s, e):
            types[t] = label_id
            kb_ids[t] = 0
        for t in range(s + 1, e):
            iob[t] = 1
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID],
                   numpy.array([iob, types, kb_ids], dtype="uint64").T.reshape(n, 3))


def is_boundary(texts: List[str], i: int) -> bool:
    """Token i opens a sentence (or a headline, a quote): nothing capitalised says `name` here."""
    return i == 0 or texts[i - 1][-1:] in SENTENCE_END or texts[i - 1].isspace()


def longest_cover(spans, n: int) -> List[Optional[Tuple[int, int, str, int]]]:
    """Per token, the longest of `spans` covering it (None where none does): linear-time overlap tests."""
    cover: List[Optional[Tuple[int, int, str, int]]] = [None] * n
    for span in sorted(spans, key=lambda c: c[1] - c[0]):
        for t in range(span[0], span[1]):
            cover[t] = span
    return cover


def strictly_inside(cand, cover) -> bool:
    """`cand` lies inside a longer span of `cover`."""
    if not cover:
        return False
    other = cover[cand[0]]
    return other is not None and other[0] <= cand[0] and cand[1] <= other[1] and other[1] - other[0] > cand[1] - cand[0]


def ends_person(cand, people) -> bool:
    """`cand` is the last word(s) of a longer person name in `people` (a cover)."""
    other = people[cand[0]]
    return other is not None and other[0] < cand[0] and cand[1] == other[1]


def ordinal(text: str) -> bool:
    """`8.`, `12.`: a number written as an ordinal (one token under the trnews tokenizer)."""
    return 2 <= len(text) <= 4 and text[-1] == "." and text[:-1].isdigit()


def camel(text: str) -> bool:
    """A capital after a small letter inside the word (`JPMorgan`, `TikTok`)."""
    return any(a.islower() and b.isupper() for a, b in zip(text, text[1:]))


def abbreviation(text: str) -> bool:
    """`SFN`, `TÜİK`, `G20`: 2-8 characters, capitals (and digits), at least two letters."""
    return 2 <= len(text) <= 8 and text.isupper() and text.isalnum() and sum(ch.isalpha() for ch in text) >= 2


def token_upper(text: str) -> bool:
    """The token's letters before any apostrophe are all upper case (`ABD'nin`)."""
    for mark in APOSTROPHES:
        cut = text.find(mark)
        if cut > 0:
            text = text[:cut]
    return text.isupper()


@registry.scorers("trnews.entity_scorer.v1")
def make_entity_scorer() -> Callable:
    def score(examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        return get_ner_prf(examples)

    return score


@Language.factory(
    "trnews_entity_rules",
    assigns=["doc.ents"],
    default_config={
        "gazetteers": DEFAULT_GAZETTEERS,
        "merge": "rules_first",
        "propagate_surnames": True,
        "propagate_mentions": False,
        "scorer": {"@scorers": "trnews.entity_scorer.v1"},
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_entity_rules(
    nlp: Language,
    name: str,
    gazetteers: List[str],
    merge: str,
    propagate_surnames: bool,
    propagate_mentions: bool,
    scorer: Optional[Callable],
) -> EntityRules:
    return EntityRules(
        nlp,
        name,
        gazetteers=gazetteers,
        merge=merge,
        propagate_surnames=propagate_surnames,
        propagate_mentions=propagate_mentions,
        scorer=scorer,
    )
