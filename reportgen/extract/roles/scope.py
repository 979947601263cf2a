"""Whose a figure is: the unit's own, a part of another figure, a sub-unit's, one event's, a sector's.

A figure is the unit's when nothing before it in its clause says otherwise. Otherwise the words
say it: another unit named before it ("Đảng bộ xã Y kết nạp ...", when the article is about a
district), a part marker ("trong đó", "cụ thể", "gồm", a parenthesis, a sentence opening with
"Trong đó," after the figure it breaks down), a sub-unit named generically ("các xã, thị trấn",
"Chi bộ 10A", "của hai trường THPT", "mỗi chi bộ"), one event ("lần này", "tại buổi lễ"), or a
sector ("ở khu vực kinh tế tư nhân").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportgen.extract import fastre
from reportgen.extract import vocab as V
from reportgen.extract.roles.items import Hit
from reportgen.extract.segment import Sentence
from reportgen.extract.unitnames import KIND_WORDS, OWNER_BEFORE
from reportgen.model import CENTRAL_CITIES, Unit
from reportgen.vietnamese import gazetteer

__all__ = ["PART_MARK", "Scope", "read_scope", "sibling_subject"]

_UNIT_WORD = fastre.compile(r"(?:(?:Đảng bộ|Đảng ủy)(?:\s+(?i:huyện|thị xã|thành phố|TP\.?|quận|tỉnh|xã|phường|thị trấn)|"
                        r"\s+(?:TX|TT|P|Q|H)\.)?|\b(?:TX|TT|P|Q|H)\.(?=\s?[A-ZĐ])|"
                        r"(?:Huyện|Thị|Quận|Thành|Tỉnh) [ủỦ]y|"
                        r"[Cc]hi bộ(?: cơ sở)?(?:\s+(?:ấp|thôn|khóm|xóm|bản|buôn|tổ dân phố|khu phố|khu))?|\b[xX]ã|"
                        r"\b[pP]hường|\b[tT]hị trấn|\b[hH]uyện|\b[tT]hị xã|\b[tT]hành phố|\b[qQ]uận|\b[tT]ỉnh|\bTP\.?)\s+"
                        r"(\w+(?:\s+\w+){0,3})")
#: Words that open the parts of a figure stated before them.
PART_MARK = fastre.compile(r"\btrong đó\b|\btrong số đó\b|\btrong số [^,;.]{0,50}?(?:nói )?trên\b|\bcụ thể\b|"
                       r"\btrong số (?:các |những )?(?:ĐV|đảng viên|đảng viên mới|ĐV mới|quần chúng)\b(?:\s+mới)?|"
                       r"\bbao gồm\b|\bgồm(?: có)?\b|\briêng\b(?!\s+(?:trong\s+)?(?:năm|\d+\s+tháng|quý|tháng|nhiệm kỳ|giai đoạn))|"
                       r"\bchia ra\b", re.IGNORECASE)
# Words after which a figure is the whole's again: "..., trong đó 248 đảng bộ và 229 chi bộ, với 36.607
# đảng viên".
_PARTS_END = fastre.compile(r",\s*với\b|\bvới tổng số\b|\bnâng tổng số\b", re.IGNORECASE)
# ("Riêng năm 2019, ..." after a term's figure: the year's own figure, as with PART_MARK)
_OPENS_PARTS = fastre.compile(r"\W*(?:trong đó|trong số đó|trong số này|cụ thể|riêng(?!\s+(?:trong\s+)?(?:năm|\d+\s+tháng|quý|"
                              r"tháng|nhiệm kỳ|giai đoạn))|trong số [^,;.]{0,50}?trên)\b", re.IGNORECASE)
# Capitalised words after a unit word that are no name: grades and verbs written in capitals
# ("21 chi bộ Hoàn thành tốt nhiệm vụ"), the Party itself.
_NOT_NAMES = frozenset({"Hoàn", "Không", "Đảng", "Xuất", "Tốt", "Trong", "Được", "Đạt", "Có", "Với", "Và", "Đã",
                        "Bị", "Tham", "Kết", "Nhiệm", "Đủ", "Vi", "Xếp", "Đánh", "Cơ", "Trực", "Thuộc", "Đoàn", "Hội"})
_SUBUNIT = fastre.compile(
    r"\b(?i:các) (?i:xã|phường|thị trấn|chi bộ|đảng bộ|cơ sở|đơn vị|huyện|thị xã|thành phố|trường|thôn|ấp|bản|"
    r"khu phố)\b|\b(?i:đảng bộ) bộ phận\b|\b[Cc]hi bộ (?:[A-ZĐ0-9]|khu phố|thôn|ấp|trường|chung cư|khóm|bản|tiểu khu|"
    r"buôn|làng|sóc|xóm)|"
    r"\b(?i:mỗi|từng|một số) (?i:chi bộ|đảng bộ|xã|cơ sở|đơn vị)\b|"
    r"\b(?i:của|tại|ở|thuộc) (?:các |hai |ba |\d+ )?(?i:trường|doanh nghiệp|công ty|bệnh viện|cơ quan|"
    r"ngân hàng|hợp tác xã)\b")
#: A sub-unit as the subject of a figure: its figures are not the unit's.
SUBJECT_SUBUNIT = fastre.compile(
    r"\b(?i:đảng bộ|đảng ủy) các (?i:xã|phường|thị trấn|huyện|thị xã)\b|\b(?i:các) xã,\s*(?:phường,\s*)?thị trấn\b|"
    r"\b(?i:đảng bộ) bộ phận\b|\b[Cc]hi bộ (?!" + "|".join(sorted(_NOT_NAMES)) + r")(?:[A-ZĐ0-9]|khu phố|thôn|ấp|"
    r"trường|chung cư|khóm|bản|khu dân cư|tổ dân phố|xóm|tiểu khu|khu|buôn|làng|sóc|plei|tổ|khối|cụm)|\b(?i:mỗi|từng) (?i:chi bộ|đảng bộ|xã|phường|cơ sở|đơn vị)\b")
_CLOSED_PAREN = fastre.compile(r"\([^()]*\)")
_OLD = fastre.compile(r"\s*\(cũ\)")
_EVENT = fastre.compile(r"\blần này\b|\bđợt này\b|\bkhóa (?:học )?này\b|\blớp (?:học )?này\b|\bbuổi lễ\b|\btại lễ\b|"
                    r"\bdự lễ\b|\blễ kết nạp\b|\btại (?:hội nghị|đại hội|buổi)\b|\bdịp này\b", re.IGNORECASE)
# Words that make a figure one event's: "kết nạp lần này", "tại buổi lễ" (a meeting that reports the
# year's figures is no such event).
_ONE_EVENT = fastre.compile(r"\s*(?:lần này|đợt này|khóa (?:học )?này|lớp (?:học )?này)\b|\bbuổi lễ\b|\btại lễ\b|\bdự lễ\b|"
                        r"\blễ kết nạp\b|\blần này\b|\bđợt này\b", re.IGNORECASE)
_OWN = fastre.compile(r"\btoàn (?:Đảng bộ|đảng bộ|huyện|tỉnh|thành phố|thị xã|quận|xã|phường|thị trấn)\b|"
                  r"\b(?:Đảng bộ|Đảng ủy|Ban Chấp hành Đảng bộ|BCH Đảng bộ) (?:huyện|tỉnh|thành phố|thị xã|quận|xã|"
                  r"phường|thị trấn)\b|\b(?:Huyện|Tỉnh|Thành|Thị|Quận) ủy\b", re.IGNORECASE)


@dataclass(frozen=True)
class Scope:
    """The readings of one sentence that say whose its figures are."""

    text: str
    sentence: Sentence
    own: tuple[str, ...]
    opens_parts: bool  # the sentence opens with "Trong đó," / "Cụ thể,", or is an item of a list so led
    speaker: str | None = None  # the kind of the unit, when its name is not known
    own_kind: str | None = None  # the unit's kind, when it is known
    carried: str | None = None  # a unit of the unit's level a previous sentence of the paragraph is about
    carried_here: bool = False  # this sentence opens with it: its "toàn huyện" is that unit too
    opener: re.Match[str] | None = None  # "Tại X, ..." opening the sentence
    openers_inside: bool = False  # whether "Tại X, ..." stands anywhere in the sentence

    def foreign(self, start: int, end: int) -> bool:
        """Whether the last unit the clause text[start:end] names before a figure is another unit."""
        last = None
        last_at = -1
        last_kind = ""
        last_old = False
        last_end = -1
        subject = False
        for m in _UNIT_WORD.finditer(self.text, start, end):
            opened = self.text.rfind("(", start, m.start())
            if opened >= 0 and self.text.rfind(")", opened, m.start()) < 0 and \
                    0 <= self.text.find(")", m.start(), end) < end:
                continue  # inside a parenthesis closed before the figure: an aside
            if last is not None and OWNER_BEFORE.search(self.text, max(start, m.start() - 12), m.start()):
                continue  # "Đảng bộ phường X trực thuộc Thành ủy H có ...": whose X is, not the subject
            if last is not None and _LOCATOR_GAP.fullmatch(self.text, last_end, m.start()) and \
                    _LEVEL.get(_kind_word(m.group(0)), 9) < _LEVEL.get(last_kind, 0):
                continue  # "xã Y Tý, huyện Bát Xát": where the commune is, not another subject
            if _INSTITUTION_BEFORE.search(self.text, max(start, m.start() - 80), m.start()):
                continue
            name = _name_of(m.group(1).split())
            if name:
                last = " ".join(name)
                last_at = m.start()
                # "Đảng bộ tỉnh T (cũ)": the unit as it was before a merger is another unit
                last_old = _OLD.match(self.text, m.start(1) + len(last)) is not None
                last_kind = _kind_word(m.group(0))
                last_end = m.start(1) + len(last)
                subject = m.group(0).lower().startswith(("đảng bộ", "đảng ủy")) or \
                    _COMMITTEE_WORD.match(m.group(0).lower()) is not None or \
                    self.text[max(0, m.start() - 5):m.start()].lower().endswith("toàn ")
        # "Tại Tiền Hải, năm 2018 các TCCSĐ đã kết nạp ...": a place named bare opens its figures, in all
        # the clauses of its sentence that name no unit of their own
        opened = self.opener
        openers = [opened] if opened is not None and opened.start() < start else []
        for m in openers + (list(_PLACE_OPENER.finditer(self.text, start, end)) if self.openers_inside else []):
            name = _name_of(m.group(1).split())
            if not name or not _known(name) or (m.start() < start and last is not None) or m.start() < last_at:
                continue
            last, last_at, last_kind, last_old, subject = " ".join(name), m.start(), "", False, True
        lower = _UNNAMED_LOWER.search(self.text, start, end)
        if last is None and lower and _LEVEL.get(lower.group(1).lower(), 0) > _LEVEL.get(self.own_kind or "", 9) \
                and not _names_follow(self.text, lower.end()):
            return True  # "..., xã Tân Trào; Đảng bộ xã hiện có 312 đảng viên" in a district's article
        if last is None and self.carried and (self.carried_here or not self._own_kind_named(start, end)):
            return True  # "Cùng ngày, Thị ủy Sông Cầu ... . Năm 2023, Đảng bộ thị xã kết nạp ...": that unit's
        higher = self._unnamed_higher(start, end)
        if last is None or (higher is not None and higher > last_at):
            return higher is not None
        if last_old:
            return True
        if not self.own:
            # an unnamed unit: a named unit below its level is a sub-unit, one of its level may be itself
            return _LEVEL.get(last_kind, 1) > _LEVEL.get(self.speaker or "", 0) if self.speaker else False
        if _same_unit(last, self.own[0]):
            # "thị trấn Chư Sê" in an article on huyện Chư Sê: a unit of its name of another kind
            kind = self.own_kind
            if kind in _LEVEL and last_kind in _LEVEL and last_kind != kind:
                return True  # ("Toàn Đảng bộ huyện Nam Đàn ..." in an article on thị trấn Nam Đàn: the district's)
            return False  # the unit itself
        level = 0 if len(self.own) > 1 and last == self.own[1] else _LEVEL.get(last_kind, 9)
        if subject and level < _LEVEL.get(self.speaker or "", 0) and len(self.own) > 1 \
                and (last_kind != (self.speaker or "") or level == 0):
            return True  # "toàn tỉnh Y kết nạp ...", "Đảng bộ thành phố Cần Thơ ...": a higher level's figure
        return not any(_same_unit(last, o) for o in self.own)

    def _own_kind_named(self, start: int, end: int) -> bool:
        """Whether text[start:end] speaks of the unit's own kind unnamed ("toàn huyện", "Huyện ủy")."""
        kind = self.own_kind or self.speaker
        return kind is not None and any(_kind_word(m.group(0)) == kind for m in _UNNAMED_WHOLE.finditer(self.text, start, end))

    def _unnamed_higher(self, start: int, end: int) -> int | None:
        """Where "toàn huyện", "Đảng bộ huyện" name, unnamed, a level above the unit's, in
        text[start:end] (a commune's article quoting its district's figure), or None."""
        if not self.speaker:
            return None
        found = None
        for m in _UNNAMED_WHOLE.finditer(self.text, start, end):
            kind = _kind_word(m.group(0))
            if _GIVER.match(self.text, m.end()) or _TARGET_OF.search(self.text, max(start, m.start() - 30), m.start()):
                continue  # "đạt 103% chỉ tiêu Tỉnh ủy giao": who gave the target, not whose the figure is
            # in a centrally-run city's district or ward, "Đảng bộ Thành phố", "Thành ủy" are the city's
            level = 0 if kind == "thành phố" and len(self.own) > 1 and self.own[1] in CENTRAL_CITIES \
                and self.own[0] != self.own[1] else _LEVEL.get(kind, 9)
            if level < _LEVEL.get(self.speaker, 0) and not _names_follow(self.text, m.end()):
                found = m.start()
        return found

    def part_mark(self, hit: Hit, text: str) -> int | None:
        """Where the part marker a figure stands under begins, or None: the last "trong đó",
        "gồm", ... before it in its sentence with no ";" between and not in a parenthesis closed
        before it; the sentence start when the sentence opens with one ("Trong đó, ...")."""
        s = self.sentence.start
        at = None
        for m in PART_MARK.finditer(text, s, hit.mention.start):
            between = text[m.end():hit.mention.start]
            if ";" in between or between.count(")") > between.count("(") or _PARTS_END.search(between):
                continue
            at = m.start()
        # a sentence opening "Trong đó, ..." lists parts through its ";" ("...; từ ngày 1/7 đến nay kết nạp 945")
        if at is None and self.opens_parts and not _PARTS_END.search(text, s, hit.mention.start) and \
                (";" not in text[s:hit.mention.start] or _OPENS_PARTS.match(text, s, hit.mention.start)):
            at = s
        return at

    def of(self, hit: Hit, text: str) -> frozenset[str]:
        """The scope flags of a figure of the sentence: part, subunit, event, sector, own, paren."""
        s = self.sentence.start
        clause_start = max(s, text.rfind(";", s, hit.mention.start) + 1)
        before = text[clause_start:hit.mention.start]
        flags = set()
        if self.part_mark(hit, text) is not None:
            flags.add("part")
        if _SUBUNIT.search(before):
            flags.add("subunit")
        outside = _CLOSED_PAREN.sub(lambda m: " " * len(m.group(0)), before)
        subject = None
        for found in SUBJECT_SUBUNIT.finditer(outside):
            if not re.search(r"\d\s*$", outside[:found.start()]):  # "14 đảng bộ bộ phận": counted, not the subject
                subject = found
        if subject is not None and not _OWN.search(outside, subject.end()):
            flags.add("sub_subject")
        if _EVENT.search(text, s, self.sentence.end):
            flags.add("event")
        own_phrase = re.split(r"[,;:]", before)[-1]
        rest = re.split(r"[,;:.]", text[hit.mention.end:min(self.sentence.end, hit.mention.end + 60)])[0]
        if _ONE_EVENT.search(own_phrase) or _ONE_EVENT.search(rest):
            flags.add("event_clause")  # "5 đảng viên mới được kết nạp lần này": one ceremony's
        if V.SECTOR.search(text, s, min(self.sentence.end, hit.end + 60)):
            flags.add("sector")
        if _OWN.search(text, s, hit.mention.start) or any(o in before for o in self.own):
            flags.add("own")
        if text.count("(", s, hit.mention.start) > text.count(")", s, hit.mention.start):
            flags.add("paren")
        return frozenset(flags)


