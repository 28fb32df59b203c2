from decimal import Decimal

from django import forms
from django.forms import inlineformset_factory

from mentoring_portal.widgets import DateInput
from monitoring.indicators import COMPUTED
from monitoring.models import (
    Campaign,
    ManualIndicator,
    MonitoringYear,
    Question,
    Questionnaire,
)
from monitoring.models.questionnaire import SCALE_MAX, SCALE_MIN
from participants.pickers import PeoplePickerField


def date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
    )


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "for_role", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["order", "text", "kind", "choices", "required", "measure"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "choices": forms.Textarea(attrs={"rows": 3}),
            "order": forms.NumberInput(attrs={"class": "monitoring-order"}),
        }

    def clean(self):
        data = super().clean()
        kind, choices = data.get("kind"), data.get("choices", "")
        lines = [line for line in choices.splitlines() if line.strip()]
        if kind in Question.CHOICE_KINDS and len(lines) < 2:
            self.add_error(
                "choices",
                forms.ValidationError(
                    "Для выбора нужно не меньше двух вариантов, каждый с новой строки.",
                    code="choices_needed",
                ),
            )
        if kind not in Question.CHOICE_KINDS:
            data["choices"] = ""
        if data.get("measure") and kind != Question.Kind.SCALE:
            self.add_error(
                "measure",
                forms.ValidationError(
                    "В показатели идёт только вопрос со шкалой от 1 до 10.", code="measure_scale"
                ),
            )
        return data


QuestionFormSet = inlineformset_factory(
    Questionnaire, Question, form=QuestionForm, extra=2, can_delete=True
)


class CampaignForm(forms.Form):
    starts_on = date_field("Начало")
    ends_on = date_field("Окончание")
    audience = forms.ChoiceField(label="Кого опрашиваем", choices=Campaign.Audience.choices)
    people = PeoplePickerField(
        "people", label="Участники (для «Выбранные участники»)", required=False
    )
    anonymous = forms.BooleanField(
        label="Анонимное анкетирование",
        required=False,
        help_text="Ответы нельзя будет связать с участником — даже в базе данных; видно только, "
        "кто уже ответил.",
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].scope(organisation)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error(
                "ends_on",
                forms.ValidationError("Дата окончания раньше даты начала.", code="period_order"),
            )
        if data.get("audience") == Campaign.Audience.CHOSEN and not data.get("people"):
            self.add_error(
                "people",
                forms.ValidationError("Выберите участников анкетирования.", code="no_people"),
            )
        return data


class AnswerForm(forms.Form):
    """The questionnaire as a form: one field per question. ``draft`` relaxes «required»."""

    def __init__(self, *args, questions, draft: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            required = question.required and not draft
            name = self.field_name(question)
            label = f"{question.order}. {question.text}"
            if question.kind == Question.Kind.SCALE:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(n, str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)],
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    required=required,
                    help_text="1 — совсем нет, 10 — полностью.",
                )
            elif question.kind == Question.Kind.YES_NO:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(1, "Да"), (0, "Нет")],
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    required=required,
                )
            elif question.kind == Question.Kind.SINGLE:
                field = forms.ChoiceField(
                    label=label,
                    choices=[(c, c) for c in question.choice_list()],
                    widget=forms.RadioSelect,
                    required=required,
                )
            elif question.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=[(c, c) for c in question.choice_list()],
                    widget=forms.CheckboxSelectMultiple,
                    required=required,
                )
            else:
                field = forms.CharField(
                    label=label,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=required,
                    max_length=5000,
                )
            # Scales and yes/no lay out on one line.
            field.inline = question.kind in (Question.Kind.SCALE, Question.Kind.YES_NO)
            self.fields[name] = field

    @staticmethod
    def field_name(question) -> str:
        return f"q{question.pk}"

    def answers(self) -> dict[int, dict]:
        """{question pk: answer values} of the questions answered."""
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(self.field_name(question))
            if value in (None, "", []):
                continue
            if question.kind in (Question.Kind.SCALE, Question.Kind.YES_NO):
                result[question.pk] = {"number": value}
            elif question.kind == Question.Kind.MULTIPLE:
                result[question.pk] = {"choices": list(value)}
            else:
                result[question.pk] = {"text": value.strip()}
        return result

    def draft_data(self) -> dict:
        """What to keep in a draft: the raw values, to put back in the form later."""
        return {
            name: (self.data.getlist(name) if name in self.data else []) for name in self.fields
        }


class ConclusionsForm(forms.ModelForm):
    class Meta:
        model = MonitoringYear
        fields = ["conclusions"]
        widgets = {"conclusions": forms.Textarea(attrs={"rows": 8})}


class TargetsForm(forms.Form):
    """The target of each computed indicator."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, (title, _stage, unit) in COMPUTED.items():
            self.fields[code] = forms.DecimalField(
                label=f"{title}, {unit}",
                required=False,
                max_digits=12,
                decimal_places=2,
                min_value=Decimal(0),
            )


class ManualIndicatorForm(forms.ModelForm):
    class Meta:
        model = ManualIndicator
        fields = ["order", "title", "stage", "unit", "value", "target"]


ManualIndicatorFormSet = inlineformset_factory(
    MonitoringYear, ManualIndicator, form=ManualIndicatorForm, extra=2, can_delete=True
)


class YearCreateForm(forms.Form):
    year = forms.IntegerField(label="Учебный год (год начала)", min_value=2015, max_value=2100)
