"""Personalised programs (ППН): from the template, done marks by the mentor or mentee, progress,
the PDF, and the meeting log the mentor keeps."""

import io
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pairs import services
from pairs.models import Meeting, ProgramItem
from pairs.tests.factories import make_pair, signed_order, world_pair


def test_program_from_the_template_spans_the_period(world):
    pair = make_pair(world.school, period_start=date(2026, 9, 1), period_end=date(2027, 5, 31))
    program = services.program_create(pair=pair)
    items = list(program.items.all())
    assert len(items) == 6
    assert items[0].due >= pair.period_start and items[-1].due <= pair.period_end
    assert program.goals == pair.goal
    assert services.program_create(pair=pair) == program  # once per pair


def test_signing_creates_the_programs(world):
    pair = make_pair(world.school)
    signed_order(world.school, pairs=[pair])
    assert pair.program.items.count() == 6


def test_progress_done_planned_overdue(world):
    pair = make_pair(world.school)
    program = services.program_create(pair=pair)
    today = timezone.localdate()
    items = list(program.items.all())
    ProgramItem.objects.filter(pk=items[0].pk).update(due=today - timedelta(days=10))
    ProgramItem.objects.filter(pk=items[1].pk).update(due=today - timedelta(days=5))
    ProgramItem.objects.filter(pk__in=[i.pk for i in items[2:]]).update(
        due=today + timedelta(days=30)
    )
    services.program_item_mark_done(item=items[0], by=None)
    program.refresh_from_db()
    assert program.progress() == {"total": 6, "done": 1, "overdue": 1, "planned": 4, "percent": 17}


def test_mentor_and_mentee_mark_done(world, client_for):
    pair = world_pair(world)
    program = services.program_create(pair=pair)
    first, second = list(program.items.all())[:2]
    response = client_for("mentor").post(reverse("pairs:item_done", kwargs={"pk": first.pk}))
    assert response.status_code == 302
    client_for("mentee").post(reverse("pairs:item_done", kwargs={"pk": second.pk}))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_done and first.done_by == world.user("mentor")
    assert second.is_done and second.done_by == world.user("mentee")
    # Marking twice keeps the first mark.
    client_for("mentee").post(reverse("pairs:item_done", kwargs={"pk": first.pk}))
    first.refresh_from_db()
    assert first.done_by == world.user("mentor")


def test_someone_elses_pair_cannot_be_marked(world, client_for):
    other = make_pair(world.school)
    program = services.program_create(pair=other)
    item = program.items.first()
    response = client_for("mentor").post(reverse("pairs:item_done", kwargs={"pk": item.pk}))
    assert response.status_code == 403
    response = client_for("mentor").get(reverse("pairs:program_detail", kwargs={"pk": other.pk}))
    assert response.status_code == 403
    item.refresh_from_db()
    assert not item.is_done


def test_mentor_keeps_the_meeting_log(world, client_for):
    pair = world_pair(world)
    url = reverse("pairs:meeting_add", kwargs={"pk": pair.pk})
    future = (timezone.localdate() + timedelta(days=3)).strftime("%d.%m.%Y")
    response = client_for("mentor").post(url, {"date": future, "topic": "Т", "done": "Д"})
    assert "будущем" in response.context["form"].errors["date"][0]
    today = timezone.localdate().strftime("%d.%m.%Y")
    response = client_for("mentor").post(
        url, {"date": today, "topic": "Разбор урока", "done": "Посетили урок в 7А"}
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pair=pair).topic == "Разбор урока"
    # The mentee reads the log but does not write it.
    assert client_for("mentee").get(url).status_code == 403
    page = client_for("mentee").get(reverse("pairs:program_detail", kwargs={"pk": pair.pk}))
    assert "Разбор урока" in page.content.decode()


def test_program_pdf_reads_back(world, client_for):
    pair = world_pair(world)
    program = services.program_create(pair=pair)
    services.program_item_mark_done(item=program.items.first(), by=None)
    response = client_for("mentee").get(reverse("pairs:program_download", kwargs={"pk": pair.pk}))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА" in text
    assert world.people["mentor"].full_name in text
    assert world.people["mentee"].full_name in text
    assert "Выполнено мероприятий: 1 из 6" in text


def test_progress_page_query_count(world, client_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        services.program_create(pair=make_pair(world.school))
    client = client_for("director")
    url = reverse("pairs:program_progress")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(6):
        services.program_create(pair=make_pair(world.school))
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["rows"]) == 8


def test_curator_edits_the_program_and_adds_an_item(world, client_for):
    pair = world_pair(world)
    services.program_create(pair=pair)
    client = client_for("curator")
    client.post(
        reverse("pairs:program_edit", kwargs={"pk": pair.pk}),
        {"goals": "Новые цели", "tasks": "Задачи", "final_result": ""},
    )
    response = client.post(
        reverse("pairs:item_add", kwargs={"pk": pair.pk}),
        {"title": "Мастер-класс", "due": "15.12.2026", "expected_result": "Конспект"},
    )
    assert response.status_code == 302
    pair.program.refresh_from_db()
    assert pair.program.goals == "Новые цели"
    assert pair.program.items.filter(title="Мастер-класс", due=date(2026, 12, 15)).exists()


def test_program_pdf_query_count_does_not_grow_with_the_group(
    world, client_for, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pairs.models import PairMember
    from tests.factories import PersonFactory

    pair = world_pair(world)
    services.program_create(pair=pair)
    client = client_for("director")
    url = reverse("pairs:program_download", kwargs={"pk": pair.pk})
    with CaptureQueriesContext(connection) as one_mentee:
        client.get(url)
    for _ in range(4):
        PairMember.objects.create(
            pair=pair, person=PersonFactory(organisation=world.school), role=PairMember.Role.MENTEE
        )
    with django_assert_num_queries(len(one_mentee)):
        response = client.get(url)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert len(pair.members.all()) == 6
    assert all(member.person.last_name in text for member in pair.members.select_related("person"))
