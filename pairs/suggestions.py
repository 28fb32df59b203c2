"""The banks, read for suggestions: mentors' questionnaires and mentees' requests as plain data.

Each loader costs a fixed number of queries however big the bank is.
"""

from datetime import date

from django.db.models import Exists, OuterRef
from django.utils import timezone

from pairs import matching
from pairs.models import MentoringForm, Pair, PairMember
from pairs.services import current_roadmap, mentor_loads
from participants.models import Difficulty, MenteeRequest, MentorProfile, Person


def _competency_names() -> dict[int, str]:
    return dict(Difficulty.objects.values_list("pk", "name"))


def mentor_candidates(organisation) -> list[matching.MentorCandidate]:
    """Every mentor of the bank (in bank, trained, active), consent or not: a mentor without a
    valid consent is shown with that conflict."""
    profiles = (
        MentorProfile.objects.filter(
            person__organisation=organisation,
            status__in=MentorProfile.IN_BANK_STATUSES,
        )
        .with_consent_state(organisation=organisation)
        .select_related("person")
        .prefetch_related("competencies")
    )
    loads = mentor_loads(organisation)
    names = _competency_names()
    return [
        matching.MentorCandidate(
            person_id=profile.person_id,
            profile_id=profile.pk,
            name=profile.person.short_name,
            subjects=frozenset(
                matching.subject_set(profile.subjects)
                | matching.subject_set(profile.person.subjects)
            ),
            competencies=frozenset(c.pk for c in profile.competencies.all()),
            competency_names=names,
            kinds=frozenset(profile.kinds_offered or []),
            work_format=profile.work_format,
            experience_years=profile.person.experience_years,
            capacity=profile.max_mentees,
            load=loads.get(profile.person_id, 0),
            has_consent=profile.consent_valid,
        )
        for profile in profiles
    ]


def _need(request) -> matching.MenteeNeed:
    return matching.MenteeNeed(
        person_id=request.person_id,
        request_id=request.pk,
        name=request.person.short_name,
        subjects=frozenset(
            matching.subject_set(request.subjects) | matching.subject_set(request.person.subjects)
        ),
        difficulties=frozenset(d.pk for d in request.difficulties.all()),
        preferred_kind=request.preferred_kind,
        preferred_format=request.preferred_format,
        has_consent=request.consent_valid,
    )


def mentee_requests(organisation):
    return (
        MenteeRequest.objects.filter(
            person__organisation=organisation, status__in=MenteeRequest.IN_BANK_STATUSES
        )
        .with_consent_state(organisation=organisation)
        .annotate(
            in_pair=Exists(
                PairMember.objects.filter(
                    person=OuterRef("person"),
                    role=PairMember.Role.MENTEE,
                    pair__status__in=Pair.CURRENT_STATUSES,
                )
            )
        )
        .select_related("person")
        .prefetch_related("difficulties")
        .order_by("person__last_name", "person__first_name")
    )


def mentee_need(request) -> matching.MenteeNeed:
    return _need(request)


def unpaired_mentees(organisation) -> list[matching.MenteeNeed]:
    """Mentees of the bank with a valid consent who are in no current pair."""
    return [
        _need(request)
        for request in mentee_requests(organisation)
        if not request.in_pair and request.consent_valid
    ]


def default_period(organisation, today: date | None = None) -> tuple[date, date]:
    """From today to the end of the current roadmap, else to the end of the academic year."""
    today = today or timezone.localdate()
    roadmap = current_roadmap(organisation)
    if roadmap is not None and roadmap.period_end > today:
        return max(today, roadmap.period_start), roadmap.period_end
    end_year = today.year + 1 if today.month >= 6 else today.year
    return today, date(end_year, 5, 31)


# The form of mentoring by who the mentor and the mentee are (the mentee is a pupil, or not).
PUPIL_FORMS = {
    Person.Category.STUDENT: "ученик – ученик",
    Person.Category.EXTERNAL_STUDENT: "студент – ученик",
    Person.Category.EMPLOYER: "работодатель – ученик",
}


def pair_initial(organisation, mentee_request, mentor: Person | None) -> dict:
    """What the pair form opened from a suggestion starts with, so that one click saves it:
    the form (by who the two are), the kind the mentee asked for (else traditional), the period
    (today or the roadmap's start to the roadmap's end) and a goal from the mentee's difficulties
    and expected result."""
    mentee = mentee_request.person
    if mentee.category == Person.Category.STUDENT:
        form_name = PUPIL_FORMS.get(mentor.category if mentor else None, "учитель – ученик")
    else:
        form_name = "учитель – учитель"
    kinds = MentoringForm.objects.filter(group=MentoringForm.Group.KIND, is_active=True)
    kind = kinds.filter(kind_code=mentee_request.preferred_kind or "traditional").first()
    start, end = default_period(organisation)
    difficulties = [d.name for d in mentee_request.difficulties.all()]
    if difficulties:
        goal = "Преодоление профессиональных затруднений: " + "; ".join(difficulties) + "."
    else:
        goal = "Адаптация и профессиональное развитие наставляемого."
    if mentee_request.expected_result.strip():
        goal += " Ожидаемый результат: " + mentee_request.expected_result.strip().rstrip(".") + "."
    return {
        "form": MentoringForm.objects.filter(
            group=MentoringForm.Group.FORM, name=form_name, is_active=True
        ).first(),
        "kind": kind,
        "period_start": start,
        "period_end": end,
        "goal": goal,
    }
