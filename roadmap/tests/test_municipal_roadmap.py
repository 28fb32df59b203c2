"""The municipal roadmap: the department's roadmap is the roadmap app applied to a department —
its coordinator creates or imports it, its head approves it by an order, an activity is assigned
to all schools or some, each school's curator reports with evidence, the coordinator accepts or
returns, and the department sees its roadmap school by school."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring_portal.errors import ServiceError
from pairs import services as order_services
from pairs.models import OrderKind
from participants.models import Role
from roadmap import municipal
from roadmap.models import Roadmap, SchoolTask
from roadmap.tests.factories import first_activity, make_roadmap, make_school_task
from roadmap.tests.fixtures_import.builders import seed_docx
from roadmap.tests.test_import_views import _post_data, _token, _upload
from tests.factories import DepartmentFactory, OrganisationFactory, make_member


@pytest.fixture
def district(world):
    """The world's department with a second school, and a department roadmap approved."""
    world.second = OrganisationFactory(parent=world.department, short_name="МБОУ СОШ № 7")
    world.second_curator = make_member(world.second, "curator7", Role.CURATOR)
    world.head = make_member(world.department, "head", Role.DIRECTOR)
    world.roadmap = make_roadmap(
        world.department,
        status=Roadmap.Status.APPROVED,
        stages=1,
        activities=3,
        title="Дорожная карта управления образования на 2026/2027 учебный год",
    )
    return world


@pytest.fixture
def coordinator(district, client):
    """The coordinator acting in the department (where they start after logging in)."""
    client.force_login(district.user("coordinator"))
    return client


def login(client, person):
    client.logout()
    client.force_login(person.user)
    return client


def test_the_coordinator_creates_the_department_s_roadmap_and_its_head_approves_it(world, client):
    head = make_member(world.department, "head", Role.DIRECTOR)
    client.force_login(world.user("coordinator"))
    response = client.post(
        reverse("roadmap:create"),
        {
            "title": "Дорожная карта управления на 2026/2027 учебный год",
            "period_start": "01.09.2026",
            "period_end": "31.08.2027",
            "from_template": "1",
        },
    )
    roadmap = Roadmap.objects.get(organisation=world.department)
    assert response.status_code == 302 and roadmap.stages.count() == 7
    # Approved by an order, as a school's roadmap is: the order «Об утверждении дорожной
    # карты» carries it, submitting the order submits it, the head's signature approves it.
    order = order_services.order_create(
        organisation=world.department, kind=OrderKind.ROADMAP, by=world.user("coordinator")
    )
    assert order.roadmap == roadmap
    order_services.order_submit(order=order, by=world.user("coordinator"))
    login(client, head)
    response = client.post(reverse("pairs:order_sign", args=[order.pk]))
    roadmap.refresh_from_db()
    order.refresh_from_db()
    assert response.status_code == 302
    assert roadmap.status == Roadmap.Status.APPROVED
    assert roadmap.approval_document_kind == Roadmap.DocumentKind.ORDER
    assert roadmap.approval_document_number == "1-о"  # the department's first order


def test_the_department_imports_a_municipal_roadmap_like_seed_004(world, client):
    # Seed 004 is the Муйский district's municipal roadmap: 12 activities, no stages.
    client.force_login(world.user("coordinator"))
    token = _token(_upload(client, seed_docx("004"), "карта.docx"))
    response = client.post(
        reverse("roadmap:import_confirm", kwargs={"token": token}), _post_data(client, token)
    )
    roadmap = Roadmap.objects.get(organisation=world.department)
    assert response.status_code == 302
    assert sum(stage.activities.count() for stage in roadmap.stages.all()) == 12


def test_an_activity_is_assigned_to_all_schools_or_some(district, coordinator):
    activity = first_activity(district.roadmap)
    url = reverse("roadmap:activity_schools", args=[activity.pk])
    assert coordinator.get(url).status_code == 200
    response = coordinator.post(url, {"everyone": "on"})
    assert response.status_code == 302
    assert set(activity.school_tasks.values_list("school__short_name", flat=True)) == {
        "МАОУ гимназия № 2",
        "МБОУ СОШ № 7",
    }
    coordinator.post(url, {"schools": [district.second.pk]})
    assert list(activity.school_tasks.values_list("school", flat=True)) == [district.second.pk]


