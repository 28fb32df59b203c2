"""The box «согласие на распространение» ticked inside a consent to processing becomes a consent
to distribution of its own when the portal is upgraded (migration 0010), with the same dates,
method, scan and withdrawal; a consent without the box gives none."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("participants", "0009_publication_consent_and_requisites")]
AFTER = [("participants", "0010_publication_consents_from_the_box")]


# serialized_rollback, as every transactional test here: the flush at its end must not rebuild
# the content types, which the next serialized test in the worker restores itself.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_ticked_box_becomes_a_consent_to_distribution():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Organisation = old.get_model("participants", "Organisation")
    Person = old.get_model("participants", "Person")
    ConsentText = old.get_model("participants", "ConsentText")
    Consent = old.get_model("participants", "Consent")
    school = Organisation.objects.create(full_name="Гимназия", short_name="МАОУ гимназия № 2")
    text = ConsentText.objects.create(organisation=school, version=1, body="Текст")
    teacher = Person.objects.create(organisation=school, last_name="Зуев", first_name="Антон")
    pupil = Person.objects.create(
        organisation=school, last_name="Лаптева", first_name="Вера", category="student"
    )
    quiet = Person.objects.create(organisation=school, last_name="Орлов", first_name="Игорь")
    given_at = timezone.make_aware(timezone.datetime(2025, 9, 1, 12))
    common = {"text": text, "purposes": "п", "data_categories": "д", "given_at": given_at}
    Consent.objects.create(
        person=teacher, method="online", typed_name="Зуев Антон", publication_consent=True,
        ip_address="10.0.0.1", **common,
    )  # fmt: skip
    Consent.objects.create(
        person=pupil, method="paper", scan="consents/scan.pdf", publication_consent=True,
        withdrawn_on=date(2025, 10, 1), withdrawal_reason="Заявление", **common,
    )  # fmt: skip
    Consent.objects.create(person=quiet, method="paper", publication_consent=False, **common)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    PublicationConsent = new.get_model("participants", "PublicationConsent")
    moved = {p.person_id: p for p in PublicationConsent.objects.all()}
    assert set(moved) == {teacher.pk, pupil.pk}
    online, paper = moved[teacher.pk], moved[pupil.pk]
    assert (online.method, online.typed_name, online.ip_address) == (
        "online",
        "Зуев Антон",
        "10.0.0.1",
    )
    assert online.given_at == given_at and online.withdrawn_on is None and online.photo
    assert online.data_items.startswith("фамилия, имя, отчество; должность")
    assert "МАОУ гимназия № 2" in online.resources
    assert paper.scan == "consents/scan.pdf" and paper.withdrawn_on == date(2025, 10, 1)
    assert paper.data_items.startswith("фамилия, имя, отчество; класс")

    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
