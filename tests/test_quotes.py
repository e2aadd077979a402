"""trnews_quotes: a catalogue of how Turkish news writes reported speech.

Every sentence here is written for these tests in agency style; none is taken
from an article. Each case says which quote must be found, of what kind, with
which speaker name and cue.
"""

from __future__ import annotations

import pytest
import spacy

from trnews import schema


def _nlp():
    try:
        import trnews.tokenizer  # noqa: F401  (registers trnews.tokenizer.v1)

        nlp = spacy.blank("tr", config={"nlp": {"tokenizer": {"@tokenizers": "trnews.tokenizer.v1"}}})
    except Exception:  # the news tokenizer is optional for this component
        nlp = spacy.blank("tr")
    nlp.add_pipe("trnews_quotes")
    return nlp


@pytest.fixture(scope="module")
def nlp():
    return _nlp()


def quotes(nlp, text):
    doc = nlp(text)
    record = schema.doc_to_json(doc, "t")
    assert schema.validate(record, text) == []
    return record["quotes"]


def only(nlp, text, kind=None):
    found = [q for q in quotes(nlp, text) if kind is None or q["kind"] == kind]
    assert len(found) == 1, found
    return found[0]


def speaker(q):
    return q["speaker"]["name"] if q["speaker"] else None


def cue(q):
    return q["cue"]["text"] if q["cue"] else None


# -- direct speech with a cue after the quote -------------------------------------------------

DIRECT_POST = [
    # (text, quote, speaker, cue)
    ('Bakan Selim Arıkan, "Yeni limanı gelecek yıl hizmete açacağız." dedi.',
     "Yeni limanı gelecek yıl hizmete açacağız.", "Selim Arıkan", "dedi"),
    ('Vali Nermin Tok, "Yollar kısa sürede ulaşıma açılacak." diye konuştu.',
     "Yollar kısa sürede ulaşıma açılacak.", "Nermin Tok", "diye konuştu"),
    ('Genel Müdür Kaan Erel, "İhracatta rekor bekliyoruz." ifadelerini kullandı.',
     "İhracatta rekor bekliyoruz.", "Kaan Erel", "ifadelerini kullandı"),
    ('Dernek Başkanı Oya Sezer, "Fiyatlar bu yıl yüzde 20 artacak." değerlendirmesinde bulundu.',
     "Fiyatlar bu yıl yüzde 20 artacak.", "Oya Sezer", "değerlendirmesinde bulundu"),
    ('Dünya Gıda Ajansı, "Kıtlık riski geçmedi." açıklamasında bulundu.',
     "Kıtlık riski geçmedi.", "Dünya Gıda Ajansı", "açıklamasında bulundu"),
    ('Teknik Direktör Cem Aral, "Takımımız her maça final gibi hazırlanıyor." şeklinde konuştu.',
     "Takımımız her maça final gibi hazırlanıyor.", "Cem Aral", "şeklinde konuştu"),
    ('Oda Başkanı Ferit Kalkan, "Esnafın yükü hafiflemeli." diyerek çağrıda bulundu.',
     "Esnafın yükü hafiflemeli.", "Ferit Kalkan", "diyerek"),
    ('Kalkan, "Kredi faizleri düşmezse kapanan dükkan sayısı artar" uyarısında bulundu.',
     "Kredi faizleri düşmezse kapanan dükkan sayısı artar", "Kalkan", "uyarısında bulundu"),
]


@pytest.mark.parametrize("text,content,name,cue_text", DIRECT_POST)
def test_direct_quote_with_a_cue_after_it(nlp, text, content, name, cue_text):
    q = only(nlp, text, "direct")
    assert q["text"] == content
    assert speaker(q) == name
    assert cue(q) == cue_text


def test_participle_after_the_quote_names_the_speaker_after_it(nlp):
    text = '"Bu kış doğal gaz sıkıntısı yaşanmayacak" diyen Enerji Bakanı Tuncay Balcı, depoların dolu olduğunu söyledi.'
    found = quotes(nlp, text)
    q = [q for q in found if q["kind"] == "direct"][0]
    assert q["text"] == "Bu kış doğal gaz sıkıntısı yaşanmayacak"
    assert speaker(q) == "Tuncay Balcı" and cue(q) == "diyen"


