"""Writing many rows as tuples: the machinery of the bulk path (``services.create_cases_bulk``, API batches).

Building a model instance and saving it costs far more than the row itself
(docs/performance.md §1). This module checks and stores plain dicts instead,
with the models' own rules:

- :meth:`Plan.check` is ``Model.full_clean`` (fields only, as ``services``
  calls it) on a dict: each field's own ``clean`` (its type, choices, blank and
  null, length and format validators), in field order, first refused field
  reported with the same message. A value of a categorical field (a choice, a
  country, a flag) is checked once per process and then remembered; free text,
  URLs and e-mail addresses are checked every time.
- :meth:`Plan.rows` turns checked dicts into the tuples of column values the
  ORM would send: personal fields sealed by their field (``privacy.fields``),
  JSON, dates and foreign keys prepared by their field for this database,
  defaults prepared once.
- :func:`insert` writes a table's rows with one ``executemany``;
  :func:`allocate_ids` reserves primary keys first (the ids are needed by the
  rows that point at them and by the history chain).

Nothing here knows which rows belong together; ``services.create_cases_bulk``
does.
"""

from __future__ import annotations

import inspect
from typing import Any

from django.core import exceptions, validators
from django.db import connection, models
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

from rightsdesk.core import value_checks
from rightsdesk.privacy import crypto
from rightsdesk.privacy.fields import EncryptedJSONField, EncryptedTextField

from .models import CaseHistory

#: Field types whose values are checked once per process and remembered (their check depends on the value only).
_MEMO_TYPES = (models.BooleanField, models.IntegerField)
_MEMO_LIMIT = 50_000
#: Where a chunk's prepared-value cache keeps its sealing function (privacy.crypto.encryptor: the key looked up once).
_SEAL = ("seal",)
#: How Plan.rows puts a given value in its column (Plan._row_steps): as it is (the primary key), as it is when it is
#: text, a flag or a number, sealed when it is plain text, a related row's key, or prepared by its field (Plan._prep).
_AS_GIVEN, _PLAIN_VALUE, _SEALED_TEXT, _RELATED, _PREPARED = (object() for _ in range(5))
_PLAIN_TYPES = (str, bool, int)
#: The attribute descriptors of fields that Plan.instance may bypass (see Plan.plain_init).
_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute)
#: ``to_python`` of the text fields: a non-empty ``str`` comes back as it is (an encrypted field's only when it is
#: not a ciphertext).
_TEXT_TO_PYTHON = (models.CharField.to_python, models.TextField.to_python, EncryptedTextField.to_python)


def _text_checks(f) -> tuple[int | None, tuple] | None:
    """For a text field whose ``clean`` of a non-empty plaintext ``str`` is the default one (``to_python`` gives it
    back, ``validate`` passes it: no choices, not blank) followed by only a maximum length, URL and e-mail
    validators: (the length limit, the address validators, core.value_checks). None for any other field (checked
    by ``Field.clean``)."""
    cls = type(f)
    if (f.primary_key or f.is_relation or f.choices is not None or cls.to_python not in _TEXT_TO_PYTHON
            or cls.clean is not models.Field.clean or cls.validate is not models.Field.validate
            or cls.run_validators is not models.Field.run_validators):
        return None
    limit, urls = None, []
    for v in f.validators:
        if type(v) is validators.MaxLengthValidator and type(v.limit_value) is int:
            limit = v.limit_value if limit is None else min(limit, v.limit_value)
        elif type(v) is validators.URLValidator or v is validators.validate_email:
            urls.append(v)
        else:
            return None
    return limit, tuple(urls)


def _key_of(value: Any) -> Any:
    """A related row given as a model instance (the services give saved instances) is stored as its key."""
    return value.pk if isinstance(value, models.Model) else value


def _sealer(cache: dict):
    """The chunk's sealing function (privacy.crypto.encryptor), made once per prepared-value cache."""
    seal = cache.get(_SEAL)
    if seal is None:
        seal = cache[_SEAL] = crypto.encryptor()
    return seal


