"""Regular expressions that reject a position at its first character: a pattern -> the same pattern
behind a look-ahead on the characters a match can start with.

The rules scan every article with a few hundred case-insensitive patterns, most of them long
alternations of words ("tổng kết|sơ kết|kết quả|..."). Python's engine only skips ahead quickly
when a pattern starts with a case-sensitive literal or class; for the others it tries every
alternative at every position of the text. A look-ahead such as `(?=[tskb])`, computed here from
the parsed pattern, rejects most positions with one test and makes the scans several times faster.
The look-ahead admits every character a match can begin with, so the matches are the same; when
that set cannot be told (a pattern that may match the empty string, or start with any character)
the pattern is left as it is.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

try:
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # Python < 3.11 names the same modules differently
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

__all__ = ["compile", "first_class", "union", "ORIGINALS"]

#: For each pattern given a look-ahead: its source as written (the tests compare the two).
ORIGINALS: dict[str, str] = {}

# Categories narrow enough to be worth a test: "\w" admits nearly every letter, "\s" every gap.
_CATEGORIES = {_C.CATEGORY_DIGIT: r"\d"}
_REPEATS = tuple(op for op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)) if op)
_ZERO_WIDTH = (_C.AT, _C.ASSERT, _C.ASSERT_NOT)


class _Unknown(Exception):
    """The first character of a match cannot be narrowed."""


def _char(code: int) -> str:
    c = chr(code)
    return "\\" + c if c in "\\]^-[" else c


def _sequence(items: Any, folded: bool, out: dict[bool, set[str]]) -> bool:
    """Add the first characters of a sequence of nodes; whether it can match the empty string."""
    for op, av in items:
        if not _node(op, av, folded, out):
            return False
    return True


def _node(op: Any, av: Any, folded: bool, out: dict[bool, set[str]]) -> bool:
    """Add the first characters of one node (`folded`: under IGNORECASE); whether it can be empty."""
    if op is _C.LITERAL:
        out[folded].add(_char(av))
        return False
    if op is _C.IN:
        for kind, arg in av:
            if kind is _C.LITERAL:
                out[folded].add(_char(arg))
            elif kind is _C.RANGE:
                out[folded].add(_char(arg[0]) + "-" + _char(arg[1]))
            elif kind is _C.CATEGORY and arg in _CATEGORIES:
                out[folded].add(_CATEGORIES[arg])
            else:  # a negated class or a broad category
                raise _Unknown
        return False
    if op is _C.BRANCH:
        empty = False
        for alternative in av[1]:
            empty = _sequence(alternative.data, folded, out) or empty
        return empty
    if op is _C.SUBPATTERN:
        _group, add, delete, sub = av
        return _sequence(sub.data, (folded or bool(add & re.I)) and not delete & re.I, out)
    if op in _REPEATS:
        low, _high, sub = av
        return _sequence(sub.data, folded, out) or low == 0
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _sequence(av.data, folded, out)
    if op in _ZERO_WIDTH:
        return True  # "\b", "^", look-arounds consume nothing: the next node starts the match
    raise _Unknown  # any character, a back-reference, a conditional


def _engine_skips(items: Any, folded: bool) -> bool:
    """Whether the engine already finds where matches can start without trying each position: an
    anchored start ("^"), one first character, a case-sensitive class or set of first characters
    (it scans for those itself)."""
    while items:
        op, av = items[0]
        if op is _C.SUBPATTERN and not (av[1] | av[2]) & re.I:
            items = av[3].data
            continue
        if op is _C.AT:
            return av in (_C.AT_BEGINNING, _C.AT_BEGINNING_STRING)
        if op is _C.LITERAL:
            return True  # in either case: the engine scans for both
        if folded:
            return False
        if op is _C.IN:
            return True
        return op is _C.BRANCH and all(alt.data and alt.data[0][0] is _C.LITERAL for alt in av[1])
    return False


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A look-ahead body admitting every character a match of `pattern` can start with, or None."""
    if flags & re.VERBOSE:
        return None
    out: dict[bool, set[str]] = {False: set(), True: set()}
    try:
        tree = _P.parse(pattern, flags)
        if (tree.state.flags ^ flags) & re.I:
            return None  # "(?i)" opening the pattern: the look-ahead could not come before it
        if _engine_skips(tree.data, bool(flags & re.I)):
            return None  # a look-ahead would only hide the start the engine scans for
        if _sequence(tree.data, bool(flags & re.I), out):
            return None  # it can match the empty string anywhere
    except (_Unknown, re.error, AttributeError):
        return None
    # Characters read case-insensitively inside a case-sensitive pattern keep their "(?i:...)".
    parts = []
    if out[False]:
        parts.append("[" + "".join(sorted(out[False])) + "]")
    if out[True]:
        parts.append("[" + "".join(sorted(out[True])) + "]" if flags & re.I
                     else "(?i:[" + "".join(sorted(out[True])) + "])")
    return "|".join(parts)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's twin
    """`re.compile(pattern, flags)`, behind a look-ahead on its first characters when they are known."""
    first = first_class(pattern, flags)
    if first is None:
        return re.compile(pattern, flags)
    try:
        compiled = re.compile("(?=" + first + ")(?:" + pattern + ")", flags)
    except re.error:  # e.g. global inline flags, which must open the pattern
        return re.compile(pattern, flags)
    ORIGINALS[compiled.pattern] = pattern
    return compiled


def union(named: Sequence[tuple[str, re.Pattern[str]]]) -> re.Pattern[str]:
    """One pattern matching where any of `named` does, in a group of its name; at one position the
    first of them in order wins, as a loop over them in order would find."""
    flags = {p.flags for _, p in named}
    if len(flags) != 1:
        raise ValueError("the patterns of a union share their flags")
    return compile("|".join(f"(?P<{name}>{ORIGINALS.get(p.pattern, p.pattern)})" for name, p in named), flags.pop())
