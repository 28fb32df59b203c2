"""Business rules of pairs, orders and programs: each a keyword-only function in a transaction.

A rule that refuses raises ``django.core.exceptions.ValidationError`` with a Russian message
(and, where the message belongs to a form field, the field's name), so forms and views show it
as is, and tests can call the rules without a request.
"""

import hashlib
from collections import defaultdict
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from pairs.models import (
    DutiesConsent,
    Meeting,
    Order,
    OrderCounter,
    OrderKind,
    OrderTemplate,
    Pair,
    PairMember,
    Program,
    ProgramItem,
)
from pairs.models.pair import needs_duties_consent
from pairs.order_texts import DEFAULT_TEMPLATES, PROGRAM_TEMPLATE
from participants.models import MenteeRequest, MentorProfile, Person

# ---------------------------------------------------------------------------------------------
# Pairs: the rules
# ---------------------------------------------------------------------------------------------


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
    """The roadmap pairs and orders belong to: the approved one with the latest period, else the
    latest one not archived; None when the school has none."""
    Roadmap = apps.get_model("roadmap", "Roadmap")
    roadmaps = Roadmap.objects.filter(organisation=organisation).exclude(
        status=Roadmap.Status.ARCHIVED
    )
    return (
        roadmaps.filter(status=Roadmap.Status.APPROVED).order_by("-period_start").first()
        or roadmaps.order_by("-period_start", "-revision").first()
    )


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
    people = [*mentors, *mentees]
    if any(person.organisation_id != organisation.pk for person in people):
        errors["mentors"].append(
            ValidationError("Участники пары должны быть из этой организации.", code="other_org")
        )
    if period_start and period_end and period_start >= period_end:
        errors["period_end"].append(
            ValidationError("Дата окончания раньше даты начала.", code="period_order")
        )

    with_consent = set(
        Person.objects.with_valid_consent()
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    for field, side in (("mentors", mentors), ("mentees", mentees)):
        for person in side:
            if person.pk not in with_consent:
                errors[field].append(
                    ValidationError(
                        "У %(name)s нет действующего согласия на обработку персональных данных.",
                        code="no_consent",
                        params={"name": person.short_name},
                    )
                )

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
                    "У наставника %(name)s нет столько свободных мест: наставляемых не более "
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

    if form is not None and mentees:
        busy = (
            PairMember.objects.filter(
                role=PairMember.Role.MENTEE,
                person__in=mentees,
                pair__form=form,
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
                        "form": form.name,
                        "status": link.pair.get_status_display(),
                        "period": link.pair.period_label,
                    },
                )
            )

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
    if errors:
        raise ValidationError(dict(errors))


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
) -> Pair:
    """Change a proposal (a pair fixed by order changes only through a new order)."""
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if not pair.is_editable:
            raise ValidationError(
                "Пара закреплена приказом: изменения вносятся приказом о внесении изменений.",
                code="pair_fixed",
            )
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
            raise ValidationError(
                "Удалить можно только предложенную пару, не включённую в приказ.",
                code="pair_in_order",
            )
        pair.delete()


def pair_activate(*, pair: Pair) -> Pair:
    """A pair fixed by order starts working."""
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if pair.status != Pair.Status.FIXED:
            raise ValidationError(
                "Начать работу может только пара, закреплённая приказом.", code="not_fixed"
            )
        pair.status = Pair.Status.ACTIVE
        pair.save(update_fields=["status"])
    return pair


def pair_complete(*, pair: Pair) -> Pair:
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if pair.status != Pair.Status.ACTIVE:
            raise ValidationError("Завершить можно только работающую пару.", code="not_active")
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
        raise ValidationError(errors)
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        if not pair.is_current:
            raise ValidationError("Пара уже завершена.", code="not_current")
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


# ---------------------------------------------------------------------------------------------
# The mentor's consent to the additional duties (ст. 351.8 ТК РФ)
# ---------------------------------------------------------------------------------------------


def duties_consent_record(
    *,
    person: Person,
    method: str,
    given_on: date,
    agreement_number: str,
    agreement_date: date,
    typed_name: str = "",
    scan=None,
    by=None,
) -> DutiesConsent:
    """Record the consent online (the mentor types their name) or as a scanned copy."""
    if method == DutiesConsent.Method.ONLINE and typed_name.strip().casefold() != (
        person.full_name.casefold()
    ):
        raise ValidationError(
            {
                "typed_name": ValidationError(
                    "Введите фамилию, имя и отчество полностью, как в профиле: %(name)s.",
                    code="typed_name",
                    params={"name": person.full_name},
                )
            }
        )
    if method == DutiesConsent.Method.PAPER and not scan:
        raise ValidationError(
            {"scan": ValidationError("Загрузите скан подписанного согласия.", code="no_scan")}
        )
    return DutiesConsent.objects.create(
        person=person,
        method=method,
        given_on=given_on,
        typed_name=typed_name.strip(),
        scan=scan or "",
        agreement_number=agreement_number.strip(),
        agreement_date=agreement_date,
        recorded_by=by,
    )


