"""The readers fuzzed with hypothesis: any bytes, under any suffix, give a Source or a one-line
ReadError naming the file, and nothing else; what they give the extractor extracts without error.

Bounded in the suite; a longer run on demand: `REPORTGEN_FUZZ_EXAMPLES=20000 python3 -m pytest
tests/test_fuzz_readers.py tests/test_hostile.py -k hostile_unicode` (the hostile-Unicode fuzzers of
the normaliser and extractor in test_hostile.py honour the same variable)."""
from __future__ import annotations

import io
import os
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.extract import extract
from reportgen.readers import ReadError, read

EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
SUFFIXES = st.sampled_from([".txt", ".html", ".docx", ".pdf", ".md", ""])
TEXTISH = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


CONTENT = st.one_of(
    st.binary(max_size=2000),
    TEXTISH.map(lambda t: t.encode("utf-8")),
    st.tuples(st.sampled_from(["utf-16", "utf-16-le", "utf-8-sig", "cp1258", "latin-1"]), TEXTISH).map(
        lambda p: p[1].encode(p[0], "replace")),
    st.tuples(st.sampled_from([b"%PDF-1.4\n", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n"]),
              st.binary(max_size=1000)).map(b"".join),
    st.tuples(st.sampled_from(["<html><body>", "<p>", "<!DOCTYPE html [<!ENTITY a 'b'>]><html>", "<?xml?><svg>"]),
              TEXTISH, st.sampled_from(["", "</p>", "<table><tr><td>", "<!--"])).map(lambda p: "".join(p).encode()),
    st.dictionaries(st.sampled_from(["word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels",
                                     "docProps/core.xml"]),
                    st.one_of(st.binary(max_size=300), TEXTISH.map(lambda t: f"<w:document>{t}</w:document>"
                                                                   .encode())), max_size=4).map(_zip),
)


@FUZZ
@given(CONTENT, SUFFIXES)
def test_any_bytes_are_a_source_or_a_one_line_read_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            source = read(path)
        except ReadError as err:
            assert str(err).startswith(f"{path}: ") and "\n" not in str(err)
            return
        assert source.path == str(path) and isinstance(source.text, str)
        assert unicodedata.is_normalized("NFC", unicodedata.normalize("NFC", source.text))
        e = extract(source)
        for fact in e.facts:
            assert source.text[fact.evidence.start:fact.evidence.end] == fact.evidence.text
