"""LibreOffice headless (`reportgen.office`) and the sources read through it (.doc, .odt, .rtf).

The runner's own behaviour (missing program, timeout, a batch failing as a whole) is tested with
a stand-in `soffice` script; reading real .odt/.doc/.rtf files needs LibreOffice and is skipped
without it (`scripts/install.sh` installs it, so CI runs them).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from reportgen import office
from reportgen.extract import extract
from reportgen.pipeline import expand_sources, read_sources
from reportgen.readers import ReadError, read

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HAS_OFFICE = office.available()
needs_office = pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice is not installed "
                                  "(apt-get install libreoffice-writer-nogui)")
UTF8_TEXT = "Text (encoded):UTF8,LF,,"

# A stand-in for soffice: copies each input to <outdir>/<stem>.<ext>; FAKE_MODE makes it sleep,
# fail when given several files, or skip the files whose name holds "bad".
FAKE = """#!{python}
import os, sys, time, pathlib
args = sys.argv[1:]
mode = os.environ.get("FAKE_MODE", "")
log = os.environ.get("FAKE_LOG")
if log:
    with open(log, "a") as f:
        f.write(" ".join(args) + "\\n")
ext = args[args.index("--convert-to") + 1].split(":")[0]
out = pathlib.Path(args[args.index("--outdir") + 1])
inputs = [a for a in args[args.index("--outdir") + 2:]]
if mode == "sleep":
    time.sleep(30)
if mode == "fail-batch" and len(inputs) > 1:
    print("Error: something broke"); sys.exit(3)
for name in inputs:
    path = pathlib.Path(name)
    if b"bad" in path.read_bytes():
        print("Error: source file could not be loaded"); continue
    (out / (path.stem + "." + ext)).write_bytes(path.read_bytes())
"""


@pytest.fixture(autouse=True, scope="module")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> object:
    """LibreOffice profiles in a folder of these tests, not the user's cache (one for the module:
    a new profile costs a second)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture()
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "fake-soffice"
    script.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv(office.soffice.ENV_PROGRAM, str(script))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    log = tmp_path / "runs.log"
    monkeypatch.setenv("FAKE_LOG", str(log))
    return log


def _inputs(tmp_path: Path, *contents: str) -> list[Path]:
    out = []
    for n, text in enumerate(contents):
        path = tmp_path / "in" / f"doc {n}, ổ.docx"  # spaces, a comma and a letter with marks
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def test_a_batch_is_one_run_with_one_profile(tmp_path: Path, fake_soffice: Path) -> None:
    files = _inputs(tmp_path, "one", "two", "three")
    converter = office.Converter()
    results = converter.convert_many(files, "pdf", tmp_path / "out")
    assert [results[f].read_text() for f in files] == ["one", "two", "three"]
    assert converter.runs == 1
    converter.convert_many(files[:1], "pdf", tmp_path / "out2")
    runs = fake_soffice.read_text().splitlines()
    profiles = {a for line in runs for a in line.split() if a.startswith("-env:UserInstallation=")}
    assert len(runs) == 2 and len(profiles) == 1  # the second run reuses the profile
    assert str(tmp_path / "cache" / "reportgen" / "libreoffice") in profiles.pop()
    converter.close()


def test_parallel_converters_get_their_own_profiles(tmp_path: Path, fake_soffice: Path) -> None:
    first, second = office.Converter(), office.Converter()
    assert first.profile() != second.profile()
    first.close()
    assert office.Converter().profile() == tmp_path / "cache" / "reportgen" / "libreoffice" / "profile-0"
    second.close()


def test_a_file_it_cannot_convert_fails_alone(tmp_path: Path, fake_soffice: Path) -> None:
    good, bad = _inputs(tmp_path, "good", "bad")
    results = office.Converter().convert_many([good, bad], "pdf", tmp_path / "out")
    assert results[good].read_text() == "good"
    assert isinstance(results[bad], office.OfficeError)
    assert "không chuyển đổi được" in str(results[bad])