_LEVEL = {"tỉnh": 0, "thành phố": 1, "huyện": 1, "thị xã": 1, "quận": 1, "xã": 2, "phường": 2, "thị trấn": 2,
          "chi bộ": 3}


_UNNAMED_WHOLE = fastre.compile(r"\b(?:toàn|(?:Đảng bộ|Đảng ủy|đảng bộ)|(?:Huyện|Tỉnh|Thành|Quận|Thị) ủy)\s*"
                            r"(?:(?:huyện|tỉnh|thành phố|quận|thị xã|xã|phường|thị trấn)\b)?", re.IGNORECASE)


def _name_of(words: list[str]) -> list[str]:
    """The name the words after a unit word spell: capitalised words, or a number ("quận 1",
    "Phường 14"); a grade or verb in capitals ends it ("chi bộ Hoàn thành ...") unless the words
    so far and on are a known place ("Quận ủy Hoàn Kiếm", "huyện Trực Ninh")."""
    name: list[str] = []
    for i, w in enumerate(words):
        if not (w[0].isupper() or (w.isdigit() and not name and len(w) <= 2)):
            break
        if w in _NOT_NAMES and not _known(name + words[i:i + 2]):
            break
        name.append(w)
    return name


@lru_cache(maxsize=4096)
def _known_name(name: str) -> bool:
    return bool(gazetteer.lookup(name))


