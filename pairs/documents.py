"""PDF documents of the pairs app: the order (приказ) and the personalised program (ППН).

One function builds each document's context; the same context feeds the HTML page where useful.
"""

import re
from datetime import date

from django.utils import timezone

from mentoring_portal import russian
from mentoring_portal.documents import render_pdf
from mentoring_portal.templatetags.portal import date_doc
from pairs.amendments import Change, amendment_changes
from pairs.models import Order, OrderKind, Pair, PairMember, Program, Regulation
from participants.models import Person

BLANK_DATE = "«___» ____________ 20__ г."


def person_post(person: Person, case: str = "nominative") -> str:
    """Должность in lower case after a name («учитель математики»), or the class of a pupil
    agreeing with the pupil («обучающаяся 7 «А» класса»)."""
    if person.category == Person.Category.STUDENT:
        pupil = russian.agree("обучающийся", gender=russian.gender_of(person), case=case)
        label = russian.class_label(person.school_class)
        return f"{pupil} {label} класса" if label else pupil
    return russian.lower_first(russian.position_in_case(person.position.strip(), case))


def pair_rows(pairs) -> list[dict]:
    """The appendix table: one row per pair or group, mentors and mentees with their posts."""
    rows = []
    for number, pair in enumerate(pairs, start=1):
        rows.append(
            {
                "number": number,
                "mentors": [(m.person.full_name, person_post(m.person)) for m in pair.mentors],
                "mentees": [(m.person.full_name, person_post(m.person)) for m in pair.mentees],
                "form": pair.form.name + (f", {pair.kind.name}" if pair.kind else ""),
                "period": f"{pair.period_start:%d.%m.%Y} – {pair.period_end:%d.%m.%Y}",
            }
        )
    return rows


def acquainted_people(pairs, others=()) -> list[Person]:
    """Everyone named in the order's table and ``others`` (named in its points), once, in
    alphabetical order."""
    people = {m.person.pk: m.person for pair in pairs for m in pair.members.all()}
    people.update((person.pk, person) for person in others)
    return sorted(people.values(), key=lambda p: (p.last_name, p.first_name, p.middle_name))


def named_people(order: Order) -> dict[int, Person]:
    """The people the points and the control point name, by pk (one query)."""
    ids = order.named_person_ids()
    if not ids:
        return {}
    return {p.pk: p for p in Person.objects.filter(pk__in=ids, organisation=order.organisation)}


def order_people(order: Order, pairs=None, named=None, changes=None) -> list[Person]:
    """Everyone the order names: the members of its pairs (on the kinds with a table of
    pairs), the people its points charge, the one given control and, in an amendment, the
    people of the pairs it takes out. Its «С приказом ознакомлены» sheet lists them; nobody
    named, no sheet."""
    if named is None:
        named = named_people(order)
    if not order.has_pairs_table:
        pairs = []
    elif pairs is None:
        pairs = order.pairs.with_members()
    if changes is None:
        changes = order_changes(order, pairs)
    others = [*named.values(), *(person for change in changes for person in change.people)]
    return acquainted_people(pairs, others)


def order_changes(order: Order, pairs) -> list[Change]:
    """An amendment's changes to the appendix of the order it amends (see
    :mod:`pairs.amendments`); nothing for any other order."""
    if order.kind != OrderKind.AMENDMENT or order.amends_id is None:
        return []
    before = sorted(order.amends.pairs.with_members(), key=lambda p: p.pk)
    return amendment_changes(before, sorted(pairs, key=lambda p: p.pk))


def changes_lead(order: Order) -> str:
    """«Внести в приложение к приказу от 28.09.2026 № 3-о «О закреплении …» следующие
    изменения:», the point the items of the change follow."""
    amended = order.amends
    when = f"от {amended.date:%d.%m.%Y} " if amended.date else ""
    return (
        f"Внести в приложение к приказу {when}№ {amended.number_label} «{amended.title}» "
        "следующие изменения:"
    )


# «{кого}», «{кому|Куратору}»: where a point puts the people it names, in the case its verb asks;
# after «|» what it prints when nobody is chosen.
PLACEHOLDER = re.compile(r"\{(кого|кому|кем)(?:\|([^{}]*))?\}")
PLACEHOLDER_CASES = {"кого": "accusative", "кому": "dative", "кем": "instrumental"}


def named_in_case(person: Person, case: str) -> str:
    """«заместителя директора по УВР Кравцову Елену Александровну», «обучающуюся 7 «А» класса
    Ершову Дарью Ильиничну»: the post, then the name, both in ``case``."""
    post = person_post(person, case)
    name = russian.full_name(person, case)
    return f"{post} {name}" if post else name


def point_text(text: str, people: list[Person], deadline: str | None = None) -> str:
    """A point as it prints: its people in the case of the placeholder where it has one, else
    (people chosen, no placeholder) at its head in the dative — «Заместителю директора по УВР
    Кравцовой Елене Александровне обеспечить …»; then its deadline
    «Срок — до 15 октября 2026 г.»."""

    def names(case: str) -> str:
        return ", ".join(named_in_case(person, case) for person in people)

    if PLACEHOLDER.search(text):
        text = PLACEHOLDER.sub(
            lambda m: names(PLACEHOLDER_CASES[m[1]]) if people else (m[2] or ""), text
        )
        text = re.sub(r" {2,}", " ", text).strip()
    elif people:
        text = f"{names('dative')} {russian.lower_first(text)}"
    text = text[:1].upper() + text[1:]
    if deadline:
        day = date.fromisoformat(deadline)
        text = f"{text.rstrip().rstrip('.')}. Срок — до {russian.date_text(day)}"  # «… г.»
    return text


