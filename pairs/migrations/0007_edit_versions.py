"""Edit versions (optimistic locking) of orders, pairs and programs.

On SQLite, Django adds a NOT NULL column by rebuilding the table; rebuilding ``pairs_order``
would drop its signed-order trigger and break the trigger of ``pairs_order_pairs`` that names it.
There the column is added in place (ALTER TABLE … ADD COLUMN keeps the triggers).
"""

from django.db import migrations, models

VERSION = models.PositiveIntegerField(default=1, editable=False, verbose_name="версия")


def add_order_version(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            'ALTER TABLE "pairs_order" ADD COLUMN "version" integer unsigned NOT NULL '
            'DEFAULT 1 CHECK ("version" >= 0)'
        )
    else:
        schema_editor.execute(
            'ALTER TABLE "pairs_order" ADD COLUMN "version" integer NOT NULL DEFAULT 1 '
            'CHECK ("version" >= 0)'
        )
        schema_editor.execute('ALTER TABLE "pairs_order" ALTER COLUMN "version" DROP DEFAULT')


COLUMNS = """organisation_id, kind, year, number, date, title, preamble, points, controller,
    amends_id, status, return_comment, submitted_at, signed_at, signatory_name,
    signatory_position, pdf, pdf_sha256"""
MESSAGE = "Подписанный приказ не изменяется: изменения вносятся новым приказом."


def _signed_order_trigger(columns: str) -> dict:
    """The signed-order trigger of 0003 over ``columns``: a signed order's version is as
    locked as the rest of it (it never changes: a signed order is never edited)."""
    return {
        "sqlite": [
            "DROP TRIGGER IF EXISTS pairs_order_signed_no_update;",
            f"""CREATE TRIGGER pairs_order_signed_no_update BEFORE UPDATE OF {columns}
            ON pairs_order FOR EACH ROW WHEN OLD.status = 'signed'
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        ],
        "postgresql": [
            "DROP TRIGGER IF EXISTS pairs_order_signed_no_update ON pairs_order;",
            f"""CREATE TRIGGER pairs_order_signed_no_update BEFORE UPDATE OF {columns}
            ON pairs_order FOR EACH ROW WHEN (OLD.status = 'signed')
            EXECUTE FUNCTION pairs_order_refuse_signed();""",
        ],
    }


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def _recreate_current_triggers(apps, schema_editor):
    """The trigger with ``version`` guarded: a signed order's version never changes, a signed
    order is never edited. A frozen copy (as 0002–0006): the current set of pairs.triggers
    names columns later migrations add."""
    _run(_signed_order_trigger(COLUMNS + ", version"))(apps, schema_editor)


def remove_order_version(apps, schema_editor):
    schema_editor.execute('ALTER TABLE "pairs_order" DROP COLUMN "version"')


class Migration(migrations.Migration):

    dependencies = [
        ('pairs', '0006_order_number_taken_at_signing'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalorder',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='версия'),
        ),
        migrations.AddField(
            model_name='historicalpair',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='версия'),
        ),
        migrations.AddField(
            model_name='historicalprogram',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='версия'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(model_name="order", name="version", field=VERSION),
            ],
            database_operations=[
                migrations.RunPython(add_order_version, remove_order_version),
            ],
        ),
        migrations.RunPython(_recreate_current_triggers, _run(_signed_order_trigger(COLUMNS))),
        migrations.AddField(
            model_name='pair',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='версия'),
        ),
        migrations.AddField(
            model_name='program',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='версия'),
        ),
    ]
