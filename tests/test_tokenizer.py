"""trnews.tokenizer.v1 on dirty agency text: suffixes, glued quotes and sentences, casing."""

from __future__ import annotations

import pickle
import subprocess
import sys
import time

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from trnews.tokenizer import NewsTokenizer, like_num

CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "trnews.tokenizer.v1"}}}


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("tr", config=CONFIG)


def words(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    return [t.text for t in doc]


def assert_contains(tokens, expected):
    """`expected` appears as consecutive tokens."""
    n = len(expected)
    assert any(tokens[i : i + n] == expected for i in range(len(tokens) - n + 1)), tokens


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ankara'nın nüfusu arttı.", ["Ankara", "'nın"]),
        ("Heyet, Kazakistan'ın başkentine ulaştı.", ["Kazakistan", "'ın"]),
        ("Zirve Nur Sultan’da yapıldı.", ["Nur", "Sultan", "’da"]),
        ("TÜİK'in açıkladığı verilere göre enflasyon düştü.", ["TÜİK", "'in"]),
        ("Şirket, 2023'ten itibaren üretimi artıracak.", ["2023", "'ten"]),
        ("Ekonomi %3,5'lik büyüme kaydetti.", ["%", "3,5", "'lik"]),
        ("Fiyat 40 TL'ye yükseldi.", ["TL", "'ye"]),
        ("Santral 500 MW'lık kapasiteye sahip.", ["MW", "'lık"]),
        ("Holding A.Ş.'nin hisseleri yükseldi.", ["A.Ş.", "'nin"]),
        ("TÜRKİYE'NİN İHRACATI REKOR KIRDI", ["TÜRKİYE", "'NİN"]),
        ("Bakan, Almanya'dan döndü.", ["Almanya", "'dan", "döndü", "."]),
        ("Rusya’nın açıklaması, piyasaları etkiledi.", ["Rusya", "’nın"]),
        ("Kaza 1990'larda yaşandı.", ["1990", "'larda"]),
        ("Bilet 100₺'lik tarifeyle satılıyor.", ["100", "₺", "'lik"]),
        ("Ajans (AA)'nın muhabiri bildirdi.", [")", "'nın"]),
        ("Türkiye‘nin ve Avrupa´nın ihracatı", ["Türkiye", "‘nin", "ve", "Avrupa", "´nın"]),
    ],
)
def test_apostrophe_suffix_is_its_own_token(nlp, text, expected):
    assert_contains(words(nlp, text), expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ('Bakan, "Üretimi artırmayacağız"Kazakistan heyeti de katıldı.', ["artırmayacağız", '"', "Kazakistan"]),
        ('"Enerji Forumu"nun açılışı yapıldı.', ["Forumu", '"', "nun"]),
        ('Bakan açıklamayı yaptıklarını vurguladı."Üretim artacak" dedi.', ["vurguladı", ".", '"', "Üretim"]),
        ("“Hedefimize ulaşacağız.”diye konuştu.", ["“", "Hedefimize", "ulaşacağız", ".", "”", "diye"]),
        ("Vali «Yollar açık» açıklamasını yaptı.", ["«", "Yollar", "açık", "»"]),
        ("Uzmanlar 'yumuşak iniş' bekliyor.", ["'", "yumuşak", "iniş", "'", "bekliyor"]),
        ("Bakan şunları söyledi:\"Biz hazırız.\"", ["söyledi", ":", '"', "Biz", "hazırız", ".", '"']),
        ("Başkan konuştu.'Yarın başlıyoruz' dedi.", ["konuştu", ".", "'", "Yarın"]),
        ('Çiftçi, "Yağmur yağmadı",dedi.', ["yağmadı", '"', ",", "dedi"]),
    ],
)
def test_glued_quotation_marks_split_off(nlp, text, expected):
    assert_contains(words(nlp, text), expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Toplantı sona erdi.Bakan basın mensuplarına açıklama yaptı.", ["erdi", ".", "Bakan"]),
        ("Üretim 2019'da arttı. Hedef 2024.Bakan açıkladı.", ["2024", ".", "Bakan"]),
        ("Heyet ABD.Washington ziyaretini tamamladı.", ["ABD", ".", "Washington"]),
        ("Zam gelecek mi?Bakan yanıt verdi.", ["mi", "?", "Bakan"]),
        ("Toplantı bitti.2020 yılında yeniden yapılacak.", ["bitti", ".", "2020"]),
    ],
)
def test_glued_sentences_split(nlp, text, expected):
    assert_contains(words(nlp, text), expected)


