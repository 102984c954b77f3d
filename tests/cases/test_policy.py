"""Each rule about a case lives once, in ``rightsdesk.cases.policy``.

The scan reads every module of ``src/rightsdesk`` with ``ast`` (nothing is
imported) and fails when a module outside policy.py

- assigns, at module level, one of the policy's names (a re-export,
  ``from rightsdesk.cases.policy import X`` or ``X = policy.X``, is fine);
- defines a function of the same name as a policy function (``is_emergency``);
- spells out, anywhere, a collection equal to one of the policy's collections
  (``{c.State.DECIDED, c.State.NOTIFIED, c.State.CLOSED}`` is DECIDED_STATES
  whatever it is called), or the emergency rule as a query. A collection that
  is equal by coincidence and is another rule says so on its line with
  ``# not a policy rule: <which rule it is>``.
"""

from __future__ import annotations

import ast
from pathlib import Path
from types import MappingProxyType

import pytest
from django.db.models import Q

from rightsdesk.cases import choices, policy

SRC = Path(__file__).resolve().parents[2] / "src" / "rightsdesk"
POLICY_FILE = SRC / "cases" / "policy.py"

#: Duplicates tolerated, as (relative path, rule name).
ALLOWED_DUPLICATES: set[tuple[str, str]] = set()  # none left: keep it so

#: The names the policy module owns.
RULE_NAMES = sorted(name for name in policy.__all__)
FUNCTIONS = {name for name in RULE_NAMES if callable(getattr(policy, name)) and not isinstance(getattr(policy, name), Q)}