def _same_unit(named: str, own: str) -> bool:
    """Whether a name is the unit's own: the same, a shortening of it, or it with more words that do
    not make another known place ("Ân Hảo Tây" beside "Ân Hảo" is another commune)."""
    if named == own or own.startswith(named):
        return True
    return named.startswith(own) and not _known_name(named)


def _known(words: list[str]) -> bool:
    """Whether the first two or three capitalised words are the name of a known place."""
    run = [w for w in words if w[:1].isupper()]
    return any(_known_name(" ".join(run[:n])) for n in (3, 2) if len(run) >= n)


def _names_follow(text: str, pos: int) -> bool:
    """Whether a capitalised name follows `pos` (the unit word names one)."""
    return re.match(r"\s*(?-i:[A-ZĐÀ-Ỹ0-9])", text[pos:pos + 4]) is not None


# An unnamed party organisation of a commune ("Đảng bộ xã hiện có ..."): the one named before it.
# ("toàn huyện", "Đảng bộ huyện" unnamed are lower only in a province's article: see `Scope.foreign`)
_UNNAMED_LOWER = fastre.compile(r"(?<![\d(]\s)(?<![\d(])\b(?:Đảng bộ|Đảng ủy|đảng bộ|đảng ủy|toàn)\s+(xã|phường|thị trấn|huyện|"
                                r"thị xã|quận)\b")
