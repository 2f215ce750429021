"""An explanation's a./b./c. parts (entry/lettered.py)."""

from entry.lettered import lettered_parts


def test_lettered_parts_are_split_in_order():
    text = "a. Arsitektur SPBE adalah kerangka dasar. b. Kebijakan internal mengatur huruf a. c. Muatan mencakup visi."

    assert lettered_parts(text) == [
        "Arsitektur SPBE adalah kerangka dasar.",
        "Kebijakan internal mengatur huruf a.",
        "Muatan mencakup visi.",
    ]


def test_text_without_parts_from_a_stays_whole():
    assert lettered_parts("Tim Pengarah SPBE adalah para pejabat.") == []
    assert lettered_parts("Lihat huruf b. pada pedoman.") == []
    assert lettered_parts("Pengantar. a. Satu. b. Dua.") == []
