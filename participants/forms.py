"""Forms of the participants app: they validate and normalise; views and services save."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring_portal.russian import gendered
from mentoring_portal.versioning import VersionedFormMixin
from mentoring_portal.widgets import DateInput
from participants.models import (
    ConsentText,
    Difficulty,
    MenteeRequest,
    MentoringKind,
    MentorProfile,
    MentorTraining,
    Person,
    Role,
)

MAX_SCAN_SIZE = 10 * 1024 * 1024
# What a scan may be, told by the file's first bytes (not by its name).
SCAN_SIGNATURES = {b"%PDF-": "PDF", b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}
LOGIN_ROLES = [
    (role.value, role.label) for role in Role if role not in (Role.COORDINATOR, Role.DIRECTOR)
]


class DateField(forms.DateField):
    """ДД.ММ.ГГГГ everywhere in the app's forms."""

    widget = DateInput()
    default_error_messages = {"invalid": "Введите дату в формате ДД.ММ.ГГГГ, например 01.09.2025."}


def normalise_name(value: str) -> str:
    return " ".join(value.replace("ё", "е").replace("Ё", "Е").split()).casefold()


class PersonForm(VersionedFormMixin, forms.ModelForm):
    birth_date = DateField(label="Дата рождения", required=False)

    class Meta:
        model = Person
        fields = [
            "last_name",
            "first_name",
            "middle_name",
            "category",
            "school_class",
            "position",
            "subjects",
            "experience_years",
            "birth_date",
            "email",
            "phone",
            "contacts",
            "legal_representative",
        ]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        representatives = (
            Person.objects.filter(organisation=organisation)
            .present()
            .exclude(category=Person.Category.STUDENT)
        )
        if self.instance.pk:
            representatives = representatives.exclude(pk=self.instance.pk)
        self.fields["legal_representative"].queryset = representatives
        self.fields["experience_years"].widget.attrs["min"] = 0
        self.helper = FormHelper()
        self.helper.render_hidden_fields = True  # the version the form was loaded with
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("last_name", css_class="col-md-4"),
                Column("first_name", css_class="col-md-4"),
                Column("middle_name", css_class="col-md-4"),
            ),
            Row(
                Column("category", css_class="col-md-4"),
                Column("birth_date", css_class="col-md-4"),
                Column(
                    Div("school_class", css_class="participants-student-only"),
                    css_class="col-md-4",
                ),
            ),
            Div("legal_representative", css_class="participants-student-only"),
            Row(
                Column("position", css_class="col-md-5"),
                Column("subjects", css_class="col-md-5"),
                Column("experience_years", css_class="col-md-2"),
            ),
            Row(
                Column("email", css_class="col-md-4"),
                Column("phone", css_class="col-md-4"),
                Column("contacts", css_class="col-md-4"),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        if category == Person.Category.STUDENT:
            if not cleaned.get("school_class"):
                self.add_error(
                    "school_class",
                    ValidationError("Укажите класс обучающегося.", code="class_required"),
                )
            birth_date = cleaned.get("birth_date")
            probe = Person(birth_date=birth_date)
            if birth_date and probe.is_minor() and not cleaned.get("legal_representative"):
                self.add_error(
                    "legal_representative",
                    ValidationError(
                        "Для несовершеннолетнего обучающегося укажите законного представителя.",
                        code="representative_required",
                    ),
                )
        birth_date = cleaned.get("birth_date")
        if birth_date and birth_date > timezone.localdate():
            self.add_error(
                "birth_date",
                ValidationError("Дата рождения не может быть в будущем.", code="future_birth"),
            )
        return cleaned


class GiveLoginForm(forms.Form):
    username = forms.RegexField(
        label="Имя пользователя (логин)",
        regex=r"^[\w.@+-]{3,150}$",
        error_messages={
            "invalid": "Логин: от 3 символов, латинские буквы, цифры и знаки . @ + - _."
        },
    )
    email = forms.EmailField(
        label="Электронная почта", required=False, help_text="На неё придёт ссылка для пароля."
    )
    roles = forms.MultipleChoiceField(
        label="Роли",
        choices=LOGIN_ROLES,
        initial=[Role.TEACHER],
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError("Такой логин уже занят.", code="username_taken")
        return username


class ConsentTextForm(forms.ModelForm):
    class Meta:
        model = ConsentText
        fields = ["purposes", "data_categories", "body"]
        widgets = {
            "purposes": forms.Textarea(attrs={"rows": 3}),
            "data_categories": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 18}),
        }


class OnlineConsentForm(forms.Form):
    typed_name = forms.CharField(
        label="Фамилия, имя и отчество полностью",
        max_length=300,
        help_text="Введите ФИО, чтобы подтвердить согласие.",
    )
    agree = forms.BooleanField(
        label="Я прочитал(а) текст согласия и даю согласие на обработку персональных данных",
        error_messages={"required": "Отметьте, что вы даёте согласие."},
    )

    def __init__(self, *args, expected_name: str, signer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_name = expected_name
        # «Я прочитала …» for the woman who signs («прочитал(а)» when the name does not tell).
        read = gendered(signer, "прочитал", "прочитала")
        self.fields["agree"].label = self.fields["agree"].label.replace("прочитал(а)", read)

    def clean_typed_name(self):
        typed = self.cleaned_data["typed_name"]
        if normalise_name(typed) != normalise_name(self.expected_name):
            raise ValidationError(
                "ФИО не совпадает с тем, кто даёт согласие: введите «%(name)s».",
                code="name_mismatch",
                params={"name": self.expected_name},
            )
        return " ".join(typed.split())


def validate_scan(upload):
    if upload.size > MAX_SCAN_SIZE:
        raise ValidationError("Файл больше 10 МБ.", code="too_big")
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SCAN_SIGNATURES):
        raise ValidationError("Загрузите скан в формате PDF, JPG или PNG.", code="bad_scan_type")


