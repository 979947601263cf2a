"""Rules for figures about people: members (total, women, admitted, rated, graded, disciplined),
the classes they are trained in and the attendees of those classes."""
from __future__ import annotations

import re

from reportgen.extract import fastre
from reportgen.extract import vocab as V
from reportgen.extract.roles.items import Item, class_words, clause_tail, plan_scope, sentence_start
from reportgen.extract.times import adjacent_year

__all__ = ["members", "training_attendee", "classes"]


def members(text: str, item: Item, noun: str, left: str, right: str, sentence: str,
             previous: Item | None, before_item: Item | None = None) -> list[tuple[str, int | float]]:
    """The member metric of a figure counting people (`previous`: the list item it continues,
    `before_item`: the figure just before it in the sentence), or nothing."""
    m = item.mention
    tail = clause_tail(text, item.noun_end)
    pred = previous.predicate if previous is not None else None
    before = sentence[:m.start - sentence_start(text, m.start, sentence)]
    disciplined_later = re.match(r"[^\d;]{0,80}?\bbị (?:thi hành |xử lý |xem xét )?kỷ luật", tail) is not None
    if V.DISCIPLINED_AFTER.match(tail) or disciplined_later or V.DISCIPLINE.search(left) \
            or pred in ("disciplined_members", "disciplined_orgs"):
        explicit = re.search(r"kỷ luật(?: đối với| đối)?\s*$", left) is not None
        if noun == "person" and not re.match(r"\s*(?:cán bộ|cá nhân)", text[m.end:]) and not explicit:
            return []
        if re.search(r"\bđến mức(?: phải)?(?: xem xét,?)?(?: thi hành| xử lý)? kỷ luật\s*$", left):
            return []  # "kết luận 71 đảng viên có vi phạm, đến mức phải thi hành kỷ luật 38": an inspection's finding
        if V.NAMED_PEOPLE.search(tail) or (before.count("(") > before.count(")") and V.paren_year(before, len(before)) is None) or \
                re.search(r"\bchủ yếu\b", left):
            return []  # named individuals, or a breakdown by violation (convention 5)
        if re.search(_FORM + r"\s*$", left) and (len(set(re.findall(_FORM, sentence.lower()))) >= 2
                                                  or "hình thức" in sentence.lower()):
            return []  # "Về hình thức: khiển trách 27, cảnh cáo 9, ..., khai trừ 3 đảng viên": a breakdown by form
        return [("disciplined_members", m.value)]
    if re.search(r"(?:tổng số|\bsố)(?: (?:đảng viên|ĐV))? (?:được|tham gia) (?:đánh giá|xếp loại|kiểm điểm)[^\d;]{0,30}?"
                 r"(?:là|:)?\s*$", left, re.I) and not V.NOT_RATED.search(left[-60:]):
        return [("members_rated", m.value)]  # "Tổng số đảng viên được đánh giá là 1.205 đ/c"
    if V.RATED_WHOLE.search(left) and re.match(r"\s*(?:,\s*)?(?:có\s+)?[\d.]+\s+(?:đảng viên|ĐV|đồng chí|đ/c)?[^,;.\d]{0,20}?"
                                              r"hoàn thành", text[item.noun_end:]):
        return [("members_rated", m.value)]  # "Trong 1.205 đảng viên, có 167 hoàn thành xuất sắc ..."
    rated = V.RATED.search(tail[:60])
    if rated and "," not in tail[:rated.start()] and not V.ACADEMIC.search(tail[:60]):
        if (noun == "person" and not re.match(r"\s*cá nhân", text[m.end:])) or V.NOT_RATED.search(tail[:rated.end()]):
            return []
        return [("members_rated", m.value)]
    training = training_attendee(text, item, left, sentence)
    if training and not V.FUTURE.search(plan_scope(text, m.start, sentence)):
        return [(training, m.value)]
    if noun == "person" and re.match(r"\s*(?:người|đồng chí)", text[m.end:]) and \
            re.search(r"(?:[Tt]ổng số|\bsố) (?:đảng viên|ĐV)\b[^,;:]{0,50}?(?:là|lên|có|đạt)\s*$", left) and \
            not V.NOT_TOTAL_CLAUSE.search(left):
        return [("members_total", m.value)]  # "tổng số đảng viên toàn đảng bộ là 133 người"
    if noun == "person":
        if V.ADMIT.search(left) and re.match(r"\s*quần chúng", text[m.end:]) and \
                re.match(r"[^,;.]{0,20}vào Đảng", text[item.noun_end:], re.I) and not V.TARGET.search(left):
            return [("members_admitted", m.value)]
        return []
    clause = sentence[:m.start - sentence_start(text, m.start, sentence)]
    clause = clause[clause.rfind(";") + 1:]
    head = list(re.finditer(r"(?:[Tt]ổng số|\b[Ss]ố)\b", clause))
    segment = clause[head[-1].start():] if head else left
    if V.NOT_TOTAL_CLAUSE.search(segment) or _NEW_ORG_MEMBERS.search(clause):
        return []  # ("thành lập mới 1 chi bộ ... với 5 đảng viên": the new organisation's members)
    if noun == "female" and re.match(r"\s*(?:[Cc]hi bộ|mỗi|bình quân)", clause):
        return []  # one chi bộ's women, or an average
    if noun == "female":
        if pred == "members_admitted" or (previous and V.ADMIT.search(previous.left)):
            return []
        if re.search(r"kết nạp|phát triển", sentence[sentence.find(text[m.start:item.noun_end]):]):
            return []  # "57 đảng viên nữ ... được kết nạp": a breakdown of the new members
        if re.search(r"kết nạp|phát triển|mới", left):
            return []
        return [("members_female", m.value)]
    if V.TARGET.search(left) or V.TARGET.search(item.right[:20]) or V.FUTURE.search(plan_scope(text, m.start, sentence)):
        return []
    phrase = re.split(r"[,;:]|\s[-–]\s", left)[-1]  # the figure's own phrase: "Được kết nạp ..., chị X có 32 ĐV"
    if V.ADMIT.search(phrase) or V.ADMITTED_AFTER.match(tail) or (noun == "new_member" and not
                                                                 V.NOT_TOTAL.search(left.replace("kết nạp", ""))):
        if re.search(r"chuyển|tiếp nhận|xóa tên|cho ra|khai trừ|huy hiệu|dự bị", left[-30:]) or V.PROFILE.match(tail) \
                or re.match(r"\s*(?:mới\s+)?(?:của|tại|ở|thuộc)\s+(?:các |hai |ba |\d+ )?(?:trường|doanh nghiệp|công ty|"
                            r"bệnh viện|chi bộ|thôn|ấp|bản|khu phố)", tail):
            return []  # a profile of the new members, or one school's or firm's admissions
        return [("members_admitted", m.value)]
    if pred == "members_admitted" and noun == "new_member":
        return [("members_admitted", m.value)]
    if re.match(r"\s*\d+\s+năm tuổi|\s*(?:là|có)\s+(?:hội viên|đoàn viên|người|cán bộ|giáo viên)", tail):
        return []
    comrade = re.match(r"\s*(?:đồng chí|đ/c)", text[m.end:]) is not None
    if re.search(r"\bsố (?:đảng viên|ĐV)\b[^,;\d]{0,30}?\btừ\s*$", left) and adjacent_year(text, item.noun_end) is not None:
        return [("members_total", m.value)]  # "số đảng viên từ 327 đồng chí (năm 2010) tăng lên ...": that year's count
    if comrade and not re.search(r"tổng số|tổng cộng|\blên\s*(?:hơn|gần|trên|khoảng|xấp xỉ)?\s*$|\bsố (?:đảng viên|ĐV)\b[^,;]{0,30}?\blà\s*$", left, re.I):
        return []
    living = re.match(r"\s*,?\s*(?:hiện\s+)?(?:đang\s+)?sinh hoạt (?:tại|ở|trong)", tail) is not None
    # A total is the figure itself: what follows it is where they are, not what they did.
    if not living and not re.match(r"\s*(?:$|[,;.()]|và\b|với\b|trong toàn|của\b|toàn\b|thuộc\b|ở\b|tại\b|"
                                   r"(?:năm|tính đến|đến)\b)", tail):
        return []
    # "..., với 612 chi bộ trực thuộc và gần 11 nghìn đảng viên": the "với" of a structure list
    prior = before_item or previous
    listed = prior is not None and re.fullmatch(r"[^\d;:.]{0,40}?(?:\svà|,)\s*(?:gần|hơn|trên|khoảng)?\s*",
                                                text[prior.noun_end:m.start]) is not None \
        and prior.predicate in ("grassroots_orgs", "grassroots_committees", "grassroots_cells", "subordinate_cells") \
        and (re.search(r"\b(?:với|có|gồm)\s*(?:gần|hơn|trên|khoảng)?\s*$", prior.left) is not None
             # "... có 15 đảng bộ với 467 TCCSĐ (...), 3.251 chi bộ trực thuộc và 51.836 đảng viên": a later item
             or (not prior.left.strip() and re.search(r"\b(?:với|có|gồm)\b",
                                                       text[sentence_start(text, m.start, sentence):prior.mention.start])
                 is not None))
    if noun == "member" and (V.TOTAL.search(left) or living or listed) and not V.NOT_TOTAL.search(left) \
            and not V.NOT_MEMBERS_TOTAL.search(left):
        if re.match(r"\s*(?:được|đã|đang|tham gia|hoàn thành|bị|chuyển|là|có)\b", tail) and not living:
            return []
        return [("members_total", m.value)]
    return []


