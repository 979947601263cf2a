"""Vocabulary of Party-building reports: the nouns figures count and the phrases around them.

Patterns run on normalised text (NFC, "ủy"/"hòa" tone style) with re.IGNORECASE unless noted.
Abbreviations are part of the vocabulary: ĐV (đảng viên), TCCSĐ (tổ chức cơ sở đảng), UBKT
(Ủy ban Kiểm tra), BCH (Ban Chấp hành), BTV (Ban Thường vụ), LLCT (lý luận chính trị).
"""
from __future__ import annotations

import re

from reportgen.extract import fastre
from reportgen.model import METRIC_BY_KEY

I = re.IGNORECASE


def rx(pattern: str, flags: int = I) -> re.Pattern[str]:
    """Compile with the module's default flags."""
    return fastre.compile(pattern, flags)


# --- what a number counts (matched at the start of the words after it) -----------------------
# Typed slips of "đảng viên" ("đảng viện", "đản viên", "dảng viên") are common in committees' own pages.
MEMBER = r"(?:đảng vi[eêệ]n|đản vi[eê]n|dảng viên|ĐV|đồng chí|đ/c|Đảng vi[eêệ]n)"
PERSON = r"(?:" + MEMBER + r"|cá nhân|người|cán bộ|học viên|lượt|quần chúng)"
GRASSROOTS = (r"(?:tổ chức cơ sở đảng|tổ chức cơ sở Đảng|TCCSĐ|TCCS [đĐ]ảng|tổ chức c[ơó] sở [đĐ]ảng|tổ chức cơ sở|"
              r"chi,? (?:đảng bộ|Đảng bộ) cơ sở|chi\s?-\s?đảng bộ cơ sở|chi bộ, đảng bộ cơ sở|"
              r"chi bộ và đảng bộ cơ sở|chi, đảng bộ trực thuộc|chi,? đảng bộ)")
ORG = r"(?:" + GRASSROOTS + r"|tổ chức đảng|tổ chức Đảng|tổ chức)"

# Words after "đảng bộ (cơ sở)" that make it one kind of đảng bộ, or another level's.
_TYPED = (r"(?:bộ phận|sự nghiệp|lực lượng|vũ trang|trường|khối|ngành|cơ quan|doanh nghiệp|quân sự|công an|xã|"
          r"phường|thị trấn|thôn|ấp|huyện|tỉnh|thành phố|thị xã|quận)\b")

NOUNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("female", rx(r"(?:đảng viên|ĐV) nữ\b")),
    ("new_member", rx(r"(?:đảng viên|ĐV) mới\b")),
    ("grassroots", rx(GRASSROOTS + r"(?!\s+(?:ở|tại|thuộc) khối)")),
    ("subcell", rx(r"chi bộ trực thuộc(?!\s+(?:Huyện|Thị|Thành|Quận|Tỉnh) ủy)(?!\s+(?:huyện|thị|thành|"
                   r"quận|tỉnh)\b)")),
    ("cell", rx(r"chi bộ cơ sở")),
    ("committee", rx(r"(?:đảng bộ|Đảng bộ)(?: cơ sở(?!\s+" + _TYPED + r")| trực thuộc| xã, phường, thị trấn|"
                     r"(?!\s+(?:cơ sở|trực thuộc)\b)(?!\s+" + _TYPED + r"))")),
    ("cell_other", rx(r"chi bộ(?!\s+trực thuộc)")),
    ("org", rx(r"(?:tổ chức đảng|tổ chức Đảng|tổ chức|chi ủy)(?!\s+(?:công đoàn|đoàn|hội|chính trị|"
               r"quần chúng|thanh niên|viên))")),
    ("class", rx(r"lớp\b")),
    ("member", rx(MEMBER + r"(?!\s+(?:người dân tộc|dân tộc|DTTS|có đạo|là người|trẻ|dưới|trong độ tuổi|"
                          r"là đoàn viên|được tặng|nhận huy hiệu))")),
    ("person", rx(r"(?:cá nhân|quần chúng(?: ưu tú)?|học viên|lượt|cán bộ|người|đối tượng|trường hợp)")),
    ("collective", rx(r"tập thể")),
)

