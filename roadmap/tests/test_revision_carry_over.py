"""Work done on the roadmap in force while its new revision waits for approval is carried into
the new revision when the director approves it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roadmap import services
from roadmap.models import Activity, Evidence, Roadmap
from roadmap.tests.factories import make_roadmap
from roadmap.tests.test_revision_copy import PDF, snapshot

RECORD_FIELDS = ("status", "cancel_reason", "return_comment", "accepted_at")


def _activities(roadmap):
    return list(Activity.objects.filter(stage__roadmap=roadmap).order_by("stage__order", "order"))


def _record(activity) -> dict:
    """The tracking record of an activity (fields, evidence, marks, comments) without keys."""
    values = snapshot(activity)
    plan = {"title", "result_form", "responsible_roles", "notes", "order"}
    return {key: value for key, value in values.items() if key not in plan}


def _approve(client, roadmap):
    return client.post(
        reverse("roadmap:approve", kwargs={"pk": roadmap.pk}),
        {"document_kind": "protocol", "number": "41", "date": "02.11.2026"},
        follow=True,
    )


def test_work_done_while_the_revision_waits_is_carried_at_approval(
    world, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    curator = world.user("curator")
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED, activities=3)
    reported, commented, dropped, withdrawn, yearly, untouched = _activities(roadmap)
    yearly.deadline_text = "ежегодно до 31 октября"
    services.activity_derive_deadline(activity=yearly, roadmap=roadmap)
    yearly.save()
    services.activity_report(activity=reported, by=curator, url="https://school.example/report")
    services.activity_report(activity=yearly, by=curator, year=2026, url="https://school.example/y")
    wrong = services.evidence_add(
        activity=withdrawn,
        by=curator,
        title="Не тот файл",
        file=SimpleUploadedFile("wrong.pdf", PDF),
    )
    revision = services.roadmap_new_revision(roadmap=roadmap, by=curator)
    # The revision is edited: one activity reworded, one deleted.
    new_reported = Activity.objects.get(copied_from=reported)
    new_reported.title = "Приказ о внедрении целевой модели (новая формулировка)"
    new_reported.save()
    services.activity_delete(activity=Activity.objects.get(copied_from=dropped))
    # Meanwhile the roadmap in force goes on.
    services.activity_accept(activity=reported, by=curator)
    services.comment_add(activity=commented, by=world.user("director"), text="Жду протокол")
    services.evidence_add(
        activity=commented,
        by=curator,
        title="Протокол",
        file=SimpleUploadedFile("protokol.pdf", PDF),
    )
    services.activity_accept(activity=yearly, by=curator, year=2026)
    services.activity_report(activity=dropped, by=curator, url="https://school.example/d")
    services.evidence_delete(evidence=wrong, by=curator)
    before = {activity.pk: _record(activity) for activity in _activities(roadmap)}
    services.roadmap_submit(roadmap=revision, by=curator)

    page = _approve(client_for("director"), revision).content.decode()

    revision.refresh_from_db()
    roadmap.refresh_from_db()
    assert revision.status == Roadmap.Status.APPROVED
    assert roadmap.status == Roadmap.Status.ARCHIVED
    for source in (reported, commented, withdrawn, yearly, untouched):
        target = Activity.objects.get(copied_from=source)
        assert _record(target) == before[source.pk], source.title
    carried_reported = Activity.objects.get(copied_from=reported)
    assert carried_reported.status == Activity.Status.DONE
    assert carried_reported.title.endswith("(новая формулировка)")
    assert not Evidence.objects.filter(activity__copied_from=withdrawn).exists()
    # The archived revision keeps the deleted activity with its report.
    dropped.refresh_from_db()
    assert dropped.status == Activity.Status.REPORTED
    assert _record(dropped) == before[dropped.pk]
    # The page says what was carried.
    assert "Из действовавшей редакции перенесено" in page
    assert "«Отчёт на проверке» → «Выполнено»" in page
    assert "1 комментарий" in page
    assert "добавлено 1 подтверждение" in page
    assert "удалено 1 подтверждение" in page
    assert "отметка за 2026/2027 учебный год — «выполнено»" in page
    assert f"остаются в архивной редакции {roadmap.revision}" in page


def test_nothing_to_carry_says_nothing(world, client_for):
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED)
    revision = services.roadmap_new_revision(roadmap=roadmap, by=world.user("curator"))
    services.roadmap_submit(roadmap=revision, by=world.user("curator"))
    page = _approve(client_for("director"), revision).content.decode()
    assert "Дорожная карта утверждена." in page
    assert "перенесено" not in page
    revision.refresh_from_db()
    assert revision.carried_over == ""
