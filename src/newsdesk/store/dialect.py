"""SQLite-flavoured SQL as PostgreSQL runs it.

The store and the corpus workers (registry, dedup, stories, timelines) write their SQL once, in
SQLite's dialect, against a ``sqlite3.Connection``-like object. For a PostgreSQL store the
statements pass through :func:`translate` (cached per statement) and the schema's migrations
through :func:`translate_ddl`, so a new query or a new migration works on both databases
without a second copy. What is rewritten, and why:

- ``?`` and ``?N`` parameters become ``%s`` (``?N`` may repeat a parameter; the parameters are
  reordered to match), and any other ``%`` becomes ``%%`` when there are parameters;
- ``INSERT OR IGNORE`` / ``INSERT OR REPLACE`` become ``ON CONFLICT DO NOTHING`` / ``DO UPDATE``
  on the table's primary key (read from the catalog by the connection);
- in ``ON CONFLICT ... DO UPDATE SET c = c + excluded.c`` a bare column is the stored row's
  (PostgreSQL calls it ambiguous): it is qualified with the table name;
- ``x = ? COLLATE NOCASE`` compares ``lower()`` of both sides; ``LIKE`` is ``ILIKE`` (SQLite's
  LIKE ignores ASCII case); two-argument ``max()``/``min()`` are ``GREATEST``/``LEAST``;
  ``ROUND(x, n)`` rounds ``x`` as NUMERIC; ``? IS NULL`` casts the parameter (an untyped NULL
  is an error there);
- ``json_set(col, '$.key', v)`` is ``jsonb_set`` on the text column;
- ``end`` (a column name here, a reserved word there) is quoted; SQL keywords are upper case
  in this code base, so a lower-case ``end`` is always the column;
- ``DESC`` sorts NULLs last, as SQLite does (on a column the schema lets be NULL); a subquery
  in FROM gets the alias PostgreSQL 15 requires; ``BEGIN IMMEDIATE`` is ``BEGIN``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# String literals and quoted identifiers are masked before any rewrite, so nothing inside them
# is touched.
_LITERAL = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_MASK = "\x00{}\x00"
_UNMASK = re.compile(r"\x00(\d+)\x00")
_PARAM = re.compile(r"\?(\d*)")

_INSERT_OR = re.compile(r"\bINSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\w+)\s*\(([^)]*)\)", re.I)
_INSERT_INTO = re.compile(r"\bINSERT\s+INTO\s+(\w+)", re.I)
_NOCASE_EQ = re.compile(r"([\w.]+)\s*=\s*(\?\d*)\s+COLLATE\s+NOCASE", re.I)
_SCALAR_MINMAX = re.compile(r"\b(max|min)\(")
_PARAM_IS_NULL = re.compile(r"(\?\d*)\s+IS\b(?=\s+(?:NOT\s+)?NULL)")
_ROUND = re.compile(r"\bROUND\(", re.I)
_JSON_SET = re.compile(r"\bjson_set\(\s*([\w.]+)\s*,\s*(\x00\d+\x00)\s*,\s*([^()]+?)\s*\)")
_END = re.compile(r"(?<![\w\"])end(?![\w\"])")
_LIKE = re.compile(r"\bLIKE\b")
_DESC = re.compile(r"([\w.]+)(\s+)DESC\b(?!\s+NULLS)")
_COLUMN_DEF = re.compile(r"^\s*(\w+)\s+(?:INTEGER|TEXT|REAL|BLOB)\b(.*)$", re.M)
_RETURNING = re.compile(r"\bRETURNING\b", re.I)
_DO_UPDATE = re.compile(r"\bDO\s+UPDATE\s+SET\b", re.I)
_IDENT = re.compile(r"(?<![\w.\x00])([a-z_][a-z0-9_]*)\b(?!\s*[.(])")


@dataclass(frozen=True)
class Translated:
    """A statement for psycopg: its SQL, which original parameter fills each ``%s``, and what
    ``INSERT OR ...`` it came from (the connection adds the conflict clause it needs)."""

    sql: str
    order: tuple[int, ...]
    conflict: str | None = None  # "IGNORE" or "REPLACE"
    table: str | None = None
    columns: tuple[str, ...] = ()

    def params(self, given: tuple[object, ...] | list[object]) -> tuple[object, ...]:
        return tuple(given[i] for i in self.order)


def _mask(sql: str) -> tuple[str, list[str]]:
    literals: list[str] = []

    def keep(m: re.Match[str]) -> str:
        literals.append(m.group(0))
        return _MASK.format(len(literals) - 1)

    return _LITERAL.sub(keep, sql), literals


def _unmask(sql: str, literals: list[str]) -> str:
    return _UNMASK.sub(lambda m: literals[int(m.group(1))], sql)


def _close_paren(sql: str, start: int) -> int:
    """Index of the ``)`` matching the ``(`` at ``start`` (literals are masked)."""
    depth = 0
    for i in range(start, len(sql)):
        if sql[i] == "(":
            depth += 1
        elif sql[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError(f"unbalanced parentheses in SQL: {sql!r}")


_ALIASED = re.compile(
    r"\s*(?:AS\s+)?(?!(?:WHERE|GROUP|ORDER|LIMIT|OFFSET|HAVING|JOIN|LEFT|INNER|CROSS|UNION|"
    r"EXCEPT|INTERSECT|ON)\b)[A-Za-z_]"
)


def _alias_subqueries(sql: str) -> str:
    """``FROM (SELECT ...)`` without an alias gets one (PostgreSQL before 16 needs it)."""
    out = sql
    counter = 0
    pos = 0
    pattern = re.compile(r"\bFROM\s*\(\s*(?:SELECT|WITH)\b", re.I)
    while True:
        m = pattern.search(out, pos)
        if m is None:
            return out
        open_at = out.index("(", m.start())
        close = _close_paren(out, open_at)
        rest = out[close + 1 :]
        if not _ALIASED.match(rest):
            counter += 1
            out = f"{out[: close + 1]} AS _sub{counter}{rest}"
        pos = open_at + 1


def _qualify_update(sql: str, table: str) -> str:
    """In ``DO UPDATE SET a = expr, ...`` qualify the bare columns of each ``expr``."""
    m = _DO_UPDATE.search(sql)
    if m is None:
        return sql
    head, tail = sql[: m.end()], sql[m.end() :]
    end = _RETURNING.search(tail)
    body, after = (tail[: end.start()], tail[end.start() :]) if end else (tail, "")
    parts = []
    for assignment in re.split(r",(?![^(]*\))", body):
        column, sep, expr = assignment.partition("=")
        expr = _IDENT.sub(
            lambda i: i.group(1) if i.group(1) == "excluded" else f"{table}.{i.group(1)}", expr
        )
        parts.append(column + sep + expr)
    return head + ",".join(parts) + after


@lru_cache(maxsize=1)
def _not_null_columns() -> frozenset[str]:
    """Column names declared NOT NULL wherever they occur in the schema (schema.py)."""
    from newsdesk.store.schema import MIGRATIONS

    seen: dict[str, bool] = {}
    for script in MIGRATIONS:
        for name, rest in _COLUMN_DEF.findall(script):
            not_null = "NOT NULL" in rest or "PRIMARY KEY" in rest
            seen[name] = seen.get(name, True) and not_null
    return frozenset(name for name, not_null in seen.items() if not_null)


def _desc(m: re.Match[str]) -> str:
    """``x DESC`` sorts NULLs last, as SQLite does, unless ``x`` can never be NULL: then the
    plain ``DESC`` lets PostgreSQL read an ascending index backwards (``NULLS LAST`` would
    make it sort every row of the key)."""
    column = m.group(1).rsplit(".", 1)[-1]
    nulls = "" if column in _not_null_columns() else " NULLS LAST"
    return f"{m.group(1)}{m.group(2)}DESC{nulls}"


@lru_cache(maxsize=2048)
def translate(sql: str) -> Translated:
    """One SQLite statement as PostgreSQL SQL (see the module docstring)."""
    masked, literals = _mask(sql)
    conflict = table = None
    columns: tuple[str, ...] = ()
    m = _INSERT_OR.search(masked)
    if m:
        conflict, table = m.group(1).upper(), m.group(2)
        columns = tuple(c.strip() for c in m.group(3).split(","))
        masked = masked[: m.start()] + f"INSERT INTO {table}({m.group(3)})" + masked[m.end() :]
    masked = _NOCASE_EQ.sub(r"lower(\1) = lower(\2)", masked)
    # A NULL parameter has no type of its own; any type casts to TEXT for the test.
    masked = _PARAM_IS_NULL.sub(r"CAST(\1 AS TEXT) IS", masked)
    masked = masked.replace("BEGIN IMMEDIATE", "BEGIN")
    masked = _LIKE.sub("ILIKE", masked)
    masked = _DESC.sub(_desc, masked)
    masked = _JSON_SET.sub(
        lambda j: (
            f"jsonb_set({j.group(1)}::jsonb, "
            f"'{{{_unmask(j.group(2), literals).strip(chr(39)).removeprefix('$.')}}}', "
            f"to_jsonb(CAST({j.group(3)} AS TEXT)))::text"
        ),
        masked,
    )
    # max(a, b) / min(a, b): scalar in SQLite, aggregates (upper case here) are left alone.
    for fn in list(_SCALAR_MINMAX.finditer(masked))[::-1]:
        close = _close_paren(masked, fn.end() - 1)
        inner = masked[fn.end() : close]
        if re.search(r",(?![^(]*\))", inner):
            name = "GREATEST" if fn.group(1) == "max" else "LEAST"
            masked = masked[: fn.start()] + name + masked[fn.end() - 1 :]
    # ROUND(x, n) on a float: PostgreSQL rounds only NUMERIC to n places.
    for fn in list(_ROUND.finditer(masked))[::-1]:
        close = _close_paren(masked, fn.end() - 1)
        inner = masked[fn.end() : close]
        parts = re.split(r",(?![^(]*\))", inner)
        if len(parts) == 2:
            masked = (
                f"{masked[: fn.end()]}CAST({parts[0].strip()} AS NUMERIC),{parts[1]}"
                f"{masked[close:]}"
            )
    masked = _alias_subqueries(masked)
    target = _INSERT_INTO.search(masked)
    if target:
        masked = _qualify_update(masked, target.group(1))
    masked = _END.sub('"end"', masked)
    order: list[int] = []
    position = 0

    def param(p: re.Match[str]) -> str:
        nonlocal position
        if p.group(1):
            order.append(int(p.group(1)) - 1)
        else:
            order.append(position)
            position += 1
        return "\x01"

    masked = _PARAM.sub(param, masked)
    text = _unmask(masked, literals)
    if order:
        # psycopg reads % as the start of a placeholder wherever it is (literals included).
        text = text.replace("%", "%%").replace("\x01", "%s")
    return Translated(text, tuple(order), conflict, table, columns)


# -- schema ---------------------------------------------------------------------------------

_VIRTUAL = re.compile(r"CREATE\s+VIRTUAL\s+TABLE\b.*?\)\s*;", re.S | re.I)
_TRIGGER = re.compile(r"CREATE\s+TRIGGER\b.*?\bEND\s*;", re.S | re.I)
_COMMENT = re.compile(r"--[^\n]*")
_CREATE_TABLE = re.compile(r"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?\w+\s*\(", re.I)
_TYPES = [
    (
        re.compile(r"\bINTEGER\s+PRIMARY\s+KEY\b"),
        "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    ),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    # Byte order, as SQLite compares text (and LIKE 'prefix%' can use the index).
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
    (re.compile(r"\)\s*WITHOUT\s+ROWID"), ")"),
    (re.compile(r"\((\w+)\s+COLLATE\s+NOCASE\)"), r"(lower(\1))"),
    (
        re.compile(r"DEFAULT\s*\(strftime\('%Y-%m-%dT%H:%M:%SZ',\s*'now'\)\)"),
        "DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
    ),
]


def _add_rowids(script: str) -> str:
    """Every SQLite table has a ``rowid`` in insertion order (unless WITHOUT ROWID) that
    queries may sort by: give each table that does not declare one an identity column."""
    out = script
    pos = 0
    while (m := _CREATE_TABLE.search(out, pos)) is not None:
        open_at = m.end() - 1
        close = _close_paren(out, open_at)
        body = out[open_at + 1 : close]
        without = re.match(r"\s*WITHOUT\s+ROWID", out[close + 1 :], re.I)
        if not without and not re.search(r"^\s*rowid\b", body, re.M):
            column = "\n        rowid BIGINT GENERATED BY DEFAULT AS IDENTITY,"
            out = f"{out[: open_at + 1]}{column}{out[open_at + 1 :]}"
        pos = open_at + 1
    return out


def translate_ddl(script: str) -> str:
    """A migration script as PostgreSQL DDL: FTS5 tables and their triggers are dropped (the
    PostgreSQL store indexes text with ``tsvector`` columns instead, see postgres.py)."""
    out = _COMMENT.sub("", script)
    out = _TRIGGER.sub("", out)
    out = _VIRTUAL.sub("", out)
    out = _add_rowids(out)
    for pattern, replacement in _TYPES:
        out = pattern.sub(replacement, out)
    return _END.sub('"end"', out)
