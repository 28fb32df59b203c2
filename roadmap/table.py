"""The roadmap as a table: one function builds the rows for the page, the PDF and Excel.

Its queries do not depend on the number of activities: stages, activities (with the evidence
count), responsible people and yearly marks are fetched in one query each.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch
from django.utils import timezone

from roadmap.models import Activity, Roadmap, Stage


@dataclass
class ActivityRow:
    activity: Activity
    number: str
    overdue: bool
    responsible: str
    evidence_count: int
    deadline_description: str
    year_rows: list = field(default_factory=list)
    links: dict = field(default_factory=dict)  # roadmap.links.attach_links(), for the page

    @property
    def completion_mark(self) -> str:
        """«Отметка о выполнении» of the paper table."""
        activity = self.activity
        if activity.final_mark:  # the roadmap is closed: its final mark is the record
            return activity.final_mark_text
        if activity.is_yearly and self.year_rows:
            done = [row["year"].label for row in self.year_rows if _is_done(row)]
            if activity.status == Activity.Status.CANCELLED:
                return f"Отменено: {activity.cancel_reason}"
            late = [row["year"].label for row in self.year_rows if row["overdue"]]
            parts = []
            if done:
                parts.append("Выполнено за " + ", ".join(done))
            if late:
                parts.append("просрочено за " + ", ".join(late))
            if parts:
                text = "; ".join(parts)
                return text[0].upper() + text[1:]
            return activity.get_status_display()
        if activity.status == Activity.Status.CANCELLED:
            return f"Отменено: {activity.cancel_reason}"
        if self.overdue:
            return "Просрочено"
        return activity.get_status_display()


def _is_done(row) -> bool:
    return row["mark"] is not None and row["mark"].status == "done"


@dataclass
class StageRow:
    stage: Stage
    number: int
    activities: list[ActivityRow]
    links: dict = field(default_factory=dict)


def activities_queryset():
    return Activity.objects.annotate(evidence_count=Count("evidence")).prefetch_related(
        "responsible_people", "year_marks"
    )


def responsible_text(activity: Activity) -> str:
    people = ", ".join(person.short_name for person in activity.responsible_people.all())
    return "; ".join(part for part in (activity.responsible_roles, people) if part)


def roadmap_table(
    roadmap: Roadmap, *, activity_ids=None, today: date | None = None, keep_empty=True
) -> list[StageRow]:
    """Stages with their numbered activities; ``activity_ids`` keeps only those (a filter),
    numbering stays that of the whole roadmap."""
    today = today or timezone.localdate()
    stages = roadmap.stages.prefetch_related(
        Prefetch("activities", queryset=activities_queryset().order_by("order", "pk"))
    ).order_by("order", "pk")
    table = []
    for stage_number, stage in enumerate(stages, start=1):
        rows = []
        for activity_number, activity in enumerate(stage.activities.all(), start=1):
            if activity_ids is not None and activity.pk not in activity_ids:
                continue
            rows.append(activity_row(activity, roadmap, f"{stage_number}.{activity_number}", today))
        if rows or (keep_empty and activity_ids is None):
            table.append(StageRow(stage, stage_number, rows))
    return table


def activity_row(activity: Activity, roadmap: Roadmap, number: str, today=None) -> ActivityRow:
    today = today or timezone.localdate()
    return ActivityRow(
        activity=activity,
        number=number,
        overdue=activity.is_overdue(roadmap, today),
        responsible=responsible_text(activity),
        # Annotated by activities_queryset(); counted here only for a bare activity.
        evidence_count=activity.evidence_count
        if hasattr(activity, "evidence_count")
        else activity.evidence.count(),
        deadline_description=activity.deadline.describe() if activity.deadline_text else "",
        year_rows=activity.year_rows(roadmap, today) if activity.is_yearly else [],
    )


def single_activity_row(activity: Activity) -> ActivityRow:
    """One row with its number (for the inline editor), at a fixed cost of a few queries."""
    roadmap = activity.stage.roadmap
    stage_ids = list(roadmap.stages.order_by("order", "pk").values_list("pk", flat=True))
    activity_ids = list(
        activity.stage.activities.order_by("order", "pk").values_list("pk", flat=True)
    )
    number = f"{stage_ids.index(activity.stage_id) + 1}.{activity_ids.index(activity.pk) + 1}"
    activity = activities_queryset().get(pk=activity.pk)
    return activity_row(activity, roadmap, number)
