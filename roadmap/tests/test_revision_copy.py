"""A new revision is a complete copy: every field and relation of every stage and activity.

The comparison walks ``_meta.get_fields()``, so a field or relation added later is compared
without anyone adding it here; the fixture must give every field a value other than its default
somewhere, so that a copy which forgot a field cannot pass on defaults.
"""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from roadmap import services
from roadmap.models import Activity, Comment, Evidence, Roadmap, Stage, YearMark
from roadmap.permissions import responsible_activities
from roadmap.tests.factories import make_roadmap

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Per model, the fields that must differ between a row and its copy, and why. Everything else
# — every other field, every many-to-many and every reverse relation — must be equal.
DIFFERENT = {
    Stage: {
        "id": "a new row",
        "roadmap": "belongs to the new revision",
        "version": "a new row: its edit version starts again (optimistic locking)",
    },
    Activity: {
        "id": "a new row",
        "stage": "belongs to the copied stage",
        "copied_from": "the copy names its source (how the approval finds what to carry over)",
        "copies": "the source has the copy; the copy has none yet",
        "version": "a new row: its edit version starts again (optimistic locking)",
    },
    Evidence: {"id": "a new row", "activity": "belongs to the copied activity"},
    YearMark: {"id": "a new row", "activity": "belongs to the copied activity"},
    Comment: {"id": "a new row", "activity": "belongs to the copied activity"},
}
# Defaults computed at creation (timestamps) differ from ``get_default()`` by themselves.
CALLABLE_DEFAULT = object()


def snapshot(row: models.Model) -> dict:
    """Every field and relation of ``row`` except those declared different, recursively."""
    model = type(row)
    assert model in DIFFERENT, f"{model.__name__} is copied but not declared in DIFFERENT"
    skip = DIFFERENT[model]
    values = {}
    for field in model._meta.get_fields():
        if field.name in skip:
            continue
        if field.many_to_many and field.concrete:
            values[field.name] = sorted(getattr(row, field.name).values_list("pk", flat=True))
        elif field.one_to_many:
            children = getattr(row, field.get_accessor_name()).order_by("pk")
            values[field.name] = [snapshot(child) for child in children]
        elif field.concrete:
            value = getattr(row, field.attname)
            values[field.name] = value.name if isinstance(field, models.FileField) else value
        else:
            raise AssertionError(
                f"{model.__name__}.{field.name}: a relation this test does not know how to "
                "compare; decide whether a revision copies it"
            )
    return values


def assert_every_field_is_exercised(rows_by_model):
    """Each compared concrete field has a non-default value in at least one source row."""
    for model, rows in rows_by_model.items():
        for field in model._meta.concrete_fields:
            if field.name in DIFFERENT[model] or callable(field.default):
                continue
            default = field.get_default()
            if isinstance(field, models.FileField):
                values = [getattr(row, field.attname).name for row in rows]
            else:
                values = [getattr(row, field.attname) for row in rows]
            assert any(value not in (default, None, "") for value in values), (
                f"the fixture leaves {model.__name__}.{field.name} at its default: give it a "
                "value so that the copy of this field is proven"
            )
        for field in model._meta.many_to_many:
            assert any(getattr(row, field.name).exists() for row in rows), field.name


def rich_roadmap(world, settings, tmp_path) -> Roadmap:
    """An approved roadmap whose stages and activities use every field and relation."""
    settings.MEDIA_ROOT = tmp_path
    group = [world.people["working_group"], world.people["mentor"]]
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED, responsible=group)
    curator = world.user("curator")
    one, yearly, cancelled, returned = Activity.objects.filter(stage__roadmap=roadmap).order_by(
        "stage__order", "order"
    )
    yearly.deadline_text = "ежегодно до 31 октября"
    services.activity_derive_deadline(activity=yearly, roadmap=roadmap)
    yearly.notes = "Отчёт — в сентябре"
    yearly.save()
    one.deadline_start, one.deadline_note = date(2026, 10, 1), "Уточнено куратором"
    one.save()
    services.activity_report(
        activity=one,
        by=curator,
        comment="Приказ подписан",
        evidence_title="Приказ № 5",
        file=SimpleUploadedFile("prikaz.pdf", PDF),
    )
    services.activity_accept(activity=one, by=curator)
    services.activity_report(
        activity=yearly, by=curator, year=2026, url="https://school.example/report"
    )
    services.activity_accept(activity=yearly, by=curator, year=2026)
    services.activity_cancel(activity=cancelled, by=curator, reason="Нет финансирования")
    # Only a closed roadmap has final marks (and it is never revised): set here to prove the copy.
    cancelled.final_mark, cancelled.final_reason = "not_done", "Нет финансирования"
    cancelled.save()
    services.activity_report(activity=returned, by=curator, url="https://school.example/x")
    services.activity_return(activity=returned, by=curator, comment="Нет подписи")
    return roadmap


def test_a_new_revision_copies_every_field_and_relation(world, settings, tmp_path):
    roadmap = rich_roadmap(world, settings, tmp_path)
    activities = Activity.objects.filter(stage__roadmap=roadmap)
    assert_every_field_is_exercised(
        {
            Stage: list(roadmap.stages.all()),
            Activity: list(activities),
            Evidence: list(Evidence.objects.filter(activity__in=activities)),
            YearMark: list(YearMark.objects.filter(activity__in=activities)),
            Comment: list(Comment.objects.filter(activity__in=activities)),
        }
    )
    before = [snapshot(stage) for stage in roadmap.stages.order_by("order")]

    revision = services.roadmap_new_revision(roadmap=roadmap, by=world.user("curator"))

    assert [snapshot(stage) for stage in revision.stages.order_by("order")] == before
    # The revision is a copy: the roadmap in force is untouched.
    assert [snapshot(stage) for stage in roadmap.stages.order_by("order")] == before


def test_responsible_people_keep_their_activities_after_the_revision_is_approved(world):
    person = world.people["working_group"]
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED, responsible=[person])
    assert responsible_activities(person, world.school).count() == 4
    revision = services.roadmap_new_revision(roadmap=roadmap, by=world.user("curator"))
    services.roadmap_submit(roadmap=revision, by=world.user("curator"))
    services.roadmap_approve(
        roadmap=revision,
        by=world.user("director"),
        document_kind="order",
        number="3",
        date=date(2026, 11, 2),
    )
    mine = responsible_activities(person, world.school)
    assert mine.count() == 4
    assert {activity.stage.roadmap_id for activity in mine} == {revision.pk}


def test_a_shared_evidence_file_stays_while_a_revision_still_names_it(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED)
    activity = Activity.objects.filter(stage__roadmap=roadmap).first()
    evidence = services.evidence_add(
        activity=activity,
        by=world.user("curator"),
        title="Протокол",
        file=SimpleUploadedFile("protokol.pdf", PDF),
    )
    name = evidence.file.name
    services.roadmap_new_revision(roadmap=roadmap, by=world.user("curator"))
    with_copy = Evidence.objects.filter(file=name)
    assert with_copy.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(evidence=evidence, by=world.user("curator"))
    assert evidence.file.storage.exists(name)
    assert Evidence.objects.filter(file=name).count() == 1
