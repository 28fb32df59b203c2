"""The year's indicators, computed from the data in ONE place: the page, the PDF and the Excel
export all read :func:`compute_indicators` (or, once the year is approved, its frozen copy).

Stage 1 of the target model's monitoring is the quality of the program's implementation, stage 2
its influence on the participants.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from monitoring.figures import (
    FORMED_STATUSES,  # noqa: F401 (re-exported: other modules import it from here)
    Figures,
    activities_due_of,
    satisfaction_answers_of,
    school_figures,
    share,
    year_pairs_of,
)
from monitoring.models import ManualIndicator, MonitoringYear
from monitoring.models.year import Stage

PERCENT, COUNT, PEOPLE, POINTS = "%", "шт.", "чел.", "балл"


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    title: str
    stage: int
    unit: str
    value: Decimal | None
    target: Decimal | None = None
    # Why there is no value («анкеты наставников не заполнены (0 из 12)»), from the same
    # figures as the value; frozen with it when the year is approved.
    note: str = ""

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    @property
    def how(self) -> str:
        """How the value is computed, in Russian (the tooltip of the indicator)."""
        return how_computed(self.code)

    @property
    def reached(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value >= self.target


# code -> (title, stage, unit), in the order of the report.
COMPUTED = {
    "pairs_formed": ("Сформировано наставнических пар", Stage.QUALITY, COUNT),
    "groups_formed": ("Сформировано наставнических групп", Stage.QUALITY, COUNT),
    "mentors_in_bank": ("Наставников в банке наставников", Stage.QUALITY, PEOPLE),
    "mentees_in_bank": ("Наставляемых в банке наставляемых", Stage.QUALITY, PEOPLE),
    "young_teachers_mentees": (
        "Доля педагогов в возрасте до 35 лет, участвующих в программе как наставляемые",
        Stage.QUALITY,
        PERCENT,
    ),
    "young_teachers_with_mentor": (
        "Доля педагогов в возрасте до 35 лет, закреплённых за наставником",
        Stage.QUALITY,
        PERCENT,
    ),
    "mentees_with_pair": (
        "Доля наставляемых из банка, закреплённых за наставником",
        Stage.QUALITY,
        PERCENT,
    ),
    "pupils_involved": (
        "Доля обучающихся в возрасте от 10 до 18 лет, вовлечённых в различные формы наставничества",
        Stage.QUALITY,
        PERCENT,
    ),
    "pupils_mentees": (
        "Доля обучающихся в возрасте от 10 до 18 лет — наставляемых",
        Stage.QUALITY,
        PERCENT,
    ),
    "pupils_mentors": (
        "Доля обучающихся в возрасте от 10 до 18 лет — наставников",
        Stage.QUALITY,
        PERCENT,
    ),
    "roadmap_on_time": (
        "Доля мероприятий дорожной карты, выполненных в срок",
        Stage.QUALITY,
        PERCENT,
    ),
    "program_items_done": (
        "Доля выполненных мероприятий персонализированных программ наставничества",
        Stage.QUALITY,
        PERCENT,
    ),
    "survey_participation": (
        "Доля участников, ответивших на анкеты мониторинга",
        Stage.INFLUENCE,
        PERCENT,
    ),
    "mentor_satisfaction": (
        "Средняя удовлетворённость наставников программой (от 1 до 10)",
        Stage.INFLUENCE,
        POINTS,
    ),
    "mentee_satisfaction": (
        "Средняя удовлетворённость наставляемых программой (от 1 до 10)",
        Stage.INFLUENCE,
        POINTS,
    ),
}

FORMED = (
    "пары и группы, закреплённые приказом (и завершённые), чей период пересекается с учебным годом"
)
HOW = {
    "pairs_formed": f"Число пар (один наставник и один наставляемый): {FORMED}.",
    "groups_formed": f"Число групп (несколько наставников или наставляемых): {FORMED}.",
    "mentors_in_bank": "Анкеты наставников, принятые в банк (в банке, обучен, действующий), "
    "у участников с действующим согласием — на сегодня.",
    "mentees_in_bank": "Запросы, принятые в банк наставляемых (в банке, в паре), у участников с "
    "действующим согласием — на сегодня.",
    "young_teachers_mentees": "Педагоги и молодые специалисты моложе 35 лет на начало учебного "
    "года, которые наставляемые в паре этого года или в банке наставляемых, — от всех педагогов "
    "моложе 35 лет (без отозвавших согласие; без даты рождения не учитываются).",
    "young_teachers_with_mentor": "Педагоги моложе 35 лет на начало учебного года, наставляемые в "
    "паре или группе этого года, — от всех педагогов моложе 35 лет.",
    "mentees_with_pair": "Наставляемые из банка, которые состоят в паре или группе этого учебного "
    "года, — от всех наставляемых в банке. Пара другого года не считается.",
    "pupils_involved": "Обучающиеся от 10 до 18 лет на начало учебного года, которые наставляемые "
    "или наставники в паре или группе этого года, — от всех обучающихся этого возраста "
    "(без даты рождения не учитываются). Федеральный ориентир — не менее 70 %.",
    "pupils_mentees": "Обучающиеся от 10 до 18 лет, наставляемые в паре или группе этого года, — "
    "от всех обучающихся этого возраста.",
    "pupils_mentors": "Обучающиеся от 10 до 18 лет, наставники в паре или группе этого года "
    "(«ученик – ученик»), — от всех обучающихся этого возраста.",
    "roadmap_on_time": "Мероприятия утверждённой дорожной карты со сроком в этом учебном году, "
    "наступившим к сегодняшнему дню (ежегодные — срок этого года): доля тех, выполнение которых "
    "куратор принял не позднее срока. Отменённые и ещё не наступившие не считаются.",
    "program_items_done": "Пункты планов персонализированных программ со сроком в этом учебном "
    "году, наступившим к сегодняшнему дню: доля отмеченных выполненными.",
    "survey_participation": "Приглашения в анкетирования, начатые в этом учебном году: доля "
    "ответивших.",
    "mentor_satisfaction": "Среднее оценок по шкале 1–10 в вопросах об удовлетворённости анкет "
    "наставников этого учебного года.",
    "mentee_satisfaction": "Среднее оценок по шкале 1–10 в вопросах об удовлетворённости анкет "
    "наставляемых этого учебного года.",
}


def how_computed(code: str) -> str:
    """The tooltip of an indicator, by its code (breakdown lines by their prefix)."""
    if code in HOW:
        return HOW[code]
    if code.startswith("pairs_form_"):
        return f"Число пар и групп этой формы: {FORMED}."
    if code.startswith("pairs_kind_"):
        return f"Число пар и групп этого вида: {FORMED}."
    if code.startswith("pupils_"):
        return (
            "Обучающиеся от 10 до 18 лет на начало учебного года в парах и группах этой "
            "формы этого года (каждый считается один раз)."
        )
    return "Значение внесено куратором вручную."


def year_pairs(organisation, start: date, end: date):
    """Pairs and groups formed that worked during the year (their period overlaps it)."""
    return year_pairs_of([organisation.pk], start, end)


def roadmap_activities_due(organisation, start: date, end: date, today: date):
    """(activity, due date, done on time) of the school's approved roadmaps: see
    :func:`monitoring.figures.activities_due_of`."""
    return activities_due_of([organisation.pk], start, end, today)


def satisfaction_answers(organisation, start, end, for_role: str):
    """Answers to the satisfaction questions of the year's campaigns for a role."""
    return satisfaction_answers_of([organisation.pk], start, end, for_role)


