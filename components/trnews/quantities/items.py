"""What a quantity measures (`item`): the noun phrase after the amount or the subject of its clause.

Turkish news writes the measured thing in a few fixed places:

* right after the amount when the amount is an attribute: `90 milyon ton petrol`,
  `85 milyar metreküplük yeni bir doğal gaz rezervi`, `1 milyar dolara kadar yatırım`;
* else as the genitive or possessive subject of the clause before it: `enflasyonun yüzde 38`,
  `Altının ons fiyatı ... 2.065 dolar`, `fındığın kilogramı 84 lira`, `Un fiyatı ... 900 liradan`,
  or a bare subject: `net kâr ... yüzde 41 artışla`, `çalışmalar yüzde 95 seviyesinde`.

Never an item: entities (names, places, organisations), titles (`Başkanı`), reporting nouns
(`açıklamada`), verb forms (`olacağını`, `arttı`), unit words (`kilogramı`, `varil`), time words
(`yılın`, `günü`, `mayısta`), function words, and the base of a comparison (`önceki yıla göre`).
A verb form is recognised from what follows the token's lemma (trnews_lemmatizer), so nouns that
merely end like a verb (`kömür`, `kredi`, `maliyeti`, `bütçenin`) stay nouns; without lemmas a
narrower pattern on the whole word is used.
"""

from __future__ import annotations

import re
from typing import Callable

_L = "a-zçğıöşüâîû"
_WORD = re.compile(rf"[{_L}]+(?:['’][{_L}]+)?")
# verbal morphology in what follows the lemma: future, participles, progressive, evidential, infinitive and
# verbal nouns (`-mAsI`, `-mAk`), past tense, converbs (`-ArAk`, `-Ip`, `-ken`), ability, passive
_VERB_SUFFIX = re.compile(
    r"[ae]c[ae][kğ]|[dt][ıiuü]ğ|[dt][ıiuü]k|yor|m[ıiuü]ş|m[ae]k|m[ae]s[ıi]|m[ae]y|m[ae]d[ıi]|m[ae]z|[ae]r[ae]k|"
    r"[ae]bil|[ıiuü]l[ae]n$|[ıiuü]n[ae]n$|^[ıiuü]?l[ae]n|^[ıiuü]?l[ıiuü]|^y?[ae]n$|^y?[ae]n[ıiuü]|[dt][ıiuü](?:[mnk]|l[ae]r|n[ıiuü]z|m[ıiuü]z)?$|"
    r"y?[ıiuü]p$|ken$|^[ae]r$|^[ıiuü]r$")
# the same without a lemma, on the whole word: only endings nouns hardly have
_VERB_WORD = re.compile(
    r"(?:[ae]c[ae][kğ][ıiuü]?n?[ıiuü]?|[dt][ıiuü]ğ[ıiuü]n?[ıiuü]?|[ıiuü]yor(?:[ıiuü]z|l[ae]r)?|m[ae]s[ıi]n?[ıi]?|"
    r"m[ae]k|[ae]r[ae]k|yle|yla|ken|[ıiuü]p|[dt][ıiuü]l[ae]r|[dt][ıiuü]k)$")
_PARTICIPLE = re.compile(r"(?:[ıiuü]l[ae]n|y[ae]n|[dt][ıiuü]ğ[ıiuü])$")
# noun inflection after a stem: plural, possessive, case, `-ki`
_NOMINAL = re.compile(r"(?:l[ae]r)?(?:[ıiuü]?m[ıiuü]z|[ıiuü]?n[ıiuü]z|s?[ıiuü]|[ıiuü]?m)?"
                      r"(?:n?[ıiuü]n|n?[dt][ae]n?|n?[dt][ae]ki|[yn]?[ae]|y?l[ae]|y?[ıiuü])?")
