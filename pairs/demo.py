"""Demo pairs: built from the banks with the proposal, fixed by a signed order, programs in
progress with done marks and a meeting log; a draft order and a pair still proposed."""

from datetime import date, timedelta

from django.utils import timezone

from mentoring_portal.demo import DemoContext, demo_step
from pairs import matching, services, suggestions
from pairs.models import DutiesConsent, MentoringForm, OrderKind, Pair, ProgramItem, school_weights

PERIOD = (date(2026, 10, 1), date(2027, 5, 31))


def _naming(order, points: dict, controller) -> dict:
    """An order's point_details: {point index: (people, deadline)} and who controls."""
    return {
        "points": [
            {
                "people": [p.pk for p in points.get(index, ([], None))[0]],
                "deadline": points.get(index, ([], None))[1],
            }
            for index in range(len(order.point_list()))
        ],
        "controller": controller.pk,
    }


@demo_step(order=35)
def approve_regulation_and_roadmap(context: DemoContext) -> None:
    """The Положение (the standard text) and the year's roadmap, each approved by the director's
    signature on its order, the document as the order's appendix: the register's first numbers."""
    school = context.objects["organisations"]["main"]
    people = context.objects["people"]
    curator, director = people["curator"].user, people["director"].user
    signed_on = date(2026, 9, 28)
    for kind in (OrderKind.REGULATION, OrderKind.ROADMAP):
        order = services.order_create(organisation=school, kind=kind, by=curator, on=signed_on)
        if order.appendix is None:
            continue
        if kind == OrderKind.REGULATION:  # the curator puts it on the site by 05.10.2026
            order.point_details = _naming(
                order, {1: ([people["curator"]], "2026-10-05")}, people["curator"]
            )
        else:
            order.point_details = _naming(order, {}, people["curator"])
        order.save()
        services.order_submit(order=order, by=curator)
        services.order_sign(order=order, by=director, on=signed_on)
    # The department's own (municipal) roadmap, approved by its head's order in the same way.
    department = context.objects["organisations"]["department"]
    coordinator, head = people["coordinator"].user, people["head"].user
    order = services.order_create(
        organisation=department, kind=OrderKind.ROADMAP, by=coordinator, on=date(2026, 9, 15)
    )
    if order.appendix is not None:
        order.controller = "главного специалиста Орлову М. П."
        order.save()
        services.order_submit(order=order, by=coordinator)
        services.order_sign(order=order, by=head, on=date(2026, 9, 15))


@demo_step(order=40)
def create_pairs_orders_programs(context: DemoContext) -> None:
    school = context.objects["organisations"]["main"]
    people = context.objects["people"]
    curator, director = people["curator"].user, people["director"].user
    mentor, mentee = people["mentor"], people["mentee"]
    teachers = MentoringForm.objects.get(name="учитель – учитель")
    traditional = MentoringForm.objects.filter(kind_code="traditional").first()
    today = timezone.localdate()

    # Громов С. И. — Лебедева О. Д.: the demo accounts' pair, the first one the curator built.
    services.duties_consent_record(
        person=mentor,
        method=DutiesConsent.Method.ONLINE,
        given_on=date(2026, 9, 20),
        typed_name=mentor.full_name,
        agreement_number="14",
        agreement_date=date(2026, 9, 22),
        by=mentor.user,
    )
    main_pair = services.pair_create(
        organisation=school,
        form=teachers,
        kind=traditional,
        mentors=[mentor],
        mentees=[mentee],
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        goal="Успешная адаптация молодого учителя математики: проектирование уроков, "
        "дисциплина в классе, подготовка обучающихся к ОГЭ",
        by=curator,
    )

    # The rest of the bank through the optimal proposal.
    proposal = matching.assign(
        suggestions.unpaired_mentees(school),
        suggestions.mentor_candidates(school),
        school_weights(school),
    )
    choices = [(a.match.mentor.person_id, a.mentee.person_id) for a in proposal]
    for mentor_id, _ in choices[:-1]:
        services.duties_consent_record(
            person=school.people.get(pk=mentor_id),
            method=DutiesConsent.Method.PAPER,
            given_on=date(2026, 9, 21),
            scan=_scan(),
            agreement_number=f"{15 + mentor_id % 50}",
            agreement_date=date(2026, 9, 23),
            by=curator,
        )
    created, _problems = services.pairs_create_from_proposal(
        organisation=school,
        choices=choices,
        form=teachers,
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        by=curator,
    )
    # The last proposal stays proposed (its mentor's consent to the duties is still awaited).
    fixed = [main_pair, *created[:-1]]

    order = services.order_create(
        organisation=school, kind=OrderKind.PAIRS, by=curator, pairs=fixed
    )
    order.title = "О закреплении наставнических пар на 2026/2027 учебный год"
    # Point 3 charges the curator; the curator controls: both named, with post, on the sheet.
    order.point_details = _naming(order, {2: ([people["curator"]], None)}, people["curator"])
    order.save()
    services.order_submit(order=order, by=curator)
    services.order_sign(order=order, by=director, on=date(2026, 9, 30))

    for pair in Pair.objects.filter(pk__in=[p.pk for p in fixed]):
        services.pair_activate(pair=pair)
        program = pair.program
        # What is due by today is done, except one item of the second pair (overdue).
        for index, item in enumerate(program.items.order_by("due")):
            if item.due <= today and not (pair != main_pair and index == 1):
                ProgramItem.objects.filter(pk=item.pk).update(
                    done_on=item.due + timedelta(days=1),
                    done_by=mentor.user if pair == main_pair else curator,
                )
    for days_ago, topic, done in [
        (
            45,
            "Знакомство, диагностика затруднений",
            "Составили перечень затруднений, наметили цели",
        ),
        (30, "Посещение урока наставника в 8А", "Разобрали структуру урока и приёмы мотивации"),
        (12, "Разбор урока Лебедевой О. Д. в 7Б", "Рекомендации по дисциплине и темпу урока"),
    ]:
        services.meeting_add(
            pair=main_pair, on=today - timedelta(days=days_ago), topic=topic, done=done,
            by=mentor.user,
        )  # fmt: skip

    draft = services.order_create(organisation=school, kind=OrderKind.FINAL_EVENT, by=curator)
    context.objects["pairs"] = {"main_pair": main_pair, "order": order, "draft": draft}


def _scan():
    from django.core.files.base import ContentFile

    from mentoring_portal.demo_scans import demo_scan_pdf

    heading = "Согласие на возложение дополнительных обязанностей"
    return ContentFile(demo_scan_pdf(heading), "soglasie-nastavnika.pdf")
