import io
import re
import time
from datetime import date

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from roadmap import services
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import first_activity, make_roadmap


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_pdf_has_the_approval_block_title_and_every_activity(world, client_for):
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        stages=3,
        activities=12,
        title="Дорожная карта по реализации программы наставничества",
    )
    started = time.perf_counter()
    response = client_for("teacher").get(reverse("roadmap:pdf", kwargs={"pk": roadmap.pk}))
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    assert len(reader.pages) >= 2
    text = _normalised(_text(response.content))
    # One form of the stamp (issue 12 point 7): approved by an order, no «УТВЕРЖДАЮ» beside it.
    assert "УТВЕРЖДЕНА приказом" in text
    assert "от 28.09.2026 № 12" in text
    assert "УТВЕРЖДАЮ" not in text
    assert "Дорожная карта по реализации программы наставничества" in text
    for header in ("Мероприятие", "Форма результата", "Сроки", "Ответственные"):
        assert header in text
    # The approved document is the plan: no live statuses (issue 12, point 7).
    assert "Отметка о выполнении" not in text
    for activity in Activity.objects.filter(stage__roadmap=roadmap):
        assert activity.title in text
    # Page numbers: from the second page, at the top (issue 12, point 12), none on the first.
    first, second = (page.extract_text() for page in reader.pages[:2])
    assert "1" not in [line.strip() for line in first.split("\n")] and " из " not in first
    assert "2" in [line.strip() for line in second.split("\n")]
    fonts = {
        str(font.get_object().get("/BaseFont"))
        for p in reader.pages
        for font in p["/Resources"]["/Font"].values()
    }
    assert any("Liberation" in font and "Serif" in font for font in fonts)
    assert elapsed < 20


def test_draft_pdf_is_marked_as_a_project(world, client_for, draft):
    response = client_for("curator").get(reverse("roadmap:pdf", kwargs={"pk": draft.pk}))
    assert "Проект" in _text(response.content)


def test_excel_has_real_dates_status_evidence_count(
    world, client_for, approved, django_assert_max_num_queries
):
    activity = first_activity(approved)
    services.activity_report(activity=activity, by=None, url="https://e.ru/1", evidence_title="1")
    client = client_for("director")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("roadmap:xlsx", kwargs={"pk": approved.pk}))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("№", "Этап", "Мероприятие")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert len(rows) == 1 + 4
    first = dict(zip(header, rows[1], strict=True))
    assert first["№"] == "1.1"
    assert first["Окончание срока"].date() == date(2026, 10, 31)
    assert first["Статус"] == "Отчёт на проверке"
    assert first["Подтверждений"] == 1
    assert rows[2][header.index("Подтверждений")] == 0


def test_the_progress_report_has_the_marks_as_of_today(world, client_for):
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED, activities=2)
    response = client_for("teacher").get(reverse("roadmap:progress_pdf", kwargs={"pk": roadmap.pk}))
    assert response.status_code == 200
    text = _normalised(_text(response.content))
    today = timezone.localdate()
    assert f"Отчёт о ходе выполнения дорожной карты по состоянию на {today:%d.%m.%Y}" in text
    assert "Отметка о выполнении" in text
    assert "Запланировано" in text or "Просрочено" in text
