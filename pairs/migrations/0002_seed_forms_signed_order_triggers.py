"""Seed the forms of mentoring, and make the database refuse changes to a signed order.

The trigger refuses any UPDATE of a signed order's row and any new pair linked to it, whoever
issues the statement (the portal, a script, the admin). Deleting a whole organisation still
removes its orders (and a test database can still be flushed), so DELETE is guarded in Python.
"""

from django.db import migrations

FORMS = [
    ("form", "учитель – учитель", "", 10),
    ("form", "руководитель образовательной организации – учитель", "", 20),
    ("form", "ученик – ученик", "", 30),
    ("form", "студент – ученик", "", 40),
    ("form", "работодатель – ученик", "", 50),
    ("form", "учитель – ученик", "", 60),
    ("kind", "традиционное наставничество («один на один»)", "traditional", 110),
    ("kind", "групповое наставничество", "group", 120),
    ("kind", "виртуальное (дистанционное) наставничество", "virtual", 130),
    ("kind", "реверсивное наставничество", "reverse", 140),
    ("kind", "ситуационное наставничество", "situational", 150),
    ("kind", "скоростное наставничество", "speed", 160),
    ("kind", "флеш-наставничество", "flash", 170),
    ("kind", "краткосрочное (целеполагающее) наставничество", "", 180),
    ("kind", "партнёрское наставничество («равный – равному»)", "peer", 190),
]


def seed_forms(apps, schema_editor):
    MentoringForm = apps.get_model("pairs", "MentoringForm")
    for group, name, code, order in FORMS:
        MentoringForm.objects.get_or_create(
            name=name, defaults={"group": group, "kind_code": code, "order": order}
        )


SQLITE_FORWARD = [
    """CREATE TRIGGER pairs_order_signed_no_update BEFORE UPDATE ON pairs_order
    FOR EACH ROW WHEN OLD.status = 'signed'
    BEGIN SELECT RAISE(ABORT, 'Подписанный приказ не изменяется: изменения вносятся новым приказом.'); END;""",
    """CREATE TRIGGER pairs_order_signed_no_new_pairs BEFORE INSERT ON pairs_order_pairs
    FOR EACH ROW WHEN (SELECT status FROM pairs_order WHERE id = NEW.order_id) = 'signed'
    BEGIN SELECT RAISE(ABORT, 'Подписанный приказ не изменяется: изменения вносятся новым приказом.'); END;""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS pairs_order_signed_no_update;",
    "DROP TRIGGER IF EXISTS pairs_order_signed_no_new_pairs;",
]

POSTGRES_FORWARD = [
    """CREATE OR REPLACE FUNCTION pairs_order_refuse_signed() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'Подписанный приказ не изменяется: изменения вносятся новым приказом.' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER pairs_order_signed_no_update BEFORE UPDATE ON pairs_order
    FOR EACH ROW WHEN (OLD.status = 'signed') EXECUTE FUNCTION pairs_order_refuse_signed();""",
    """CREATE OR REPLACE FUNCTION pairs_order_pairs_refuse_signed() RETURNS trigger AS $$
    BEGIN
        IF (SELECT status FROM pairs_order WHERE id = NEW.order_id) = 'signed' THEN
            RAISE EXCEPTION 'Подписанный приказ не изменяется: изменения вносятся новым приказом.'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER pairs_order_signed_no_new_pairs BEFORE INSERT ON pairs_order_pairs
    FOR EACH ROW EXECUTE FUNCTION pairs_order_pairs_refuse_signed();""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS pairs_order_signed_no_update ON pairs_order;",
    "DROP TRIGGER IF EXISTS pairs_order_signed_no_new_pairs ON pairs_order_pairs;",
    "DROP FUNCTION IF EXISTS pairs_order_refuse_signed();",
    "DROP FUNCTION IF EXISTS pairs_order_pairs_refuse_signed();",
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("pairs", "0001_pairs_forms_orders_programs")]

    operations = [
        migrations.RunPython(seed_forms, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
