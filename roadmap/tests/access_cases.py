"""The roadmap's URLs × personas (see tests/access.py for the semantics).

Drafts are read by the program's managers, the working group and the district; the approved
roadmap by everybody of the school. The curator edits, the director approves, the working
group reports on the activities it is responsible for.
"""

from datetime import date

from django.core.files.base import ContentFile

from roadmap.models import Evidence, Roadmap
from roadmap.tests.factories import first_activity, make_roadmap, make_school_task
from tests.access import ALL_SCHOOL_PERSONAS, case

CURATOR = {"curator"}
DIRECTOR = {"director"}
REPORTERS = {"curator", "working_group"}
PROGRAM_READERS = {"director", "curator", "working_group", "coordinator"}


def _roadmap(world, status=Roadmap.Status.DRAFT):
    return make_roadmap(world.school, status=status, responsible=[world.people["working_group"]])


def draft(world):
    return {"pk": _roadmap(world).pk}


def on_approval(world):
    return {"pk": _roadmap(world, Roadmap.Status.ON_APPROVAL).pk}


def approved(world):
    return {"pk": _roadmap(world, Roadmap.Status.APPROVED).pk}


def finished(world):
    """An approved roadmap whose period has ended: it may be closed."""
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        period=(date(2020, 9, 1), date(2021, 8, 31)),
    )
    return {"pk": roadmap.pk}


def draft_stage(world):
    return {"pk": _roadmap(world).stages.first().pk}


def draft_activity(world):
    return {"pk": first_activity(_roadmap(world)).pk}


def tracked_activity(world):
    return {"pk": first_activity(_roadmap(world, Roadmap.Status.APPROVED)).pk}


