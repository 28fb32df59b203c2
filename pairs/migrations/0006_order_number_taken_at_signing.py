"""Order numbers are taken at signing: a draft has no number, year or date.

Every unsigned order gives its number back (and its automatic date: it is dated the day it is
signed), and each school's counter goes back to its last signed number, so the next signing
continues the register without a gap.

On SQLite, altering the columns rebuilds ``pairs_order``: that drops its triggers, and SQLite
refuses the rebuild while the triggers of the list of pairs name the table, so all of them are
dropped first and made again after (the same statements as 0002-0004, the same document
columns). A later migration that rebuilds ``pairs_order`` does the same with ``pairs.triggers``.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Max

MESSAGE = "Подписанный приказ не изменяется: изменения вносятся новым приказом."
GUARDED = """organisation_id, kind, year, number, date, title, preamble, points, controller,
    amends_id, status, return_comment, submitted_at, signed_at, signatory_name,
    signatory_position, pdf, pdf_sha256"""
SIGNED = "(SELECT status FROM pairs_order WHERE id = {side}.order_id) = 'signed'"
RELEASED = "EXISTS (SELECT 1 FROM pairs_orderremoval WHERE order_id = OLD.order_id)"
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER pairs_order_signed_no_update
    BEFORE UPDATE OF {GUARDED}
    ON pairs_order
    FOR EACH ROW WHEN OLD.status = 'signed'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    """CREATE TRIGGER pairs_order_removed AFTER DELETE ON pairs_order
    FOR EACH ROW BEGIN DELETE FROM pairs_orderremoval WHERE order_id = OLD.id; END;""",
    # The list of pairs (0002, 0004): these name pairs_order, which SQLite will not rename
    # while they exist, so they are dropped before the rebuild and made again after it.
    f"""CREATE TRIGGER pairs_order_signed_no_new_pairs BEFORE INSERT ON pairs_order_pairs
    FOR EACH ROW WHEN {SIGNED.format(side="NEW")}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER pairs_order_signed_no_pairs_update BEFORE UPDATE ON pairs_order_pairs
    FOR EACH ROW WHEN {SIGNED.format(side="OLD")} OR {SIGNED.format(side="NEW")}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER pairs_order_signed_no_pairs_delete BEFORE DELETE ON pairs_order_pairs
    FOR EACH ROW WHEN {SIGNED.format(side="OLD")} AND NOT {RELEASED}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_TRIGGER_NAMES = [
    "pairs_order_signed_no_update",
    "pairs_order_removed",
    "pairs_order_signed_no_new_pairs",
    "pairs_order_signed_no_pairs_update",
    "pairs_order_signed_no_pairs_delete",
]


def release_draft_numbers(apps, schema_editor):
    Order = apps.get_model("pairs", "Order")
    OrderCounter = apps.get_model("pairs", "OrderCounter")
    Order.objects.exclude(status="signed").update(number=None, year=None, date=None)
    for counter in OrderCounter.objects.all():
        top = Order.objects.filter(
            organisation_id=counter.organisation_id, year=counter.year, status="signed"
        ).aggregate(top=Max("number"))["top"]
        counter.last_number = top or 0
        counter.save(update_fields=["last_number"])


def keep_draft_numbers(apps, schema_editor):  # pragma: no cover - going back
    """Going back, every draft needs a number again: the next ones of its creation year."""
    Order = apps.get_model("pairs", "Order")
    for order in Order.objects.filter(number__isnull=True).order_by("created_at"):
        year = order.created_at.year
        top = Order.objects.filter(organisation_id=order.organisation_id, year=year).aggregate(
            top=Max("number")
        )["top"]
        order.year, order.number = year, (top or 0) + 1
        order.date = order.date or order.created_at.date()
        order.save(update_fields=["year", "number", "date"])


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_TRIGGER_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};")


def create_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('pairs', '0005_random_duties_scan_names'),
        ('participants', '0005_random_scan_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, create_sqlite_triggers),
        migrations.AlterModelOptions(
            name='order',
            options={'ordering': [models.OrderBy(models.F('year'), descending=True, nulls_first=True), models.OrderBy(models.F('number'), descending=True, nulls_first=True), '-created_at'], 'verbose_name': 'приказ', 'verbose_name_plural': 'приказы'},
        ),
        migrations.AlterField(
            model_name='historicalorder',
            name='date',
            field=models.DateField(blank=True, help_text='Если не указана, приказ датируется днём подписания.', null=True, verbose_name='дата приказа'),
        ),
        migrations.AlterField(
            model_name='historicalorder',
            name='number',
            field=models.PositiveIntegerField(blank=True, help_text='Присваивается при подписании.', null=True, verbose_name='номер'),
        ),
        migrations.AlterField(
            model_name='historicalorder',
            name='year',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='год'),
        ),
        migrations.AlterField(
            model_name='order',
            name='date',
            field=models.DateField(blank=True, help_text='Если не указана, приказ датируется днём подписания.', null=True, verbose_name='дата приказа'),
        ),
        migrations.AlterField(
            model_name='order',
            name='number',
            field=models.PositiveIntegerField(blank=True, help_text='Присваивается при подписании.', null=True, verbose_name='номер'),
        ),
        migrations.AlterField(
            model_name='order',
            name='year',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='год'),
        ),
        migrations.RunPython(release_draft_numbers, keep_draft_numbers),
        migrations.AddConstraint(
            model_name='order',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'signed'), ('number__isnull', False), ('year__isnull', False), ('date__isnull', False)), models.Q(models.Q(('status', 'signed'), _negated=True), ('number__isnull', True), ('year__isnull', True)), _connector='OR'), name='order_numbered_when_signed_only'),
        ),
        migrations.RunPython(create_sqlite_triggers, drop_sqlite_triggers),
    ]
