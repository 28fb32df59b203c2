"""Pairs: the rules of a pair or group, and its status from proposal to the end."""

from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q

from mentoring_portal.errors import ServiceError
from mentoring_portal.versioning import claim_version
from pairs.models import MentoringForm, Pair, PairMember
from participants.models import MenteeRequest, MentorProfile, Person
from roadmap.models import Roadmap


def mentor_profiles_in_bank(people) -> dict[int, MentorProfile]:
    """{person id: the mentor's questionnaire in the bank} for ``people``."""
    profiles = MentorProfile.objects.in_bank().filter(person__in=people)
    return {profile.person_id: profile for profile in profiles}


def mentor_loads(organisation, *, exclude_pair: Pair | None = None) -> dict[int, int]:
    """{mentor person id: mentees in the mentor's current pairs} (one query)."""
    mentor_links = PairMember.objects.filter(
        role=PairMember.Role.MENTOR,
        pair__organisation=organisation,
        pair__status__in=Pair.CURRENT_STATUSES,
    )
    if exclude_pair is not None and exclude_pair.pk:
        mentor_links = mentor_links.exclude(pair=exclude_pair)
    rows = mentor_links.values("person_id").annotate(
        load=Count(
            "pair__members",
            filter=Q(pair__members__role=PairMember.Role.MENTEE),
        )
    )
    return {row["person_id"]: row["load"] for row in rows}


def current_roadmap(organisation):
    """The roadmap pairs and orders belong to: the one in force, else the one being prepared
    (a school drafts pairs while its first roadmap is on approval); None when there is none."""
    return Roadmap.objects.in_force(organisation) or Roadmap.objects.in_preparation(organisation)


def pair_check(
    *,
    organisation,
    form,
    mentors: list[Person],
    mentees: list[Person],
    period_start: date,
    period_end: date,
    pair: Pair | None = None,
) -> None:
    """Every rule of a pair or group, with all the broken ones in one ValidationError.

    - at least one mentor and one mentee, nobody on both sides, everybody of this school;
    - everyone has a valid consent to the processing of personal data;
    - every mentor is in the mentor bank and has a free place (``max_mentees``);
    - a mentee is in at most one current pair of a form;
    - the period lies inside the current roadmap's period.
    """
    errors: dict[str, list[ValidationError]] = defaultdict(list)
    _check_people(errors, organisation, mentors, mentees)
    if period_start and period_end and period_start >= period_end:
        errors["period_end"].append(
            ValidationError("Дата окончания раньше даты начала.", code="period_order")
        )
    _check_consents(errors, mentors, mentees)
    _check_mentor_places(errors, organisation, mentors, mentees, pair)
    _check_mentees_free(errors, form, mentees, pair)
    _check_inside_roadmap(errors, organisation, period_start, period_end)
    if errors:
        raise ServiceError(dict(errors))


def _check_people(errors, organisation, mentors, mentees) -> None:
    if not mentors:
        errors["mentors"].append(ValidationError("Укажите наставника.", code="no_mentor"))
    if not mentees:
        errors["mentees"].append(ValidationError("Укажите наставляемого.", code="no_mentee"))
    both = {p.pk for p in mentors} & {p.pk for p in mentees}
    if both:
        errors["mentees"].append(
            ValidationError(
                "Один человек не может быть и наставником, и наставляемым в одной паре.",
                code="both_sides",
            )
        )
    if any(person.organisation_id != organisation.pk for person in [*mentors, *mentees]):
        errors["mentors"].append(
            ValidationError("Участники пары должны быть из этой организации.", code="other_org")
        )


def _check_consents(errors, mentors, mentees) -> None:
    with_consent = set(
        Person.objects.with_valid_consent()
        .filter(pk__in=[p.pk for p in [*mentors, *mentees]])
        .values_list("pk", flat=True)
    )
    for field, side in (("mentors", mentors), ("mentees", mentees)):
        for person in side:
            if person.pk not in with_consent:
                errors[field].append(
                    ValidationError(
                        "%(name)s: нет действующего согласия на обработку персональных данных.",
                        code="no_consent",
                        params={"name": person.short_name},
                    )
                )