def test_the_fullest_name_is_reported_and_the_nearest_mention_is_pointed_at(nlp):
    text = ("Tarım Bakanı Levent Sarp, hasadın iyi geçtiğini bildirdi. "
            'Sarp, "Üreticimizin emeği karşılıksız kalmayacak." dedi.')
    q = only(nlp, text, "direct")
    assert speaker(q) == "Levent Sarp"
    assert q["speaker"]["text"] == "Sarp"
    assert q["speaker"]["start"] == text.rindex("Sarp,")


# -- colon introductions and quotes over several paragraphs -------------------------------

def test_colon_introduction_then_quote(nlp):
    text = 'Belediye Başkanı Hale Duru, şunları söyledi: "Metro hattı iki yıl içinde bitecek."'
    q = only(nlp, text, "direct")
    assert q["text"] == "Metro hattı iki yıl içinde bitecek."
    assert speaker(q) == "Hale Duru" and cue(q) == "şunları söyledi"


@pytest.mark.parametrize("intro", ["sözlerini şöyle sürdürdü:", "şu ifadelere yer verdi:", "şöyle devam etti:"])
def test_colon_introduction_variants(nlp, intro):
    text = f'Ekonomist Burak Kaya, {intro} "Enflasyon yılın ikinci yarısında gerileyecek."'
    q = only(nlp, text, "direct")
    assert speaker(q) == "Burak Kaya"
    assert q["text"] == "Enflasyon yılın ikinci yarısında gerileyecek."


def test_quote_in_the_next_paragraph_running_over_paragraphs_reopening_the_mark(nlp):
    text = ("Kooperatif Başkanı Sinan Oral, paylaşımında şu ifadelere yer verdi:\n\n"
            '"Bu yıl fındıkta rekolte düşük. Üreticimiz zor günler geçiriyor.\n\n'
            '"Devletimizden destek bekliyoruz. Taban fiyat bir an önce açıklanmalı."')
    q = only(nlp, text, "direct")
    assert q["text"].startswith("Bu yıl fındıkta") and q["text"].endswith("açıklanmalı.")
    assert speaker(q) == "Sinan Oral"


# -- headline quotes and subject-less sentences --------------------------------------------

def test_headline_quote_takes_the_speaker_introduced_next(nlp):
    text = ('Stoklar geçen aya göre yüzde 5 azaldı."Zam yapmayacağız"Sanayi Bakanı Eren Yalçın da '
            "fiyatların sabit kalacağını bildirdi.")
    found = quotes(nlp, text)
    head = [q for q in found if q["kind"] == "direct"][0]
    assert head["text"] == "Zam yapmayacağız"
    assert speaker(head) == "Eren Yalçın" and head["cue"] is None


def test_subjectless_quote_belongs_to_the_speaker_the_text_follows(nlp):
    text = ("Sağlık Müdürü Deniz Aksoy, aşı stoklarının yeterli olduğunu belirtti. "
            '"Vatandaşlarımız randevularını aksatmasın." diye konuştu.')
    q = only(nlp, text, "direct")
    assert speaker(q) == "Deniz Aksoy"


def test_converb_sentence_keeps_its_subject_for_the_quote(nlp):
    text = ('Aksoy, kış aylarında vaka sayısının artacağını aktararak, '
            '"Maske kullanımını yeniden öneriyoruz." diye konuştu.')
    found = quotes(nlp, text)
    kinds = {q["kind"]: q for q in found}
    assert speaker(kinds["direct"]) == "Aksoy"
    assert speaker(kinds["indirect"]) == "Aksoy"
    assert kinds["indirect"]["text"] == "kış aylarında vaka sayısının artacağını"
    assert cue(kinds["indirect"]) == "aktararak"


# -- indirect speech -------------------------------------------------------------------------

