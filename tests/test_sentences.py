"""trnews_sentences: sentence boundaries for agency text, on top of trnews.tokenizer.v1."""

from __future__ import annotations

import time

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "trnews.tokenizer.v1"}}}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("tr", config=CONFIG)
    nlp.add_pipe("trnews_sentences")
    return nlp


def sentences(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    return [s.text.strip() for s in doc.sents]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Bakan yatırımların süreceğini bildirdi.Vali de törene katıldı.",
            ["Bakan yatırımların süreceğini bildirdi.", "Vali de törene katıldı."],
        ),
        (
            "Kuraklık uyarısı\nMeteoroloji, hafta sonu yağış beklenmediğini açıkladı.",
            ["Kuraklık uyarısı", "Meteoroloji, hafta sonu yağış beklenmediğini açıkladı."],
        ),
        (
            '"12. Enerji Forumu" İstanbul\'da başladı. Forumda 3 bin kişi var.',
            ['"12. Enerji Forumu" İstanbul\'da başladı.', "Forumda 3 bin kişi var."],
        ),
        (
            "Prof. Dr. Ayşe Demir ve Doç. Dr. Ali Kaya, T.C. Ziraat Bankası A.Ş. yöneticileriyle görüştü.",
            ["Prof. Dr. Ayşe Demir ve Doç. Dr. Ali Kaya, T.C. Ziraat Bankası A.Ş. yöneticileriyle görüştü."],
        ),
        (
            'Bakan, "Üretim artacak. İhracat da büyüyecek." dedi. Toplantı sona erdi.',
            ['Bakan, "Üretim artacak.', 'İhracat da büyüyecek." dedi.', "Toplantı sona erdi."],
        ),
        (
            "Vali, “Yollar açık.” açıklamasını yaptı.”Dikkatli olun” uyarısı da yapıldı.",
            ["Vali, “Yollar açık.” açıklamasını yaptı.", "”Dikkatli olun” uyarısı da yapıldı."],
        ),
        (
            'Başkan hedefi açıkladı."Fiyatları düşüreceğiz"Ekonomi Bakanı da aynı görüşte.',
            ["Başkan hedefi açıkladı.", '"Fiyatları düşüreceğiz"', "Ekonomi Bakanı da aynı görüşte."],
        ),
        (
            "Enflasyon yüzde 12. Bakan ise iyimser konuştu.",
            ["Enflasyon yüzde 12.", "Bakan ise iyimser konuştu."],
        ),
        (
            "Meyve, sebze vb. Ürünlerde fiyatlar arttı.",
            ["Meyve, sebze vb.", "Ürünlerde fiyatlar arttı."],
        ),
        (
            "Zam gelecek mi? Bakan yanıt vermedi! Açıklama yarın bekleniyor...",
            ["Zam gelecek mi?", "Bakan yanıt vermedi!", "Açıklama yarın bekleniyor..."],
        ),
        (
            "Fiyat 4.6 lira oldu. Oran %3,5 arttı.",
            ["Fiyat 4.6 lira oldu.", "Oran %3,5 arttı."],
        ),
        (
            "Rapor www.aa.com.tr adresinde. 2020 yılında yayımlandı.",
            ["Rapor www.aa.com.tr adresinde.", "2020 yılında yayımlandı."],
        ),
        (
            'Vali uyardı. "YOLLAR KAPALI" Kar yağışı sürüyor.',
            ["Vali uyardı.", '"YOLLAR KAPALI"', "Kar yağışı sürüyor."],
        ),
        (
            "Kurul toplandı. VERGİ İSTİSNASI UZATILDI Bakan kararı açıkladı.",
            ["Kurul toplandı.", "VERGİ İSTİSNASI UZATILDI", "Bakan kararı açıkladı."],
        ),
        (
            "Kurul toplandı. FAİZLER DÜŞÜYOR AB Komisyonu kararı açıkladı.",
            ["Kurul toplandı.", "FAİZLER DÜŞÜYOR", "AB Komisyonu kararı açıkladı."],
        ),
        (
            "Bakan, T.C. ZİRAAT BANKASI Genel Müdürü ile görüştü.",
            ["Bakan, T.C. ZİRAAT BANKASI Genel Müdürü ile görüştü."],
        ),
        (
            "Bakan, 'Asla vazgeçmeyeceğiz. ' dedi. Toplantı bitti.",
            ["Bakan, 'Asla vazgeçmeyeceğiz. ' dedi.", "Toplantı bitti."],
        ),
        (
            "ANKARA (AA) - Bakanlık açıklama yaptı.\r\n\r\nYeni Düzenleme\r\nKurul toplandı.",
            ["ANKARA (AA) - Bakanlık açıklama yaptı.", "Yeni Düzenleme", "Kurul toplandı."],
        ),
    ],
)
def test_news_sentence_boundaries(nlp, text, expected):
    assert sentences(nlp, text) == expected


