"""What the import understood: plain dataclasses, no Django, serialisable to JSON and back.

The preview keeps :meth:`ImportedRoadmap.to_dict` in the session between the steps, so
:meth:`ImportedRoadmap.from_dict` must rebuild exactly what was shown.
"""

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from datetime import date

from roadmap.deadlines import Deadline, DeadlineKind, parse_deadline


@dataclass
class Approval:
    """The approval block found before the table.

    ``kind`` is the approving document: ``"order"`` (приказ), ``"protocol"`` (протокол
    педсовета) or ``""`` when only a signature («УТВЕРЖДЕНО / директор … / дата») was found.
    ``heading`` is the word as written («УТВЕРЖДЕНО», «Утверждаю», «ПРИКАЗ»).
    """

    heading: str = ""
    kind: str = ""
    by: str = ""
    date: dt.date | None = None
    number: str = ""

    @property
    def found(self) -> bool:
        return bool(self.heading or self.kind or self.by or self.date or self.number)

    @property
    def kind_label(self) -> str:
        return {"order": "Приказ", "protocol": "Протокол педагогического совета"}.get(self.kind, "")

    @property
    def prior_text(self) -> str:
        """«утверждена ранее приказом от 01.04.2022 № 42-ОД (заведующий С.М. Палкина)»."""
        document = {"order": "приказом", "protocol": "протоколом педагогического совета"}.get(
            self.kind, ""
        )
        parts = ["утверждена ранее"]
        if document:
            parts.append(document)
        if self.date:
            parts.append(f"от {self.date:%d.%m.%Y}")
        if self.number:
            parts.append(f"№ {self.number}")
        text = " ".join(parts)
        if self.by:
            text += f" ({self.by})" if document or self.date else f": {self.by}"
        return text if len(parts) > 1 or self.by else ""


@dataclass
class ImportedActivity:
    number: str
    title: str
    result_form: str = ""
    deadline_text: str = ""
    deadline: Deadline = field(default_factory=lambda: Deadline("", DeadlineKind.UNKNOWN))
    responsible_text: str = ""
    responsible_roles: list[str] = field(default_factory=list)
    responsible_people_names: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # «Не импортировать» ticked in the preview (kept while the structure is being fixed).
    skipped: bool = False

    @property
    def unsure(self) -> bool:
        return bool(self.warnings)


@dataclass
class ImportedStage:
    title: str
    number: str = ""
    activities: list[ImportedActivity] = field(default_factory=list)


@dataclass
class ImportedRoadmap:
    title: str
    period_start: date
    period_end: date
    approval: Approval = field(default_factory=Approval)
    organisation_text: str = ""
    preamble: str = ""
    stages: list[ImportedStage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_format: str = ""
    # The curator's tick: keep the file's approval on the draft («утверждена ранее …»).
    keep_approval: bool = False

    @property
    def activities(self) -> list[ImportedActivity]:
        return [activity for stage in self.stages for activity in stage.activities]

    @property
    def unsure_count(self) -> int:
        return sum(1 for activity in self.activities if activity.unsure)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["period_start"] = self.period_start.isoformat()
        data["period_end"] = self.period_end.isoformat()
        data["approval"]["date"] = _iso(self.approval.date)
        for stage_data, stage in zip(data["stages"], self.stages, strict=True):
            for activity_data, activity in zip(
                stage_data["activities"], stage.activities, strict=True
            ):
                deadline = activity.deadline
                activity_data["deadline"] = {
                    "kind": deadline.kind.value,
                    "start": _iso(deadline.start),
                    "due": _iso(deadline.due),
                    "note": deadline.note,
                    "understood": deadline.understood,
                    "described": deadline.describe(),
                }
        return data

    def to_json(self, **options) -> str:
        options.setdefault("ensure_ascii", False)
        options.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **options)

    @classmethod
    def from_dict(cls, data: dict) -> "ImportedRoadmap":
        approval = dict(data.get("approval") or {})
        approval["date"] = _date(approval.get("date"))
        stages = []
        for stage_data in data.get("stages", []):
            activities = []
            for item in stage_data.get("activities", []):
                deadline_data = item.get("deadline") or {}
                activities.append(
                    ImportedActivity(
                        number=item.get("number", ""),
                        title=item.get("title", ""),
                        result_form=item.get("result_form", ""),
                        deadline_text=item.get("deadline_text", ""),
                        deadline=Deadline(
                            item.get("deadline_text", ""),
                            DeadlineKind(deadline_data.get("kind", DeadlineKind.UNKNOWN.value)),
                            _date(deadline_data.get("start")),
                            _date(deadline_data.get("due")),
                            deadline_data.get("note", ""),
                        ),
                        responsible_text=item.get("responsible_text", ""),
                        responsible_roles=list(item.get("responsible_roles", [])),
                        responsible_people_names=list(item.get("responsible_people_names", [])),
                        warnings=list(item.get("warnings", [])),
                        skipped=bool(item.get("skipped", False)),
                    )
                )
            stages.append(
                ImportedStage(
                    title=stage_data.get("title", ""),
                    number=stage_data.get("number", ""),
                    activities=activities,
                )
            )
        return cls(
            title=data["title"],
            period_start=_date(data["period_start"]),
            period_end=_date(data["period_end"]),
            approval=Approval(**approval),
            organisation_text=data.get("organisation_text", ""),
            preamble=data.get("preamble", ""),
            stages=stages,
            warnings=list(data.get("warnings", [])),
            source_format=data.get("source_format", ""),
            keep_approval=bool(data.get("keep_approval", False)),
        )

    def reparse_deadlines(self) -> None:
        """Derive every deadline again from its text (after the period or a text changed)."""
        for activity in self.activities:
            activity.deadline = parse_deadline(
                activity.deadline_text,
                period_start=self.period_start,
                period_end=self.period_end,
            )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)
