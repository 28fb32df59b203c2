"""The two Python guards of a signed order's list of pairs that no model method can hold.

They stand in front of the database triggers (migration 0004), which refuse the same writes from
anywhere; these refuse first, with the portal's message instead of a database error.
"""

from django.db.models.signals import m2m_changed, pre_delete
from django.dispatch import receiver

from pairs.models import Order, OrderRemoval
from pairs.models.order import signed_order_refusal

CHANGING_ACTIONS = ("pre_add", "pre_remove", "pre_clear")


@receiver(m2m_changed, sender=Order.pairs.through)
def refuse_pairs_change_of_signed_order(sender, instance, action, reverse, pk_set, **kwargs):
    """``order.pairs.add/remove/set/clear`` and ``pair.orders.…`` on a signed order."""
    if action not in CHANGING_ACTIONS:
        return
    if not reverse:
        if instance.pk and Order.objects.signed().filter(pk=instance.pk).exists():
            raise signed_order_refusal()
        return
    # From the pair's side: the orders named (all of the pair's orders for a clear).
    orders = Order.objects.signed()
    orders = orders.filter(pairs=instance) if pk_set is None else orders.filter(pk__in=pk_set)
    if orders.exists():
        raise signed_order_refusal()


@receiver(pre_delete, sender=Order)
def release_removed_orders(sender, instance, **kwargs):
    """An order deleted by Django's collector (its school removed: :meth:`Order.delete` refuses a
    signed one itself) takes its list of pairs with it; the trigger lets that list go."""
    OrderRemoval.objects.get_or_create(order_id=instance.pk)
