"""News tokenizer for Turkish agency text: `spacy.blank("tr")`'s rules plus dirty-text fixes.

Splits apostrophe case suffixes (`Kazakistan` `'ın`), quotation marks glued to words
(`Forumu` `"` `nun`) and sentences glued without a space (`bildirdi` `.` `Mamin`), while
keeping numbers (`1.860.000`, `3,5`), ordinals (`12.`), abbreviations (`A.Ş.`) and URLs whole.
It never changes the text, and installs Turkish LOWER/NORM/LIKE_NUM on the vocab.
It does not decide sentence boundaries (see `trnews.sentences`).
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Callable, Dict, Iterable, List

from spacy.attrs import LIKE_NUM, LOWER, NORM, ORTH
from spacy.lang.char_classes import ALPHA, ALPHA_LOWER, ALPHA_UPPER, CONCAT_QUOTES, PUNCT
from spacy.lang.norm_exceptions import BASE_NORMS
from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from spacy.lang.tr import Turkish
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import add_lookups, compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from .casing import lower
from .doctext import remember

# Quotation marks that are never apostrophes. `'` and `’` are both apostrophe and quote.
_QUOTES = "\"“”«»„‟‹›"
_Q = re.escape(_QUOTES)
# Apostrophes as typed in scraped text: `'`, `’`, and now and then `‘`, `´`, `` ` ``.
_AP = "'’‘´`"
_QA = _Q + _AP
_AL, _AU, _A = ALPHA_LOWER, ALPHA_UPPER, ALPHA

# Case suffix after an apostrophe: lowercase after anything (`TL'ye`, `2023'ten`,
# `A.Ş.'nin`, `%'lik`, `100₺'lik`), uppercase only in all-caps text (`TÜRKİYE'NİN`).
_APOSTROPHE_SUFFIXES = [
    rf"(?<=[^\s{_AP}])[{_AP}][{_AL}]+",
    rf"(?<=[{_AU}\d])[{_AP}][{_AU}]+",
]

_NEWS_INFIXES = [
    # apostrophe suffix inside a chunk (`Kazakistan'ın,"dedi`): zero-width split before it
    rf"(?<=[^\s{_AP}])(?=[{_AP}][{_AL}])",
    # sentence punctuation glued to a quote: `vurguladı."Fazla`, `söyledi:"Biz`
    rf"(?<=[{_A}\d][{_A}\d])[.,:;!?]+(?=[{_QA}])",
    rf"(?<=[{_QA}])[.,:;!?]+",
    # quotation marks are always their own token inside a chunk: `Forumu"nun`, `”diye`
    rf"[{_Q}]",
    # `'`/`’` used as a quote mark: `dedi.'Evet`, `yapmayacağız'Kazakistan`, `Evet',dedi`
    rf"(?<=[.,:;!?])[{_AP}]",
    rf"(?<=[{_AL}])[{_AP}](?=[{_AU}])",
    rf"(?<=[{_A}])[{_AP}](?=[.,:;!?])",
    # glued sentences after digits or acronyms: `2019.Bakan`, `ABD.Trump`, `mı?Bakan`
    rf"(?<=\d)\.(?=[{_AU}][{_AL}])",
    rf"(?<=[{_AL}][{_AL}])\.(?=\d)",
    rf"(?<=[{_AU}][{_AU}])\.(?=[{_AU}][{_AL}])",
    rf"(?<=[{_A}])[!?]+(?=[{_AU}])",
]

# Whole tokens that the affix rules must not cut: numbers with decimal comma / thousands dots
# and dates (`3,5`, `1.860.000`, `12.03.2019`), ordinals (`12.`), initials (`A.Ş.`, `T.C.`),
# roman ordinals (`II.`), clock times (`14:30`).
# Abbreviations (spaCy's Turkish exceptions + data/) join these in `_token_match_pattern()`.
# (No re flags: spaCy serializes only the pattern string.)
_WHOLE_TOKENS = rf"\d+(?:[.,]\d+)*|\d{{1,3}}\.|(?:[{_AU}]\.)+|[IVXLC]{{1,6}}\.|\d{{1,2}}:\d{{2}}(?::\d{{2}})?"

# A 1-3 digit number before a period is kept as an ordinal (`12. Kazenergy`), except where the
# context says the period ends a sentence: after `yüzde`/`%`, or at a line/text end.
# (A plain pattern plus a check in Python: lookbehinds at every position cost 15 % of the time.)
# `(?<![\w.,])\d{1,3}\.(?!\w)` with the lookbehind after the first digit: same matches, but the
# regex engine jumps from digit to digit instead of trying every position of the text
_ORDINAL_RE = re.compile(r"\d(?<![\w.,]\d)\d{0,2}\.(?!\w)")
_LINE_END_RE = re.compile(r"[ \t]*(?:\r?\n|$)")
_PERCENT_BEFORE = ("yüzde ", "Yüzde ", "YÜZDE ", "%")


def _ends_sentence(text: str, match: re.Match) -> bool:
    start = match.start()
    if text.endswith(_PERCENT_BEFORE, max(0, start - 6), start):
        return True
    return _LINE_END_RE.match(text, match.end()) is not None


# A chunk without whitespace this long is not prose; its affix splitting could go quadratic.
_LONG_CHUNK = 200
_LONG_CHUNK_RE = re.compile(r"(?<!\S)\S{%d}" % (_LONG_CHUNK + 1))
# the same test, faster: such a chunk opens the text or follows a whitespace character
_LONG_AT_START_RE = re.compile(r"\S{%d}" % (_LONG_CHUNK + 1))
_LONG_AFTER_SPACE_RE = re.compile(r"\s\S{%d}" % (_LONG_CHUNK + 1))


def _has_long_chunk(text: str) -> bool:
    """`_LONG_CHUNK_RE.search(text) is not None`, in one pass over the whitespace only."""
    return _LONG_AT_START_RE.match(text) is not None or _LONG_AFTER_SPACE_RE.search(text) is not None


_CHUNKS_RE = re.compile(r"\S+|\s+")
# Fallback split for long chunks: URLs, word/number runs, runs of one other character.
_FALLBACK_RE = re.compile(r"[^\W_]+(?:[.,:][^\W_]+)*|(.)\1*", re.DOTALL)

_NUMBER_WORDS = frozenset(
    """sıfır bir iki üç dört beş altı yedi sekiz dokuz on yirmi otuz kırk elli altmış yetmiş
    seksen doksan yüz bin milyon milyar trilyon katrilyon buçuk yarım çeyrek""".split()
)
_ORDINAL_WORDS = frozenset(
    """birinci ikinci üçüncü dördüncü beşinci altıncı yedinci sekizinci dokuzuncu onuncu
    yirminci otuzuncu kırkıncı ellinci altmışıncı yetmişinci sekseninci doksanıncı yüzüncü
    bininci milyonuncu milyarıncı trilyonuncu""".split()
)
_NUMERIC_RE = re.compile(r"[+\-±~]?\d+(?:[.,]\d+)*\.?$")
_FRACTION_RE = re.compile(r"\d+/\d+$")
_DIGIT_ORDINAL_RE = re.compile(r"\d+['’]?(?:inci|ıncı|nci|ncı|uncu|üncü|ınci|üncu)$")


def like_num(text: str) -> bool:
    """LIKE_NUM for Turkish: digits with `,`/`.`, fractions, number words in any case."""
    if not text:
        return False
    if _NUMERIC_RE.match(text) or _FRACTION_RE.match(text):
        return True
    folded = lower(text)
    return folded in _NUMBER_WORDS or folded in _ORDINAL_WORDS or bool(_DIGIT_ORDINAL_RE.match(folded))


def norm(text: str) -> str:
    """NORM: the abbreviation's expansion (`Dr.` -> `doktor`), spaCy's base punctuation
    norms (`’` -> `'`), else Turkish lower case."""
    found = _ABBREVIATION_NORMS.get(text)
    if found is not None:
        return found
    return BASE_NORMS.get(text, lower(text))


def install_lex_attrs(vocab) -> None:
    """Make LOWER, NORM and LIKE_NUM Turkish on `vocab`, also for lexemes that already exist.

    Module-level functions (not lambdas) so the getters pickle into `nlp.pipe(n_process=2)`
    workers. A `lexeme_norm` lookups table, if a pipeline ships one, still wins for NORM.
    """
    getters = vocab.lex_attr_getters
    if getters is None:
        getters = vocab.lex_attr_getters = {}
    getters[LOWER] = lower
    getters[LIKE_NUM] = like_num
    if "lexeme_norm" in vocab.lookups:
        getters[NORM] = add_lookups(norm, vocab.lookups.get_table("lexeme_norm"))
    else:
        getters[NORM] = norm
    for lex in vocab:
        text = lex.orth_
        lex.lower_ = lower(text)
        lex.norm_ = getters[NORM](text)
        lex.like_num = like_num(text)


def _read_abbreviations() -> Dict[str, List[dict]]:
    exc: Dict[str, List[dict]] = {}
    text = resources.files("trnews").joinpath("data/tokenizer_abbreviations.txt").read_text("utf8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        orth, _, norm_ = line.partition("\t")
        orth = orth.strip()
        exc[orth] = [{ORTH: orth, NORM: norm_.strip()} if norm_.strip() else {ORTH: orth}]
    return exc


def _exceptions() -> Dict[str, List[dict]]:
    """spaCy's Turkish tokenizer exceptions plus the news abbreviations in data/."""
    rules = dict(Turkish.Defaults.tokenizer_exceptions)
    rules.update(_read_abbreviations())
    return rules