# A sentence opening with a place of a kind: "Tại huyện Mỹ Xuyên, ...", "Ở xã Tân Hưng, ...".
_KIND_OPENER = fastre.compile(r"(?:Tại|Ở|Còn ở|Còn tại)\s+(huyện|thị xã|quận|thành phố|xã|phường|thị trấn)\s+"
                              r"((?:[A-ZĐÀ-Ỹ][\w'’-]*\s?){1,4})\s*,")
_PLACE_OPENER = fastre.compile(r"(?:^|(?<=[.;:]\s))(?:Tại|Ở|Còn ở|Còn tại)\s+((?:[A-ZĐÀ-Ỹ][\w'’-]*\s?){1,4})\s*,", re.M)
_GIVER = fastre.compile(r"\s*(?:giao|đề ra|phân bổ|chỉ đạo)\b", re.I)
# ... or whose directive is carried out ("Thực hiện Chỉ thị 29 của Ban Thường vụ Thành ủy, ...")
_TARGET_OF = fastre.compile(r"(?:chỉ tiêu|kế hoạch|nghị quyết|chỉ thị|kết luận|hướng dẫn|quyết định|NQ|KH)"
                            r"(?:\s+(?:số\s+)?[\w\-/]*\d[\w\-/]*)?\s*(?:của\s+)?(?:Ban Thường vụ\s+|BTV\s+)?$", re.I)