@pytest.mark.parametrize(
    "text,kept",
    [
        ("Dr. Ayşe Yılmaz hastaneye geldi.", "Dr."),
        ("Prof. Dr. Mehmet Kaya konuştu.", "Prof."),
        ("Elma, armut vb. meyveler ucuzladı.", "vb."),
        ("Enerji A.Ş. yeni yatırım yaptı.", "A.Ş."),
        ("T.C. Merkez Bankası faizi sabit tuttu.", "T.C."),
        ("Büyüme yüzde 3,5 oldu.", "3,5"),
        ("Üretim 1.860.000 tona ulaştı.", "1.860.000"),
        ("Endeks 4.6 puan yükseldi.", "4.6"),
        ("Takım ligde 12. sırada bulunuyor.", "12."),
        ('"12. Enerji Forumu" başladı.', "12."),
        ("Karar 12.03.2019 tarihinde alındı.", "12.03.2019"),
        ("Toplantı 14:30'da başlayacak.", "14:30"),
        ("II. Dünya Savaşı'ndan sonra kuruldu.", "II."),
        ("Haberin ayrıntıları www.aa.com.tr adresinde.", "www.aa.com.tr"),
        ("Ayrıntılar aa.com.tr üzerinden duyuruldu.", "aa.com.tr"),
        ("Başvurular https://www.enerji.gov.tr/Duyurular/2019.html adresinden yapılır.",
         "https://www.enerji.gov.tr/Duyurular/2019.html"),
        ("Sorular bilgi@kurum.gov.tr adresine iletilebilir.", "bilgi@kurum.gov.tr"),
    ],
)
def test_abbreviations_numbers_and_addresses_stay_whole(nlp, text, kept):
    assert kept in words(nlp, text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Enflasyon yüzde 12. Bakan ise iyimser.", ["12", ".", "Bakan"]),
        ("İşsizlik oranı %9.\nYeni veriler açıklandı.", ["9", "."]),
        ("Takım ligi 3. bitirdi", ["3."]),
    ],
)
def test_number_then_period_ends_sentence_only_in_context(nlp, text, expected):
    assert_contains(words(nlp, text), expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Demiryolu Samsun- Sarp hattında", ["Samsun", "-", "Sarp"]),
        ("Açıklamada \u2060yatırımlar anlatıldı", ["\u2060", "yatırımlar"]),
    ],
)
def test_scraping_debris_split_off(nlp, text, expected):
    assert_contains(words(nlp, text), expected)


@pytest.mark.parametrize(
    "word,lower_,num",
    [
        ("İSTANBUL", "istanbul", False),
        ("IRAK", "ırak", False),
        ("İKİ", "iki", True),
        ("Üç", "üç", True),
        ("buçuk", "buçuk", True),
        ("Yarım", "yarım", True),
        ("milyar", "milyar", True),
        ("3,5", "3,5", True),
        ("1.860.000", "1.860.000", True),
        ("dördüncü", "dördüncü", True),
        ("Kazakistan", "kazakistan", False),
    ],
)
def test_turkish_lower_norm_like_num(nlp, word, lower_, num):
    token = nlp(word)[0]
    assert (token.lower_, token.norm_, token.like_num) == (lower_, lower_, num)
    assert like_num(word) is num


@pytest.mark.parametrize("text,norm_", [("Dr.", "doktor"), ("vs.", "vesaire"), ("Prof.", "profesör"), ("’", "'")])
def test_abbreviation_norms_come_from_the_exceptions(nlp, text, norm_):
    assert nlp(f"Bugün {text} geldi")[1].norm_ == norm_


def test_is_a_spacy_tokenizer_and_pickles(nlp):
    assert isinstance(nlp.tokenizer, NewsTokenizer)
    clone = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert [t.text for t in clone("Kazakistan'ın")] == ["Kazakistan", "'ın"]


def test_bytes_round_trip(nlp):
    other = spacy.blank("tr", config=CONFIG)
    other.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    text = 'Bakan "Artacak"dedi.TÜİK\'in verisi %3,5\'lik artış gösterdi.'
    assert [t.text for t in other(text)] == [t.text for t in nlp(text)]


ROUND_TRIP = r"""
import sys, spacy
nlp = spacy.load(sys.argv[1])
doc = nlp("İKİ heyet Kazakistan'ın başkentinde buluştu.Bakan \"Evet\"dedi.")
print("|".join(t.text for t in doc))
print("|".join(t.lower_ for t in doc[:3]), doc[0].like_num)
docs = list(nlp.pipe(["IRAK'ın", "ÜÇ milyon"] * 4, n_process=2))
print(docs[0][0].lower_, docs[1][0].like_num, docs[1][0].norm_)
"""


def test_disk_round_trip_in_fresh_process_without_import(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    out = subprocess.run(
        [sys.executable, "-c", ROUND_TRIP, str(tmp_path / "pipeline")],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    assert out[0] == "İKİ|heyet|Kazakistan|'ın|başkentinde|buluştu|.|Bakan|\"|Evet|\"|dedi|."
    assert out[1] == "iki|heyet|kazakistan True"
    assert out[2] == "ırak True üç"


NEWSY = st.text(
    alphabet=st.sampled_from(list("aıiİIöçşğüAZ019.,'’\"“”«»%:;!?- \n\r\t\u00a0\u200b\u2060/@")),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), NEWSY))
def test_text_is_never_rewritten(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text


@pytest.mark.parametrize(
    "garbage",
    ["7" * 200_000, "." * 100_000, '"' * 100_000, "“" * 100_000, '."' * 50_000, "a'" * 50_000,
     "x" + "'" * 100_000, "1," * 100_000, "A." * 50_000, ("Bakan.\"Evet\"dedi'ki " * 5000)],
)
def test_garbage_is_linear_time(nlp, garbage):
    start = time.perf_counter()
    doc = nlp(garbage)
    assert doc.text == garbage
    assert time.perf_counter() - start < 3.0
