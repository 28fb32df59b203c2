"""The school's weights of the mentor suggestions, and the mentee whose ranking is previewed."""

from django import forms

from mentoring_portal.versioning import VersionedFormMixin
from pairs import suggestions
from pairs.models import MatchingWeights
from pairs.models.weights import WEIGHT_MAX, WEIGHT_NAMES


class MenteeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.person.full_name


class WeightsForm(VersionedFormMixin, forms.ModelForm):
    """The six weights (0–100 each, not all zero) and, for the preview only, a mentee of the
    school's bank."""

    mentee = MenteeChoiceField(
        label="Наставляемый для примера",
        queryset=MatchingWeights.objects.none(),
        required=False,
        empty_label="— выберите наставляемого —",
        help_text="Покажем, как меняется порядок наставников для него. Ничего не сохраняется.",
    )

    class Meta:
        model = MatchingWeights
        fields = WEIGHT_NAMES
        widgets = {
            name: forms.NumberInput(attrs={"min": 0, "max": WEIGHT_MAX, "step": 1})
            for name in WEIGHT_NAMES
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = suggestions.mentee_requests(organisation)
