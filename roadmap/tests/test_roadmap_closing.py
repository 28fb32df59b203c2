"""Closing a finished roadmap: final marks, confirmation, «Закрыта», out of every overdue list."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from mentoring_portal.errors import ServiceError
from roadmap import closing, services
from roadmap.models import Activity, Roadmap
from roadmap.permissions import responsible_activities
from roadmap.tests.factories import make_roadmap

PAST = (date(2020, 9, 1), date(2024, 8, 31))


@pytest.fixture
def finished(world):
    """The 2020–2024 roadmap, still «Утверждена»: one activity accepted, one cancelled, a yearly
    one with a year accepted and the others missing, one never done."""
    person = world.people["working_group"]
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        stages=1,
        activities=4,
        period=PAST,
        responsible=[person],
        title="Дорожная карта на 2020–2024 годы",
    )
    done, cancelled, yearly, _never = _activities(roadmap)
    curator = world.user("curator")
    services.activity_report(activity=done, by=curator, url="https://school.example/done")
    services.activity_accept(activity=done, by=curator)
    services.activity_cancel(activity=cancelled, by=curator, reason="Отменено приказом № 7")
    yearly.deadline_text = "ежегодно до 31 октября"
    services.activity_derive_deadline(activity=yearly, roadmap=roadmap)
    yearly.save()
    services.activity_report(activity=yearly, by=curator, year=2020, url="https://school.example/y")
    services.activity_accept(activity=yearly, by=curator, year=2020)
    return roadmap


def _activities(roadmap):
    return list(Activity.objects.filter(stage__roadmap=roadmap).order_by("order"))


def _marks(roadmap, **overrides):
    done, cancelled, yearly, never = _activities(roadmap)
    data = {
        f"mark_{done.pk}": "done",
        f"mark_{cancelled.pk}": "not_done",
        f"reason_{cancelled.pk}": "Отменено приказом № 7",
        f"mark_{yearly.pk}": "done",
        f"mark_{never.pk}": "not_done",
        f"reason_{never.pk}": "Нет специалиста",
    }
    data.update(overrides)
    return data


def _url(roadmap):
    return reverse("roadmap:close", kwargs={"pk": roadmap.pk})


def _overdue_everywhere(client_for, roadmap) -> dict:
    """Where an overdue activity shows: the homes, the roadmap table and its filter, «Мои»."""
    detail = reverse("roadmap:detail", kwargs={"pk": roadmap.pk})
    found = {
        f"home of {persona}": "Просрочено" in client_for(persona).get("/").content.decode()
        for persona in ("curator", "director", "working_group")
    }
    curator = client_for("curator")
    table = curator.get(detail).context["table"]
    found["table"] = sum(row.overdue for stage in table for row in stage.activities)
    filtered = curator.get(detail, {"overdue": "on"}).context["table"]
    found["filter"] = sum(len(stage.activities) for stage in filtered)
    mine = client_for("working_group").get(reverse("roadmap:my"))
    found["mine"] = sum(row["overdue"] for row in mine.context["rows"])
    found["mine page"] = "просрочено" in mine.content.decode().lower()
    return found


def test_the_curator_closes_a_finished_roadmap(world, client_for, finished):
    done, cancelled, yearly, never = _activities(finished)
    assert _overdue_everywhere(client_for, finished) == {
        "home of curator": True,
        "home of director": True,
        "home of working_group": True,
        "table": 2,
        "filter": 2,
        "mine": 2,
        "mine page": True,
    }
    curator = client_for("curator")
    page = curator.get(_url(finished))
    assert page.status_code == 200
    form = page.context["form"]
    # Accepted ones pre-filled as done, cancelled ones as not done with their reason.
    assert form[f"mark_{done.pk}"].value() == "done"
    assert form[f"mark_{cancelled.pk}"].value() == "not_done"
    assert form[f"reason_{cancelled.pk}"].value() == "Отменено приказом № 7"
    assert form[f"mark_{never.pk}"].value() is None

    review = curator.post(_url(finished), {"step": "review", **_marks(finished)})
    text = review.content.decode()
    assert review.status_code == 200
    assert "Закрыть дорожную карту?" in text
    assert "Нет специалиста" in text
    finished.refresh_from_db()
    assert finished.status == Roadmap.Status.APPROVED  # the review step saves nothing

    response = curator.post(_url(finished), {"step": "close", **_marks(finished)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("roadmap:detail", kwargs={"pk": finished.pk})
    text = response.content.decode()
    assert "Дорожная карта закрыта" in text
    finished.refresh_from_db()
    assert finished.status == Roadmap.Status.CLOSED
    assert finished.closed_by == world.user("curator")
    never.refresh_from_db()
    assert (never.final_mark, never.final_reason) == ("not_done", "Нет специалиста")
    yearly.refresh_from_db()
    assert yearly.final_mark == "done"
    assert "Итог: не выполнено — Нет специалиста" in text
    # Out of every overdue list and counter.
    assert _overdue_everywhere(client_for, finished) == {
        "home of curator": False,
        "home of director": False,
        "home of working_group": False,
        "table": 0,
        "filter": 0,
        "mine": 0,
        "mine page": False,
    }
    assert not any(a.is_overdue(finished) for a in _activities(finished))
    assert responsible_activities(world.people["working_group"], world.school).count() == 0


def test_a_closed_roadmap_stays_readable_and_printable(world, client_for, finished):
    closing.roadmap_close(
        roadmap=finished,
        by=world.user("curator"),
        marks={
            a.pk: closing.FinalMark(done=a.status == "done", reason="Не проводилось")
            for a in _activities(finished)
        },
        today=date(2024, 9, 2),
    )
    for persona in ("director", "teacher", "mentee", "working_group"):
        client = client_for(persona)
        page = client.get(reverse("roadmap:detail", kwargs={"pk": finished.pk}))
        assert page.status_code == 200, persona
        assert "Закрыта" in page.content.decode()
        assert "Закрыть дорожную карту" not in page.content.decode()
    director = client_for("director")
    assert director.post(_url(finished), {"step": "close", **_marks(finished)}).status_code == 403
    pdf = director.get(reverse("roadmap:pdf", kwargs={"pk": finished.pk}))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Не выполнено: Не проводилось" in " ".join(text.split())
    assert "Закрыта" in text
    assert "Просрочено" not in text
    xlsx = director.get(reverse("roadmap:xlsx", kwargs={"pk": finished.pk}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert "Не выполнено: Не проводилось" in cells
    with pytest.raises(ServiceError):
        services.roadmap_new_revision(roadmap=finished, by=world.user("curator"))


def test_not_done_without_a_reason_saves_nothing(world, client_for, finished):
    never = _activities(finished)[3]
    curator = client_for("curator")
    for step in ("review", "close"):
        response = curator.post(
            _url(finished), {"step": step, **_marks(finished, **{f"reason_{never.pk}": " "})}
        )
        assert response.status_code == 400
        text = response.content.decode()
        assert "Укажите причину, по которой мероприятие не выполнено." in text
        assert "Карта не закрыта, ничего не сохранено" in text
    missing = _marks(finished)
    del missing[f"mark_{never.pk}"]
    response = curator.post(_url(finished), {"step": "close", **missing})
    assert "Отметьте, выполнено ли мероприятие." in response.content.decode()
    finished.refresh_from_db()
    assert finished.status == Roadmap.Status.APPROVED
    assert not Activity.objects.filter(stage__roadmap=finished).exclude(final_mark="").exists()


def test_the_edit_step_goes_back_with_what_was_entered(world, client_for, finished):
    never = _activities(finished)[3]
    response = client_for("curator").post(_url(finished), {"step": "edit", **_marks(finished)})
    assert response.status_code == 200
    assert response.context["form"][f"reason_{never.pk}"].value() == "Нет специалиста"
    finished.refresh_from_db()
    assert finished.status == Roadmap.Status.APPROVED


def test_refused_before_the_period_ends(world, client_for, approved):
    curator = client_for("curator")
    response = curator.get(_url(approved), follow=True)
    assert "после окончания её периода (31.08.2027)" in response.content.decode()
    curator.post(_url(approved), {"step": "close"})
    approved.refresh_from_db()
    assert approved.status == Roadmap.Status.APPROVED
    with pytest.raises(ServiceError, match="после окончания"):
        closing.roadmap_close(roadmap=approved, by=None, marks={}, today=date(2027, 8, 31))
    page = curator.get(reverse("roadmap:detail", kwargs={"pk": approved.pk})).content.decode()
    assert "Закрыть дорожную карту" not in page


def test_the_service_refuses_a_missing_or_unexplained_mark(world, finished):
    activities = _activities(finished)
    marks = {a.pk: closing.FinalMark(done=True) for a in activities}
    marks[activities[3].pk] = closing.FinalMark(done=False, reason="  ")
    with pytest.raises(ServiceError, match="почему не выполнено"):
        closing.roadmap_close(roadmap=finished, by=None, marks=marks)
    del marks[activities[3].pk]
    with pytest.raises(ServiceError, match="Нет итоговой отметки"):
        closing.roadmap_close(roadmap=finished, by=None, marks=marks)
    finished.refresh_from_db()
    assert finished.status == Roadmap.Status.APPROVED


def test_a_pending_revision_must_be_finished_first(world, client_for, finished):
    services.roadmap_new_revision(roadmap=finished, by=world.user("curator"))
    response = client_for("curator").post(
        _url(finished), {"step": "close", **_marks(finished)}, follow=True
    )
    assert "новая редакция, которая ещё не утверждена" in response.content.decode()
    finished.refresh_from_db()
    assert finished.status == Roadmap.Status.APPROVED


def test_the_closing_page_costs_the_same_for_5_and_50_activities(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("curator")
    counts = []
    for size in (5, 50):
        roadmap = make_roadmap(
            world.school, status=Roadmap.Status.APPROVED, stages=1, activities=size, period=PAST
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(roadmap)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