def _check_mentor_places(errors, organisation, mentors, mentees, pair) -> None:
    """Every mentor is in the bank and has room for this pair's mentees."""
    profiles = mentor_profiles_in_bank(mentors)
    loads = mentor_loads(organisation, exclude_pair=pair)
    for mentor in mentors:
        profile = profiles.get(mentor.pk)
        if profile is None:
            errors["mentors"].append(
                ValidationError(
                    "%(name)s не в банке наставников (анкета не принята куратором).",
                    code="not_in_bank",
                    params={"name": mentor.short_name},
                )
            )
            continue
        taken = loads.get(mentor.pk, 0)
        if taken + len(mentees) > profile.max_mentees:
            errors["mentors"].append(
                ValidationError(
                    "Наставник %(name)s: нет столько свободных мест — наставляемых не более "
                    "%(capacity)s, уже закреплено %(taken)s, в этой паре %(new)s.",
                    code="capacity",
                    params={
                        "name": mentor.short_name,
                        "capacity": profile.max_mentees,
                        "taken": taken,
                        "new": len(mentees),
                    },
                )
            )


def _check_mentees_free(errors, mentoring_form, mentees, pair) -> None:
    """A mentee is in at most one current pair of a form of mentoring."""
    if mentoring_form is None or not mentees:
        return
    busy = (
        PairMember.objects.filter(
            role=PairMember.Role.MENTEE,
            person__in=mentees,
            pair__form=mentoring_form,
            pair__status__in=Pair.CURRENT_STATUSES,
        )
        .exclude(pair=pair)
        .select_related("person", "pair")
    )
    for link in busy:
        errors["mentees"].append(
            ValidationError(
                "%(name)s уже состоит в паре (группе) формы «%(form)s» "
                "(статус «%(status)s», %(period)s): в одной форме — одна пара одновременно.",
                code="mentee_busy",
                params={
                    "name": link.person.short_name,
                    "form": mentoring_form.name,
                    "status": link.pair.get_status_display(),
                    "period": link.pair.period_label,
                },
            )
        )


def _check_inside_roadmap(errors, organisation, period_start, period_end) -> None:
    roadmap = current_roadmap(organisation)
    outside = (
        roadmap is not None
        and period_start is not None
        and period_end is not None
        and (period_start < roadmap.period_start or period_end > roadmap.period_end)
    )
    if outside:
        errors["period_end"].append(
            ValidationError(
                "Срок пары должен быть внутри периода дорожной карты «%(title)s»: "
                "%(start)s – %(end)s.",
                code="outside_roadmap",
                params={
                    "title": roadmap.title,
                    "start": f"{roadmap.period_start:%d.%m.%Y}",
                    "end": f"{roadmap.period_end:%d.%m.%Y}",
                },
            )
        )


def _set_members(pair: Pair, mentors, mentees) -> None:
    pair.members.all().delete()
    PairMember.objects.bulk_create(
        [PairMember(pair=pair, person=p, role=PairMember.Role.MENTOR) for p in mentors]
        + [PairMember(pair=pair, person=p, role=PairMember.Role.MENTEE) for p in mentees]
    )


def _lock_people(people) -> None:
    """Serialise pair writes that involve the same people (capacity, one pair per form)."""
    list(Person.objects.select_for_update().filter(pk__in=[p.pk for p in people]).order_by("pk"))


def pair_create(
    *,
    organisation,
    form,
    mentors: list[Person],
    mentees: list[Person],
    period_start: date,
    period_end: date,
    goal: str,
    kind=None,
    by=None,
) -> Pair:
    """A proposed pair or group, after every rule of :func:`pair_check`."""
    with transaction.atomic():
        _lock_people([*mentors, *mentees])
        pair_check(
            organisation=organisation,
            form=form,
            mentors=mentors,
            mentees=mentees,
            period_start=period_start,
            period_end=period_end,
        )
        pair = Pair.objects.create(
            organisation=organisation,
            form=form,
            kind=kind,
            goal=goal,
            period_start=period_start,
            period_end=period_end,
            created_by=by,
        )
        _set_members(pair, mentors, mentees)
    return pair


def pair_update(
    *,
    pair: Pair,
    form,
    mentors: list[Person],
    mentees: list[Person],
    period_start: date,
    period_end: date,
    goal: str,
    kind=None,
    version: int | None = None,
) -> Pair:
    """Change a proposal (a pair fixed by order changes only through a new order).

    ``version``: the one the edit form was loaded with; a stale one is refused
    (:class:`StaleEditError`)."""
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if not pair.is_editable:
            raise ServiceError(
                "Пара закреплена приказом: изменения вносятся приказом о внесении изменений.",
                code="pair_fixed",
            )
        claim_version(pair, version)
        _lock_people([*mentors, *mentees])
        pair_check(
            organisation=pair.organisation,
            form=form,
            mentors=mentors,
            mentees=mentees,
            period_start=period_start,
            period_end=period_end,
            pair=pair,
        )
        pair.form, pair.kind, pair.goal = form, kind, goal
        pair.period_start, pair.period_end = period_start, period_end
        pair.save()
        _set_members(pair, mentors, mentees)
    return pair


