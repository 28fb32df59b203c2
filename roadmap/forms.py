"""Forms of the roadmap: they validate and normalise; services save."""

import zipfile
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from mentoring_portal.versioning import VersionedFormMixin
from mentoring_portal.widgets import DateInput
from participants.pickers import PeoplePickerField
from roadmap.closing import FinalMark
from roadmap.models import Activity, Roadmap, Stage

MAX_EVIDENCE_SIZE = 10 * 1024 * 1024


def date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        error_messages={"invalid": "Введите дату в формате ДД.ММ.ГГГГ, например 01.09.2024."},
        **kwargs,
    )


class RoadmapForm(forms.Form):
    title = forms.CharField(label="Название", max_length=500)
    period_start = date_field("Начало периода")
    period_end = date_field("Окончание периода")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and start >= end:
            self.add_error(
                "period_end",
                ValidationError("Окончание периода должно быть позже начала.", code="period_order"),
            )
        return cleaned


class RoadmapCreateForm(RoadmapForm):
    from_template = forms.TypedChoiceField(
        label="Содержание",
        choices=[
            ("1", "Семь этапов целевой модели с типовыми мероприятиями"),
            ("", "Пустая дорожная карта"),
        ],
        coerce=bool,
        empty_value=False,
        initial="1",
        widget=forms.RadioSelect,
        required=False,
    )


class StageForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["title"]
        widgets = {"title": forms.TextInput()}


class ActivityForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "result_form",
            "deadline_text",
            "responsible_people",
            "responsible_roles",
            "notes",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "result_form": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "deadline_text": "Как в документе: «до 31 октября», «Август - сентябрь 2024», "
            "«ежегодно», «До 01.10.2022 г., далее постоянно», «по мере необходимости».",
            "responsible_roles": "Например: «Рабочая группа», «Директор».",
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff with a login (participants.pickers), searched as one types.
        responsible = PeoplePickerField(
            "staff",
            label=self.fields["responsible_people"].label,
            required=False,
            help_text=self.fields["responsible_people"].help_text,
        )
        responsible.scope(organisation)
        self.fields["responsible_people"] = responsible
        self.fields["title"].error_messages["required"] = "Укажите название мероприятия."

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise ValidationError("Укажите название мероприятия.", code="required")
        return title

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("responsible_people") and not cleaned.get("responsible_roles"):
            self.add_error(
                "responsible_roles",
                ValidationError(
                    "Укажите ответственных: выберите людей из списка или впишите должности.",
                    code="no_responsible",
                ),
            )
        return cleaned


class ApproveForm(forms.Form):
    """Approval by a protocol of the pedagogical council. An order approves the roadmap when the
    director signs the order «Об утверждении дорожной карты», which carries the roadmap as its
    appendix: its number and date are the register's, never typed here."""

    document_kind = forms.ChoiceField(
        label="Утверждающий документ",
        choices=[(Roadmap.DocumentKind.PROTOCOL, Roadmap.DocumentKind.PROTOCOL.label)],
        initial=Roadmap.DocumentKind.PROTOCOL,
    )
    number = forms.CharField(label="Номер", max_length=50)
    date = date_field("Дата документа")


class CommentRequiredForm(forms.Form):
    comment = forms.CharField(
        label="Комментарий",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        error_messages={"required": "Напишите, что нужно исправить."},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Причина отмены",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        error_messages={"required": "Укажите причину отмены."},
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Комментарий",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=3000,
        error_messages={"required": "Комментарий пуст."},
    )


# extension -> (a check of the first bytes, a description)
def _is_zip_with(member_prefix: str):
    def check(upload) -> bool:
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError):
            return False
        finally:
            upload.seek(0)
        return any(name.startswith(member_prefix) for name in names)

    return check


def _starts_with(*signatures: bytes):
    def check(upload) -> bool:
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        return any(head.startswith(signature) for signature in signatures)

    return check


ALLOWED_TYPES = {
    ".pdf": _starts_with(b"%PDF-"),
    ".docx": _is_zip_with("word/"),
    ".xlsx": _is_zip_with("xl/"),
    ".jpg": _starts_with(b"\xff\xd8\xff"),
    ".jpeg": _starts_with(b"\xff\xd8\xff"),
    ".png": _starts_with(b"\x89PNG\r\n\x1a\n"),
}