INDIRECT = [
    ("Rektör Mehmet Ünlü, yeni kampüsün eylülde açılacağını söyledi.", "yeni kampüsün eylülde açılacağını", "Mehmet Ünlü", "söyledi"),
    ("Rektör Mehmet Ünlü, öğrenci sayısının iki katına çıktığını belirtti.", "öğrenci sayısının iki katına çıktığını", "Mehmet Ünlü", "belirtti"),
    ("Şirket, ilk çeyrekte satışlarını yüzde 12 artırdığını bildirdi.", "ilk çeyrekte satışlarını yüzde 12 artırdığını", "Şirket", "bildirdi"),
    ("Ünlü, bursların artırılması gerektiğini kaydetti.", "bursların artırılması gerektiğini", "Ünlü", "kaydetti"),
    ("Ünlü, kütüphanenin gece de açık kalacağını vurguladı.", "kütüphanenin gece de açık kalacağını", "Ünlü", "vurguladı"),
    ("Ünlü, yurt kapasitesinin yetersiz olduğunu ifade etti.", "yurt kapasitesinin yetersiz olduğunu", "Ünlü", "ifade etti"),
    ("Ünlü, sınav takviminin değiştiğini açıkladı.", "sınav takviminin değiştiğini", "Ünlü", "açıkladı"),
    ("Ünlü, projeye 40 milyon lira ayrıldığını aktardı.", "projeye 40 milyon lira ayrıldığını", "Ünlü", "aktardı"),
    ("Ünlü, ulaşım sorununun çözüleceğini dile getirdi.", "ulaşım sorununun çözüleceğini", "Ünlü", "dile getirdi"),
    ("Ünlü, geçen yıl da benzer bir karar alındığını hatırlattı.", "geçen yıl da benzer bir karar alındığını", "Ünlü", "hatırlattı"),
    ("Ünlü, kayıtların internetten yapılacağına dikkati çekti.", "kayıtların internetten yapılacağına", "Ünlü", "dikkati çekti"),
    ("Ünlü, bilimsel üretimin önceliklerinin değişmesi gerektiğinin altını çizdi.",
     "bilimsel üretimin önceliklerinin değişmesi gerektiğinin", "Ünlü", "altını çizdi"),
]


@pytest.mark.parametrize("text,content,name,cue_text", INDIRECT)
def test_indirect_speech_governed_by_a_reporting_verb(nlp, text, content, name, cue_text):
    q = only(nlp, text, "indirect")
    assert q["text"] == content
    assert speaker(q) == name
    assert cue(q) == cue_text


@pytest.mark.parametrize("participle", ["belirten", "ifade eden", "vurgulayan"])
def test_participle_cue_puts_the_speaker_after_it(nlp, participle):
    text = (f"Tahıl rekoltesinin beklentinin üzerinde olduğunu {participle} Ziraat Odası Başkanı Nuri Tan, "
            "ihracat kısıtlamasının kaldırılmasını istedi.")
    q = only(nlp, text, "indirect")
    assert q["text"] == "Tahıl rekoltesinin beklentinin üzerinde olduğunu"
    assert speaker(q) == "Nuri Tan" and cue(q) == participle


def test_indirect_after_a_converb_and_before_a_direct_quote(nlp):
    text = ('Tan, kuraklığın verimi düşürdüğünü belirterek, "Sulama yatırımları hızlanmalı." dedi.')
    found = quotes(nlp, text)
    ind = [q for q in found if q["kind"] == "indirect"][0]
    assert ind["text"] == "kuraklığın verimi düşürdüğünü" and cue(ind) == "belirterek"
    assert speaker(ind) == "Tan"


def test_passive_cue_takes_the_institution_that_made_the_statement(nlp):
    text = ("Bakanlıktan yapılan yazılı açıklamada, denetimlerin artırılacağı belirtildi. "
            "Açıklamada, fahiş fiyat uygulayan işletmelere ceza kesildiği de bildirildi.")
    found = [q for q in quotes(nlp, text) if q["kind"] == "indirect"]
    assert [q["text"] for q in found] == ["denetimlerin artırılacağı", "fahiş fiyat uygulayan işletmelere ceza kesildiği"]
    assert all(speaker(q) == "Bakanlık" for q in found)


def test_unnamed_speakers_get_their_description(nlp):
    text = "Analistler, faiz indiriminin yaz aylarına kalacağını tahmin etti."
    q = only(nlp, text, "indirect")
    assert speaker(q) == "Analistler"


def test_text_of_direct_quotes_is_not_searched_for_indirect_speech(nlp):
    text = 'Bakan Arıkan, "Limanın bu yıl açılacağını söyledik, sözümüzü tuttuk." dedi.'
    found = quotes(nlp, text)
    assert [q["kind"] for q in found] == ["direct"]


