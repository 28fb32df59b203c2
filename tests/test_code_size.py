"""The size guard of the house style: no app module over 600 lines, no function over 120.

A module past ~600 lines is split by feature (STYLE.md, Layout 1); a function past 120 lines is
several steps that want names. Migrations and tests are not app code and are not measured.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("mentoring_portal", "participants", "roadmap", "pairs", "monitoring")
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 120

# Shrinks to nothing as issue 11 splits them; a new entry here is a step backwards.
KNOWN_OVERSIZE = {
    "pairs/services/pairs.py:pair_check",
}


def _app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts:
                continue
            yield path


def _oversize():
    found = []
    for path in _app_modules():
        name = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES:
            found.append((name, lines))
        for node in ast.walk(ast.parse(source, filename=name)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append((f"{name}:{node.name}", length))
    return found


def test_the_guard_sees_the_app_code():
    names = {path.relative_to(ROOT).as_posix() for path in _app_modules()}
    assert "roadmap/models.py" in names
    assert "roadmap/deadlines/phrases.py" in names
    assert not any("/migrations/" in name or "/tests/" in name for name in names)


def test_no_module_or_function_passes_the_limits():
    too_big = [
        f"{name}: {lines} строк" for name, lines in _oversize() if name not in KNOWN_OVERSIZE
    ]
    assert not too_big, "Разделите по смыслу:\n" + "\n".join(too_big)


@pytest.mark.parametrize("name", sorted(KNOWN_OVERSIZE))
def test_a_known_oversize_entry_is_still_oversize(name):
    # Once a module or function is split, its entry leaves KNOWN_OVERSIZE for good.
    assert name in dict(_oversize()), f"{name} уже в пределах: уберите его из KNOWN_OVERSIZE"
