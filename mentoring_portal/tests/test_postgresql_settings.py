"""PostgreSQL runs the portal's queries without JIT compilation (see settings.base)."""

import pytest
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_no_jit_on_the_portal_connection(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