def test_source_attributions_with_gore_are_not_quotes(nlp):
    assert quotes(nlp, "TÜİK verilerine göre işsizlik oranı yüzde 9'a geriledi.") == []


# -- quotation marks --------------------------------------------------------------------------

MARKS = [
    ('Kaptan Ufuk Er, “Rüzgar sert esiyor, seferler iptal.” dedi.', "Rüzgar sert esiyor, seferler iptal."),
    ('Kaptan Ufuk Er, «Rüzgar sert esiyor, seferler iptal.» dedi.', "Rüzgar sert esiyor, seferler iptal."),
    ("Kaptan Ufuk Er, 'Rüzgar sert esiyor, seferler iptal.' dedi.", "Rüzgar sert esiyor, seferler iptal."),
    ('Kaptan Ufuk Er,"Rüzgar sert esiyor, seferler iptal."dedi.', "Rüzgar sert esiyor, seferler iptal."),
    ("Kaptan Ufuk Er, ''Rüzgar sert esiyor, seferler iptal.'' dedi.", "Rüzgar sert esiyor, seferler iptal."),
    ('Kaptan Ufuk Er, ““Rüzgar sert esiyor, seferler iptal.” dedi.', "Rüzgar sert esiyor, seferler iptal."),
]


@pytest.mark.parametrize("text,content", MARKS)
def test_straight_curly_guillemet_single_and_glued_marks(nlp, text, content):
    q = only(nlp, text, "direct")
    assert q["text"] == content
    assert speaker(q) == "Ufuk Er"


def test_single_quotes_inside_double_quotes_are_part_of_the_quote(nlp):
    text = "Yazar Elif Naz, \"Okurlar bana hep 'Devamı gelecek mi?' diye soruyor.\" dedi."
    q = only(nlp, text, "direct")
    assert q["text"] == "Okurlar bana hep 'Devamı gelecek mi?' diye soruyor."


@pytest.mark.parametrize("text", [
    'Kentte düzenlenen "3. Anadolu Tarım Fuarı"nın açılışı yapıldı.',
    'Ekonomide "yumuşak iniş" beklentisi güçleniyor.',
    'Firma, yeni modelini "Yıldız" adıyla piyasaya sürdü.',
])
def test_names_and_scare_quotes_in_marks_are_not_quotes(nlp, text):
    assert [q for q in quotes(nlp, text) if q["kind"] == "direct"] == []


def test_apostrophes_before_suffixes_are_not_quote_marks(nlp):
    assert quotes(nlp, "Ankara'da başlayan toplantıya Kazakistan'ın ve Rusya'nın temsilcileri katıldı.") == []


@pytest.mark.parametrize("text", [
    "",
    '"',
    '""',
    '" " "',
    'Ahmet, "Bitmeyen bir alıntı böyle gider',
    'Sonu kapanmış ama başı yok." dedi. Başka bir "cümle',
    "'''‘’“”«»",
    'Bakan, "İç içe "tırnak" ve "daha fazla tırnak"" dedi."',
    "\n\n\t  \u2060 ",
    'Şunları söyledi:',
    'Açıklamada, ' * 50,
])
def test_odd_marks_never_crash(nlp, text):
    found = quotes(nlp, text)
    assert isinstance(found, list)


def test_unbalanced_quote_is_closed_at_its_paragraph(nlp):
    text = 'Müdür Can Ay, "Okullar pazartesi açılıyor. Servisler hazır.\n\nHava bugün yağışlı olacak.'
    q = only(nlp, text, "direct")
    assert q["text"] == "Okullar pazartesi açılıyor. Servisler hazır."
    assert speaker(q) == "Can Ay"


# -- spaCy plumbing --------------------------------------------------------------------------

SAMPLE = ('Bakan Selim Arıkan, limanın gelecek yıl açılacağını söyledi. '
          '"Yatırım sürecek." diyen Arıkan, yeni ihaleler açıklayacaklarını bildirdi.')