def _normalise(value):
    """A comparable form of a policy value: frozensets of strings, or tuples of (key, str(value)) pairs."""
    if isinstance(value, (dict, MappingProxyType)):
        return ("map", frozenset((str(k), str(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset, tuple, list)):
        return ("set", frozenset(str(v) for v in value))
    if isinstance(value, str):
        return ("str", value)
    return None


#: Policy collections worth looking for elsewhere (at least two members: a single state is no rule).
RULE_VALUES: dict[tuple, list[str]] = {}
for _name in RULE_NAMES:
    _value = _normalise(getattr(policy, _name))
    if _value is None or (_value[0] != "str" and len(_value[1]) < 2):
        continue
    RULE_VALUES.setdefault(_value, []).append(_name)


#: A comment that marks a collection equal to a policy rule by coincidence, saying which other rule it is.
PRAGMA = "# not a policy rule:"


class _Unknown(Exception):
    pass


def _attr_chain(node) -> list[str]:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        raise _Unknown
    parts.append(node.id)
    return parts[::-1]


def _evaluate(node):
    """The value of an expression built from literals and names in cases.choices, or _Unknown."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return frozenset(str(_evaluate(e)) for e in node.elts)
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            raise _Unknown
        return MappingProxyType({str(_evaluate(k)): str(_evaluate(v)) for k, v in zip(node.keys, node.values)})
    if isinstance(node, ast.Attribute):
        chain = _attr_chain(node)
        if chain[0] in ("c", "choices", "K", "S"):
            chain = chain[1:]
        aliases = {"K": "Kind", "S": "State"}
        obj = choices
        for i, part in enumerate(chain):
            part = aliases.get(part, part) if i == 0 else part
            if not hasattr(obj, part):
                raise _Unknown
            obj = getattr(obj, part)
        if isinstance(obj, str):
            return str(obj)
        if isinstance(obj, (set, frozenset, list, tuple)):
            return frozenset(str(v) for v in obj)
        raise _Unknown
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id in ("frozenset", "set", "tuple", "list") and len(node.args) == 1 and not node.keywords:
            inner = _evaluate(node.args[0])
            if isinstance(inner, str):
                raise _Unknown
            return frozenset(inner)
        if node.func.id in ("_", "gettext", "gettext_lazy") and len(node.args) == 1:
            return _evaluate(node.args[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitOr, ast.Sub, ast.BitAnd)):
        left, right = _evaluate(node.left), _evaluate(node.right)
        if not isinstance(left, frozenset) or not isinstance(right, frozenset):
            raise _Unknown
        if isinstance(node.op, ast.BitOr):
            return left | right
        return left - right if isinstance(node.op, ast.Sub) else left & right
    raise _Unknown


def _as_rule_value(node):
    try:
        value = _evaluate(node)
    except (_Unknown, ValueError, TypeError):
        return None
    if isinstance(value, MappingProxyType):
        return ("map", frozenset(value.items()))
    if isinstance(value, frozenset):
        return ("set", value)
    return ("str", value)


def _is_reexport(node) -> bool:
    """``X = policy.X`` (or ``cases.policy.X``): a name kept for callers, not a second definition."""
    try:
        chain = _attr_chain(node)
    except _Unknown:
        return False
    return len(chain) >= 2 and chain[-2] == "policy"


def _is_emergency_query(node) -> bool:
    """A ``Q(...)`` that filters harm reports by category: the emergency rule written again as a query."""
    return (isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute))
            and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == "Q"
            and any(k.arg == "harm_category__in" for k in node.keywords))


def duplicates(root: Path = SRC) -> list[tuple[str, int, str, str]]:
    """(relative path, line, rule name, what) for every redefinition outside cases/policy.py."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == POLICY_FILE or "migrations" in path.parts:
            continue
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        tree = ast.parse(text, filename=str(path))
        for stmt in tree.body:
            targets = []
            if isinstance(stmt, ast.Assign):
                targets = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                targets = [stmt.target.id]
            for name in targets:
                if name in RULE_NAMES and not _is_reexport(stmt.value):
                    found.append((rel, stmt.lineno, name, f"assigns {name}"))
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in FUNCTIONS:
                found.append((rel, stmt.lineno, stmt.name, f"defines {stmt.name}()"))
        for node in ast.walk(tree):
            if _is_emergency_query(node):
                found.append((rel, node.lineno, "EMERGENCY_Q", "writes the emergency rule as a query"))
                continue
            if not isinstance(node, (ast.Set, ast.Tuple, ast.List, ast.Dict, ast.Call, ast.BinOp, ast.Constant)):
                continue
            value = _as_rule_value(node)
            if value is None or value[0] == "str" or value not in RULE_VALUES:
                continue
            if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) != len(value[1]):
                continue  # repeats a member (a weighted choice): a sample, not a rule
            if any(PRAGMA in line for line in lines[node.lineno - 1:node.end_lineno]):
                continue
            for name in RULE_VALUES[value]:
                found.append((rel, node.lineno, name, f"spells out the value of {name}"))
        # The private-data permission's name, spelt out as a string anywhere but roles (which grants it).
        if rel != "accounts/roles.py":
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and node.value == policy.ACCESS_PRIVATE_DATA:
                    found.append((rel, node.lineno, "ACCESS_PRIVATE_DATA", "spells out the permission's name"))
    # One finding per (file, line, rule): a frozenset({...}) is both a call and a set literal.
    return sorted(set(found))


def test_every_rule_is_defined_once_in_cases_policy():
    found = [d for d in duplicates() if (d[0], d[2]) not in ALLOWED_DUPLICATES]
    assert not found, "Rules defined outside rightsdesk/cases/policy.py (import them from there):\n" + "\n".join(
        f"  src/rightsdesk/{path}:{line}: {what}" for path, line, _name, what in found)


def test_the_scan_finds_a_redefinition(tmp_path):
    """The scan is not vacuous: a copied rule, under any name or inline, is found."""
    app = tmp_path / "someapp"
    app.mkdir()
    (app / "rules.py").write_text(
        "from rightsdesk.cases import choices as c\n"
        "from rightsdesk.cases.policy import OPEN_STATES\n"            # a re-export: fine
        "DONE = frozenset({c.State.DECIDED, c.State.NOTIFIED, c.State.CLOSED})\n"
        "PUBLISHABLE_KINDS = c.CONTENT_KINDS | {c.Kind.COPYRIGHT_COUNTER_NOTICE}\n"
        "def is_emergency(case):\n"
        "    return case.kind == c.Kind.EMERGENCY_DISCLOSURE\n"
        "def open_(case):\n"
        "    return case.state not in (c.State.DECIDED, c.State.NOTIFIED, c.State.CLOSED)\n"
        "NAMES = set(c.RequesterType.values) - {c.RequesterType.INDIVIDUAL, c.RequesterType.ANONYMOUS, "
        "c.RequesterType.UNKNOWN}\n"
        "PERM = 'cases.access_private_data'\n"
    )
    found = {(line, name) for _path, line, name, _what in duplicates(tmp_path)}
    assert (3, "DECIDED_STATES") in found
    assert (4, "PUBLISHABLE_KINDS") in found
    assert (5, "is_emergency") in found
    assert (8, "DECIDED_STATES") in found
    assert (9, "ORGANISATION_REQUESTERS") in found
    assert (10, "ACCESS_PRIVATE_DATA") in found
    assert not any(line == 2 for line, _name in found)


def test_policy_imports_only_the_vocabulary():
    """policy.py may import cases.choices and Django, nothing else of the project (so anything can import it)."""
    tree = ast.parse(POLICY_FILE.read_text(encoding="utf-8"))
    project = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and (node.module == "choices" or (node.module is None and
                                                                 [a.name for a in node.names] == ["choices"])):
                continue
            if node.level or (node.module or "").startswith("rightsdesk"):
                if node.module != "rightsdesk.cases.choices":
                    project.append(ast.unparse(node))
        elif isinstance(node, ast.Import):
            project += [a.name for a in node.names if a.name.startswith("rightsdesk")]
    assert not project, project


@pytest.mark.parametrize("state", list(choices.State))
def test_open_and_decided_states_split_the_states(state):
    assert (state in policy.OPEN_STATES) != (state in policy.DECIDED_STATES)


@pytest.mark.django_db
def test_the_emergency_rule_and_its_query_agree():
    from rightsdesk.cases.models import Case

    combos = [(kind, harm) for kind in choices.Kind.values for harm in [""] + list(choices.HarmCategory.values)]
    for kind, harm in combos:
        case = Case(kind=kind, harm_category=harm)
        expected = policy.is_emergency(case)
        # Evaluate the Q against the one-row "table" of this combination, without the database.
        matches = _q_matches(policy.EMERGENCY_Q, {"kind": kind, "harm_category": harm})
        assert matches == expected, (kind, harm)


def _q_matches(q: Q, row: dict) -> bool:
    results = []
    for child in q.children:
        if isinstance(child, Q):
            results.append(_q_matches(child, row))
            continue
        lookup, value = child
        field, _sep, op = lookup.partition("__")
        results.append(row[field] in value if op == "in" else row[field] == value)
    result = all(results) if q.connector == Q.AND else any(results)
    return not result if q.negated else result


def test_personal_fields_exist_on_the_models():
    from rightsdesk.cases.models import Case, Party, TargetItem

    for model in (Case, Party, TargetItem):
        names = {f.name for f in model._meta.get_fields()}
        assert policy.PERSONAL_FIELDS[model.__name__] <= names, model.__name__


def test_every_requester_type_is_either_an_organisation_whose_name_may_be_published_or_a_person():
    """A new requester type must be classified: until it is, this fails (it is not nameable by default)."""
    organisations, persons = policy.ORGANISATION_REQUESTERS, policy.PERSONAL_REQUESTERS
    assert not organisations & persons
    assert organisations | persons == set(choices.RequesterType.values)


@pytest.mark.parametrize("requester_type, named", [
    (choices.RequesterType.COMPANY, True),
    (choices.RequesterType.GOVERNMENT, True),
    (choices.RequesterType.INDIVIDUAL, False),
    (choices.RequesterType.ANONYMOUS, False),
    (choices.RequesterType.UNKNOWN, False),  # historic records: the name typed may be a person's
])
def test_a_notice_names_its_sender_only_when_the_sender_is_an_organisation(requester_type, named):
    from types import SimpleNamespace

    from rightsdesk.notices.rendering import notifier_in_general_terms

    case = SimpleNamespace(source=choices.Source.IMPORT, requester_type=requester_type, country=None,
                           requester_organisation="Jane Roe")
    assert ("Jane Roe" in notifier_in_general_terms(case)) is named