_LOCATOR_GAP = fastre.compile(r"\s*(?:,|\(|[-–])\s*")
_COMMITTEE_WORD = fastre.compile(r"\b(huyện|tỉnh|thành|quận|thị) [ủu]y\b")
_KIND_WORD = [(kind, fastre.compile(r"\b" + kind + r"\b"))
              for kind in ("thị xã", "thị trấn", "thành phố", "huyện", "quận", "tỉnh", "phường", "xã")]


@lru_cache(maxsize=2048)  # the same few unit words come back in every article
def _kind_word(mention: str) -> str:
    """The kind of unit a unit word names: "Đảng bộ xã ..." -> "xã", "Chi bộ ..." -> "chi bộ"."""
    low = mention.lower()
    if low.startswith("chi bộ"):
        return "chi bộ"
    committee = _COMMITTEE_WORD.search(low)
    if committee:
        return {"thành": "thành phố", "thị": "thị xã"}.get(committee.group(1), committee.group(1))
    for kind, pattern in _KIND_WORD:
        if pattern.search(low):
            return kind
    short = _SHORT_KIND.search(low)
    if short:
        return KIND_WORDS[short.group(1) + "."]
    return "tp" if "tp" in low else ""


_SHORT_KIND = fastre.compile(r"\b(tx|tt|p|q|h)\.")
# A partner centre or school named after a unit ("phối hợp với Trung tâm Chính trị TP. Nha Trang mở 1
# lớp"): whose the partner is, not the subject (a centre as the subject, "Trung tâm ... huyện X mở 23
# lớp", is that unit's).
_INSTITUTION_BEFORE = fastre.compile(r"\b(?:phối hợp|kết hợp|cùng)(?: với)?\s+(?:Trung tâm|Trường)\s+(?:[^\s,;.]+\s+){0,5}$",
                                 re.IGNORECASE)


