"""Normalisation: NFC, one tone style, dropped invisibles, and offsets that map back exactly."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.vietnamese.normalise import fold, normalise, normalise_name, tone_style

VIET = st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđAĐOUY hoàuỷáảãạ \u00a0\u200b\n\r,.;0123456789"
                                             "\u0300\u0301\u0309\u0303\u0323")), max_size=80)


def test_tone_style_moves_old_marks_to_the_first_vowel() -> None:
    assert tone_style("Hoà Bình, thuỷ lợi, khoẻ, Huyện uỷ") == "Hòa Bình, thủy lợi, khỏe, Huyện ủy"


def test_tone_style_keeps_closed_syllables_and_qu() -> None:
    for word in ("hoàn", "toán", "quý", "quỳnh", "khuyến", "thuyền"):
        assert tone_style(word) == word


def test_nfd_input_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Đảng viên Thường Tín")
    assert normalise(nfd).text == "Đảng viên Thường Tín"


def test_invisibles_and_lookalikes() -> None:
    n = normalise("9.240\u00a0đảng\u200b viên \u00d0ảng")
    assert n.text == "9.240 đảng viên Đảng"


def test_offsets_point_into_the_original() -> None:
    original = "Huyện uỷ\u00a0Hoà Bình có 9.2\u200b40 đảng viên"
    n = normalise(original)
    i = n.text.index("9.240")
    s, e = n.span(i, i + 5)
    assert original[s:e] == "9.2\u200b40"
    j = n.text.index("Hòa")
    assert n.original_text(j, j + 3) == "Hoà"


def test_fold_and_names() -> None:
    assert fold("Đảng Ủy") == "dang uy"
    assert normalise_name("  THỊ  xã kiến tường ") == "Thị Xã Kiến Tường"


@settings(max_examples=300, deadline=None)
@given(VIET)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


@settings(max_examples=300, deadline=None)
@given(VIET)
def test_offsets_are_monotonic_and_cover_the_original(text: str) -> None:
    n = normalise(text)
    assert len(n.offsets) == len(n.text) + 1
    assert list(n.offsets) == sorted(n.offsets)
    assert n.offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in n.offsets)
    # each digit maps back to the same digit in the original
    for i, ch in enumerate(n.text):
        if ch.isdigit():
            assert text[n.offsets[i]] == ch


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normalise_never_fails(text: str) -> None:
    n = normalise(text)
    assert unicodedata.is_normalized("NFC", n.text)


def test_a_tone_typed_on_the_first_vowel_of_a_closed_syllable_moves_to_the_second() -> None:
    from reportgen.vietnamese.normalise import normalise as _n
    assert _n("hòan thành, tòan huyện, khỏang, hùynh, HÒAN").text == "hoàn thành, toàn huyện, khoảng, huỳnh, HOÀN"
    # open syllables keep the house style, closed ones spelt right stay, "qu" is no vowel
    assert _n("hoà, thuỷ, hoàn, Hoàng, quỳnh").text == "hòa, thủy, hoàn, Hoàng, quỳnh"
