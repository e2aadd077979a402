"""trnews_entity_rules on news sentences: gazetteers, head words, titles, surnames, repairs of the NER.

The pipelines here have no statistical NER, so every entity comes from the rules; repairs are
tested by putting the NER's typical mistakes into `doc.ents` by hand. Expected spans are written
without the apostrophe suffix: whether `Bakü'de` is one token or two is the tokenizer's business.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import spacy
from spacy.tokens import DocBin, Span

from trnews.entities import DATA_DIR, read_gazetteer

APOSTROPHES = ("'", "’")


def clean(text: str) -> str:
    for mark in APOSTROPHES:
        cut = text.find(mark)
        if cut > 0:
            text = text[:cut]
    return text


def ents(doc):
    return [(clean(e.text), e.label_) for e in doc.ents]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("tr")
    nlp.add_pipe("trnews_entity_rules")
    return nlp


@pytest.mark.parametrize(
    "text,expected",
    [
        # an institution ending in a head word, with the case suffix glued on (no apostrophe)
        ("Hazine ve Maliye Bakanlığının açıkladığı verilere göre bütçe açığı daraldı.",
         [("Hazine ve Maliye Bakanlığının", "ORG")]),
        # title before the name: the title stays outside, the country before it is a place
        ("Azerbaycan Enerji Bakanı Pervin Şahbazov, Bakü'de gazetecilere açıklama yaptı.",
         [("Azerbaycan", "LOC"), ("Pervin Şahbazov", "PER"), ("Bakü", "LOC")]),
        ("Rusya Devlet Başkanı Vladimir Putin ile Çin lideri Şi Cinping telefonda görüştü.",
         [("Rusya", "LOC"), ("Vladimir Putin", "PER"), ("Çin", "LOC"), ("Şi Cinping", "PER")]),
        # nationality adjectives are not entities; an abbreviation in brackets is its own ORG
        ("Türk heyeti, Avrupa Birliği (AB) yetkilileriyle Brüksel'de bir araya geldi.",
         [("Avrupa Birliği", "ORG"), ("AB", "ORG"), ("Brüksel", "LOC")]),
        # ABD is a place; the longest name wins over the place inside it
        ("ABD Merkez Bankası (Fed) faiz oranını sabit tuttu, ABD'de piyasalar yükseldi.",
         [("ABD Merkez Bankası", "ORG"), ("Fed", "ORG"), ("ABD", "LOC")]),
        # events are not entities, the city in them is
        ("İstanbul Enerji Haftası kapsamında düzenlenen panelde yenilenebilir kaynaklar konuşuldu.",
         [("İstanbul", "LOC")]),
        # teams named with -spor
        ("Samsunspor, deplasmanda Trabzonspor'u 2-1 yendi.", [("Samsunspor", "ORG"), ("Trabzonspor", "ORG")]),
        # two institutions joined by `ve` stay two
        ("Ankara Üniversitesi ve Gazi Üniversitesi ortak bir proje başlattı.",
         [("Ankara Üniversitesi", "ORG"), ("Gazi Üniversitesi", "ORG")]),
        # a board is part of the title, not of the company
        ("Yıldız Holding Yönetim Kurulu Başkanı Murat Ülker yeni yatırımları anlattı.",
         [("Yıldız Holding", "ORG"), ("Murat Ülker", "PER")]),
        # a surname-only mention of someone named earlier is the same person
        ("Şirketin CEO'su Selin Okyay yeni fabrikayı tanıttı. Okyay, üretimin artacağını söyledi.",
         [("Selin Okyay", "PER"), ("Okyay", "PER")]),
        # a sentence opener is not part of the institution name
        ("Dün Dünya Sağlık Örgütü Acil Durum Komitesi toplandı.",
         [("Dünya Sağlık Örgütü Acil Durum Komitesi", "ORG")]),
        # places from the geographic head words; provinces from the fact list
        ("Kırklareli'nden yola çıkan kafile Meriç Nehri kıyısında mola verdi.",
         [("Kırklareli", "LOC"), ("Meriç Nehri", "LOC")]),
        # a compass word belongs to the place
        ("Kuzey Irak'taki kamplara hava harekatı düzenlendi.", [("Kuzey Irak", "LOC")]),
        # a genitive ends one name; the next institution starts after it
        ("Partinin Kadıköy İlçe Başkanlığı seçim çalışmalarını başlattı.",
         [("Kadıköy İlçe Başkanlığı", "ORG")]),
        # a sentence opener with a case ending is not part of the name
        ("Toplantıya Dışişleri Bakanlığı yetkilileri de katıldı.", [("Dışişleri Bakanlığı", "ORG")]),
        # a decree after a title is no person
        ("Cumhurbaşkanı Kararı ile yeni düzenleme yürürlüğe girdi.", []),
        # an ordinal inside an institution's name; an unknown sentence opener before a known name stays out
        ("Dosya Yargıtay 8. Dairesi tarafından incelendi.", [("Yargıtay 8. Dairesi", "ORG")]),
        # a vocative title is not a person
        ("Sayın Bakanım, bu konuda ne düşünüyorsunuz?", []),
        # the unknown name between a speech participle and a comma is the speaker
        ("Üretimin artacağını belirten Karakaya, yatırımların süreceğini söyledi.", [("Karakaya", "PER")]),
        # a bracketed abbreviation after a name is that name, and stays so when it recurs
        ("Türkiye Beslenme Derneği (TBD) raporu yayımladı. TBD, tuz tüketiminin azaltılmasını istedi.",
         [("Türkiye Beslenme Derneği", "ORG"), ("TBD", "ORG"), ("TBD", "ORG")]),
        # a mountain named once with its head word keeps its name without it
        ("Cudi Dağı eteklerinde arama yapıldı. Cudi'de kar kalınlığı 2 metreyi buldu.",
         [("Cudi Dağı", "LOC"), ("Cudi", "LOC")]),
        # a company's Turkish arm is one name
        ("Bosch Türkiye yeni yatırımını açıkladı.", [("Bosch Türkiye", "ORG")]),
        # lower-case common words that share a name with a country stay untagged
        ("Şirketin mali tablosu güçlü görünüyor.", []),
        # a name runs over `ve` and a capitalised stop word (`Tabii`) up to its head word
        ("Bor madeni ihracatını Enerji ve Tabii Kaynaklar Bakanlığı duyurdu.",
         [("Enerji ve Tabii Kaynaklar Bakanlığı", "ORG")]),
        # an office with a glued genitive, and its bracketed abbreviation
        ("Hububat alım fiyatları Toprak Mahsulleri Ofisinin (TMO) açıklamasıyla belli oldu.",
         [("Toprak Mahsulleri Ofisinin", "ORG"), ("TMO", "ORG")]),
        # enterprises, clinics and companies end in their head word
        ("Yolcu sayısını Devlet Hava Meydanları İşletmesi açıkladı.",
         [("Devlet Hava Meydanları İşletmesi", "ORG")]),
        ("Hasta, Konya Şehir Hastanesi Göğüs Hastalıkları Kliniği'ne kaldırıldı.",
         [("Konya Şehir Hastanesi Göğüs Hastalıkları Kliniği", "ORG")]),
        ("Yazılım şirketi Netpa Teknoloji halka arz için başvurdu.", [("Netpa Teknoloji", "ORG")]),
        # a power plant or refinery is a place (a facility)
        ("Afşin Termik Santrali'nde bakım çalışması başladı.", [("Afşin Termik Santrali", "LOC")]),
        # the bracketed abbreviation after a split-off case suffix is the same institution
        ("Şikayet, Kamu İhale Kurumu'na (KİK) iletildi. KİK kararını verdi.",
         [("Kamu İhale Kurumu", "ORG"), ("KİK", "ORG"), ("KİK", "ORG")]),
        # a district before a lower-case `ilçesinde` is a place, and stays one when it recurs
        ("Yangın, Çanakkale'nin Yenice ilçesinde çıktı. Ekipler kısa sürede Yenice'ye ulaştı.",
         [("Çanakkale", "LOC"), ("Yenice", "LOC"), ("Yenice", "LOC")]),
        ("Sel, Denizli'nin Çal ilçesinde 40 evi etkiledi.", [("Denizli", "LOC"), ("Çal", "LOC")]),
        # districts from the list of the 973 ilçe, on their own
        ("Festival bu yıl Osmaneli'de yapılacak.", [("Osmaneli", "LOC")]),
        # a listed district spelt like a common word is no place at a sentence start without a suffix
        ("Bor madeni ihracatı geçen yıl arttı.", []),
        # two places before `köyündeki`: the district and the village are two names
        ("Beykoz Çavuşbaşı köyündeki yangın söndürüldü.", [("Beykoz", "LOC"), ("Çavuşbaşı", "LOC")]),
        # districts in a table row after a number
        ("Sarıyer 900 280. Maltepe 700 140.", [("Sarıyer", "LOC"), ("Maltepe", "LOC")]),
        # a name right after a lower-case word for a kind of organisation is that organisation
        ("Danışmanlık şirketi Veritas Analytics'in raporuna göre talep arttı.", [("Veritas Analytics", "ORG")]),
        ("İzlanda ekibi Stjarnan'dan transfer edilen oyuncu sözleşme imzaladı.",
         [("İzlanda", "LOC"), ("Stjarnan", "ORG")]),
        # ... but a place the gazetteer knows stays a place
        ("Arama kurtarma ekibi Malatya'ya ulaştı.", [("Malatya", "LOC")]),
        # a name of two or more words found once is found again where it recurs untagged
        ("Takım, Norveç ekibi Rosenborg Ballklub'a yenildi. Rosenborg Ballklub taraftarları sevindi.",
         [("Norveç", "LOC"), ("Rosenborg Ballklub", "ORG"), ("Rosenborg Ballklub", "ORG")]),
        # a name given in someone's memory starts at `Şehit`; the country before it is apart
        ("Okul, Almanya Şehit Ahmet Kaya İlkokulu adıyla açıldı.",
         [("Almanya", "LOC"), ("Şehit Ahmet Kaya İlkokulu", "ORG")]),
        # a name repeats only where it is written with its capitals again
        ("Kafe Kadıköy Moda Sokağı'nda açıldı. Sitede Moda sokağı diye bir başlık var.",
         [("Kadıköy Moda Sokağı", "LOC")]),
        # the exchange is an institution, its index with a number is not
        ("Şirket hisseleri Borsa İstanbul'da işlem görüyor; BIST 100 endeksi yüzde 1 düştü.",
         [("Borsa İstanbul", "ORG")]),
        # a head word right before a minister's title is part of the title
        ("Sanayi ve Teknoloji Bakanı fuarı ziyaret etti.", []),
        ("", []),
    ],
)
def test_rules_alone(nlp, text, expected):
    assert ents(nlp(text)) == expected


@pytest.mark.parametrize(
    "text,ner,expected",
    [
        # the gazetteer wins over the NER's label
        ("ABD ile Kanada arasında ticaret arttı.", [(0, 1, "ORG")], [("ABD", "LOC"), ("Kanada", "LOC")]),
        ("Edirne'de hava soğudu.", [(0, 1, "PER")], [("Edirne", "LOC")]),
        # nationality adjectives and events the NER tags are dropped
        ("Kazak yetkililer Enerji Haftası için hazırlık yaptı.", [(0, 1, "LOC"), (2, 4, "ORG")], []),
        # a title inside an NER span: the rules split it into place and person
        ("Kazakistan Başbakanı Askar Mamin konuştu.", [(0, 4, "PER")],
         [("Kazakistan", "LOC"), ("Askar Mamin", "PER")]),
        # what the rules do not know, the NER keeps
        ("Kenan Sofuoğlu yarışı kazandı.", [(0, 2, "PER")], [("Kenan Sofuoğlu", "PER")]),
        # an adjective made from a name is not the name
        ("Samsunsporlu futbolcular Ankaralı taraftarları selamladı.", [(0, 1, "PER"), (2, 3, "LOC")], []),
        # a city at the end of a person's name is a surname
        ("Gazeteci Mert Kiev yeni kitabını tanıttı.", [(1, 3, "PER")], [("Mert Kiev", "PER")]),
        # a common noun the text writes in lower case is no name, but a person's full name stays
        ("Sağlıklı Beslenme için sağlıklı beslenme şart dedi Barış Güler, barış ve güler yüz istedi.",
         [(0, 2, "ORG"), (7, 9, "PER")], [("Barış Güler", "PER")]),
        # a sentence-initial word the text also writes in lower case (`gümüş`) is no person
        ("Gümüşün gram fiyatı yükseldi. Yatırımcılar gümüş almaya devam etti.", [(0, 1, "PER")], []),
        # ... but a first name of a person the text names in full stays
        ("Sevgi Arslan ödülü aldı. Sevgi, sevgi dolu bir konuşma yaptı.", [(0, 2, "PER"), (5, 6, "PER")],
         [("Sevgi Arslan", "PER"), ("Sevgi", "PER")]),
        # the name before a possessive title (`Genel Müdürü`) is an organisation, not a person
        ("Toros Gübre Genel Müdürü Kemal Aksoy yatırımı anlattı.", [(0, 2, "PER"), (4, 6, "PER")],
         [("Toros Gübre", "ORG"), ("Kemal Aksoy", "PER")]),
        # a company's first word alone is the company, even where the NER took it for a person
        ("Yazılım şirketi Netpa Teknoloji büyüdü. Netpa'nın geliri arttı.", [(6, 7, "PER")],
         [("Netpa Teknoloji", "ORG"), ("Netpa", "ORG")]),
        # a sentence opener with a case ending is not part of the NER's name
        ("Toplantıda Lindqvist konuştu.", [(0, 2, "PER")], [("Lindqvist", "PER")]),
        # a profession before a name is a title
        ("Ekonomist Deniz Sarıkaya faiz kararını yorumladı.", [(0, 3, "PER")], [("Deniz Sarıkaya", "PER")]),
        # a field of a minister's title joined by `ve` is not an institution; a country before a title stays
        ("Hazine ve Maliye Bakanı Nevzat Tan, Londra'da konuştu.", [(0, 1, "ORG"), (4, 6, "PER")],
         [("Nevzat Tan", "PER"), ("Londra", "LOC")]),
        # a function word and a currency code are no names
        ("Öyle bir karar beklenmiyordu, dolar 32 TL'yi aştı.", [(0, 1, "PER"), (7, 8, "ORG")], []),
        # a first name that ends like a district's adjective (`Mut` + `lu`) is still a person
        ("Yedekler: Savaş, Mutlu, Hikmet.", [(2, 3, "PER"), (4, 5, "PER"), (6, 7, "PER")],
         [("Savaş", "PER"), ("Mutlu", "PER"), ("Hikmet", "PER")]),
        # `endekslendiğini` is a verb, not an index word
        ("Seçimin CHP'ye endekslendiğini söyledi.", [(1, 2, "ORG")], [("CHP", "ORG")]),
        # a market index with its number is not the exchange
        ("BIST 100 endeksi günü yüzde 2 artıyla tamamladı.", [(0, 1, "ORG")], []),
        # an NER PER span that contains an ambiguous province (`Aydın`) stays a person
        ("Aydın Demir toplantıya katılmadı.", [(0, 2, "PER")], [("Aydın Demir", "PER")]),
    ],
)
def test_repairs_ner_output(nlp, text, ner, expected):
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ner]
    assert ents(nlp.get_pipe("trnews_entity_rules")(doc)) == expected


def test_merge_modes_keep_ner_when_asked():
    nlp = spacy.blank("tr")
    nlp.add_pipe("trnews_entity_rules", config={"merge": "ner_first"})
    doc = nlp.make_doc("Kazakistan Enerji Derneği toplantısı yapıldı.")
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    assert ents(nlp.get_pipe("trnews_entity_rules")(doc)) == [("Kazakistan Enerji", "ORG")]


def test_bad_config_fails_at_add_pipe():
    nlp = spacy.blank("tr")
    with pytest.raises(ValueError, match="merge must be one of"):
        nlp.add_pipe("trnews_entity_rules", config={"merge": "sometimes"})
    with pytest.raises(ValueError, match="unknown gazetteer 'moon'"):
        nlp.add_pipe("trnews_entity_rules", name="other", config={"gazetteers": ["moon"]})


def test_initialize_selects_gazetteers():
    nlp = spacy.blank("tr")
    rules = nlp.add_pipe("trnews_entity_rules")
    rules.initialize(gazetteers=["institutions"])
    assert ents(nlp("NATO toplantısı Brüksel'de yapıldı.")) == [("NATO", "ORG")]
    assert rules.cfg["gazetteers"] == ["institutions"]


def test_round_trip_bytes_and_disk(tmp_path):
    nlp = spacy.blank("tr")
    rules = nlp.add_pipe("trnews_entity_rules", config={"propagate_mentions": True})
    rules.initialize(gazetteers=["institutions", "provinces"])
    text = "TÜİK verilerine göre Trabzon'da işsizlik azaldı."
    expected = ents(nlp(text))

    other = spacy.blank("tr").add_pipe("trnews_entity_rules")
    other.from_bytes(rules.to_bytes())
    assert other.cfg == rules.cfg and other.data == rules.data

    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("trnews_entity_rules").cfg["gazetteers"] == ["institutions", "provinces"]
    assert ents(loaded(text)) == expected == [("TÜİK", "ORG"), ("Trabzon", "LOC")]


def test_docs_survive_docbin_and_pickle(nlp):
    doc = nlp("Birleşmiş Milletler Genel Sekreteri Antonio Guterres New York'ta konuştu.")
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    again = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab))[0]
    assert ents(again) == ents(pickle.loads(pickle.dumps(doc))) == ents(doc)
    assert ("Antonio Guterres", "PER") in ents(doc)


@pytest.mark.parametrize(
    "text", ["''''", "“", "A.Ş.'nin", "Bakanlığı", "Prof. Dr.", "ve ve ve", "İ" * 50, "\n\n", "(ABD", "ABD (",
             "Bosch Türkiye", "( TBD )", "belirten ,", "Kuzey", "Dağı Dağı", "Ali Veli (AV) AV"])
def test_never_crashes(nlp, text):
    rules = nlp.get_pipe("trnews_entity_rules")
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, 0, 1, label="PER")] if len(doc) else []
    rules._process(doc)  # the unguarded path: __call__ would hide an exception


def test_gazetteer_rows_are_checked(tmp_path):
    bad = tmp_path / "gazetteer_bad.tsv"
    bad.write_text("name\tlabel\taliases\tnote\nAnkara\tCITY\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_gazetteer(bad)


def test_district_gazetteer_lists_districts_not_words():
    names = {name for name, _, _ in read_gazetteer(DATA_DIR / "gazetteer_districts.tsv")}
    assert {"Osmaneli", "Tepebaşı", "Odunpazarı", "Sapanca"} <= names and len(names) > 600
    assert not names & {"Merkez", "Aralık", "Pazar", "Yıldırım"}  # the central district, a month, a day, a surname


def test_cldr_gazetteer_has_turkish_names():
    rows = read_gazetteer(DATA_DIR / "gazetteer_countries.tsv")
    names = {name for name, _, _ in rows}
    assert {"Almanya", "Güney Kore", "Kazakistan", "Suudi Arabistan"} <= names


WORDS = ["Kazakistan", "Başbakanı", "Askar", "Mamin", "Bakanlığının", "Tarım", "ve", "Orman", "(", ")", ",", ".",
         "ABD", "'nin", "’ın", "Kuzey", "Irak", "Dağı", "Gabar", "Türkiye", "Bosch", "belirten", "Prof.", "Dr.",
         "TÜRKİYE", "Berkel", "Ayşe", "Derneği", "TBD", "Bey", "Dün", "Toplantıya", "\"", "19", "Mayıs", "Stadyumu",
         "von", "der", "Leyen", "Samsunspor", "Aydın", "Yönetim", "Kurulu", "Başkanı", "İ", "ı", "", "-", "CEO'su"]


@given(st.lists(st.sampled_from(WORDS), max_size=30), st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_word_salad_never_crashes(nlp, words, data):
    rules = nlp.get_pipe("trnews_entity_rules")
    doc = nlp.make_doc(" ".join(w for w in words if w))
    if len(doc):
        s = data.draw(st.integers(0, len(doc) - 1))
        e = data.draw(st.integers(s + 1, len(doc)))
        doc.ents = [Span(doc, s, e, label=data.draw(st.sampled_from(["PER", "ORG", "LOC"])))]
    out = rules._process(doc)
    assert all(ent.label_ in ("PER", "ORG", "LOC") for ent in out.ents)


def test_assembled_from_config_with_initialize_section():
    from spacy.util import load_config_from_str

    config = load_config_from_str(
        """