def test_extensions_hold_plain_data(nlp):
    doc = nlp(SAMPLE)
    spans = doc.spans["quotes"]
    assert len(spans) == 3
    for span in spans:
        assert span._.kind in ("direct", "indirect")
        assert isinstance(span._.speaker, dict) and span._.speaker_name == "Selim Arıkan"
        assert isinstance(span._.cue, dict)


def test_docbin_round_trip_keeps_quotes(nlp):
    from spacy.tokens import DocBin

    doc = nlp(SAMPLE)
    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    back = list(DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab))[0]
    assert schema.doc_to_json(back, "x")["quotes"] == schema.doc_to_json(doc, "x")["quotes"]


def test_pipeline_round_trip_to_disk_and_bytes(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert schema.doc_to_json(loaded(SAMPLE), "x") == schema.doc_to_json(nlp(SAMPLE), "x")
    finder = nlp.get_pipe("trnews_quotes")
    copy = type(finder)(nlp.vocab).from_bytes(finder.to_bytes())
    assert copy.cues == finder.cues and copy.spans_key == finder.spans_key


def test_config_is_checked_when_the_pipe_is_added():
    nlp = spacy.blank("tr")
    with pytest.raises(Exception):
        nlp.add_pipe("trnews_quotes", config={"spans_key": ""})


def test_bad_cue_data_is_reported_by_name():
    from trnews.quotes.lexicon import Lexicon

    with pytest.raises(ValueError, match="speech_verbs"):
        Lexicon({"titles": []})


def test_initialize_accepts_new_cue_data(nlp):
    from trnews.quotes.lexicon import load_default_data

    local = _nlp()
    data = load_default_data()
    data["speech_verbs"] = data["speech_verbs"] + ["fısılda"]
    local.get_pipe("trnews_quotes").initialize(cues=data)
    q = only(local, "Muhtar Ali Kara, köyün taşınacağını fısıldadı.", "indirect")
    assert cue(q) == "fısıldadı"


def test_multiprocessing_keeps_the_extensions(nlp):
    texts = [SAMPLE, 'Vali, "Tedbirler sürüyor." dedi.']
    docs = list(nlp.pipe(texts, n_process=2))
    assert [len(d.spans["quotes"]) for d in docs] == [3, 1]
    assert docs[1].spans["quotes"][0]._.kind == "direct"


# -- fuzzing: any mix of marks, words and newlines ------------------------------------------

def test_random_texts_never_crash_and_spans_slice_the_text(nlp):
    from hypothesis import given, settings, strategies as st

    finder = nlp.get_pipe("trnews_quotes")
    pieces = st.sampled_from(['"', "“", "”", "«", "»", "'", "‘", "’", ",", ":", ".", " ", "\n", "\n\n",
                              "Ahmet", "Kaya", "dedi", "söyledi", "olduğunu", "belirten", "Bakanlık", "şunları",
                              "diye", "konuştu", "'ın", "12.", "ANKARA", "İ", "ı", "\u2060"])

    @settings(max_examples=100, deadline=None)
    @given(st.lists(pieces, max_size=40).map("".join))
    def check(text):
        doc = nlp.make_doc(text)
        for item in finder.find(doc):
            assert 0 <= item["start"] < item["end"] <= len(text)
            if item["speaker"]:
                assert 0 <= item["speaker"]["start"] < item["speaker"]["end"] <= len(text)
        finder(doc)

    check()


# -- more ways the speaker is written ------------------------------------------------------

SPEAKER_FORMS = [
    # a quote opening right after the name, no comma
    ('Belediye Başkanı Mansur Kara “Kentimize yeni bir park kazandırdık” dedi.', "Mansur Kara"),
    # an institution with an acronym
    ('AB Komisyonu, "Destek paketi onaylandı." açıklamasında bulundu.', "AB Komisyonu"),
    # a description owned by a place name
    ('Londra Polisi, "Gösterilerde 12 kişi gözaltına alındı." açıklamasını yaptı.', "Londra Polisi"),
    # genitive + `yapılan açıklamada`
    ('Federasyonun internet sitesinden yapılan açıklamada, "Maç ertelenmiştir." denildi.', "Federasyon"),
    # a participle, then an institution, a role and the name: the name is the speaker
    ('Sezonun zor geçtiğini belirten Anadolu Spor Kulübü Teknik Direktörü Orhan Ekinci, "Hedefimiz ilk beş." dedi.',
     "Orhan Ekinci"),
]


@pytest.mark.parametrize("text,name", SPEAKER_FORMS)
def test_speaker_forms(nlp, text, name):
    q = [q for q in quotes(nlp, text) if q["kind"] == "direct"][0]
    assert speaker(q) == name


def test_passive_colon_intro_follows_the_institution(nlp):
    text = ("Valilikten yapılan açıklamada, okulların tatil edildiği bildirildi. "
            'Açıklamada şu ifadelere yer verildi: "Vatandaşlarımızın zorunlu olmadıkça yola çıkmaması rica olunur."')
    q = only(nlp, text, "direct")
    assert speaker(q) == "Valilik"


def test_short_question_in_marks_is_speech_but_a_term_is_not(nlp):
    found = quotes(nlp, 'Grup, sosyal medyadan "Bu adalet mi?" mesajını paylaştı. '
                        'Uzmanlar "sessiz kriz" ifadesini kullanıyor.')
    assert [q["text"] for q in found if q["kind"] == "direct"] == ["Bu adalet mi?"]


def test_speaker_named_right_after_the_cue(nlp):
    q = only(nlp, '"Yarın yeni paketi açıklayacağız", dedi Bakan Ayten Kurt.', "direct")
    assert speaker(q) == "Ayten Kurt"


@pytest.mark.parametrize("between", ["de ", "bir kez daha ", "da bir kez daha "])
def test_words_between_the_clause_and_its_verb(nlp, between):
    text = f"Kurt, vergi indiriminin yıl sonuna kadar süreceğini {between}vurguladı."
    q = only(nlp, text, "indirect")
    assert q["text"] == "vergi indiriminin yıl sonuna kadar süreceğini" and cue(q) == "vurguladı"


def test_entities_from_an_ner_are_used_and_cleaned(nlp):
    """A statistical NER may swallow the role or call a person a place; the speaker survives."""
    text = 'Enerji Bakanı Kanat Bora, "Üretimi artırmayacağız." dedi. Dün açıklama yapan Bora, "Stoklar yeterli." diye konuştu.'
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(0, text.index(","), label="PER"),
                doc.char_span(text.rindex("Bora"), text.rindex("Bora") + 4, label="LOC")]
    doc = nlp.get_pipe("trnews_quotes")(doc)
    found = schema.doc_to_json(doc, "x")["quotes"]
    assert [speaker(q) for q in found] == ["Kanat Bora", "Kanat Bora"]
    assert found[0]["speaker"]["text"] == "Kanat Bora"