def test_a_quote_may_span_sentences(nlp):
    text = '"Hedefimiz belli. Üretimi artıracağız. Yatırım sürecek." dedi.'
    doc = nlp(text)
    opening, closing = text.index('"'), text.rindex('"')
    touched = [s for s in doc.sents if s.start_char < closing and s.end_char > opening]
    assert len(touched) == 3


@pytest.mark.parametrize("text", ["", " ", "\n\n", ".", '"', "...", "”“", "12.", "a.B", "\u200b", "A B\n"])
def test_odd_inputs_do_not_crash(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    if len(doc):
        assert doc[0].is_sent_start
        assert all(t.is_sent_start is not None for t in doc)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.text(alphabet=st.sampled_from(list("aAİ1. \n\"“”«»'’:?!…")), max_size=200)))
def test_any_text_gets_boundaries(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    if len(doc):
        assert doc[0].is_sent_start and sum(len(s) for s in doc.sents) == len(doc)


def test_round_trip_keeps_boundaries(nlp, tmp_path):
    text = 'Bakan konuştu.Vali dinledi. "Evet." dedi.\nBaşlık\nSon cümle.'
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["trnews_sentences"]
    assert [s.text for s in loaded(text).sents] == [s.text for s in nlp(text).sents]
    clone = spacy.blank("tr", config=CONFIG)
    clone.add_pipe("trnews_sentences").from_bytes(nlp.get_pipe("trnews_sentences").to_bytes())
    assert [s.text for s in clone(text).sents] == [s.text for s in nlp(text).sents]


def test_multiprocessing_keeps_boundaries(nlp):
    texts = ["Bakan konuştu.Vali dinledi.", "Başlık\nMetin burada."] * 3
    docs = list(nlp.pipe(texts, n_process=2))
    assert [len(list(d.sents)) for d in docs] == [2, 2] * 3


def test_config_newline_ends_sentence_off():
    nlp = spacy.blank("tr", config=CONFIG)
    nlp.add_pipe("trnews_sentences", config={"newline_ends_sentence": False})
    assert len(list(nlp("Kuraklık uyarısı\nMeteoroloji açıkladı.").sents)) == 1


@pytest.mark.parametrize(
    "tail", ['"' * 50_000, "VERGİ " * 50_000, "AB. " * 50_000, "A\n" * 50_000, 'A "' * 50_000]
)
def test_linear_time_on_long_text(nlp, tail):
    text = ('Bakan "Evet." dedi.Vali konuştu. ' * 5_000) + tail
    start = time.perf_counter()
    doc = nlp(text)
    assert time.perf_counter() - start < 10.0
    assert doc.text == text


def test_evaluating_on_gold_without_sentences_scores_only_what_is_annotated(nlp):
    # NER corpora have no sentence boundaries: evaluating a full pipeline on them must not fail
    from spacy.tokens import Doc
    from spacy.training import Example

    words = ["Vali", "Ayşe", "Demir", "dün", "Sivas", "'ta", "konuştu", "."]
    gold = Doc(nlp.vocab, words=words, spaces=[True, True, True, True, False, True, False, False])
    example = Example(nlp.make_doc(gold.text), gold)
    scores = nlp.evaluate([example])
    assert scores["sents_f"] is None
