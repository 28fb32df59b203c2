"""Forms of the municipal roadmap: which schools carry an activity out, a school's report."""

from django import forms

from roadmap.forms import EvidenceForm


class AssignSchoolsForm(forms.Form):
    everyone = forms.BooleanField(label="Всем школам района", required=False)
    schools = forms.TypedMultipleChoiceField(
        label="Или только этим школам",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Выберите школы своего района."},
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.school_list = list(schools)
        self.fields["schools"].choices = [(s.pk, s.short_name) for s in self.school_list]

    def chosen(self) -> list:
        """The schools chosen (all of them with «Всем школам района»)."""
        if self.cleaned_data["everyone"]:
            return self.school_list
        wanted = set(self.cleaned_data["schools"])
        return [school for school in self.school_list if school.pk in wanted]


class SchoolReportForm(EvidenceForm):
    report = forms.CharField(
        label="Что сделано",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Напишите, что школа сделала."},
    )
    field_order = ["report", "file", "url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["title"]
