from django import forms

from notifications.kinds import DELIVERY_CHOICES, KINDS


class PreferencesForm(forms.Form):
    """E-mail for each kind of notification: at once, in the daily digest, or not at all (the
    bell always shows everything)."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, (label, default) in KINDS.items():
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=DELIVERY_CHOICES,
                initial=current.get(kind, default),
                widget=forms.RadioSelect,
            )
