"""The extractor on arbitrary text: never an exception, every evidence span exact."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.extract import extract
from reportgen.model import Source

WORDS = st.sampled_from([
    "Huyện ủy", "Thường Tín", "Đảng bộ", "huyện", "xã", "kết nạp", "đảng viên", "ĐV", "mới", "tổng số",
    "lên", "có", "trên", "khoảng", "9.240", "11/54", "89,5%", "tổ chức cơ sở đảng", "TCCSĐ", "chi bộ",
    "trực thuộc", "hoàn thành xuất sắc nhiệm vụ", "hoàn thành tốt nhiệm vụ", "trở lên", "trong đó",
    "kỷ luật", "lớp", "bồi dưỡng", "nhận thức về Đảng", "cho", "học viên", "Năm 2019", "nhiệm kỳ 2015-2020",
    ",", ";", ".", ":", "(", ")", "\n", "\u00a0", "\u200b", "Đối với ĐV:", "02/03/2020 | 10:30", "hai",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=60).map(" ".join))
def test_extract_on_report_like_text(text: str) -> None:
    e = extract(Source("f.txt", text))
    for f in e.facts:
        assert f.evidence is not None
        assert text[f.evidence.start:f.evidence.end] == f.evidence.text
        # the figure is in the quote, as digits or as a number word ("hai lớp")
        assert f.derived or any(c.isdigit() for c in f.evidence.text) or "hai" in f.evidence.text.lower()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_extract_on_arbitrary_unicode(text: str) -> None:
    e = extract(Source("f.txt", text))
    for f in e.facts:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.text
