"""Forms of the roadmap import: the upload, and the editable preview of what was understood."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory

from mentoring_portal.russian import plural_count
from mentoring_portal.widgets import date_bounds
from roadmap.deadlines import parse_deadline
from roadmap.forms import RoadmapForm
from roadmap.importing import MAX_BYTES, SUPPORTED, RoadmapImportError, read_roadmap
from roadmap.importing.responsible import split_responsible
from roadmap.importing.result import ImportedRoadmap

_SMALL = {"class": "form-control form-control-sm"}
# The rows are posted as one JSON field (static/js/roadmap_import.js), so Django's limit of
# 1,000 fields no longer caps the preview; this caps the session's copy and the page's size.
MAX_PREVIEW_ACTIVITIES = 2000


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Файл дорожной карты",
        help_text=f"Word, PDF с текстом, Excel, текст или HTML ({SUPPORTED}), не больше 10 МБ. "
        "Файл не сохраняется на сервере: после загрузки вы увидите, что в нём найдено.",
        widget=forms.ClearableFileInput(attrs={"accept": SUPPORTED.replace(" ", "")}),
    )

    imported: ImportedRoadmap | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                "Файл слишком большой: загрузите файл не больше 10 МБ.", code="too_large"
            )
        data = upload.read()
        try:
            self.imported = read_roadmap(data, upload.name)
        except RoadmapImportError as error:
            raise ValidationError(error.message, code=error.code) from error
        count = len(self.imported.activities)
        if count > MAX_PREVIEW_ACTIVITIES:
            found = plural_count(count, "мероприятие", "мероприятия", "мероприятий")
            raise ValidationError(
                f"В файле {found} — больше, чем помещается на странице проверки "
                f"({MAX_PREVIEW_ACTIVITIES}). Разделите дорожную карту на части или попросите "
                "администратора импортировать её командой manage.py import_roadmap.",
                code="too_many_rows",
            )
        return upload


class ImportHeaderForm(RoadmapForm):
    """Title and period, as found in the document (the period places deadlines without year);
    the tick keeps the file's approval on the draft of an already approved roadmap."""

    keep_approval = forms.BooleanField(
        label="Сохранить в черновике",
        required=False,
        help_text="Для уже утверждённой дорожной карты, которую школа ведёт в портале.",
    )


class ImportStageForm(forms.Form):
    title = forms.CharField(
        label="Этап",
        max_length=500,
        widget=forms.TextInput(attrs=_SMALL | {"class": _SMALL["class"] + " fw-semibold"}),
    )


class ImportRowForm(forms.Form):
    title = forms.CharField(
        label="Мероприятие",
        widget=forms.Textarea(attrs=_SMALL | {"rows": 3}),
        error_messages={"required": "Укажите мероприятие."},
    )
    result_form = forms.CharField(
        label="Форма результата",
        required=False,
        widget=forms.Textarea(attrs=_SMALL | {"rows": 2}),
    )
    deadline_text = forms.CharField(
        label="Сроки (как записано)",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs=_SMALL),
    )
    responsible = forms.CharField(
        label="Ответственные",
        required=False,
        max_length=1000,
        help_text="Через точку с запятой; людей — «Фамилия И. О.»",
        widget=forms.TextInput(attrs=_SMALL),
    )
    skip = forms.BooleanField(label="Не импортировать", required=False)

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError("Укажите мероприятие.", code="required")
        return title


StageFormSet = formset_factory(ImportStageForm, extra=0)
RowFormSet = formset_factory(ImportRowForm, extra=0)


def responsible_initial(activity) -> str:
    return "; ".join([*activity.responsible_roles, *activity.responsible_people_names])


ROW_FIELDS = ("title", "result_form", "deadline_text", "responsible", "skip")


def rows_from_json(data):
    """The preview's rows posted as one JSON field (``rows_json``, built by the page's script so
    that a long roadmap passes Django's field limit) → the formset's ordinary keys; a payload
    that is not a list of rows is ignored (the rows are then missing and the form says so)."""
    import json

    if data is None or not data.get("rows_json"):
        return data
    try:
        rows = json.loads(data["rows_json"])
    except ValueError:
        rows = None
    merged = data.copy()
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        merged["rows-TOTAL_FORMS"] = "0"
        return merged
    for index, row in enumerate(rows):
        for name in ROW_FIELDS:
            value = row.get(name)
            key = f"rows-{index}-{name}"
            if name == "skip":
                if value is True:
                    merged[key] = "on"
            elif isinstance(value, str):
                merged[key] = value
    return merged