# --- grades of the annual quality rating -----------------------------------------------------
GRADES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # the member scale's "đủ tư cách, hoàn thành ..." reads the same (convention 2)
    ("failed", rx(r"không hoàn thành(?: nhiệm vụ)?|không HTNV|KHTNV")),
    ("excellent", rx(r"(?:đủ tư cách,?\s+)?hoàn thành xuất sắc(?: nhiệm vụ)?|HTXSNV|HTSXNV|HTXS\b")),
    ("good_or_above", rx(r"(?:đủ tư cách,?\s+)?hoàn thành tốt(?: nhiệm vụ)?\s*(?:trở lên|trở\s+lên)")),
    ("good", rx(r"(?:đủ tư cách,?\s+)?hoàn thành tốt(?: nhiệm vụ)?|HTTNV|HTT\b")),
    ("completed", rx(r"(?:đủ tư cách,?\s+)?hoàn thành nhiệm vụ|HTNV")),
    # "khá" (fair) only as a word of its own: not the first letters of "khác", "kháng", "Khánh".
    # (a phrase cut at the comma of "trong sạch, vững mạnh" still names it)
    ("old_scale", rx(r"trong sạch,? vững mạnh|trong sạch(?=\s*,|\s*$)|vững mạnh|\bkhá\b|trung bình|yếu kém|\byếu\b|TSVM")),
)

# --- predicates ------------------------------------------------------------------------------
ADMIT = rx(r"kết nạp|phát triển(?:\s+(?:mới|thêm|được|đảng viên))*|phát triển đảng")
ADMITTED_AFTER = rx(r"^\s*(?:mới\s+)?(?:được\s+)?kết nạp|^\s*mới\s+được\s+kết nạp")
TARGET = rx(r"chỉ tiêu|bình quân|phấn đấu|mục tiêu|kế hoạch|dự kiến|đề ra|giao|ít nhất|tối thiểu|"
            r"để kết nạp|yêu cầu|cần (?:kết nạp|phát triển)|phải (?:kết nạp|phát triển)|sẽ|còn lại")
# Words that make a whole sentence about the future: what is planned, not what was done.
FUTURE = rx(r"phấn đấu|dự kiến|mục tiêu|đề ra chỉ tiêu|sẽ (?:mở|tổ chức|kết nạp)")
# Praise of organisations for their grades is not the year's rating result.
#: A count of the old scale's higher grade ("22 tổ chức đạt trong sạch vững mạnh"): beside it a plain
#: "hoàn thành tốt" is the good grade alone (convention 2).
OLD_HIGHER = rx(r"\d[\d.]*\s+[^,;.\d]{0,40}?(?:trong sạch,? vững mạnh|TSVM|vững mạnh)")
# ("TSVM tiêu biểu", "trong sạch vững mạnh tiêu biểu" is a grade of the old scale, not an award.)
COMMENDATION = rx(r"khen thưởng|(?:tặng|trao) (?:giấy khen|bằng khen|cờ)|biểu dương|vinh danh|tuyên dương|"
                  r"(?<!mạnh )(?<!TSVM )tiêu biểu(?! cho)")
DISCIPLINE = rx(r"kỷ luật|khai trừ")
DISCIPLINED_AFTER = rx(r"^\s*(?:đã\s+)?bị(?: thi hành| xử lý| xem xét)? kỷ luật")
# ("phân tích chất lượng" is the older words for the rating: "341 TCCSĐ được phân tích chất lượng")
RATED = rx(r"tham gia (?:đánh giá|kiểm điểm|xếp loại|phân loại|phân tích)|được (?:đánh giá|xếp loại|phân loại|"
           r"kiểm điểm|phân tích)|(?:đã\s+)?(?:tiến hành\s+)?kiểm điểm|đánh giá,? (?:xếp|phân) loại")
# "Trong 26 TCCSĐ có 5 ... hoàn thành xuất sắc": the whole a grade list counts within, the rated total.
RATED_WHOLE = rx(r"(?:^|[.:;,])\s*trong(?: tổng)?(?: số)?\s*$")
TOTAL = rx(r"tổng số|tổng cộng|nâng tổng|hiện có|toàn đảng bộ có|đảng bộ (?:[^\s,;:]+\s){0,5}có|đại diện cho|thay mặt cho|tiêu biểu cho|"
           r"\bcó\b|\bvới\b|\bgồm\b|\blà\b|\blên\b")
