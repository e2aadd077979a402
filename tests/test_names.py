"""trnews_names: every entity gets `_.canonical`, the fullest name of its referent in the document.

Entities are put into `doc.ents` by hand (as the NER and the entity rules would), so these tests
show the linking alone.
"""

from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.tokens import DocBin, Span

import trnews.entities  # noqa: F401  (registers the factories even without installed entry points)
import trnews.names  # noqa: F401


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("tr")
    nlp.add_pipe("trnews_names")
    return nlp


def link(nlp, text, spans):
    """`spans`: (mention text, label) in order of appearance; returns [(text, canonical)]."""
    doc = nlp.make_doc(text)
    ents, start = [], 0
    for mention, label in spans:
        begin = text.index(mention, start)
        start = begin + len(mention)
        ents.append(doc.char_span(begin, start, label=label, alignment_mode="expand"))
    doc.ents = ents
    doc = nlp.get_pipe("trnews_names")(doc)
    return [(e.text, e._.canonical) for e in doc.ents]


@pytest.mark.parametrize(
    "text,spans,expected",
    [
        # surname-only mention -> full name, suffix ignored
        ("Kazakistan Başbakanı Askar Mamin forumu açtı. Mamin'e göre üretim artacak.",
         [("Askar Mamin", "PER"), ("Mamin'e", "PER")],
         ["Askar Mamin", "Askar Mamin"]),
        # a first name and a middle name also lead to the full name; shouting is ignored
        ("Recep Tayyip Erdoğan mitingde konuştu. Kalabalık TAYYİP diye bağırdı.",
         [("Recep Tayyip Erdoğan", "PER"), ("TAYYİP", "PER")],
         ["Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan"]),
        # two people with one surname: the one named nearest before the mention
        ("Donald Trump açıklama yaptı. Trump memnun. Eric Trump ise şirketi anlattı. Trump iyimser.",
         [("Donald Trump", "PER"), ("Trump", "PER"), ("Eric Trump", "PER"), ("Trump", "PER")],
         ["Donald Trump", "Donald Trump", "Eric Trump", "Eric Trump"]),
        # abbreviation paired with its long form in the text, both ways round
        ("Türkiye İstatistik Kurumu (TÜİK) verileri açıklandı. TÜİK'in verilerine göre işsizlik düştü.",
         [("Türkiye İstatistik Kurumu", "ORG"), ("TÜİK", "ORG"), ("TÜİK'in", "ORG")],
         ["Türkiye İstatistik Kurumu"] * 3),
        ("DSÖ (Dünya Sağlık Örgütü) uyardı. DSÖ yetkilileri toplandı.",
         [("DSÖ", "ORG"), ("Dünya Sağlık Örgütü", "ORG"), ("DSÖ", "ORG")],
         ["Dünya Sağlık Örgütü"] * 3),
        # a gazetteer alias links only when the long form is in the document
        ("Birleşmiş Milletler toplandı. BM kararı kabul etti.",
         [("Birleşmiş Milletler", "ORG"), ("BM", "ORG")],
         ["Birleşmiş Milletler", "Birleşmiş Milletler"]),
        ("BM kararı kabul etti.", [("BM", "ORG")], ["BM"]),
        # the fuller of two gazetteer forms wins, whichever of them the list puts first
        ("Filistin Devleti tanındı. Filistin'de kutlamalar yapıldı.",
         [("Filistin Devleti", "LOC"), ("Filistin'de", "LOC")],
         ["Filistin Devleti", "Filistin Devleti"]),
        # a glued case suffix and capital letters do not make a new name
        ("Türk Kızılay kan bağışı çağrısı yaptı. Türk Kızılayın açıklamasında TÜRKİYE vurgusu vardı. Türkiye genelinde.",
         [("Türk Kızılay", "ORG"), ("Türk Kızılayın", "ORG"), ("TÜRKİYE", "LOC"), ("Türkiye", "LOC")],
         ["Türk Kızılay", "Türk Kızılay", "Türkiye", "Türkiye"]),
        # head words only: the same company, the same mountain
        ("Bosch Grubu yatırımlarını artırdı. Bosch, Türkiye'de üretim yapıyor.",
         [("Bosch Grubu", "ORG"), ("Bosch", "ORG")], ["Bosch Grubu", "Bosch Grubu"]),
        ("Gabar Dağı'nda petrol bulundu. Gabar'daki kuyular üretime geçti.",
         [("Gabar Dağı", "LOC"), ("Gabar", "LOC")], ["Gabar Dağı", "Gabar Dağı"]),
        # a city is not the airport or the street named after it
        ("Yolcular Antalya Havalimanı'nda bekledi. Antalya'da sıcaklık 40 dereceyi aştı.",
         [("Antalya Havalimanı", "LOC"), ("Antalya'da", "LOC")], ["Antalya Havalimanı", "Antalya"]),
        # the abbreviation in brackets after a suffix split off the name still links to it
        ("Şirket, Kamuyu Aydınlatma Platformu'na (KAP) bildirim yaptı. KAP'a göre satış tamamlandı.",
         [("Kamuyu Aydınlatma Platformu", "ORG"), ("KAP", "ORG"), ("KAP'a", "ORG")],
         ["Kamuyu Aydınlatma Platformu", "Kamuyu Aydınlatma Platformu", "Kamuyu Aydınlatma Platformu"]),
        # more than head words: another referent (a branch of the association)
        ("Türk Toraks Derneği Adana Şube Başkanı konuştu. Türk Toraks Derneği raporu yayımladı.",
         [("Türk Toraks Derneği Adana Şube", "ORG"), ("Türk Toraks Derneği", "ORG")],
         ["Türk Toraks Derneği Adana Şube", "Türk Toraks Derneği"]),
        # a case suffix glued to an institution's head word is not part of its name
        ("İçişleri Bakanlığından yapılan açıklamada tatbikat duyuruldu.",
         [("İçişleri Bakanlığından", "ORG")], ["İçişleri Bakanlığı"]),
        # the nominative compound marker of an institution's head word is part of its name;
        # only the case suffix after it goes (`Mahkemesi` is listed, and so is bare `mahkeme`)
        ("Temyiz Mahkemesi kararını dün açıkladı. Avukatlar Temyiz Mahkemesine itiraz edecek.",
         [("Temyiz Mahkemesi", "ORG"), ("Temyiz Mahkemesine", "ORG")],
         ["Temyiz Mahkemesi", "Temyiz Mahkemesi"]),
        ("Cumhuriyet Halk Partisi kurultayını topladı. Anayasa Mahkemesinden karar bekleniyor.",
         [("Cumhuriyet Halk Partisi", "ORG"), ("Anayasa Mahkemesinden", "ORG")],
         ["Cumhuriyet Halk Partisi", "Anayasa Mahkemesi"]),
        ("Merkez Şubesi yeni binasına taşındı. AK Partiden açıklama geldi.",
         [("Merkez Şubesi", "ORG"), ("AK Partiden", "ORG")],
         ["Merkez Şubesi", "AK Parti"]),
        # after a compound marker (-ları, -i) a case ending takes the buffer n, which is cut with it;
        # a name that only looks like it keeps its ending (`Karolina`)
        ("Türk Hava Yollarının yolcu sayısı arttı. Kuzey Kıbrıs Türk Cumhuriyetinden heyet geldi.",
         [("Türk Hava Yollarının", "ORG"), ("Kuzey Kıbrıs Türk Cumhuriyetinden", "LOC")],
         ["Türk Hava Yolları", "Kuzey Kıbrıs Türk Cumhuriyeti"]),
        ("Kasırga Kuzey Karolina kıyılarını vurdu.", [("Kuzey Karolina", "LOC")], ["Kuzey Karolina"]),
        # a lone institution noun stands for the one institution of the text with that head
        ("Ordu Belediye Meclisinin oturumunda bütçe görüşüldü. Meclis yarın yeniden toplanacak.",
         [("Ordu Belediye Meclisinin", "ORG"), ("Meclis", "ORG")],
         ["Ordu Belediye Meclisi", "Ordu Belediye Meclisi"]),
        # a surname is linked within its label only
        ("Gül Çiçek konuştu. Çiçek Sokağı kapatıldı.",
         [("Gül Çiçek", "PER"), ("Çiçek Sokağı", "LOC")],
         ["Gül Çiçek", "Çiçek Sokağı"]),
    ],
)
def test_canonical(nlp, text, spans, expected):
    assert [canonical for _, canonical in link(nlp, text, spans)] == expected


