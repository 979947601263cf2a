"""The configuration schema: every key typed and bounded, errors in one line naming file and key,
HD 36 ranges as warnings, `reportgen config init/docs/check`, and docs/configuration.md in step."""
from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.config import Config, ConfigError, Layout, load_config, parse_config
from reportgen.config.docs import init_file, markdown
from reportgen.config.schema import KEYS, default_of

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "thuong-tin-2019.txt"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """`reportgen ARGS` in-process (in `cwd`): exit status, stdout, stderr."""
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_docs_configuration_md_is_generated_from_the_schema() -> None:
    shown = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert shown == markdown(), "run: reportgen config docs -o docs/configuration.md"
    for k in KEYS:
        assert f"| `{k.name}` |" in shown


def test_the_init_file_holds_every_key_and_gives_the_defaults() -> None:
    text = init_file()
    for k in KEYS:
        assert f"{k.name} = " in text, k.name
    assert parse_config(text, "init.toml") == Config()
    # Uncommenting every example still gives a valid file.
    names = tuple(f"# {k.name} = " for k in KEYS)
    uncommented = "\n".join(line[2:] if line.startswith(names) else line for line in text.splitlines())
    config = parse_config(uncommented, "init.toml")
    assert config.signer_name == "Nguyễn Văn A" and config.layout.page_width_mm == 210


def test_config_init_writes_a_file_build_accepts(tmp_path: Path) -> None:
    code, out, _ = run("config", "init", cwd=tmp_path)
    assert code == 0 and (tmp_path / "reportgen.toml").is_file(), out
    # the comments are Vietnamese by default, ranges and units included
    lines = (tmp_path / "reportgen.toml").read_text(encoding="utf-8").splitlines()
    at = lines.index("render_seconds = 60.0")
    assert lines[at - 1] == "# Thời gian tối đa để điền dữ liệu vào mẫu của một văn bản. (1–86400 giây)"
    assert "# Khoảng cách dòng của phần nội dung (1 = dòng đơn). (0.5–4; HD 36: 1–1.5 dòng)" in lines
    assert "# Cơ quan ban hành văn bản, số và ký hiệu, địa danh, ngày tháng, người ký và nơi nhận." in lines
    assert lines[0].startswith("# reportgen.toml: các thiết lập của văn bản")
    for k in KEYS:
        assert k.meaning.split("{")[0] not in "\n".join(lines), k.name  # no English meaning left
    code, _, err = run("config", "init", cwd=tmp_path)
    assert code == 1 and err.count("\n") == 1 and "đã có" in err
    code, out, err = run("build", str(SEED), "-o", str(tmp_path / "out"), "--format", "docx", "-j", "1",
                         "--config", str(tmp_path / "reportgen.toml"))
    assert code == 0, err
    assert "warning" not in err and list((tmp_path / "out").glob("*.docx"))


