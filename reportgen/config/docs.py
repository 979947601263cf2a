"""The schema as text: `docs/configuration.md` (a table per section) and the commented file that
`reportgen config init` writes. Both are generated, so they cannot drift from what is checked.

The documentation is for developers and always English; the file's comments are in the language of
the messages (Vietnamese by default, English with `--lang en`)."""
from __future__ import annotations

from reportgen.config.schema import KEYS, TABLES, Key, default_of, toml_value
from reportgen.i18n import _, using

__all__ = ["markdown", "init_file"]

_SHOWN_TYPE = {"optional text": "text", "list of text": "list of texts", "list of fonts": "list of font names",
               "font": "font name", "paper": "paper name"}


def _range(k: Key) -> str:
    parts = [", ".join(k.choices)] if k.choices else []
    if k.low is not None and k.high is not None:
        parts.append(f"{k.low:g}–{k.high:g}")
    if k.usual is not None:
        low, high = k.usual
        parts.append(f"HD 36: {low:g}" + ("" if low == high else f"–{high:g}"))
    return "; ".join(parts)


#: What a key left unset means, where its default is no value.
_UNSET = {"issuing_body": "from the unit", "superior_body": "from the unit", "number": "blank digits",
          "place": "the unit's name", "date": "from the sources", "signer_name": "blank (signed by hand)",
          "author": "the issuing body", "template_dirs": "none",
          "signing_body": "by level and date", "pdf_variant": "plain PDF"}


def _default(k: Key) -> str:
    value = default_of(k)
    if value is None or value == ():
        return _UNSET.get(k.name, "none")
    return f"`{toml_value(value)}`"


def markdown() -> str:
    """`docs/configuration.md`: every key of `reportgen.toml`, by section (in English)."""
    with using("en"):
        return _markdown()


def _markdown() -> str:
    lines = [
        "# Configuration: `reportgen.toml`",
        "",
        "<!-- Generated from reportgen/config/schema.py by `reportgen config docs -o docs/configuration.md`;"
        " do not edit. -->",
        "",
        "`reportgen build`, `check`, `review` and `templates` read `reportgen.toml` from the working folder,",
        "or the file given with `--config FILE`. `reportgen config init` writes one with every key and its",
        "meaning; `reportgen config check [FILE]` checks one. Every key is optional.",
        "",
        "A key the schema does not know, or a value of the wrong type or outside its range, stops the",
        "command with one line naming the file and the key (exit status 2), e.g.",
        "`reportgen.toml: [layout]: unknown key 'margn_left_mm'; did you mean 'margin_left_mm'?`.",
        "A layout value outside the range of Hướng dẫn 36-HD/VPTW (the format of Party documents) is",
        "accepted with a warning.",
    ]
    for table, meaning in TABLES.items():
        lines += ["", f"## {'[' + table + ']' if table else 'Top level'}", "", _(meaning), "",
                  "| key | type | default | range | meaning | example |", "|---|---|---|---|---|---|"]
        for k in (k for k in KEYS if k.table == table):
            kind = _SHOWN_TYPE.get(k.type, k.type) + (f" ({k.unit})" if k.unit else "")
            lines.append(f"| `{k.name}` | {kind} | {_default(k)} | {_range(k)} | {k.described()} | "
                         f"`{k.name} = {toml_value(k.example)}` |")
    return "\n".join(lines) + "\n"


def init_file() -> str:
    """A commented `reportgen.toml`: the keys with defaults set to them, the derived ones commented;
    the comments in the current language."""
    lines = ["# " + _("reportgen.toml: the settings of the documents (docs/configuration.md lists every "
                      "key)."),
             "# " + _("A line starting with # is a comment; remove the # to set that key.")]
    for table, meaning in TABLES.items():
        lines += ["", f"[{table}]"] if table else [""]
        lines.append(f"# {_(meaning)}")
        for k in (k for k in KEYS if k.table == table):
            value = default_of(k)
            limits = _range(k)
            unit = f" {k.unit_shown()}" if k.unit else ""
            lines.append(f"# {k.described()}" + (f" ({limits}{unit})" if limits else ""))
            # Unset keys are derived from the unit; the page size follows `paper` unless set.
            derived = value is None or value == () or k.name in ("page_width_mm", "page_height_mm")
            shown = k.example if value is None or value == () else value
            lines.append(("# " if derived else "") + f"{k.name} = {toml_value(shown)}")
    return "\n".join(lines) + "\n"