_OBLIQUE = re.compile(r"(?:[dt][ae]n?|[dt][ae]ki|l[ae]|ki)$")  # locative, ablative, instrumental, `-ki`
_DATIVE = re.compile(r"(?:[ae]|y[ae]|n[ae])$")
_DATIVE_SUFFIX = re.compile(r"(?:l[ae]r)?(?:[ıiuü]|s[ıi]|[ıiuü]m[ıiuü]z|l[ae]r[ıi])?(?:y?[ae]|n[ae])")  # the whole suffix
_GENITIVE = re.compile(r"(?:[ıiuü]n|n[ıiuü]n)$")
_POSSESSIVE = re.compile(r"(?:[ıiuü]|s[ıi]|n[ıi]|l[ae]r[ıi]|[ıiuü]m[ıiuü]z|[ıiuü]n[ıiuü]z)$")
_LIK = re.compile(r"l[ıiuü][kğ][ıiuü]?")
_PARTICIPLE_AFTER = re.compile(r"(?:olan|gören|bulan|aşan|geçen|süren|tutan|gösteren|yakalayan|yaşayan)")
_FUNCTION = {
    "ve", "ile", "olarak", "ise", "de", "da", "bu", "bir", "için", "gibi", "kadar", "daha", "en", "çok", "ya", "veya",
    "yani", "mı", "mi", "ayrıca", "ancak", "fakat", "ama", "şu", "o", "her", "tüm", "bütün", "son", "ilk", "yeni",
    "toplam", "net", "brüt", "yaklaşık", "ortalama", "az", "fazla", "aşkın", "üzerinde", "altında", "yakın",
    "dolayında", "civarında", "olan", "olduğu", "oldu", "bile", "halde", "hale", "ardından", "sonra", "önce", "beri",
    "bazda", "değer", "arasında", "aralığında", "bandında", "aralığına", "kat", "ki", "diye", "dedi", "geçen",
    "geçtiğimiz", "önümüzdeki", "gelecek", "önceki", "sonraki", "aynı", "söz", "konusu", "tek", "başına", "şöyle",
    "böyle", "hem", "ne", "çünkü", "eğer", "sadece", "yalnızca", "yalnız", "bazı", "birçok", "kendi", "biri",
    "göre", "kıyasla", "oranla", "nazaran", "itibarıyla", "itibariyle", "sonunda", "başında", "tutarında",
    "seviyesinde", "seviyesine", "düzeyinde", "düzeyine", "değerinde", "gücünde", "uzunluğunda", "büyüklüğünde",
    "seviyelerinde", "seviyesinden", "seviyelerini", "seviyeleri", "seviyesi", "bazında", "oranında", "oranıyla",
    "içinde", "sırasında", "yılında", "ayında", "döneminde", "artışla", "düşüşle", "azalışla", "şekilde", "olmak",
    "üzere", "karşın", "rağmen", "dair", "ilişkin", "yönelik", "ait", "doğru", "karşı", "itibaren", "hakkında",
    "yer", "alan", "eden", "edilen", "gören", "biz", "siz", "onlar", "ben", "sen", "bunun", "onun", "şunları",
    "bunu", "şunu", "buna", "ona", "orada", "burada", "benim", "bizim", "sizin", "onların", "bunların", "kendisi", "neredeyse", "katı", "kat", "var", "yok", "şimdi", "hâlâ", "hala", "artık", "yine", "zaten", "ilgili",
}


_RATIO = frozenset({"oran"})
_VERBAL_NOUN = re.compile(r"m[ae](?!k|s[ıi]n)")


