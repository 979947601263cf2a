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
    code, _, err = run("config", "init", cwd=tmp_path)
    assert code == 1 and err.count("\n") == 1 and "already exists" in err
    code, out, err = run("build", str(SEED), "-o", str(tmp_path / "out"), "--format", "docx", "-j", "1",
                         "--config", str(tmp_path / "reportgen.toml"))
    assert code == 0, err
    assert "warning" not in err and list((tmp_path / "out").glob("*.docx"))


def test_a_typo_key_exits_2_naming_the_key_and_the_closest_valid_one(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[layout]\nmargn_left_mm = 30\n', encoding="utf-8")
    code, _, err = run("build", str(SEED), "-o", str(tmp_path / "out"), "--config", str(path))
    assert code == 2
    assert err == f"reportgen: error: {path}: [layout]: unknown key 'margn_left_mm'; did you mean 'margin_left_mm'?\n"
    path.write_text('left_margin = 30\nsigner = "x"\n', encoding="utf-8")
    code, _, err = run("config", "check", str(path))
    assert code == 2 and "'left_margin'; did you mean '[layout] margin_left_mm'?" in err
    path.write_text('body_pt = 14\n', encoding="utf-8")
    assert "'body_pt'; it belongs in [layout]" in run("config", "check", str(path))[2]


HOSTILE = [
    ("[layout]\nmargin_left_mm = 10000\n", "[layout] margin_left_mm = 10000 is out of range (0–100 mm)"),
    ("[layout]\nmargin_top_mm = -5\n", "[layout] margin_top_mm = -5 is out of range"),
    ("[layout]\nbody_pt = -14\n", "[layout] body_pt = -14 is out of range (4–72 pt)"),
    ("[layout]\nbody_pt = 0\n", "[layout] body_pt = 0 is out of range"),
    ("[layout]\nbody_pt = 1e300\n", "[layout] body_pt = 1e+300 is out of range"),
    ("[layout]\ntitle_pt = inf\n", "[layout] title_pt must be a finite number, got inf"),
    ("[layout]\ntable_pt = nan\n", "[layout] table_pt must be a finite number, got nan"),
    ("[layout]\nline_spacing = -inf\n", "[layout] line_spacing must be a finite number"),
    ("[layout]\nbody_pt = \"14\"\n", "[layout] body_pt must be a number of pt, got '14'"),
    ("[layout]\nbody_pt = true\n", "[layout] body_pt must be a number"),
    ("[layout]\npage_width_mm = 0\n", "[layout] page_width_mm = 0 is out of range"),
    ("[layout]\nmargin_left_mm = 100\nmargin_right_mm = 90\n", "margin_left_mm + margin_right_mm leave 20 mm"),
    ("[layout]\nheader_distance_mm = 50\n", "[layout] header_distance_mm = 50 is below the top margin"),
    ("[layout]\nchart_width_cm = 50\n", "[layout] chart_width_cm = 50 is wider than the text"),
    ("[layout]\nfonts_pdf = \"serif\"\n", "[layout] fonts_pdf must be a list of texts"),
    ("[layout]\nfonts_pdf = []\n", "[layout] fonts_pdf names no font"),
    ("[layout]\nfont_docx = 'x\"; } body { background: url(http://127.0.0.1/) '\n", "[layout] font_docx:"),
    ("[layout]\npaper = \"B7\"\n", "[layout] paper = 'B7' is not a paper size"),
    ("layout = 5\n", "layout must be a table"),
    ("[limits]\nsource_seconds = -1\n", "[limits] source_seconds = -1 is out of range"),
    ("date = \"hôm nay\"\n", "date must be a date YYYY-MM-DD"),
    ("date = 1000-01-01\n", "date = 1000-01-01 is not a plausible document date"),
    ("date = 2020-01-01T10:00:00\n", "date must be a date YYYY-MM-DD"),
    ("recipients = \"Lưu\"\n", "recipients must be a list of texts"),
    ("recipients = [1, 2]\n", "recipients must be a text in quotes, got 1"),
    ("recipients = [" + ", ".join(['"x"'] * 60) + "]\n", "recipients has 60 items (at most 50)"),
    ("signer_name = \"" + "A" * 600 + "\"\n", "signer_name is 600 characters long"),
    ("signer_name = \"a\\nb\"\n", "signer_name holds a control character"),
    ("number = 12\n", "number must be a text in quotes, got 12"),
    ("template_dirs = 3\n", "template_dirs must be a list of texts"),
    ("a = " + "[" * 5000 + "]" * 5000 + "\n", "invalid TOML"),
    ("[layout\nbody_pt = 14\n", "invalid TOML"),
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
    assert (code, out) == (2, "") and err == f"reportgen: error: {info.value}\n"


@pytest.mark.parametrize("content, message", [
    (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)), "not a text file (binary content)"),
    (b"signer_name = \"\xff\xfe\"\n", "not UTF-8 text"),
    (b"# " + b"x" * (1024 * 1024 + 10), "too large for a configuration file"),
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
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(fifo)  # would block forever if opened for reading without O_NONBLOCK
    with pytest.raises(ConfigError, match="is a folder"):
        load_config(tmp_path)
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "none.toml")


def test_values_outside_hd36_build_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "reportgen.toml"
    path.write_text("[layout]\nmargin_left_mm = 40\nbody_pt = 12\npaper = \"A5\"\n"
                    "chart_width_cm = 9\n", encoding="utf-8")
    warnings: list[str] = []
    config = load_config(path, warn=warnings.append)
    assert config.layout == replace(Layout(), margin_left_mm=40, body_pt=12, page_width_mm=148,
                                    page_height_mm=210, chart_width_cm=9)
    assert f"{path}: [layout] margin_left_mm = 40 is outside HD 36's 30–35 mm" in warnings
    assert f"{path}: [layout] body_pt = 12 is outside HD 36's 13–14 pt" in warnings
    assert any("page_width_mm = 148" in w for w in warnings)
    code, _, err = run("config", "check", str(path))
    assert code == 0 and err.count("reportgen: warning: ") == len(warnings)


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
    assert code == 1 and "no reportgen.toml here" in err
    shutil.copy(ROOT / "docs" / "configuration.md", tmp_path / "c.md")
    code, out, _ = run("config", "docs")
    assert code == 0 and out == markdown()