def people_without_duties_consent(people, on: date | None = None) -> list[Person]:
    """The adult mentors among ``people`` without a consent and agreement in force."""
    people = list(people)
    consented = set(
        DutiesConsent.objects.in_force(on)
        .filter(person__in=people)
        .values_list("person_id", flat=True)
    )
    return [p for p in people if needs_duties_consent(p, on) and p.pk not in consented]


# ---------------------------------------------------------------------------------------------
# Orders
# ---------------------------------------------------------------------------------------------


def order_template(*, organisation, kind: str) -> OrderTemplate:
    """The school's template of a kind, created from the portal's default the first time."""
    default = DEFAULT_TEMPLATES[kind]
    template, _ = OrderTemplate.objects.get_or_create(
        organisation=organisation,
        kind=kind,
        defaults={
            "title": default["title"],
            "preamble": default["preamble"],
            "points": "\n".join(default["points"]),
        },
    )
    return template


def allocate_order_number(*, organisation, year: int) -> int:
    """The next number of the organisation's year, never given before.

    The counter row is locked (SELECT … FOR UPDATE) until the caller's transaction ends, so
    concurrent callers queue; two callers creating the year's first counter at once meet the
    counter's unique constraint, and the loser reads the winner's row.
    """
    with transaction.atomic():
        for _attempt in range(3):
            counter = (
                OrderCounter.objects.select_for_update()
                .filter(organisation=organisation, year=year)
                .first()
            )
            if counter is not None:
                break
            start = (
                Order.objects.filter(organisation=organisation, year=year).aggregate(
                    top=Max("number")
                )["top"]
                or 0
            )
            try:
                with transaction.atomic():
                    counter = OrderCounter.objects.create(
                        organisation=organisation, year=year, last_number=start
                    )
                break
            except IntegrityError:
                continue
        else:  # pragma: no cover - three lost races in a row
            raise IntegrityError("Не удалось выделить номер приказа, повторите.")
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        return counter.last_number


def _catch_up_counter(*, organisation, year: int) -> None:
    with transaction.atomic():
        top = (
            Order.objects.filter(organisation=organisation, year=year).aggregate(top=Max("number"))[
                "top"
            ]
            or 0
        )
        OrderCounter.objects.filter(
            organisation=organisation, year=year, last_number__lt=top
        ).update(last_number=top)


def order_create(
    *, organisation, kind: str, by, on: date | None = None, pairs=(), amends: Order | None = None
) -> Order:
    """A draft of ``kind`` from the school's template, with the next number of the year.

    A number is never reused: a clash with a number given outside the counter (an import, a
    hand-made row) is retried with the next one.
    """
    on = on or timezone.localdate()
    template = order_template(organisation=organisation, kind=kind)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                number = allocate_order_number(organisation=organisation, year=on.year)
                order = Order.objects.create(
                    organisation=organisation,
                    kind=kind,
                    year=on.year,
                    number=number,
                    date=on,
                    title=template.title,
                    preamble=template.preamble,
                    points=template.points,
                    controller=DEFAULT_TEMPLATES[kind].get("controller", "оставляю за собой"),
                    amends=amends,
                    created_by=by,
                )
                if pairs:
                    order.pairs.set(pairs)
                return order
        except IntegrityError:
            # The whole attempt rolled back, counter included: move the counter past the
            # numbers already taken and try again.
            _catch_up_counter(organisation=organisation, year=on.year)
            continue
    raise IntegrityError("Не удалось выделить номер приказа, повторите.")


def _require_editable(order: Order) -> None:
    if not order.is_editable:
        raise ValidationError(
            "Приказ в статусе «%(status)s» не редактируется.",
            code="order_not_editable",
            params={"status": order.get_status_display()},
        )