def evidence_file(world):
    activity = first_activity(_roadmap(world, Roadmap.Status.APPROVED))
    evidence = Evidence(activity=activity, title="Приказ")
    evidence.file.save("prikaz.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return {"pk": evidence.pk}


def evidence_of_teachers_activity(world):
    """The teacher is among the activity's responsible people: the evidence is theirs too."""
    activity = first_activity(_roadmap(world, Roadmap.Status.APPROVED))
    activity.responsible_people.add(world.people["teacher"])
    evidence = Evidence(activity=activity, title="Отчёт")
    evidence.file.save("otchet.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return {"pk": evidence.pk}


def evidence_of_working_group(world):
    """Uploaded by the working group's member: the uploader and the curator may delete it."""
    activity = first_activity(_roadmap(world, Roadmap.Status.APPROVED))
    evidence = Evidence.objects.create(
        activity=activity,
        title="Протокол",
        url="https://example.org/protokol",
        uploaded_by=world.user("working_group"),
    )
    return {"pk": evidence.pk}


def school_task(world):
    return {"pk": make_school_task(world.school).pk}


def reported_task(world):
    return {"pk": make_school_task(world.school, reported=True).pk}


def task_with_file(world):
    pdf = ContentFile(b"%PDF-1.4 test", name="otchet.pdf")
    return {"pk": make_school_task(world.school, reported=True, file=pdf).pk}


def department_roadmap(world):
    return {"pk": make_school_task(world.school).activity.stage.roadmap_id}


def department_activity(world):
    return {"pk": make_school_task(world.school).activity_id}


# The municipal roadmap: the school's curator reports (the director reads), the district's
# coordinator reads and decides; assigning schools needs the coordinator acting in the
# department itself (the matrix's coordinator reads the school: 403, see test_municipal_roadmap).
SCHOOL_SIDE = {"curator", "director"}
BOTH_SIDES = {"curator", "director", "coordinator"}
MUNICIPAL_CASES = [
    case("roadmap:municipal_list", SCHOOL_SIDE),
    case("roadmap:school_task", BOTH_SIDES, kwargs=school_task),
    case("roadmap:school_task_report", CURATOR, kwargs=school_task),
    case(
        "roadmap:school_task_report",
        CURATOR,
        kwargs=school_task,
        method="post",
        data=lambda world, kwargs: {"report": "Сделано", "url": "https://school.ru/r"},
    ),
    case(
        "roadmap:school_task_accept",
        {"coordinator"},
        kwargs=reported_task,
        method="post",
        scoped=False,
    ),
    case("roadmap:school_task_return", {"coordinator"}, kwargs=reported_task, scoped=False),
    case("roadmap:school_task_file", BOTH_SIDES, kwargs=task_with_file),
    case("roadmap:schools", {"coordinator"}, kwargs=department_roadmap, scoped=False),
    case("roadmap:activity_schools", set(), kwargs=department_activity, scoped=False),
]


def _move(kwargs_builder):
    return lambda world: {**kwargs_builder(world), "direction": "down"}


CASES = [
    case("roadmap:list", ALL_SCHOOL_PERSONAS),
    case("roadmap:create", CURATOR),
    case("roadmap:my", ALL_SCHOOL_PERSONAS),
    case("roadmap:detail", ALL_SCHOOL_PERSONAS, kwargs=approved),
    case("roadmap:detail", PROGRAM_READERS, kwargs=draft),
    case("roadmap:edit", CURATOR, kwargs=draft),
    case("roadmap:submit", CURATOR, kwargs=draft, method="post"),
    case("roadmap:approve", DIRECTOR, kwargs=on_approval),
    case("roadmap:return", DIRECTOR, kwargs=on_approval),
    case("roadmap:new_revision", CURATOR, kwargs=approved, method="post"),
    case("roadmap:close", CURATOR, kwargs=finished),
    case("roadmap:calendar", ALL_SCHOOL_PERSONAS, kwargs=approved),
    case("roadmap:calendar_ics", ALL_SCHOOL_PERSONAS, kwargs=approved),
    case("roadmap:history", PROGRAM_READERS, kwargs=approved),
    case("roadmap:pdf", ALL_SCHOOL_PERSONAS, kwargs=approved),
    case("roadmap:progress_pdf", ALL_SCHOOL_PERSONAS, kwargs=approved),
    case("roadmap:xlsx", ALL_SCHOOL_PERSONAS, kwargs=approved),
    case("roadmap:stage_add", CURATOR, kwargs=draft),
    case("roadmap:activities_assign", CURATOR, kwargs=draft, method="post"),
    case("roadmap:stage_edit", CURATOR, kwargs=draft_stage),
    case("roadmap:stage_move", CURATOR, kwargs=_move(draft_stage), method="post"),
    case("roadmap:stage_delete", CURATOR, kwargs=draft_stage),
    case("roadmap:activity_add", CURATOR, kwargs=draft_stage),
    case("roadmap:activity_detail", ALL_SCHOOL_PERSONAS, kwargs=tracked_activity),
    case("roadmap:activity_edit", CURATOR, kwargs=draft_activity),
    case("roadmap:activity_move", CURATOR, kwargs=_move(draft_activity), method="post"),
    case("roadmap:activity_delete", CURATOR, kwargs=draft_activity),
    case("roadmap:activity_start", REPORTERS, kwargs=tracked_activity, method="post"),
    case("roadmap:activity_report", REPORTERS, kwargs=tracked_activity),
    case("roadmap:evidence_add", REPORTERS, kwargs=tracked_activity),
    case("roadmap:activity_accept", CURATOR, kwargs=tracked_activity, method="post"),
    case("roadmap:activity_return", CURATOR, kwargs=tracked_activity),
    case("roadmap:activity_cancel", CURATOR, kwargs=tracked_activity),
    case(
        "roadmap:activity_comment",
        {"director", "curator", "working_group"},
        kwargs=tracked_activity,
        method="post",
        data=lambda world, kwargs: {"text": "Проверено"},
    ),
    # Evidence: the program's readers and the activity's responsible people, not every reader
    # of the approved roadmap (mentees, mentors and teachers get a 403).
    case("roadmap:evidence_download", PROGRAM_READERS, kwargs=evidence_file),
    case(
        "roadmap:evidence_download",
        PROGRAM_READERS | {"teacher"},
        kwargs=evidence_of_teachers_activity,
    ),
    case("roadmap:evidence_delete", REPORTERS, kwargs=evidence_of_working_group),
    case("roadmap:evidence_delete", REPORTERS, kwargs=evidence_of_working_group, method="post"),
    # Import: the preview lives in the curator's session, so a token from the test world is
    # unknown to everybody (the curator is sent back to the upload page); not a school record.
    case("roadmap:import", CURATOR),
    case("roadmap:import_preview", CURATOR, kwargs=lambda world: {"token": "t0"}, scoped=False),
    case(
        "roadmap:import_confirm",
        CURATOR,
        kwargs=lambda world: {"token": "t0"},
        method="post",
        scoped=False,
    ),
    *[
        case(
            name,
            CURATOR,
            kwargs=lambda world: {"token": "t0", "index": 1},
            method="post",
            scoped=False,
        )
        for name in (
            "roadmap:import_row_to_stage",
            "roadmap:import_stage_to_row",
            "roadmap:import_row_merge",
            "roadmap:import_row_split",
        )
    ],
]
CASES += MUNICIPAL_CASES
