"""The size guard of the house style: no app module over 600 lines, no function over 120.

A module past ~600 lines is split by feature (STYLE.md, Layout 1); a function past 120 lines is
several steps that want names. Migrations and tests are not app code and are not measured.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("mentoring_portal", "participants", "roadmap", "pairs", "monitoring")
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 120


def _app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts:
                continue
            yield path


def _measure(name: str, source: str) -> list[tuple[str, int]]:
    found = []
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


def test_the_guard_catches_a_long_module_and_a_long_function():
    long_function = "def f():\n" + "    x = 1\n" * 120
    assert _measure("m.py", long_function) == [("m.py:f", 121)]
    assert _measure("m.py", "x = 1\n" * 601) == [("m.py", 601)]
    assert _measure("m.py", "x = 1\n" * 600) == []


def test_no_module_or_function_passes_the_limits():
    too_big = [
        f"{name} — строк: {lines}"
        for path in _app_modules()
        for name, lines in _measure(
            path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
        )
    ]
    assert not too_big, "Разделите по смыслу:\n" + "\n".join(too_big)
