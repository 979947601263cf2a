"""Vocabulary of Party-building reports: the nouns figures count and the phrases around them.

Patterns run on normalised text (NFC, "ủy"/"hòa" tone style) with re.IGNORECASE unless noted.
Abbreviations are part of the vocabulary: ĐV (đảng viên), TCCSĐ (tổ chức cơ sở đảng), UBKT
(Ủy ban Kiểm tra), BCH (Ban Chấp hành), BTV (Ban Thường vụ), LLCT (lý luận chính trị).
"""
from __future__ import annotations

import re

I = re.IGNORECASE


def rx(pattern: str, flags: int = I) -> re.Pattern[str]:
    """Compile with the module's default flags."""
    return re.compile(pattern, flags)


# --- what a number counts (matched at the start of the words after it) -----------------------
MEMBER = r"(?:đảng viên|ĐV|đồng chí|đ/c|Đảng viên)"
PERSON = r"(?:" + MEMBER + r"|cá nhân|người|cán bộ|học viên|lượt|quần chúng)"
GRASSROOTS = (r"(?:tổ chức cơ sở đảng|tổ chức cơ sở Đảng|TCCSĐ|TCCS đảng|tổ chức cơ sở|"
              r"chi,? (?:đảng bộ|Đảng bộ) cơ sở|chi\s?-\s?đảng bộ cơ sở|chi bộ, đảng bộ cơ sở|"
              r"chi bộ và đảng bộ cơ sở|chi, đảng bộ trực thuộc|chi,? đảng bộ)")
ORG = r"(?:" + GRASSROOTS + r"|tổ chức đảng|tổ chức Đảng|tổ chức)"

NOUNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("female", rx(r"(?:đảng viên|ĐV) nữ\b")),
    ("new_member", rx(r"(?:đảng viên|ĐV) mới\b")),
    ("grassroots", rx(GRASSROOTS + r"(?!\s+(?:ở|tại|thuộc) khối)")),
    ("subcell", rx(r"chi bộ trực thuộc(?!\s+(?:Huyện|Thị|Thành|Quận|Tỉnh) ủy)(?!\s+(?:huyện|thị|thành|"
                   r"quận|tỉnh)\b)")),
    ("cell", rx(r"chi bộ cơ sở")),
    ("committee", rx(r"(?:đảng bộ|Đảng bộ)(?: cơ sở| trực thuộc| xã, phường, thị trấn)?(?!\s+(?:bộ phận|"
                     r"khối|ngành|cơ quan|doanh nghiệp|quân sự|công an|xã|phường|thị trấn|thôn|ấp|"
                     r"huyện|tỉnh|thành phố|thị xã|quận)\b)")),
    ("cell_other", rx(r"chi bộ(?!\s+trực thuộc)")),
    ("org", rx(r"(?:tổ chức đảng|tổ chức Đảng|tổ chức)(?!\s+(?:công đoàn|đoàn|hội|chính trị|"
               r"quần chúng|thanh niên))")),
    ("class", rx(r"lớp\b")),
    ("member", rx(MEMBER + r"(?!\s+(?:người dân tộc|dân tộc|DTTS|có đạo|là người|trẻ|dưới|trong độ tuổi|"
                          r"là đoàn viên|được tặng|nhận huy hiệu))")),
    ("person", rx(r"(?:cá nhân|quần chúng(?: ưu tú)?|học viên|lượt|cán bộ|người|đối tượng)")),
    ("collective", rx(r"tập thể")),
)

# --- grades of the annual quality rating -----------------------------------------------------
GRADES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("failed", rx(r"không hoàn thành(?: nhiệm vụ)?")),
    ("excellent", rx(r"hoàn thành xuất sắc(?: nhiệm vụ)?|HTXSNV")),
    ("good_or_above", rx(r"hoàn thành tốt(?: nhiệm vụ)?\s*(?:trở lên|trở\s+lên)")),
    ("good", rx(r"(?:đủ tư cách\s+)?hoàn thành tốt(?: nhiệm vụ)?|HTTNV")),
    ("completed", rx(r"(?:đủ tư cách\s+)?hoàn thành nhiệm vụ|HTNV")),
    # "khá" (fair) only as a word of its own: not the first letters of "khác", "kháng", "Khánh".
    ("old_scale", rx(r"trong sạch,? vững mạnh|vững mạnh|\bkhá\b|trung bình|yếu kém")),
)

# --- predicates ------------------------------------------------------------------------------
ADMIT = rx(r"kết nạp|phát triển(?:\s+(?:mới|thêm|được|đảng viên))*|phát triển đảng")
ADMITTED_AFTER = rx(r"^\s*(?:mới\s+)?(?:được\s+)?kết nạp|^\s*mới\s+được\s+kết nạp")
TARGET = rx(r"chỉ tiêu|bình quân|phấn đấu|mục tiêu|kế hoạch|dự kiến|đề ra|giao|ít nhất|tối thiểu|"
            r"để kết nạp|yêu cầu|cần (?:kết nạp|phát triển)|phải (?:kết nạp|phát triển)|sẽ|còn lại")