def order_pairs_problems(order: Order, pairs) -> list[str]:
    """What stops the pairs of ``order`` from being fixed by it (empty when nothing)."""
    problems = []
    pairs = list(pairs)
    if order.kind == OrderKind.PAIRS and not pairs:
        problems.append("В приказе о закреплении нет ни одной пары (группы).")
    for pair in pairs:
        if pair.organisation_id != order.organisation_id:
            problems.append(f"Пара {pair} не из этой организации.")
        elif pair.status != Pair.Status.PROPOSED and pair.fixed_by_order_id not in (
            None,
            order.pk,
        ):
            problems.append(
                f"Пара {pair} уже закреплена приказом: изменения — приказом о внесении изменений."
            )
    mentors = {m.person for pair in pairs for m in pair.members.all() if m.role == "mentor"}
    for person in people_without_duties_consent(mentors):
        problems.append(
            f"Наставник {person.short_name} не дал письменного согласия на возложение "
            "дополнительных обязанностей или нет дополнительного соглашения к трудовому "
            "договору (ст. 351.8 ТК РФ)."
        )
    people = [m.person for pair in pairs for m in pair.members.all()]
    with_consent = set(
        Person.objects.with_valid_consent()
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    for person in dict.fromkeys(people):
        if person.pk not in with_consent:
            problems.append(
                f"У {person.short_name} нет действующего согласия на обработку персональных данных."
            )
    return problems


def order_update(*, order: Order, data: dict, pairs=None) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        _require_editable(order)
        if "date" in data and data["date"].year != order.year:
            raise ValidationError(
                {
                    "date": ValidationError(
                        "Номер приказа выделен на %(year)s год: дата должна быть в этом году.",
                        code="year_mismatch",
                        params={"year": order.year},
                    )
                }
            )
        for field, value in data.items():
            setattr(order, field, value)
        order.save()
        if pairs is not None and order.has_pairs_table:
            order.pairs.set(pairs)
    return order


def order_submit(*, order: Order, by) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        _require_editable(order)
        if order.has_pairs_table:
            problems = order_pairs_problems(order, order.pairs.with_members())
            if problems:
                raise ValidationError(problems, code="pairs_not_ready")
        order.status = Order.Status.SUBMITTED
        order.submitted_at = timezone.now()
        order.save(update_fields=["status", "submitted_at"])
    return order


def order_return(*, order: Order, by, comment: str) -> Order:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": ValidationError("Напишите, что исправить.", code="no_comment")}
        )
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != Order.Status.SUBMITTED:
            raise ValidationError("Вернуть можно только приказ на подписи.", code="not_submitted")
        order.status = Order.Status.RETURNED
        order.return_comment = comment
        order.save(update_fields=["status", "return_comment"])
    return order


ORDER_ACTIVITY_WORDS = {
    OrderKind.PAIRS: ("закреплен",),
    OrderKind.IMPLEMENTATION: ("внедрени",),
    OrderKind.REGULATION: ("положени",),
    OrderKind.ROADMAP: ("дорожн",),
    OrderKind.FINAL_EVENT: ("итогов",),
}


def roadmap_activity_for_order(order: Order):
    """The current roadmap's activity about issuing this kind of order («Издание приказа
    о закреплении наставнических пар»), or None."""
    words = ORDER_ACTIVITY_WORDS.get(order.kind)
    roadmap = current_roadmap(order.organisation)
    if not words or roadmap is None:
        return None
    Activity = apps.get_model("roadmap", "Activity")
    candidates = Activity.objects.filter(stage__roadmap=roadmap).exclude(
        status=Activity.Status.CANCELLED
    )
    for word in words:
        candidates = candidates.filter(Q(title__icontains=word) | Q(result_form__icontains=word))
    with_order = candidates.filter(
        Q(title__icontains="приказ") | Q(result_form__icontains="приказ")
    )
    return (
        with_order.order_by("stage__order", "order", "pk").first()
        or candidates.order_by("stage__order", "order", "pk").first()
    )


def order_sign(*, order: Order, by, on: date | None = None) -> Order:
    """The director signs: the PDF is rendered once and stored with its SHA-256, the pairs are
    fixed by the order, and the PDF becomes evidence of the roadmap activity about the order.

    The order is dated the day of signing (``on``, today by default) when that day is in the
    order's year; otherwise it keeps the drafted date (its number belongs to that year).
    """
    from pairs.documents import order_pdf

    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != Order.Status.SUBMITTED:
            raise ValidationError(
                "Подписать можно только приказ, направленный на подпись.", code="not_submitted"
            )
        pairs = list(order.pairs.with_members())
        if order.has_pairs_table:
            problems = order_pairs_problems(order, pairs)
            if problems:
                raise ValidationError(problems, code="pairs_not_ready")
        organisation = order.organisation
        today = on or timezone.localdate()
        if today.year == order.year:
            order.date = today
        order.signatory_name = organisation.director_name
        order.signatory_position = organisation.director_position or "Директор"
        order.signed_by = by
        now = timezone.localtime()
        order.signed_at = (
            now if on is None else now.replace(year=on.year, month=on.month, day=on.day)
        )
        order.status = Order.Status.SIGNED
        pdf = order_pdf(order, pairs=pairs)
        order.pdf = pdf
        order.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        # One UPDATE from «submitted» to «signed»: after it the trigger refuses any other.
        order.save()

        proposed = [pair.pk for pair in pairs if pair.status == Pair.Status.PROPOSED]
        Pair.objects.filter(pk__in=proposed).update(status=Pair.Status.FIXED, fixed_by_order=order)
        mentees = [m.person_id for p in pairs for m in p.members.all() if m.role == "mentee"]
        mentors = [m.person_id for p in pairs for m in p.members.all() if m.role == "mentor"]
        MenteeRequest.objects.filter(
            person_id__in=mentees, status=MenteeRequest.Status.ACCEPTED
        ).update(status=MenteeRequest.Status.PAIRED)
        MentorProfile.objects.filter(
            person_id__in=mentors,
            status__in=[MentorProfile.Status.IN_BANK, MentorProfile.Status.TRAINED],
        ).update(status=MentorProfile.Status.ACTIVE)
        for pair in pairs:
            if pair.pk in proposed:
                program_create(pair=pair)

        activity = roadmap_activity_for_order(order)
        if activity is not None:
            from roadmap.services import evidence_add

            evidence_add(
                activity=activity,
                by=by,
                title=f"Приказ от {order.date:%d.%m.%Y} № {order.number_label} «{order.title}»",
                file=ContentFile(pdf, name=order_filename(order)),
            )
    return order


