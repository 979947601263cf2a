"""The configuration: `reportgen.toml` -> the settings of every document (who issues it, its
number, place, date, signer, recipients and layout) and the limits of a build.

`settings` holds the frozen settings, `schema` every key of the file with its type, default and
ranges, `load` reads a file against the schema, `docs` turns the schema into
`docs/configuration.md` and the commented file of `reportgen config init`.
"""
from __future__ import annotations

from reportgen.config.load import MAX_CONFIG_BYTES, load_config, parse_config
from reportgen.config.settings import (
    CENTRAL_CITIES,
    CONFIG_FILE,
    Config,
    ConfigError,
    Layout,
    Limits,
    committee_abbreviation,
    for_unit,
    province_body,
)

__all__ = ["Config", "Layout", "Limits", "ConfigError", "load_config", "parse_config", "for_unit",
           "province_body", "committee_abbreviation", "CONFIG_FILE", "CENTRAL_CITIES", "MAX_CONFIG_BYTES"]
