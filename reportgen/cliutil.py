"""What the click command modules share: loading the configuration from command-line options."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from .config import Config, ConfigError, load_config

__all__ = ["config_from_options"]


def config_from_options(config_path: Path | None, template_dirs: tuple[Path, ...] = ()) -> Config:
    """The configuration, with template folders from the command line searched first (usage error if bad)."""
    try:
        config = load_config(config_path)
    except (ConfigError, OSError) as err:
        raise click.UsageError(str(err)) from err
    if template_dirs:
        config = replace(config, template_dirs=tuple(template_dirs) + tuple(config.template_dirs))
    return config