class PaperConsentForm(forms.Form):
    signed_on = DateField(label="Дата подписания")
    scan = forms.FileField(
        label="Скан подписанного согласия",
        help_text="PDF, JPG или PNG, не больше 10 МБ.",
        validators=[validate_scan],
    )

    def clean_signed_on(self):
        signed_on = self.cleaned_data["signed_on"]
        if signed_on > timezone.localdate():
            raise ValidationError("Дата подписания не может быть в будущем.", code="future")
        return signed_on


class PublicationChoicesForm(forms.Form):
    """What the consent to distribution leaves to the person: the photograph and the conditions
    and prohibitions (ч. 9 ст. 10.1 152-ФЗ)."""

    photo = forms.BooleanField(
        label="Разрешаю публиковать фотографии, на которых изображён участник",
        required=False,
    )
    conditions = forms.CharField(
        label="Условия и запреты на обработку неограниченным кругом лиц",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text="Оставьте пустым, если условия и запреты не устанавливаются. Например: "
        "«запрещаю передачу (кроме предоставления доступа) неограниченному кругу лиц».",
    )


class OnlinePublicationForm(PublicationChoicesForm, OnlineConsentForm):
    agree = forms.BooleanField(
        label="Я прочитал(а) текст и даю согласие на распространение персональных данных",
        error_messages={"required": "Отметьте, что вы даёте согласие."},
    )
    field_order = ["photo", "conditions", "typed_name", "agree"]


class PaperPublicationForm(PublicationChoicesForm, PaperConsentForm):
    field_order = ["signed_on", "scan", "photo", "conditions"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].label = "В согласии отмечена фотография"
        self.fields[
            "conditions"
        ].help_text = (
            "Перепишите условия и запреты из подписанного согласия; пусто — не устанавливаются."
        )


class WithdrawForm(forms.Form):
    date = DateField(label="Дата отзыва", initial=timezone.localdate)
    reason = forms.CharField(
        label="Основание",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Например: «Заявление от 12.03.2026».",
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise ValidationError("Дата отзыва не может быть в будущем.", code="future")
        return value


def _not_chosen(form, *names):
    for name in names:
        field = form.fields[name]
        field.choices = [("", "— не выбрано —"), *[c for c in field.choices if c[0]]]


class MenteeRequestForm(forms.ModelForm):
    """The request for a mentor; ``submitting=True`` demands what the curator needs."""

    class Meta:
        model = MenteeRequest
        fields = [
            "difficulties",
            "other_difficulty",
            "subjects",
            "preferred_kind",
            "preferred_format",
            "expected_result",
        ]
        widgets = {
            "difficulties": forms.CheckboxSelectMultiple,
            "other_difficulty": forms.Textarea(attrs={"rows": 2}),
            "expected_result": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.fields["difficulties"].queryset = Difficulty.objects.filter(is_active=True)
        _not_chosen(self, "preferred_kind", "preferred_format")

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            if not cleaned.get("difficulties") and not cleaned.get("other_difficulty"):
                self.add_error(
                    "difficulties",
                    ValidationError(
                        "Отметьте хотя бы одно затруднение или опишите своё.",
                        code="difficulty_required",
                    ),
                )
            if not cleaned.get("expected_result"):
                self.add_error(
                    "expected_result",
                    ValidationError("Опишите ожидаемый результат.", code="result_required"),
                )
        return cleaned


class MentorProfileForm(forms.ModelForm):
    kinds_offered = forms.MultipleChoiceField(
        label="Формы наставничества, которые вы готовы вести",
        choices=MentoringKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = MentorProfile
        fields = [
            "competencies",
            "other_competencies",
            "subjects",
            "experience",
            "kinds_offered",
            "work_format",
            "max_mentees",
            "availability",
        ]
        widgets = {
            "competencies": forms.CheckboxSelectMultiple,
            "other_competencies": forms.Textarea(attrs={"rows": 2}),
            "experience": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.fields["competencies"].queryset = Difficulty.objects.filter(is_active=True)
        _not_chosen(self, "work_format")
        self.fields["max_mentees"].widget.attrs.update(min=1, max=20)

    def clean_max_mentees(self):
        value = self.cleaned_data["max_mentees"]
        if value is not None and not 1 <= value <= 20:
            raise ValidationError("Укажите число от 1 до 20.", code="max_mentees_range")
        return value

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            if not cleaned.get("competencies") and not cleaned.get("other_competencies"):
                self.add_error(
                    "competencies",
                    ValidationError(
                        "Отметьте хотя бы одну компетенцию или опишите свою.",
                        code="competency_required",
                    ),
                )
            if not cleaned.get("kinds_offered"):
                self.add_error(
                    "kinds_offered",
                    ValidationError(
                        "Отметьте хотя бы одну форму наставничества.", code="kind_required"
                    ),
                )
        return cleaned


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Комментарий для автора",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Напишите, что нужно исправить."},
    )


class TrainingForm(forms.ModelForm):
    finished_on = DateField(label="Дата окончания")

    class Meta:
        model = MentorTraining
        fields = ["title", "organiser", "finished_on", "hours", "document"]

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and hours < 1:
            raise ValidationError("Укажите число часов (не меньше 1).", code="hours")
        return hours
