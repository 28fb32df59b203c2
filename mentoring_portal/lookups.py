"""``__in`` lookups that ignore integers no database column can hold.

Django guards ``pk=<huge>`` (``IntegerFieldExact`` turns an out-of-range value into an empty
result) but not ``pk__in=[<huge>]``: SQLite's driver raises ``OverflowError`` and the page is a 500.
Every id list the portal receives from a request (a form's ``ModelMultipleChoiceField``,
``?mentors=``, a proposal's ``choice``) ends in such a lookup, so the guard lives here, once: an id
beyond 64 bits names no record and matches nothing, and the form says «Выберите корректный вариант».
"""

from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In

# The widest integer column of every supported database (SQLite INTEGER, PostgreSQL bigint).
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def fits_in_a_column(value) -> bool:
    return not isinstance(value, int) or INT64_MIN <= value <= INT64_MAX


class OutOfRangeIntegersMatchNothing:
    def get_prep_lookup(self):
        rhs = super().get_prep_lookup()
        if isinstance(rhs, list):  # values, not a subquery or expressions
            rhs = [value for value in rhs if fits_in_a_column(value)]
        return rhs


class IntegerFieldIn(OutOfRangeIntegersMatchNothing, In):
    pass


class RelatedIntegerIn(OutOfRangeIntegersMatchNothing, RelatedIn):
    pass


def register():
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