# A row's label naming classes: "Lớp bồi dưỡng nhận thức về Đảng | 3", "Số lớp ...".
_CLASSES_LABEL = fastre.compile(r"\W*(?:tổng\s+)?(?:số\s+)?lớp\b", re.I)
# A row's label naming the people trained for admission: "Quần chúng ưu tú được bồi dưỡng | 297".
_AWARENESS_LABEL = fastre.compile(r"\W*(?:số\s+)?quần chúng(?: ưu tú)?\s+(?:được\s+)?(?:bồi dưỡng|học lớp|học tập)"
                                  r"[^\d]{0,30}$", re.I)
# A row's label naming the attendees: "Học viên lớp nhận thức về Đảng | 164".
_ATTENDEES_LABEL = fastre.compile(r"\W*(?:tổng\s+)?(?:số\s+)?(?:lượt\s+)?(?:học viên|người học)\s+(?:các\s+)?lớp\b[^\d]*$",
                                  re.I)
_NEW_ORG_MEMBERS = fastre.compile(r"(?:thành lập(?: mới| thêm)?|ra mắt)\s+(?:được\s+)?(?:\d+\s+|một\s+)?(?:chi bộ|đảng bộ|"
                                  r"tổ chức (?:cơ sở )?đảng|TCCSĐ)[^;()]{0,100}?\bvới\s*(?:hơn|gần|trên|khoảng)?\s*$", re.I)