def test_config_init_with_lang_en_writes_english_comments(tmp_path: Path) -> None:
    code, out, _ = run("--lang", "en", "config", "init", "en.toml", cwd=tmp_path)
    assert code == 0 and out.startswith("wrote en.toml"), out
    text = (tmp_path / "en.toml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = lines.index("render_seconds = 60.0")
    assert lines[at - 1] == "# Time one document's template may take to fill. (1–86400 s)"
    assert "# Line spacing of the body (1 = single). (0.5–4; HD 36: 1–1.5 lines)" in lines
    assert ("# The rules of header and signature: hd36 = Hướng dẫn 36-HD/VPTW (03/4/2018); "
            "qd399 = Quy định 399-QĐ/TW (09/01/2026). (hd36, qd399)") in lines
    assert "Thời gian" not in text and "giây" not in text
    assert parse_config(text, "en.toml") == Config()
    # the developer documentation stays English whatever the language of the messages
    assert "| Time one document's template may take to fill. |" in markdown()


def test_a_typo_key_exits_2_naming_the_key_and_the_closest_valid_one(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[layout]\nmargn_left_mm = 30\n', encoding="utf-8")
    code, _, err = run("build", str(SEED), "-o", str(tmp_path / "out"), "--config", str(path))
    assert code == 2
    assert err == f"reportgen: lỗi: {path}: [layout]: khóa 'margn_left_mm' không hợp lệ; có phải là 'margin_left_mm'?\n"
    path.write_text('left_margin = 30\nsigner = "x"\n', encoding="utf-8")
    code, _, err = run("config", "check", str(path))
    assert code == 2 and "'left_margin' không hợp lệ; có phải là '[layout] margin_left_mm'?" in err
    path.write_text('body_pt = 14\n', encoding="utf-8")
    assert "'body_pt' không hợp lệ; khóa này thuộc bảng [layout]" in run("config", "check", str(path))[2]


HOSTILE = [
    ("[layout]\nmargin_left_mm = 10000\n", "[layout] margin_left_mm = 10000 nằm ngoài khoảng cho phép (0–100 "
                                           "mm)"),
    ("[layout]\nmargin_top_mm = -5\n", "[layout] margin_top_mm = -5 nằm ngoài khoảng cho phép"),
    ("[layout]\nbody_pt = -14\n", "[layout] body_pt = -14 nằm ngoài khoảng cho phép (4–72 pt)"),
    ("[layout]\nbody_pt = 0\n", "[layout] body_pt = 0 nằm ngoài khoảng cho phép"),
    ("[layout]\nbody_pt = 1e300\n", "[layout] body_pt = 1e+300 nằm ngoài khoảng cho phép"),
    ("[layout]\ntitle_pt = inf\n", "[layout] title_pt phải là số hữu hạn, nhận được inf"),
    ("[layout]\ntable_pt = nan\n", "[layout] table_pt phải là số hữu hạn, nhận được nan"),
    ("[layout]\nline_spacing = -inf\n", "[layout] line_spacing phải là số hữu hạn"),
    ("[layout]\nbody_pt = \"14\"\n", "[layout] body_pt phải là số pt, nhận được '14'"),
    ("[layout]\nbody_pt = true\n", "[layout] body_pt phải là số"),
    ("[layout]\npage_width_mm = 0\n", "[layout] page_width_mm = 0 nằm ngoài khoảng cho phép"),
    ("[layout]\nmargin_left_mm = 100\nmargin_right_mm = "
     "90\n", "margin_left_mm + margin_right_mm chỉ để lại 20 mm"),
    ("[layout]\nheader_distance_mm = 50\n", "[layout] header_distance_mm = 50 nằm dưới lề trên"),
    ("[layout]\nchart_width_cm = 50\n", "[layout] chart_width_cm = 50 rộng hơn vùng chữ"),
    ("[layout]\nfonts_pdf = \"serif\"\n", "[layout] fonts_pdf phải là danh sách chuỗi chữ"),
    ("[layout]\nfonts_pdf = []\n", "[layout] fonts_pdf không nêu phông chữ nào"),
    ("[layout]\nfont_docx = 'x\"; } body { background: url(http://127.0.0.1/) '\n", "[layout] font_docx:"),
    ("[layout]\npaper = \"B7\"\n", "[layout] paper = 'B7' không phải khổ giấy"),
    ("layout = 5\n", "layout phải là một bảng"),
    ("[limits]\nsource_seconds = -1\n", "[limits] source_seconds = -1 nằm ngoài khoảng cho phép (1–86400 "
                                           "giây)"),
    ("[layout]\nline_spacing = 9\n", "[layout] line_spacing = 9 nằm ngoài khoảng cho phép (0.5–4 dòng)"),
    ("date = \"hôm nay\"\n", "date phải là ngày dạng YYYY-MM-DD"),
    ("date = 1000-01-01\n", "date = 1000-01-01 không phải ngày văn bản hợp lý"),
    ("date = 2020-01-01T10:00:00\n", "date phải là ngày dạng YYYY-MM-DD"),
    ("recipients = \"Lưu\"\n", "recipients phải là danh sách chuỗi chữ"),
    ("recipients = [1, 2]\n", "recipients phải là chuỗi chữ trong dấu ngoặc kép, nhận được 1"),
    ("recipients = [" + ", ".join(['"x"'] * 60) + "]\n", "recipients có 60 mục (tối đa 50)"),
    ("signer_name = \"" + "A" * 600 + "\"\n", "signer_name dài 600 ký tự"),
    ("signer_name = \"a\\nb\"\n", "signer_name chứa ký tự điều khiển"),
    ("number = 12\n", "number phải là chuỗi chữ trong dấu ngoặc kép, nhận được 12"),
    ("template_dirs = 3\n", "template_dirs phải là danh sách chuỗi chữ"),
    ("a = " + "[" * 5000 + "]" * 5000 + "\n", "TOML không hợp lệ"),
    ("[layout\nbody_pt = 14\n", "TOML không hợp lệ"),
]


@pytest.mark.parametrize("text, message", HOSTILE, ids=[str(i) for i in range(len(HOSTILE))])
def test_hostile_values_give_one_line_naming_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "reportgen.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: ") and message in str(info.value), str(info.value)
    code, out, err = run("build", str(SEED), "-o", str(tmp_path / "out"), "--format", "docx", "-j", "1",
                         "--config", str(path))
    assert (code, out) == (2, "") and err == f"reportgen: lỗi: {info.value}\n"


@pytest.mark.parametrize("content, message", [
    (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)), "không phải tệp văn bản (nội dung nhị phân)"),
    (b"signer_name = \"\xff\xfe\"\n", "không phải văn bản UTF-8"),
    (b"# " + b"x" * (1024 * 1024 + 10), "quá lớn đối với một tệp cấu hình"),
], ids=["binary", "latin-1", "huge"])
def test_files_that_are_not_configurations(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "reportgen.toml"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: {message}")


def test_a_fifo_a_folder_or_a_missing_file_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="không phải tệp thông thường"):
        load_config(fifo)  # would block forever if opened for reading without O_NONBLOCK
    with pytest.raises(ConfigError, match="là thư mục"):
        load_config(tmp_path)
    with pytest.raises(ConfigError, match="không có tệp này"):
        load_config(tmp_path / "none.toml")