def order_filename(order: Order) -> str:
    return f"prikaz-{order.year}-{order.number}.pdf"


# ---------------------------------------------------------------------------------------------
# Personalised programs and the meeting log
# ---------------------------------------------------------------------------------------------


def program_create(*, pair: Pair) -> Program:
    """The pair's program from the template: goals from the pair, a plan over its period."""
    existing = Program.objects.filter(pair=pair).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        program = Program.objects.create(
            pair=pair,
            goals=pair.goal,
            tasks="\n".join(PROGRAM_TEMPLATE["tasks"]),
        )
        span = (pair.period_end - pair.period_start).days
        ProgramItem.objects.bulk_create(
            [
                ProgramItem(
                    program=program,
                    title=title,
                    expected_result=result,
                    due=date.fromordinal(pair.period_start.toordinal() + round(span * share)),
                )
                for share, title, result in PROGRAM_TEMPLATE["plan"]
            ]
        )
    return program


def program_item_mark_done(*, item: ProgramItem, by, note: str = "") -> ProgramItem:
    with transaction.atomic():
        item = ProgramItem.objects.select_for_update().get(pk=item.pk)
        if item.is_done:
            raise ValidationError("Мероприятие уже отмечено выполненным.", code="already_done")
        item.done_on = timezone.localdate()
        item.done_by = by
        item.done_note = note.strip()
        item.save(update_fields=["done_on", "done_by", "done_note"])
    return item


def program_item_unmark(*, item: ProgramItem) -> ProgramItem:
    with transaction.atomic():
        item = ProgramItem.objects.select_for_update().get(pk=item.pk)
        item.done_on, item.done_by, item.done_note = None, None, ""
        item.save(update_fields=["done_on", "done_by", "done_note"])
    return item


def meeting_add(*, pair: Pair, on: date, topic: str, done: str, by) -> Meeting:
    if on > timezone.localdate():
        raise ValidationError(
            {"date": ValidationError("Встреча ещё не прошла: дата в будущем.", code="future")}
        )
    return Meeting.objects.create(pair=pair, date=on, topic=topic, done=done, recorded_by=by)


def pairs_create_from_proposal(
    *, organisation, choices: list[tuple[int, int]], form, period_start, period_end, by
) -> tuple[list[Pair], list[str]]:
    """Create the accepted (mentor, mentee) pairs of a proposal, each after every rule.

    A pair that breaks a rule now (the bank changed since the proposal) is skipped with its
    message; the others are created. Returns (pairs, messages).
    """
    from pairs.models import MentoringForm

    people = Person.objects.in_bulk({pk for pair in choices for pk in pair})
    requests = {
        r.person_id: r
        for r in MenteeRequest.objects.filter(person_id__in=[m for _, m in choices])
        .filter(status__in=MenteeRequest.IN_BANK_STATUSES)
        .order_by("-created_at")
    }
    kinds = {
        k.kind_code: k for k in MentoringForm.objects.filter(group="kind").exclude(kind_code="")
    }
    created, problems = [], []
    for mentor_id, mentee_id in choices:
        mentor, mentee = people.get(mentor_id), people.get(mentee_id)
        if mentor is None or mentee is None:
            continue
        request = requests.get(mentee_id)
        goal = (request.expected_result if request else "") or (
            "Преодоление профессиональных затруднений и успешная адаптация в профессии"
        )
        try:
            created.append(
                pair_create(
                    organisation=organisation,
                    form=form,
                    kind=kinds.get(request.preferred_kind) if request else None,
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