def _share(part: int, whole: int, nothing: str) -> tuple[Decimal | None, str]:
    """A percentage and, where there is nothing to divide, why: ``nothing`` says what is
    missing."""
    value = share(part, whole)
    return value, "" if value is not None else nothing


def _satisfaction(value, invited_answered: tuple[int, int] | None, whom: str):
    if value is not None:
        return value, ""
    if not invited_answered:
        return None, f"анкетирование {whom} в учебном году не проводилось"
    invited, answered = invited_answered
    if not answered:
        return None, f"анкеты {whom} не заполнены (0 из {invited})"
    return (
        None,
        f"в заполненных анкетах {whom} нет вопросов об удовлетворённости ({answered} из {invited})",
    )


def figures_of(figures: Figures) -> dict[str, tuple[Decimal | None, str]]:
    """The computed indicators of one school's :class:`Figures`: code -> (value, why there is
    none — empty when there is a value). The reason comes from the very counts the value does."""
    f = figures
    young = "нет педагогов моложе 35 лет с указанной датой рождения"
    pupils = "нет обучающихся от 10 до 18 лет с указанной датой рождения"
    return {
        "pairs_formed": (Decimal(f.pairs), ""),
        "groups_formed": (Decimal(f.groups), ""),
        "mentors_in_bank": (Decimal(f.mentors_in_bank), ""),
        "mentees_in_bank": (Decimal(f.mentees_in_bank), ""),
        "young_teachers_mentees": _share(f.young_teachers_mentees, f.young_teachers, young),
        "young_teachers_with_mentor": _share(f.young_teachers_with_mentor, f.young_teachers, young),
        "mentees_with_pair": _share(
            f.mentees_in_bank_paired, f.mentees_in_bank, "банк наставляемых пуст"
        ),
        "pupils_involved": _share(f.pupils_involved, f.pupils, pupils),
        "pupils_mentees": _share(f.pupils_mentees, f.pupils, pupils),
        "pupils_mentors": _share(f.pupils_mentors, f.pupils, pupils),
        "roadmap_on_time": _share(
            f.activities_on_time,
            f.activities_due,
            "срок ни одного мероприятия утверждённой дорожной карты ещё не наступил",
        ),
        "program_items_done": _share(
            f.program_items_done,
            f.program_items_due,
            "срок ни одного пункта персонализированных программ ещё не наступил",
        ),
        "survey_participation": _share(
            f.answered, f.invited, "анкетирование в учебном году не проводилось (0 приглашений)"
        ),
        "mentor_satisfaction": _satisfaction(
            f.mentor_satisfaction, f.invited_by_role.get("mentor"), "наставников"
        ),
        "mentee_satisfaction": _satisfaction(
            f.mentee_satisfaction, f.invited_by_role.get("mentee"), "наставляемых"
        ),
    }