[nlp]
lang = "tr"
pipeline = ["trnews_entity_rules"]

[components]

[components.trnews_entity_rules]
factory = "trnews_entity_rules"
merge = "rules_first"

[initialize]

[initialize.components]

[initialize.components.trnews_entity_rules]
gazetteers = ["provinces"]
"""
    )
    nlp = spacy.blank("tr").from_config(config)
    nlp.initialize()
    assert nlp.get_pipe("trnews_entity_rules").cfg["gazetteers"] == ["provinces"]
    assert ents(nlp("Trabzon'dan Londra'ya uçuş başladı.")) == [("Trabzon", "LOC")]


def test_sentence_opener_needs_an_ending_the_lemmatizer_cuts(nlp):
    # `Belediye` ends like a dative, but the lemmatizer keeps it whole: part of the name
    rules = nlp.get_pipe("trnews_entity_rules")
    doc = nlp.make_doc("Belediye İş Sendikası greve çıktı.")
    doc[0].lemma_ = "belediye"
    doc.ents = [Span(doc, 0, 3, label="ORG")]
    assert ents(rules(doc)) == [("Belediye İş Sendikası", "ORG")]


def test_sentence_initial_inflected_common_word_is_no_person(nlp):
    # `Gümüşün` with the lemma `gümüş`: a common noun with a genitive, written without `'` as
    # common nouns are; a surname in -oğulları (`lar` is a plural, not a case) stays a person
    rules = nlp.get_pipe("trnews_entity_rules")
    for text, lemma, expected in [
        ("Gümüşün ons fiyatı 31 dolara çıktı.", "gümüş", []),
        ("Karaoğulları açıklama yaptı.", "karaoğul", [("Karaoğulları", "PER")]),
    ]:
        doc = nlp.make_doc(text)
        doc[0].lemma_ = lemma
        doc.ents = [Span(doc, 0, 1, label="PER")]
        assert ents(rules(doc)) == expected
