"""Place names hidden from the metric rules (`reportgen.extract.names`)."""
from __future__ import annotations

import re

from reportgen.extract.names import PLACEHOLDER, mask_names


def _hidden(text: str, masked: str) -> str:
    """The words of `text` that `masked` hides, joined by "|"."""
    assert len(masked) == len(text)  # offsets into the text stay valid
    runs = re.finditer(re.escape(PLACEHOLDER) + r"+(?:[ \t]+" + re.escape(PLACEHOLDER) + r"+)*", masked)
    return "|".join(text[m.start():m.end()] for m in runs if text[m.start():m.end()] != m.group(0))


def test_names_after_unit_words_are_hidden() -> None:
    text = "Năm 2020, Ủy ban Kiểm tra Huyện ủy Giao Thủy và Đảng ủy xã Xuân Giao đã thi hành kỷ luật 14 đảng viên."
    masked = mask_names(text)
    assert _hidden(text, masked) == "Giao Thủy|Xuân Giao"
    assert "14 đảng viên" in masked and "thi hành kỷ luật" in masked


def test_abbreviated_city_and_glued_name() -> None:
    text = "Thành ủy TP.Vinh và TP. Buôn Ma Thuột có 20 đảng viên."
    assert _hidden(text, mask_names(text)) == "Vinh|Buôn Ma Thuột"


def test_lower_case_words_and_numbers_after_unit_words_stay() -> None:
    text = "Toàn huyện đã kết nạp 57 đảng viên; Đảng bộ Quận 1 có 3.000 đảng viên, xã. Năm 2020 tăng."
    assert mask_names(text) == text


def test_own_names_are_hidden_anywhere_but_only_capitalised() -> None:
    text = "Giao Thủy: kết nạp 57 đảng viên; chỉ tiêu giao thủy lợi. GIAO THỦY"
    masked = mask_names(text, ("Giao Thủy", "Nam Định", "1", ""))
    assert _hidden(text, masked) == "Giao Thủy|GIAO THỦY"
    assert "chỉ tiêu giao thủy lợi" in masked


def test_a_heading_in_capitals_hides_only_a_known_name() -> None:
    text = "HUYỆN ỦY GIAO THỦY KẾT NẠP 57 ĐẢNG VIÊN"
    assert _hidden(text, mask_names(text)) == "GIAO THỦY"
    unknown = "HUYỆN ỦY KẾT NẠP 57 ĐẢNG VIÊN"
    assert mask_names(unknown) == unknown


def test_known_places_in_title_case_are_hidden_without_a_unit_word() -> None:
    text = "Giao Thủy kết nạp 57 đảng viên. Trung bình mỗi chi bộ có 20 đảng viên, xã Ea Kao thuộc Buôn Ma Thuột."
    assert _hidden(text, mask_names(text)) == "Giao Thủy|Ea Kao|Buôn Ma Thuột"