def test_a_batch_that_fails_as_a_whole_is_retried_file_by_file(tmp_path: Path, fake_soffice: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_MODE", "fail-batch")
    files = _inputs(tmp_path, "a", "b", "c")
    converter = office.Converter()
    results = converter.convert_many(files, "docx", tmp_path / "out")
    assert [results[f].read_text() for f in files] == ["a", "b", "c"]
    assert converter.runs == 4


def test_a_run_past_its_timeout_is_killed_with_one_line(tmp_path: Path, fake_soffice: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_MODE", "sleep")
    (file,) = _inputs(tmp_path, "x")
    started = time.monotonic()
    with pytest.raises(office.OfficeError, match=r"^LibreOffice không xong trong 1 giây$"):
        office.Converter(timeout=0.5, per_file=0.5).convert(file, "pdf", tmp_path / "out")
    assert time.monotonic() - started < 20  # killed, not waited for


def test_without_libreoffice_one_line_says_to_install_it(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(office.soffice.ENV_PROGRAM, "")
    assert not office.available()
    (file,) = _inputs(tmp_path, "x")
    with pytest.raises(office.OfficeMissing, match="chưa cài LibreOffice "
                                                   r"\(install libreoffice-writer-nogui\)"):
        office.Converter().convert(file, "pdf", tmp_path)
    odt = tmp_path / "bao-cao.odt"
    odt.write_bytes(b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text")
    with pytest.raises(ReadError) as err:
        read(odt)
    assert str(err.value) == (f"{odt}: đọc tệp .odt cần LibreOffice, nhưng máy chưa "
                              "cài (install libreoffice-writer-nogui)")


def test_a_doc_that_is_really_text_or_html_needs_no_libreoffice(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(office.soffice.ENV_PROGRAM, "")
    text = tmp_path / "a.doc"
    text.write_text("Đảng bộ huyện Thường Tín có 9.240 đảng viên.", encoding="utf-8")
    html = tmp_path / "b.doc"
    html.write_text("<html><body><p>Đảng bộ có 9.240 đảng viên.</p></body></html>", encoding="utf-8")
    assert read(text).format == "txt"
    assert "9.240 đảng viên" in read(html).text


def _facts(path: Path) -> tuple[object, set[tuple[object, ...]]]:
    extraction = extract(read(path))
    return extraction.unit, {(f.metric, f.value, f.qualifier, f.year) for f in extraction.facts}


@needs_office
@pytest.mark.parametrize("seed", ["thuong-tin-2019", "tan-hong-2022"])
def test_odt_and_doc_made_from_a_seed_give_the_seed_facts(tmp_path: Path, seed: str) -> None:
    converter = office.Converter()
    text = SEEDS / f"{seed}.txt"
    odt = converter.convert(text, "odt", tmp_path / "odt", infilter=UTF8_TEXT)
    doc = converter.convert(odt, "doc:MS Word 97", tmp_path / "doc")
    rtf = converter.convert(odt, "rtf", tmp_path / "rtf")
    expected = _facts(text)
    assert expected[1], "the seed gives facts"
    for made in (odt, doc, rtf):
        assert _facts(made) == expected, made.suffix
    assert read(doc).format == "doc" and read(odt).format == "odt" and read(rtf).format == "rtf"


@needs_office
def test_a_folder_of_office_files_is_converted_in_one_run(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    converter = office.Converter()
    folder = tmp_path / "nguon"
    for seed in ("thuong-tin-2019", "tan-hong-2022", "kien-tuong-2020"):
        made = converter.convert(SEEDS / f"{seed}.txt", "odt", tmp_path / seed, infilter=UTF8_TEXT)
        folder.mkdir(exist_ok=True)
        made.rename(folder / f"{seed}.odt")
    (folder / "hong.odt").write_bytes(b"PK\x03\x04 not really a document")
    shared = office.Converter()
    monkeypatch.setattr(office.soffice, "_SHARED", shared)
    paths = expand_sources([folder])
    assert len(paths) == 4
    sources, failures = read_sources(paths)
    assert shared.runs == 1
    assert sorted(Path(s.path).name for s in sources) == ["kien-tuong-2020.odt", "tan-hong-2022.odt",
                                                         "thuong-tin-2019.odt"]
    assert [f.path for f in failures] == [str(folder / "hong.odt")]
    assert "\n" not in failures[0].reason