_FORM = r"(?:khiển trách|cảnh cáo|cách chức|khai trừ|giải tán)"


def training_attendee(text: str, item: Item, left: str, sentence: str) -> str | None:
    """training_attendees / awareness_attendees for people of classes, or None."""
    m = item.mention
    start = sentence_start(text, m.start, sentence)
    before = text[max(start, item.left_start - 200):m.start]
    class_pos = before.lower().rfind("lớp")  # "Lớp trung cấp ... có 86 học viên" opens a sentence too
    tail = clause_tail(text, item.noun_end)
    if _AWARENESS_LABEL.match(left):
        return "awareness_attendees"  # a row "Quần chúng ưu tú được bồi dưỡng | 297 | 402"
    if class_pos >= 0 and (re.search(r"(?:\bcho|\bcó|\bvới|thu hút)\s*(?:trên|hơn|gần|khoảng)?\s*$", left)
                           or re.search(r"\blớp\b[^()]{0,60}\(\s*(?:với\s+)?$", text[max(start, m.start - 70):m.start])
                           or V.ATTEND_AFTER.match(tail) or _ATTENDEES_LABEL.match(left)):
        named = re.match(r"lớp\s+(?:đào tạo|bồi dưỡng|tập huấn)", before[class_pos:], re.I) is not None
        if V.RESOLUTION_STUDY.search(left) and "lớp" not in left and not named:
            return None  # "lớp quán triệt nghị quyết": study of a resolution; "lớp bồi dưỡng ..., chuyên đề" is training
        if not re.search(r"(?:\d[\d.]*|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|các|những)\s+$", before[:class_pos]):
            return None  # "Tham gia lớp học có 160 học viên": one class's, not the year's classes
        at = max(start, item.left_start - 200) + class_pos
        kind_text = class_words(text, at + 3, min(at + 60, m.start))  # not the words of a later class
        return "awareness_attendees" if V.AWARENESS.search(kind_text) else "training_attendees"
    if V.ACADEMIC.search(left[-40:]) or V.ACADEMIC.search(tail[:40]):
        return None
    if V.RESOLUTION_STUDY.search(left) or V.RESOLUTION_STUDY.search(tail[:40]):
        return None
    own = left + " " + tail[:70]
    if V.TRAINING_VERB.search(own) and V.TRAINING_TOPIC.search(own):
        return "training_attendees"
    return None


def classes(text: str, item: Item, left: str) -> list[tuple[str, int | float]]:
    """awareness_classes / training_classes for a count of classes ("mở 5 lớp bồi dưỡng ..."), or nothing."""
    m = item.mention
    desc = class_words(text, item.noun_end, item.noun_end + 70)
    label = _CLASSES_LABEL.match(left)
    if item.noun_end == m.end and label:
        desc = left[label.end():].strip() + " " + desc  # "Lớp bồi dưỡng nhận thức về Đảng | 3": a row's label
    if re.search(r"học sinh|mầm non|mẫu giáo|tiểu học|trường học", desc + left, re.I):
        return []
    if V.TARGET.search(re.split(r"[,;:]", left[-30:])[-1]):
        return []  # a plan's classes ("xây dựng kế hoạch, mở 18 lớp ...": the plan made, the classes opened)
    if V.AWARENESS.search(desc[:40]) or re.search(r"\bcho (?:các |những )?(?:quần chúng ưu tú|đối tượng (?:kết nạp|"
                                                  r"phát triển|cảm tình))", desc, re.I):
        return [("awareness_classes", m.value)]
    if V.TRAINING_TOPIC.search(desc) or re.match(r"\s*(?:bồi dưỡng|tập huấn|đào tạo|học tập|(?:cho )?đảng viên mới)", desc):
        return [("training_classes", m.value)]
    # "Trường Chính trị ... đã mở 286 lớp với ...": the school that opens them says what they teach.
    if _SCHOOL.search(left) and not V.ACADEMIC.search(desc) and re.search(r"\b(?:mở|tổ chức|khai giảng)(?: được)?\s*(?:hơn|gần|trên|khoảng)?\s*$", left):
        return [("training_classes", m.value)]
    return []


_SCHOOL = fastre.compile(r"(?:trường|trung tâm)(?: bồi dưỡng)? chính trị", re.I)
