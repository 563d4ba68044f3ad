"""Seeding helpers shared by the benchmarks that need large tables (P6 scale, P9 dashboard).

Rows are written with INSERT ... SELECT over generate_series, each table cloned from one row the
ORM made (so every NOT NULL column has a proper value); a large database grows in a copy of the
small one (CREATE DATABASE ... TEMPLATE), and the default connection switches between them.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.models import Model


def clone(
    model: type[Model], template: Model, overrides: dict[str, str], source: str, params: dict, where: str = "TRUE"
) -> int:
    """INSERT rows copying ``template`` except the ``overrides`` (column -> SQL over ``source``)."""
    table = model._meta.db_table
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    values = ", ".join(overrides.get(c, f'tpl."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    sql = (
        f'INSERT INTO "{table}" ({names}) SELECT {values} FROM "{table}" AS tpl, {source} '
        f"WHERE tpl.id = %(template)s AND {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "template": template.pk})
        return cursor.rowcount


@contextmanager
def exclusion_constraints_lifted() -> Iterator[None]:
    """Seed with the appointments' no-overlap constraints dropped, then put them back.

    Checking each of a million rows against a GiST index as it arrives took over twenty
    minutes on the shared machine; building the index once afterwards takes a fraction
    of it. The constraints come back exactly as they were (and validate every row), and
    the dashboard's queries never use their indexes.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'scheduling_appointment'::regclass AND contype = 'x'"
        )
        saved = cursor.fetchall()
        for name, _definition in saved:
            cursor.execute(f'ALTER TABLE scheduling_appointment DROP CONSTRAINT "{name}"')
    yield
    with connection.cursor() as cursor:
        for name, definition in saved:
            cursor.execute(f'ALTER TABLE scheduling_appointment ADD CONSTRAINT "{name}" {definition}')


def use_database(name: str) -> None:
    """Point the default connection at another database (the next query opens a new pool)."""
    connection.close()
    if hasattr(connection, "close_pool"):
        connection.close_pool()
    connection.settings_dict["NAME"] = name


def copy_database(source: str, target: str) -> None:
    """``target`` becomes a file copy of ``source`` (CREATE DATABASE ... TEMPLATE)."""
    use_database(source)  # closes this process's connections to it, as TEMPLATE requires
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
    use_database("postgres")
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    use_database(source)
