"""Every document of the demo, rendered by ``manage.py render_documents`` and read back (issue 12,
«Done when»): the «ознакомлены» sheet of each signed order holds everyone its body names; the
approved roadmap's approval line carries its order's date and number; «№ 1-о» keeps its
non-breaking space; no multi-page PDF ends with a page holding only a signature."""

import io
import re

from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from pairs.models import Order
from participants.models import Organisation, Person
from roadmap.models import Roadmap

NBSP = "\u00a0"


def pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def flat(text: str) -> str:
    return re.sub("\u2010\\s+", "", " ".join(text.split()))


def test_every_document_of_the_demo_reads_back(db, tmp_path):
    """One demo and one rendering (they take a minute) for the four checks below."""
    call_command("load_demo", stdout=io.StringIO())
    call_command("render_documents", out=str(tmp_path), no_png=True, stdout=io.StringIO())
    check_rendered_and_none_ends_on_a_lone_signature(tmp_path)
    check_each_signed_orders_sheet_lists_everyone_its_body_names(tmp_path)
    check_the_approval_line_of_the_approved_roadmap(tmp_path)
    check_the_number_keeps_its_non_breaking_space(tmp_path)
    check_the_amendment_says_what_changes(tmp_path)
    check_the_report_is_registered_and_its_labels_whole(tmp_path)
    check_the_workbooks_print_and_name_their_school(tmp_path)
    check_the_consents_to_distribution(tmp_path)
    check_every_font_is_shipped(tmp_path)


def check_rendered_and_none_ends_on_a_lone_signature(documents):
    names = {path.stem for path in documents.glob("*.pdf")}
    kinds = ["pairs", "amendment", "implementation", "regulation", "roadmap", "final_event"]
    expected = {f"order-{kind}-{state}" for kind in kinds for state in ("draft", "signed")}
    expected |= {
        "regulation-approved",
        "regulation-draft",
        "roadmap-approved",
        "roadmap-progress",
        "roadmap-draft",
        "program",
        "consent-adult",
        "consent-minor",
        "publication-adult",
        "publication-minor",
        "publication-given",
        "report-approved-2025",
        "report-draft-2026",
    }
    assert expected <= names, expected - names
    for path in sorted(documents.glob("*.pdf")):
        texts = pages(path)
        if len(texts) < 2:
            continue
        words = [
            word
            for line in texts[-1].split("\n")
            if not line.strip().isdigit()  # the page number
            for word in line.split()
        ]
        assert len(words) > 12, f"{path.name}: its last page holds only «{' '.join(words)}»"


def check_each_signed_orders_sheet_lists_everyone_its_body_names(documents):
    school = Organisation.objects.get(people__user__username="curator")
    orders = list(Order.objects.signed().filter(organisation=school).order_by("number"))
    assert len(orders) >= 3
    for order in orders:
        texts = pages(documents / f"demo-order-{order.number}.pdf")
        start = next(i for i, text in enumerate(texts) if "С приказом ознакомлены" in text)
        body, sheet = flat(" ".join(texts[:start])), flat(" ".join(texts[start:]))
        named = set(Person.objects.filter(pk__in=order.named_person_ids()))
        named |= {m.person for pair in order.pairs.all() for m in pair.members.all()}
        assert named, f"order {order.number_label} names nobody"
        for person in named:
            assert person.last_name[:5] in body  # declined in the points, whole in the table
            assert person.full_name in sheet, f"{person} missing on {order.number_label}"
        assert f"{order.number_label}" in sheet.split("С приказом ознакомлены")[0]


def check_the_approval_line_of_the_approved_roadmap(documents):
    school = Organisation.objects.get(people__user__username="curator")
    roadmap = Roadmap.objects.in_force(school)
    order = roadmap.approval_orders.get()
    text = flat(" ".join(pages(documents / "roadmap-approved.pdf")))
    assert (
        f"УТВЕРЖДЕНА приказом МАОУ гимназии № 2 г. Асино от {order.date:%d.%m.%Y} "
        f"№ {order.number_label}" in text
    )
    assert "Отметка о выполнении" not in text  # the plan, no live statuses
    progress = flat(" ".join(pages(documents / "roadmap-progress.pdf")))
    assert "по состоянию на" in progress and "Отметка о выполнении" in progress