# Single-token exceptions (`Dr.`, `A.Ş.`, `TÜİK`) are kept whole through token_match and get
# their NORM from the lexeme, NOT as spaCy special cases: one special-case hit switches off
# spaCy's tokenizer cache for the rest of the Doc, and news has `ABD`, `Dr.` everywhere
# (measured: ~1.5x faster on warm text). Multi-token exceptions stay special cases.
_EXCEPTIONS = _exceptions()
_ABBREVIATION_NORMS = {
    orth: pieces[0][NORM] for orth, pieces in _EXCEPTIONS.items() if len(pieces) == 1 and NORM in pieces[0]
}


def news_rules() -> Dict[str, List[dict]]:
    """Tokenizer special cases: only exceptions that split into several tokens."""
    return {orth: pieces for orth, pieces in _EXCEPTIONS.items() if len(pieces) > 1}


def _token_match_pattern() -> str:
    single = sorted((o for o, p in _EXCEPTIONS.items() if len(p) == 1), key=len, reverse=True)
    return "(?:" + "|".join([re.escape(o) for o in single] + [_WHOLE_TOKENS]) + ")$"


_TOKEN_MATCH = re.compile(_token_match_pattern())


# Invisible format characters scraped along with the text (zero-width space/joiners, word
# joiner, BOM) are split off word edges, so spans can start or end next to them.
_INVISIBLE = "[\u200b\u200c\u200d\u2060\ufeff]+"


