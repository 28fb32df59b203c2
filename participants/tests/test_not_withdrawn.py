"""Person.objects.not_withdrawn() is the complement of consent_withdrawn(), computed from each
row's own consents (correlated EXISTS): a school's query does not read the withdrawals of every
school of the district."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participants.models import Person
from participants.services import consent_withdraw
from participants.tests.factories import ConsentFactory

pytestmark = pytest.mark.django_db


def test_not_withdrawn_is_everybody_but_the_withdrawn(world, give_consent):
    people = world.people
    give_consent(people["mentor"])  # valid
    withdrawn = give_consent(people["mentee"])
    consent_withdraw(
        consent=withdrawn, by=world.user("curator"), date=timezone.localdate(), reason="Заявление"
    )
    again = give_consent(people["teacher"])
    consent_withdraw(
        consent=again, by=world.user("curator"), date=timezone.localdate(), reason="Заявление"
    )
    ConsentFactory(person=people["teacher"], text=again.text)  # consented again
    expired = give_consent(people["working_group"])
    expired.valid_until = timezone.localdate() - timedelta(days=1)
    expired.save()

    everybody = set(Person.objects.values_list("pk", flat=True))
    out = set(Person.objects.consent_withdrawn().values_list("pk", flat=True))
    assert out == {people["mentee"].pk}
    assert set(Person.objects.not_withdrawn().values_list("pk", flat=True)) == everybody - out


def test_a_schools_query_reads_only_its_own_peoples_consents(world):
    with CaptureQueriesContext(connection) as queries:
        list(Person.objects.filter(organisation=world.school).not_withdrawn())
    (sql,) = [query["sql"] for query in queries]
    # Every consent subquery is tied to the row's person, none lists people of the district.
    assert sql.count("EXISTS") == 2
    assert " IN (SELECT" not in sql.upper()
