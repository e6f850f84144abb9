"""People's names after the gazetteer scan: not countries, organisations' officers, surnames."""
from __future__ import annotations

from builders import analysed


def _mentions(nlp, text: str, dct: str = "2011-06-01") -> list[dict]:
    return analysed(nlp, text, dct)._.actors


def test_a_titled_name_is_not_a_country(nlp):
    found = _mentions(nlp, "Dr Sydney Murray testified on Tuesday. Murray told the jury she was tired.")
    assert not any(m.get("code") == "AUS" for m in found)


def test_officer_of_an_organisation(nlp):
    found = _mentions(nlp, "IAEA Director General Yukiya Amano visited Tehran. Amano said inspectors would return.")
    amano = [m for m in found if "Amano" in m["text"]]
    assert len(amano) == 2 and all(m["code"] == "IAEA" for m in amano)


def test_surname_repeats_the_full_name(nlp):
    found = _mentions(nlp, "Mexican President Felipe Calderon flew to Ottawa. Calderon thanked Canada.", "2009-08-10")
    assert [m["code"] for m in found if m["text"] == "Calderon"] == ["MEX"]