def news_prefixes() -> List[str]:
    return [_INVISIBLE] + list(TOKENIZER_PREFIXES)


# spaCy's "period after a digit/lowercase letter" suffix, except after a bare 1-3 digit number:
# that is an ordinal and stays one token even behind a quote (`"12. Kazenergy Forumu"`).
_DEFAULT_PERIOD_SUFFIX = r"(?<=[0-9{al}{e}{p}(?:{q})])\.".format(
    al=ALPHA_LOWER, e=r"%²\-\+", q=CONCAT_QUOTES, p=PUNCT
)
_PERIOD_SUFFIXES = [
    r"(?<=[{al}{e}{p}(?:{q})])\.".format(al=ALPHA_LOWER, e=r"%²\-\+", q=CONCAT_QUOTES, p=PUNCT),
    r"(?<=[0-9])(?<!^[0-9])(?<!^[0-9]{2})(?<!^[0-9]{3})\.",
]


def news_suffixes() -> List[str]:
    defaults = [s for s in TOKENIZER_SUFFIXES if s != _DEFAULT_PERIOD_SUFFIX]
    assert len(defaults) == len(TOKENIZER_SUFFIXES) - 1, "spaCy's default suffixes changed"
    # a hyphen left at a word's end: `Samsun- Sarp hattı`
    hanging_hyphen = rf"(?<=[{_A}])-"
    return [_INVISIBLE] + _APOSTROPHE_SUFFIXES + _PERIOD_SUFFIXES + [hanging_hyphen] + defaults