def test_canonical_is_plain_data_and_survives_serialization(nlp):
    doc = nlp.make_doc("Ayşe Berkel konuştu. Berkel ekledi.")
    doc.ents = [Span(doc, 0, 2, label="PER"), Span(doc, 4, 5, label="PER")]
    doc = nlp.get_pipe("trnews_names")(doc)
    assert isinstance(doc.ents[1]._.canonical, str)
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    again = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab))[0]
    assert [e._.canonical for e in again.ents] == ["Ayşe Berkel", "Ayşe Berkel"]
    assert [e._.canonical for e in pickle.loads(pickle.dumps(doc)).ents] == ["Ayşe Berkel", "Ayşe Berkel"]


def test_round_trip_and_config(tmp_path):
    nlp = spacy.blank("tr")
    names = nlp.add_pipe("trnews_names", config={"alias_gazetteers": ["institutions"], "link_abbreviations": False})
    other = spacy.blank("tr").add_pipe("trnews_names")
    other.from_bytes(names.to_bytes())
    assert other.cfg == names.cfg and other.aliases == names.aliases
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p").get_pipe("trnews_names")
    assert loaded.cfg == {"alias_gazetteers": ["institutions"], "link_abbreviations": False}
    with pytest.raises(ValueError, match="no gazetteer 'moon'"):
        spacy.blank("tr").add_pipe("trnews_names", config={"alias_gazetteers": ["moon"]})


def test_full_rules_pipeline_sets_canonical_everywhere():
    nlp = spacy.blank("tr")
    nlp.add_pipe("trnews_entity_rules")
    nlp.add_pipe("trnews_names")
    doc = nlp("Dışişleri Bakanı Hakan Fidan, Kuzey Atlantik Antlaşması Örgütü (NATO) toplantısında konuştu. "
              "Fidan, NATO'nun Ankara'daki zirvesine değindi.")
    got = {(e.text.split("'")[0], e._.canonical) for e in doc.ents}
    assert ("Fidan", "Hakan Fidan") in got
    assert ("NATO", "Kuzey Atlantik Antlaşması Örgütü") in got
    assert ("Ankara", "Ankara") in got
    assert all(e._.canonical for e in doc.ents)


@pytest.mark.parametrize("text", ["", "''", "(", "(TÜİK)", "Ali (", "\u200b"])
def test_never_crashes(nlp, text):
    nlp(text)
