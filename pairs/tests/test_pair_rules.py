"""Every rule of a pair or group, each with a failing case."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pairs import services
from pairs.models import MentoringForm, Pair, PairMember
from pairs.tests.factories import (
    PERIOD,
    duties_consent,
    give_consent,
    make_pair,
    mentor_in_bank,
    ready_mentee,
    ready_mentor,
    teacher_form,
)
from participants.models import MentorProfile
from tests.factories import PersonFactory


def codes(error: ValidationError) -> set[str]:
    return {e.code for errors in error.error_dict.values() for e in errors}


def create(org, mentors, mentees, **fields):
    return services.pair_create(
        organisation=org,
        form=fields.get("form") or teacher_form(),
        mentors=mentors,
        mentees=mentees,
        period_start=fields.get("period_start", PERIOD[0]),
        period_end=fields.get("period_end", PERIOD[1]),
        goal="Цель",
    )


def test_forms_of_mentoring_are_seeded(db):
    names = set(MentoringForm.objects.values_list("name", flat=True))
    for name in [
        "учитель – учитель",
        "ученик – ученик",
        "студент – ученик",
        "работодатель – ученик",
        "руководитель образовательной организации – учитель",
        "флеш-наставничество",
        "скоростное наставничество",
        "реверсивное наставничество",
    ]:
        assert name in names
    assert MentoringForm.objects.filter(group="kind").count() >= 8


def test_a_valid_pair_is_proposed(world, mentor, mentee):
    pair = create(world.school, [mentor], [mentee])
    assert pair.status == Pair.Status.PROPOSED
    assert {(m.person_id, m.role) for m in pair.members.all()} == {
        (mentor.pk, "mentor"),
        (mentee.pk, "mentee"),
    }


def test_no_pair_without_consent_of_everyone(world, mentor):
    mentee = PersonFactory(organisation=world.school)  # no consent at all
    with pytest.raises(ValidationError) as error:
        create(world.school, [mentor], [mentee])
    assert "no_consent" in codes(error.value)
    assert mentee.short_name in str(error.value)
    assert not Pair.objects.exists()


def test_withdrawn_consent_blocks_the_pair(world, mentor, mentee):
    mentee.consents.update(withdrawn_on=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        create(world.school, [mentor], [mentee])
    assert "no_consent" in codes(error.value)


def test_mentor_capacity(world):
    mentor = PersonFactory(organisation=world.school)
    mentor_in_bank(mentor, max_mentees=1)
    create(world.school, [mentor], [ready_mentee(world.school)])
    with pytest.raises(ValidationError) as error:
        create(world.school, [mentor], [ready_mentee(world.school)])
    assert "capacity" in codes(error.value)
    assert "не более 1" in str(error.value)


def test_a_group_counts_every_mentee_against_capacity(world):
    mentor = PersonFactory(organisation=world.school)
    mentor_in_bank(mentor, max_mentees=2)
    mentees = [ready_mentee(world.school) for _ in range(3)]
    with pytest.raises(ValidationError) as error:
        create(world.school, [mentor], mentees)
    assert "capacity" in codes(error.value)
    pair = create(world.school, [mentor], mentees[:2])
    assert pair.is_group


def test_an_ended_pair_frees_the_place(world):
    mentor = PersonFactory(organisation=world.school)
    mentor_in_bank(mentor, max_mentees=1)
    pair = create(world.school, [mentor], [ready_mentee(world.school)])
    with pytest.raises(ValidationError) as error:
        create(world.school, [mentor], [ready_mentee(world.school)])
    assert "capacity" in codes(error.value)
    services.pair_end_early(pair=pair, ended_on=date(2026, 10, 1), reason="Увольнение")
    second = create(world.school, [mentor], [ready_mentee(world.school)])
    assert second.status == Pair.Status.PROPOSED
    assert services.mentor_loads(world.school) == {mentor.pk: 1}


def test_mentor_must_be_in_the_bank(world, mentee):
    outsider_mentor = PersonFactory(organisation=world.school)
    give_consent(outsider_mentor)
    with pytest.raises(ValidationError) as error:
        create(world.school, [outsider_mentor], [mentee])
    assert "not_in_bank" in codes(error.value)


def test_mentee_in_one_current_pair_of_a_form(world, mentee):
    create(world.school, [ready_mentor(world.school)], [mentee])
    with pytest.raises(ValidationError) as error:
        create(world.school, [ready_mentor(world.school)], [mentee])
    assert "mentee_busy" in codes(error.value)
    # Another form at the same time is allowed.
    other_form = MentoringForm.objects.get(
        name="руководитель образовательной организации – учитель"
    )
    create(world.school, [ready_mentor(world.school)], [mentee], form=other_form)


def test_nobody_on_both_sides(world, mentor):
    with pytest.raises(ValidationError) as error:
        create(world.school, [mentor], [mentor])
    assert "both_sides" in codes(error.value)


def test_people_of_another_school_are_refused(world, mentor):
    stranger = ready_mentee(world.other_school)
    with pytest.raises(ValidationError) as error:
        create(world.school, [mentor], [stranger])
    assert "other_org" in codes(error.value)


def test_period_inside_the_roadmap(world, mentor, mentee):
    from roadmap.models import Roadmap

    Roadmap.objects.create(
        organisation=world.school,
        title="Дорожная карта 2026/2027",
        period_start=date(2026, 9, 1),
        period_end=date(2027, 8, 31),
        status=Roadmap.Status.APPROVED,
    )
    with pytest.raises(ValidationError) as error:
        create(
            world.school,
            [mentor],
            [mentee],
            period_start=date(2026, 9, 1),
            period_end=date(2027, 12, 31),
        )
    assert "outside_roadmap" in codes(error.value)
    assert "01.09.2026 – 31.08.2027" in str(error.value)
    create(world.school, [mentor], [mentee])


def test_period_order(world, mentor, mentee):
    with pytest.raises(ValidationError) as error:
        create(
            world.school,
            [mentor],
            [mentee],
            period_start=date(2027, 1, 1),
            period_end=date(2026, 9, 1),
        )
    assert "period_order" in codes(error.value)


def test_end_early_needs_reason_and_date(world):
    pair = make_pair(world.school)
    with pytest.raises(ValidationError) as error:
        services.pair_end_early(pair=pair, ended_on=date(2026, 10, 1), reason="  ")
    assert "no_reason" in codes(error.value)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.PROPOSED


def test_status_flow(world):
    from pairs.tests.factories import signed_order

    pair = make_pair(world.school)
    with pytest.raises(ValidationError):
        services.pair_activate(pair=pair)  # not fixed yet
    signed_order(world.school, pairs=[pair])
    pair.refresh_from_db()
    assert pair.status == Pair.Status.FIXED
    services.pair_activate(pair=pair)
    services.pair_complete(pair=pair)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.COMPLETED


def test_fixed_pair_is_not_edited(world):
    from pairs.tests.factories import signed_order

    pair = make_pair(world.school)
    signed_order(world.school, pairs=[pair])
    with pytest.raises(ValidationError) as error:
        services.pair_update(
            pair=pair,
            form=pair.form,
            mentors=[m.person for m in pair.members.filter(role="mentor")],
            mentees=[m.person for m in pair.members.filter(role="mentee")],
            period_start=pair.period_start,
            period_end=pair.period_end,
            goal="Другая цель",
        )
    assert error.value.code == "pair_fixed"


def test_duties_consent_online_needs_the_full_name(world):
    person = ready_mentor(world.school)
    with pytest.raises(ValidationError) as error:
        services.duties_consent_record(
            person=person,
            method="online",
            given_on=date(2026, 8, 1),
            agreement_number="7",
            agreement_date=date(2026, 8, 2),
            typed_name="Кто-то другой",
        )
    assert "typed_name" in error.value.error_dict


def test_pupil_mentor_needs_no_duties_consent(world):
    pupil = PersonFactory(organisation=world.school, category="student", school_class="9А")
    teacher = PersonFactory(organisation=world.school)
    assert services.people_without_duties_consent([pupil, teacher]) == [teacher]
    duties_consent(teacher)
    assert services.people_without_duties_consent([pupil, teacher]) == []


def test_capacity_counts_only_the_mentor_side(world):
    # A mentor who is a mentee elsewhere: only mentees in their pairs count.
    mentor = ready_mentor(world.school)
    profile = MentorProfile.objects.get(person=mentor)
    assert profile.max_mentees == 2
    create(world.school, [ready_mentor(world.school)], [mentor])
    create(world.school, [mentor], [ready_mentee(world.school)])
    assert services.mentor_loads(world.school)[mentor.pk] == 1
    assert PairMember.objects.filter(person=mentor).count() == 2