def order_points(order: Order, named: dict[int, Person]) -> list[str]:
    return [
        point_text(text, [named[pk] for pk in ids if pk in named], deadline)
        for text, ids, deadline in zip(
            order.point_list(), order.point_people_ids(), order.point_deadlines(), strict=True
        )
    ]


def control_point(order: Order, named: dict[int, Person] | None = None) -> str:
    person = (named or {}).get(order.controller_person_id)
    if person is not None:
        post = person_post(person, "accusative")
        name = russian.surname_initials(person, "accusative")
        controller = f"{post} {name}" if post else name
    else:
        controller = order.controller.strip().rstrip(".")
    if not controller:
        return ""
    # «… Кравцову Е. А.» ends the sentence with its initial's full stop: one stop, not two.
    controller = controller.rstrip(".")
    if controller.lower().startswith("оставляю"):
        return f"Контроль за исполнением настоящего приказа {controller}."
    return f"Контроль за исполнением настоящего приказа возложить на {controller}."


def order_context(order: Order, pairs=None) -> dict:
    if pairs is None:
        pairs = order.pairs.with_members().order_by("pk")
    pairs = sorted(pairs, key=lambda p: p.pk)
    named = named_people(order)
    points = order_points(order, named)
    control = control_point(order, named)
    if control:
        points.append(control)
    changes = order_changes(order, pairs) if order.has_pairs_table else []
    people = order_people(order, pairs, named, changes)
    return {
        **appendix_context(order),
        "order": order,
        # The amendment's first point: what changes, item by item («1.1. исключить …»).
        "changes_lead": changes_lead(order) if changes else "",
        "changes": [change.text for change in changes],
        # A draft's date is written at registration, like its number («№ ____»).
        "date_text": date_doc(order.date) if order.date else BLANK_DATE,
        "organisation": order.organisation,
        "points": points,
        "rows": pair_rows(pairs) if order.has_pairs_table else [],
        "people": [(person, person_post(person)) for person in people],
        "signatory_position": order.signatory_position or order.organisation.director_position,
        "signatory_name": order.signatory_name or order.organisation.director_name,
    }


def appendix_context(order: Order) -> dict:
    """What an approving order carries as its appendix: the Положение it approves (its text) or
    the roadmap (its table as approved: no statuses of execution)."""
    if order.kind == OrderKind.REGULATION and order.regulation_id:
        return {"regulation": order.regulation, "regulation_blocks": order.regulation.blocks()}
    if order.kind == OrderKind.ROADMAP and order.roadmap_id:
        from roadmap.table import roadmap_table

        return {"roadmap": order.roadmap, "roadmap_table": roadmap_table(order.roadmap)}
    return {}


def regulation_pdf(regulation: Regulation, *, order: Order | None = None) -> bytes:
    """The Положение as it prints: approved, under «УТВЕРЖДЕНО приказом … от … № …» (``order``
    is the approving order, at signing); a draft, marked «ПРОЕКТ» on every page."""
    organisation = regulation.organisation
    return render_pdf(
        "pairs/print/regulation.html",
        {
            "regulation": regulation,
            "organisation": organisation,
            "organisation_genitive": russian.organisation_in_case(
                organisation.short_name, "genitive"
            ),
            "blocks": regulation.blocks(),
            "order": order,
            "draft": regulation.status == Regulation.Status.DRAFT,
        },
    )


def director_short_name(full_name: str) -> str:
    """«Н. В. Седова» (non-breaking spaces), as the signature line of a Russian document
    writes the name."""
    return russian.initials_from_text(full_name)


def signing_note(order: Order) -> str:
    """«Подписан в портале «Наставничество» 04.12.2026 19:30: Директор Н. В. Седова», for the
    signed file's properties and the register (the paper original carries the pen's signature)."""
    if not order.is_signed or order.signed_at is None:
        return ""
    signed_at = timezone.localtime(order.signed_at)
    # Plain spaces: a file's properties are not typeset.
    short = director_short_name(order.signatory_name).replace(russian.NBSP, " ")
    signer = " ".join(part for part in (order.signatory_position, short) if part)
    return f"Подписан в портале «Наставничество» {signed_at:%d.%m.%Y %H:%M}: {signer}"


def order_pdf(order: Order, *, pairs=None, draft: bool = False) -> bytes:
    """The order as it prints; ``draft`` marks every page «ПРОЕКТ» (the preview before signing)."""
    context = order_context(order, pairs)
    context["signatory_short"] = director_short_name(context["signatory_name"])
    context["draft"] = draft
    context["signing_note"] = signing_note(order)
    return render_pdf("pairs/print/order.html", context)


def program_curator(organisation) -> Person | None:
    """The program's curator, who approves a pair's personalised program (Положение, п. 8.2)."""
    from participants.models import Role

    return (
        Person.objects.filter(
            organisation=organisation,
            user__memberships__organisation=organisation,
            user__memberships__role=Role.CURATOR,
        )
        .order_by("pk")
        .first()
    )


def program_context(program: Program, today=None) -> dict:
    pair: Pair = program.pair
    context = {
        "curator": program_curator(pair.organisation),
        "program": program,
        "pair": pair,
        "organisation": pair.organisation,
        "items": list(program.items.all()),
        "progress": program.progress(today),
        "mentors": [m.person for m in pair.members.all() if m.role == PairMember.Role.MENTOR],
        "mentees": [m.person for m in pair.members.all() if m.role == PairMember.Role.MENTEE],
        "printed_on": timezone.localdate(),
    }
    context["mentor_rows"] = [(p, person_post(p)) for p in context["mentors"]]
    context["mentee_rows"] = [(p, person_post(p)) for p in context["mentees"]]
    return context


def program_pdf(program: Program) -> bytes:
    return render_pdf("pairs/print/program.html", program_context(program))