NOT_TOTAL = rx(r"chuyển|tiếp nhận|xóa tên|cho ra|khai trừ|thành lập|giải thể|kiểm tra|giám sát|"
               r"quán triệt|học tập|tặng|trao|huy hiệu|khen|trúng cử|đề nghị|xét|giới thiệu|"
               r"miễn sinh hoạt|dự bị|(?:đảng viên|ĐV) chính thức|tuổi đảng|sinh hoạt tại|nơi cư trú|tham dự|dự\b|"
               r"bầu|ủy viên|cấp ủy viên|thiểu số|kết nạp|phát triển|kỷ luật|đánh giá|xếp loại|"
               r"lớp|đào tạo|bồi dưỡng|tập huấn")
# A members total is the whole organisation's: not one chi bộ's, not an average.
NOT_MEMBERS_TOTAL = rx(r"chi bộ|mỗi|bình quân|trung bình")
# Figures about organisations that are events (set up, dissolved, inspected, praised), not counts.
NOT_ORG_COUNT = rx(r"thành lập|giải thể|(?<!sau )(?<!sau khi )(?:sáp nhập|hợp nhất|sắp xếp)|kiểm tra|giám sát|kỷ luật|khen|tặng|"
                   r"đánh giá|xếp loại|củng cố|kiện toàn|yếu kém|chỉ đạo điểm")
# Whole-clause signs that members are a special group, not the organisation's total.
NOT_TOTAL_CLAUSE = rx(r"miễn sinh hoạt|miễn đánh giá|dự bị|xóa tên|chuyển sinh hoạt|khai trừ|cho ra khỏi")
# "Sau sáp nhập, Đảng bộ xã có 43 ...": the structure after a merger is a count, not a change.
CHANGE = rx(r"(?:giảm|tăng)(?!\s+(?:lên|xuống))|(?<!sau )(?<!sau khi )(?:sáp nhập|hợp nhất)|giải thể|thành lập mới|"
            r"thành lập|so với")
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
SUBSET = rx(r"(?:^|[,;(.]\s*)(?:còn lại|riêng(?!\s+(?:trong\s+)?(?:năm|\d+\s+tháng|quý|tháng|nhiệm kỳ|giai đoạn))|trong số đó)\b")
# After a sector named earlier in a sentence, these words speak of the whole again.
WHOLE_AGAIN = rx(r"nâng tổng số|toàn (?:Đảng bộ|đảng bộ|huyện|tỉnh|thành phố|thị xã|quận)\b|tổng số đảng viên")
SECTOR = rx(r"doanh nghiệp ngoài|ngoài (?:khu vực )?nhà nước|khu vực kinh tế tư nhân|trong (?:các )?doanh nghiệp|"
            r"\bở khối\b|\bkhối (?:doanh nghiệp|cơ quan|xã|trường)")
SECTION = rx(r"(?:đối với|về)\s+(đảng viên|ĐV|tổ chức cơ sở đảng|TCCSĐ|tổ chức đảng|tổ chức cơ sở|"
             r"chi bộ[^:;,.]*|tập thể[^:;,.]*|cán bộ[^:;,.]*|cấp ủy[^:;,.]*)\s*:")
PERCENT_TARGET = rx(r"^\s*\)?\s*(?:so với\s+)?(?:chỉ tiêu|kế hoạch|KH\b|CT\b|nghị quyết|NQ\b)")
PERCENT_LEAD = rx(r"(?:đạt|bằng|chiếm tỷ lệ|đạt tỷ lệ|tỷ lệ)\s*(?:được\s*)?(?:trên|hơn|gần|khoảng)?\s*$")
SENTENCE_SUBSET = rx(r"\btrong đó\b|\bgồm\b|\bbao gồm\b")
#: Cadres graded as such (their grades are no member grades of the unit).
CADRES = rx(r"\bcán bộ,? (?:lãnh đạo|quản lý|chủ chốt|diện|thuộc diện)|\bcán bộ,? công chức|\bcông chức,? viên chức")
# A rating that is not the result: a self-assessment before the committee decides, a proposal.
SELF_ASSESSED = rx(r"tự (?:nhận|đánh giá|xếp loại|phân loại|chấm)|đề nghị (?:xếp loại|công nhận|đánh giá)")
# Figures of the founding years or of an undated past: history, not a count now (convention 14).
FOUNDING = rx(r"(?:khi|ngày|lúc) (?:mới |đầu )?thành lập|tiền thân|mới thành lập|buổi đầu|những ngày đầu|"
              r"được thành lập|ra đời")
