"""The amendment order says what it changes, item by item, computed from the pairs of the order
it amends and its own: read back from its PDF and its page."""

from datetime import date

from django.urls import reverse

from mentoring_portal import russian
from pairs import services
from pairs.amendments import amendment_changes
from pairs.documents import order_pdf
from pairs.models import Order, OrderKind, Pair
from pairs.tests.factories import make_order, make_pair, ready_mentee, ready_mentor
from pairs.tests.test_order_documents import flat, pages_of, sheet_of, signed


def _people(school):
    mentors = [
        ready_mentor(school, last_name=last, first_name=first, middle_name=middle)
        for last, first, middle in (
            ("Смирнова", "Ольга", "Викторовна"),
            ("Волков", "Пётр", "Ильич"),
            ("Орлова", "Нина", "Павловна"),
            ("Ершова", "Анна", "Сергеевна"),
            ("Лебедев", "Иван", "Андреевич"),
        )
    ]
    mentees = [
        ready_mentee(school, last_name=last, first_name=first, middle_name=middle)
        for last, first, middle in (
            ("Иванов", "Илья", "Олегович"),
            ("Петрова", "Дарья", "Ивановна"),
            ("Сидорова", "Вера", "Андреевна"),
            ("Кузнецов", "Олег", "Петрович"),
        )
    ]
    return mentors, mentees


def _amendment(world):
    """Order 1-о fixes three pairs; the amendment keeps the first, drops the second, gives the
    third's mentee another mentor and adds a fourth pair."""
    school = world.school
    mentors, mentees = _people(school)
    first = make_pair(school, mentors[0], mentees[0])
    second = make_pair(school, mentors[1], mentees[1])
    third = make_pair(school, mentors[2], mentees[2])
    amended = signed(make_order(school, pairs=[first, second, third]), on=date(2026, 9, 28))
    services.pair_end_early(pair=third, ended_on=date(2026, 11, 30), reason="Наставник уволилась")
    replacement = make_pair(school, mentors[3], mentees[2])
    added = make_pair(school, mentors[4], mentees[3])
    amendment = services.order_create(
        organisation=school,
        kind=OrderKind.AMENDMENT,
        by=None,
        pairs=[first, replacement, added],
        amends=amended,
    )
    return amended, amendment, mentors, mentees


def test_the_amendment_lists_each_change_against_the_amended_order(world):
    amended, amendment, mentors, mentees = _amendment(world)
    amendment = signed(amendment, on=date(2026, 12, 1))
    pages = pages_of(amendment.pdf_bytes())
    text = flat(" ".join(pages))
    lead = (
        f"1. Внести в приложение к приказу от 28.09.2026 № {amended.number_label} "
        f"«{amended.title}» следующие изменения:"
    )
    assert lead in text
    assert (
        "1.1. в паре № 3 заменить наставника Орлову Нину Павловну на Ершову Анну Сергеевну "
        "(наставник — Ершова Анна Сергеевна, наставляемый — Сидорова Вера Андреевна" in text
    )
    assert "1.2. исключить пару № 2 (наставник — Волков Пётр Ильич, наставляемый — Петрова " in (
        text
    )
    assert "1.3. включить пару: наставник — Лебедев Иван Андреевич, наставляемый — Кузнецов" in (
        text
    )
    # The kept pair is not a change; the template's points follow, renumbered from 2.
    assert "Смирнова Ольга Викторовна" not in text.split("ПРИКАЗЫВАЮ:")[1].split("2. ")[0]
    assert "2. Внести изменения в приложение к приказу, изложив состав" in text
    # Everyone the changes name signs the sheet, the dropped pair's people too.
    sheet = flat(sheet_of(pages))
    for person in (*mentors, *mentees):
        assert person.full_name in sheet, person.full_name


def test_a_change_of_mentees_and_a_restated_pair(db):
    """Pure diff: the same mentor with another mentee is one item; the same people in a new
    pair (another period) are restated; a pair in both orders is no item."""
    from tests.factories import OrganisationFactory

    school = OrganisationFactory()
    mentors, mentees = _people(school)
    kept = make_pair(school, mentors[0], mentees[0])
    group = make_pair(school, mentors[1], mentees[1])
    same = make_pair(school, mentors[2], mentees[2])
    regrouped = make_pair(school, mentors[1], mentees[3])
    services.pair_end_early(pair=same, ended_on=date(2026, 11, 30), reason="Новый срок")
    longer = make_pair(school, mentors[2], mentees[2], period_end=date(2027, 6, 30))
    pairs = Pair.objects.with_members()
    before = list(pairs.filter(pk__in=[kept.pk, group.pk, same.pk]).order_by("pk"))
    after = list(pairs.filter(pk__in=[kept.pk, regrouped.pk, longer.pk]).order_by("pk"))
    texts = [change.text for change in amendment_changes(before, after)]
    petrova = russian.full_name(mentees[1], "accusative")
    assert texts[0].startswith(
        f"в паре № 2 исключить наставляемую {petrova}, включить наставляемого Кузнецова Олега "
        "Петровича ("
    )
    assert texts[1].startswith("пару № 3 изложить в редакции: наставник — Орлова Нина Павловна")
    assert "срок 01.09.2026 – 30.06.2027" in texts[1]
    assert len(texts) == 2
    assert amendment_changes(before, before) == []


def test_the_draft_page_shows_the_changes_to_the_curator_only(world, client_for):
    _, amendment, _, _ = _amendment(world)
    url = reverse("pairs:order_detail", args=[amendment.pk])
    page = client_for("curator").get(url)
    assert page.status_code == 200
    # Numbered as the printed order numbers them: «1.1.», «1.2.» under point 1.
    assert "1.1. в паре № 3 заменить наставника Орлову Нину Павловну на Ершову Анну Сергеевну" in (
        page.content.decode()
    )
    assert client_for("teacher").get(url).status_code == 403
    assert client_for("outsider").get(url).status_code == 404


def test_the_draft_pdf_carries_the_changes_under_its_blank_number(world):
    _, amendment, _, _ = _amendment(world)
    text = flat(" ".join(pages_of(order_pdf(amendment, draft=True))))
    assert "ПРОЕКТ" in text and "№ ____" in text
    assert "1.2. исключить пару № 2" in text


def test_an_amendment_of_another_schools_order_is_refused(world, client_for):
    _, _, _, _ = _amendment(world)
    foreign = signed(make_order(world.other_school, pairs=[make_pair(world.other_school)]))
    before = Order.objects.count()
    response = client_for("curator").post(
        reverse("pairs:order_create"), {"kind": "amendment", "amends": foreign.pk}
    )
    assert response.status_code == 200
    assert "amends" in response.context["form"].errors
    assert Order.objects.count() == before
