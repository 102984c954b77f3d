"""The import structure of rightsdesk: the contracts in .importlinter hold, and no module imports itself in a circle.

The contracts (layers within apps, what the low apps must not know, no cycles
inside an app) are checked with import-linter, as `.venv/bin/lint-imports`
would; a second test proves they can fail, on a copy of the source with a
forbidden import added. The cycle test builds the module graph with grimp
(import-linter's engine) and names every cycle it finds, with the lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
CONFIG = ROOT / ".importlinter"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

#: Cycles tolerated for now, as the set of modules in each.
ALLOWED_CYCLES: list[frozenset[str]] = []  # none: keep it so


def lint_imports(cwd: Path, src: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(cwd / ".importlinter"), "--no-cache", "--no-logo"],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_are_kept():
    result = lint_imports(ROOT, SRC)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_public_side_has_its_section():
    """The privacy work's contract (public modules import no private model) lives in its own section."""
    text = CONFIG.read_text(encoding="utf-8")
    assert "[importlinter:contract:public-side]" in text or "# --- public side (privacy issue)" in text


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory) -> Path:
    """A copy of src/rightsdesk (Python files only) and of .importlinter, to break on purpose."""
    root = tmp_path_factory.mktemp("broken")
    shutil.copytree(SRC / "rightsdesk", root / "src" / "rightsdesk",
                    ignore=shutil.ignore_patterns("__pycache__", "static", "locale", "templates", "*.pyc"))
    shutil.copy(CONFIG, root / ".importlinter")
    return root


def test_a_forbidden_import_breaks_its_contract(source_copy):
    """cases may not import review: a module of cases that does breaks "cases knows no app built on it"."""
    (source_copy / "src" / "rightsdesk" / "cases" / "leak.py").write_text(
        "from rightsdesk.review import services  # forbidden: cases is below review\n")
    try:
        result = lint_imports(source_copy, source_copy / "src")
    finally:
        (source_copy / "src" / "rightsdesk" / "cases" / "leak.py").unlink()
    assert result.returncode != 0, result.stdout
    assert "cases knows no app built on it" in result.stdout and "BROKEN" in result.stdout
    assert "rightsdesk.cases.leak -> rightsdesk.review.services" in result.stdout


def test_a_cycle_breaks_the_acyclic_contract(source_copy):
    """intake.tracking exists so intake.services and intake.tasks need not import each other; undo that."""
    tracking = source_copy / "src" / "rightsdesk" / "intake" / "tracking.py"
    original = tracking.read_text(encoding="utf-8")
    tracking.write_text(original + "\n\ndef _loop():\n    from . import services  # noqa: F401\n")
    try:
        result = lint_imports(source_copy, source_copy / "src")
    finally:
        tracking.write_text(original)
    assert result.returncode != 0, result.stdout
    assert "No cycles are allowed in rightsdesk.intake" in result.stdout