# "số đảng viên là 144 đồng chí, sinh hoạt trên 8 chi bộ": where the members meet.
LIVE_IN = rx(r"(?:sinh hoạt|sinh hoạt tại|sinh hoạt ở|sinh hoạt trong|sinh hoạt trên)\s*$")
# Not rated: "21 đảng viên chưa được đánh giá", "miễn đánh giá".
NOT_RATED = rx(r"(?:chưa|không|miễn)\s+(?:được\s+)?(?:tham gia\s+)?(?:đánh giá|xếp loại|kiểm điểm|phân loại)")
# Individuals named after a count: "Hai đảng viên bị kỷ luật ... là ông Trần Văn A".
NAMED_PEOPLE = rx(r"\blà (?:các )?(?:ông|bà|đồng chí|đ/c)\s+[A-ZĐÀ-Ỹ]", 0)
# Who a count of people is, when they are a profile of another count: "là học sinh", "là nữ".
PROFILE = rx(r"^\s*(?:mới\s+)?(?:là|đều là)\s+(?:học sinh|sinh viên|đoàn viên|người|nữ|cán bộ|giáo viên|công nhân|"
             r"doanh nhân|chủ doanh nghiệp|trí thức|quân nhân|chiến sĩ|phụ nữ|thanh niên)")
# A ranking of the sub-units: "đơn vị kết nạp cao nhất với 210", "các huyện có số lượng cao là X (312".
RANKING = rx(r"\b(?:cao|nhiều|thấp|ít) nhất\b|\bdẫn đầu\b|\bcó số lượng [^,;.]{0,30}?\bcao\b|\bđứng đầu\b")
# Nouns of other things a number counts: a figure before them is not a count of the rules' nouns.
OTHER_COUNTED = rx(r"\s*(?:phần|chuyên đề|buổi|bài|điểm|hộ|nhân khẩu|cuộc|văn bản|ý kiến|đề tài|tiết|môn|"
                   r"trường|đơn vị|thôn|bản|tổ dân phố|khu phố|ấp|xã|phường|huyện|nội dung|vấn đề|tiêu chí|"
                   r"tập thể|gia đình|doanh nghiệp|công trình|dự án|lượt ý kiến|tin|bài viết|câu)\b")

# The parenthesis a figure stands in gives another year's figure, not a part: it follows a year
# ("năm 2014 (3.105 đảng viên)", "so với năm 2015 (kỷ luật 31 ...", "so với năm 2017 (năm 2017 là 13")
# or opens with one ("(năm 2019 kết nạp 203 ..."). Searched in the text before the figure.
YEAR_PAREN = rx(r"năm\s+(?P<after>(?:19|20)\d{2})\s*\(\s*(?:năm\s+(?:19|20)\d{2}\b)?[^\d()]{0,25}$|"
                r"\(\s*năm\s+(?P<opens>(?:19|20)\d{2})\b[^()]{0,40}$|"
                # "(tăng 29 đ/c so với năm 2015 là 257 đ/c)": the compared year's figure stated
                r"so với (?:cùng kỳ )?năm\s+(?P<compared>(?:19|20)\d{2})\s+(?:là|có)\s*$|"
                # "kỷ luật 14 đảng viên (...); năm 2013 là 19 đảng viên"
                r";\s*(?:còn\s+)?năm\s+(?P<stated>(?:19|20)\d{2})\s*(?:là|:)\s*$")


def paren_year(text: str, end: int, reach: int = 60) -> tuple[int, bool, str] | None:
    """The year of the parenthesis open at text[end] (YEAR_PAREN), whether the parenthesis opens
    with it, and how the year is given (the group of YEAR_PAREN that matched: "after", "opens",
    "compared", "stated"); None when the figure is in no such parenthesis or clause."""
    m = YEAR_PAREN.search(text, max(0, end - reach), end)
    if m is None:
        return None
    kind = m.lastgroup or "after"
    return int(m.group(kind)), kind == "opens", kind


#: What a metric counts, and what a noun counts: members (people), organisations, or classes.
METRIC_DIMENSION = {m: ("orgs" if m.startswith(("orgs_", "grassroots", "subordinate", "disciplined_orgs")) else
                        "classes" if m.endswith("_classes") else "members") for m in METRIC_BY_KEY}
NOUN_DIMENSION = {"member": "members", "new_member": "members", "female": "members", "person": "members",
                  "grassroots": "orgs", "committee": "orgs", "cell": "orgs", "subcell": "orgs",
                  "cell_other": "orgs", "org": "orgs", "class": "classes"}
