"""Forms of the pairs app: they validate and normalise; views and services save."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from mentoring_portal.versioning import VersionedFormMixin
from mentoring_portal.widgets import DateInput, date_bounds
from pairs import services
from pairs.models import (
    DutiesConsent,
    Meeting,
    MentoringForm,
    NextMeeting,
    Order,
    OrderKind,
    OrderTemplate,
    Pair,
    Program,
    ProgramItem,
    Regulation,
)
from participants import pickers
from participants.pickers import PeoplePickerField
from roadmap.models import Roadmap

MAX_SCAN_SIZE = 10 * 1024 * 1024
SCAN_SIGNATURES = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


class DateField(forms.DateField):
    """ДД.ММ.ГГГГ, as every form of the portal."""

    widget = DateInput()
    default_error_messages = {"invalid": "Введите дату в формате ДД.ММ.ГГГГ, например 01.09.2026."}


class PairForm(VersionedFormMixin, forms.Form):
    """A pair or group: the rules of :func:`services.pair_check` become field errors."""

    form = forms.ModelChoiceField(
        label="Форма наставничества",
        queryset=MentoringForm.objects.filter(group=MentoringForm.Group.FORM, is_active=True),
    )
    kind = forms.ModelChoiceField(
        label="Вид наставничества",
        queryset=MentoringForm.objects.filter(group=MentoringForm.Group.KIND, is_active=True),
        required=False,
    )
    mentors = PeoplePickerField("mentors", label="Наставники")
    mentees = PeoplePickerField("mentees", label="Наставляемые")
    period_start = DateField(label="Начало")
    period_end = DateField(label="Окончание")
    goal = forms.CharField(label="Цель", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisation, pair: Pair | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.pair = pair
        # Mentors from the mentor bank, mentees from the mentee bank (participants.pickers).
        self.fields["mentors"].scope(organisation)
        self.fields["mentees"].scope(organisation)
        roadmap = services.current_roadmap(organisation)
        if roadmap is not None:  # the calendar opens inside the roadmap's period
            date_bounds(self.fields["period_start"], roadmap.period_start, roadmap.period_end)
            date_bounds(self.fields["period_end"], roadmap.period_start, roadmap.period_end)
        if pair is not None and not self.is_bound:
            self.initial.update(self.record_initial(pair))
        self.carry_version(pair)

    def record_initial(self, record) -> dict:
        return {
            "form": record.form,
            "kind": record.kind,
            "mentors": [m.person for m in record.mentors],
            "mentees": [m.person for m in record.mentees],
            "period_start": record.period_start,
            "period_end": record.period_end,
            "goal": record.goal,
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            services.pair_check(
                organisation=self.organisation,
                form=data["form"],
                mentors=list(data["mentors"]),
                mentees=list(data["mentees"]),
                period_start=data["period_start"],
                period_end=data["period_end"],
                pair=self.pair,
            )
        except ValidationError as error:
            for field, messages in error.error_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "form": data["form"],
            "kind": data["kind"],
            "mentors": list(data["mentors"]),
            "mentees": list(data["mentees"]),
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "goal": data["goal"],
        }


class EndEarlyForm(forms.Form):
    ended_on = DateField(label="Дата прекращения")
    reason = forms.CharField(label="Причина", widget=forms.Textarea(attrs={"rows": 3}))


def validate_scan(scan):
    if scan.size > MAX_SCAN_SIZE:
        raise ValidationError("Файл больше 10 МБ.", code="too_big")
    head = scan.read(16)
    scan.seek(0)
    if not head.startswith(SCAN_SIGNATURES):
        raise ValidationError("Загрузите скан в формате PDF, JPEG или PNG.", code="scan_type")
    return scan


class DutiesConsentForm(forms.Form):
    """Recorded by the curator: method, dates, the agreement, a scan for a paper consent."""

    method = forms.ChoiceField(label="Способ", choices=DutiesConsent.Method.choices)
    given_on = DateField(label="Дата согласия")
    typed_name = forms.CharField(
        label="ФИО, введённые наставником (для онлайн-согласия)", required=False
    )
    scan = forms.FileField(label="Скан согласия", required=False)
    agreement_number = forms.CharField(label="Номер дополнительного соглашения", max_length=50)
    agreement_date = DateField(label="Дата дополнительного соглашения")

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        return validate_scan(scan) if scan else scan


class DutiesConsentOnlineForm(forms.Form):
    """Given by the mentor: they type their full name to confirm."""

    typed_name = forms.CharField(
        label="Фамилия, имя, отчество полностью",
        help_text="Вводя ФИО, вы подтверждаете согласие на возложение дополнительных "
        "обязанностей, связанных с наставнической деятельностью.",
    )
    agreement_number = forms.CharField(label="Номер дополнительного соглашения", max_length=50)
    agreement_date = DateField(label="Дата дополнительного соглашения")


class OrderCreateForm(forms.Form):
    kind = forms.ChoiceField(label="Вид приказа", choices=[])
    amends = forms.ModelChoiceField(
        label="Вносит изменения в приказ", queryset=Order.objects.none(), required=False
    )
    # The proposed pairs, each with a check box and none checked: only what the curator checks
    # goes into an order fixing pairs (nothing is included silently).
    pairs = forms.ModelMultipleChoiceField(
        label="Пары и группы, которые войдут в приказ о закреплении",
        queryset=Pair.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = OrderKind.choices
        self.fields["amends"].queryset = Order.objects.filter(
            organisation=organisation, status=Order.Status.SIGNED
        ).order_by("-year", "-number")
        self.fields["pairs"].queryset = (
            Pair.objects.filter(organisation=organisation, status=Pair.Status.PROPOSED)
            .with_members()
            .order_by("pk")
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == OrderKind.PAIRS and not data.get("pairs"):
            message = (
                "Отметьте пары (группы), которые войдут в приказ."
                if self.fields["pairs"].queryset.exists()
                else "Предложенных пар (групп) нет: сначала составьте пары, приказ их закрепляет."
            )
            self.add_error("pairs", ValidationError(message, code="no_pairs"))
        if data.get("kind") == OrderKind.AMENDMENT and not data.get("amends"):
            self.add_error(
                "amends",
                ValidationError(
                    "Укажите подписанный приказ, в который вносятся изменения.", code="no_amends"
                ),
            )
        return data


class OrderForm(VersionedFormMixin, forms.ModelForm):
    date = DateField(
        label="Дата приказа",
        required=False,
        help_text="Оставьте пустой: приказ датируется днём подписания и тогда же получает номер.",
    )
    pairs = forms.ModelMultipleChoiceField(
        label="Пары и группы (приложение)",
        queryset=Pair.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Order
        fields = ["date", "title", "amends", "preamble", "points", "controller"]
        widgets = {
            "preamble": forms.Textarea(attrs={"rows": 6}),
            "points": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        order = self.instance
        self.fields["amends"].queryset = (
            Order.objects.filter(organisation=organisation, status=Order.Status.SIGNED)
            .exclude(pk=order.pk)
            .order_by("-year", "-number")
        )
        self.fields["amends"].required = order.kind == "amendment"
        if order.kind == OrderKind.ROADMAP:
            self.fields["roadmap"] = forms.ModelChoiceField(
                label="Утверждаемая дорожная карта (приложение)",
                queryset=Roadmap.objects.filter(
                    organisation=organisation,
                    status__in=[Roadmap.Status.DRAFT, Roadmap.Status.ON_APPROVAL],
                ),
                initial=order.roadmap_id,
                error_messages={"required": "Выберите дорожную карту, которую утверждает приказ."},
            )
        self._add_point_fields(organisation)
        if order.has_pairs_table:
            self.fields["pairs"].queryset = (
                Pair.objects.filter(organisation=organisation)
                .filter(Q(status=Pair.Status.PROPOSED) | Q(pk__in=order.pairs.values("pk")))
                .with_members()
                .order_by("pk")
            )
            self.initial.setdefault("pairs", list(order.pairs.all()))
        else:
            del self.fields["pairs"]

    def _add_point_fields(self, organisation) -> None:
        """For each point (a line of the text as sent, or as saved): whom it names — chosen
        from the school's people, printed with post and name in the case of its «{кого}»,
        «{кому}», «{кем}» — and its deadline; and the person given control."""
        order = self.instance
        text = self.data.get("points", order.points) if self.is_bound else order.points
        lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
        people_ids, deadlines = order.point_people_ids(), order.point_deadlines()
        for index, line in enumerate(lines):
            short = line if len(line) <= 90 else line[:90] + "…"
            field = PeoplePickerField(
                "people",
                label=f"Пункт {index + 1}: кого называет",
                required=False,
                help_text=f"«{short}»",
                initial=people_ids[index] if index < len(people_ids) else [],
            )
            field.scope(organisation)
            self.fields[f"point_{index}_people"] = field
            self.fields[f"point_{index}_deadline"] = DateField(
                label=f"Пункт {index + 1}: срок исполнения",
                required=False,
                initial=date.fromisoformat(deadlines[index])
                if index < len(deadlines) and deadlines[index]
                else None,
            )
        self.point_count = len(lines)
        self.fields["points"].help_text = (
            "Каждый пункт с новой строки, без номера. Где пункт называет людей, напишите {кого}, "
            "{кому} или {кем} (после «|» — что печатать, если никто не выбран); без этого "
            "выбранные ниже люди печатаются в начале пункта: «Заместителю директора по УВР "
            "Кравцовой Елене Александровне обеспечить …». Люди и сроки относятся к пунктам по "
            "порядку."
        )
        self.fields["controller_person"] = forms.ModelChoiceField(
            label="Контроль исполнения возложить на (сотрудника)",
            queryset=pickers.people(organisation).exclude(category=pickers.Person.Category.STUDENT),
            required=False,
            initial=order.controller_person_id,
            help_text="Если выбран, печатается с должностью вместо текста выше.",
        )

    def point_details(self) -> dict:
        data = self.cleaned_data
        points = []
        for index in range(self.point_count):
            deadline = data.get(f"point_{index}_deadline")
            points.append(
                {
                    "people": [p.pk for p in data.get(f"point_{index}_people") or []],
                    "deadline": deadline.isoformat() if deadline else None,
                }
            )
        controller = data.get("controller_person")
        return {"points": points, "controller": controller.pk if controller else None}


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Что исправить", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


class RegulationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Regulation
        fields = ["title", "text"]
        widgets = {"title": forms.TextInput(), "text": forms.Textarea(attrs={"rows": 30})}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not Regulation(text=text).blocks():
            raise ValidationError("Текст Положения пуст.", code="empty")
        return text


class OrderTemplateForm(forms.ModelForm):
    class Meta:
        model = OrderTemplate
        fields = ["title", "preamble", "points"]
        widgets = {
            "preamble": forms.Textarea(attrs={"rows": 8}),
            "points": forms.Textarea(attrs={"rows": 8}),
        }


class ProgramForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Program
        fields = ["goals", "tasks", "final_result"]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 3}),
            "tasks": forms.Textarea(attrs={"rows": 5}),
            "final_result": forms.Textarea(attrs={"rows": 3}),
        }


class ProgramItemForm(forms.ModelForm):
    due = DateField(label="Срок")

    class Meta:
        model = ProgramItem
        fields = ["title", "due", "expected_result"]
        widgets = {"expected_result": forms.Textarea(attrs={"rows": 2})}


class MeetingForm(forms.ModelForm):
    date = DateField(label="Дата встречи")

    class Meta:
        model = Meeting
        fields = ["date", "topic", "done"]
        widgets = {"done": forms.Textarea(attrs={"rows": 3})}


class NextMeetingForm(forms.ModelForm):
    date = DateField(label="Дата")
    time = forms.TimeField(
        label="Время",
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "ЧЧ:ММ"}),
        error_messages={"invalid": "Введите время в формате ЧЧ:ММ, например 15:30."},
    )

    class Meta:
        model = NextMeeting
        fields = ["date", "time", "place"]
        help_texts = {
            "place": "Кабинет или адрес; для встречи онлайн — ссылка (https://…).",
        }