def test_a_clause_partly_in_marks_is_indirect_speech(nlp):
    text = 'Sendika ise yönetimin rakamları "bilerek yanlış yorumladığını" ifade etti.'
    q = only(nlp, text, "indirect")
    assert q["text"] == 'yönetimin rakamları "bilerek yanlış yorumladığını'
    assert speaker(q) == "Sendika"


def test_a_surname_shared_in_a_family_goes_to_the_speaker_being_followed(nlp):
    text = ("Açıklama Başkan Kemal Aydın'ın oğlu Selim Aydın'dan geldi. Selim Aydın, konuşmasında babası "
            'Kemal Aydın\'a destek verdi. Kürsüye çıkan Aydın, "Babamla gurur duyuyorum" dedi.')
    q = only(nlp, text, "direct")
    assert speaker(q) == "Selim Aydın"


def test_verbal_noun_cue_takes_its_genitive_subject(nlp):
    text = "Bankanın, kredi faizlerini indireceğini açıklamasının ardından hisseler yükseldi."
    q = only(nlp, text, "indirect")
    assert q["text"] == "kredi faizlerini indireceğini" and cue(q) == "açıklamasının"
    assert speaker(q) == "Banka"


@pytest.mark.parametrize("text,name", [
    ("Meydandaki tabelada Atatürk'ün \"Yurtta sulh, cihanda sulh\" sözü yer alıyor.", "Atatürk"),
    ("Bakan Kaya'nın \"Yatırımlar sürecek\" açıklaması piyasaları rahatlattı.", "Kaya"),
])
def test_genitive_owner_of_a_quoted_saying(nlp, text, name):
    q = only(nlp, text, "direct")
    assert speaker(q) == name
