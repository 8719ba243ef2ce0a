"""No import goes the wrong way (docs/layers.md, hatnhan.core.layers).

Every module under hatnhan/ is read as source (the AST: imports at the top, imports inside
functions, relative imports and importlib.import_module("…") with a literal name alike).
An app's code may import only its own layer's earlier apps and the layers below. Its tests may
also use the other apps of their own layer (a foundation test may build members to exercise
the audit trail) and the project as a whole (hatnhan.urls, hatnhan.cli), never an app above;
a test of the whole system across layers (backup and restore of every table) lives in
hatnhan/tests, the project's own.
Model relations are held to the same order (the user model excepted: settings.AUTH_USER_MODEL
is the project's choice, which any app may point at, as Django's own apps do).
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

from hatnhan.core.layers import LAYERS, SEAMS, may_import, rank

PACKAGE = Path(__file__).resolve().parents[2]  # …/hatnhan
APPS = {label for _, labels in LAYERS for label in labels}

# TEMPORARY — an upward import kept for a while, with the reason and the branch that removes
# it, as ("hatnhan.app.module", "higher_app"). Empty now: organizations reads members, and
# directives reads tasks, through the registries the higher app fills (organizations.sections,
# directives.sections). A line that no longer matches an import fails the test, so an entry
# cannot outlive its reason.
TEMPORARY: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, wherever it is written."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from hatnhan import tasks` imports the app, not the package's namespace.
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def app_of(module: str) -> str | None:
    """The app label a hatnhan module belongs to; None for the project's own modules
    (settings, urls, cli, conftest, the whole-system tests in hatnhan/tests, …) and for
    anything outside hatnhan. A folder with an apps.py is an app, listed in LAYERS or not."""
    parts = module.split(".")
    if parts[0] != "hatnhan" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in APPS or (PACKAGE / parts[1] / "apps.py").exists() else None


def is_test(module: str) -> bool:
    parts = module.split(".")
    return "tests" in parts or parts[-1] == "conftest" or parts[-1].startswith("test_")


def violations() -> tuple[list[str], set[tuple[str, str]]]:
    wrong, used_temporary = [], set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        importer = app_of(module)
        if importer is None:
            continue  # the project's own modules may import every app
        for line, target in imported_modules(path, module):
            if not target.startswith("hatnhan."):
                continue
            imported = app_of(target)
            where = (
                f"{path.relative_to(PACKAGE.parent)}:{line} imports hatnhan.{imported or target}"
            )
            if imported is None:
                if not is_test(module):  # tests may drive the project as a whole
                    wrong.append(f"{where} (the project's own module)")
                continue
            if imported == importer:
                continue
            if importer not in APPS or imported not in APPS:
                missing = importer if importer not in APPS else imported
                wrong.append(f"{where} (app “{missing}” is not in hatnhan.core.layers.LAYERS)")
                continue
            if (module, imported) in SEAMS or may_import(importer, imported):
                continue
            if is_test(module) and rank(imported)[0] <= rank(importer)[0]:
                continue
            if (module, imported) in TEMPORARY:
                used_temporary.add((module, imported))
                continue
            wrong.append(where)
    return sorted(set(wrong)), used_temporary


def test_no_import_goes_upward():
    wrong, _ = violations()
    assert not wrong, "Imports against the layers (docs/layers.md):\n" + "\n".join(wrong)


def test_temporary_allowances_are_still_needed():
    _, used = violations()
    assert used >= TEMPORARY, f"no longer imported, delete from TEMPORARY: {TEMPORARY - used}"


def test_every_hatnhan_app_has_a_place_in_the_layers():
    installed = {c.label for c in apps.get_app_configs() if c.name.startswith("hatnhan.")}
    assert installed <= APPS, f"add to hatnhan.core.layers.LAYERS: {installed - APPS}"


def test_model_relations_point_down_the_layers():
    wrong = []
    for model in apps.get_models():
        here = model._meta.app_label
        if here not in APPS:
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            there = field.related_model._meta.app_label
            if field.related_model._meta.label == settings.AUTH_USER_MODEL:
                continue
            if there in APPS and not may_import(here, there):
                wrong.append(
                    f"{model._meta.label}.{field.name} → {field.related_model._meta.label}"
                )
    assert not wrong, "Relations against the layers:\n" + "\n".join(wrong)


def test_the_checker_sees_lazy_and_relative_imports(tmp_path):
    """The test itself can fail: an import inside a function and a relative one are found."""
    source = tmp_path / "views.py"
    source.write_text(
        "def f():\n    from hatnhan.tasks.models import Task\n"
        "from ..tasks import selectors\n"
        "import importlib\nimportlib.import_module('hatnhan.api.base')\n"
    )
    found = sorted(name for _, name in imported_modules(source, "hatnhan.members.views"))
    assert found == [
        "hatnhan.api.base",
        "hatnhan.tasks.models.Task",
        "hatnhan.tasks.selectors",
        "importlib",
    ]
    assert not may_import("members", "tasks") and not may_import("core", "organizations")
    assert may_import("tasks", "members") and may_import("members", "organizations")