_LEADS_PARTS = fastre.compile(r"(?:trong đó|trong số đó|cụ thể|bao gồm|gồm(?: có)?|như sau)\s*:\s*$", re.IGNORECASE)


def sibling_subject(text: str, sentence: Sentence, unit: Unit | None) -> str | None | bool:
    """What a sentence says the paragraph goes on about: another unit of the unit's level it opens
    with as the subject ("Cùng ngày, Thị ủy Sông Cầu ..."), a place of its level or below it opens
    with ("Tại xã Y, ..."), False when it names the unit itself, None when it says neither."""
    if unit is None:
        return None
    opener = _KIND_OPENER.match(text, sentence.start, sentence.end)
    if opener is not None and unit.kind in _LEVEL and _LEVEL[opener.group(1)] >= _LEVEL[unit.kind]:
        # "Tại huyện Mỹ Xuyên, 6 tháng qua Đảng bộ huyện kết nạp ... . Huyện cũng đã mở ...": the
        # paragraph goes on about that place, a sub-unit's or a sibling's
        name = _name_of(opener.group(2).split())
        if name and _known(name):
            return False if _same_unit(" ".join(name), unit.name) else " ".join(name)
    head = text[sentence.start:min(sentence.end, sentence.start + 80)]
    if "ảng" not in head and "ủy" not in head and "Ủ" not in head:
        return None  # no Party organisation or committee named: nothing said of whose the paragraph is
    for m in _UNIT_WORD.finditer(head):
        name = _name_of(m.group(1).split())
        if not name:
            continue
        named = " ".join(name)
        if _same_unit(named, unit.name):
            return False
        kind = _kind_word(m.group(0))
        subject = m.group(0).lower().startswith(("đảng bộ", "đảng ủy")) or _COMMITTEE_WORD.match(m.group(0).lower())
        if subject and kind in _LEVEL and unit.kind in _LEVEL and _LEVEL[kind] == _LEVEL[unit.kind] and _known(name):
            return named
    return None


def read_scope(text: str, sentence: Sentence, unit: Unit | None, speaker: str | None = None,
               lead: str = "", carried: str | None = None, carried_here: bool = False) -> Scope:
    """The scope readings of `sentence`, for the article's `unit` (or the kind of unit it speaks
    for, when it never names it); `lead`: the line that leads the list the sentence is an item of."""
    own = tuple(o for o in ((unit.name, unit.province) if unit else ()) if o)
    if unit is not None and unit.name == "Hồ Chí Minh":
        own += ("TPHCM", "HCM", "TP.HCM", "TP HCM", "Tp.HCM")  # as papers write it
    opens = bool(_OPENS_PARTS.match(text, sentence.start, sentence.end)) or bool(_LEADS_PARTS.search(lead))
    inside = _PLACE_OPENER.search(text, sentence.start, sentence.end) is not None
    opener = _PLACE_OPENER.match(text, sentence.start) if inside else None
    return Scope(text, sentence, own, opens, speaker, unit.kind if unit else None, carried, carried_here, opener,
                 inside)
