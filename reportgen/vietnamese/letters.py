"""Score how Vietnamese a text looks: the share of its accented words that are valid syllables.

Every encoding decision in the readers (cp1258 or TCVN3 or VNI, mojibake or not) is taken by
decoding a sample several ways and keeping the reading with the best score, so the score must
reward real syllables ("đảng", "viên") and punish the debris a wrong table leaves ("§¶ng", "vieân").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Score", "score", "is_syllable", "VIETNAMESE_LETTERS"]

_TONES = {"\u0300": "huyen", "\u0301": "sac", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}

#: Letters only Vietnamese uses (outside Latin-1); their presence means real Unicode Vietnamese.
VIETNAMESE_LETTERS = frozenset(
    "ăâđêôơưĂÂĐÊÔƠƯ" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
)

_INITIALS = ("ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
             "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")

# Rhymes (vowel nucleus + final) after tone marks are removed. Slightly generous on purpose:
# rare-but-real syllables must not count against a correct decoding.
_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich iêc iêm iên iêng iêp iêt iêu im in inh ip it iu
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oc oe oem oen oeo oet oi om on ong ooc oong op ot
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc uê uêch uênh uêu ui um un ung uơ uôc uôi uôm uôn uông uôp uôt
up ut uy uya uych uyên uyêt uynh uyt uyu uăn uăng
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu ynh yt ych
""".split()

# Syllables ending in a stop (p, t, c, ch) only take the sắc or nặng tone.
_STOP_FINAL = re.compile(r"(?:p|t|c|ch)$")
_SYLLABLE = re.compile(
    "^(?:" + "|".join(sorted(_INITIALS, key=len, reverse=True)) + ")"
    "(?:" + "|".join(sorted(_RHYMES, key=len, reverse=True)) + ")$"
)
# A token: a run of anything but whitespace, ASCII digits and punctuation, and general punctuation,
# so the Latin-1 symbols a wrong table produces ("§", "¶", "µ") stay inside the word they spoil.
_TOKEN = re.compile(r"[^\s0-9!-/:-@\[-`{-~\u2000-\u206f\u00a0\ufffd]+")


@lru_cache(maxsize=65536)
def is_syllable(token: str) -> bool:
    """True if `token` (any case, NFC or NFD) is a well-formed Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", token.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if base in ("gi", "giêng"):  # the i of "gi" doubles as the vowel: "gì", "giếng"
        return True
    if not _SYLLABLE.match(base):
        return False
    # A stop final with huyền, hỏi or ngã is impossible; with no mark it is rare but real ("tát"
    # typed without tone in names), so only the impossible tones count against the token.
    return not (_STOP_FINAL.search(base) and tones and _TONES[tones[0]] not in ("sac", "nang"))


@dataclass(frozen=True)
class Score:
    """Counts over the tokens with non-ASCII characters: valid syllables, everything else."""

    valid: int
    invalid: int

    @property
    def net(self) -> int:
        """Valid minus invalid: the quantity candidate decodings are ranked by."""
        return self.valid - self.invalid

    @property
    def share(self) -> float:
        """Fraction of non-ASCII tokens that are valid syllables (0 when there are none)."""
        total = self.valid + self.invalid
        return self.valid / total if total else 0.0


def score(text: str) -> Score:
    """Score `text`; only tokens with a non-ASCII character count, plain ASCII is neutral."""
    valid = invalid = 0
    for token in _TOKEN.findall(text):
        if token.isascii():
            continue
        if is_syllable(token):
            valid += 1
        else:
            invalid += 1
    return Score(valid, invalid)


def sample(text: str, size: int = 65536) -> str:
    """A bounded slice of a long text for scoring: its start, middle and end."""
    if len(text) <= size:
        return text
    third = size // 3
    mid = len(text) // 2
    return "\n".join((text[:third], text[mid - third // 2: mid + third // 2], text[-third:]))