def validate_evidence_file(upload) -> None:
    extension = PurePath(upload.name).suffix.lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            "Этот тип файла не принимается. Загрузите PDF, DOCX, XLSX, JPG или PNG.",
            code="file_type",
        )
    if upload.size > MAX_EVIDENCE_SIZE:
        raise ValidationError(
            "Файл слишком большой (%(size)s). Наибольший размер — 10 МБ.",
            code="file_size",
            params={"size": filesizeformat(upload.size)},
        )
    if not ALLOWED_TYPES[extension](upload):
        raise ValidationError(
            "Содержимое файла не соответствует расширению %(ext)s: файл повреждён или "
            "переименован.",
            code="file_content",
            params={"ext": extension},
        )


class EvidenceForm(forms.Form):
    title = forms.CharField(label="Название подтверждения", max_length=300, required=False)
    file = forms.FileField(
        label="Файл",
        required=False,
        validators=[validate_evidence_file],
        help_text="PDF, DOCX, XLSX, JPG или PNG, до 10 МБ.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}),
    )
    url = forms.URLField(
        label="Ссылка",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Введите правильную ссылку, например https://school.ru/doc."},
    )

    def __init__(self, *args, years=None, require_evidence=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_evidence = require_evidence
        if years:
            self.fields["year"] = forms.TypedChoiceField(
                label="За учебный год",
                choices=[(y.key, y.label) for y in years],
                coerce=int,
                error_messages={"required": "Выберите год, за который отчитываетесь."},
            )

    def clean(self):
        cleaned = super().clean()
        missing = not cleaned.get("file") and not cleaned.get("url")
        already_wrong = self.errors.get("file") or self.errors.get("url")
        if self.require_evidence and missing and not already_wrong:
            self.add_error(
                "file", ValidationError("Приложите файл или укажите ссылку.", code="no_evidence")
            )
        return cleaned


class ReportForm(EvidenceForm):
    comment = forms.CharField(
        label="Комментарий к отчёту",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=3000,
        required=False,
    )


class YearChoiceForm(forms.Form):
    year = forms.TypedChoiceField(label="Год", coerce=int, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "—"), *[(y.key, y.label) for y in years]]


class RoadmapCloseForm(forms.Form):
    """A final mark for each activity of a finished roadmap: done, or not done with a reason.

    ``step`` carries the two steps of the page: «review» shows the summary to confirm, «close»
    closes, «edit» goes back to the marks with what was entered.
    """

    step = forms.ChoiceField(
        choices=[("review", "review"), ("close", "close"), ("edit", "edit")],
        widget=forms.HiddenInput,
        initial="review",
    )

    def __init__(self, *args, rows, initial_marks, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row.activity.pk
            initial = initial_marks.get(pk)
            self.fields[f"mark_{pk}"] = forms.ChoiceField(
                label=f"{row.number}. {row.activity.title}",
                choices=[("done", "Выполнено"), ("not_done", "Не выполнено")],
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial=None if initial is None else ("done" if initial.done else "not_done"),
                error_messages={"required": "Отметьте, выполнено ли мероприятие."},
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label="Причина невыполнения",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial="" if initial is None else initial.reason,
            )

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            pk = row.activity.pk
            if cleaned.get(f"mark_{pk}") == "not_done" and not cleaned.get(f"reason_{pk}"):
                self.add_error(
                    f"reason_{pk}", "Укажите причину, по которой мероприятие не выполнено."
                )
        return cleaned

    def entries(self):
        """Per activity row: its mark and reason fields (for the template)."""
        return [
            (row, self[f"mark_{row.activity.pk}"], self[f"reason_{row.activity.pk}"])
            for row in self.rows
        ]

    def marks(self) -> dict:
        return {
            row.activity.pk: FinalMark(
                done=self.cleaned_data[f"mark_{row.activity.pk}"] == "done",
                reason=self.cleaned_data[f"reason_{row.activity.pk}"],
            )
            for row in self.rows
        }


class AssignForm(forms.Form):
    """One or more staff members made responsible for the activities checked on the roadmap."""

    people = PeoplePickerField("staff", label="Кого назначить ответственным")
    activities = forms.ModelMultipleChoiceField(
        queryset=Activity.objects.none(),
        error_messages={"required": "Отметьте мероприятия в таблице."},
    )

    def __init__(self, *args, roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].scope(roadmap.organisation)
        self.fields["people"].error_messages["required"] = "Выберите, кого назначить."
        self.fields["people"].widget.attrs["class"] = "form-select"
        self.fields["activities"].queryset = Activity.objects.filter(stage__roadmap=roadmap)
