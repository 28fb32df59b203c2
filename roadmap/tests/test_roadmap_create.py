from django.urls import reverse

from roadmap.models import Activity, Roadmap
from roadmap.template import TARGET_MODEL_STAGES


def _post(client, **data):
    payload = {
        "title": "Дорожная карта на 2024/2025 учебный год",
        "period_start": "01.09.2024",
        "period_end": "31.08.2025",
        "from_template": "1",
    }
    payload.update(data)
    return client.post(reverse("roadmap:create"), payload)


def test_curator_creates_from_the_template_of_seven_stages(world, client_for):
    response = _post(client_for("curator"))
    roadmap = Roadmap.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("roadmap:detail", kwargs={"pk": roadmap.pk})
    assert roadmap.organisation == world.school
    assert roadmap.status == Roadmap.Status.DRAFT
    stages = list(roadmap.stages.order_by("order"))
    assert [s.title for s in stages] == [title for title, _ in TARGET_MODEL_STAGES]
    assert len(stages) == 7
    assert all(stage.activities.exists() for stage in stages)
    # Deadlines written without a year are placed in the period and derived.
    activity = Activity.objects.get(deadline_text="до 31 октября", stage__order=2)
    assert activity.deadline_understood
    assert str(activity.deadline_due) == "2024-10-31"
    june = Activity.objects.get(deadline_text="Июнь")
    assert str(june.deadline_due) == "2025-06-30"
    # A range without a year is placed so that it ends inside the school year.
    start = Activity.objects.get(deadline_text="Август - сентябрь")
    assert (str(start.deadline_start), str(start.deadline_due)) == ("2024-08-01", "2024-09-30")


def test_several_years_period_and_empty_roadmap(world, client_for):
    _post(
        client_for("curator"),
        title="Дорожная карта на 2021–2024 годы",
        period_start="01.09.2021",
        period_end="31.08.2024",
        from_template="",
    )
    roadmap = Roadmap.objects.get()
    assert roadmap.stages.count() == 0
    assert [y.label for y in roadmap.tracking_years()] == ["2021/2022", "2022/2023", "2023/2024"]


def test_period_end_before_start_is_refused_in_russian(world, client_for):
    response = _post(client_for("curator"), period_start="01.09.2025", period_end="31.08.2025")
    assert response.status_code == 200
    assert "Окончание периода должно быть позже начала." in response.content.decode()
    assert not Roadmap.objects.exists()


def test_bad_date_and_empty_title(world, client_for):
    response = _post(client_for("curator"), title="", period_start="32.13.2024")
    text = response.content.decode()
    assert "Введите дату в формате ДД.ММ.ГГГГ" in text
    assert "Обязательное поле." in text
    assert not Roadmap.objects.exists()


def test_only_the_curator_creates(world, client_for):
    for persona in ("director", "working_group", "teacher"):
        assert _post(client_for(persona)).status_code == 403
    assert not Roadmap.objects.exists()


def test_wrong_method_on_submit(world, client_for, draft):
    response = client_for("curator").get(reverse("roadmap:submit", kwargs={"pk": draft.pk}))
    assert response.status_code == 405
