"""The language of the messages a user reads: Vietnamese by default, English when asked.

Messages are written in English in the code (the msgids) and translated through the gettext catalog
reportgen/locale/vi/LC_MESSAGES/reportgen.po (extracted and updated with Babel, see docs/translations.md).
The catalog is read from its .po at first use, so a clean clone, an editable and a normal install all
work without a compile step. The language is the one set with `set_language` (the CLI's `--lang`),
else the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set: English when it names English,
Vietnamese otherwise (also for C/POSIX).
"""
from __future__ import annotations

import gettext
import io
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

__all__ = ["_", "ngettext", "N_", "LANGUAGES", "DEFAULT_LANGUAGE", "language", "set_language", "using",
           "language_of_environment", "catalog_path", "translations", "number"]

#: The languages messages exist in; the first is the default.
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
DOMAIN = "reportgen"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_ENV_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: str | None = None


def language_of_environment(environ: dict[str, str] | None = None) -> str:
    """The language the locale variables ask for: "en" for English, else Vietnamese."""
    env = os.environ if environ is None else environ
    for var in _ENV_VARS:
        value = env.get(var, "")
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE is a list of preferences
            code = part.split("_")[0].split(".")[0].split("@")[0].lower()
            if code in LANGUAGES:
                return code
        return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def language() -> str:
    """The language messages are shown in now."""
    return _chosen or language_of_environment()


def set_language(lang: str | None) -> None:
    """Show messages in `lang` ("vi", "en"); None: as the environment asks."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose from {', '.join(LANGUAGES)}")
    _chosen = lang


@contextmanager
def using(lang: str | None) -> Iterator[None]:
    """Messages in `lang` within the block, then as before (one CLI invocation in a test process)."""
    before = _chosen
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def catalog_path(lang: str) -> Path:
    """The .po file of a language's messages."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The translations of a language: its .po compiled in memory; the msgids themselves for English."""
    path = catalog_path(lang)
    if lang == "en" or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # imported here: only a Vietnamese run needs Babel's parser
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _(message: str) -> str:
    """`message` in the current language."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of `singular`/`plural` for `n` in the current language (Vietnamese has one form)."""
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for extraction only; it is translated where it is shown (texts made at import)."""
    return message


def number(value: float) -> str:
    """A number as the current language writes it: 1.234 and 0,8 in Vietnamese, 1,234 and 0.8 in English."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,g}"
    if language() == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
