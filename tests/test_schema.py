"""The Doc -> SPEC JSON conversion and its helpers."""

from trnews import schema
from trnews.engines.local import split_text


def test_split_text_cuts_at_sentence_ends_and_keeps_every_character():
    text = "Birinci cümle burada bitti. İkinci cümle de bitti.\n\nYeni paragraf başladı. " * 30
    pieces = split_text(text, 120)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 120 for _, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.endswith((" ", "\n")) for _, piece in pieces[:-1])


def test_shift_moves_nested_offsets():
    record = {"id": 1, "entities": [{"start": 0, "end": 6, "label": "LOC", "text": "Ankara"}],
              "quantities": [{"start": 10, "end": 14, "period": {"start": 2, "end": 4}, "item": None}],
              "quotes": []}
    moved = schema.shift(record, 100)
    assert moved["entities"][0]["start"] == 100
    assert moved["quantities"][0]["period"] == {"start": 102, "end": 104}
    assert moved["id"] == 1


def test_validate_catches_offsets_that_do_not_slice_to_text():
    text = "Ankara'da toplantı"
    good = {"id": 1, "entities": [{"start": 0, "end": 6, "label": "LOC", "text": "Ankara"}], "quantities": [], "quotes": []}
    bad = {"id": 1, "entities": [{"start": 0, "end": 7, "label": "LOC", "text": "Ankara"}], "quantities": [], "quotes": []}
    assert schema.validate(good, text) == []
    assert schema.validate(bad, text)