def module_cycles(graph) -> list[list[str]]:
    """The strongly connected components of more than one module (each holds at least one cycle)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    for start in sorted(graph.modules):
        if start in index:
            continue
        # Iterative Tarjan: (node, iterator over its imports).
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def describe(graph, component: list[str]) -> str:
    members = set(component)
    lines = []
    for importer in component:
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
            details = graph.get_import_details(importer=importer, imported=imported)
            where = ", ".join(str(d["line_number"]) for d in details)
            lines.append(f"    {importer} -> {imported} (line {where})")
    return "\n".join(lines)


def test_no_import_cycles_between_modules():
    sys.path.insert(0, str(SRC))
    try:
        graph = grimp.build_graph("rightsdesk", cache_dir=None)
    finally:
        sys.path.remove(str(SRC))
    cycles = [c for c in module_cycles(graph) if frozenset(c) not in ALLOWED_CYCLES]
    assert not cycles, "Import cycles among rightsdesk modules (imports inside functions count too):\n" + "\n".join(
        f"  {' <-> '.join(c)}\n{describe(graph, c)}" for c in cycles)


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for name in ("p", "p.a", "p.b", "p.c"):
        graph.add_module(name)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.c")
    graph.add_import(importer="p.c", imported="p.a")
    assert module_cycles(graph) == [["p.a", "p.b", "p.c"]]


#: Where a Django signal may be connected (docs/architecture.md, "The signals that remain, and why"): each keeps an
#: invariant of every stored row or a cache, not a step of a flow. A follow-up of a step is an explicit call.
SIGNALS_CONNECTED_IN = {
    "accounts/apps.py": 1,  # post_migrate: the role groups
    "core/apps.py": 1,  # post_migrate: the cache table
    "core/shared_pages.py": 1,  # setting_changed: shared pages
    "notices/notifier.py": 1,  # setting_changed: the notifier class
}


def test_signals_are_connected_only_where_the_architecture_notes_list_them():
    import re

    source = ROOT / "src" / "rightsdesk"
    found = {}
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        # A receiver connected (``signal.connect(receiver, ...)``) or decorated; not a database's connect().
        count = len(re.findall(r"^\s*(?:(?!sqlite3|psycopg)[\w.]+\.connect\(\s*[\w.]+\s*[,)]|@receiver\()", text, re.M))
        if count:
            found[path.relative_to(source).as_posix()] = count
    assert found == SIGNALS_CONNECTED_IN, (
        "A signal connected where docs/architecture.md does not list it: call the follow-up by name instead "
        "(see 'The decision flow'), or list the signal there with its reason and here")


#: Django's signals about a model's rows. A receiver of one of them for a model of the project would be a hidden
#: follow-up: what happens when a case arrives or is edited is called by name (docs/architecture.md, "A case
#: arriving or edited"), and the report's roll-up is marked by name where a change leaves no history.
MODEL_SIGNALS = ("pre_init", "post_init", "pre_save", "post_save", "pre_delete", "post_delete", "m2m_changed")


def model_listeners() -> list[str]:
    """"signal: app.Model" for every receiver (for that model, or for every sender) of a model of the project."""
    from django.apps import apps
    from django.db.models import signals

    return [f"{name}: {model._meta.label}" for model in apps.get_models(include_auto_created=True)
            if model.__module__.startswith("rightsdesk.")
            for name in MODEL_SIGNALS if getattr(signals, name).has_listeners(model)]


def test_no_receiver_listens_to_the_projects_models():
    listened = model_listeners()
    assert not listened, ("A receiver listens to a model of the project: call the follow-up by name from the "
                          "service that makes the change instead (docs/architecture.md):\n  " + "\n  ".join(listened))


def test_the_listener_check_finds_a_receiver():
    from django.db.models.signals import post_delete, post_save

    from rightsdesk.cases.models import Case

    def receiver(sender, **kwargs):
        pass

    post_save.connect(receiver, sender=Case)
    post_delete.connect(receiver)  # every sender
    try:
        found = model_listeners()
    finally:
        post_save.disconnect(receiver, sender=Case)
        post_delete.disconnect(receiver)
    assert "post_save: cases.Case" in found and "post_delete: cases.TargetItem" in found
    assert "post_save: cases.TargetItem" not in found


def test_no_module_of_the_project_defines_a_signal():
    """A signal of the project's own (``cases.bulk.cases_created`` was one) is a follow-up hidden from its sender."""
    import re

    source = ROOT / "src" / "rightsdesk"
    defined = [path.relative_to(source).as_posix() for path in source.rglob("*.py")
               if re.search(r"\bSignal\(", path.read_text(encoding="utf-8"))]
    assert not defined, f"A Signal defined in {defined}: call the follow-up by name instead (core/registry.py)"


#: What a migration may name of the app's code: what Django writes into a migration by reference when a model uses
#: it, the custom field classes and the ``upload_to`` functions of file fields (they are kept for as long as any
#: migration names them). Anything else a migration runs is copied into it, frozen as it was when written: the app's
#: code changes later, the old migration must still do what it did.
MIGRATIONS_MAY_NAME = {
    "rightsdesk.privacy.fields": {"EncryptedTextField", "EncryptedEmailField", "EncryptedJSONField",
                                  "EncryptedURLField"},
    "rightsdesk.intake.models": {"attachment_path"},
    "rightsdesk.legalsupport.models": {"attachment_path"},
    "rightsdesk.mail.models": {"raw_path", "attachment_path"},
}