class Refused(Exception):
    """A dict that ``full_clean`` would refuse: the first refused field and its messages."""

    def __init__(self, field: str, messages: list[str]):
        super().__init__(f"{field}: {' '.join(messages)}")
        self.field, self.messages = field, messages


class Plan:
    """The columns of one model and how each value is checked and prepared (built once per model)."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.by_name = {f.name: f for f in self.fields}
        self.by_name.update({f.attname: f for f in self.fields})
        self.columns = [f.column for f in self.fields]
        self.memo: dict[tuple[str, Any], Any] = {}
        self.default_verdicts: dict[str, tuple] = {}
        self.sealed = {f.attname for f in self.fields if isinstance(f, (EncryptedTextField, EncryptedJSONField))}
        self.sealed_text = {f.attname for f in self.fields if isinstance(f, EncryptedTextField)}
        self.plain = {f.attname for f in self.fields
                      if f.attname not in self.sealed and isinstance(f, (models.CharField, models.TextField,
                                                                         models.BooleanField, models.IntegerField))
                      and not f.is_relation}
        self.memoised = {f.attname for f in self.fields
                         if f.attname not in self.sealed and not f.is_relation and not f.primary_key
                         and (f.choices or isinstance(f, _MEMO_TYPES))}
        self.text = {f.attname: checks for f in self.fields if (checks := _text_checks(f)) is not None}
        self.checkable = [f for f in self.fields if not f.primary_key]
        self.ok_defaults: set[str] = set()  # fields whose default passed its check (default_verdicts)
        self._shapes: dict[tuple, list] = {}  # _to_check's lists
        pk = next((f.attname for f in self.fields if f.primary_key), None)
        self.pk = pk
        #: attname -> position in a row with the primary key, and in one without it.
        self.index = {True: {f.attname: i for i, f in enumerate(self.fields)},
                      False: {f.attname: i for i, f in enumerate(f for f in self.fields if not f.primary_key)}}
        self.relations = {f.attname for f in self.fields if f.is_relation}
        #: Whether :meth:`instance` may set the values itself, as ``Model.__init__`` does with positional values: the
        #: model keeps Model's ``__init__`` and ``__setattr__``. A field whose attribute is Django's plain descriptor
        #: has its value put in ``__dict__`` (on a new instance that is all its ``__set__`` would do: a foreign key's
        #: also forgets a cached related object, which a new instance has not); any other (a country) is set through
        #: its descriptor, as ``__init__`` sets it.
        self.plain_init = (model.__init__ is models.Model.__init__ and model.__setattr__ is object.__setattr__
                           and len(self.fields) == len(model._meta.concrete_fields))
        plain_attribute = [type(inspect.getattr_static(model, f.attname, None)) in _PLAIN_DESCRIPTORS
                           for f in self.fields]
        self.stored = [(i, f.attname) for i, f in enumerate(self.fields) if plain_attribute[i]]
        self.described = [(i, f.attname) for i, f in enumerate(self.fields) if not plain_attribute[i]]
        self._templates: dict = {}
        self._row_shapes: dict[tuple, list] = {}

    # --- defaults ------------------------------------------------------------------------------------------------

    def defaults(self, now) -> dict[str, Any]:
        """Each field's default as a fresh instance has it (``auto_now`` fields: ``now``), keyed by attname."""
        out = {}
        for f in self.fields:
            if f.primary_key:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                out[f.attname] = now
            elif f.has_default() and callable(f.default) and f.default.__module__ == "django.utils.timezone":
                out[f.attname] = now
            else:
                out[f.attname] = f.get_default()
        return out

    # --- checking ------------------------------------------------------------------------------------------------

    def check(self, values: dict[str, Any], exclude: frozenset[str] = frozenset(),
              defaults: dict[str, Any] | None = None) -> dict[str, Any]:
        """``full_clean(exclude, validate_unique=False)`` of a new instance holding ``values`` (attname -> value;
        the other fields keep their ``defaults``), for the fields: the cleaned values (``values`` is updated in
        place and returned), or :class:`Refused`. A default is checked once per process (it is the same for every
        row; a time default is always a valid time)."""
        first = None
        memo = self.memo
        for f, name, blank, empty, text, memoised in self._to_check(values, exclude, defaults is not None):
            # The common verdicts of _check_field, without its call: a given value that is blank where blank is
            # allowed, plain text within its length whose addresses pass, a remembered categorical value that passed.
            if name in values:
                raw = values[name]
                if blank and raw in empty:
                    continue
                if text is not None and type(raw) is str and raw and not raw.startswith(crypto.PREFIX):
                    # Field.clean of plain text is its validators: the length, each address once (core.value_checks).
                    limit, checks = text
                    if limit is None or len(raw) <= limit:
                        try:
                            for v in checks:
                                value_checks.check(v, raw)
                            continue
                        except exceptions.ValidationError:
                            pass  # _check_field gives Field.clean's own message
                elif memoised:
                    try:
                        hit = memo.get((name, type(raw), raw))
                    except TypeError:
                        hit = None
                    if hit is not None and hit[0] == "ok":
                        values[name] = hit[1]
                        continue
            try:
                self._check_field(f, values, defaults)
            except Refused as exc:
                # full_clean goes on to the other fields (a wrong type there raises at once), then reports the first.
                first = first or exc
        if first is not None:
            raise first
        return values

    def _to_check(self, values: dict[str, Any], exclude: frozenset[str], with_defaults: bool) -> list:
        """The fields :meth:`check` asks, in field order: all but the excluded ones and the defaults already found
        valid. The list depends only on which fields ``values`` gives (rows of a chunk mostly give the same ones), so
        it is kept per shape once no default of the shape is left to check the first time."""
        key = (tuple(values), exclude, with_defaults)
        hit = self._shapes.get(key)
        if hit is not None:
            return hit
        ok_defaults = self.ok_defaults if with_defaults else ()
        fields = [(f, f.attname, f.blank, f.empty_values, self.text.get(f.attname), f.attname in self.memoised)
                  for f in self.checkable
                  if not (f.attname in ok_defaults and f.attname not in values)  # a default found valid before
                  and not (f.name in exclude or f.attname in exclude)]
        if with_defaults and all(spec[1] in values for spec in fields) and len(self._shapes) < 256:
            self._shapes[key] = fields
        return fields

    def _check_field(self, f, values: dict[str, Any], defaults: dict[str, Any] | None) -> None:
        memo = self.memo
        name = f.attname
        if name not in values and defaults is not None:
            verdict = self.default_verdicts.get(name)
            if verdict is None:
                try:
                    self.check({name: defaults.get(name)}, frozenset(n.name for n in self.fields if n.attname != name))
                    verdict = ()
                    self.ok_defaults.add(name)
                except Refused as exc:
                    verdict = (exc.messages,)
                self.default_verdicts[name] = verdict
            if verdict:
                raise Refused(f.name, verdict[0])
            return
        raw = values.get(name)
        if f.blank and raw in f.empty_values:
            return
        # Plain text that passes its length and address checks never gets here (check() gives that verdict first); text
        # they refuse is left to Field.clean below, for its exact messages.
        if name in self.memoised:
            try:
                key = (name, type(raw), raw)  # the type too: 1, 1.0 and True are equal keys otherwise
                hit = memo.get(key, memo)
            except TypeError:  # an unhashable value: checked the long way
                hit, key = memo, None
            if hit is memo:
                try:
                    hit = ("ok", f.clean(raw, None))
                except exceptions.ValidationError as exc:
                    hit = ("refused", exc.messages)
                if key is not None and len(memo) < _MEMO_LIMIT:
                    memo[key] = hit
            if hit[0] == "refused":
                raise Refused(f.name, hit[1])
            values[name] = hit[1]
            return
        if f.is_relation and isinstance(raw, models.Model):
            # A foreign key given as an instance (the services give saved instances) is the row it names.
            if raw.pk is None:
                raise Refused(f.name, ["the related row is not saved."])
            return
        try:
            values[name] = f.clean(raw, None)
        except exceptions.ValidationError as exc:
            raise Refused(f.name, exc.messages) from None

    # --- preparing -----------------------------------------------------------------------------------------------

    def prepared_defaults(self, defaults: dict[str, Any]) -> dict[str, Any]:
        return {name: self._prep(name, value, {}) for name, value in defaults.items()}

    def _prep(self, name: str, value: Any, cache: dict) -> Any:
        if value is None:
            return None
        f = self.by_name[name]
        if name in self.plain:
            if isinstance(value, (str, bool, int)):
                return value
            return f.get_db_prep_save(value, connection)
        if name in self.sealed:
            if name in self.sealed_text and isinstance(value, str):
                # EncryptedTextField.get_prep_value for text, without its generic steps (privacy.fields).
                if value == "" or crypto.is_encrypted(value):
                    return value
                return _sealer(cache)(value)
            return f.get_db_prep_save(value, connection)  # the field seals it (privacy.fields)
        if f.is_relation:
            return _key_of(value)
        if isinstance(value, (list, dict)):
            # A flat list or object (a case's missing elements, a history entry's changes) repeats from row to row:
            # prepared once per chunk, keyed by its items and their types (1 and True differ in JSON).
            try:
                items = value.items() if type(value) is dict else value if type(value) is list else None
                if items is None or len(value) > 8:
                    raise TypeError
                key = (name, type(value), tuple((type(x), x) if type(value) is list else (x[0], type(x[1]), x[1])
                                                for x in items))
                hit = cache.get(key, cache)
            except TypeError:  # nested, unhashable or long: prepared as it is
                return f.get_db_prep_save(value, connection)
            if hit is cache:
                hit = cache[key] = f.get_db_prep_save(value, connection)
            return hit
        try:
            key = (name, type(value), value)
            hit = cache.get(key, cache)
        except TypeError:
            return f.get_db_prep_save(value, connection)
        if hit is cache:
            hit = cache[key] = f.get_db_prep_save(value, connection)
        return hit

    def _template(self, kind: str, source: dict[str, Any], with_pk: bool, make) -> list:
        """A row of ``source``'s values (defaults) in column order, built once per ``source`` dict."""
        key = (kind, id(source), with_pk)
        hit = self._templates.get(key)
        if hit is None or hit[0] is not source:
            if len(self._templates) > 64:
                self._templates.clear()
            hit = self._templates[key] = (source, make())
        return hit[1]

    def rows(self, dicts: list[dict[str, Any]], prepared_defaults: dict[str, Any], cache: dict,
             with_pk: bool = True) -> list[tuple]:
        """The column values of each dict (attnames; missing ones take the prepared defaults), in column order: a
        copy of the defaults' row with the given values put in their columns.

        What each given value needs (nothing, sealing, preparing by its field) is worked out once per shape of dict
        (:meth:`_row_steps`); each value is then treated as :meth:`_prep` treats it."""
        template = self._template("row", prepared_defaults, with_pk, lambda: [
            None if f.primary_key else prepared_defaults[f.attname]
            for f in self.fields if with_pk or not f.primary_key])
        prep, shapes, seal = self._prep, self._row_shapes, None
        pk_at = self.index[with_pk].get(self.pk) if with_pk and self.pk is not None else None
        out = []
        for values in dicts:
            key = (with_pk, *values)
            steps = shapes.get(key)
            if steps is None:
                steps = self._row_steps(key)
            row = template.copy()
            for name, i, mode in steps:
                value = values[name]
                if value is None or mode is _AS_GIVEN:
                    row[i] = value
                elif mode is _PLAIN_VALUE:
                    # Text, flags and numbers go to the database as they are (as _prep does).
                    row[i] = value if isinstance(value, _PLAIN_TYPES) else prep(name, value, cache)
                elif mode is _RELATED:
                    row[i] = _key_of(value)  # as _prep gives a relation
                elif mode is _SEALED_TEXT and isinstance(value, str):
                    # EncryptedTextField.get_prep_value for text (as _prep does): empty or sealed text as it is.
                    if value and not value.startswith(crypto.PREFIX):
                        if seal is None:
                            seal = _sealer(cache)
                        value = seal(value)
                    row[i] = value
                else:
                    row[i] = prep(name, value, cache)
            if pk_at is not None:
                row[pk_at] = values[self.pk]
            out.append(tuple(row))
        return out

    def _row_steps(self, key: tuple) -> list[tuple[str, int, object]]:
        """For dicts with the keys ``key[1:]`` (rows with the primary key when ``key[0]``): (name, column, mode) of
        each key that is a column, the mode saying how its value is prepared."""
        with_pk, names = key[0], key[1:]
        index = self.index[with_pk]
        steps = []
        for name in names:
            i = index.get(name)
            if i is None:
                continue
            mode = (_AS_GIVEN if name == self.pk else _PLAIN_VALUE if name in self.plain
                    else _SEALED_TEXT if name in self.sealed_text else _RELATED if name in self.relations
                    else _PREPARED)
            steps.append((name, i, mode))
        if len(self._row_shapes) > 256:
            self._row_shapes.clear()
        self._row_shapes[key] = steps
        return steps

    def instance(self, values: dict[str, Any], defaults: dict[str, Any]) -> models.Model:
        """A saved-looking model instance of the stored row (python values), without the cost of ``__init__``."""
        # The defaults' values are made once per defaults dict; the given values replace theirs.
        model, relations = self.model, self.relations
        stored, described = self._template("instance", defaults, True, lambda: self._python_defaults(defaults))
        stored = stored.copy()
        if described:
            described = described.copy()
        for name, value in values.items():
            if name in stored:
                stored[name] = _key_of(value) if name in relations else value
            elif name in described:
                described[name] = value
        if not self.plain_init or pre_init.has_listeners(model) or post_init.has_listeners(model):
            current = {**stored, **described}
            return model.from_db(connection.alias, None, [current[f.attname] for f in self.fields])
        # What Model.__init__ does with positional values when nothing listens to its signals: each value in the
        # instance's __dict__ (its fields' descriptors store nothing else on a new instance), then from_db's state.
        instance = model.__new__(model)
        state = instance._state = ModelState()
        state.adding, state.db = False, connection.alias
        instance.__dict__.update(stored)
        for name, value in described.items():
            setattr(instance, name, value)
        return instance

    def _python_defaults(self, defaults: dict[str, Any]) -> tuple[dict, dict]:
        """The defaults as :meth:`instance` puts them in: (attname -> value of the fields stored in ``__dict__``, in
        field order; attname -> value of those set through their descriptor). A related row is given by its key."""
        values = {f.attname: None if f.primary_key else _key_of(defaults.get(f.attname)) for f in self.fields}
        return ({name: values[name] for _i, name in self.stored},
                {name: values[name] for _i, name in self.described})


