"""A signed order's list of pairs is as locked as its row: no pair added, changed or taken out.

0002 refused only an INSERT into ``pairs_order_pairs``: ``order.pairs.clear()`` on a signed order
emptied its appendix. Now UPDATE and DELETE are refused too, except when the order row itself
goes (a whole school removed, see ``OrderRemoval``): Django deletes the list first, so the
deleting transaction records the order in ``pairs_orderremoval`` and a trigger on the order's
DELETE removes that record again.
"""

from django.db import migrations, models

MESSAGE = "Подписанный приказ не изменяется: изменения вносятся новым приказом."
SIGNED = "(SELECT status FROM pairs_order WHERE id = {side}.order_id) = 'signed'"
RELEASED = "EXISTS (SELECT 1 FROM pairs_orderremoval WHERE order_id = OLD.order_id)"

SQLITE = [
    f"""CREATE TRIGGER pairs_order_signed_no_pairs_update BEFORE UPDATE ON pairs_order_pairs
    FOR EACH ROW WHEN {SIGNED.format(side="OLD")} OR {SIGNED.format(side="NEW")}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER pairs_order_signed_no_pairs_delete BEFORE DELETE ON pairs_order_pairs
    FOR EACH ROW WHEN {SIGNED.format(side="OLD")} AND NOT {RELEASED}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    """CREATE TRIGGER pairs_order_removed AFTER DELETE ON pairs_order
    FOR EACH ROW BEGIN DELETE FROM pairs_orderremoval WHERE order_id = OLD.id; END;""",
]
SQLITE_BACK = [
    "DROP TRIGGER IF EXISTS pairs_order_signed_no_pairs_update;",
    "DROP TRIGGER IF EXISTS pairs_order_signed_no_pairs_delete;",
    "DROP TRIGGER IF EXISTS pairs_order_removed;",
]
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION pairs_order_pairs_refuse_change() RETURNS trigger AS $$
    BEGIN
        IF {SIGNED.format(side="OLD")}
           AND NOT (TG_OP = 'DELETE' AND {RELEASED}) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        IF {SIGNED.format(side="NEW")} THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER pairs_order_signed_no_pairs_change BEFORE UPDATE OR DELETE ON pairs_order_pairs
    FOR EACH ROW EXECUTE FUNCTION pairs_order_pairs_refuse_change();""",
    """CREATE OR REPLACE FUNCTION pairs_order_forget_removal() RETURNS trigger AS $$
    BEGIN
        DELETE FROM pairs_orderremoval WHERE order_id = OLD.id;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER pairs_order_removed AFTER DELETE ON pairs_order
    FOR EACH ROW EXECUTE FUNCTION pairs_order_forget_removal();""",
]
POSTGRES_BACK = [
    "DROP TRIGGER IF EXISTS pairs_order_signed_no_pairs_change ON pairs_order_pairs;",
    "DROP TRIGGER IF EXISTS pairs_order_removed ON pairs_order;",
    "DROP FUNCTION IF EXISTS pairs_order_pairs_refuse_change();",
    "DROP FUNCTION IF EXISTS pairs_order_forget_removal();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("pairs", "0003_signed_order_trigger_on_document_columns_restrict_deletes"),
    ]

    operations = [
        migrations.CreateModel(
            name="OrderRemoval",
            fields=[
                ("order_id", models.BigIntegerField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "удаление приказа вместе со школой",
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_BACK, "postgresql": POSTGRES_BACK}),
        ),
    ]