#: Migrations written before this rule that still import app code: (migration, module). None may be added; remove a
#: line when its migration is frozen (transparency 0014 was, on 7 December 2026).
MIGRATIONS_NOT_FROZEN_YET = {
    ("audit/migrations/0003_reseal_chains_with_keyed_hash.py", "rightsdesk.audit.chain"),
    ("cases/migrations/0003_party_account_index_party_email_index_and_more.py", "rightsdesk.privacy.crypto"),
    ("cases/migrations/0005_personal_fields_encrypted.py", "rightsdesk.cases.services"),
    ("cases/migrations/0015_titles_name_only_own_sites.py", "rightsdesk.core.sites"),
    ("intake/migrations/0002_alter_declaration_signature_and_more.py", "rightsdesk.privacy.migration_ops"),
    ("intake/migrations/0003_personal_texts_encrypted.py", "rightsdesk.privacy.migration_ops"),
    ("laws/migrations/0002_seed.py", "rightsdesk.laws.seeding"),
    ("legalsupport/migrations/0002_requester_email_index.py", "rightsdesk.privacy.crypto"),
    ("review/migrations/0002_alter_emergencyrecord_disclosure_note_and_more.py", "rightsdesk.privacy.migration_ops"),
    ("review/migrations/0003_personal_texts_encrypted.py", "rightsdesk.privacy.migration_ops"),
}


def app_code_named(source: str) -> set[str]:
    """The modules of the project ``source`` (a migration) imports or names, other than migrations and
    :data:`MIGRATIONS_MAY_NAME`: ``import``, ``from … import`` (in functions too), ``importlib.import_module("…")``
    and dotted names (``rightsdesk.privacy.fields.EncryptedTextField``)."""
    import ast
    import re

    tree = ast.parse(source)
    named: set[tuple[str, str | None]] = set()  # (module, name in it or None for the module itself)

    def dotted(node) -> str | None:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            head = dotted(node.value)
            return f"{head}.{node.attr}" if head else None
        return None

    imported_modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported_modules |= {alias.name for alias in node.names if alias.name.startswith("rightsdesk.")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rightsdesk."):
            named |= {(node.module, alias.name) for alias in node.names}
        elif isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)) \
                and (dotted(node.func) or "").endswith("import_module") and node.args \
                and isinstance(node.args[0], ast.Constant) and str(node.args[0].value).startswith("rightsdesk."):
            named.add((node.args[0].value, None))
        elif isinstance(node, ast.Attribute) and (dotted(node) or "").startswith("rightsdesk."):
            path = dotted(node)
            module = max((m for m in imported_modules | set(MIGRATIONS_MAY_NAME) if path.startswith(m + ".")),
                         key=len, default=None)
            if module is not None and path.count(".") == module.count(".") + 1:
                named.add((module, path.rsplit(".", 1)[1]))
    for module in imported_modules:
        if not any(m == module for m, _ in named):
            named.add((module, None))
    migration = re.compile(r"^rightsdesk\.\w+\.migrations(\.|$)")
    return {module for module, name in named
            if not migration.match(module) and name not in MIGRATIONS_MAY_NAME.get(module, set())}


def test_migrations_are_frozen_they_name_no_app_code_but_their_models_fields():
    source = ROOT / "src" / "rightsdesk"
    found = {(path.relative_to(source).as_posix(), module)
             for path in sorted(source.glob("*/migrations/*.py"))
             for module in app_code_named(path.read_text(encoding="utf-8"))}
    new = sorted(found - MIGRATIONS_NOT_FROZEN_YET)
    assert not new, ("A migration imports the app's code, which will change under it: copy what it needs into the "
                     "migration (a frozen copy is right there), or, for a model's field, list it in "
                     f"MIGRATIONS_MAY_NAME: {new}")
    assert found == MIGRATIONS_NOT_FROZEN_YET, f"frozen since: remove from MIGRATIONS_NOT_FROZEN_YET: " \
                                               f"{sorted(MIGRATIONS_NOT_FROZEN_YET - found)}"


@pytest.mark.parametrize("source, named", [
    ("import rightsdesk.privacy.fields\nx = rightsdesk.privacy.fields.EncryptedTextField()", set()),
    ("import rightsdesk.privacy.fields\nx = rightsdesk.privacy.fields.blind_index", {"rightsdesk.privacy.fields"}),
    ("def f(apps, editor):\n    from rightsdesk.core.sites import own_host", {"rightsdesk.core.sites"}),
    ("import importlib\nimportlib.import_module('rightsdesk.cases.services')", {"rightsdesk.cases.services"}),
    ("import importlib\nimportlib.import_module('rightsdesk.cases.migrations.0015_titles')", set()),
    ("from rightsdesk.cases.migrations import helpers", set()),
    ("import rightsdesk.intake.models\nx = rightsdesk.intake.models.attachment_path", set()),
    ("import rightsdesk.intake.models", {"rightsdesk.intake.models"}),
])
def test_the_migration_check_finds_app_code(source, named):
    assert app_code_named(source) == named
