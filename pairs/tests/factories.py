"""Records the pairs tests need: consents, bank forms, duties consents, pairs, orders."""

from datetime import date

from pairs import services
from pairs.models import DutiesConsent, MentoringForm, Order, OrderKind, Pair
from participants.models import Consent, ConsentText, MenteeRequest, MentorProfile
from tests.factories import PersonFactory

PERIOD = (date(2026, 9, 1), date(2027, 5, 31))


def ensure_forms() -> None:
    """The forms of the data migration, again: a transactional test's flush (browser tests)
    empties every table, seeded ones included."""
    import importlib

    seed = importlib.import_module("pairs.migrations.0002_seed_forms_signed_order_triggers")
    for group, name, code, order in seed.FORMS:
        MentoringForm.objects.get_or_create(
            name=name, defaults={"group": group, "kind_code": code, "order": order}
        )


def teacher_form() -> MentoringForm:
    ensure_forms()
    return MentoringForm.objects.get(name="учитель – учитель")


def give_consent(person):
    text, _ = ConsentText.objects.get_or_create(
        organisation=person.organisation, version=1, defaults={"body": "Текст согласия"}
    )
    return Consent.objects.create(
        person=person,
        text=text,
        purposes="наставничество",
        data_categories="ФИО",
        method=Consent.Method.PAPER,
    )


def mentor_in_bank(person, *, max_mentees=2, subjects="", kinds=(), competencies=()):
    give_consent(person)
    profile = MentorProfile.objects.create(
        person=person,
        status=MentorProfile.Status.IN_BANK,
        max_mentees=max_mentees,
        subjects=subjects or person.subjects,
        kinds_offered=list(kinds),
    )
    profile.competencies.set(competencies)
    return profile


def mentee_in_bank(person, *, subjects="", kind="", difficulties=()):
    give_consent(person)
    request = MenteeRequest.objects.create(
        person=person,
        status=MenteeRequest.Status.ACCEPTED,
        subjects=subjects or person.subjects,
        preferred_kind=kind,
    )
    request.difficulties.set(difficulties)
    return request


def duties_consent(person):
    return DutiesConsent.objects.create(
        person=person,
        method=DutiesConsent.Method.PAPER,
        given_on=date(2026, 8, 20),
        agreement_number="12",
        agreement_date=date(2026, 8, 25),
    )


def ready_mentor(organisation, **fields):
    person = PersonFactory(organisation=organisation, **fields)
    mentor_in_bank(person)
    duties_consent(person)
    return person


def ready_mentee(organisation, **fields):
    person = PersonFactory(organisation=organisation, **fields)
    mentee_in_bank(person)
    return person


def make_pair(organisation, mentor=None, mentee=None, *, by=None, **fields) -> Pair:
    mentor = mentor or ready_mentor(organisation)
    mentee = mentee or ready_mentee(organisation)
    return services.pair_create(
        organisation=organisation,
        form=fields.pop("form", None) or teacher_form(),
        mentors=[mentor],
        mentees=[mentee],
        period_start=fields.pop("period_start", PERIOD[0]),
        period_end=fields.pop("period_end", PERIOD[1]),
        goal=fields.pop("goal", "Адаптация молодого специалиста"),
        by=by,
    )


def pair_form_data(mentor, mentee, **overrides) -> dict:
    """What the curator posts to create a pair: a valid teacher–teacher pair for the school year;
    ``overrides`` change or add fields."""
    data = {
        "form": teacher_form().pk,
        "mentors": [mentor.pk],
        "mentees": [mentee.pk],
        "period_start": "01.09.2026",
        "period_end": "31.05.2027",
        "goal": "Адаптация",
    }
    data.update(overrides)
    return data


def proposal_accept_data(choices, **overrides) -> dict:
    """What the curator posts to accept pairs of a proposal: ``choices`` are (mentor, mentee)."""
    data = {
        "form": teacher_form().pk,
        "period_start": "01.09.2026",
        "period_end": "31.05.2027",
        "choice": [f"{mentor.pk}:{mentee.pk}" for mentor, mentee in choices],
    }
    data.update(overrides)
    return data


def make_order(organisation, *, pairs=(), kind=OrderKind.PAIRS, on=None) -> Order:
    return services.order_create(
        organisation=organisation,
        kind=kind,
        by=None,
        on=on,
        pairs=pairs,
    )


def signed_order(organisation, *, pairs=None, by=None) -> Order:
    if pairs is None:
        pairs = [make_pair(organisation)]
    order = make_order(organisation, pairs=pairs)
    services.order_submit(order=order, by=by)
    return services.order_sign(order=order, by=by)


def world_pair(world, **fields) -> Pair:
    """A pair of the main school with the world's mentor and mentee personas in it."""
    mentor, mentee = world.people["mentor"], world.people["mentee"]
    if not MentorProfile.objects.filter(person=mentor).exists():
        mentor_in_bank(mentor)
        duties_consent(mentor)
    if not MenteeRequest.objects.filter(person=mentee).exists():
        mentee_in_bank(mentee)
    return make_pair(world.school, mentor, mentee, **fields)


def world_order(world, *, status="draft") -> Order:
    pair = world_pair(world)
    order = make_order(world.school, pairs=[pair])
    if status in ("submitted", "signed"):
        order = services.order_submit(order=order, by=None)
    if status == "signed":
        order = services.order_sign(order=order, by=None)
    return order
