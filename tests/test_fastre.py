"""The look-ahead `fastre` puts before the rules' patterns changes their speed, never their matches."""
from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import reportgen.extract
from reportgen.extract import fastre
from reportgen.vietnamese.normalise import normalise

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    ("abc|def", re.I, "[ad]"),
    ("tổng kết|Sơ kết", re.I, "[St]"),
    (r"\d*foo|bar", re.I, r"[\dbf]"),
    (r"\bxã|\b(?:TX|TT)\.", 0, "[Tx]"),
    (r"(?<!\w)[A-Z]\w+", 0, "[A-Z]"),
    (r"[a-c\]]+z", 0, r"[\]a-c]"),
    ("(a|)b", 0, "[ab]"),
    ("(?i:x)y|z", 0, "[z]|(?i:[x])"),
])
def test_the_first_characters_of_a_match(pattern: str, flags: int, expected: str) -> None:
    assert fastre.first_class(pattern, flags) == expected


@pytest.mark.parametrize(("pattern", "flags"), [
    ("a?", 0),          # can match the empty string
    (r"\s*", 0),
    (r"\s*foo", 0),    # nearly every position starts with a space or a letter
    (".x", 0),          # any character
    ("[^a]b", 0),       # a negated class
    (r"\w+", 0),        # too broad to be worth a test
    ("(?i)abc", 0),     # global flags must open the pattern
    ("a # comment", re.X),
    (r"(a)?\1b", 0),    # a back-reference first
    ("(", 0),           # not a pattern at all
])
def test_no_look_ahead_when_the_first_character_cannot_be_told(pattern: str, flags: int) -> None:
    assert fastre.first_class(pattern, flags) is None


@pytest.mark.parametrize(("pattern", "flags"), [
    ("^abc|^def", re.I),  # anchored
    ("abc|def", 0),       # case-sensitive first letters
    ("[ab]c", 0),
    ("so với", re.I),     # one first letter, in either case
])
def test_no_look_ahead_where_the_engine_finds_the_start_itself(pattern: str, flags: int) -> None:
    assert fastre.first_class(pattern, flags) is None


def test_case_insensitive_look_ahead_admits_both_cases() -> None:
    p = fastre.compile(r"\bhuyện ủy", re.I)
    assert p.pattern != r"\bhuyện ủy"
    assert [m.group() for m in p.finditer("HUYỆN ỦY, Huyện ủy và huyện ủy")] == ["HUYỆN ỦY", "Huyện ủy", "huyện ủy"]
    inline = fastre.compile(r"(?i:đảng) bộ")
    assert [m.group() for m in inline.finditer("Đảng bộ, ĐẢNG bộ, đảng bộ")] == ["Đảng bộ", "ĐẢNG bộ", "đảng bộ"]


def _texts() -> list[str]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests").glob("proxy*/*.txt"))[::4]
    return [normalise(p.read_text(encoding="utf-8")).text for p in paths]


def _rule_patterns() -> list[re.Pattern[str]]:
    """The patterns the rules' modules compiled with a look-ahead, wherever a module keeps them."""
    for info in pkgutil.walk_packages(reportgen.extract.__path__, "reportgen.extract."):
        importlib.import_module(info.name)
    found: dict[str, re.Pattern[str]] = {}
    stack: list[object] = [v for name, module in sys.modules.items() if name.startswith("reportgen.extract")
                           for v in vars(module).values()]
    while stack:
        value = stack.pop()
        if isinstance(value, re.Pattern) and value.pattern in fastre.ORIGINALS:
            found[value.pattern] = value
        elif isinstance(value, (tuple, list)):
            stack.extend(value)
    return [found[k] for k in sorted(found)]


def test_the_rules_patterns_have_their_look_ahead() -> None:
    assert len(_rule_patterns()) > 100


def test_every_rule_pattern_matches_as_written() -> None:
    texts = _texts()
    assert len(texts) > 50
    differ = []
    for fast in _rule_patterns():
        plain = re.compile(fastre.ORIGINALS[fast.pattern], fast.flags)
        for text in texts:
            if [(m.span(), m.groups()) for m in fast.finditer(text)] != \
                    [(m.span(), m.groups()) for m in plain.finditer(text)]:
                differ.append(plain.pattern[:60])
                break
            # matched at a given place, as the rules do after a figure
            for pos in range(0, len(text), 97):
                a, b = fast.match(text, pos), plain.match(text, pos)
                if (a and (a.span(), a.groups())) != (b and (b.span(), b.groups())):
                    differ.append(plain.pattern[:60])
                    break
    assert not differ, differ


def test_a_union_finds_what_a_loop_over_its_patterns_finds() -> None:
    named = (("good_or_above", re.compile(r"hoàn thành tốt nhiệm vụ trở lên", re.I)),
             ("good", re.compile(r"hoàn thành tốt(?: nhiệm vụ)?", re.I)),
             ("completed", re.compile(r"hoàn thành nhiệm vụ", re.I)))
    any_grade = fastre.union(named)
    text = "12 chi bộ hoàn thành nhiệm vụ, 30 chi bộ Hoàn thành tốt nhiệm vụ trở lên"
    first = any_grade.search(text)
    assert (first.lastgroup, first.start()) == ("completed", text.index("hoàn thành nhiệm vụ"))
    later = any_grade.search(text, first.end())
    assert later.lastgroup == "good_or_above"  # at one position the first pattern in order wins
    with pytest.raises(ValueError):
        fastre.union((("a", re.compile("a")), ("b", re.compile("b", re.I))))
