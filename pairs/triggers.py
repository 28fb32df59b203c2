"""The database triggers that lock a signed order, for a migration that rebuilds its table.

SQLite alters most columns by rebuilding the table (a new table, the rows copied, the old one
dropped, the new one renamed): that drops ``pairs_order``'s own triggers, and SQLite refuses the
rename while the triggers of the list of pairs name ``pairs_order``. A migration that adds or
alters a field of :class:`pairs.models.Order` therefore wraps its operations::

    from pairs import triggers

    operations = [
        migrations.RunPython(triggers.drop, triggers.create),
        migrations.AddField("order", "version", ...),
        migrations.RunPython(triggers.create, triggers.drop),
    ]

and adds a column that is part of the signed document to :data:`GUARDED_COLUMNS` (PostgreSQL's
trigger is made again with it). ``pairs/tests/test_signed_order_guards.py`` reads the triggers
back from the database and fails while a column of the model is neither guarded nor declared in
``Order.UNGUARDED_COLUMNS``.

Migrations 0002–0006 keep their own frozen copies of these statements; this module is the
current set.
"""

MESSAGE = "Подписанный приказ не изменяется: изменения вносятся новым приказом."
GUARDED_COLUMNS = [
    "organisation_id", "kind", "year", "number", "date", "title", "preamble", "points",
    "controller", "amends_id", "status", "return_comment", "submitted_at", "signed_at",
    "signatory_name", "signatory_position", "pdf", "pdf_sha256", "version",
    "roadmap_id", "regulation_id", "point_details",
]  # fmt: skip

_SIGNED = "(SELECT status FROM pairs_order WHERE id = {side}.order_id) = 'signed'"
_RELEASED = "EXISTS (SELECT 1 FROM pairs_orderremoval WHERE order_id = OLD.order_id)"


def _sqlite_statements(guarded: list[str]) -> list[str]:
    columns = ", ".join(guarded)
    return [
        f"""CREATE TRIGGER pairs_order_signed_no_update BEFORE UPDATE OF {columns}
        ON pairs_order FOR EACH ROW WHEN OLD.status = 'signed'
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        """CREATE TRIGGER pairs_order_removed AFTER DELETE ON pairs_order
        FOR EACH ROW BEGIN DELETE FROM pairs_orderremoval WHERE order_id = OLD.id; END;""",
        f"""CREATE TRIGGER pairs_order_signed_no_new_pairs BEFORE INSERT ON pairs_order_pairs
        FOR EACH ROW WHEN {_SIGNED.format(side="NEW")}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        f"""CREATE TRIGGER pairs_order_signed_no_pairs_update BEFORE UPDATE ON pairs_order_pairs
        FOR EACH ROW WHEN {_SIGNED.format(side="OLD")} OR {_SIGNED.format(side="NEW")}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        f"""CREATE TRIGGER pairs_order_signed_no_pairs_delete BEFORE DELETE ON pairs_order_pairs
        FOR EACH ROW WHEN {_SIGNED.format(side="OLD")} AND NOT {_RELEASED}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    ]


SQLITE_NAMES = [
    "pairs_order_signed_no_update",
    "pairs_order_removed",
    "pairs_order_signed_no_new_pairs",
    "pairs_order_signed_no_pairs_update",
    "pairs_order_signed_no_pairs_delete",
]


def drop(apps, schema_editor) -> None:
    """Before a rebuild of ``pairs_order`` (SQLite only: PostgreSQL alters in place)."""
    if schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};")


def create(apps, schema_editor, columns: list[str] | None = None) -> None:
    """After it: every trigger again on SQLite; PostgreSQL's column trigger with the current
    :data:`GUARDED_COLUMNS` (its function, from migration 0002, stays). A migration passes its
    own frozen ``columns`` (through :func:`creator`): the current list names columns that later
    migrations add."""
    columns = columns or GUARDED_COLUMNS
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        drop(apps, schema_editor)
        for statement in _sqlite_statements(columns):
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS pairs_order_signed_no_update ON pairs_order;")
        schema_editor.execute(
            f"""CREATE TRIGGER pairs_order_signed_no_update
            BEFORE UPDATE OF {", ".join(columns)} ON pairs_order
            FOR EACH ROW WHEN (OLD.status = 'signed')
            EXECUTE FUNCTION pairs_order_refuse_signed();"""
        )


def creator(columns: list[str]):
    """:func:`create` over a migration's frozen list of guarded columns."""

    def run(apps, schema_editor):
        create(apps, schema_editor, columns)

    return run
