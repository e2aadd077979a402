"""trnews_quantities as a pipeline component: config, serialisation, DocBin, multiprocessing, SPEC JSON."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import DocBin

import trnews.quantities  # noqa: F401
from trnews import schema

TEXT = ("Demir, bölgede yılda 85 milyon ton linyit çıkarıldığını anlattı. Bu yıl doğal gaz tüketiminin "
        "57 milyar metreküpe çıkacağını, varil başına 72 dolar fiyat öngördüklerini ve satışların "
        "yüzde 5-6 artacağını belirtti.")


def make(**config):
    nlp = spacy.blank("tr")
    nlp.add_pipe("trnews_quantities", config=config)
    return nlp


def triples(doc):
    return [(s.text, s._.value, s._.value_max, s._.unit, s._.period and s._.period["value"])
            for s in doc.spans["quantities"]]


def test_finds_the_seed_triples():
    doc = make()(TEXT)
    assert triples(doc) == [
        ("85 milyon ton", 85_000_000, None, "t", "P1Y"),
        ("57 milyar metreküpe", 57_000_000_000, None, "m3", "YEAR+0"),
        ("72 dolar", 72, None, "USD/bbl", "YEAR+0"),  # `Bu yıl` governs the whole sentence
        ("yüzde 5-6", 5, 6, "%", "YEAR+0"),
    ]


def test_publication_date_resolves_relative_years():
    nlp = make()
    doc = nlp.make_doc(TEXT)
    doc.user_data["trnews.date"] = "2019-10-01"
    assert nlp(doc).spans["quantities"][1]._.period["value"] == "2019"
    nlp = make(resolve_dates=False)
    doc = nlp.make_doc(TEXT)
    doc.user_data["trnews.date"] = "2019-10-01"
    assert nlp(doc).spans["quantities"][1]._.period["value"] == "YEAR+0"


def test_units_config_keeps_only_those_units():
    doc = make(units=["%", "t"])(TEXT)
    assert [s._.unit for s in doc.spans["quantities"]] == ["t", "%"]


def test_unknown_unit_code_fails_at_add_pipe():
    with pytest.raises(ValueError, match="unknown unit codes"):
        make(units=["parsec"])


def test_bad_config_type_fails_at_add_pipe():
    with pytest.raises(Exception):
        make(resolve_dates="sometimes")


def test_bytes_round_trip():
    nlp = make(units=["t", "m3"], resolve_dates=False)
    pipe = nlp.get_pipe("trnews_quantities")
    other = make()
    other.get_pipe("trnews_quantities").from_bytes(pipe.to_bytes())
    assert triples(other(TEXT)) == triples(nlp(TEXT))
    assert other.get_pipe("trnews_quantities").units == ["t", "m3"]


def test_disk_round_trip(tmp_path):
    nlp = make(units=["t", "m3", "%"])
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == ["trnews_quantities"]
    assert triples(loaded(TEXT)) == triples(nlp(TEXT))


def test_docbin_keeps_spans_and_extensions():
    doc = make()(TEXT)
    db = DocBin(store_user_data=True)
    db.add(doc)
    nlp2 = spacy.blank("tr")
    (back,) = DocBin(store_user_data=True).from_bytes(db.to_bytes()).get_docs(nlp2.vocab)
    assert triples(back) == triples(doc)
    assert back.spans["quantities"][0]._.item == doc.spans["quantities"][0]._.item


def test_pipe_with_two_processes_keeps_extensions():
    nlp = make()
    texts = [TEXT, "Fiyat 5 dolar.", "", "Sayı yok."] * 3
    single = [triples(d) for d in nlp.pipe(texts)]
    multi = [triples(d) for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert multi == single


def test_spec_json_from_schema():
    doc = make()(TEXT)
    out = schema.doc_to_json(doc, "seed")
    first = out["quantities"][0]
    assert first["text"] == "85 milyon ton" and first["unit"] == "t" and first["value"] == 85_000_000
    assert first["period"] == {"type": "rate", "value": "P1Y", "text": "yılda",
                               "start": TEXT.index("yılda"), "end": TEXT.index("yılda") + 5}
    assert first["item"]["text"] == "linyit"
    assert schema.validate(out, TEXT) == []


def test_works_after_a_tokenizer_that_splits_suffixes():
    """Spans are found on the text and snapped to tokens, so any tokenisation works."""
    nlp = make()
    words = ["Üretim", "51", "milyar", "metreküp", "e", "ulaştı", ";", "yüzde", "12", "'", "lik", "artış", "."]
    spaces = [True, True, True, False, True, False, True, True, False, False, True, False, False]
    from spacy.tokens import Doc
    doc = nlp(Doc(nlp.vocab, words=words, spaces=spaces))
    assert [(s.text, s._.unit) for s in doc.spans["quantities"]] == [("51 milyar metreküpe", "m3"),
                                                                     ("yüzde 12'lik", "%")]


def test_bad_unit_table_names_the_entry():
    nlp = make()
    pipe = nlp.get_pipe("trnews_quantities")
    with pytest.raises(ValueError, match="entry 0 .'parsec'."):
        pipe.initialize(units_table={"units": [{"code": "parsec", "kind": "length", "words": ["parsek"]}]})


def test_initialize_swaps_in_another_unit_table():
    nlp = make()
    pipe = nlp.get_pipe("trnews_quantities")
    pipe.initialize(units_table={"units": [{"code": "t", "kind": "mass", "si": ["kg", 1000], "words": ["ton"]}]})
    doc = nlp("Yılda 5 ton buğday ve 3 milyar dolar gelir.")
    assert [(s.text, s._.unit) for s in doc.spans["quantities"]] == [("5 ton", "t")]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(["yüzde", "%", "5", "3,5", "1.860.000", "milyon", "bin", "ton", "dolar", "'den", "’e", " ",
                           "-", "ile", "arasında", "yılda", "2019", "mart", "Ekim", ".", ",", "\n", '"', "İ", "ı",
                           "varil başına", "gram altın", "eksi", "derece", "bu yıl", "son 5 yılda", "/gün", "lık"])
_SAFE = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@_SAFE
@given(pieces=st.lists(_PIECES, max_size=40), noise=st.text(max_size=30))
def test_never_crashes_and_offsets_hold(pieces, noise):
    nlp = _shared_nlp()
    text = "".join(pieces) + noise
    doc = nlp(text)
    out = schema.doc_to_json(doc)
    assert schema.validate(out, text) == []


_NLP = []


def _shared_nlp():
    if not _NLP:
        _NLP.append(make())
    return _NLP[0]