def pair_delete(*, pair: Pair) -> None:
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if not pair.is_editable or pair.orders.exists():
            raise ServiceError(
                "Удалить можно только предложенную пару, не включённую в приказ.",
                code="pair_in_order",
            )
        pair.delete()


def pair_activate(*, pair: Pair) -> Pair:
    """A pair fixed by order starts working."""
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if pair.status != Pair.Status.FIXED:
            raise ServiceError(
                "Начать работу может только пара, закреплённая приказом.", code="not_fixed"
            )
        pair.status = Pair.Status.ACTIVE
        pair.save(update_fields=["status"])
    return pair


def pair_complete(*, pair: Pair) -> Pair:
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if pair.status != Pair.Status.ACTIVE:
            raise ServiceError("Завершить можно только работающую пару.", code="not_active")
        pair.status = Pair.Status.COMPLETED
        pair.save(update_fields=["status"])
        _mentee_requests(pair).update(status=MenteeRequest.Status.FINISHED)
    return pair


def pair_end_early(*, pair: Pair, ended_on: date, reason: str) -> Pair:
    """End a pair before its period is over, with the reason and the date."""
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = ValidationError("Укажите причину прекращения.", code="no_reason")
    if ended_on is None:
        errors["ended_on"] = ValidationError("Укажите дату прекращения.", code="no_date")
    elif ended_on < pair.period_start:
        errors["ended_on"] = ValidationError(
            "Дата прекращения раньше начала работы пары.", code="before_start"
        )
    if errors:
        raise ServiceError(errors)
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if not pair.is_current:
            raise ServiceError("Пара уже завершена.", code="not_current")
        pair.status = Pair.Status.ENDED_EARLY
        pair.ended_on, pair.end_reason = ended_on, reason
        pair.save(update_fields=["status", "ended_on", "end_reason"])
        _mentee_requests(pair).update(status=MenteeRequest.Status.FINISHED)
    return pair


def _mentee_requests(pair: Pair):
    return MenteeRequest.objects.filter(
        person__in=[m.person_id for m in pair.members.all() if m.role == PairMember.Role.MENTEE],
        status=MenteeRequest.Status.PAIRED,
    )


def pairs_create_from_proposal(
    *, organisation, choices: list[tuple[int, int]], form, period_start, period_end, by
) -> tuple[list[Pair], list[str]]:
    """Create the accepted (mentor, mentee) pairs of a proposal, each after every rule.

    A pair that breaks a rule now (the bank changed since the proposal) is skipped with its
    message; the others are created. Returns (pairs, messages).
    """
    # Only this school's people: an id of another school's person names nobody here.
    people = Person.objects.filter(organisation=organisation).in_bulk(
        {pk for pair in choices for pk in pair}
    )
    # Oldest first, so that a person's newest request is the one the dict keeps.
    bank_requests = {
        r.person_id: r
        for r in MenteeRequest.objects.filter(
            person_id__in=[m for _, m in choices], person__organisation=organisation
        )
        .filter(status__in=MenteeRequest.IN_BANK_STATUSES)
        .order_by("created_at")
    }
    kinds = {
        k.kind_code: k for k in MentoringForm.objects.filter(group="kind").exclude(kind_code="")
    }
    created, problems = [], []
    for mentor_id, mentee_id in choices:
        mentor, mentee = people.get(mentor_id), people.get(mentee_id)
        if mentor is None or mentee is None:
            continue
        mentee_request = bank_requests.get(mentee_id)
        goal = (mentee_request.expected_result if mentee_request else "") or (
            "Преодоление профессиональных затруднений и успешная адаптация в профессии"
        )
        try:
            created.append(
                pair_create(
                    organisation=organisation,
                    form=form,
                    kind=kinds.get(mentee_request.preferred_kind) if mentee_request else None,
                    mentors=[mentor],
                    mentees=[mentee],
                    period_start=period_start,
                    period_end=period_end,
                    goal=goal,
                    by=by,
                )
            )
        except ValidationError as error:
            problems.append(
                f"{mentor.short_name} — {mentee.short_name}: {' '.join(error.messages)}"
            )
    return created, problems
