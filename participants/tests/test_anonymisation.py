from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from participants.models import Consent, MenteeRequest, Person
from participants.services import consent_withdraw
from participants.tests.factories import MenteeRequestFactory

pytestmark = pytest.mark.django_db


def withdraw(consent, days_ago, world):
    consent.given_at = consent.given_at - timedelta(days=400)
    consent.save()
    consent_withdraw(
        consent=consent,
        by=world.user("curator"),
        date=timezone.localdate() - timedelta(days=days_ago),
        reason="Заявление от участника",
    )


def test_command_anonymises_after_30_days_and_keeps_the_record(world, give_consent):
    teacher = world.people["teacher"]
    account_pk = teacher.user_id
    teacher.birth_date = date(1999, 1, 1)
    teacher.phone = "+7 900 000-00-00"
    teacher.save()
    consent = give_consent(teacher, paper=True)
    MenteeRequestFactory(person=teacher, expected_result="Секретные трудности")
    recent = give_consent(world.people["mentee"])
    withdraw(consent, 31, world)
    withdraw(recent, 5, world)

    call_command("anonymise_withdrawn")

    teacher.refresh_from_db()
    assert teacher.last_name == teacher.first_name == "Удалено"
    assert (teacher.middle_name, teacher.birth_date, teacher.phone, teacher.email) == (
        "",
        None,
        "",
        "",
    )
    assert teacher.anonymised_at is not None
    assert teacher.user is None
    kept = Consent.objects.get(pk=consent.pk)
    assert kept.is_withdrawn and kept.withdrawal_reason == "Заявление от участника"
    assert not kept.scan
    assert MenteeRequest.objects.get(person=teacher).expected_result == ""
    assert not Person.history.filter(id=teacher.pk, last_name__startswith="Иван").exists()
    assert not Person.history.filter(id=teacher.pk).exclude(last_name="Удалено").exists()
    account = get_user_model().objects.get(pk=account_pk)
    assert not account.is_active and account.memberships.count() == 0
    # Withdrawn only 5 days ago: not yet.
    mentee = Person.objects.get(pk=world.people["mentee"].pk)
    assert mentee.anonymised_at is None and mentee.last_name != "Удалено"


def test_a_person_who_consented_again_is_kept(world, give_consent):
    mentor = world.people["mentor"]
    withdraw(give_consent(mentor), 60, world)
    give_consent(mentor)
    call_command("anonymise_withdrawn")
    mentor.refresh_from_db()
    assert mentor.anonymised_at is None


def test_hooks_of_other_apps_run(world, give_consent):
    from participants import anonymisation

    seen = []
    hook = anonymisation.register(seen.append)
    try:
        withdraw(give_consent(world.people["teacher"]), 45, world)
        call_command("anonymise_withdrawn")
    finally:
        anonymisation._hooks.remove(hook)
    assert [p.pk for p in seen] == [world.people["teacher"].pk]
