"""The order as a document a director signs, read back from its PDF: who the «ознакомлены»
sheet lists, the non-breaking spaces, agreement, and no page holding only the signature."""

import io
import re
from datetime import date

from pypdf import PdfReader

from pairs import services
from pairs.documents import order_pdf
from pairs.models import OrderKind
from pairs.tests.factories import make_order, make_pair, mentee_in_bank, ready_mentor
from tests.factories import PersonFactory

NBSP = "\u00a0"


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Words joined by one space (non-breaking spaces and line ends too), a word hyphenated
    at a line end (WeasyPrint's U+2010) made whole again."""
    return re.sub("\u2010\\s+", "", " ".join(text.split()))


def body_words(page: str) -> str:
    """A page's text without its number at the top."""
    return flat(" ".join(line for line in page.split("\n") if not line.strip().isdigit()))


def signed(order, on=date(2026, 10, 5)):
    services.order_submit(order=order, by=None)
    return services.order_sign(order=order, by=None, on=on)


def sheet_of(pages: list[str]) -> str:
    sheets = [page for page in pages if "С приказом ознакомлены" in page]
    assert len(sheets) == 1, "one «ознакомлены» sheet"
    return flat(sheets[0])


def test_the_sheet_lists_everyone_the_pairs_name_under_the_orders_number_and_date(world):
    pupil = PersonFactory(
        organisation=world.school,
        category="student",
        school_class="7А",
        position="",
        last_name="Ершова",
        first_name="Дарья",
        middle_name="Ильинична",
    )
    mentee_in_bank(pupil)
    mentor = ready_mentor(
        world.school,
        last_name="Громов",
        first_name="Сергей",
        middle_name="Игоревич",
        position="Учитель математики",
    )
    pairs = [make_pair(world.school, mentor, pupil), make_pair(world.school)]
    order = signed(make_order(world.school, pairs=pairs))
    pages = pages_of(order.pdf_bytes())
    assert len(pages) == 3  # the order, the appendix, the sheet
    body = flat(" ".join(pages[:2]))
    sheet = sheet_of(pages)
    named = {m.person for pair in pairs for m in pair.members.all()}
    for person in named:
        assert person.full_name in body
        assert person.full_name in sheet
    assert sheet.count("ознакомлены") == 1
    assert f"с приказом от 5 октября 2026 г. № {order.number_label}" in sheet
    # A post after a comma in lower case; a girl is «обучающаяся», her class «7 «А»».
    assert "Громов Сергей Игоревич, учитель математики" in body
    assert "Ершова Дарья Ильинична, обучающаяся 7 «А» класса" in body
    assert "обучающийся" not in body


def test_an_order_naming_nobody_has_no_sheet(world):
    order = signed(make_order(world.school, kind=OrderKind.FINAL_EVENT))
    pages = pages_of(order.pdf_bytes())
    assert len(pages) == 1
    assert "ознакомлены" not in pages[0]


def test_non_breaking_spaces_inside_number_date_initials_and_town(world):
    order = signed(make_order(world.school, pairs=[make_pair(world.school)]))
    assert order.number_label == "1-о"
    first = pages_of(order.pdf_bytes())[0]
    assert f"№{NBSP}1-о" in first and "№ 1-о" not in first
    assert f"5{NBSP}октября 2026{NBSP}г." in first
    assert f"Н.{NBSP}В.{NBSP}Седова" in first
    assert f"г.{NBSP}Асино" in first


def test_a_draft_prints_a_blank_number_and_proekt(world):
    draft = make_order(world.school, kind=OrderKind.FINAL_EVENT)
    first = pages_of(order_pdf(draft, draft=True))[0]
    assert f"№{NBSP}____" in first and "ПРОЕКТ" in first
    assert "«___» ____________ 20__ г." in flat(first)


def test_the_signature_never_stands_alone_on_a_page(world):
    """The body is made longer point by point, then word by word, across the page break:
    wherever it breaks, the signature keeps the last point with it."""
    order = make_order(world.school, kind=OrderKind.FINAL_EVENT)
    point = "Провести мероприятие по обмену опытом наставников и наставляемых с приглашением"

    def render(points: int, words: int) -> list[str]:
        order.points = "\n".join([point] * points + ["слово " * words])
        return pages_of(order_pdf(order))

    points = 4
    while len(render(points, 0)) == 1:
        points += 1
    assert points < 30
    two_page_renders = 0
    for words in range(0, 80, 3):
        pages = render(points - 1, words)
        if len(pages) == 1:
            continue
        two_page_renders += 1
        last = body_words(pages[-1])
        assert last != "Директор Н. В. Седова", f"{points - 1} points, {words} words"
        assert last.endswith("Директор Н. В. Седова")
        if two_page_renders == 4:
            break
    assert two_page_renders == 4