def news_infixes() -> List[str]:
    return _NEWS_INFIXES + list(TOKENIZER_INFIXES)


class NewsTokenizer(Tokenizer):
    """A spaCy Tokenizer (same rules, cache and serialization) that stays linear on garbage.

    Affix splitting in spaCy re-runs the suffix regex after every stripped character, which is
    quadratic in the length of a chunk without whitespace. Texts containing such a chunk longer
    than `_LONG_CHUNK` characters are tokenized chunk by chunk, and the long chunks with a
    simple linear split. Ordinary texts take spaCy's path unchanged.
    """

    def __call__(self, text: str) -> Doc:
        if len(text) <= _LONG_CHUNK or not _has_long_chunk(text):
            doc = super().__call__(text)
        else:
            doc = self._call_with_long_chunks(text)
        if _ORDINAL_RE.search(text) is not None:
            self._split_final_numbers(doc, text)
        remember(doc, text)
        return doc

    @staticmethod
    def _split_final_numbers(doc: Doc, text: str) -> None:
        """`yüzde 30.` at a sentence end: `30` `.`, not the ordinal `30.`."""
        tokens = []
        for match in _ORDINAL_RE.finditer(text):
            if not _ends_sentence(text, match):
                continue
            span = doc.char_span(match.start(), match.end())
            if span is not None and len(span) == 1:
                tokens.append(span[0])
        if tokens:
            with doc.retokenize() as retokenizer:
                for token in tokens:
                    retokenizer.split(token, [token.text[:-1], "."], heads=[(token, 1), (token, 1)])

    def _call_with_long_chunks(self, text: str) -> Doc:
        words: List[str] = []
        spaces: List[bool] = []
        for match in _CHUNKS_RE.finditer(text):
            chunk = match.group()
            if chunk[0].isspace():
                # spaCy's convention: one plain space after a token is its trailing whitespace
                if chunk[0] == " " and words and not spaces[-1] and not words[-1].isspace():
                    spaces[-1] = True
                    chunk = chunk[1:]
                if chunk:
                    words.append(chunk)
                    spaces.append(False)
            elif len(chunk) <= _LONG_CHUNK:
                for token in super().__call__(chunk):
                    words.append(token.text)
                    spaces.append(False)
            elif self.url_match is not None and self.url_match(chunk):
                words.append(chunk)
                spaces.append(False)
            else:
                for piece in _FALLBACK_RE.finditer(chunk):
                    words.append(piece.group())
                    spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


def create_news_tokenizer_for(nlp: Language) -> NewsTokenizer:
    install_lex_attrs(nlp.vocab)
    return NewsTokenizer(
        nlp.vocab,
        rules=news_rules(),
        prefix_search=compile_prefix_regex(news_prefixes()).search,
        suffix_search=compile_suffix_regex(news_suffixes()).search,
        infix_finditer=compile_infix_regex(news_infixes()).finditer,
        token_match=_TOKEN_MATCH.match,
        url_match=nlp.Defaults.url_match,
    )


@registry.tokenizers("trnews.tokenizer.v1")
def create_news_tokenizer() -> Callable[[Language], NewsTokenizer]:
    """Config: `[nlp.tokenizer] @tokenizers = "trnews.tokenizer.v1"` (no options)."""
    return create_news_tokenizer_for


__all__ = ["NewsTokenizer", "create_news_tokenizer", "install_lex_attrs", "like_num", "norm"]
