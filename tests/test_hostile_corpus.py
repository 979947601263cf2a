"""The hostile corpus (tests/hostile_corpus.py) through the command line, as a user would run it:
`reportgen extract` on every file and `reportgen build` of the whole folder, each in its own
process with a time limit. Every case gives one error line naming the file or the right result,
no traceback, and the secret a case points at appears in no output."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hostile_corpus import ENTRIES, SECRET, write_corpus
from test_hostile import ARTICLE, CASES, facts_of

from reportgen.extract import extract
from reportgen.model import Source

ROOT = Path(__file__).resolve().parent.parent
#: Seconds the whole corpus may take through one command (a hang would be far longer).
LIMIT = 600


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "in"
    write_corpus(folder)
    return folder


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=LIMIT, check=False)


def shown(path: Path) -> str:
    """A path as the error lines show it ("?" for bytes that are not UTF-8, "\\n" for line breaks)."""
    return str(path).encode("utf-8", "replace").decode("utf-8").replace("\n", "\\n")


def test_extract_gives_one_line_or_the_right_result_for_every_case(corpus: Path) -> None:
    reference = facts_of(extract(Source("clean.txt", ARTICLE)).to_json())
    names = [e.name for e in ENTRIES]
    result = run("extract", "--format", "json", "--", *names, cwd=corpus)
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr and result.returncode == 1, stderr
    docs = json.loads(result.stdout.decode("utf-8"))
    assert len(docs) == len(ENTRIES)
    lines = stderr.splitlines()
    for entry, doc in zip(ENTRIES, docs):
        mine = [line for line in lines if line.startswith(f"reportgen: lỗi: {shown(Path(entry.name))}: ")]
        if entry.error is not None:
            assert len(mine) == 1 and entry.error in mine[0], (entry.name, mine)
            assert entry.error in doc["error"]
        else:
            assert mine == [] and "error" not in doc, (entry.name, mine)
            if entry.facts == "article":
                assert facts_of(doc) == reference, entry.name
    assert len(lines) == sum(e.error is not None for e in ENTRIES), lines
    assert SECRET not in result.stdout.decode("utf-8")


def _texts(folder: Path) -> str:
    """Everything the outputs say: the XML of every DOCX, the text of every PDF, other files as text."""
    from pypdf import PdfReader

    out = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                out += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
        elif path.suffix == ".pdf":
            out += [page.extract_text() or "" for page in PdfReader(path).pages]
        else:
            out.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(out)


def test_build_of_the_whole_corpus_fails_only_the_bad_cases_and_leaks_nothing(corpus: Path) -> None:
    out = corpus.parent / "out"
    result = run("build", str(corpus), "-o", str(out), "-j", "2", cwd=corpus.parent)
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr and result.returncode == 1, stderr[-3000:]
    errors = [line for line in stderr.splitlines() if line.startswith("reportgen: lỗi: ")]
    for entry in ENTRIES:
        mine = [line for line in errors if line.startswith(f"reportgen: lỗi: {shown(corpus / entry.name)}: ")]
        assert len(mine) == (entry.error is not None) or (entry.error is None and entry.facts is None
                                                            and len(mine) <= 1), (entry.name, mine)
    for case in CASES:
        mine = [line for line in errors if line.startswith(f"reportgen: lỗi: {corpus / case.name}: ")]
        assert len(mine) == int(case.fails_build), (case.name, mine)
    assert "huyen-tan-hong" in " ".join(p.name for p in out.glob("*.pdf"))
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    texts = _texts(out)
    assert SECRET not in texts and "root:x:0:0" not in texts


def test_script_in_a_source_is_text_in_the_review_page(tmp_path: Path) -> None:
    """Markup in a source's text, title, file name or a reviewer's note is shown, never run."""
    import lxml.html

    from reportgen.review import review_page
    from reportgen.store.corrections import Correction

    attack = "</script><script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">x</a>"
    text = "Huyện ủy Tân Hồng " + attack + "\n\n" + ARTICLE.split("\n\n", 1)[1] + attack
    e = extract(Source(f"{attack}.txt", text, title_hint=attack))
    assert e.facts, "the article's facts are found around the markup"
    fact = e.facts[0]
    note = Correction(e.source.path, e.source.sha256, fact.metric, fact.value, fact.year, "reject", note=attack)
    page = review_page([e], [], [note])
    root = lxml.html.document_fromstring(page)
    template = (ROOT / "reportgen" / "review" / "page.html.j2").read_text(encoding="utf-8")
    assert len(root.findall(".//script")) == template.count("<script")
    assert not [el for el in root.iter() if isinstance(el.tag, str)
                and any(a.startswith("on") for a in el.attrib)]
    assert not [el for el in root.iter("img", "a")]
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # shown as text
    data = json.loads(root.get_element_by_id("facts-data").text)
    assert data and all(d["source"] == e.source.path for d in data)
