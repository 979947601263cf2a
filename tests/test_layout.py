"""The package's shape: the stages import one way, nothing imports in a circle, modules stay small.

The imports are read with `ast` from the source files (every `import` and `from ... import`,
also those inside functions, where a circle would hide), resolved to modules of `reportgen`.
Imports under `if TYPE_CHECKING:` name types for annotations only: they count for the order of
the stages, not as circles (a builder and the helpers it passes itself to may name each other).
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"

#: The stages, in the order the pipeline runs them.
STAGES = ("readers", "extract", "check", "contexts", "render", "writers")
#: What every stage may use: the data model, the errors, the configuration, the Vietnamese language
#: and administration, the template folders with their sandbox rule, and LibreOffice (the readers
#: convert .doc/.odt/.rtf with it, the writers a filled Word template to PDF).
FOUNDATION = ("model", "errors", "i18n", "config", "vietnamese", "templating", "office")
#: The modules allowed at the root of the package.
ROOT_MODULES = {"__init__", "__main__", "model", "pipeline", "config", "errors", "i18n"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module of `reportgen` an imported name is: itself, or the module holding the name."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _type_only(tree: ast.AST) -> set[int]:
    """Ids of the import nodes inside `if TYPE_CHECKING:` blocks."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            ids.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return ids


def _imports(module: str, path: Path, modules: dict[str, Path], typing: bool = True) -> set[str]:
    """The modules of `reportgen` that `module` imports (with `typing`, also for annotations)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    skip = set() if typing else _type_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import sub` imports the submodule pkg.sub when there is one.
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
        else:
            continue
        for name in names:
            if name.startswith("reportgen"):
                target = _resolve(name, modules)
                if target and target != module:
                    found.add(target)
    return found


def _graph(typing: bool = True) -> dict[str, set[str]]:
    modules = _modules()
    return {m: _imports(m, p, modules, typing) for m, p in modules.items()}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of the graph, as the list of its modules, or None."""
    state: dict[str, int] = defaultdict(int)  # 0 new, 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state[nxt] == 1:
                return path[path.index(nxt):] + [nxt]
            if state[nxt] == 0:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if state[start] == 0:
            found = visit(start)
            if found:
                return found
    return None


def test_no_import_circle() -> None:
    circle = _cycle(_graph(typing=False))
    assert circle is None, " -> ".join(circle or [])


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_the_foundation_and_itself(stage: str) -> None:
    bad = sorted(f"{m} imports {t}" for m, targets in _graph().items() if _top(m) == stage
                 for t in targets if _top(t) not in FOUNDATION + (stage,))
    assert not bad, bad


def test_the_foundation_imports_no_stage_nor_anything_above_it() -> None:
    bad = sorted(f"{m} imports {t}" for m, targets in _graph().items() if _top(m) in FOUNDATION
                 for t in targets if _top(t) not in FOUNDATION)
    assert not bad, bad


def test_the_checker_sees_a_stage_importing_a_later_one(tmp_path: Path) -> None:
    # The walk itself: a relative import of a later stage and a circle are both found.
    modules = {"reportgen.extract.rules": tmp_path / "rules.py", "reportgen.render": tmp_path / "render.py",
               "reportgen.extract": tmp_path / "__init__.py"}
    modules["reportgen.extract.rules"].write_text(
        "from typing import TYPE_CHECKING\nfrom ..render import Rendered\n"
        "if TYPE_CHECKING:\n    from reportgen.extract import X\n", encoding="utf-8")
    found = _imports("reportgen.extract.rules", modules["reportgen.extract.rules"], modules)
    assert found == {"reportgen.render", "reportgen.extract"}
    assert _imports("reportgen.extract.rules", modules["reportgen.extract.rules"], modules,
                    typing=False) == {"reportgen.render"}
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_root_holds_only_the_pipeline_and_the_shared_modules() -> None:
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    assert loose <= ROOT_MODULES, sorted(loose - ROOT_MODULES)


def test_every_package_says_what_it_turns_into_what() -> None:
    missing = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("__init__.py")
               if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None]
    assert not missing, missing


def test_no_module_over_400_lines() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long


def test_builtin_context_names_match_the_contexts() -> None:
    from reportgen.contexts import CONTEXT_KINDS
    from reportgen.model import BUILTIN_CONTEXTS

    assert tuple(CONTEXT_KINDS) == BUILTIN_CONTEXTS


def test_setup_cfg_installs_every_package_and_its_data() -> None:
    # An editable install finds everything by itself; a wheel holds only what setup.cfg names.
    import configparser
    import fnmatch
    import subprocess

    cfg = configparser.ConfigParser()
    cfg.read(PACKAGE.parent / "setup.cfg", encoding="utf-8")
    listed = set(cfg["options"]["packages"].split())
    on_disk = {".".join(p.parent.relative_to(PACKAGE.parent).parts) for p in PACKAGE.rglob("__init__.py")}
    assert on_disk <= listed, sorted(on_disk - listed)
    data = {k: [g.strip() for g in v.split(",")] for k, v in cfg["options.package_data"].items()}
    tracked = subprocess.run(["git", "ls-files", "reportgen"], cwd=PACKAGE.parent, capture_output=True,
                             text=True, check=False).stdout.split()
    if not tracked:  # not a git checkout: every file on disk that is not Python
        tracked = [str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("*") if p.is_file()]
    missing = []
    for name in tracked:
        path = Path(name)
        if path.suffix in {".py", ".pyc"} or "__pycache__" in path.parts:
            continue
        owner = max((pkg for pkg in data if Path(*pkg.split(".")) in path.parents),
                    key=len, default=None)
        rel = str(path.relative_to(Path(*owner.split(".")))) if owner else name
        if owner is None or not any(fnmatch.fnmatch(rel, g) for g in data[owner]):
            missing.append(name)
    assert not missing, missing