_plans: dict[type, Plan] = {}


def plan(model: type[models.Model]) -> Plan:
    if model not in _plans:
        _plans[model] = Plan(model)
    return _plans[model]


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve ``count`` new primary keys of ``model``; call inside the transaction that inserts the rows.

    SQLite: the writing transaction holds the database's write lock (``transaction_mode`` IMMEDIATE), so the
    next ids after the largest ever given (its AUTOINCREMENT sequence) are ours. PostgreSQL: drawn from the
    table's sequence, safe beside other writers.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [table, pk, count])
            return sorted(row[0] for row in cursor.fetchall())
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"allocate_ids: no way to reserve ids on {connection.vendor}")
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')
        top = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(top, found[0] if found else 0) + 1
        ids = list(range(start, start + count))
        # Move the sequence past them at once, as an insert would, so nothing else is given these ids.
        if found:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [ids[-1], table])
        else:
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, ids[-1]])
        return ids


def insert(model: type[models.Model], rows: list[tuple], *, with_pk: bool = True) -> None:
    """Prepared rows (from :meth:`Plan.rows`) into the model's table, in one statement.

    SQLite: one ``executemany``. PostgreSQL: one ``COPY ... FROM STDIN``. There ``executemany`` still runs one
    INSERT per row on the server (pipelined, but each parsed, planned and executed), and took half of a bulk
    intake batch; COPY streams the rows into the table with the same constraints, defaults and deferred foreign
    keys. A constraint it breaks raises Django's IntegrityError, as the INSERT did."""
    if not rows:
        return
    p = plan(model)
    columns = [f.column for f in p.fields if with_pk or not f.primary_key]
    names = ", ".join(connection.ops.quote_name(col) for col in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


class Link:
    """A history entry to be sealed and inserted: just enough of a CaseHistory for ``audit.chain.seal_many``.

    Its chain content is CaseHistory's own (:meth:`CaseHistory.chain_content`, the one definition of what is hashed).
    """

    __slots__ = ("case_id", "at", "actor_id", "actor_label", "event", "from_state", "to_state", "changes", "reason",
                 "prev_hash", "entry_hash")

    def __init__(self, *, case_id, at, actor_id=None, actor_label="", event, from_state="", to_state="",
                 changes=None, reason=""):
        self.case_id, self.at, self.actor_id, self.actor_label, self.event = case_id, at, actor_id, actor_label, event
        self.from_state, self.to_state, self.changes, self.reason = from_state, to_state, changes or {}, reason
        self.prev_hash = self.entry_hash = ""

    chain_content = CaseHistory.chain_content

    def values(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


class Rows:
    """Prepared rows of one table (:meth:`Plan.rows`) whose ``key`` column holds, in place of a case's id, the
    position of the case's entry; :meth:`insert` puts the ids in once the writer has reserved them.

    Building rows (their checks done, personal fields sealed) needs no lock; only their ids do. So the bulk writer
    builds them before its transaction and the transaction does little more than the inserts."""

    __slots__ = ("model", "rows", "with_pk", "position", "hashes")

    def __init__(self, model: type[models.Model], rows: list[tuple], with_pk: bool, key: str = "case_id"):
        p = plan(model)
        self.model, self.rows, self.with_pk = model, rows, with_pk
        self.position = p.index[with_pk][key]
        self.hashes = ((p.index[with_pk]["prev_hash"], p.index[with_pk]["entry_hash"])
                       if "entry_hash" in p.index[with_pk] else None)

    def insert(self, ids: list, links: list | None = None) -> None:
        """Insert the rows with ``ids[position]`` in the key column; history rows also take their sealed hashes
        from ``links`` (the sealed :class:`Link` of each row, in order, their ``case_id`` already the id)."""
        i = self.position
        if links is None:
            rows = [row[:i] + (ids[row[i]],) + row[i + 1:] for row in self.rows]
        else:
            if self.hashes is None or len(links) != len(self.rows):
                raise ValueError("Rows.insert: links are for history rows, one per row")
            prev, entry = self.hashes
            rows = []
            for row, link in zip(self.rows, links):
                row = list(row)
                row[i], row[prev], row[entry] = link.case_id, link.prev_hash, link.entry_hash
                rows.append(tuple(row))
        insert(self.model, rows, with_pk=self.with_pk)


def check_deferred() -> None:
    """Check now the foreign keys of the rows written so far in this transaction, where they would wait for the
    commit: PostgreSQL (Django declares its foreign keys DEFERRABLE INITIALLY DEFERRED), with Django's own
    ``check_constraints`` (SET CONSTRAINTS ALL IMMEDIATE, then DEFERRED again). The bulk writer calls it before it
    locks the history chain's head, so those checks are not made while other writers wait for the chain.
    SQLite counts its deferred foreign keys as it goes and has nothing to do here."""
    if connection.vendor == "postgresql":
        connection.check_constraints()
