from django import forms
from django.core.exceptions import ValidationError

from mentoring_portal.widgets import DateInput
from participants.models import MentorAward, Person
from roadmap.models import Activity


class DateField(forms.DateField):
    """ДД.ММ.ГГГГ, as every form of the portal."""

    widget = DateInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%d.%m.%Y", "%Y-%m-%d"])
        kwargs["error_messages"] = {
            "invalid": "Введите дату в формате ДД.ММ.ГГГГ, например 31.08.2027.",
            **kwargs.get("error_messages", {}),
        }
        super().__init__(*args, **kwargs)


def present_people(organisation):
    return (
        Person.objects.filter(organisation=organisation, anonymised_at__isnull=True)
        .present()
        .order_by("last_name", "first_name", "middle_name")
    )


class LeaveForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Кто выбывает",
        queryset=Person.objects.none(),
        error_messages={
            "required": "Выберите участника.",
            "invalid_choice": "Выберите участника из списка.",
        },
    )
    left_on = DateField(label="Дата выбытия", error_messages={"required": "Укажите дату выбытия."})
    reason = forms.CharField(
        label="Причина",
        max_length=300,
        help_text="Например: «увольнение по собственному желанию», «перевод в другую школу».",
        error_messages={"required": "Укажите причину выбытия."},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = present_people(organisation)


class ReassignForm(forms.Form):
    activities = forms.ModelMultipleChoiceField(
        label="Мероприятия",
        queryset=Activity.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Отметьте мероприятия, которые передать."},
    )
    person = forms.ModelChoiceField(
        label="Назначить другого",
        queryset=Person.objects.none(),
        error_messages={
            "required": "Выберите, кому передать.",
            "invalid_choice": "Выберите участника из списка.",
        },
    )

    def __init__(self, *args, organisation, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = activities
        self.fields["person"].queryset = present_people(organisation).filter(user__isnull=False)


class AwardForm(forms.ModelForm):
    awarded_on = DateField(label="Дата", error_messages={"required": "Укажите дату поощрения."})

    class Meta:
        model = MentorAward
        fields = ["kind", "title", "awarded_on", "basis", "awarded_by"]
        error_messages = {
            "title": {"required": "Укажите, за что объявлено поощрение."},
            "basis": {"required": "Укажите основание: приказ или решение, его номер и дату."},
            "awarded_by": {"required": "Укажите, кем объявлено поощрение."},
        }

    def clean_awarded_on(self):
        from django.utils import timezone

        value = self.cleaned_data["awarded_on"]
        if value > timezone.localdate():
            raise ValidationError("Дата поощрения ещё не наступила.", code="future")
        return value