def test_values_outside_hd36_build_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "reportgen.toml"
    path.write_text("[layout]\nmargin_left_mm = 40\nbody_pt = 12\npaper = \"A5\"\n"
                    "chart_width_cm = 9\n", encoding="utf-8")
    warnings: list[str] = []
    config = load_config(path, warn=warnings.append)
    assert config.layout == replace(Layout(), margin_left_mm=40, body_pt=12, page_width_mm=148,
                                    page_height_mm=210, chart_width_cm=9)
    assert f"{path}: [layout] margin_left_mm = 40 nằm ngoài khoảng 30–35 mm của Hướng dẫn 36" in warnings
    assert f"{path}: [layout] body_pt = 12 nằm ngoài khoảng 13–14 pt của Hướng dẫn 36" in warnings
    assert any("page_width_mm = 148" in w for w in warnings)
    code, _, err = run("config", "check", str(path))
    assert code == 0 and err.count("reportgen: cảnh báo: ") == len(warnings)


def test_every_default_is_inside_its_bounds_and_hd36_range() -> None:
    for k in KEYS:
        value = default_of(k)
        if k.type == "number":
            assert k.low <= value <= k.high, k.name
            if k.usual:
                assert k.usual[0] <= value <= k.usual[1], k.name
    assert parse_config("", "empty.toml") == Config()


def test_config_check_without_a_file(tmp_path: Path) -> None:
    code, _, err = run("config", "check", cwd=tmp_path)
    assert code == 1 and "ở đây không có reportgen.toml" in err
    shutil.copy(ROOT / "docs" / "configuration.md", tmp_path / "c.md")
    code, out, _ = run("config", "docs")
    assert code == 0 and out == markdown()
