"""Messages in Vietnamese by default, English when asked: the catalog, the language choice, the CLI."""
from __future__ import annotations

import re
import shutil
import string
import unicodedata
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from click.testing import CliRunner

from reportgen import i18n
from reportgen.build.workers import WorkerPool
from reportgen.cli import main
from reportgen.cli.build import summary_line

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_PERCENT = re.compile(r"%\((\w+)\)[sdifr]|%[sdif]")


def _code_messages() -> dict[str | tuple[str, str], str]:
    """Every message the code marks (_(), N_(), ngettext()), as `pybabel extract -F babel.cfg` finds them."""
    method_map = [("reportgen/**.py", "python")]
    found: dict[str | tuple[str, str], str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(str(ROOT), method_map):
        key = message if isinstance(message, str) else tuple(message[:2])
        found.setdefault(key, f"{filename}:{lineno}")
    return found


def _catalog() -> dict[str | tuple[str, str], object]:
    with open(i18n.catalog_path("vi"), "rb") as f:
        catalog = read_po(f, locale="vi")
    assert catalog.num_plurals == 1, "Vietnamese has one plural form"
    return {m.id: m for m in catalog if m.id}


def _fields(text: str) -> set[str]:
    """The placeholders of a message: {name!r:spec} fields and %(name)s."""
    out = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            out.add(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
    return out | set(_PERCENT.findall(text))


def test_every_message_of_the_code_has_a_vietnamese_translation_with_the_same_placeholders() -> None:
    catalog = _catalog()
    problems = []
    for msgid, where in _code_messages().items():
        entry = catalog.get(msgid)
        if entry is None:
            problems.append(f"{where}: not in the catalog: {msgid!r}")
            continue
        if entry.fuzzy:
            problems.append(f"{where}: fuzzy: {msgid!r}")
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        if not all(strings):
            problems.append(f"{where}: untranslated: {msgid!r}")
            continue
        ids = [msgid] if isinstance(msgid, str) else list(msgid)
        expected = set().union(*(_fields(x) for x in ids))
        for text in strings:
            if unicodedata.normalize("NFC", text) != text:
                problems.append(f"{where}: not NFC: {text!r}")
            got = _fields(text)
            # one Vietnamese form serves both English forms: it may drop the singular's own field
            if (got != expected) if isinstance(msgid, str) else not (got <= expected and got >= _fields(ids[1])):
                problems.append(f"{where}: placeholders {sorted(got)} != {sorted(expected)}: {msgid!r}")
    assert not problems, "\n".join(problems)


def test_the_message_template_is_up_to_date_with_the_code() -> None:
    with open(ROOT / "reportgen" / "locale" / "reportgen.pot", "rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    code = set(_code_messages())
    assert code - template == set(), "run pybabel extract (docs/translations.md)"
    assert template - code == set(), "run pybabel extract (docs/translations.md)"


@pytest.mark.parametrize(("environ", "lang"), [
    ({}, "vi"),
    ({"LANG": "C.UTF-8"}, "vi"),
    ({"LANG": "POSIX"}, "vi"),
    ({"LANG": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_GB"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "vi"),
    ({"LANG": "vi_VN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "vi_VN.UTF-8", "LANGUAGE": "fr:en"}, "en"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": ""}, "en"),
])
def test_the_language_the_environment_asks_for(environ: dict[str, str], lang: str) -> None:
    assert i18n.language_of_environment(environ) == lang


def test_an_explicit_language_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.language() == "en" and i18n._("wrote {path}") == "wrote {path}"
    with i18n.using("vi"):
        assert i18n._("wrote {path}") == "Đã ghi {path}"
    assert i18n.language() == "en"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_summary_is_plural_correct_in_english_and_has_one_form_in_vietnamese() -> None:
    with i18n.using("en"):
        one = summary_line(1, 1, 1, 1, 1, 1, 1, 1)
        many = summary_line(2, 3, 1240, 0, 2, 0, 0, 0)
    assert one == ("1 unit from 1 source: 1 fact (1 doubtful, confidence < 0.8); 1 document built, 1 "
                   "unchanged, "
                   "1 failed; 1 finding")
    assert many.startswith("2 units from 3 sources: 1,240 facts (0 doubtful, confidence < 0.8); 2 documents "
                           "built")
    assert many.endswith("; 0 findings")
    vi_one, vi_many = summary_line(1, 1, 1, 1, 1, 1, 1, 1), summary_line(2, 3, 1240, 0, 2, 0, 0, 0)
    assert vi_one == ("1 đơn vị từ 1 nguồn: 1 số liệu (1 đáng ngờ, độ tin cậy < 0,8); đã tạo 1 văn bản, "
                      "1 không thay đổi, 1 bị lỗi; 1 phát hiện khi kiểm tra")
    assert vi_many.startswith("2 đơn vị từ 3 nguồn: 1.240 số liệu (0 đáng ngờ, độ tin cậy < 0,8); đã tạo 2 "
                              "văn bản")


def _seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(p, folder / p.name)
    return folder


def _summary(output: str) -> str:
    return output.strip().splitlines()[-1]


def test_build_speaks_vietnamese_by_default(tmp_path: Path) -> None:
    src = _seeds(tmp_path)
    (src / "rong.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "--format", "docx",
                                       "-j", "1"])
    assert result.exit_code == 1, result.output
    summary = _summary(result.stdout)
    assert re.fullmatch(r"\d+ đơn vị từ 2 nguồn: \d+ số liệu \(\d+ đáng ngờ, độ tin cậy < 0,8\); đã tạo 5 "
                        r"văn bản, "
                        r"0 không thay đổi, 1 bị lỗi; \d+ phát hiện khi kiểm tra", summary), summary
    written = [line for line in result.stdout.splitlines() if line.startswith("Đã ghi ")]
    # a document per unit and year (Kiến Tường's article gives three years and undated figures)
    assert len(written) == 5 and all(line.endswith(".docx") for line in written)
    # one unit of 2020, one of 2022: no comparison, and one line saying why
    assert "reportgen: cảnh báo: không lập báo cáo so sánh (so-sanh): chỉ có 1 đơn vị có số liệu năm " \
           "2022, cần ít nhất 2 đơn vị" in result.stderr.splitlines()
    # the bad source: one line naming the file, in Vietnamese
    (line,) = [x for x in result.stderr.splitlines() if "rong.txt" in x]
    assert line == f"reportgen: lỗi: {src / 'rong.txt'}: tệp rỗng"
    assert "findings" not in result.output and "wrote" not in result.output


@pytest.mark.parametrize("how", ["--lang", "LANG"])
def test_build_speaks_english_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    src = _seeds(tmp_path)
    (src / "empty.txt").write_text("", encoding="utf-8")
    args = ["build", str(src), "-o", str(tmp_path / "out"), "--format", "docx", "-j", "1"]
    if how == "--lang":
        monkeypatch.setenv("LANG", "vi_VN.UTF-8")
        args = ["--lang", "en", *args]
    else:
        monkeypatch.setenv("LANG", "en_US.UTF-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    summary = _summary(result.stdout)
    assert re.fullmatch(r"\d+ units? from 2 sources: \d+ facts \(\d+ doubtful, confidence < 0\.8\); 5 "
                        r"documents built, "
                        r"0 unchanged, 1 failed; \d+ findings?", summary), summary
    assert sum(line.startswith("wrote ") for line in result.stdout.splitlines()) == 5
    assert any(line.startswith("reportgen: warning: no comparison (so-sanh): only 1 unit has figures of")
               for line in result.stderr.splitlines())
    (line,) = [x for x in result.stderr.splitlines() if "empty.txt" in x]
    assert line == f"reportgen: error: {src / 'empty.txt'}: empty file"
    assert i18n.language() == ("vi" if how == "--lang" else "en")  # --lang lasts one invocation


def test_help_and_usage_errors_in_the_chosen_language() -> None:
    runner = CliRunner()
    vi = runner.invoke(main, ["build", "--help"])
    assert vi.exit_code == 0
    assert vi.output.startswith("Cách dùng: ") and "Tùy chọn:" in vi.output
    assert "Thư mục ghi các văn bản." in vi.output and "[mặc định: output]" in vi.output
    assert "Hiện hướng dẫn này rồi thoát." in vi.output
    top = runner.invoke(main, ["--help"])
    assert "--lang [vi|en]" in top.output and "Lệnh:" in top.output
    en = runner.invoke(main, ["--lang", "en", "build", "--help"])
    assert en.output.startswith("Usage: ") and "Folder the documents are written to." in en.output
    # the help of the next invocation is Vietnamese again
    assert "Thư mục ghi các văn bản." in runner.invoke(main, ["build", "--help"]).output
    wrong = runner.invoke(main, ["build", "--no-such-option"])
    assert wrong.exit_code == 2 and "Lỗi: Không có tùy chọn '--no-such-option'." in wrong.stderr
    wrong_en = runner.invoke(main, ["--lang", "en", "build", "--no-such-option"])
    assert "Error: No such option '--no-such-option'." in wrong_en.stderr
    assert runner.invoke(main, ["--version"]).output.startswith("reportgen, phiên bản ")
    assert runner.invoke(main, ["--lang", "en", "--version"]).output.startswith("reportgen, version ")
    bad = runner.invoke(main, ["--lang", "fr", "build"])
    assert bad.exit_code == 2 and "'fr'" in bad.stderr


def _tree(command: click.Command) -> list[click.Command]:
    return [command] + [c for sub in getattr(command, "commands", {}).values() for c in _tree(sub)]


def test_every_command_and_option_has_vietnamese_help() -> None:
    runner = CliRunner()
    catalog = _catalog()
    for command in _tree(main):
        path = [] if command is main else [command.name]
        parent = next((g for g in _tree(main) if command.name in getattr(g, "commands", {})
                       and g.commands[command.name] is command), None)  # type: ignore[attr-defined]
        if parent is not None and parent is not main:
            path = [parent.name, command.name]
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0 and result.output.startswith("Cách dùng: "), (path, result.output)
        for obj in [command, *command.params]:
            original = obj.__dict__.get("_reportgen_msgids", {}).get("help")
            if isinstance(obj, click.Command) or original:
                assert original in catalog, (path, obj, original)
                assert obj.help == catalog[original].string, (path, original)  # shown translated


def test_workers_speak_the_language_of_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")  # what a spawned worker would take by itself
    with i18n.using("en"), WorkerPool(1) as pool:
        assert pool.submit(i18n.language).result(timeout=120) == "en"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with i18n.using("vi"), WorkerPool(1) as pool:
        assert pool.submit(i18n.language).result(timeout=120) == "vi"


def test_numbers_in_messages_follow_the_language() -> None:
    assert i18n.number(9240) == "9.240" and i18n.number(0.8) == "0,8"
    with i18n.using("en"):
        assert i18n.number(9240) == "9,240" and i18n.number(0.8) == "0.8"
