"""The standard questionnaires that ship with the portal (типовые анкеты), copied into a school
on demand so the school may then change its copy. Modelled on the questionnaires of the target
model's monitoring (распоряжение Минпросвещения России от 25.12.2019 № Р-145)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StandardQuestion:
    text: str
    kind: str
    choices: tuple[str, ...] = ()
    required: bool = True
    measure: str = ""


@dataclass(frozen=True)
class StandardQuestionnaire:
    key: str
    title: str
    for_role: str
    description: str
    questions: tuple[StandardQuestion, ...] = field(default_factory=tuple)


FORMS_OF_WORK = (
    "Встречи один на один",
    "Посещение уроков (занятий)",
    "Совместная подготовка уроков",
    "Мастер-классы и открытые уроки",
    "Консультации онлайн",
    "Участие в конкурсах и проектах",
)

STANDARD_QUESTIONNAIRES = (
    StandardQuestionnaire(
        key="mentor",
        title="Анкета наставника",
        for_role="mentor",
        description=(
            "Анкета мониторинга программы наставничества. Оцените, пожалуйста, работу в паре "
            "(группе) и программу в целом: 1 — совсем не удовлетворён, 10 — полностью."
        ),
        questions=(
            StandardQuestion(
                "Насколько вы удовлетворены участием в программе наставничества?",
                "scale",
                measure="satisfaction",
            ),
            StandardQuestion(
                "Насколько вы удовлетворены работой с наставляемым (группой)?",
                "scale",
                measure="satisfaction",
            ),
            StandardQuestion(
                "Насколько полезной для вашего профессионального развития оказалась работа "
                "наставником?",
                "scale",
            ),
            StandardQuestion(
                "Насколько наставляемый достиг целей персонализированной программы?", "scale"
            ),
            StandardQuestion(
                "Какие формы работы были наиболее эффективными?", "multiple", FORMS_OF_WORK
            ),
            StandardQuestion(
                "Хватало ли вам времени на работу с наставляемым?",
                "single",
                ("Да, вполне", "Скорее да", "Скорее нет", "Нет"),
            ),
            StandardQuestion("Готовы ли вы продолжить работу наставником?", "yes_no"),
            StandardQuestion(
                "Что бы вы изменили в программе наставничества?", "text", required=False
            ),
        ),
    ),
    StandardQuestionnaire(
        key="mentee",
        title="Анкета наставляемого",
        for_role="mentee",
        description=(
            "Анкета мониторинга программы наставничества. Оцените, пожалуйста, работу с "
            "наставником и программу в целом: 1 — совсем не удовлетворён, 10 — полностью."
        ),
        questions=(
            StandardQuestion(
                "Насколько вы удовлетворены участием в программе наставничества?",
                "scale",
                measure="satisfaction",
            ),
            StandardQuestion(
                "Насколько вы удовлетворены работой с наставником?",
                "scale",
                measure="satisfaction",
            ),
            StandardQuestion(
                "Насколько полезной была программа для вашей профессиональной деятельности?",
                "scale",
            ),
            StandardQuestion(
                "Насколько снизились профессиональные затруднения, с которыми вы пришли?", "scale"
            ),
            StandardQuestion(
                "Какие формы работы были наиболее полезными?", "multiple", FORMS_OF_WORK
            ),
            StandardQuestion(
                "Как часто вы встречались с наставником?",
                "single",
                ("Раз в неделю и чаще", "Два-три раза в месяц", "Раз в месяц", "Реже раза в месяц"),
            ),
            StandardQuestion("Хотели бы вы сами стать наставником в будущем?", "yes_no"),
            StandardQuestion(
                "Что бы вы изменили в программе наставничества?", "text", required=False
            ),
        ),
    ),
)

STANDARD_BY_KEY = {questionnaire.key: questionnaire for questionnaire in STANDARD_QUESTIONNAIRES}