def values_of(figures: Figures) -> dict[str, Decimal | None]:
    """The computed indicators (code -> value) of one school's :class:`Figures`."""
    return {code: value for code, (value, _note) in figures_of(figures).items()}


def breakdown_of(figures: Figures) -> list[IndicatorValue]:
    """Pairs by form and by kind, pupils by form: one line each, after the main indicators
    (they are frozen with them, so a past year keeps its breakdown)."""
    lines = []
    for number, (name, count) in enumerate(sorted(figures.by_form.items()), start=1):
        lines.append(
            IndicatorValue(
                f"pairs_form_{number}",
                f"Пар и групп в форме «{name}»",
                Stage.QUALITY,
                COUNT,
                Decimal(count),
            )
        )
    for number, (name, count) in enumerate(sorted(figures.by_kind.items()), start=1):
        lines.append(
            IndicatorValue(
                f"pairs_kind_{number}",
                f"Пар и групп вида «{name}»",
                Stage.QUALITY,
                COUNT,
                Decimal(count),
            )
        )
    for number, (name, (mentees, mentors)) in enumerate(
        sorted(figures.pupils_by_form.items()), start=1
    ):
        for role, label, count in (
            ("mentees", "наставляемые", mentees),
            ("mentors", "наставники", mentors),
        ):
            if count:
                lines.append(
                    IndicatorValue(
                        f"pupils_{role}_form_{number}",
                        f"Обучающиеся 10–18 лет как {label} в форме «{name}»",
                        Stage.QUALITY,
                        PEOPLE,
                        Decimal(count),
                    )
                )
    return lines


def compute_indicators(*, organisation, year: int, today: date | None = None):
    """Every indicator of the academic year starting in ``year``, computed now: the computed
    ones first (with the targets the curator set), the breakdowns by form and kind, then those
    entered by hand."""
    today = today or timezone.localdate()
    figures = school_figures([organisation], year, today)[organisation.pk]
    values = figures_of(figures)
    monitoring_year = MonitoringYear.objects.filter(organisation=organisation, year=year).first()
    targets, manual = {}, []
    if monitoring_year is not None:
        targets = dict(monitoring_year.targets.values_list("code", "target"))
        manual = list(ManualIndicator.objects.filter(monitoring_year=monitoring_year))
    result = [
        IndicatorValue(
            code, title, int(stage), unit, values[code][0], targets.get(code), values[code][1]
        )
        for code, (title, stage, unit) in COMPUTED.items()
    ]
    result += breakdown_of(figures)
    result += [
        IndicatorValue(
            item.code,
            item.title,
            item.stage,
            item.unit,
            item.value,
            item.target,
            "" if item.value is not None else "значение не внесено",
        )
        for item in manual
    ]
    return result
