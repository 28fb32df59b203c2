"""The consent state of a school's lists reads that school's consents only: every consent EXISTS
of the people list, the banks and the home page is limited to the school, so its cost does not
grow with the other schools of a region. (PostgreSQL answered the people list's two EXISTS from
a hashed scan of every consent of the database: 37 ms at 300 schools, 0.6 ms scoped, on
bench/region_scale.py's database; a plan depends on the statistics, so the test checks the SQL.)"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pairs.tests.factories import give_consent
from participants.models import Consent, Person
from tests.factories import OrganisationFactory, PersonFactory


def another_school_with_consents(count=300):
    school = OrganisationFactory()
    for n in range(count):
        consent = give_consent(PersonFactory(organisation=school))
        if n % 3 == 0:
            Consent.objects.filter(pk=consent.pk).update(withdrawn_on="2026-11-01")
    return school


@pytest.mark.parametrize(
    "url", ["/people/", "/banks/mentees/", "/banks/mentors/", "/"], ids=lambda u: u
)
def test_each_consent_exists_is_limited_to_the_school(world, client_for, url):
    client = client_for("curator")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    queries = [q["sql"] for q in captured if "participants_consent" in q["sql"]]
    assert queries, "the page reads no consent state"
    for sql in queries:
        consent_reads = sql.count('FROM "participants_consent"')
        scoped = len(
            re.findall(
                r'FROM "participants_consent" U0 INNER JOIN "participants_person" U1 '
                rf'ON \(U0."person_id" = U1."id"\) WHERE \(.*?U1."organisation_id" = '
                rf"{world.school.pk}",
                sql,
            )
        )
        assert consent_reads == scoped, sql


def test_people_list_shows_the_same_states_and_queries_with_a_big_neighbour(
    world, client_for, django_assert_num_queries
):
    school = world.school
    valid = give_consent(PersonFactory(organisation=school, last_name="Аа")).person
    withdrawn = give_consent(PersonFactory(organisation=school, last_name="Бб"))
    Consent.objects.filter(pk=withdrawn.pk).update(withdrawn_on="2026-11-01")
    missing = PersonFactory(organisation=school, last_name="Вв")
    client = client_for("curator")
    with CaptureQueriesContext(connection) as before:
        client.get("/people/")
    another_school_with_consents(60)
    with django_assert_num_queries(len(before)):
        page = client.get("/people/")
    rows = {p.pk: (p.consent_valid, p.consent_withdrawn) for p in page.context["page"]}
    assert rows[valid.pk] == (True, False)
    assert rows[withdrawn.person_id] == (False, True)
    assert rows[missing.pk] == (False, False)
    assert {p.organisation_id for p in page.context["page"]} == {school.pk}
    assert Person.objects.exclude(organisation=school).count() >= 60
