"""Read `reportgen.toml` against the schema: the settings, or one line naming the file and the key.

The file must be a regular file (not a FIFO or a device, which would block), at most 1 MB of
UTF-8 TOML. Values outside HD 36's ranges are passed to `warn`, one line each.
"""
from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Mapping

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from reportgen.config.schema import PAPERS, TABLES, check_table, cross_check
from reportgen.config.settings import CONFIG_FILE, Config, ConfigError, Layout, Limits
from reportgen.i18n import _

__all__ = ["load_config", "parse_config", "MAX_CONFIG_BYTES"]

#: A configuration file is a few kilobytes; anything larger is not one.
MAX_CONFIG_BYTES = 1024 * 1024


def _read(path: Path) -> str:
    """The text of a configuration file, refusing what is not a small regular UTF-8 file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the open
    except FileNotFoundError:
        raise ConfigError(_("{path}: no such file").format(path=path)) from None
    except OSError as exc:
        raise ConfigError(_("{path}: cannot read ({value})").format(
            path=path, value=exc.strerror or exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ConfigError(_("{path}: is a folder, not a configuration file").format(path=path))
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(_("{path}: not a regular file (a pipe or a device?)").format(path=path))
        if info.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(_("{path}: too large for a configuration file ({st_size} bytes)").format(
                path=path, st_size=info.st_size))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(_("{path}: cannot read ({value})").format(
            path=path, value=exc.strerror or exc)) from None
    finally:
        os.close(fd)
    if b"\0" in data:
        raise ConfigError(_("{path}: not a text file (binary content)").format(path=path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(_("{path}: not UTF-8 text (byte {start})").format(
            path=path, start=exc.start)) from None


def parse_config(text: str, where: str, base: Path | None = None,
                 warn: Callable[[str], None] | None = None) -> Config:
    """The settings of a TOML text (`where` names it in errors; folders are relative to `base`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("{where}: invalid TOML ({exc})").format(where=where, exc=exc)) from None
    except RecursionError:
        raise ConfigError(_("{where}: invalid TOML (nested too deeply)").format(where=where)) from None
    values = check_table(data, "", where)
    tables: dict[str, dict[str, Any]] = {}
    for table in (t for t in TABLES if t):
        raw = data.get(table, {})
        if not isinstance(raw, Mapping):
            raise ConfigError(_("{where}: {table} must be a table: write [{table}] on a line of its "
                                "own").format(
                where=where, table=table))
        tables[table] = check_table(raw, table, where)
    paper = tables["layout"].pop("paper", None)
    if paper is not None:
        width, height = PAPERS[paper]
        tables["layout"].setdefault("page_width_mm", width)
        tables["layout"].setdefault("page_height_mm", height)
    if "template_dirs" in values:
        # Template folders are relative to the configuration file, not to the shell.
        folders = [Path(v) for v in values["template_dirs"]]
        values["template_dirs"] = tuple(p if p.is_absolute() or base is None else base / p for p in folders)
    layout = replace(Layout(), **tables["layout"])
    for line in cross_check(layout, where):
        if warn is not None:
            warn(line)
    return replace(Config(), **values, layout=layout, limits=replace(Limits(), **tables["limits"]))


def load_config(path: Path | None = None, cwd: Path | None = None,
                warn: Callable[[str], None] | None = None) -> Config:
    """Read the given TOML file, or `reportgen.toml` in `cwd` if it exists, else defaults."""
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_FILE
        if not candidate.is_file():
            return Config()
        path = candidate
    path = Path(path)
    return parse_config(_read(path), str(path), path.resolve().parent, warn)
