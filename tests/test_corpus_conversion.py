"""Corpus converters (scripts/convert_*.py) and the NER training config, on tiny inline corpora.

The bracket and CoNLL snippets below are written for these tests in the style of
the two corpora; the last test trains a few steps from configs/ner.cfg to prove
that the config and the converted data load together.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import convert_tur2003  # noqa: E402
import convert_wikiner  # noqa: E402
from corpus_tokens import build_doc, split_dev, spaces_for, split_glued_suffix  # noqa: E402

TUR2003 = (
    "\ufeff[LOC Ankara ] 'da toplanan [ORG Türkiye Büyük Millet Meclisi ] , bütçe görüşmelerine başladı \r\n"
    "Başbakan [PER Tansu Çiller ] 'in açıklaması \" yakında \" yapılacak \r\n"
    "[ORG Merkez Bankası ] 'nın faiz kararı [LOC İzmir ] ve [LOC Bursa ] 'daki esnafı sevindirdi \r\n"
    "Yazar [PER Orhan Kemal ] ' ın romanı ( [LOC Adana ] ) yeniden basıldı .\r\n"
)

WIKINER = (
    "Vali\tO\nAhmet\tB-PERSON\nYılmaz'ın\tI-PERSON\nMersin'de\tB-GPE\nyaptığı\tO\n"
    "açıklamaya\tO\ngöre\tO\n,\tO\nDevlet\tB-ORG\nSu\tI-ORG\nİşleri'nin\tI-ORG\n"
    "barajı\tO\n2024\tB-DATE\nyılında\tI-DATE\nbitecek\tO\n.\tO\n\n"
    "Türk\tB-NORP\nyolcular\tO\nKaradeniz'e\tB-LOC\nulaştı\tO\n.\tO\n"
)


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(
    "line,text,entities",
    [
        (TUR2003.splitlines()[0],
         "Ankara'da toplanan Türkiye Büyük Millet Meclisi, bütçe görüşmelerine başladı.",
         [("Ankara", "LOC"), ("Türkiye Büyük Millet Meclisi", "ORG")]),
        (TUR2003.splitlines()[1],
         'Başbakan Tansu Çiller\'in açıklaması "yakında" yapılacak.',
         [("Tansu Çiller", "PER")]),
        (TUR2003.splitlines()[2],
         "Merkez Bankası'nın faiz kararı İzmir ve Bursa'daki esnafı sevindirdi.",
         [("Merkez Bankası", "ORG"), ("İzmir", "LOC"), ("Bursa", "LOC")]),
        (TUR2003.splitlines()[3],
         "Yazar Orhan Kemal'ın romanı (Adana) yeniden basıldı.",
         [("Orhan Kemal", "PER"), ("Adana", "LOC")]),
    ],
)
def test_tur2003_line_reads_like_news_and_keeps_suffix_outside(line, text, entities):
    words, spans = convert_tur2003.parse_line(line)
    doc = build_doc(spacy.blank("tr").vocab, [(words, spans)])
    assert doc.text == text
    assert ents(doc) == entities


def test_tur2003_suffix_is_its_own_token():
    words, _ = convert_tur2003.parse_line(TUR2003.splitlines()[0])
    assert words[:3] == ["Ankara", "'da", "toplanan"]


def test_tur2003_files_to_docbins(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "reyyan.train.txt").write_bytes((TUR2003 * 5).encode("utf-8"))
    (src / "reyyan.test.txt").write_bytes(TUR2003.encode("utf-8"))
    convert_tur2003.main(src, tmp_path / "out", dev_fraction=0.2, seed=0, sents_per_doc=2, upper_fraction=0.0)
    vocab = spacy.blank("tr").vocab
    counts = {name: len(DocBin().from_disk(tmp_path / "out" / name / "tur2003.spacy")) for name in ("train", "dev", "test")}
    assert counts == {"train": 8, "dev": 2, "test": 2}
    test_docs = list(DocBin().from_disk(tmp_path / "out" / "test" / "tur2003.spacy").get_docs(vocab))
    assert test_docs[0].text.startswith("Ankara'da toplanan Türkiye Büyük Millet Meclisi, bütçe görüşmelerine başladı. Başbakan")
    assert ("Tansu Çiller", "PER") in ents(test_docs[0])


def test_wikiner_splits_suffix_and_maps_labels():
    sentences = convert_wikiner.read_sentences(WIKINER.splitlines(keepends=True))
    converted = [convert_wikiner.convert_sentence(pairs) for pairs in sentences]
    doc = build_doc(spacy.blank("tr").vocab, converted)
    assert doc.text == ("Vali Ahmet Yılmaz'ın Mersin'de yaptığı açıklamaya göre, Devlet Su İşleri'nin barajı "
                        "2024 yılında bitecek. Türk yolcular Karadeniz'e ulaştı.")
    # DATE and NORP are dropped; GPE and LOC both become LOC
    assert ents(doc) == [("Ahmet Yılmaz", "PER"), ("Mersin", "LOC"), ("Devlet Su İşleri", "ORG"), ("Karadeniz", "LOC")]
    assert [t.text for t in doc[:5]] == ["Vali", "Ahmet", "Yılmaz", "'ın", "Mersin"]


@pytest.mark.parametrize(
    "token,parts",
    [("Adana'da", ("Adana", "'da")), ("TÜİK’in", ("TÜİK", "’in")), ("1855'te", ("1855", "'te")),
     ("Adana", None), ("O'Connor", None), ("'da", None)],
)
def test_split_glued_suffix(token, parts):
    assert split_glued_suffix(token) == parts


def test_spaces_glue_punctuation_and_quotes():
    words = ["Bakan", '"', "Büyüme", "sürecek", '"', "dedi", ",", "(", "AA", ")", "."]
    doc = spacy.tokens.Doc(spacy.blank("tr").vocab, words=words, spaces=spaces_for(words))
    assert doc.text == 'Bakan "Büyüme sürecek" dedi, (AA).'


def test_converted_tokens_match_the_news_tokenizer():
    """Training tokens must be what trnews.tokenizer.v1 makes of the same text."""
    nlp = spacy.blank("tr", config={"nlp": {"tokenizer": {"@tokenizers": "trnews.tokenizer.v1"}}})
    sentences = [convert_tur2003.parse_line(line) for line in TUR2003.splitlines()]
    sentences += [convert_wikiner.convert_sentence(p)
                  for p in convert_wikiner.read_sentences(WIKINER.splitlines(keepends=True))]
    doc = build_doc(nlp.vocab, sentences)
    assert [t.text for t in nlp.make_doc(doc.text)] == [t.text for t in doc]


def test_dev_split_is_fixed_by_seed():
    items = list(range(50))
    assert split_dev(items, 0.1, seed=3) == split_dev(items, 0.1, seed=3)
    train, dev = split_dev(items, 0.1, seed=3)
    assert len(dev) == 5 and sorted(train + dev) == items


def test_ner_config_trains_a_few_steps(tmp_path):
    from spacy.cli.train import train

    src = tmp_path / "src"
    src.mkdir()
    (src / "reyyan.train.txt").write_bytes((TUR2003 * 6).encode("utf-8"))
    (src / "reyyan.test.txt").write_bytes(TUR2003.encode("utf-8"))
    corpus = tmp_path / "corpus"
    convert_tur2003.main(src, corpus, dev_fraction=0.25, seed=0, sents_per_doc=2, upper_fraction=0.0)
    overrides = {
        "paths.train": str(corpus / "train"),
        "paths.dev": str(corpus / "dev" / "tur2003.spacy"),
        "training.max_steps": 6,
        "training.eval_frequency": 3,
        "training.logger.progress_bar": False,
    }
    train(ROOT / "configs" / "ner.cfg", tmp_path / "model", overrides=overrides)
    nlp = spacy.load(tmp_path / "model" / "model-last")
    assert nlp.pipe_names[-2:] == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG"}
    nlp("Ankara'da toplanan Türkiye Büyük Millet Meclisi, bütçe görüşmelerine başladı.")
