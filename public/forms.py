from django import forms
from django.core.exceptions import ValidationError

from participants.forms import DateField
from participants.models import Person
from public.models import Names, Post, Section

MAX_PHOTO_SIZE = 5 * 1024 * 1024
PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def people_of(organisation):
    return Person.objects.filter(organisation=organisation, anonymised_at__isnull=True).order_by(
        "last_name", "first_name", "middle_name"
    )


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["slug", "description", "aims", "forms_text", "curator", "contacts"]
        widgets = {
            "aims": forms.Textarea(attrs={"rows": 4}),
            "forms_text": forms.Textarea(attrs={"rows": 3}),
            "contacts": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "slug": {"unique": "Этот адрес уже занят другой школой."},
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curator"].queryset = people_of(organisation)
        self.fields["curator"].empty_label = "Не показывать"

    def clean_slug(self):
        return self.cleaned_data["slug"].strip().lower()


def validate_photo(upload):
    if upload.size > MAX_PHOTO_SIZE:
        raise ValidationError("Фотография больше 5 МБ.", code="too_big")
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in PHOTO_SIGNATURES):
        raise ValidationError("Загрузите фотографию в формате JPG или PNG.", code="bad_photo")


class PostForm(forms.ModelForm):
    date = DateField(label="Дата")
    photo = forms.FileField(
        label="Фотография",
        required=False,
        validators=[validate_photo],
        help_text="JPG или PNG, не больше 5 МБ.",
    )

    class Meta:
        model = Post
        fields = ["kind", "title", "date", "body", "photo", "photo_alt", "people", "names"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "people": forms.SelectMultiple(attrs={"size": 8}),
            "names": forms.RadioSelect,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people_of(organisation)
        self.fields["names"].choices = Names.choices
        self.fields["names"].required = True

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("photo") or self.instance.photo) and not cleaned.get("photo_alt"):
            self.add_error(
                "photo_alt",
                ValidationError(
                    "Опишите, что на фотографии: это прочитает тот, кто её не видит.",
                    code="alt_required",
                ),
            )
        return cleaned


class PublishForm(forms.Form):
    names = forms.ChoiceField(
        label="Люди в документе",
        choices=Names.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите, как показать людей в документе."},
    )
