"""trnews_lemmatizer: Turkish lemmas from spacy-lookups-data's table, folded the Turkish way.

Sentences are our own, in news style. Words are given as lists, so these tests do not depend on
the tokenizer. UD Turkish (IMST and BOUN) strips voice suffixes from verb lemmas, and so does
the table: `belirtti` -> `belir`, `bildirdi` -> `bil`; the tests follow that convention.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from trnews.casing import lower
from trnews.lemmatizer import LemmaRules, LemmaTable, TurkishLemmatizer, harmonise

ROOT = Path(__file__).resolve().parent.parent


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# A handful of forms, as the shipped table has them (lowercase, voice suffixes stripped).
TINY_TABLE = {
    "bakan": "bakan", "açıkladı": "açıkla", "belirtti": "belir", "belirten": "belir",
    "belirterek": "belir", "bildirdi": "bil", "metreküpe": "metreküp", "varilden": "varil",
    "ton": "ton", "doğalgaz": "doğalgaz", "ihracat": "ihracat", "arttı": "art", "önemli": "önem",
    "önemliydi": "önem", "kazakistan": "kazakistan", "türkiye": "türkiye", "yüzde": "yüzde",
    "ve": "ve", "ile": "ile",
}
# Rules of the shape learn_lemma_rules.py writes, small enough to read.
TINY_RULES = {
    "suffixes": {"den": [3, ""], "dan": [3, ""], "ye": [1, ""], "ları": [4, ""], "0.": [1, ""]},
    "extends": {"lI$": [2, ""], "lIy": [2, ""]},
    "remaps": {},
    "overrides": {"ihracat": "ihracat"},
    "proper": ["kazakistan"],
}


def make_nlp(**config):
    nlp = spacy.blank("tr")
    pipe = nlp.add_pipe("trnews_lemmatizer", config=config)
    pipe.initialize(lambda: [], nlp=nlp, table=TINY_TABLE, rules=TINY_RULES)
    return nlp


@pytest.fixture(scope="module")
def tiny_nlp():
    return make_nlp()


@pytest.fixture(scope="module")
def table_nlp():
    """The real spacy-lookups-data table (an installed dependency), no learned rules: ~7 s once."""
    nlp = spacy.blank("tr")
    nlp.add_pipe("trnews_lemmatizer").initialize(lambda: [], nlp=nlp)
    return nlp


def lemmas(nlp, words, spaces=None):
    if spaces is None:  # as our tokenizer leaves them: no space before an apostrophe suffix
        spaces = [not (i + 1 < len(words) and words[i + 1][:1] in "'’") for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    return [token.lemma_ for token in nlp(doc)]


NEWS = [
    # proper nouns with suffixes keep their case
    (["Enerji", "Bakanı", "Kazakistan'ın", "doğalgaz", "ihracatını", "değerlendirdi", "."],
     {"Kazakistan'ın": "Kazakistan", "doğalgaz": "doğalgaz", "değerlendirdi": "değer", ".": "."}),
    (["TÜİK'in", "verilerine", "göre", "ihracat", "yüzde", "4,5", "arttı", "."],
     {"TÜİK'in": "TÜİK", "verilerine": "veri", "yüzde": "yüz", "4,5": "4,5", "arttı": "art"}),
    # the tokenizer splits the apostrophe suffix off: the name stays, the suffix is its own lemma
    (["Türkiye", "'nin", "gaz", "alımı", "azaldı", "."],
     {"Türkiye": "Türkiye", "'nin": "'nin", "alımı": "alım", "azaldı": "azal"}),
    # headlines in capitals fold to ordinary lemmas
    (["BAKAN", "AÇIKLADI", ":", "İHRACAT", "REKOR", "KIRDI"],
     {"BAKAN": "bakan", "AÇIKLADI": "açıkla", "İHRACAT": "ihracat", "KIRDI": "kır"}),
    # reported speech, as UD Turkish lemmatises it (voice suffixes stripped)
    (["Bakan", ",", "üretimin", "arttığını", "belirtti", "."],
     {"Bakan": "bakan", "arttığını": "art", "belirtti": "belir"}),
    (["Açıklamayı", "yapan", "yetkili", ",", "rakamların", "doğru", "olduğunu", "belirterek", "yanıt", "verdi", "."],
     {"yapan": "yap", "belirterek": "belir", "olduğunu": "ol", "verdi": "ver"}),
    (["Bunu", "belirten", "Genel", "Müdür", "gelişmeleri", "bildirdi", "."],
     {"belirten": "belir", "bildirdi": "bil", "Genel": "Genel"}),
    # units with case endings
    (["Günlük", "üretim", "30", "milyon", "metreküpe", "ulaştı", "."],
     {"metreküpe": "metreküp", "30": "30", "milyon": "milyon", "ulaştı": "ulaş"}),
    (["Fiyat", "varilden", "85", "dolara", "çıktı", "."],
     {"varilden": "varil", "dolara": "dolar", "85": "85", "çıktı": "çık"}),
]


@pytest.mark.parametrize("words,expected", NEWS, ids=[" ".join(w[:3]) for w, _ in NEWS])
def test_news_sentences_get_ud_lemmas_from_the_real_table(table_nlp, words, expected):
    got = dict(zip(words, lemmas(table_nlp, words)))
    assert {word: got[word] for word in expected} == expected


def test_lookup_is_case_folded_the_turkish_way(tiny_nlp):
    assert lemmas(tiny_nlp, ["BELİRTTİ"]) == ["belir"]
    assert lemmas(tiny_nlp, ["Bakan", "İHRACATI"]) != []  # no crash on an unknown all-caps form


def test_proper_case_out_only_for_names(tiny_nlp):
    words = ["Bakan", "bugün", "Kazakistan'ın", "ve", "Türkiye'nin", "önemli", "olduğunu", "söyledi"]
    got = lemmas(tiny_nlp, words)
    assert got[0] == "bakan"  # sentence start: an ordinary word
    assert got[2] == "Kazakistan"
    assert got[4] == "Türkiye"
    # a learned proper lemma keeps its case even at the start of a sentence
    assert lemmas(tiny_nlp, ["Kazakistan", "açıkladı"])[0] == "Kazakistan"


def test_unknown_forms_back_off_to_learned_suffix_rules(tiny_nlp):
    assert lemmas(tiny_nlp, ["Boru", "hattından", "geçti"])[1] == "hattın"  # "dan" rule, no stem check
    assert lemmas(tiny_nlp, ["2."])[0] == "2"  # digits are shape 0: the "0." rule


def test_learned_extensions_keep_derivations_the_table_strips(tiny_nlp):
    assert lemmas(tiny_nlp, ["önemli"]) == ["önemli"]
    assert lemmas(tiny_nlp, ["önemliydi"]) == ["önemli"]
    assert harmonise("lıkları") == "lIklArI"


def test_numbers_and_punctuation_are_left_alone(tiny_nlp):
    words = ["“", "1.250", "ton", "”", "-", "%", "3,5", "..."]
    got = lemmas(tiny_nlp, words)
    assert got[0] == "“" and got[1] == "1.250" and got[3:] == ["”", "-", "%", "3,5", "..."]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "İ̇̇", "'", "’’’", "ＡＢＣ", "🙂 ok", "a" * 5000])
def test_never_crashes(tiny_nlp, text):
    doc = tiny_nlp(text)
    assert all(isinstance(token.lemma_, str) for token in doc)


def test_overwrite_false_keeps_existing_lemmas(tiny_nlp):
    doc = Doc(tiny_nlp.vocab, words=["belirtti"], lemmas=["belirt"])
    assert tiny_nlp(doc)[0].lemma_ == "belirt"
    nlp = make_nlp(overwrite=True)
    doc = Doc(nlp.vocab, words=["belirtti"], lemmas=["belirt"])
    assert nlp(doc)[0].lemma_ == "belir"


def test_serialisation_round_trip(tiny_nlp, tmp_path):
    words = ["Kazakistan'ın", "önemliydi", "varilden", "hattından", "İHRACAT"]
    before = lemmas(tiny_nlp, words)
    pipe = tiny_nlp.get_pipe("trnews_lemmatizer")

    fresh = spacy.blank("tr")
    fresh.add_pipe("trnews_lemmatizer").from_bytes(pipe.to_bytes())
    assert lemmas(fresh, words) == before

    tiny_nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert lemmas(loaded, words) == before
    assert loaded.get_pipe("trnews_lemmatizer").lemmatizer.rules.to_data() == pipe.lemmatizer.rules.to_data()


def test_compact_table_matches_the_mapping():
    table = LemmaTable.from_mapping(TINY_TABLE)
    assert all(table.get(form) == lemma for form, lemma in TINY_TABLE.items())
    assert table.get("yokböyleçekim") is None
    assert LemmaTable.from_msg(table.to_msg()).get("varilden") == "varil"


def test_bad_rules_fail_with_a_message_naming_the_rule():
    with pytest.raises(ValueError, match="suffix rule 'den'"):
        LemmaRules({"suffixes": {"den": "cut three"}})
    with pytest.raises(ValueError, match="'overrides' must be a mapping"):
        LemmaRules({"overrides": ["a"]})


def test_learner_builds_rules_from_tiny_data():
    learner = load_script("learn_lemma_rules")
    table = {"kitaplar": "kitap", "kalemler": "kalem", "evler": "ev", "kitaptan": "kitap", "evden": "ev",
             "yolda": "yol", "yollar": "yol", "dikkatli": "dikkat", "saygılı": "saygı", "tuzlu": "tuz",
             "önemli": "önem", "yağlı": "yağ"}
    treebank = [("dikkatli", "dikkatli", "ADJ"), ("saygılı", "saygılı", "ADJ"), ("tuzlu", "tuzlu", "ADJ"),
                ("önemli", "önemli", "ADJ"), ("yağlı", "yağlı", "ADJ"), ("kitaplar", "kitap", "NOUN"),
                ("Kazakistan", "Kazakistan", "PROPN"), ("Kazakistan'da", "Kazakistan", "PROPN")]
    rules = learner.learn(table, treebank, suffix_min_count=1, extend_min_count=3)
    assert rules["extends"].get("lI$") == [2, ""]  # the table strips -lI, the treebank keeps it
    assert "kazakistan" in rules["proper"]
    lemmatizer = TurkishLemmatizer(LemmaTable.from_mapping(table), LemmaRules(rules))
    assert lemmatizer.lemma("masalar")[0] == "masa"  # unknown form: learned "lar" back-off
    assert lemmatizer.lemma("tuzlu")[0] == "tuzlu"


def test_converter_evaluates_multiword_tokens_on_the_surface(tmp_path):
    converter = load_script("convert_ud")
    conllu = tmp_path / "mini.conllu"
    conllu.write_text(
        "# sent_id = 1\n"
        "1\tBakan\tbakan\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
        "2-3\tdoğruymuş\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
        "2\tdoğru\tdoğru\tADJ\t_\t_\t0\troot\t_\t_\n"
        "3\tymuş\ti\tAUX\t_\t_\t2\tcop\t_\t_\n"
        "4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n", encoding="utf8")
    (sentence,) = converter.read_conllu(conllu)
    assert sentence["words"] == ["Bakan", "doğruymuş", "."]
    assert sentence["lemmas"] == ["bakan", "doğru", "."]


def find_treebank(name: str):
    for base in (ROOT / "assets", ROOT.parent / "shared" / "assets"):
        matches = sorted(base.glob(f"ud-turkish-*/{name}"))
        if matches:
            return matches[0]
    return None


def test_accuracy_on_a_slice_of_boun_dev(table_nlp):
    """The UD measure on 150 BOUN dev sentences with the table alone (learned rules add ~1.5 points)."""
    path = find_treebank("tr_boun-ud-dev.conllu")
    if path is None:
        pytest.skip("UD Turkish BOUN dev not fetched (spacy project run assets)")
    converter = load_script("convert_ud")
    total = right = 0
    for i, sentence in enumerate(converter.read_conllu(path)):
        if i == 150:
            break
        doc = table_nlp(Doc(table_nlp.vocab, words=sentence["words"]))
        for token, gold, pos in zip(doc, sentence["lemmas"], sentence["pos"]):
            if pos != "PUNCT":
                total += 1
                right += lower(token.lemma_) == lower(gold)
    assert right / total >= 0.91


def test_circumflex_is_optional_in_the_form():
    nlp = spacy.blank("tr")
    nlp.add_pipe("trnews_lemmatizer").initialize(lambda: [], nlp=nlp, table={"rüzgarda": "rüzgar"}, rules={})
    assert lemmas(nlp, ["Sert", "rüzgârda", "tekne", "battı"])[1] == "rüzgâr"


def test_nlp_evaluate_reports_lemma_accuracy_the_ud_way(tiny_nlp):
    from spacy.training import Example
    predicted = tiny_nlp.make_doc("BAKAN açıkladı .")
    reference = Doc(tiny_nlp.vocab, words=["BAKAN", "açıkladı", "."], lemmas=["bakan", "açıkla", "."])
    scores = tiny_nlp.evaluate([Example(predicted, reference)])
    assert scores["lemma_acc"] == 1.0
