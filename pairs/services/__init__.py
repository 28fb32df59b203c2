"""Business rules of pairs, orders and programs: each a keyword-only function in a transaction.

A rule that refuses raises the portal's ``ServiceError`` (a ``ValidationError``) with a Russian
message and a code (and, where the message belongs to a form field, the field's name), so views
show it through ``show_error`` and tests can call the rules without a request.

The rules live in one module per feature; callers keep importing them from ``pairs.services``.
"""

from pairs.services.acknowledgements import (
    order_acknowledge,
    order_acknowledgement_rows,
)
from pairs.services.duties import duties_consent_record, people_without_duties_consent
from pairs.services.orders import (
    ORDER_ACTIVITY_WORDS,
    allocate_order_number,
    order_create,
    order_default_pairs,
    order_delete,
    order_filename,
    order_pairs_check,
    order_return,
    order_sign,
    order_submit,
    order_template,
    order_update,
    roadmap_activity_for_order,
)
from pairs.services.pairs import (
    current_roadmap,
    mentor_loads,
    mentor_profiles_in_bank,
    pair_activate,
    pair_check,
    pair_complete,
    pair_create,
    pair_delete,
    pair_end_early,
    pair_update,
    pairs_create_from_proposal,
)
from pairs.services.programs import (
    meeting_add,
    next_meeting_plan,
    program_create,
    program_item_mark_done,
    program_item_unmark,
    program_items_mark_done,
)

__all__ = [
    "ORDER_ACTIVITY_WORDS",
    "allocate_order_number",
    "current_roadmap",
    "duties_consent_record",
    "meeting_add",
    "next_meeting_plan",
    "mentor_loads",
    "order_acknowledge",
    "order_acknowledgement_rows",
    "mentor_profiles_in_bank",
    "order_create",
    "order_delete",
    "order_default_pairs",
    "order_filename",
    "order_pairs_check",
    "order_return",
    "order_sign",
    "order_submit",
    "order_template",
    "order_update",
    "pair_activate",
    "pair_check",
    "pair_complete",
    "pair_create",
    "pair_delete",
    "pair_end_early",
    "pair_update",
    "pairs_create_from_proposal",
    "people_without_duties_consent",
    "program_create",
    "program_item_mark_done",
    "program_item_unmark",
    "program_items_mark_done",
    "roadmap_activity_for_order",
]