class ImportPreviewForms:
    """The header, the stages and the rows of one preview, validated and applied together."""

    def __init__(self, data, imported: ImportedRoadmap):
        data = rows_from_json(data)
        self.imported = imported
        activities = imported.activities
        self.head = ImportHeaderForm(
            data,
            prefix="head",
            initial={
                "title": imported.title,
                "period_start": imported.period_start,
                "period_end": imported.period_end,
                "keep_approval": imported.keep_approval,
            },
        )
        # The period's own dates are date inputs like every other date of the portal, each
        # bounded by the other end of the period found in the document.
        for name in ("period_start", "period_end"):
            self.head.fields[name].widget.attrs["class"] = "form-control"
        date_bounds(self.head.fields["period_start"], end=imported.period_end)
        date_bounds(self.head.fields["period_end"], start=imported.period_start)
        self.stages = StageFormSet(
            data, prefix="stages", initial=[{"title": stage.title} for stage in imported.stages]
        )
        self.rows = RowFormSet(
            data,
            prefix="rows",
            initial=[
                {
                    "title": activity.title,
                    "result_form": activity.result_form,
                    "deadline_text": activity.deadline_text,
                    "responsible": responsible_initial(activity),
                    "skip": activity.skipped,
                }
                for activity in activities
            ],
        )
        self.shape_error = ""

    def is_valid(self) -> bool:
        valid = self.head.is_valid() & self.stages.is_valid() & self.rows.is_valid()
        if valid and (
            len(self.stages.forms) != len(self.imported.stages)
            or len(self.rows.forms) != len(self.imported.activities)
        ):
            self.shape_error = "Форма предпросмотра устарела — откройте предпросмотр заново."
            return False
        if valid and all(form.cleaned_data.get("skip") for form in self.rows.forms):
            self.shape_error = "Отмечены все мероприятия: импортировать нечего."
            return False
        return valid

    def apply(self, *, keep_skipped: bool = False) -> ImportedRoadmap:
        """The imported roadmap with the curator's corrections; rows marked «Не импортировать»
        are dropped (kept, when only the structure is being fixed), deadlines are derived again
        (the period may have changed)."""
        imported = self.imported
        head = self.head.cleaned_data
        imported.title = head["title"]
        imported.period_start, imported.period_end = head["period_start"], head["period_end"]
        imported.keep_approval = bool(head.get("keep_approval")) and bool(
            imported.approval.prior_text
        )
        rows = iter(self.rows.forms)
        for stage, stage_form in zip(imported.stages, self.stages.forms, strict=True):
            stage.title = stage_form.cleaned_data["title"]
            kept = []
            for activity in stage.activities:
                data = next(rows).cleaned_data
                activity.skipped = bool(data.get("skip"))
                if activity.skipped and not keep_skipped:
                    continue
                changed = (
                    activity.title != data["title"]
                    or activity.result_form != data["result_form"]
                    or activity.deadline_text != data["deadline_text"]
                    or responsible_initial(activity) != data["responsible"]
                )
                if changed:
                    # The curator has looked at this row: only what is still unclear stays.
                    activity.warnings = []
                    activity.title = data["title"]
                    activity.result_form = data["result_form"]
                    activity.deadline_text = data["deadline_text"]
                    roles, people = split_responsible(data["responsible"])
                    activity.responsible_roles, activity.responsible_people_names = roles, people
                    activity.responsible_text = data["responsible"]
                kept.append(activity)
            stage.activities = kept
        for activity in imported.activities:
            activity.deadline = parse_deadline(
                activity.deadline_text,
                period_start=imported.period_start,
                period_end=imported.period_end,
            )
            activity.warnings = [w for w in activity.warnings if not w.startswith("Срок «")]
            if activity.deadline_text and not activity.deadline.understood:
                activity.warnings.append(
                    f"Срок «{activity.deadline_text}» не распознан: {activity.deadline.note}"
                )
        return imported