def test_another_department_s_school_cannot_be_assigned(district, coordinator):
    foreign = OrganisationFactory(parent=DepartmentFactory())
    activity = first_activity(district.roadmap)
    response = coordinator.post(
        reverse("roadmap:activity_schools", args=[activity.pk]), {"schools": [foreign.pk]}
    )
    assert response.status_code == 400
    assert "Выберите школы своего района." in response.content.decode()
    assert not SchoolTask.objects.exists()


def test_a_school_that_reported_is_not_unassigned(district):
    task = make_school_task(district.school, reported=True)
    with pytest.raises(ServiceError, match="уже отчитались"):
        municipal.school_tasks_assign(activity=task.activity, schools=[], by=None)
    assert SchoolTask.objects.filter(pk=task.pk).exists()


def test_the_school_s_curator_reports_with_evidence_and_the_coordinator_accepts(
    district, client_for, client
):
    task = make_school_task(district.school)
    curator = client_for("curator")
    assert "Мероприятия управления образования" in curator.get("/").content.decode()
    listing = curator.get(reverse("roadmap:municipal_list")).content.decode()
    assert task.activity.title in listing
    url = reverse("roadmap:school_task_report", args=[task.pk])
    empty = curator.post(url, {"report": "Провели совещание"})
    assert empty.status_code == 400
    assert "Приложите файл или укажите ссылку." in empty.content.decode()
    task.refresh_from_db()
    assert task.status == SchoolTask.Status.ASSIGNED
    pdf = SimpleUploadedFile("protokol.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = curator.post(url, {"report": "Провели совещание", "file": pdf})
    assert response.status_code == 302
    # A second click: refused in words, the report stays one.
    again = curator.post(url, {"report": "Ещё раз", "url": "https://school.ru/x"}, follow=True)
    assert "Отчёт уже направлен" in again.content.decode()
    task.refresh_from_db()
    assert (task.status, task.report) == (SchoolTask.Status.REPORTED, "Провели совещание")
    coordinator = login(client, district.people["coordinator"])
    page = coordinator.get(reverse("roadmap:school_task", args=[task.pk])).content.decode()
    assert "Провели совещание" in page and 'data-testid="accept"' in page
    assert coordinator.get(reverse("roadmap:school_task_file", args=[task.pk])).status_code == 200
    coordinator.post(reverse("roadmap:school_task_accept", args=[task.pk]))
    task.refresh_from_db()
    assert task.status == SchoolTask.Status.DONE and task.accepted_at is not None


def test_the_coordinator_returns_a_report_with_a_comment_and_the_school_reports_again(
    district, coordinator, client_for
):
    task = make_school_task(district.school, reported=True)
    url = reverse("roadmap:school_task_return", args=[task.pk])
    empty = coordinator.post(url, {"comment": ""})
    assert empty.status_code == 400
    assert "Напишите, что нужно исправить." in empty.content.decode()
    coordinator.post(url, {"comment": "Приложите протокол"})
    task.refresh_from_db()
    assert (task.status, task.return_comment) == (SchoolTask.Status.RETURNED, "Приложите протокол")
    curator = client_for("curator")
    curator.post(
        reverse("roadmap:school_task_report", args=[task.pk]),
        {"report": "Протокол приложен", "url": "https://school.ru/protokol"},
    )
    task.refresh_from_db()
    assert task.status == SchoolTask.Status.REPORTED


def test_the_department_s_roadmap_school_by_school(district, coordinator, client):
    done = make_school_task(district.school, reported=True)
    municipal.school_task_accept(task=done, by=None)
    make_school_task(district.second)
    page = coordinator.get(reverse("roadmap:schools", args=[district.roadmap.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    table = content[content.index('data-testid="progress-table"') :]
    assert "МБОУ СОШ № 7" in table and "Принято" in table and "Назначено" in table
    assert "1 из 2" in table
    summary = content[content.index('data-testid="school-summary"') :]
    assert "Принято 1 из 1" in summary
    assert "Не поручены школам" in content  # the two other activities
    head = login(client, district.head)
    assert head.get(reverse("roadmap:schools", args=[district.roadmap.pk])).status_code == 200


def test_a_school_sees_only_its_own_tasks(district, client):
    mine = make_school_task(district.school)
    theirs = make_school_task(district.second)
    other = login(client, district.second_curator)
    assert other.get(reverse("roadmap:school_task", args=[theirs.pk])).status_code == 200
    assert other.get(reverse("roadmap:school_task", args=[mine.pk])).status_code == 404
    response = other.post(
        reverse("roadmap:school_task_report", args=[mine.pk]),
        {"report": "Чужое", "url": "https://school.ru/x"},
    )
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.status == SchoolTask.Status.ASSIGNED


def test_another_department_s_coordinator_finds_nothing(district, client):
    task = make_school_task(district.school, reported=True)
    stranger = make_member(DepartmentFactory(), "coordinator9", Role.COORDINATOR)
    client.force_login(stranger.user)
    assert client.get(reverse("roadmap:school_task", args=[task.pk])).status_code == 404
    assert client.post(reverse("roadmap:school_task_accept", args=[task.pk])).status_code == 404
    assert client.get(reverse("roadmap:schools", args=[district.roadmap.pk])).status_code == 404
    activity = task.activity
    url = reverse("roadmap:activity_schools", args=[activity.pk])
    assert client.post(url, {"everyone": "on"}).status_code == 404
    task.refresh_from_db()
    assert task.status == SchoolTask.Status.REPORTED


def test_a_school_s_curator_may_not_decide_or_assign(district, client_for):
    task = make_school_task(district.school, reported=True)
    curator = client_for("curator")
    assert curator.post(reverse("roadmap:school_task_accept", args=[task.pk])).status_code == 403
    url = reverse("roadmap:activity_schools", args=[task.activity_id])
    assert curator.post(url, {"everyone": "on"}).status_code == 403
    assert curator.get(reverse("roadmap:schools", args=[district.roadmap.pk])).status_code == 403


def test_reporting_waits_for_the_department_s_approval(district):
    task = make_school_task(district.school, roadmap_status=Roadmap.Status.DRAFT)
    with pytest.raises(ServiceError, match="утвердят"):
        municipal.school_task_report(task=task, report="Сделано", url="https://a.ru", by=None)


@pytest.mark.parametrize("schools", [2, 12])
def test_the_progress_page_costs_the_same_for_2_and_12_schools(
    district, coordinator, django_assert_num_queries, schools
):
    for number in range(schools - 2):
        OrganisationFactory(parent=district.department, short_name=f"Школа № {number + 10}")
    for school in district.department.schools.all():
        make_school_task(school)
    url = reverse("roadmap:schools", args=[district.roadmap.pk])
    coordinator.get(url)
    # Session and user, the access, the bell; the roadmap, the schools, the tasks, and the
    # table (stages, activities, responsible people, year marks).
    with django_assert_num_queries(PROGRESS_QUERIES):
        assert coordinator.get(url).status_code == 200


# 12 since the coordinator's access no longer loads every school of the department (was 13).
PROGRESS_QUERIES = 12


def test_a_new_revision_keeps_the_schools_and_their_reports(district):
    from roadmap import services

    task = make_school_task(district.school, reported=True)
    revision = services.roadmap_new_revision(roadmap=district.roadmap, by=None)
    copied = SchoolTask.objects.get(activity__stage__roadmap=revision, school=district.school)
    assert (copied.status, copied.report) == (task.status, task.report)
    assert copied.reported_at == task.reported_at


def test_a_report_accepted_while_a_revision_waits_is_carried_over(district):
    from roadmap import services

    task = make_school_task(district.school, reported=True)
    revision = services.roadmap_new_revision(roadmap=district.roadmap, by=None)
    municipal.school_task_accept(task=task, by=None)  # on the roadmap in force
    services.roadmap_submit(roadmap=revision, by=None)
    services.roadmap_approve(
        roadmap=revision, by=None, document_kind="order", number="7", date=date(2026, 12, 1)
    )
    copied = SchoolTask.objects.get(activity__stage__roadmap=revision, school=district.school)
    assert copied.status == SchoolTask.Status.DONE
    revision.refresh_from_db()
    assert "«принято»" in revision.carried_over


def test_the_coordinator_drafts_the_department_s_approval_order_in_the_browser(world, client):
    roadmap = make_roadmap(world.department, status=Roadmap.Status.DRAFT)
    client.force_login(world.user("coordinator"))
    page = client.get(reverse("roadmap:detail", args=[roadmap.pk])).content.decode()
    assert f"{reverse('pairs:order_create')}?kind=roadmap" in page
    response = client.post(reverse("pairs:order_create"), {"kind": "roadmap"})
    assert response.status_code == 302
    assert roadmap.approval_orders.get().organisation == world.department
