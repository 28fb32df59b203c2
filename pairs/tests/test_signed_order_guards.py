"""A signed order and its list of pairs are never changed, by the portal or past it.

The ORM refuses first with the portal's message; the database triggers refuse the same write
issued any other way (raw SQL, the through model's queryset). The trigger's column list is
read back from the database and compared with the model, so a new field cannot stay unlocked.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from pairs.models import Order, OrderRemoval
from pairs.models.order import SIGNED_ORDER_MESSAGE
from pairs.tests.factories import make_order, make_pair, signed_order

Through = Order.pairs.through


def listed(order) -> list[int]:
    return sorted(Through.objects.filter(order=order).values_list("pair_id", flat=True))


@pytest.fixture
def signed(world):
    return signed_order(world.school, pairs=[make_pair(world.school), make_pair(world.school)])


def test_the_orm_refuses_to_change_a_signed_orders_pairs_with_the_portals_message(world, signed):
    before = listed(signed)
    other = make_pair(world.school)
    first = signed.pairs.first()
    attempts = [
        signed.pairs.clear,
        lambda: signed.pairs.remove(first),
        lambda: signed.pairs.set([other]),
        lambda: signed.pairs.add(other),
        lambda: first.orders.clear(),
        lambda: first.orders.remove(signed),
        lambda: other.orders.add(signed),
    ]
    for attempt in attempts:
        # The related manager writes in an atomic block without a savepoint: give it one.
        with pytest.raises(ValidationError) as error, transaction.atomic():
            attempt()
        assert error.value.messages == [SIGNED_ORDER_MESSAGE]
    assert listed(signed) == before


def test_the_database_refuses_to_change_a_signed_orders_pairs(world, signed):
    """Past the ORM: raw SQL and the through model's own queryset meet the triggers."""
    before = listed(signed)
    other = make_pair(world.school)
    statements = [
        ("DELETE FROM pairs_order_pairs WHERE order_id = %s", [signed.pk]),
        ("UPDATE pairs_order_pairs SET pair_id = %s WHERE order_id = %s", [other.pk, signed.pk]),
        (
            "INSERT INTO pairs_order_pairs (order_id, pair_id) VALUES (%s, %s)",
            [signed.pk, other.pk],
        ),
    ]
    for sql, params in statements:
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    with pytest.raises(IntegrityError), transaction.atomic():
        Through.objects.filter(order=signed).delete()
    # A pair of a draft moved into the signed order is refused by the NEW side of the UPDATE.
    draft = make_order(world.school, pairs=[other])
    with pytest.raises(IntegrityError), transaction.atomic():
        Through.objects.filter(order=draft).update(order=signed)
    assert listed(signed) == before


def test_a_drafts_pairs_stay_editable(world):
    pair, other = make_pair(world.school), make_pair(world.school)
    draft = make_order(world.school, pairs=[pair])
    draft.pairs.set([other])
    assert listed(draft) == [other.pk]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM pairs_order_pairs WHERE order_id = %s", [draft.pk])
    assert listed(draft) == []


def test_a_removed_school_takes_its_signed_orders_and_their_lists(world, signed):
    world.school.delete()
    assert not Order.objects.filter(pk=signed.pk).exists()
    assert not Through.objects.filter(order_id=signed.pk).exists()
    assert not OrderRemoval.objects.exists()  # the release lasts only as long as the deletion


def test_a_release_does_not_outlive_its_order(world, signed):
    """Deleting a draft records and forgets its release in the same statement."""
    draft = make_order(world.school, pairs=[make_pair(world.school)])
    draft.delete()
    assert not OrderRemoval.objects.exists()
    # A release written by hand for a signed order still leaves the list alone for UPDATE.
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pairs_order_pairs SET order_id = order_id WHERE order_id = %s", [signed.pk]
        )


# --- the triggers, read back from the database ------------------------------------------------


def trigger_sql(table: str) -> list[str]:
    """The definition of every trigger on ``table``, as the database holds it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
        else:
            cursor.execute(
                "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relname = %s AND NOT t.tgisinternal",
                [table],
            )
        return [" ".join(row[0].split()) for row in cursor.fetchall()]


def guarded_update_columns(definition: str) -> set[str]:
    match = re.search(r"BEFORE UPDATE OF (.+?) ON ", definition, re.IGNORECASE)
    assert match, definition
    return {column.strip().strip('"') for column in match.group(1).split(",")}


def test_the_signed_order_trigger_locks_every_column_but_the_declared_ones(db):
    """A field added to Order is locked by the trigger, or declared unguarded with a reason."""
    (definition,) = [d for d in trigger_sql("pairs_order") if "BEFORE UPDATE" in d.upper()]
    columns = {field.column for field in Order._meta.concrete_fields}
    assert set(Order.UNGUARDED_COLUMNS) <= columns, "an unguarded column the model no longer has"
    assert guarded_update_columns(definition) == columns - set(Order.UNGUARDED_COLUMNS)
    assert re.search(r"WHEN \(*old\.status\)*(::text)? = 'signed'", definition, re.I), definition


def test_the_list_of_pairs_is_locked_whole_for_insert_update_and_delete(db):
    definitions = trigger_sql(Through._meta.db_table)
    events = set()
    for definition in definitions:
        match = re.search(
            r"BEFORE ((?:INSERT|UPDATE|DELETE)(?: OR (?:INSERT|UPDATE|DELETE))*)",
            definition,
            re.IGNORECASE,
        )
        assert match, definition
        assert " UPDATE OF " not in definition.upper(), "the whole row is locked, not columns"
        events |= {event.upper() for event in match.group(1).split(" OR ")}
    assert events == {"INSERT", "UPDATE", "DELETE"}
    # Every column of the through table is the list itself.
    assert {f.column for f in Through._meta.concrete_fields} == {"id", "order_id", "pair_id"}


def test_the_helper_for_later_migrations_makes_the_same_triggers(db):
    """``pairs.triggers`` (for a migration that rebuilds pairs_order) drops and makes again
    exactly what migrations 0002-0006 left in the database."""
    from types import SimpleNamespace

    from pairs import triggers

    tables = ("pairs_order", Through._meta.db_table)
    before = {table: sorted(trigger_sql(table)) for table in tables}
    with connection.cursor() as cursor:
        editor = SimpleNamespace(connection=connection, execute=cursor.execute)
        triggers.drop(None, editor)
        if connection.vendor == "sqlite":
            assert trigger_sql("pairs_order") == [] and trigger_sql(tables[1]) == []
        triggers.create(None, editor)
    assert {table: sorted(trigger_sql(table)) for table in tables} == before