def check_the_number_keeps_its_non_breaking_space(documents):
    first_page = pages(documents / "demo-order-1.pdf")[0]
    assert f"№{NBSP}1-о" in first_page and "№ 1-о" not in first_page


def check_the_amendment_says_what_changes(documents):
    """render_orders' amendment drops the amended order's second pair and gives its first
    pair's mentee another mentor: the order says both, item by item."""
    text = flat(" ".join(pages(documents / "order-amendment-signed.pdf")))
    assert "следующие изменения: 1.1. в паре № 1 заменить наставника" in text
    assert "1.2. исключить пару № 2 (наставник —" in text


def check_the_report_is_registered_and_its_labels_whole(documents):
    approved = flat(" ".join(pages(documents / "report-approved-2025.pdf")))
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in approved and "№ 1 " in approved
    assert "ПРОЕКТ" not in approved and "№ ____" not in approved
    # The demo's approved year has indicators without a value: each says why.
    assert "нет данных" in approved
    assert approved.count("Нет данных: ") >= approved.count("нет данных")
    draft = flat(" ".join(pages(documents / "report-draft-2026.pdf")))
    assert "ПРОЕКТ" in draft and "№ ____" in draft
    for text in (approved, draft):
        assert "…" not in text  # chart labels wrap, never cut


def check_the_workbooks_print_and_name_their_school(documents):
    names = sorted(path.name for path in documents.glob("*.xlsx"))
    assert names == [
        "monitoring-maou-gimnaziya-2-g-asino-2025-2026.xlsx",
        "monitoring-maou-gimnaziya-2-g-asino-2026-2027.xlsx",
        "monitoring-upravlenie-obrazovaniya-asinovskogo-rayona-2026-2027.xlsx",
    ]
    for name in names:
        book = load_workbook(documents / name)
        assert book.properties.subject in (
            "МАОУ гимназия № 2 г. Асино",
            "Управление образования Асиновского района",
        )
        for sheet in book.worksheets:
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, (name, sheet.title)
            assert sheet.page_setup.fitToWidth == 1, (name, sheet.title)
            assert sheet.oddHeader.left.text.startswith(book.properties.subject)


def check_the_consents_to_distribution(documents):
    """Issue 12, point 10: a document of its own, for an adult and for a minor's representative,
    with what Roskomnadzor's order № 18 asks; one page for an adult."""
    adult = flat(" ".join(pages(documents / "publication-adult.pdf")))
    minor = flat(" ".join(pages(documents / "publication-minor.pdf")))
    for text in (adult, minor):
        for needed in (
            "разрешённых субъектом персональных данных для распространения",
            "контактная информация",
            "МАОУ гимназия",
            "Информационные ресурсы Оператора",
            "/s/",
            "Цель обработки",
            "фамилия, имя, отчество",
            "Условия и запреты",
            "Срок действия согласия",
            "в любое время требованием",
        ):
            assert needed in text.replace(NBSP, " "), needed
    assert "законным представителем" in minor and "законным представителем" not in adult
    assert len(pages(documents / "publication-adult.pdf")) == 1
    assert len(pages(documents / "publication-minor.pdf")) <= 2
    assert "Согласие на обработку персональных данных" in flat(
        " ".join(pages(documents / "publication-given.pdf"))
    )
    processing = flat(" ".join(pages(documents / "consent-adult.pdf")))
    assert "отдельным документом" in processing and "☐" not in processing


def check_every_font_is_shipped(documents):
    """Issue 12, point 13: every PDF of the demo embeds only the fonts of static/fonts."""
    from monitoring.tests.test_shipped_fonts import embedded_fonts, shipped_fonts

    shipped = shipped_fonts()
    scratch = documents / "fonts-check"
    scratch.mkdir()
    for path in sorted(documents.glob("*.pdf")):
        fonts = embedded_fonts(path.read_bytes(), scratch)
        assert fonts <= shipped, f"{path.name}: {fonts - shipped}"