class ItemFinder:
    def __init__(self, words: dict, unit_of_word: Callable[[str], object], rates: set[str] | dict):
        self.time_stems = frozenset(words.get("item_time_stems", []))
        self.titles = frozenset(words.get("item_title_stems", [])) | frozenset(words.get("item_reporting_stems", []))
        self.postpositions = frozenset(words.get("item_postpositions", []))
        self.modifiers = frozenset(words.get("item_modifiers", []))
        self.comparison = frozenset(words.get("comparison", []))
        self.levels = frozenset(words.get("item_level_stems", []))
        self.light_verbs = frozenset(words.get("item_light_verbs", []))
        self.changes = frozenset(words.get("item_change_nouns", []))
        self.numbers = frozenset(w for key in ("digits", "tens", "hundred", "scales", "half")
                                 for w in words.get(key, {}))
        self.unit_of_word = unit_of_word
        self.rates = rates

    # -- word classes ---------------------------------------------------------------------
    def _stem_in(self, word: str, lemma: str | None, stems: frozenset) -> bool:
        if word in stems or (lemma and lemma in stems):
            return True
        if lemma:
            return False  # the lemmatizer knows better than a prefix split (`verim` is not `veri` + `m`)
        for i in range(2, min(len(word), 12)):
            if word[:i] in stems and _NOMINAL.fullmatch(word, i):
                return True
        return False

    @staticmethod
    def _suffix(word: str, lemma: str | None) -> str | None:
        """What follows the lemma in the word (`olacağını`/`ol` -> `acağını`), None when unknown."""
        if not lemma or len(lemma) < 2:
            return None
        n = 0
        for a, b in zip(word, lemma):
            if a != b:
                break
            n += 1
        if n < len(lemma) - 1 or n < 2:  # `fındığın`/`fındık`: one softened last consonant
            return None
        return word[len(lemma):]

    def kind(self, word: str, lemma: str | None, own: str | None = None) -> str | None:
        """None when the word cannot name what is measured, else its case: `gen`, `poss`, `obl`, `dat`, `nom`.
        `own`: the amount's unit code; another currency's name is an item (`dolar 32 liradan`)."""
        if "'" in word or "’" in word:
            stem, _, case = word.replace("’", "'").partition("'")
            if len(stem) < 2 or stem in _FUNCTION or self.unit_of_word(stem) is not None:
                return None  # `TL'yi`, `MW'lık`: units, not things
            return "gen" if _GENITIVE.fullmatch(case) else "poss" if _POSSESSIVE.fullmatch(case) else (
                "obl" if _OBLIQUE.search(case) or _DATIVE.fullmatch(case) else None)
        if len(word) < 3 and word != "un":  # `un` (flour) is the one two-letter commodity
            return None
        if word in _FUNCTION or word in self.postpositions or word in self.rates or word in self.numbers:
            return None
        suffix = self._suffix(word, lemma)
        if suffix is not None:
            if suffix and _VERB_SUFFIX.search(suffix):
                return None
        elif _VERB_WORD.search(word) or _PARTICIPLE.search(word):
            return None
        if (self._stem_in(word, lemma, self.time_stems) or self._stem_in(word, lemma, self.titles)
                or self._stem_in(word, lemma, self.levels)):
            return None
        unit = self.unit_of_word(word)
        if unit is not None and not (unit.is_currency and own is not None and unit.code != own):
            return None
        end = suffix if suffix is not None else word
        if suffix is not None and not suffix:
            return "nom"
        if _OBLIQUE.search(end):
            return "obl"
        if _GENITIVE.search(end):
            return "gen"
        if _POSSESSIVE.search(end):
            return "poss"
        if suffix is not None and _DATIVE_SUFFIX.fullmatch(suffix):
            return "dat"
        return "nom"

    # -- choosing ---------------------------------------------------------------------------
    def find(self, low: str, start: int, end: int, ending: str, own: str | None, s0: int, s1: int,
             claimed: bytearray, lemma_at: Callable[[int], str | None]) -> tuple[int, int] | None:
        """Character span of the item of the amount at [start, end) in the sentence [s0, s1)."""
        words = list(_WORD.finditer(low, end, min(s1, end + 80)))[:5]
        if words and words[0].start() - end <= 2 and not low[end:words[0].start()].strip():
            first = words[0].group()
            lik = bool(_LIK.fullmatch(ending))
            # `5 ton buğday`, `yüzde 12'lik artış`, `1 milyar dolara kadar yatırım` (up to N of X),
            # `78 milyar avro olan satışlar`, `4 bin lirayı gören gram altın` (a participle, then its noun)
            attributive = not ending or lik or (_DATIVE.search(ending) and first in ("kadar", "yakın")
                                                and not (len(words) > 1 and words[1].group() == "olan"))
            participle = _PARTICIPLE_AFTER.fullmatch(first) is not None or self._suffix(
                first, lemma_at(words[0].start())) in ("an", "en", "yan", "yen")
            if attributive or participle:
                skipped_level = False
                for n, w in enumerate(words[:4]):
                    word = w.group()
                    if word in self.modifiers or word == "en" or n == 0 and participle:
                        continue
                    if n > 0 and words[n - 1].group() == "en":
                        continue  # `en düşük emekli maaşı`: the superlative's adjective
                    if claimed[w.start()]:
                        break
                    lemma = lemma_at(w.start())
                    # `yüzde 10 seviyelerinde bir azalma`, `yüzde 15 oranıyla`, `4 bin lirayı gören gram altın`
                    level = self._stem_in(word, lemma, self.levels) or self._stem_in(word, lemma, _RATIO)
                    if level and lik:
                        break  # `124 bin dolarlık zirvesi`: the level is the head; what is at it comes before
                    if (level or self.unit_of_word(word) is not None and self.unit_of_word(word).code != own
                            or self._suffix(word, lemma) in ("an", "en", "yan", "yen")):
                        skipped_level = skipped_level or level
                        continue
                    k = self.kind(word, lemma, own)
                    if k is None and lik and _VERBAL_NOUN.match(self._suffix(word, lemma) or ""):
                        k = "nom"  # `yüzde 9'luk bir büyümeye`: after `-lIk` a verbal noun is a noun
                    nxt = words[n + 1] if n + 1 < len(words) else None
                    if skipped_level and nxt is not None and lemma_at(nxt.start()) in self.light_verbs:
                        break  # `86 dolar seviyesinde işlem görüyor`: the noun is part of the verb
                    if k in ("nom", "gen", "poss") or k is not None and lik:
                        if lemma in self.changes or word in self.changes:
                            # `yüzde 20 oranında artış gösterdi`: the change of what comes before, if anything does
                            return self._before(low, start, s0, own, claimed, lemma_at) or (w.start(), w.end())
                        return w.start(), self._compound_end(words, n, k, own, claimed, lemma_at)
                    break
        return self._before(low, start, s0, own, claimed, lemma_at)

    def _before(self, low: str, start: int, s0: int, own: str | None, claimed: bytearray,
                lemma_at: Callable[[int], str | None]) -> tuple[int, int] | None:
        """The nearest subject before the amount: genitive, possessive or bare noun, skipping oblique
        phrases, time words, names, light-verb nouns and the base of a comparison."""
        ws = list(_WORD.finditer(low, max(s0, start - 220), start))
        skip_base = 0
        seen = 0
        for i in range(len(ws) - 1, -1, -1):
            w = ws[i]
            word = w.group()
            if word in self.comparison:  # `önceki yıla göre`: the next word back is the base, not the item
                skip_base = 2
                continue
            if claimed[w.start()]:
                continue
            lemma = lemma_at(w.start())
            k = self.kind(word, lemma, own)
            if skip_base:
                skip_base -= 1
                if k in ("dat", "gen", None) or _DATIVE.search(word):
                    continue
            if k is None:
                continue
            seen += 1
            if seen > 10:
                break
            if k in ("obl", "dat"):
                continue
            nxt = ws[i + 1] if (i + 1 < len(ws) and not low[w.end():ws[i + 1].start()].strip()
                                and not claimed[ws[i + 1].start()]) else None
            if nxt is not None:
                if nxt.group() in self.postpositions and nxt.group() != "ile":
                    continue  # `bildirimin ardından`, `tutar bazında`: governed by a postposition
                if k == "nom" and lemma_at(nxt.start()) in self.light_verbs:
                    continue  # `test ederken`, `artış göstererek`: part of the verb
                if k == "nom" and self.kind(nxt.group(), lemma_at(nxt.start()), own) in ("poss", "dat", "obl", "gen"):
                    continue  # `ticaret politikalarına`, `faiz kararının`: a bare noun before a compound's head
            if i > 0 and ws[i - 1].group() == "en":
                continue  # `en yüksek`
            return self._extend_left(low, ws, i, claimed, lemma_at)
        return None

    def _compound_end(self, words: list, n: int, k: str, own: str | None, claimed: bytearray,
                      lemma_at: Callable[[int], str | None]) -> int:
        """`doğal gaz`, `idari para cezası`, `doğal gaz rezervi`: a bare noun or adjective followed by a noun
        (the head ends the phrase when it has the compound marker `-(s)I`); not into a light verb's noun
        (`buğday ithal edildi`)."""
        end = words[n].end()
        for j in range(n + 1, min(n + 3, len(words))):
            if k != "nom" or words[j].start() - end > 1 or claimed[words[j].start()]:
                break
            nxt = words[j + 1] if j + 1 < len(words) else None
            if nxt is not None and lemma_at(nxt.start()) in self.light_verbs:
                break
            k = self.kind(words[j].group(), lemma_at(words[j].start()), own)
            if k not in ("nom", "poss"):
                break
            end = words[j].end()
        return end

    def _extend_left(self, low: str, ws: list, i: int, claimed: bytearray,
                     lemma_at: Callable[[int], str | None]) -> tuple[int, int]:
        """`Altının ons fiyatı`, `sofralık zeytin ihracatımız`: the modifiers of a possessive head."""
        a, b = ws[i].start(), ws[i].end()
        j = i - 1
        while j >= 0 and i - j <= 3:
            w = ws[j]
            if low[w.end():a].strip() or claimed[w.start()]:
                break
            word = w.group()
            if word in _FUNCTION or word in self.postpositions or "'" in word or "’" in word:
                break
            lemma = lemma_at(w.start())
            suffix = self._suffix(word, lemma)
            if suffix and _VERB_SUFFIX.search(suffix) or suffix is None and _VERB_WORD.search(word):
                break
            if self._stem_in(word, lemma, self.time_stems) or self._stem_in(word, lemma, self.titles):
                break
            end = suffix if suffix is not None else word
            if _OBLIQUE.search(end) or suffix and _DATIVE.search(end):
                break
            a = w.start()
            if _GENITIVE.search(end):
                break  # the possessor opens the phrase
            j -= 1
        return a, b