# Words that make a whole sentence about the future: what is planned, not what was done.
FUTURE = rx(r"phấn đấu|dự kiến|mục tiêu|đề ra chỉ tiêu|sẽ (?:mở|tổ chức|kết nạp)")
# Praise of organisations for their grades is not the year's rating result.
COMMENDATION = rx(r"khen thưởng|tặng (?:giấy khen|bằng khen|cờ)|biểu dương|vinh danh|tuyên dương")
DISCIPLINE = rx(r"kỷ luật|khai trừ")
DISCIPLINED_AFTER = rx(r"^\s*(?:đã\s+)?bị(?: thi hành| xử lý| xem xét)? kỷ luật")
RATED = rx(r"tham gia (?:đánh giá|kiểm điểm|xếp loại|phân loại)|được (?:đánh giá|xếp loại|phân loại|"
           r"kiểm điểm)|(?:đã\s+)?(?:tiến hành\s+)?kiểm điểm|đánh giá,? (?:xếp|phân) loại")
TOTAL = rx(r"tổng số|tổng cộng|nâng tổng|hiện có|toàn đảng bộ có|đảng bộ (?:[^\s,;:]+\s){0,5}có|"
           r"\bcó\b|\bvới\b|\bgồm\b|\blà\b|\blên\b")
NOT_TOTAL = rx(r"chuyển|tiếp nhận|xóa tên|cho ra|khai trừ|thành lập|giải thể|kiểm tra|giám sát|"
               r"quán triệt|học tập|tặng|trao|huy hiệu|khen|trúng cử|đề nghị|xét|giới thiệu|"
               r"miễn sinh hoạt|dự bị|chính thức|tuổi đảng|sinh hoạt tại|nơi cư trú|tham dự|dự\b|"
               r"bầu|ủy viên|cấp ủy viên|thiểu số|kết nạp|phát triển|kỷ luật|đánh giá|xếp loại|"
               r"lớp|đào tạo|bồi dưỡng|tập huấn")
# A members total is the whole organisation's: not one chi bộ's, not an average.
NOT_MEMBERS_TOTAL = rx(r"chi bộ|mỗi|bình quân|trung bình")
# Figures about organisations that are events (set up, dissolved, inspected, praised), not counts.
NOT_ORG_COUNT = rx(r"thành lập|giải thể|sáp nhập|hợp nhất|kiểm tra|giám sát|kỷ luật|khen|tặng|"
                   r"đánh giá|xếp loại|củng cố|kiện toàn|yếu kém|chỉ đạo điểm")
# Whole-clause signs that members are a special group, not the organisation's total.
NOT_TOTAL_CLAUSE = rx(r"miễn sinh hoạt|miễn đánh giá|dự bị|xóa tên|chuyển sinh hoạt|khai trừ|cho ra khỏi")
CHANGE = rx(r"(?:giảm|tăng)(?!\s+(?:lên|xuống))|sáp nhập|hợp nhất|giải thể|thành lập mới|thành lập|so với")
TRAINING_VERB = rx(r"đào tạo|bồi dưỡng|tập huấn|cử đi học|cử đi|học lớp|theo học|chương trình|"
                   r"cấp bằng|hoàn chỉnh")
TRAINING_TOPIC = rx(r"lý luận chính trị|LLCT|chính trị|nghiệp vụ|cao cấp|trung cấp|sơ cấp|"
                    r"chuyên môn|công tác đảng|cập nhật kiến thức")
ACADEMIC = rx(r"thạc sĩ|tiến sĩ|nghiên cứu sinh|đại học|cao học|văn bằng|cao đẳng|ngoại ngữ|tin học")
RESOLUTION_STUDY = rx(r"quán triệt|triển khai|học tập(?:,| và)? (?:quán triệt|nghị quyết|các nghị quyết)|"
                      r"nghị quyết|Nghị quyết|chuyên đề")
AWARENESS = rx(r"nhận thức(?: về)?(?: Đảng| đảng)?|đối tượng (?:kết nạp|phát triển) đảng|"
               r"cảm tình đảng")
ATTEND_AFTER = rx(r"^[^,;.]{0,30}?(?:tham gia|tham dự|theo học|dự học|học tập|được (?:bồi dưỡng|học))")
SUBSET = rx(r"(?:^|[,;(]\s*)(?:riêng|trong số đó|ngoài ra)\b")
SECTOR = rx(r"doanh nghiệp ngoài|ngoài (?:khu vực )?nhà nước|khu vực kinh tế tư nhân|trong (?:các )?doanh nghiệp|"
            r"\bở khối\b|\bkhối (?:doanh nghiệp|cơ quan|xã|trường)")
SECTION = rx(r"(?:đối với|về)\s+(đảng viên|ĐV|tổ chức cơ sở đảng|TCCSĐ|tổ chức đảng|tổ chức cơ sở|"
             r"chi bộ[^:;,.]*|tập thể[^:;,.]*|cán bộ[^:;,.]*|cấp ủy[^:;,.]*)\s*:")
PERCENT_TARGET = rx(r"^\s*\)?\s*(?:so với\s+)?(?:chỉ tiêu|kế hoạch|KH\b|CT\b)")
PERCENT_LEAD = rx(r"(?:đạt|bằng|chiếm tỷ lệ|đạt tỷ lệ|tỷ lệ)\s*(?:được\s*)?(?:trên|hơn|gần|khoảng)?\s*$")
SENTENCE_SUBSET = rx(r"\btrong đó\b|\bgồm\b|\bbao gồm\b")
